"""Threads and comment pages: pure functions over comments already loaded.

A page of comments is a run of `per_page` top-level threads, oldest first; each thread
carries all its replies, so a reply always sits on the page of its thread's first comment.
A comment whose parent the reader cannot see (trashed, held) joins its nearest visible
ancestor, or starts a thread of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from broadsheet.comments.models import Comment

COMMENT_PAGE = re.compile(r"^(?P<base>.*/)comment-page-(?P<page>[1-9][0-9]{0,5})/$")


@dataclass
class Node:
    comment: Comment
    depth: int
    children: list[Node] = field(default_factory=list)


def build_threads(comments: Iterable[Comment], max_depth: int) -> list[Node]:
    """Top-level threads (oldest first) from comments in (created_at, id) order."""
    nodes: dict[int, Node] = {}
    parents: dict[int, int | None] = {}
    roots: list[Node] = []
    for c in comments:
        parents[c.pk] = c.parent_id
    for c in comments:
        parent = _nearest_visible(c.parent_id, parents, nodes)
        # Threads deeper than the setting (imported from a site that allowed more) are
        # shown at the deepest level, as later replies are attached there.
        while parent is not None and parent.depth >= max_depth:
            parent = _nearest_visible(parents[parent.comment.pk], parents, nodes)
        node = Node(c, 1 if parent is None else parent.depth + 1)
        nodes[c.pk] = node
        (roots if parent is None else parent.children).append(node)
    return roots


def _nearest_visible(
    parent_id: int | None, parents: dict[int, int | None], nodes: dict[int, Node]
) -> Node | None:
    seen = 0
    while parent_id is not None and seen < 10_000:
        if parent_id in nodes:
            return nodes[parent_id]
        # A parent not in the list (not visible): try its own parent, if we know it.
        parent_id = parents.get(parent_id)
        seen += 1
    return None


def page_count(roots: Sequence[Node], per_page: int) -> int:
    return max(1, -(-len(roots) // max(1, per_page)))


def page_slice(roots: Sequence[Node], page: int, per_page: int) -> Sequence[Node]:
    per_page = max(1, per_page)
    return roots[(page - 1) * per_page : page * per_page]


def page_holding(roots: Sequence[Node], comment_id: int, per_page: int) -> int | None:
    """The comment page (1-based) whose threads include `comment_id`."""
    for index, root in enumerate(roots):
        if _contains(root, comment_id):
            return index // max(1, per_page) + 1
    return None


def _contains(node: Node, comment_id: int) -> bool:
    if node.comment.pk == comment_id:
        return True
    return any(_contains(child, comment_id) for child in node.children)


def split_comment_page(path: str) -> tuple[str, int | None]:
    """'/2024/01/02/slug/comment-page-3/' → ('/2024/01/02/slug/', 3)."""
    m = COMMENT_PAGE.match(path)
    if m is None:
        return path, None
    return m["base"], int(m["page"])


def comment_page_url(article_url: str, page: int | None) -> str:
    """The first page is the article's own URL (comment-page-1/ redirects there)."""
    return article_url if page in (None, 1) else f"{article_url}comment-page-{page}/"


def page_url_of(comment: Comment) -> str:
    """Where `comment` is shown to a reader who can see it: its page and #comment-ID.

    Public comments are placed among the public ones; a held one as its writer sees it,
    i.e. among the public ones plus itself.
    """
    from broadsheet.comments.models import Comment, DiscussionSettings

    conf = DiscussionSettings.load()
    visible = Comment.objects.filter(article_id=comment.article_id).filter(
        status=Comment.Status.APPROVED
    ) | Comment.objects.filter(pk=comment.pk)
    rows = list(visible.only("id", "parent_id", "created_at").order_by("created_at", "id"))
    roots = build_threads(rows, conf.thread_depth)
    page = page_holding(roots, comment.pk, conf.per_page)
    return f"{comment_page_url(comment.article.get_absolute_url(), page)}#comment-{comment.pk}"
