"""The menu and the discussion settings are read once per process (broadsheet.lib.sitewide)
and again as soon as they change: these tests commit, as production does, so what is kept
is really used, and every change must show on the very next request."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from broadsheet.articles.actions import do_save_article, do_save_category
from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.comments.models import DiscussionSettings
from broadsheet.lib import sitewide

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    sitewide.changed()
    yield
    sitewide.changed()


def menu_queries(client: Client, url: str = "/") -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [
        q["sql"]
        for q in captured.captured_queries
        if '"parent_id" IS NULL' in q["sql"] or "comments_discussionsettings" in q["sql"]
    ]


def test_it_reads_the_menu_once_while_nothing_changes(client: Client) -> None:
    story = make_article("A story", categories=[make_category("World")])
    assert menu_queries(client)  # the first request reads it
    assert menu_queries(client) == []
    # The article page reads the discussion settings too, once.
    assert [q for q in menu_queries(client, story.path) if "discussionsettings" in q]
    assert menu_queries(client, story.path) == []


def test_it_shows_a_new_page_and_a_renamed_category_on_the_next_request(
    client: Client,
) -> None:
    world = make_category("World")
    make_article("A story", categories=[world])
    assert ">World</a></li>" in client.get("/").content.decode()

    make_article("About us", kind="page")
    assert '<li><a href="/about-us/">About us</a></li>' in client.get("/").content.decode()

    world.name = "The World"
    do_save_category(world)
    page = client.get("/").content.decode()
    assert ">The World</a></li>" in page
    assert ">World</a></li>" not in page


def test_it_takes_an_unpublished_page_out_of_the_menu_at_once(client: Client) -> None:
    about = make_article("About us", kind="page")
    assert "/about-us/" in client.get("/").content.decode()
    about.status = "draft"
    do_save_article(about)
    assert "/about-us/" not in client.get("/").content.decode()


def test_it_puts_a_scheduled_page_in_the_menu_at_its_time(client: Client) -> None:
    soon = timezone.now() + timedelta(hours=1)
    make_article("Coming soon", kind="page", status="future", published_at=soon)
    assert "/coming-soon/" not in client.get("/").content.decode()
    later = soon + timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "/coming-soon/" in client.get("/").content.decode()


def test_it_applies_new_discussion_settings_on_the_next_request(client: Client) -> None:
    story = make_article("A story")
    assert 'id="commentform"' in client.get(story.path).content.decode()
    conf = DiscussionSettings.load()
    conf.require_login = True
    conf.save()
    page = client.get(story.path).content.decode()
    assert 'id="commentform"' not in page
    assert "You must be logged in to post a comment." in page


def test_it_reads_from_the_database_when_the_cache_is_unusable(client: Client) -> None:
    make_article("About us", kind="page")
    with mock.patch.object(sitewide.cache, "get", side_effect=ConnectionError("down")):
        assert menu_queries(client)
        assert menu_queries(client)  # nothing kept without a version
        assert "/about-us/" in client.get("/").content.decode()
