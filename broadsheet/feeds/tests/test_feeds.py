from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from broadsheet.articles.actions import do_save_article
from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.feeds.tests.conftest import Site
from broadsheet.feeds.tests.helpers import FEED_KINDS, get, parse_feed

ATOM = "{http://www.w3.org/2005/Atom}"
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d\d:\d\d:\d\d [+-]\d{4}$"
)


@pytest.mark.parametrize("kind", list(FEED_KINDS))
def test_it_serves_every_feed_kind_valid(client: Client, site: Site, kind: str) -> None:
    parsed = parse_feed(client, site.url(kind))
    expected = "atom10" if kind.endswith("atom") else "rss20"
    assert parsed.version == expected
    assert len(parsed.entries) == 1
    # The self link is the very URL the feed was fetched from.
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [settings.SITE_URL + site.url(kind)]


def test_it_gives_rss_items_what_readers_need(client: Client, site: Site) -> None:
    parsed = parse_feed(client, "/feed/")
    entry = parsed.entries[0]
    assert entry.title == "Budget day"
    assert entry.link == settings.SITE_URL + site.article.path
    assert entry.author == "Ada Reporter"
    assert [t.term for t in entry.tags] == ["News"]
    assert entry.id == f"{settings.SITE_URL}/?p={site.article.pk}"
    assert entry.guidislink is False
    assert "$289 million" in entry.content[0].value
    assert entry.summary == "A line under the headline."


def test_it_writes_rfc822_dates_in_rss(client: Client, site: Site) -> None:
    root = ET.fromstring(client.get("/feed/").content)  # noqa: S314  (our own output)
    assert RFC822.match(root.findtext("channel/lastBuildDate") or "")
    assert RFC822.match(root.findtext("channel/item/pubDate") or "")


def test_it_gives_atom_entries_an_author_updated_and_id(client: Client, site: Site) -> None:
    root = ET.fromstring(client.get("/feed/atom/").content)  # noqa: S314  (our own output)
    assert root.findtext(f"{ATOM}updated")
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Ada Reporter"
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}id") == f"{settings.SITE_URL}/?p={site.article.pk}"
    assert entry.find(f"{ATOM}summary").get("type") == "html"  # type: ignore[union-attr]


def test_it_names_authors_but_never_their_email(client: Client, site: Site) -> None:
    for kind in FEED_KINDS:
        text = get(client, site.url(kind))
        assert "ada.reporter@example.com" not in text
        assert "carol.secret@example.org" not in text


def test_it_keeps_the_guid_when_an_article_is_edited(client: Client, site: Site) -> None:
    before = parse_feed(client, "/feed/atom/").entries[0]
    site.article.title = "Budget day, revised"
    site.article.slug = "budget-day-revised"
    site.article.published_at = site.article.published_at - timedelta(days=1)
    do_save_article(site.article)
    after = parse_feed(client, "/feed/atom/").entries[0]
    assert after.id == before.id
    assert after.link != before.link
    assert after.title == "Budget day, revised"


def test_it_lists_the_ten_newest_by_default(client: Client, db: None) -> None:
    now = timezone.now()
    for i in range(12):
        make_article(f"Story {i}", published_at=now - timedelta(hours=i))
    titles = [e.title for e in parse_feed(client, "/feed/").entries]
    assert titles == [f"Story {i}" for i in range(10)]


def test_it_follows_the_item_count_setting(client: Client, db: None, settings) -> None:  # type: ignore[no-untyped-def]
    settings.FEED_ITEMS = 3
    for i in range(5):
        make_article(f"Story {i}")
    assert len(parse_feed(client, "/feed/atom/").entries) == 3


def test_it_sends_summaries_only_when_set_to(client: Client, site: Site, settings) -> None:  # type: ignore[no-untyped-def]
    settings.FEED_FULL_CONTENT = False
    for url in ("/feed/", "/feed/atom/"):
        entry = parse_feed(client, url).entries[0]
        assert "content" not in entry
        assert entry.summary == "A line under the headline."
        assert "$289 million" not in get(client, url)


