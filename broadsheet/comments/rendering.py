"""Comment text to HTML: plain text with paragraphs, URLs auto-linked, and a small allowed
set of tags (a, em, strong, code, blockquote); every other tag is shown as the text it is.

Three steps, in WordPress's order: escape what is not allowed and link bare URLs; sanitise
with nh3 (broadsheet.lib.sanitise.clean_comment, which also sets rel="nofollow ugc" on every
link and drops unsafe URLs and attributes); then turn blank lines into paragraphs and single
newlines into <br>, touching only text between the sanitised tags.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Final

from linkify_it import LinkifyIt

from broadsheet.lib.sanitise import clean_comment

ALLOWED_TAGS: Final = frozenset({"a", "em", "strong", "code", "blockquote"})
# Old habits (and WordPress imports) keep working with their modern spelling.
RENAMED_TAGS: Final = {"b": "strong", "i": "em"}
# Comments imported from WordPress may carry the paragraphs its wpautop would have added.
BREAK_TAGS: Final = {"br": "\n", "p": "\n\n"}

# A whole, well-formed tag (attribute values quoted or bare): anything else stays text.
_TAG: Final = re.compile(
    r"""<(/?)([A-Za-z][A-Za-z0-9]*)"""
    r"""((?:\s+[^\s"'<>=/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*)\s*/?>"""
)
# A tag in nh3's output: it always double-quotes attribute values and escapes quotes in them.
_SAFE_TAG: Final = re.compile(r'(<[^<>"]*(?:"[^"]*"[^<>"]*)*>)')
_PARAGRAPH_BREAK: Final = re.compile(r"\n[ \t]*\n\s*")
_EDGE_BREAKS: Final = re.compile(r"<p>(?:<br>\n)+|(?:<br>\n)+</p>")
_LINK_SCHEMES: Final = ("http:", "https:")


@lru_cache(maxsize=1)
def _linkify() -> LinkifyIt:
    return LinkifyIt(options={"fuzzy_email": False, "fuzzy_ip": False})


def _link_text(text: str) -> str:
    """Escape `text`, linking http(s) URLs and www. addresses (never bare domains or emails:
    "file.py" is a domain too)."""
    lowered = text.lower()
    if "http" not in lowered and "www." not in lowered:
        # Nothing linkify finds here would be linked: skip it, the slowest step by far
        # (it decides every imported comment's rendering time).
        return html.escape(text)
    matches = _linkify().match(text) if text else None
    out: list[str] = []
    last = 0
    for m in matches or []:
        plain = m.schema == "" and m.text.lower().startswith("www.")
        if m.schema.lower() not in _LINK_SCHEMES and not plain:
            continue
        out.append(html.escape(text[last : m.index]))
        out.append(f'<a href="{html.escape(m.url)}">{html.escape(m.text, quote=False)}</a>')
        last = m.last_index
    out.append(html.escape(text[last:]))
    return "".join(out)


def _escape_and_link(text: str) -> str:
    out: list[str] = []
    link_depth = 0  # inside the reader's own <a>, URLs are not linked again
    pos = 0
    for m in _TAG.finditer(text):
        segment = text[pos : m.start()]
        out.append(html.escape(segment) if link_depth else _link_text(segment))
        pos = m.end()
        closing, name = m.group(1), m.group(2).lower()
        name = RENAMED_TAGS.get(name, name)
        if name in BREAK_TAGS:
            out.append(BREAK_TAGS[name])
        elif name in ALLOWED_TAGS:
            attributes = "" if closing or name in ("em", "strong", "code") else m.group(3) or ""
            out.append(f"<{closing}{name}{attributes}>")
            if name == "a":
                link_depth = max(0, link_depth + (-1 if closing else 1))
        else:
            out.append(html.escape(m.group(0)))
    segment = text[pos:]
    out.append(html.escape(segment) if link_depth else _link_text(segment))
    return "".join(out)


def _paragraphs(safe: str) -> str:
    """Blank lines make paragraphs and single newlines <br>, in text only (never inside a
    tag); blockquotes stand between paragraphs. Adds nothing but <p>, </p> and <br>."""
    out: list[str] = []
    open_p = False
    for i, piece in enumerate(_SAFE_TAG.split(safe)):
        if i % 2:  # odd pieces are tags
            if piece.startswith(("<blockquote", "</blockquote")):
                if open_p:
                    out.append("</p>")
                    open_p = False
            elif not open_p:
                out.append("<p>")
                open_p = True
            out.append(piece)
            continue
        for j, chunk in enumerate(_PARAGRAPH_BREAK.split(piece)):
            if j and open_p:
                out.append("</p>")
                open_p = False
            if not open_p:
                chunk = chunk.lstrip()
                if not chunk:
                    continue
                out.append("<p>")
                open_p = True
            out.append(chunk.replace("\n", "<br>\n"))
    if open_p:
        out.append("</p>")
    html_out = _EDGE_BREAKS.sub(
        lambda m: "<p>" if m.group(0).startswith("<p>") else "</p>", "".join(out)
    )
    return html_out.replace("<p></p>", "")


def render_comment(text: str) -> str:
    """Reader-typed comment text → safe HTML for the page and feeds."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()
    if not text:
        return ""
    return _paragraphs(clean_comment(_escape_and_link(text)).strip())


def count_links(content_html: str) -> int:
    """Links in rendered comment HTML (the reader's own and auto-linked URLs alike)."""
    return content_html.count("<a ")
