from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.articles.tests.factories import make_article, make_author, make_category


@pytest.mark.django_db
def test_it_lists_newest_first_ten_a_page(client: Client) -> None:
    now = timezone.now()
    for i in range(12):
        make_article(title=f"Story {i}", published_at=now - timedelta(hours=i))
    page1 = client.get("/").content.decode()
    assert page1.index("Story 0") < page1.index("Story 9")
    assert "Story 10" not in page1
    assert '<link rel="next" href="/page/2/">' in page1
    page2 = client.get("/page/2/").content.decode()
    assert "Story 10" in page2 and "Story 11" in page2
    assert '<link rel="prev" href="/">' in page2
    assert client.get("/page/3/").status_code == 404


@pytest.mark.django_db
def test_it_shows_exactly_ten_cards_on_a_full_page(client: Client) -> None:
    now = timezone.now()
    for i in range(25):
        make_article(title=f"Story {i}", published_at=now - timedelta(minutes=i))
    counts = [
        client.get(url).content.decode().count('<article class="card">')
        for url in ("/", "/page/2/", "/page/3/")
    ]
    assert counts == [10, 10, 5]


@pytest.mark.django_db
def test_it_links_older_and_newer_pages(client: Client) -> None:
    now = timezone.now()
    for i in range(25):
        make_article(title=f"Story {i}", published_at=now - timedelta(minutes=i))

    first = client.get("/").content.decode()
    assert 'class="older" rel="next" href="/page/2/"' in first
    assert 'class="newer"' not in first
    assert 'rel="prev"' not in first

    middle = client.get("/page/2/").content.decode()
    assert '<link rel="prev" href="/">' in middle
    assert '<link rel="next" href="/page/3/">' in middle
    assert 'class="older" rel="next" href="/page/3/"' in middle
    assert 'class="newer" rel="prev" href="/"' in middle

    last = client.get("/page/3/").content.decode()
    assert '<link rel="prev" href="/page/2/">' in last
    assert 'rel="next"' not in last
    assert 'class="older"' not in last


@pytest.mark.django_db
def test_it_has_no_pagination_when_everything_fits(client: Client) -> None:
    make_article(title="Only story")
    body = client.get("/").content.decode()
    assert 'rel="next"' not in body and 'rel="prev"' not in body
    assert 'class="pagination"' not in body


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/page/2/", "/page/99/", "/page/0/"])
def test_it_404s_past_the_end(client: Client, url: str) -> None:
    make_article(title="Only story")
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_it_answers_an_empty_site(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "Nothing has been published here yet." in response.content.decode()


@pytest.mark.django_db
def test_it_shows_headline_standfirst_author_date_and_categories(client: Client) -> None:
    writer = make_author("Ada Lovelace", slug="ada")
    economy = make_category("Economy")
    trade = make_category("Trade")
    when = timezone.now().replace(year=2024, month=3, day=7, hour=12)
    article = make_article(
        "Ports are busier than ever",
        standfirst="Container volumes rose 12% in a year.",
        author=writer,
        published_at=when,
        categories=[economy, trade],
    )
    body = client.get("/").content.decode()
    card = re.search(r'<article class="card">.*?</article>', body, re.S)
    assert card is not None
    card_html = card.group(0)
    assert f'<a href="{article.path}">Ports are busier than ever</a>' in card_html
    assert "Container volumes rose 12% in a year." in card_html
    assert 'href="/author/ada/" rel="author">Ada Lovelace</a>' in card_html
    # Whole seconds: HTML allows at most three decimals in a datetime attribute.
    stamp = when.replace(microsecond=0).isoformat()
    assert f'<time datetime="{stamp}">March 7, 2024</time>' in card_html
    assert '<a href="/category/economy/">Economy</a>' in card_html
    assert '<a href="/category/trade/">Trade</a>' in card_html


@pytest.mark.django_db
def test_it_lists_posts_not_pages(client: Client) -> None:
    make_article("A story")
    make_article("About us", kind="page")
    body = client.get("/").content.decode()
    assert "A story" in body
    assert "About us" not in body.split("</header>", 1)[1]


@pytest.mark.django_db
def test_it_redirects_page_one_to_the_bare_listing(client: Client) -> None:
    make_article(title="Only story")
    response = client.get("/page/1/")
    assert response.status_code == 301 and response["Location"] == "/"
