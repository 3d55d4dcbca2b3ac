from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.models import Kind, Status
from broadsheet.articles.tests.factories import make_article, make_author, make_category
from broadsheet.feeds.tests.helpers import get, sitemap_locs

S = settings.SITE_URL


def all_urls(client: Client) -> dict[str, str | None]:
    """Every URL of every sitemap the index names, with its lastmod."""
    out: dict[str, str | None] = {}
    for loc, _ in sitemap_locs(get(client, "/sitemap.xml")):
        assert loc.startswith(S)
        response = client.get(loc.removeprefix(S))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/xml")
        out.update(sitemap_locs(b"".join(response.streaming_content).decode()))
    return out


@pytest.mark.django_db
def test_it_lists_articles_pages_and_archives_with_lastmod(client: Client) -> None:
    author = make_author("Ada", slug="ada")
    world = make_category("World")
    europe = make_category("Europe", parent=world)
    make_category("Empty")
    story = make_article("Story", author=author, categories=[europe], tags=["Budget"])
    page = make_article("About us", kind=Kind.PAGE)
    urls = all_urls(client)
    assert set(urls) == {
        f"{S}/",
        f"{S}{story.path}",
        f"{S}{page.path}",
        f"{S}/category/world/",
        f"{S}/category/world/europe/",
        f"{S}/tag/budget/",
        f"{S}/author/ada/",
    }
    stamp = max(story.updated_at, story.published_at).replace(microsecond=0).isoformat()
    for url in (f"{S}/", f"{S}{story.path}", f"{S}/category/world/", f"{S}/tag/budget/"):
        assert urls[url] == stamp, url


@pytest.mark.django_db
def test_it_keeps_hidden_and_protected_items_out(client: Client) -> None:
    make_article("Visible")
    hidden = [
        make_article("Draft", status=Status.DRAFT, slug="draft-one"),
        make_article("Pending", status=Status.PENDING, slug="pending-one"),
        make_article("Private", status=Status.PRIVATE, slug="private-one"),
        make_article("Trash", status=Status.TRASH, slug="trash-one"),
        make_article("Later", published_at=timezone.now() + timedelta(days=1), slug="later-one"),
        make_article("Locked", password="sesame", slug="locked-one"),
        make_article("Draft page", status=Status.DRAFT, kind=Kind.PAGE, slug="draft-page"),
    ]
    # A term or author whose only articles are hidden has no public archive worth listing.
    shy = make_author("Shy", slug="shy")
    make_article("Shy draft", author=shy, status=Status.DRAFT, tags=["Hush"])
    text = " ".join(all_urls(client))
    for article in hidden:
        assert article.slug not in text
    assert "/author/shy/" not in text and "/tag/hush/" not in text


@pytest.mark.django_db
def test_it_splits_into_chunks_of_the_configured_size(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITEMAP_CHUNK_SIZE = 3
    articles = [make_article(f"Story {i}") for i in range(7)]
    locs = [loc for loc, _ in sitemap_locs(get(client, "/sitemap.xml"))]
    chunks = [loc for loc in locs if "/sitemap-posts-" in loc]
    assert len(chunks) >= 3
    seen: list[str] = []
    for loc in chunks:
        urls = sitemap_locs(get(client, loc.removeprefix(S)))
        assert 1 <= len(urls) <= 3
        seen += [u for u, _ in urls]
    assert sorted(seen) == sorted(f"{S}{a.path}" for a in articles)


@pytest.mark.django_db
def test_it_keeps_an_article_in_its_chunk_when_it_is_edited(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITEMAP_CHUNK_SIZE = 2
    articles = [make_article(f"Story {i}") for i in range(5)]

    def chunks() -> dict[str, str]:
        index = sitemap_locs(get(client, "/sitemap.xml"))
        return {loc: get(client, loc.removeprefix(S)) for loc, _ in index if "posts" in loc}

    before = chunks()
    articles[0].slug = "renamed"
    do_save_article(articles[0])
    after = chunks()
    assert set(before) == set(after)
    changed = [loc for loc in before if before[loc] != after[loc]]
    assert len(changed) == 1 and "renamed" in after[changed[0]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-posts-2.xml",
        "/sitemap-pages-1.xml",
        "/sitemap-nothing-1.xml",
        "/sitemap-posts-0.xml",
    ],
)
def test_it_404s_for_chunks_that_do_not_exist(client: Client, url: str) -> None:
    make_article("Only one")
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_it_streams_chunks(client: Client) -> None:
    make_article("Story")
    response = client.get("/sitemap-posts-1.xml")
    assert response.streaming
    # Read to the end within the test: on PostgreSQL the rows come from a server-side
    # cursor, which must not outlive the test's transaction (a generator closed later by
    # the garbage collector would fail in whichever test runs then).
    assert b"</urlset>" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_it_escapes_and_encodes_urls(client: Client) -> None:
    story = make_article("Café au lait", slug="café-au-lait")
    text = get(client, "/sitemap-posts-1.xml")
    [(loc, _)] = sitemap_locs(text)
    assert loc.isascii() and "caf%C3%A9-au-lait" in loc
    assert unquote(loc) == f"{S}{story.path}"


@pytest.mark.django_db
def test_it_answers_an_empty_site(client: Client) -> None:
    locs = sitemap_locs(get(client, "/sitemap.xml"))
    assert [loc for loc, _ in locs] == [f"{S}/sitemap-home.xml"]
    assert sitemap_locs(get(client, "/sitemap-home.xml")) == [(f"{S}/", None)]