def test_it_summarises_the_body_when_there_is_no_standfirst(client: Client, db: None) -> None:
    words = " ".join(f"word{i}" for i in range(80))
    make_article("Long", standfirst="", body=words)
    summary = parse_feed(client, "/feed/").entries[0].summary
    assert summary.startswith("word0 word1")
    assert "word54" in summary and "word55" not in summary


def test_it_escapes_markup_in_summaries(client: Client, db: None) -> None:
    make_article("Tags", standfirst="Why <b>bold</b> & brave")
    raw = get(client, "/feed/")
    # Escaped once as HTML and once as XML: readers show the characters, not bold text.
    assert "Why &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; &amp;amp; brave" in raw
    # feedparser hands back the HTML, which shows the literal characters.
    summary = parse_feed(client, "/feed/").entries[0].summary
    assert summary == "Why &lt;b&gt;bold&lt;/b&gt; &amp; brave"


def test_it_makes_links_in_content_absolute(client: Client, db: None) -> None:
    make_article("Links", body="See [the archive](/2024/) and ![a chart](/media/chart.png)")
    content = parse_feed(client, "/feed/").entries[0].content[0].value
    assert f'href="{settings.SITE_URL}/2024/"' in content
    assert f'src="{settings.SITE_URL}/media/chart.png"' in content
    assert 'href="/' not in content and 'src="/' not in content


def test_it_drops_characters_xml_cannot_carry(client: Client, db: None) -> None:
    make_article("Bell\x07 and tab\x0b", standfirst="Form\x0cfeed", body="Escape\x1b byte")
    for url in ("/feed/", "/feed/atom/"):
        entry = parse_feed(client, url).entries[0]
        assert entry.title == "Bell and tab"


def test_it_carries_child_categories_in_the_parent_feed(client: Client, db: None) -> None:
    world = make_category("World")
    europe = make_category("Europe", parent=world)
    make_article("From Europe", categories=[europe])
    make_article("Elsewhere")
    titles = [e.title for e in parse_feed(client, "/category/world/feed/").entries]
    assert titles == ["From Europe"]
    titles = [e.title for e in parse_feed(client, "/category/world/europe/feed/atom/").entries]
    assert titles == ["From Europe"]


def test_it_leaves_feed_to_the_feed_route_not_the_category_path(client: Client, db: None) -> None:
    news = make_category("News")
    make_article("In the news", categories=[news])
    # /category/news/feed/ is the feed of "news", not an archive of a category "news/feed".
    assert client.get("/category/news/feed/")["Content-Type"].startswith("application/rss+xml")
    # A category that is itself called "feed" keeps its archive.
    make_category("Feed")
    assert client.get("/category/feed/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/category/nowhere/feed/",
        "/tag/nowhere/feed/atom/",
        "/author/nobody/feed/",
        "/2020/01/01/no-such-article/feed/",
        "/no-such-page/feed/atom/",
    ],
)
def test_it_404s_for_feeds_of_nothing(client: Client, db: None, url: str) -> None:
    assert client.get(url).status_code == 404


def test_it_answers_an_empty_site_with_a_valid_feed(client: Client, db: None) -> None:
    for url in ("/feed/", "/feed/atom/", "/comments/feed/", "/comments/feed/atom/"):
        assert parse_feed(client, url).entries == []


def test_it_refuses_to_be_posted_to(client: Client, db: None) -> None:
    assert client.post("/feed/").status_code == 405


def test_it_speaks_the_sites_language_whatever_the_reader_asks(client: Client, site: Site) -> None:
    parsed = feedparser.parse(client.get("/feed/", HTTP_ACCEPT_LANGUAGE="fr").content)
    assert parsed.feed.language == settings.LANGUAGE_CODE
