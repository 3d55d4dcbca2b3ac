"""Canonical URL, description, Open Graph, Twitter and JSON-LD: present, valid, and the
same values as the page shows."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from broadsheet.articles.models import Kind, Status
from broadsheet.articles.tests.factories import (
    make_article,
    make_author,
    make_category,
    make_image,
)

S = settings.SITE_URL


class Head(HTMLParser):
    """What a page's <head> (and its JSON-LD) tells machines."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[dict[str, Any]] = []
        self._in_ld = False
        self._buffer = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            key = a.get("property") or a["name"]
            self.meta.setdefault(key, []).append(a.get("content", ""))
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld, self._buffer = True, ""

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self._buffer += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_ld:
            self._in_ld = False
            self.json_ld.append(json.loads(self._buffer))

    def one(self, key: str) -> str:
        assert len(self.meta.get(key, [])) == 1, (key, self.meta.get(key))
        return self.meta[key][0]

    def canonical(self) -> str | None:
        found = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        assert len(found) <= 1
        return found[0] if found else None

    def of_type(self, kind: str) -> dict[str, Any]:
        [found] = [d for d in self.json_ld if d["@type"] == kind]
        assert found["@context"] == "https://schema.org"
        return found


def page(client: Client, url: str, status: int = 200) -> tuple[str, Head]:
    response = client.get(url)
    assert response.status_code == status, url
    html = response.content.decode()
    return html, Head(html)


@pytest.fixture
def story(db: None) -> Any:
    author = make_author("Ada Reporter", slug="ada")
    return make_article(
        'Rates rise: "the end" of </script> cheap money',
        author=author,
        standfirst="The central bank moves & markets shrug",
        categories=[make_category("Economy")],
        tags=["Rates", "Banks"],
        featured_image=make_image(alt="A trading floor"),
    )


