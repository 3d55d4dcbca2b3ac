"""Whatever a reader types (or a robot sends) as `?s=`, the answer is a page, never an error."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadsheet.articles.search import parse_query
from broadsheet.articles.tests.factories import make_article

HOSTILE = [
    '"',
    '""',
    '"unclosed phrase',
    "NEAR(",
    "NEAR(a b, 3)",
    "a NEAR/2 b",
    "*",
    "pre*",
    "^start",
    "AND",
    "OR",
    "NOT",
    "a AND OR NOT b",
    "title:harbour",
    "{title standfirst}: harbour",
    "-harbour",
    "+harbour",
    "(harbour",
    "harbour)",
    "a & b | !c <-> d",
    "':* & !'",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "%",
    "%%",
    "_",
    "\\",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "🦆",
    "🦆 harbour 🦆",
    "👨‍👩‍👧",
    "\u202eevil",
    "\ufeff",
    "\ue000harbour\ue001",
    "ﬁnance",
    "harbour " * 2000,
    "x" * 10_240,
    "<script>alert(1)</script>",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
]


@pytest.fixture
def stories(db: None) -> None:
    make_article("Harbour expansion", body="The harbour grows.")
    make_article("Inland", body="Hills.")


@pytest.mark.parametrize("query", HOSTILE)
def test_it_answers_any_query_with_a_page(client: Client, stories: None, query: str) -> None:
    response = client.get("/", {"s": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert django_settings.SECRET_KEY not in html


@pytest.mark.parametrize(
    "raw",
    [
        "s=%ff%fe",
        "s=%c0%80",
        "s=%ed%a0%80",
        "s=%00",
        "s=%",
        "s=%zz",
        "s=harbour&s=%ff",
        "s",
        "s=&s=",
        "s=" + "%ff" * 5000,
        "s=harbour%00harbour",
    ],
)
def test_it_answers_broken_query_strings_with_a_page(
    client: Client, stories: None, raw: str
) -> None:
    response = client.get(f"/?{raw}")
    assert response.status_code == 200
    assert client.get(f"/page/1/?{raw}").status_code == 200


def test_it_still_finds_words_among_the_noise(client: Client, stories: None) -> None:
    html = client.get("/", {"s": '"harbour" ( * 🦆 ^ "'}).content.decode()
    assert "<mark>Harbour</mark> expansion" in html


def test_it_shows_the_query_safely(client: Client, stories: None) -> None:
    html = client.get("/", {"s": '"><img src=x onerror=alert(1)>'}).content.decode()
    assert "<img src=x" not in html
    assert 'value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"' in html


def test_it_reads_at_most_a_few_terms() -> None:
    assert len(parse_query(" ".join(f"w{i}" for i in range(1000)))) <= 10
    assert parse_query('"Rail strike" fares') == ["Rail strike", "fares"]
    assert parse_query('NEAR(a*, "b') == ["NEAR", "a", "b"]
    assert parse_query("🦆 ' -- ;") == []


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(max_size=300))
def test_it_never_fails_on_random_text(client: Client, stories: None, query: str) -> None:
    assert client.get("/", {"s": query}).status_code == 200


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.binary(max_size=200))
def test_it_never_fails_on_random_bytes(client: Client, stories: None, raw: bytes) -> None:
    assert client.get("/?s=" + quote(raw, safe="")).status_code == 200
