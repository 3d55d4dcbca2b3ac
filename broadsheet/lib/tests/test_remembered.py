"""Remembered dates and URLs (broadsheet.lib.remembered): always what Django would make now,
in the language, time zone, formats and URLconf of the moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import override_settings
from django.urls import reverse, set_script_prefix
from django.utils import translation
from django.utils.formats import date_format, time_format

from broadsheet.lib.remembered import day_text, time_text, url_of

START = datetime(2026, 3, 28, 22, 59, 58, tzinfo=UTC)
# Across a daylight-saving change, so the same UTC clock has two offsets.
TIMES = [START + timedelta(minutes=37 * i, seconds=i) for i in range(200)]


def test_it_formats_as_django_does_in_every_language_and_zone() -> None:
    for language in ("en", "de", "fr"):
        with translation.override(language):
            for zone in (UTC, ZoneInfo("Europe/London"), ZoneInfo("Asia/Kolkata")):
                for when in TIMES:
                    local = when.astimezone(zone)
                    assert day_text(local) == date_format(local, "DATE_FORMAT")
                    assert time_text(local) == time_format(local, "TIME_FORMAT")


def test_it_follows_a_change_of_formats() -> None:
    # No language active: the settings' formats apply (a language's own formats win).
    with translation.override(None):
        before = day_text(START), time_text(START)
        assert before == (date_format(START, "DATE_FORMAT"), time_format(START, "TIME_FORMAT"))
        with override_settings(DATE_FORMAT="Y-m-d", TIME_FORMAT="H:i:s"):
            assert (day_text(START), time_text(START)) == ("2026-03-28", "22:59:58")
        assert (day_text(START), time_text(START)) == before


def test_it_reverses_as_django_does_under_any_script_prefix() -> None:
    for name, arg in (("author", "ada"), ("tag", "rates"), ("category", "world/europe")):
        assert url_of(name, arg) == reverse(name, args=[arg])
        set_script_prefix("/news/")
        try:
            assert url_of(name, arg) == reverse(name, args=[arg])
            assert url_of(name, arg).startswith("/news/")
        finally:
            set_script_prefix("/")
        assert url_of(name, arg) == reverse(name, args=[arg])
