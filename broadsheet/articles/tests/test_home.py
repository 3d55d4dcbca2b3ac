from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.articles.tests.factories import make_article


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
