"""WordPress post content to the HTML readers get, as WordPress's `the_content` makes it.

WordPress stores what the author typed: classic-editor text whose paragraphs are blank lines
(turned into <p> by `wpautop`), shortcodes such as [caption] and [gallery], `<!--more-->` and
`<!--nextpage-->` markers, or block-editor markup (HTML between `<!-- wp:… -->` comments,
which WordPress leaves alone). Broadsheet stores that text untouched (Article.body, with
body_format "html") and renders it here on save, sanitised by `clean_html` at the end.

Everything that needs the database (images of a gallery, the old site's own addresses) comes
through a `Resolver`, so the text functions stay pure and testable.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Protocol
from urllib.parse import urlsplit

from broadsheet.lib.sanitise import clean_html

if TYPE_CHECKING:
    from broadsheet.lib.markdown import ImageRef

__all__ = [
    "MORE",
    "NEXTPAGE",
    "Resolver",
    "StaticResolver",
    "current_resolver",
    "has_blocks",
    "render_wordpress",
    "shortcode_attrs",
    "split_more",
    "wpautop",
]

MORE: Final = re.compile(r"<!--more(.*?)?-->")
NEXTPAGE: Final = re.compile(r"\n?<!--nextpage-->\n?")
_BLOCK_COMMENT: Final = re.compile(r"<!--\s+/?wp:[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?\b")

_ALLBLOCKS: Final = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
# wp_html_split: comments, CDATA and tags, so newlines inside tags can be protected.
_HTML_TOKEN: Final = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)|<[^>]*>?", re.S)


class Resolver(Protocol):
    """What rendering needs from the database; see load.DatabaseResolver."""

    def site_hosts(self) -> Sequence[str]:
        """Host names of the old WordPress sites (links to them become local paths)."""
        ...

    def images(self, wp_ids: Sequence[int]) -> list[ImageRef]:
        """Images for these WordPress attachment ids, in that order (missing ones left out)."""
        ...

    def attached_images(self) -> list[ImageRef]:
        """The images attached to the item being rendered ([gallery] with no ids)."""
        ...

    def media_url(self, url: str) -> str | None:
        """The new address of an old media file, when it was fetched."""
        ...


@dataclass
class StaticResolver:
    """A resolver from plain values: for tests and for content with no database behind it."""

    hosts: Sequence[str] = ()
    by_id: dict[int, ImageRef] = field(default_factory=dict)
    attached: list[ImageRef] = field(default_factory=list)
    media: dict[str, str] = field(default_factory=dict)

    def site_hosts(self) -> Sequence[str]:
        return self.hosts

    def images(self, wp_ids: Sequence[int]) -> list[ImageRef]:
        return [self.by_id[i] for i in wp_ids if i in self.by_id]

    def attached_images(self) -> list[ImageRef]:
        return list(self.attached)

    def media_url(self, url: str) -> str | None:
        return self.media.get(url)


# The loader sets this around each save, so render_body (which knows no article) can find
# the item's attachments and the old site's addresses.
current_resolver: ContextVar[Resolver | None] = ContextVar("wordpress_resolver", default=None)


def has_blocks(text: str) -> bool:
    """True for block-editor content, which WordPress never runs through wpautop."""
    return bool(_BLOCK_COMMENT.search(text))


def split_more(text: str) -> tuple[str, bool]:
    """The teaser before `<!--more-->` (the summary break) and whether there was one."""
    match = MORE.search(text)
    if match is None:
        return text, False
    return text[: match.start()], True


def _replace_in_tags(text: str, old: str, new: str) -> str:
    """wp_replace_in_html_tags: replace only inside tags and comments, not in text."""
    return _HTML_TOKEN.sub(lambda m: m.group(0).replace(old, new), text)


def wpautop(text: str, br: bool = True) -> str:
    """Paragraphs from blank lines and <br /> from single newlines: WordPress's wpautop,
    step for step (wp-includes/formatting.php), so imported posts read as they did."""
    if text.strip() == "":
        return ""
    pre_tags: dict[str, str] = {}
    text = text + "\n"
    if "<pre" in text:
        parts = text.split("</pre>")
        last = parts.pop()
        text = ""
        for i, part in enumerate(parts):
            start = part.find("<pre")
            if start == -1:
                text += part
                continue
            name = f"<pre wp-pre-tag-{i}></pre>"
            pre_tags[name] = part[start:] + "</pre>"
            text += part[:start] + name
        text += last

    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(r"(<" + _ALLBLOCKS + r"[\s/>])", r"\n\n\1", text)
    text = re.sub(r"(</" + _ALLBLOCKS + r">)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _replace_in_tags(text, "\n", " <!-- wpnl --> ")
    if "<option" in text:
        text = re.sub(r"\s*<option", "<option", text)
        text = re.sub(r"</option>\s*", "</option>", text)
    if "</object>" in text:
        text = re.sub(r"(<object[^>]*>)\s*", r"\1", text)
        text = re.sub(r"\s*</object>", "</object>", text)
        text = re.sub(r"\s*(</?(?:param|embed)[^>]*>)\s*", r"\1", text)
    if "<source" in text or "<track" in text:
        text = re.sub(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", r"\1", text)
        text = re.sub(r"\s*([<\[]/(?:audio|video)[>\]])", r"\1", text)
        text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", r"\1", text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(</?" + _ALLBLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + _ALLBLOCKS + r"[^>]*>)", r"\1", text)
    text = re.sub(r"(</?" + _ALLBLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    if br:
        text = re.sub(
            r"<(script|style|svg|math).*?</\1>",
            lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"),
            text,
            flags=re.S,
        )
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
        text = text.replace("<WPPreserveNewline />", "\n")
    text = re.sub(r"(</?" + _ALLBLOCKS + r"[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    if "<!-- wpnl -->" in text:
        text = text.replace(" <!-- wpnl --> ", "\n").replace("<!-- wpnl -->", "\n")
    return text


# --- shortcodes --------------------------------------------------------------------------

_ATTR: Final = re.compile(
    r'([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*\'([^\']*)\'(?:\s|$)'
    r'|([\w-]+)\s*=\s*([^\s\'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|\'([^\']*)\'(?:\s|$)|(\S+)(?:\s|$)'
)
_SHORTCODES: Final = ("caption", "wp_caption", "gallery", "embed", "audio", "video")
_SHORTCODE: Final = re.compile(
    r"\[(\[?)(" + "|".join(_SHORTCODES) + r")(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(/)\]|\](?:([^\[]*(?:\[(?!/\2\])[^\[]*)*)\[/\2\])?)(\]?)"
)
_UNAUTOP: Final = re.compile(
    r"<p>\s*(\[(?:"
    + "|".join(_SHORTCODES)
    + r")(?![\w-])[^\]]*\](?:.*?\[/(?:"
    + "|".join(_SHORTCODES)
    + r")\])?)\s*</p>",
    re.S,
)


def shortcode_attrs(text: str) -> dict[str, str]:
    """shortcode_parse_atts: name="value", name='value', name=value and bare values."""
    attrs: dict[str, str] = {}
    text = re.sub(r"[\u00a0\u200b]", " ", text)
    position = 0
    for match in _ATTR.finditer(text):
        g = match.groups()
        if g[0]:
            attrs[g[0].lower()] = g[1]
        elif g[2]:
            attrs[g[2].lower()] = g[3]
        elif g[4]:
            attrs[g[4].lower()] = g[5]
        else:
            value = g[6] if g[6] is not None else g[7] if g[7] is not None else g[8]
            attrs[str(position)] = value or ""
            position += 1
    return attrs


def _image_html(ref: ImageRef) -> str:
    attrs = {
        "src": ref.src,
        "srcset": ref.srcset,
        "sizes": ref.sizes if ref.srcset else "",
        "alt": ref.alt,
        "width": str(ref.width or ""),
        "height": str(ref.height or ""),
    }
    inner = " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items() if v or k == "alt")
    return f'<img {inner} loading="lazy">'


def _caption(attrs: dict[str, str], inner: str) -> str:
    # The caption is the text after the image, or (before WordPress 3.4) an attribute.
    caption = attrs.get("caption", "")
    match = re.match(r"^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)$", inner, re.S | re.I)
    if match:
        media, rest = match.group(1), match.group(2).strip()
        caption = rest or caption
    else:
        media = inner
    if not caption:
        return media
    return f"<figure>{media}<figcaption>{caption}</figcaption></figure>"


def _gallery(attrs: dict[str, str], resolver: Resolver | None) -> str:
    if resolver is None:
        return ""
    ids_text = attrs.get("ids") or attrs.get("include") or ""
    ids = [int(i) for i in re.findall(r"[0-9]{1,18}", ids_text)]
    refs = resolver.images(ids) if ids else resolver.attached_images()
    if attrs.get("orderby", "").lower() == "rand":
        refs = list(refs)
    if not refs:
        return ""
    figures = "".join(
        "<figure>"
        + _image_html(ref)
        + (f"<figcaption>{html.escape(ref.caption)}</figcaption>" if ref.caption else "")
        + "</figure>"
        for ref in refs
    )
    return f"<div>{figures}</div>"


def _media_link(attrs: dict[str, str], inner: str) -> str:
    url = (inner or "").strip() or attrs.get("src") or attrs.get("mp3") or attrs.get("mp4") or ""
    if not url:
        return ""
    safe = html.escape(url)
    return f'<p><a href="{safe}">{safe}</a></p>'


def do_shortcodes(text: str, resolver: Resolver | None) -> str:
    """The shortcodes WordPress core registers and posts use; unknown ones stay as text,
    as WordPress leaves them."""

    def expand(match: re.Match[str]) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]  # [[caption]] is an escaped, literal shortcode
        name, attrs = match.group(2), shortcode_attrs(match.group(3) or "")
        inner = match.group(5) or ""
        if name in ("caption", "wp_caption"):
            out = _caption(attrs, do_shortcodes(inner, resolver))
        elif name == "gallery":
            out = _gallery(attrs, resolver)
        else:
            out = _media_link(attrs, inner)
        return match.group(1) + out + match.group(6)

    return _SHORTCODE.sub(expand, text)


# --- links to the old site -----------------------------------------------------------------

_URL_ATTR: Final = re.compile(r"""(\s(?:href|src)\s*=\s*)(["'])(.*?)\2""", re.I | re.S)
_MEDIA_PREFIXES: Final = ("/wp-content/", "/wp-includes/", "/files/")


def rewrite_links(text: str, resolver: Resolver | None, prefix: str = "") -> str:
    """Links to the old site's own pages become local paths, which answer 200 (an imported
    item's original path) or 301 (any other old address of it); its media files point at
    their fetched copies, or stay where they were. `prefix` (a site URL) makes the new
    links absolute, for an export."""
    if resolver is None:
        return text
    hosts = {h.lower() for h in resolver.site_hosts() if h}
    if not hosts:
        return text

    def rewrite(match: re.Match[str]) -> str:
        raw = html.unescape(match.group(3)).strip()
        try:
            parts = urlsplit(raw)
        except ValueError:
            return match.group(0)
        host = (parts.hostname or "").lower()
        if parts.scheme.lower() not in ("http", "https", "") or host not in hosts:
            return match.group(0)
        if parts.path.startswith(_MEDIA_PREFIXES) or "." in parts.path.rsplit("/", 1)[-1]:
            new = resolver.media_url(raw)
            if new is None:
                return match.group(0)
        else:
            new = prefix + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            new += f"#{parts.fragment}" if parts.fragment else ""
        return f"{match.group(1)}{match.group(2)}{html.escape(new)}{match.group(2)}"

    return _URL_ATTR.sub(rewrite, text)


def render_wordpress(
    text: str,
    resolver: Resolver | None = None,
    *,
    clean: Callable[[str], str] = clean_html,
) -> str:
    """WordPress content → sanitised HTML, as `the_content` would show the whole item.

    `<!--more-->` is the summary break (see split_more); on the item's own page it is
    invisible, as in WordPress. The pages of a `<!--nextpage-->` item are shown one after
    another, separated by a rule, since Broadsheet has no paged articles.
    """
    if resolver is None:
        resolver = current_resolver.get()
    pages = NEXTPAGE.split(text)
    rendered = []
    for page in pages:
        page = MORE.sub("", page)
        if not has_blocks(page):
            page = wpautop(page)
            page = _UNAUTOP.sub(r"\1", page)
        page = do_shortcodes(page, resolver)
        page = rewrite_links(page, resolver)
        rendered.append(page)
    out = "\n<hr>\n".join(p.strip() for p in rendered if p.strip())
    return clean(out).strip()
