"""`/?s=query`: ranked full-text search over public articles, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from broadsheet.articles import search
from broadsheet.articles.actions import (
    do_delete_article,
    do_publish,
    do_save_article,
    do_save_tag,
    do_trash,
)
from broadsheet.articles.models import Article, Kind, Status, Tag
from broadsheet.articles.tests.factories import make_article

pytestmark = pytest.mark.django_db


def titles(client: Client, query: str, page: int = 1) -> list[str]:
    url = "/" if page == 1 else f"/page/{page}/"
    response = client.get(url, {"s": query})
    assert response.status_code == 200
    html = response.content.decode()
    found = re.findall(r'<h2 class="card-title"><a href="[^"]*">(.*?)</a></h2>', html)
    return [re.sub(r"</?mark>", "", t) for t in found]


def test_it_finds_words_in_title_standfirst_body_and_tags(client: Client) -> None:
    make_article("Harbour expansion approved", body="Nothing else.")
    make_article("Second", standfirst="The lighthouse will close", body="Nothing.")
    make_article("Third", body="## Why?\n\n- The ferry timetable changes in May\n")
    make_article("Fourth", tags=["Shipyards"])
    make_article("Unrelated", body="Weather report.")
    assert titles(client, "harbour") == ["Harbour expansion approved"]
    assert titles(client, "lighthouse") == ["Second"]
    assert titles(client, "timetable") == ["Third"]
    assert titles(client, "shipyards") == ["Fourth"]


def test_it_ranks_title_matches_first(client: Client) -> None:
    now = timezone.now()
    make_article("Budget notes", body="Only the word tariffs once.", published_at=now)
    make_article(
        "Tariffs explained",
        body="Nothing more.",
        published_at=now - timedelta(days=30),
    )
    assert titles(client, "tariffs") == ["Tariffs explained", "Budget notes"]


def test_it_needs_every_word_and_honours_quoted_phrases(client: Client) -> None:
    make_article("Rail strike called off", body="Unions agreed.")
    make_article("Rail fares rise", body="A strike is possible next year.")
    make_article("Strike ends", body="Dockers return.")
    assert sorted(titles(client, "rail strike")) == ["Rail fares rise", "Rail strike called off"]
    assert titles(client, '"rail strike"') == ["Rail strike called off"]


def test_it_stems_english_words(client: Client) -> None:
    make_article("Elections in the north", body="Voting starts.")
    assert titles(client, "election") == ["Elections in the north"]


def test_it_highlights_matched_words(client: Client) -> None:
    make_article("Harbour & <b>docks</b>", standfirst="A harbour story", body="The harbour grows.")
    html = client.get("/", {"s": "harbour"}).content.decode()
    assert "<mark>Harbour</mark> &amp; &lt;b&gt;docks&lt;/b&gt;" in html
    assert "A <mark>harbour</mark> story" in html
    # The body excerpt is a fragment around the match (PostgreSQL trims its edges).
    assert "<mark>harbour</mark> grows" in html


def test_it_pages_ten_results_at_a_time(client: Client) -> None:
    for i in range(23):
        make_article(f"Bridge report {i}", body="The bridge.")
    first = client.get("/", {"s": "bridge"}).content.decode()
    assert "23 results" in first
    assert '<link rel="next" href="/page/2/?s=bridge">' in first
    assert len(titles(client, "bridge")) == 10
    assert len(titles(client, "bridge", page=2)) == 10
    assert len(titles(client, "bridge", page=3)) == 3
    seen = titles(client, "bridge") + titles(client, "bridge", 2) + titles(client, "bridge", 3)
    assert len(set(seen)) == 23
    assert client.get("/page/4/", {"s": "bridge"}).status_code == 404


HIDDEN = {
    "draft": {"status": Status.DRAFT},
    "pending": {"status": Status.PENDING},
    "private": {"status": Status.PRIVATE},
    "trash": {"status": Status.TRASH},
}


@pytest.mark.parametrize("state", list(HIDDEN))
def test_it_never_finds_hidden_articles(client: Client, state: str) -> None:
    make_article(f"Zebra {state}", body="zebra crossing", **HIDDEN[state])
    make_article("Zebra visible", body="zebra crossing")
    assert titles(client, "zebra") == ["Zebra visible"]


def test_it_finds_a_scheduled_article_only_once_its_time_comes(client: Client) -> None:
    article = make_article("Embargoed budget", published_at=timezone.now() + timedelta(hours=1))
    assert titles(client, "embargoed") == []
    # Public by the clock, as the visibility rule says, before any worker re-saves it.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now())
    assert titles(client, "embargoed") == ["Embargoed budget"]


def test_it_never_searches_a_protected_body(client: Client) -> None:
    make_article(
        "Locked dossier", password="sesame", standfirst="Walrus standfirst", body="Walrus body"
    )
    assert titles(client, "walrus") == []
    # The headline is public (it is on the home page), so it can be found.
    assert titles(client, "dossier") == ["Protected: Locked dossier"]
    html = client.get("/", {"s": "dossier"}).content.decode()
    assert "Walrus" not in html
    assert "This article is protected by a password." in html


def test_it_searches_pages_too(client: Client) -> None:
    make_article("About the newsroom", kind=Kind.PAGE, body="Our ombudsman.")
    assert titles(client, "ombudsman") == ["About the newsroom"]


def test_it_follows_publish_edit_unpublish_and_delete(client: Client) -> None:
    article = make_article("Glacier", status=Status.DRAFT, body="Ice melts.")
    assert titles(client, "glacier") == []
    do_publish(article)
    assert titles(client, "glacier") == ["Glacier"]
    article.title = "Iceberg"
    do_save_article(article)
    assert titles(client, "glacier") == []
    assert titles(client, "iceberg") == ["Iceberg"]
    article.status = Status.DRAFT
    do_save_article(article)
    assert titles(client, "iceberg") == []
    do_publish(article)
    do_trash(article)
    assert titles(client, "iceberg") == []
    do_publish(article)
    do_delete_article(article)
    assert titles(client, "iceberg") == []


def test_it_follows_tags_added_later_and_renamed(client: Client) -> None:
    article = make_article("Tagged later")
    tag = do_save_tag(Tag(name="Walruses"))
    # The admin saves tags after the article, through the many-to-many manager.
    article.tags.add(tag)
    assert titles(client, "walruses") == ["Tagged later"]
    tag.name = "Narwhals"
    do_save_tag(tag)
    assert titles(client, "walruses") == []
    assert titles(client, "narwhals") == ["Tagged later"]
    article.tags.clear()
    assert titles(client, "narwhals") == []


def test_it_rebuilds_the_whole_index(client: Client) -> None:
    make_article("Orchard news", body="Apples.")
    make_article("Secret orchard", status=Status.DRAFT)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_search")
    assert titles(client, "orchard") == []
    assert search.rebuild() == 1
    assert titles(client, "orchard") == ["Orchard news"]


def test_it_costs_the_same_queries_for_1_or_50_results(
    client: Client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    make_article("Kestrel 0", body="kestrel")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/", {"s": "kestrel"})
    small = len(ctx.captured_queries)
    for i in range(1, 50):
        make_article(f"Kestrel {i}", body="kestrel", tags=[f"t{i}"])
    with django_assert_num_queries(small):
        client.get("/", {"s": "kestrel"})


def test_it_offers_a_search_form_when_nothing_is_asked(client: Client) -> None:
    make_article("Anything")
    response = client.get("/", {"s": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html and 'name="s"' in html
    assert '<meta name="robots" content="noindex, follow">' in html
