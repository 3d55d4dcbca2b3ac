"""The comment list's markup (built in Python, broadsheet.comments.display): what each
comment says, escaped where it comes from a reader, in the site's language and time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.test import Client, override_settings

from broadsheet.articles.models import Article
from broadsheet.comments.tests.helpers import make_comment

pytestmark = pytest.mark.django_db


class Attributes(HTMLParser):
    """Every (tag, attrs) pair of a page, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parsed(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Attributes()
    parser.feed(page)
    return parser.tags


def test_it_escapes_the_readers_name_and_website_everywhere(
    client: Client, article: Article
) -> None:
    name = 'Eve "the <b>bold</b>" & co'
    c = make_comment(article, author_name=name, author_url='https://eve.example/?a=1&b="2"')
    page = client.get(article.path).content.decode()
    assert "<b>bold</b>" not in page
    tags = parsed(page)
    reply = next(a for t, a in tags if t == "a" and a.get("data-commentid") == str(c.pk))
    assert reply["data-replyto"] == f"Leave a Reply to {name}"
    assert reply["aria-label"] == f"Reply to {name}"
    assert reply["href"] == f"{article.path}?replytocom={c.pk}#respond"
    site = next(a for t, a in tags if t == "a" and a.get("class") == "url")
    assert site["href"] == 'https://eve.example/?a=1&b="2"'
    assert site["rel"] == "external nofollow ugc"
    assert "Eve &quot;the &lt;b&gt;bold&lt;/b&gt;&quot; &amp; co</a></b>" in page


@override_settings(LANGUAGE_CODE="fr", TIME_ZONE="Europe/Paris")
def test_it_dates_comments_in_the_site_language_and_time_zone(
    client: Client, article: Article
) -> None:
    c = make_comment(article, created_at=datetime(2024, 1, 9, 23, 30, tzinfo=UTC))
    page = client.get(article.path).content.decode()
    # 23:30 UTC is already the 10th in Paris.
    assert (
        f'<a href="#comment-{c.pk}"><time datetime="2024-01-10T00:30:00+01:00">'
        "10 janvier 2024 at 00:30</time></a>"
    ) in page


def test_it_offers_no_reply_link_once_comments_close(client: Client, article: Article) -> None:
    c = make_comment(article)
    assert f"?replytocom={c.pk}#respond" in client.get(article.path).content.decode()
    Article.objects.filter(pk=article.pk).update(comments_open=False)
    page = client.get(article.path).content.decode()
    assert f'id="comment-{c.pk}"' in page
    assert "replytocom" not in page


@override_settings(TIME_ZONE="Europe/Paris")
def test_it_dates_each_comment_by_its_own_day_and_time(client: Client, article: Article) -> None:
    times = [
        datetime(2024, 1, 9, 10, 0, tzinfo=UTC),
        datetime(2024, 1, 9, 23, 30, tzinfo=UTC),
        datetime(2024, 1, 10, 8, 15, tzinfo=UTC),
        datetime(2024, 7, 10, 8, 15, tzinfo=UTC),  # summer time: another offset
    ]
    comments = [make_comment(article, created_at=when) for when in times]
    page = client.get(article.path).content.decode()
    expected = [
        ("2024-01-09T11:00:00+01:00", "Jan. 9, 2024 at 11 a.m."),
        ("2024-01-10T00:30:00+01:00", "Jan. 10, 2024 at 12:30 a.m."),
        ("2024-01-10T09:15:00+01:00", "Jan. 10, 2024 at 9:15 a.m."),
        ("2024-07-10T10:15:00+02:00", "July 10, 2024 at 10:15 a.m."),
    ]
    for c, (iso, shown) in zip(comments, expected, strict=True):
        assert f'<a href="#comment-{c.pk}"><time datetime="{iso}">{shown}</time></a>' in page
