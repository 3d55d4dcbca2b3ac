"""Small filters for the hand-written comment form (WordPress's markup, Django's checks)."""

from __future__ import annotations

from django import template

from broadsheet.comments.forms import CommentForm

register = template.Library()


@register.filter
def field_value(form: CommentForm, name: str) -> str:
    return form.value(name)


@register.filter
def field_error(form: CommentForm, name: str) -> str:
    return form.field_error(name)
