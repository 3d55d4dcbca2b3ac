"""The admin header's "comments awaiting moderation" badge (WordPress's bubble)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from broadsheet.comments.models import Comment

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comments_badge(context: dict[str, Any]) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("comments.view_comment"):
        return ""
    n = Comment.objects.held().count()
    label = ngettext(
        "%(n)d comment awaiting moderation", "%(n)d comments awaiting moderation", n
    ) % {"n": n}
    url = reverse("admin:comments_comment_changelist") + "?comment_status=pending"
    return format_html(
        '<a class="pending-comments" href="{}" style="color: var(--header-link-color)">'
        '{} <span class="badge" aria-hidden="true" style="display: inline-block; '
        "min-width: 1.4em; padding: 0 .4em; border-radius: 1em; text-align: center; "
        'background: {}; color: #fff">{}</span></a>',
        url,
        label,
        "#d63638" if n else "#646970",
        n,
    )