def test_it_describes_an_article_with_the_pages_own_values(client: Client, story: Any) -> None:
    html, head = page(client, story.path)
    canonical = S + story.path
    assert head.canonical() == canonical
    description = head.one("description")
    assert description == "The central bank moves & markets shrug"
    for key in ("og:description", "twitter:description"):
        assert head.one(key) == description
    assert head.one("og:title") == head.one("twitter:title") == story.title
    assert head.one("og:url") == canonical
    assert head.one("og:type") == "article"
    assert head.one("og:site_name") == settings.SITE_NAME
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("og:image") == head.one("twitter:image")
    assert head.one("og:image").startswith(f"{S}/media/")
    assert head.one("og:image:alt") == "A trading floor"
    assert head.one("article:section") == "Economy"
    assert head.meta["article:tag"] == ["Banks", "Rates"]

    news = head.of_type("NewsArticle")
    assert news["headline"] == story.title
    assert news["description"] == description
    assert news["mainEntityOfPage"] == {"@type": "WebPage", "@id": canonical}
    byline_time = re.search(r'<time datetime="([^"]+)"', html)[1]  # type: ignore[index]
    assert news["datePublished"] == byline_time == head.one("article:published_time")
    assert news["dateModified"] == head.one("article:modified_time")
    assert news["dateModified"] >= news["datePublished"]
    [person] = news["author"]
    assert person == {"@type": "Person", "name": "Ada Reporter", "url": f"{S}/author/ada/"}
    assert 'href="/author/ada/" rel="author">Ada Reporter<' in html
    assert news["image"] == [head.one("og:image")]
    publisher = news["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == settings.SITE_NAME
    logo = publisher["logo"]["url"]
    assert logo.startswith(f"{S}{settings.STATIC_URL}")
    assert finders.find(logo.removeprefix(f"{S}{settings.STATIC_URL}"))

    crumbs = head.of_type("BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, settings.SITE_NAME, f"{S}/"),
        (2, "Economy", f"{S}/category/economy/"),
        (3, story.title, canonical),
    ]


def test_it_keeps_json_ld_inside_its_script(client: Client, story: Any) -> None:
    html, _ = page(client, story.path)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 2
    for block in blocks:
        assert "<" not in block and ">" not in block


def test_it_links_the_feeds_a_page_has(client: Client, story: Any) -> None:
    _, head = page(client, story.path)
    feeds = [link["href"] for link in head.links if link.get("rel") == "alternate"]
    assert feeds == [f"{S}/feed/", f"{S}/comments/feed/", f"{S}{story.path}feed/"]
    for url in ("/category/economy/", "/tag/rates/", "/author/ada/"):
        _, head = page(client, url)
        feeds = [link["href"] for link in head.links if link.get("rel") == "alternate"]
        assert feeds[-1] == f"{S}{url}feed/"
        for feed in feeds:
            assert client.get(feed.removeprefix(S)).status_code == 200


def test_it_says_no_more_of_a_protected_article_than_its_card(client: Client, db: None) -> None:
    locked = make_article(
        "Locked story",
        password="sesame",
        standfirst="Locked standfirst",
        body="Locked body",
        tags=["Locked tag"],
        featured_image=make_image(alt="Locked picture"),
    )
    html, head = page(client, locked.path)
    head_html = html[: html.index("</head>")]
    for secret in ("Locked standfirst", "Locked body", "Locked tag", "Locked picture", "/media/"):
        assert secret not in head_html
    assert head.one("description") == head.one("og:description") == "Locked story"
    news = head.of_type("NewsArticle")
    assert "image" not in news and "keywords" not in news and "wordCount" not in news
    assert not [link for link in head.links if link.get("href", "").endswith(f"{locked.path}feed/")]


def test_it_describes_a_page(client: Client, db: None) -> None:
    about = make_article("About us", kind=Kind.PAGE, standfirst="Who we are")
    _, head = page(client, about.path)
    assert head.canonical() == S + about.path
    assert head.one("description") == head.one("og:description") == "Who we are"
    assert head.one("og:type") == "website"
    assert not [d for d in head.json_ld if d["@type"] == "NewsArticle"]
    crumbs = head.of_type("BreadcrumbList")["itemListElement"]
    assert crumbs[-1]["item"] == S + about.path


def test_it_offers_site_search_on_the_home_page(client: Client, story: Any) -> None:
    _, head = page(client, "/")
    assert head.canonical() == f"{S}/"
    website = head.of_type("WebSite")
    assert website["url"] == f"{S}/" and website["name"] == settings.SITE_NAME
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"
    template = action["target"]["urlTemplate"]
    assert "{search_term_string}" in template
    url = template.replace("{search_term_string}", "rates").removeprefix(S)
    response = client.get(url)
    assert response.status_code == 200 and "<mark>Rates</mark>" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/page/2/", "/category/economy/", "/tag/rates/", "/author/ada/", "/2025/"]
)
def test_it_describes_listings(client: Client, story: Any, url: str) -> None:
    for i in range(12):
        make_article(f"Filler {i}", categories=[story.categories.first()])
    if url == "/2025/":
        url = story.local_published.strftime("/%Y/")
    _, head = page(client, url)
    assert head.canonical() == S + url
    assert head.one("og:url") == S + url
    assert head.one("og:description") == head.one("description")
    assert not [d for d in head.json_ld if d["@type"] == "WebSite"]


def test_it_describes_an_author_with_their_bio_and_photo(client: Client, db: None) -> None:
    writer = make_author("Bo Writer", slug="bo", bio="Covers courts.", photo=make_image(alt="Bo"))
    make_article("A ruling", author=writer)
    _, head = page(client, "/author/bo/")
    assert head.one("description") == head.one("og:description") == "Covers courts."
    assert head.one("og:type") == "profile"
    assert head.one("og:image").startswith(f"{S}/media/")


@pytest.mark.parametrize("url", ["/no-such-page/", "/?s=rates"])
def test_it_gives_no_canonical_to_pages_not_to_index(client: Client, story: Any, url: str) -> None:
    _, head = page(client, url, 404 if "no-such" in url else 200)
    assert head.canonical() is None
    assert "og:url" not in head.meta and head.json_ld == []


def test_it_describes_nothing_in_a_preview(client: Client, editor: Any) -> None:
    draft = make_article("Unfinished", status=Status.DRAFT, standfirst="Draft standfirst")
    client.force_login(editor)
    url = reverse("admin:articles_article_preview", args=[draft.pk])
    _, head = page(client, url)
    assert head.canonical() is None and head.json_ld == []
    assert "og:title" not in head.meta


def test_it_keeps_a_protected_pages_standfirst_out_of_its_head(client: Client, db: None) -> None:
    locked = make_article("Staff area", kind=Kind.PAGE, password="sesame", standfirst="Secret")
    html, head = page(client, locked.path)
    assert "Secret" not in html[: html.index("</head>")]
    assert head.one("description") == head.one("og:description") == "Staff area"
