"""Markdown for article bodies: CommonMark + tables + strikethrough.

Output is always passed through ``clean_html``; the renderer below only adds
markup the sanitiser's allow-list already expects (heading ids, figures,
responsive images), so the sanitiser should be a no-op on benign input and
the final guard on everything else.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from broadsheet.lib.sanitise import clean_html, is_safe_url
from broadsheet.lib.slugs import make_slug

__all__ = [
    "ImageRef",
    "ImageResolver",
    "plain_text",
    "reading_minutes",
    "render_markdown",
    "word_count",
]


@dataclass(frozen=True, slots=True)
class ImageRef:
    """What an ``image:KEY`` reference in Markdown resolves to.

    ``width``/``height`` of 0 mean unknown and are omitted; ``srcset`` and
    ``sizes`` may be empty for a single rendition.
    """

    src: str
    srcset: str = ""
    sizes: str = ""
    width: int = 0
    height: int = 0
    alt: str = ""
    caption: str = ""
    credit: str = ""


ImageResolver = Callable[[str], ImageRef | None]

_ENV_RESOLVER: Final = "broadsheet_resolve_image"
_IMAGE_KEY: Final = re.compile(r"^image:(.+)$", re.IGNORECASE | re.DOTALL)
_HEADING_ID_MAX: Final = 80
_HEADING_ID_FALLBACK: Final = "section"
_TABLE_ALIGN: Final = re.compile(r"^text-align:(left|center|right)$")
_WHITESPACE: Final = re.compile(r"\s+")
# Han, kana and CJK compatibility ideographs: scripts written without spaces,
# so whitespace splitting would count a whole paragraph as one word.
_CJK_CHAR: Final = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)
# Readers get through roughly twice as many CJK characters per minute as
# English words, so a character counts as half a word for reading time.
_CJK_WORDS_PER_CHAR: Final = 0.5


def _inline_text(tokens: Sequence[Token] | None) -> str:
    # Images contribute nothing: their alt text describes, it isn't read.
    out: list[str] = []
    for token in tokens or ():
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


def _alt_text(token: Token) -> str:
    # CommonMark's alt is the label with markup stripped, nested images too.
    out: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "image":
            out.append(_alt_text(child))
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out).strip()


def _resolve_image(token: Token, resolver: ImageResolver | None) -> bool:
    """Give an image token its final attributes; False if it must be dropped."""
    src = str(token.attrGet("src") or "")
    alt = _alt_text(token)
    caption = str(token.attrGet("title") or "").strip()
    credit = ""
    attrs: dict[str, str | int | float] = {}
    key_match = _IMAGE_KEY.match(src)
    if key_match is not None:
        # markdown-it percent-encodes destinations; keys are stored decoded.
        ref = resolver(unquote(key_match.group(1))) if resolver else None
        if ref is None or not is_safe_url(ref.src):
            return False
        attrs["src"] = ref.src
        if ref.srcset:
            attrs["srcset"] = ref.srcset
            if ref.sizes:
                attrs["sizes"] = ref.sizes
        if ref.width > 0 and ref.height > 0:
            attrs["width"] = str(ref.width)
            attrs["height"] = str(ref.height)
        alt = alt or ref.alt
        caption = caption or ref.caption
        credit = ref.credit.strip()
    else:
        # data: images pass markdown-it's validateLink; the sanitiser would
        # strip their src and leave an empty <img>, so drop them here.
        if not src or not is_safe_url(src):
            return False
        attrs["src"] = src
    attrs["alt"] = alt
    attrs["loading"] = "lazy"
    attrs["decoding"] = "async"
    token.attrs = attrs
    token.meta = {**(token.meta or {}), "caption": caption, "credit": credit}
    return True


def _prepare_inline(token: Token, resolver: ImageResolver | None) -> None:
    children: list[Token] = []
    for child in token.children or ():
        if child.type == "image" and not _resolve_image(child, resolver):
            token.meta["dropped_image"] = True
            continue
        if child.type in ("s_open", "s_close"):
            # "Struck out" in an article is an edit; <del> says so, and it is
            # on the allow-list where <s> is not.
            child.tag = "del"
        children.append(child)
    token.children = children


def _has_content(children: Sequence[Token]) -> bool:
    return any(child.type == "image" or child.content.strip() for child in children)


def _lone_image(children: Sequence[Token]) -> Token | None:
    """The image if it is the paragraph's only content (optionally linked)."""
    meaningful = [c for c in children if c.type != "text" or c.content.strip()]
    types = [c.type for c in meaningful]
    if types == ["image"]:
        return meaningful[0]
    if types == ["link_open", "image", "link_close"]:
        return meaningful[1]
    return None


def _figure_tokens(tokens: list[Token], start: int, image: Token) -> list[Token]:
    paragraph_open, inline, paragraph_close = tokens[start : start + 3]
    figure_open = Token("figure_open", "figure", 1, block=True)
    figure_open.map = paragraph_open.map
    figure_open.level = paragraph_open.level
    figcaption = Token("figcaption", "figcaption", 0, block=True)
    figcaption.meta = {
        "caption": image.meta.get("caption", ""),
        "credit": image.meta.get("credit", ""),
    }
    figure_close = Token("figure_close", "figure", -1, block=True)
    figure_close.level = paragraph_close.level
    return [figure_open, inline, figcaption, figure_close]


