"""The learning spam filter (placeholder until trained): see spam_probability()."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from broadsheet.comments.models import Comment


def spam_probability(comment: Comment) -> float | None:
    return None


def learn(comment: Comment, *, spam: bool, was: str) -> None:
    return None
