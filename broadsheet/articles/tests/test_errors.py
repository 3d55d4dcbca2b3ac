"""The 404 and 500 pages, in the site's style and with the right status."""

from __future__ import annotations

from typing import NoReturn

import pytest
from django.http import HttpRequest
from django.test import Client, override_settings
from django.urls import path

from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.urls import urlpatterns as site_urlpatterns


def boom(request: HttpRequest) -> NoReturn:
    raise RuntimeError("the view broke")


# This module is the URLconf of the 500 test: the site's routes plus one that raises.
urlpatterns = [path("boom/", boom), *site_urlpatterns]
handler404 = "broadsheet.views.not_found"
handler500 = "broadsheet.views.server_error"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/no-such-page/",
        "/2024/01/02/no-such-article/",
        "/category/no-such-category/",
        "/tag/no-such-tag/",
        "/author/no-such-author/",
        "/page/9/",
        "/2024/13/",
    ],
)
def test_it_answers_404_in_the_sites_style(client: Client, url: str) -> None:
    make_category("World")
    make_article("A story")
    response = client.get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert '<header class="masthead">' in page
    assert '<a href="/category/world/">World</a>' in page
    assert "Sorry, we could not find that page" in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'href="/static/broadsheet/site.css"' in page


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_it_answers_500_in_the_sites_style() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Something went wrong</h1>" in page
    assert 'href="/static/broadsheet/site.css"' in page
    assert '<html lang="en" dir="ltr">' in page
    assert "the view broke" not in page
    assert "Traceback" not in page


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_it_still_serves_the_site_through_the_test_urlconf(client: Client) -> None:
    story = make_article("A story")
    assert client.get(story.path).status_code == 200
