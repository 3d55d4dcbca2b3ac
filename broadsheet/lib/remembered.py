"""Strings the public pages make again and again from a few values, made once per process.

A listing shows ten bylines, an article up to a hundred comments: each with a URL that
`reverse()` works out by walking the URL patterns, and a day and a time of day formatted
by Django's date formatting (a format lookup, translated month names). Together those were
about a fifth of an uncached listing's CPU. The same author, category, day and minute
come back on page after page, so each result is kept, keyed by everything it depends on
(the language, the time zone offset, the URLconf and script prefix). The tables are
bounded, and emptied when a setting changes (tests switch formats, languages and URLconfs).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import date_format, time_format
from django.utils.translation import get_language

LIMIT = 10_000
_days: dict[tuple, str] = {}
_times: dict[tuple, str] = {}


def _kept(table: dict[tuple, str], key: tuple, make: Callable[[], str]) -> str:
    text = table.get(key)
    if text is None:
        if len(table) >= LIMIT:
            table.clear()
        text = table[key] = make()
    return text


def day_text(local: datetime, language: str | None = None) -> str:
    """`date_format(local, "DATE_FORMAT")`: the day, in the current language's format
    (`language`: the current one, when the caller has looked it up already)."""
    key = (language or get_language(), local.year, local.month, local.day, local.utcoffset())
    return _kept(_days, key, lambda: date_format(local, "DATE_FORMAT"))


def time_text(local: datetime, language: str | None = None) -> str:
    """`time_format(local, "TIME_FORMAT")`: the time of day, in the current language's."""
    key = (language or get_language(), local.hour, local.minute, local.second, local.utcoffset())
    return _kept(_times, key, lambda: time_format(local, "TIME_FORMAT"))


@lru_cache(maxsize=LIMIT)
def _reverse(name: str, arg: str, urlconf: Any, prefix: str) -> str:
    return reverse(name, args=[arg], urlconf=urlconf)


def url_of(name: str, arg: str) -> str:
    """`reverse(name, args=[arg])`, for the public pages' one-argument routes."""
    return _reverse(name, arg, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@receiver(setting_changed)
def _forget(**kwargs: Any) -> None:
    _days.clear()
    _times.clear()
    _reverse.cache_clear()
