from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article, make_author
from broadsheet.comments.models import Comment


@pytest.fixture
def article(db: None) -> Article:
    return make_article("Ports are busier than ever", author=make_author("Ada Lovelace"))


def comment(article: Article, **fields: Any) -> Comment:
    fields.setdefault("author_name", "Grace Hopper")
    fields.setdefault("author_email", "grace@example.org")
    fields.setdefault("author_url", "https://grace.example.org/")
    fields.setdefault("author_ip", "203.0.113.9")
    fields.setdefault("user_agent", "Mozilla/5.0 (Grace's phone)")
    fields.setdefault("content", "A thoughtful comment.")
    fields.setdefault("status", Comment.Status.APPROVED)
    fields.setdefault("created_at", timezone.now() - timedelta(hours=1))
    return Comment.objects.create(article=article, **fields)


@pytest.fixture
def graces(article: Article) -> list[Comment]:
    """Grace's comments (one sent with her address in capitals), and someone else's."""
    mine = [
        comment(article, content="First thoughts."),
        comment(
            article,
            author_email="Grace@Example.ORG",
            content="Second thoughts.",
            status=Comment.Status.PENDING,
        ),
    ]
    comment(
        article,
        author_name="Alan",
        author_email="alan@example.org",
        content="Alan's.",
        author_ip="198.51.100.4",
    )
    return mine


@pytest.fixture
def privacy_admin(administrator: User) -> User:
    return administrator
