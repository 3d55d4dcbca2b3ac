"""`{% page_metadata %}`: canonical URL, feed links, Open Graph, Twitter and JSON-LD."""

from __future__ import annotations

from typing import Any

from django import template

from broadsheet.feeds.metadata import for_context, iso

register = template.Library()


@register.inclusion_tag("feeds/metadata.html", takes_context=True)
def page_metadata(context: Any) -> dict[str, Any]:
    return {"meta": for_context(context)}


@register.filter
def iso_datetime(value: Any) -> str:
    """A `datetime` attribute value: ISO 8601 in the site's time zone, whole seconds (HTML
    allows at most three decimals; Django's "c" format gives six)."""
    return iso(value)
