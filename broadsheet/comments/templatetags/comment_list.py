"""`{% comment_list %}`: the comment region's threads (broadsheet.comments.display)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from broadsheet.comments.display import comment_list_html

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_list(context: Any) -> SafeString:
    """The threads of `comment_threads`, each <li> with its replies nested in it."""
    return comment_list_html(
        context.get("comment_threads") or (),
        page_url=context.get("comment_page_url") or "",
        comments_open=bool(context.get("comments_open")),
        staff_view=bool(context.get("comment_staff_view")),
    )
