"""Dates in URLs, on pages and in archives are in the site's time zone (as WordPress's)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client, override_settings

from broadsheet.articles.tests.factories import make_article


def titles_on(client: Client, url: str) -> list[str]:
    body = client.get(url).content.decode()
    return [t for t in ("Late", "Early") if f">{t}</a></h2>" in body]


@pytest.mark.django_db
@override_settings(TIME_ZONE="Pacific/Auckland")
def test_it_uses_the_local_date_ahead_of_utc(client: Client) -> None:
    # 23:30 UTC on 5 March is 12:30 on 6 March in Auckland (UTC+13 in summer).
    story = make_article("Late", published_at=datetime(2024, 3, 5, 23, 30, tzinfo=UTC))
    assert story.path == "/2024/03/06/late/"
    page = client.get("/2024/03/06/late/")
    assert page.status_code == 200
    assert (
        '<time datetime="2024-03-06T12:30:00+13:00">March 6, 2024</time>' in page.content.decode()
    )
    assert client.get("/2024/03/05/late/").status_code == 404


@pytest.mark.django_db
@override_settings(TIME_ZONE="America/Los_Angeles")
def test_it_uses_the_local_date_behind_utc(client: Client) -> None:
    # 03:00 UTC on 1 March is 19:00 on 29 February in Los Angeles (UTC-8).
    story = make_article("Early", published_at=datetime(2024, 3, 1, 3, 0, tzinfo=UTC))
    assert story.path == "/2024/02/29/early/"
    page = client.get(story.path).content.decode()
    assert '<time datetime="2024-02-29T19:00:00-08:00">Feb. 29, 2024</time>' in page


@pytest.mark.django_db
@override_settings(TIME_ZONE="Pacific/Auckland")
def test_it_draws_month_and_year_archives_on_local_boundaries(client: Client) -> None:
    # Local New Year's Day, though still 2023 in UTC.
    make_article("Late", published_at=datetime(2023, 12, 31, 23, 30, tzinfo=UTC))
    # Local 31 December 2023 (UTC+13), though 2023-12-31 10:00 UTC too: stays in 2023.
    make_article("Early", published_at=datetime(2023, 12, 30, 23, 0, tzinfo=UTC))
    assert titles_on(client, "/2024/") == ["Late"]
    assert titles_on(client, "/2024/01/") == ["Late"]
    assert titles_on(client, "/2023/") == ["Early"]
    assert titles_on(client, "/2023/12/") == ["Early"]


@pytest.mark.django_db
@override_settings(TIME_ZONE="America/Los_Angeles")
def test_it_draws_month_archives_on_local_boundaries_behind_utc(client: Client) -> None:
    # 1 March 03:00 UTC is still February in Los Angeles; 1 March 09:00 UTC is March there.
    make_article("Early", published_at=datetime(2024, 3, 1, 3, 0, tzinfo=UTC))
    make_article("Late", published_at=datetime(2024, 3, 1, 9, 0, tzinfo=UTC))
    assert titles_on(client, "/2024/02/") == ["Early"]
    assert titles_on(client, "/2024/03/") == ["Late"]


@pytest.mark.django_db
def test_it_uses_utc_by_default(client: Client) -> None:
    story = make_article("Late", published_at=datetime(2024, 3, 5, 23, 30, tzinfo=UTC))
    assert story.path == "/2024/03/05/late/"
    assert titles_on(client, "/2024/03/") == ["Late"]
