"""Posting admin forms as the page would: with the management data of whatever inlines
other apps attach (related posts adds one to articles), so tests keep to their own fields."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpResponse
from django.test import Client

_INPUT = re.compile(r"<input[^>]*>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


def management_data(client: Client, url: str) -> dict[str, str]:
    """The inline formsets' hidden management fields on the admin page at `url`."""
    page = client.get(url)
    if page.status_code != 200:
        return {}
    out = {}
    for tag in _INPUT.findall(page.content.decode()):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get("name", "").endswith(_MANAGEMENT):
            out[attrs["name"]] = attrs.get("value", "")
    return out


def post_admin(client: Client, url: str, data: dict[str, Any]) -> HttpResponse:
    return client.post(url, {**management_data(client, url), **data})
