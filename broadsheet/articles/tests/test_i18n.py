"""The page's language and direction come from the site language (BROADSHEET_LANGUAGE)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client, override_settings

from broadsheet.articles.tests.factories import make_article


@pytest.fixture
def story_path(db: None) -> str:
    return make_article("A story").path


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="ar")
def test_it_flips_to_right_to_left_for_arabic(client: Client, story_path: str) -> None:
    for url in ("/", story_path, "/no-such-page/"):
        assert '<html lang="ar" dir="rtl">' in client.get(url).content.decode(), url


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="en")
def test_it_is_left_to_right_for_english(client: Client, story_path: str) -> None:
    for url in ("/", story_path, "/no-such-page/"):
        assert '<html lang="en" dir="ltr">' in client.get(url).content.decode(), url


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="he")
def test_it_flips_for_hebrew_too(client: Client, story_path: str) -> None:
    assert '<html lang="he" dir="rtl">' in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["ar", "fr-FR,fr;q=0.9", "de", "he"])
def test_it_ignores_the_browsers_language(client: Client, story_path: str, accept: str) -> None:
    """A page may come from the shared page cache, so it must be the same for every reader:
    the site's language, never the one the browser asks for."""
    for url in ("/", story_path):
        response = client.get(url, headers={"accept-language": accept})
        assert '<html lang="en" dir="ltr">' in response.content.decode()
        assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="fr")
def test_it_writes_dates_in_the_site_language(client: Client) -> None:
    story = make_article("A story", published_at=datetime(2024, 1, 9, 12, tzinfo=UTC))
    page = client.get("/").content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert ">9 janvier 2024</time>" in page
    assert ">9 janvier 2024</time>" in client.get(story.path).content.decode()
    assert "janvier 2024</h1>" in client.get("/2024/01/").content.decode()
