"""The anonymous form carries no CSRF token (pages may be shared from a cache); the post is
refused when the browser says it came from another site, and allowed when it says nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import form

pytestmark = pytest.mark.django_db
URL = "/wp-comments-post.php"


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_REFERER": "javascript:alert(1)"},
    ],
)
def test_it_refuses_a_post_from_another_site(article: Article, headers: dict[str, str]) -> None:
    response = Client().post(URL, form(article), **headers)
    assert response.status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/2024/01/01/x/"},
        {"HTTP_ORIGIN": "http://127.0.0.1:8000"},  # the site's own URL (BROADSHEET_URL)
    ],
)
def test_it_allows_a_post_from_this_site_or_without_headers(
    article: Article, headers: dict[str, str]
) -> None:
    response = Client().post(URL, form(article), **headers)
    assert response.status_code == 303