def _anchor_headings(tokens: Sequence[Token]) -> None:
    used: set[str] = set()
    for idx, token in enumerate(tokens):
        if token.type not in ("heading_open", "heading_close"):
            continue
        if token.tag == "h1":
            # The page's <h1> is the headline; h1 isn't on the allow-list
            # and would be flattened into loose text, so "#" means <h2>.
            token.tag = "h2"
        if token.type == "heading_close":
            continue
        text = _inline_text(tokens[idx + 1].children)
        base = make_slug(text, _HEADING_ID_MAX) or _HEADING_ID_FALLBACK
        slug, n = base, 2
        while slug in used:
            slug = f"{base}-{n}"
            n += 1
        used.add(slug)
        token.attrSet("id", slug)


def _prepare_tables(tokens: Sequence[Token]) -> None:
    for token in tokens:
        if token.type not in ("th_open", "td_open"):
            continue
        style = str(token.attrGet("style") or "")
        attrs: dict[str, str | int | float] = {}
        if token.type == "th_open":
            # GFM tables only have header cells in the header row.
            attrs["scope"] = "col"
        # Inline style isn't allowed through the sanitiser; align is.
        if match := _TABLE_ALIGN.match(style):
            attrs["align"] = match.group(1)
        token.attrs = attrs


def _broadsheet_core(state: StateCore) -> None:
    resolver: ImageResolver | None = state.env.get(_ENV_RESOLVER)
    tokens = state.tokens
    for token in tokens:
        if token.type == "inline":
            _prepare_inline(token, resolver)
    _anchor_headings(tokens)
    _prepare_tables(tokens)

    out: list[Token] = []
    idx = 0
    while idx < len(tokens):
        token = tokens[idx]
        is_paragraph = (
            token.type == "paragraph_open"
            and idx + 2 < len(tokens)
            and tokens[idx + 1].type == "inline"
            and tokens[idx + 2].type == "paragraph_close"
        )
        if not is_paragraph:
            out.append(token)
            idx += 1
            continue
        inline = tokens[idx + 1]
        children = inline.children or []
        if inline.meta.get("dropped_image") and not _has_content(children):
            # It held only unresolvable images: leave no empty <p> or <a>.
            idx += 3
            continue
        image = _lone_image(children)
        if image is None:
            out.extend(tokens[idx : idx + 3])
        else:
            out.extend(_figure_tokens(tokens, idx, image))
        idx += 3
    state.tokens = out


def _render_image(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    # Attributes, alt included, were settled in the core rule; the default
    # rule would overwrite alt with the (possibly empty) Markdown label.
    return "<img" + self.renderAttrs(tokens[idx]) + ">"


def _render_figcaption(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    caption = str(tokens[idx].meta.get("caption", ""))
    credit = str(tokens[idx].meta.get("credit", ""))
    if not caption and not credit:
        return ""
    parts = [escapeHtml(caption)] if caption else []
    if credit:
        parts.append(f"<small>{escapeHtml(credit)}</small>")
    return "<figcaption>" + " ".join(parts) + "</figcaption>"


def _build_parser() -> MarkdownIt:
    # xhtmlOut off: "<br />" would only be rewritten by the sanitiser anyway.
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False}).enable(
        ["table", "strikethrough"]
    )
    md.core.ruler.push("broadsheet", _broadsheet_core)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("figcaption", _render_figcaption)
    return md


# Parsers hold no per-document state (that lives in env), so one is shared.
_md: Final = _build_parser()


def render_markdown(text: str, resolve_image: ImageResolver | None = None) -> str:
    """Render article Markdown to sanitised HTML.

    Raw HTML in the source is escaped, not rendered. ``image:KEY`` sources
    are looked up with ``resolve_image``; ones it can't resolve (or any
    image when it is None) are left out rather than rendered broken.
    """
    env: dict[str, Any] = {_ENV_RESOLVER: resolve_image}
    return clean_html(_md.render(text, env))


def plain_text(markdown_text: str) -> str:
    """The readable text of a Markdown document, without any markup.

    Blocks (paragraphs, headings, list items, table rows, code blocks) are
    separated by a blank line and have their whitespace collapsed, so the
    first block makes a reasonable description. The result is NOT escaped.
    """
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _WHITESPACE.sub(" ", " ".join(current)).strip()
        if text:
            blocks.append(text)
        current.clear()

    for token in _md.parse(markdown_text, {}):
        if token.type == "inline":
            current.append(_inline_text(token.children))
        elif token.type in ("fence", "code_block"):
            flush()
            current.append(token.content)
            flush()
        elif token.nesting == -1 and token.type not in ("td_close", "th_close"):
            flush()
    flush()
    return "\n\n".join(blocks)


def _count(text: str) -> tuple[int, int]:
    cjk_chars = len(_CJK_CHAR.findall(text))
    words = len(_CJK_CHAR.sub(" ", unicodedata.normalize("NFC", text)).split())
    return words, cjk_chars


def word_count(markdown_text: str) -> int:
    """Words in the document's plain text; each CJK character is one word."""
    words, cjk_chars = _count(plain_text(markdown_text))
    return words + cjk_chars


def reading_minutes(markdown_text: str, wpm: int = 230) -> int:
    """Estimated reading time in whole minutes, rounded up, at least 1."""
    if wpm < 1:
        raise ValueError("wpm must be positive")
    words, cjk_chars = _count(plain_text(markdown_text))
    effective_words = words + cjk_chars * _CJK_WORDS_PER_CHAR
    return max(1, math.ceil(effective_words / wpm))
