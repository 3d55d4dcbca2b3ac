"""Flooding (one comment per 15 seconds per IP and per email: 429), duplicates (409) and
the hourly cap per IP (429); the client IP believed from X-Forwarded-For only behind a
trusted proxy."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment, DiscussionSettings
from broadsheet.comments.tests.helpers import age_comments, post

pytestmark = pytest.mark.django_db


def test_it_refuses_a_second_comment_within_15_seconds_from_one_ip(
    client: Client, article: Article
) -> None:
    assert post(client, article, comment="One.", ip="198.51.100.1").status_code == 303
    response = post(client, article, comment="Two.", ip="198.51.100.1", email="other@example.org")
    assert response.status_code == 429
    assert "too quickly" in response.content.decode()
    assert response["Retry-After"]
    assert "Two." in response.content.decode()  # typed text kept for the retry
    age_comments()
    assert post(client, article, comment="Two.", ip="198.51.100.1").status_code == 303


def test_it_refuses_a_second_comment_within_15_seconds_from_one_email(
    client: Client, article: Article
) -> None:
    post(client, article, comment="One.", ip="198.51.100.1")
    assert post(client, article, comment="Two.", ip="198.51.100.2").status_code == 429
    assert Comment.objects.count() == 1


def test_it_refuses_duplicates(client: Client, article: Article) -> None:
    post(client, article, comment="Same words.")
    age_comments(minutes=10)
    response = post(client, article, comment="Same words.", ip="198.51.100.7")
    assert response.status_code == 409
    assert "already said that" in response.content.decode()
    assert Comment.objects.count() == 1


def test_it_caps_comments_per_ip_per_hour(client: Client, article: Article) -> None:
    DiscussionSettings(max_per_ip_hour=3).save()
    for i in range(3):
        assert post(client, article, comment=f"C{i}", email=f"r{i}@example.org").status_code == 303
        age_comments()
    response = post(client, article, comment="C4", email="r4@example.org")
    assert response.status_code == 429
    assert "this hour" in response.content.decode()


def test_it_spares_moderators(client: Client, article: Article, editor) -> None:  # type: ignore[no-untyped-def]
    client.force_login(editor)
    assert post(client, article, comment="One.").status_code == 303
    assert post(client, article, comment="Two.").status_code == 303


def test_it_ignores_forwarded_for_from_untrusted_peers(client: Client, article: Article) -> None:
    post(client, article, ip="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert Comment.objects.get().author_ip == "198.51.100.1"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_it_believes_forwarded_for_from_a_trusted_proxy(client: Client, article: Article) -> None:
    forwarded = "6.6.6.6, 203.0.113.5, 10.0.0.2"  # the client could have made up the first
    post(client, article, ip="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert Comment.objects.get().author_ip == "203.0.113.5"
    # Two readers behind the same proxy are two addresses to the flood limit.
    response = post(
        client,
        article,
        comment="Other.",
        email="o@example.org",
        ip="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.6",
    )
    assert response.status_code == 303
