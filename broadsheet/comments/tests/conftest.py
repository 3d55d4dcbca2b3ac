from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article, make_author


@pytest.fixture
def article(db: None) -> Article:
    """A published article with comments open, a week old."""
    return make_article(
        "Ports are busier than ever",
        slug="ports",
        author=make_author("Ada Lovelace", slug="ada", email="ada@newsroom.example"),
        published_at=timezone.now() - timedelta(days=7),
    )
