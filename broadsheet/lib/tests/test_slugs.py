from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broadsheet.lib.slugs import FALLBACK_SLUG, make_slug, unique_slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hello, World!", "hello-world"),
        ("  Budget 2025: What   it means  ", "budget-2025-what-it-means"),
        ("Ünïcödé café — naïve", "ünïcödé-café-naïve"),
        ("Don't panic", "dont-panic"),
        ("AT&T results", "att-results"),
        ("covid-19/omicron", "covid-19-omicron"),
        ("Rates rise 0.25 points", "rates-rise-0-25-points"),
        ("2024\u201325 season", "2024-25-season"),
        ("snake_case_name", "snake_case_name"),
        ("İstanbul", "istanbul"),
    ],
)
def test_it_slugs_latin_text(text: str, slug: str) -> None:
    assert make_slug(text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Привет мир", "привет-мир"),
        ("مرحبا بالعالم", "مرحبا-بالعالم"),
        ("東京の天気", "東京の天気"),
        ("서울 뉴스", "서울-뉴스"),
        ("Ελληνικά Νέα", "ελληνικά-νέα"),
        # Django's slugify drops these vowel signs ("हनद-समचर", "தமழ-சயத").
        ("हिन्दी समाचार", "हिन्दी-समाचार"),
        ("தமிழ் செய்தி", "தமிழ்-செய்தி"),
        ("ข่าวไทย", "ข่าวไทย"),
    ],
)
def test_it_keeps_non_latin_letters_and_their_marks(text: str, slug: str) -> None:
    assert make_slug(text) == slug


@pytest.mark.parametrize("text", ["", "   ", "?!…", "— / —", "🎉🎉", "«»", "\u200f"])
def test_it_returns_empty_for_text_without_letters_or_digits(text: str) -> None:
    assert make_slug(text) == ""


def test_it_never_contains_slashes_or_url_unsafe_characters() -> None:
    slug = make_slug("a/b?c#d%e&f=g+h\\i j<k>l\"m'n`o[p]q{r}s")
    assert slug == "a-bcdefgh-i-jklmnopqrs"


def test_it_truncates_on_a_word_boundary() -> None:
    slug = make_slug("alpha beta gamma delta", max_length=14)
    assert slug == "alpha-beta"
    assert make_slug("a" * 300) == "a" * 200


def test_it_rejects_a_non_positive_max_length() -> None:
    with pytest.raises(ValueError, match="max_length"):
        make_slug("x", max_length=0)


def test_it_returns_the_base_when_free() -> None:
    assert unique_slug("budget", lambda s: False) == "budget"


def test_it_appends_counters_from_two() -> None:
    taken = {"budget", "budget-2", "budget-3"}
    assert unique_slug("budget", taken.__contains__) == "budget-4"


def test_it_reslugs_and_falls_back_for_an_empty_base() -> None:
    assert unique_slug("Budget Day!", lambda s: False) == "budget-day"
    assert unique_slug("", lambda s: False) == FALLBACK_SLUG
    taken = {FALLBACK_SLUG}
    assert unique_slug("???", taken.__contains__) == f"{FALLBACK_SLUG}-2"


def test_it_keeps_suffixed_slugs_within_max_length() -> None:
    base = "x" * 50
    slug = unique_slug(base, {base}.__contains__, max_length=50)
    assert slug == "x" * 48 + "-2"


def test_it_gives_up_when_everything_is_taken() -> None:
    with pytest.raises(RuntimeError, match="no free slug"):
        unique_slug("x", lambda s: True)


# Characters Python's URL quoting leaves alone; anything else would need
# percent-encoding, which is fine only for non-ASCII letters and marks.
_URL_SAFE_ASCII = re.compile(r"^[a-z0-9_\-]*$")


@settings(max_examples=500, deadline=None, database=None)
@given(st.text(), st.integers(min_value=1, max_value=250))
def test_it_always_makes_a_safe_idempotent_slug(text: str, max_length: int) -> None:
    slug = make_slug(text, max_length)
    assert len(slug) <= max_length
    assert slug == slug.lower()
    assert "--" not in slug
    assert not slug.startswith(("-", "_"))
    assert not slug.endswith(("-", "_"))
    ascii_part = "".join(ch for ch in slug if ch.isascii())
    assert _URL_SAFE_ASCII.match(ascii_part)
    for ch in slug:
        if not ch.isascii():
            assert unicodedata.category(ch)[0] in "LMN"
    assert quote(slug, safe="") == quote(slug, safe="-_")
    assert make_slug(slug, max_length) == slug


@settings(max_examples=300, deadline=None, database=None)
@given(st.text())
def test_it_never_returns_empty_when_there_is_a_letter_or_digit(text: str) -> None:
    normalised = unicodedata.normalize("NFKC", text)
    if any(ch.isalnum() for ch in normalised):
        assert make_slug(text) != ""
