"""The threaded comment list as HTML, built in Python in one pass.

This was a template including itself once per comment; Django's template engine spent
about two thirds of the article page's time there (variable lookups, a blocktranslate
context per string, an include per comment). Here the strings that are the same for every
comment (translations) are looked up once per list, and each comment costs a few escapes
and two lookups for its day and time of day. The markup is WordPress's (its
comment list's classes and ids, which themes and comment-reply.js rely on), exactly as the
template wrote it.

What is escaped: every value from a reader (name, website, the page URL) goes through
`html.escape` (what Django's `escape` calls); the comment's body is the HTML sanitised
when it was saved (content_html); the avatar is an SVG drawn from digits only;
translations are trusted, as in templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from html import escape
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from broadsheet.lib.remembered import day_text, time_text

if TYPE_CHECKING:
    from broadsheet.comments.threads import Node


def comment_list_html(
    nodes: Sequence[Node], *, page_url: str, comments_open: bool, staff_view: bool
) -> SafeString:
    """The <li> of each thread in `nodes` with its replies, as the comment list shows them."""
    words = {
        "says": _("says:"),
        "when": _("%(date)s at %(time)s"),
        "held": _("This comment is awaiting moderation.")
        if staff_view
        else _("Your comment is awaiting moderation."),
        "reply_to": _("Leave a Reply to %(name)s"),
        "reply_label": _("Reply to %(name)s"),
        "reply": _("Reply"),
    }
    out: list[str] = []
    when = _When(words["when"], timezone.get_current_timezone())
    for node in nodes:
        _write(out, node, words, when, escape(page_url), comments_open)
    return mark_safe("".join(out))  # noqa: S308  (built from escaped parts, see above)


class _When:
    """ "<date> at <time>" in the site's formats; each day and time of day is formatted
    once per process (broadsheet.lib.remembered): Django's date formatting costs more than
    the rest of a comment's markup."""

    def __init__(self, words: str, zone: tzinfo) -> None:
        self.words = words
        self.zone = zone  # the site's, looked up once per list
        self.language = get_language()  # so is the language

    def local(self, when: datetime) -> datetime:
        """`when` in the site's time zone, as templates show it (timezone.template_localtime)."""
        return when.astimezone(self.zone) if timezone.is_aware(when) else when

    def __call__(self, local: datetime) -> str:
        day, clock = day_text(local, self.language), time_text(local, self.language)
        return self.words % {"date": escape(day), "time": escape(clock)}


def _write(
    out: list[str], node: Node, words: dict[str, str], when: _When, page_url: str, open_: bool
) -> None:
    c = node.comment
    pk = str(c.pk)
    approved = c.is_approved
    name = escape(c.author_name)
    website = c.website
    who = (
        f'<a href="{escape(website)}" class="url" rel="external nofollow ugc">{name}</a>'
        if website
        else name
    )
    local = when.local(c.created_at)
    stamp = local.replace(microsecond=0).isoformat()  # as feeds.metadata.iso writes it
    held = f'<p class="comment-awaiting-moderation">{words["held"]}</p>' if not approved else ""
    reply = ""
    if open_ and approved:
        reply = (
            f'<p class="reply"><a rel="nofollow" class="comment-reply-link" '
            f'href="{page_url}?replytocom={pk}#respond" data-commentid="{pk}" '
            f'data-replyto="{words["reply_to"] % {"name": name}}" '
            f'aria-label="{words["reply_label"] % {"name": name}}">{words["reply"]}</a></p>'
        )
    out.append(
        f'<li id="comment-{pk}" class="comment depth-{node.depth}'
        f'{"" if approved else " comment-held"}">\n'
        f'  <article id="div-comment-{pk}" class="comment-body">\n'
        f'    <footer class="comment-meta">\n'
        f'      <div class="comment-author">{c.avatar}<b class="fn">{who}</b> '
        f'<span class="says">{words["says"]}</span></div>\n'
        f'      <div class="comment-metadata"><a href="#comment-{pk}">'
        f'<time datetime="{stamp}">{when(local)}</time></a></div>\n'
        f"      {held}\n"
        f"    </footer>\n"
        f'    <div class="comment-content">{c.content_html}</div>\n'
        f"    {reply}\n"
        f"  </article>\n"
        f"  "
    )
    if node.children:
        out.append('<ol class="children">')
        for child in node.children:
            _write(out, child, words, when, page_url, open_)
        out.append("</ol>")
    out.append("\n</li>\n")
