"""URL slugs in the WordPress style: lower-case, hyphenated, any script.

Django's ``slugify(allow_unicode=True)`` is close, but it deletes combining
marks, which mangles Indic, Thai and similar scripts ("हिन्दी समाचार" becomes
"हनद-समचर"). The algorithm here is the same NFKC + lower-case + filter, except
that marks are kept and a few punctuation characters separate words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Final

__all__ = ["FALLBACK_SLUG", "make_slug", "unique_slug"]

FALLBACK_SLUG: Final = "untitled"

# Characters that read as word breaks, so "covid-19/omicron" and "10:30" keep
# their halves apart instead of gluing them together ("1030").
_SEPARATORS: Final = frozenset("-/\\.:|")
# Guards against a `taken` callback that never says no.
_MAX_ATTEMPTS: Final = 10_000


def _slug_chars(text: str) -> list[str]:
    out: list[str] = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch == "_" or ch.isalnum():
            out.append(ch)
        elif category.startswith("M"):
            # Marks carry meaning in most non-Latin scripts (Devanagari vowel
            # signs, Thai tones). On ASCII letters they are only decoration
            # or the residue of "İ".lower() == "i̇", and after "-" or at the
            # start they have no base at all, so those go.
            if out and not out[-1].isascii():
                out.append(ch)
        elif ch.isspace() or category == "Pd" or ch in _SEPARATORS:
            out.append("-")
        # Everything else (punctuation, symbols, emoji, invisible format
        # characters such as bidi controls) is dropped, as WordPress does.
    return out


def _collapse(chars: list[str]) -> str:
    out: list[str] = []
    for ch in chars:
        if ch == "-" and out and out[-1] == "-":
            continue
        out.append(ch)
    return "".join(out).strip("-_")


def _truncate(slug: str, max_length: int) -> str:
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    # Prefer ending on a whole word when that doesn't lose too much.
    if slug[max_length] != "-":
        boundary = cut.rfind("-")
        if boundary >= max_length // 2:
            cut = cut[:boundary]
    return cut.strip("-_")


def make_slug(text: str, max_length: int = 200) -> str:
    """Slug for ``text``, or "" if it has no letters or digits at all.

    The result is lower-case and consists only of letters, digits, combining
    marks, "_" and single "-" between words, so it is always a safe URL path
    segment. It is idempotent: ``make_slug(make_slug(t)) == make_slug(t)``.
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    normalised = unicodedata.normalize("NFKC", text).lower()
    slug = _collapse(_slug_chars(normalised))
    # Dropping characters can bring a base and a mark (or Hangul jamo)
    # together that compose; normalising again keeps the function idempotent.
    return _truncate(unicodedata.normalize("NFC", slug), max_length)


def unique_slug(base: str, taken: Callable[[str], bool], *, max_length: int = 200) -> str:
    """First of ``base``, ``base-2``, ``base-3``… for which ``taken`` is false.

    ``base`` is re-slugged so the result is valid whatever is passed in; an
    empty one (e.g. from a title of only punctuation or emoji) becomes
    FALLBACK_SLUG so a record is never saved with an empty slug. The suffix is
    fitted inside ``max_length`` by shortening the base.
    """
    slug = make_slug(base, max_length) or FALLBACK_SLUG
    if not taken(slug):
        return slug
    for n in range(2, _MAX_ATTEMPTS + 2):
        suffix = f"-{n}"
        stem = slug[: max(max_length - len(suffix), 1)].rstrip("-_") or slug[:1]
        candidate = f"{stem}{suffix}"
        if not taken(candidate):
            return candidate
    raise RuntimeError(f"no free slug for {slug!r} after {_MAX_ATTEMPTS} attempts")
