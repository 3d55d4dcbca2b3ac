"""The honeypot and the signed render time keep robots' comments out (as spam), with no
third-party service."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.defences import make_stamp, stamp_problem
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import make_comment, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def known_writer(article: Article) -> None:
    # A writer whose comments would otherwise publish at once.
    make_comment(article, author_name="Grace Hopper", author_email="grace@example.org")


def status_after(client: Client, article: Article, **fields: str) -> str:
    response = post(client, article, **fields)
    assert response.status_code == 303
    return Comment.objects.latest("id").status


def test_it_publishes_a_form_filled_at_human_speed(client: Client, article: Article) -> None:
    assert status_after(client, article) == Comment.Status.APPROVED


def test_it_keeps_a_filled_honeypot_as_spam(client: Client, article: Article) -> None:
    assert status_after(client, article, comment_hp="http://spam.example") == Comment.Status.SPAM
    assert "hidden field" in Comment.objects.latest("id").moderation_note


@pytest.mark.parametrize(
    ("stamp", "why"),
    [
        (lambda a: make_stamp(a.pk, time.time() - 1), "seconds after"),
        (lambda a: make_stamp(a.pk, time.time() - 25 * 3600), "more than a day"),
        (lambda a: "", "missing"),
        (lambda a: make_stamp(a.pk)[:-3] + "abc", "forged"),
        (lambda a: make_stamp(a.pk + 1000, time.time() - 60), "another article"),
    ],
)
def test_it_keeps_a_badly_timed_or_forged_form_as_spam(
    client: Client,
    article: Article,
    stamp,
    why: str,  # type: ignore[no-untyped-def]
) -> None:
    assert status_after(client, article, comment_stamp=stamp(article)) == Comment.Status.SPAM
    assert why in Comment.objects.latest("id").moderation_note


def test_it_puts_a_fresh_stamp_in_the_form(client: Client, article: Article) -> None:
    page = client.get(article.path).content.decode()
    value = page.split('name="comment_stamp" value="')[1].split('"')[0]
    assert stamp_problem(value, article.pk, now=time.time() + 10) == ""
    assert "seconds after" in stamp_problem(value, article.pk)
