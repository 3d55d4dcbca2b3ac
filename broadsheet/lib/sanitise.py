"""HTML sanitising for article bodies and reader comments.

Everything that ends up in a template with ``|safe`` must have passed through
one of these functions. Both use explicit allow-lists rather than nh3's
defaults so that widening what authors may publish is a deliberate change.
"""

from __future__ import annotations

import re
from typing import Final

import nh3

__all__ = ["SAFE_URL_SCHEMES", "clean_comment", "clean_html", "is_safe_url"]

SAFE_URL_SCHEMES: Final[frozenset[str]] = frozenset({"http", "https", "mailto"})

# Browsers strip these before parsing a URL, so "java\tscript:" is javascript:.
_URL_IGNORED_CHARS: Final = re.compile(r"[\x00-\x20\x7f]+")
_URL_SCHEME: Final = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_DIGITS: Final = re.compile(r"^[0-9]{1,5}$")
# markdown-it emits class="language-xyz" on fenced code; keep only that shape
# so authors cannot hook into the site's own CSS/JS via arbitrary classes.
_CODE_LANGUAGE_CLASS: Final = re.compile(r"^language-[A-Za-z0-9_+#.\-]{1,40}$")

_HEADINGS: Final = ("h2", "h3", "h4", "h5", "h6")
_ALIGN: Final = {"left", "center", "right"}

_ARTICLE_TAGS: Final[set[str]] = {
    *_HEADINGS,
    "p",
    "br",
    "hr",
    "div",
    "span",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "q",
    "cite",
    "abbr",
    "mark",
    "sup",
    "sub",
    "del",
    "ins",
    # The renderer wraps photo credits in <small> inside <figcaption>.
    "small",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "img",
}

_ARTICLE_ATTRIBUTES: Final[dict[str, set[str]]] = {
    **{h: {"id"} for h in _HEADINGS},
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    # Without start, a Markdown list beginning "3." would restart at 1.
    "ol": {"start"},
    "code": {"class"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}

# Enumerated attributes are restricted to their legal values rather than
# passed through, so junk never reaches the page.
_ARTICLE_ATTRIBUTE_VALUES: Final[dict[str, dict[str, set[str]]]] = {
    "img": {"loading": {"lazy", "eager"}, "decoding": {"async", "sync", "auto"}},
    "th": {"scope": {"col", "row", "colgroup", "rowgroup"}, "align": _ALIGN},
    "td": {"align": _ALIGN},
}

# WordPress's $allowedtags (kses.php), the set commenters are used to.
_COMMENT_TAGS: Final[set[str]] = {
    "a",
    "abbr",
    "acronym",
    "b",
    "blockquote",
    "cite",
    "code",
    "del",
    "em",
    "i",
    "q",
    "s",
    "strike",
    "strong",
}

_COMMENT_ATTRIBUTES: Final[dict[str, set[str]]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "acronym": {"title"},
    "blockquote": {"cite"},
    "del": {"datetime"},
    "q": {"cite"},
}

# nofollow+ugc tell search engines not to reward comment spam.
_COMMENT_LINK_REL: Final = "nofollow ugc noopener noreferrer"


def is_safe_url(url: str) -> bool:
    """True for relative URLs and absolute http(s)/mailto URLs."""
    normalised = _URL_IGNORED_CHARS.sub("", url)
    match = _URL_SCHEME.match(normalised)
    if match is None:
        return True
    return match.group(1).lower() in SAFE_URL_SCHEMES


def _is_safe_srcset(srcset: str) -> bool:
    # Splitting on every comma over-splits URLs that contain commas, but every
    # real candidate still starts a piece, so no scheme can hide mid-piece.
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts and not is_safe_url(parts[0]):
            return False
    return True


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # nh3 only scheme-checks href/src; cite and srcset are URLs too.
    if attribute == "cite":
        return value if is_safe_url(value) else None
    if attribute == "srcset":
        return value if _is_safe_srcset(value) else None
    if attribute in {"width", "height", "start", "colspan", "rowspan"}:
        return value if _DIGITS.match(value.strip()) else None
    if tag == "code" and attribute == "class":
        kept = [c for c in value.split() if _CODE_LANGUAGE_CLASS.match(c)]
        return " ".join(kept) or None
    return value


_article_cleaner: Final = nh3.Cleaner(
    tags=_ARTICLE_TAGS,
    attributes=_ARTICLE_ATTRIBUTES,
    tag_attribute_values=_ARTICLE_ATTRIBUTE_VALUES,
    attribute_filter=_filter_attribute,
    url_schemes=set(SAFE_URL_SCHEMES),
    link_rel="noopener noreferrer",
    strip_comments=True,
)

_comment_cleaner: Final = nh3.Cleaner(
    tags=_COMMENT_TAGS,
    attributes=_COMMENT_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    url_schemes=set(SAFE_URL_SCHEMES),
    link_rel=_COMMENT_LINK_REL,
    strip_comments=True,
)


def clean_html(html: str) -> str:
    """Sanitise an article body to the editorial allow-list."""
    return _article_cleaner.clean(html)


def clean_comment(html: str) -> str:
    """Sanitise reader-supplied HTML to WordPress's comment allow-list."""
    return _comment_cleaner.clean(html)
