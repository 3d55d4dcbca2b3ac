"""The article page at /YYYY/MM/DD/slug/, as DESIGN.md draws it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import (
    make_article,
    make_author,
    make_category,
    make_image,
)

WHEN = datetime(2025, 4, 9, 10, 30, tzinfo=UTC)


def body_markdown(image_id: int) -> str:
    return f"""\
## Why are the ports so busy?

- Volumes rose to $289 million, far behind $1.4 billion
- Two new berths opened in 2024

### What comes next?

1. Dredging the channel
2. Doubling the cranes

| Port | Boxes |
|------|------:|
| Rotterdam | 14.5m |

> The quay is full by six in the morning.

![Cranes at dawn over the container quay](image:{image_id} "The main quay at 6am")

Read [the port's report](https://example.com/report) for more.
"""


@pytest.fixture
def article(db: None) -> Article:
    photo = make_image("Portrait of Ada Lovelace")
    writer = make_author(
        "Ada Lovelace", slug="ada", bio="Ada covers trade and shipping.", photo=photo
    )
    figure = make_image("unused default alt", caption="unused default caption")
    economy = make_category("Economy")
    shipping = make_category("Shipping", parent=economy)
    return make_article(
        "Ports are busier than ever",
        slug="ports-busier",
        standfirst="Container volumes rose 12% in a year.",
        body=body_markdown(figure.pk) + "\n" + ("word " * 600),
        author=writer,
        published_at=WHEN,
        categories=[shipping],
        tags=["Containers", "Rotterdam"],
    )


def test_it_lives_at_its_dated_url(client: Client, article: Article) -> None:
    assert article.path == "/2025/04/09/ports-busier/"
    assert client.get("/2025/04/09/ports-busier/").status_code == 200
    assert client.get("/2025/04/09/no-such-slug/").status_code == 404


def test_it_shows_headline_standfirst_date_and_reading_time(
    client: Client, article: Article
) -> None:
    page = client.get(article.path).content.decode()
    assert "<h1>Ports are busier than ever</h1>" in page
    assert '<p class="standfirst">Container volumes rose 12% in a year.</p>' in page
    assert '<time datetime="2025-04-09T10:30:00+00:00">April 9, 2025</time>' in page
    # ~640 words at 230 a minute.
    assert "3 minutes read" in page
    assert "<title>Ports are busier than ever \N{EN DASH} " in page


def test_it_renders_the_markdown_body(client: Client, article: Article) -> None:
    page = client.get(article.path).content.decode()
    body = page.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    assert '<h2 id="why-are-the-ports-so-busy">Why are the ports so busy?</h2>' in body
    assert '<h3 id="what-comes-next">What comes next?</h3>' in body
    assert (
        "<ul>" in body and "<li>Volumes rose to $289 million, far behind $1.4 billion</li>" in body
    )
    assert "<ol>" in body and "<li>Dredging the channel</li>" in body
    assert "<table>" in body and '<th scope="col">Port</th>' in body
    assert '<td align="right">14.5m</td>' in body
    assert "<blockquote>" in body and "The quay is full by six in the morning." in body
    assert '<a href="https://example.com/report"' in body


def test_it_renders_an_inline_image_as_a_figure(client: Client, article: Article) -> None:
    page = client.get(article.path).content.decode()
    figure = re.search(r"<figure>.*?</figure>", page, re.S)
    assert figure is not None
    html = figure.group(0)
    assert 'alt="Cranes at dawn over the container quay"' in html
    assert re.search(r'<img [^>]*src="/media/images/[0-9a-f]+-64\.jpg"', html)
    assert "srcset=" in html
    assert "<figcaption>The main quay at 6am</figcaption>" in html


def test_it_has_a_byline_linking_to_the_author(client: Client, article: Article) -> None:
    page = client.get(article.path).content.decode()
    assert 'By <a href="/author/ada/" rel="author">Ada Lovelace</a>' in page


def test_it_has_an_author_box_with_photo_and_bio(client: Client, article: Article) -> None:
    page = client.get(article.path).content.decode()
    box = re.search(r'<section class="author-box".*?</section>', page, re.S)
    assert box is not None
    html = box.group(0)
    assert 'alt="Portrait of Ada Lovelace"' in html
    assert re.search(r'<img src="/media/images/[0-9a-f]+-64\.jpg"', html)
    assert '<a href="/author/ada/">Ada Lovelace</a>' in html
    assert "Ada covers trade and shipping." in html


def test_it_links_categories_and_tags_to_their_archives(client: Client, article: Article) -> None:
    page = client.get(article.path).content.decode()
    assert '<a href="/category/economy/shipping/">Shipping</a>' in page
    assert '<a href="/tag/containers/" rel="tag">Containers</a>' in page
    assert '<a href="/tag/rotterdam/" rel="tag">Rotterdam</a>' in page
    for url in ("/category/economy/shipping/", "/tag/containers/", "/author/ada/"):
        assert "Ports are busier than ever" in client.get(url).content.decode(), url


def test_it_renders_no_related_posts_block_with_nothing_related(
    client: Client, article: Article
) -> None:
    """No other article, so no related list: no heading, no empty block, no fake items
    (broadsheet/related/tests covers the block itself)."""
    page = client.get(article.path).content.decode()
    for placeholder in ("Related", 'class="related', "coming soon", "Coming soon"):
        assert placeholder not in page


@pytest.mark.django_db
def test_it_works_without_photo_bio_terms_or_image(client: Client) -> None:
    plain = make_article("Plain", body="Just a paragraph.", standfirst="")
    page = client.get(plain.path).content.decode()
    assert "<h1>Plain</h1>" in page
    assert "<p>Just a paragraph.</p>" in page
    assert 'class="standfirst"' not in page
    assert 'class="tags"' not in page
    assert "1 minute read" in page
