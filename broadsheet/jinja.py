"""The Jinja2 environment of the public pages (broadsheet/jinja2/: base.html and the pages
that extend it, with their parts). The admin keeps Django's own template language.

Why two engines: Django's template language interprets a tree of nodes on every render,
and was the largest single cost of an uncached article page; Jinja2 compiles each
template to Python once (the article page's templates: about 5.1 -> 3.5 ms of CPU, most
of what is left being the helpers' work: dates, URLs, translations).

Everything else is Django's: gettext and ngettext (the same message ids as
`{% blocktranslate %}`), static files, URLs, date formats in the site's language and time
zone, and escaping, spelled as Django spells it, so pages are byte for byte what Django's
templates made (its safe strings pass through untouched).
"""

from __future__ import annotations

import html
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from jinja2 import ChainableUndefined, Environment, pass_context
from markupsafe import Markup

from broadsheet.comments.display import comment_list_html
from broadsheet.feeds.metadata import Metadata, for_context, iso
from broadsheet.lib.remembered import day_text
from broadsheet.related.queries import related_articles as _related_articles


def environment(**options: Any) -> Environment:
    # As in Django's templates: a template's last newline is kept, and a missing value
    # (also one further down a missing one) shows as nothing.
    options["undefined"] = ChainableUndefined
    options.pop("autoescape", None)  # always on, whatever the settings say
    env = Environment(
        autoescape=True,
        finalize=finalize,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        **options,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translation.gettext, translation.ngettext, newstyle=True
    )
    # {% trans %}'s values escaped as everything else is (below), not by markupsafe.
    env.globals.update(gettext=gettext, _=gettext, ngettext=ngettext)
    env.globals.update(
        static=static_url,
        url=url,
        get_language=translation.get_language,
        get_language_bidi=translation.get_language_bidi,
        page_metadata=page_metadata,
        related_articles=related_articles,
        comment_list=comment_list,
        widthratio=widthratio,
    )
    env.filters.update(
        date=date,
        time=time,
        iso_datetime=iso,
        linebreaks=defaultfilters.linebreaks_filter,
        truncatewords=defaultfilters.truncatewords,
    )
    return env


def escape(value: Any) -> Markup:
    """Django's escaping (html.escape: &quot; and &#x27;), which markupsafe's differs from
    (&#34; and &#39;) only in spelling: pages stay byte for byte what they were."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())  # noqa: S704  (already safe: Django's or Jinja2's)
    return Markup(html.escape(str(value)))  # noqa: S704  (escaped here)


def finalize(value: Any) -> Any:
    """Every {{ value }}, escaped the Django way before Jinja2 would (it then sees it safe)."""
    return escape(value)


# Jinja2's "newstyle" gettext (what {% trans %} and _() call): the translation is trusted,
# as in Django's templates, and always a format string; its values are escaped as above.
def gettext(message: str, **variables: Any) -> Markup:
    escaped = {k: escape(v) for k, v in variables.items()}
    return Markup(translation.gettext(message) % escaped)  # noqa: S704


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
    variables.setdefault("num", num)
    escaped = {k: escape(v) for k, v in variables.items()}
    return Markup(translation.ngettext(singular, plural, num) % escaped)  # noqa: S704


@lru_cache(maxsize=256)
def static_url(path: str) -> str:
    """A static file's URL: the same for the life of the process (the manifest of hashed
    names is read once), so looked up once per path."""
    return static(path)


@receiver(setting_changed)
def _forget_static_urls(*, setting: str, **kwargs: Any) -> None:
    if setting in ("STATIC_URL", "STORAGES", "STATIC_ROOT"):
        static_url.cache_clear()


def url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def date(value: Any, arg: str | None = None) -> str:
    """Django's `date` filter, in the site's time zone as Django's templates show it."""
    local = timezone.template_localtime(value)
    if arg == "DATE_FORMAT" and isinstance(local, datetime):
        return day_text(local)  # the same, remembered (broadsheet.lib.remembered)
    return defaultfilters.date(local, arg)


def time(value: Any, arg: str | None = None) -> str:
    return defaultfilters.time(timezone.template_localtime(value), arg)


def widthratio(value: Any, max_value: Any, max_width: int) -> str:
    """Django's `{% widthratio %}`: value / max_value * max_width, rounded."""
    try:
        return str(round(float(value) / float(max_value) * max_width))
    except ZeroDivisionError:
        return "0"
    except (ValueError, TypeError, OverflowError):
        return ""


@pass_context
def page_metadata(context: Any) -> Metadata:
    """What the page says about itself to machines (broadsheet.feeds.metadata)."""
    return for_context(context)


def related_articles(article: Any) -> list:
    """The article's related block, one query (broadsheet.related.queries)."""
    if article is None or getattr(article, "kind", None) != "post":
        return []
    return _related_articles(article)


@pass_context
def comment_list(context: Any) -> SafeString:
    """The comment region's threads (broadsheet.comments.display)."""
    return comment_list_html(
        context.get("comment_threads") or (),
        page_url=context.get("comment_page_url") or "",
        comments_open=bool(context.get("comments_open")),
        staff_view=bool(context.get("comment_staff_view")),
    )
