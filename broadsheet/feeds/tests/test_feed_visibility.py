"""No hidden article reaches a reader through any feed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.articles.models import Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.feeds.tests.conftest import Site
from broadsheet.feeds.tests.helpers import FEED_KINDS, get

HIDDEN = {
    "draft": {"status": Status.DRAFT},
    "pending": {"status": Status.PENDING},
    "private": {"status": Status.PRIVATE},
    "trash": {"status": Status.TRASH},
    "scheduled": {"status": Status.PUBLISHED, "in_future": True},
}


@pytest.mark.parametrize("state", list(HIDDEN))
def test_it_keeps_hidden_articles_out_of_every_feed(client: Client, site: Site, state: str) -> None:
    fields = dict(HIDDEN[state])
    if fields.pop("in_future", False):
        fields["published_at"] = timezone.now() + timedelta(hours=2)
    make_article(
        f"Secret {state} headline",
        author=site.author,
        categories=[site.category],
        tags=["Budget"],
        standfirst=f"Secret {state} standfirst",
        body=f"Secret {state} body words",
        **fields,
    )
    for kind in FEED_KINDS:
        text = get(client, site.url(kind))
        assert f"Secret {state}" not in text, kind


def test_it_shows_a_protected_article_by_its_title_only(client: Client, site: Site) -> None:
    make_article(
        "Locked story",
        author=site.author,
        categories=[site.category],
        tags=["Budget"],
        password="sesame",
        standfirst="Locked standfirst",
        body="Locked body words",
    )
    for kind in FEED_KINDS:
        text = get(client, site.url(kind))
        assert "Locked standfirst" not in text and "Locked body words" not in text, kind
    rss = get(client, "/feed/")
    assert "Protected: Locked story" in rss
    assert "This article is protected by a password." in rss


def test_it_lists_a_scheduled_article_once_its_time_comes(client: Client, site: Site) -> None:
    article = make_article("Embargoed", published_at=timezone.now() + timedelta(minutes=5))
    assert "Embargoed" not in get(client, "/feed/")
    # The rule compares with the clock: no worker needs to have run.
    article.__class__.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )
    assert "Embargoed" in get(client, "/feed/")
