"""Builders for the comment tests: a valid form post, and comments stored as readers'."""

from __future__ import annotations

import time
from datetime import timedelta
from itertools import count
from typing import Any

from django.test import Client
from django.utils import timezone

from broadsheet.articles.models import Article
from broadsheet.comments.defences import make_stamp
from broadsheet.comments.models import Comment

_n = count(1)


def form(article: Article, **fields: Any) -> dict[str, Any]:
    """What a reader's browser sends, rendered a minute ago; `fields` override."""
    data = {
        "comment": "A thoughtful comment.",
        "author": "Grace Hopper",
        "email": "grace@example.org",
        "url": "",
        "comment_post_ID": str(article.pk),
        "comment_parent": "0",
        "comment_stamp": make_stamp(article.pk, time.time() - 60),
        "comment_hp": "",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def post(client: Client, article: Article, ip: str | None = None, **fields: Any) -> Any:
    """Post the form as a browser on this site would (its own Origin); upper-case keyword
    arguments are request headers (HTTP_X_FORWARDED_FOR=...)."""
    extra = {"HTTP_ORIGIN": "http://testserver"}
    extra.update({k: fields.pop(k) for k in [k for k in fields if k.isupper()]})
    if ip:
        extra["REMOTE_ADDR"] = ip
    return client.post("/wp-comments-post.php", form(article, **fields), **extra)


def make_comment(article: Article, **fields: Any) -> Comment:
    """A stored comment (approved unless said otherwise), as if posted and moderated."""
    n = next(_n)
    fields.setdefault("author_name", f"Reader {n}")
    fields.setdefault("author_email", f"reader{n}@example.net")
    fields.setdefault("content", f"Comment number {n}.")
    fields.setdefault("status", Comment.Status.APPROVED)
    # In the past (so no flood limit applies to a new post), in the order made.
    fields.setdefault("created_at", timezone.now() - timedelta(hours=3) + timedelta(seconds=n))
    return Comment.objects.create(article=article, **fields)


def age_comments(minutes: int = 1) -> None:
    """Move every comment back in time, past the 15-second flood window."""
    from django.db.models import F

    Comment.objects.update(created_at=F("created_at") - timedelta(minutes=minutes))
