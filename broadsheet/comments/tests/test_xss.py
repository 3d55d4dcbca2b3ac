"""Known XSS vectors are neutralised: in the renderer, and on the article page where they
arrive as a reader's comment, name and website."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.comments.rendering import render_comment
from broadsheet.comments.tests.helpers import make_comment
from broadsheet.comments.tests.xss_vectors import VECTORS

ALLOWED = {"a", "em", "strong", "code", "blockquote", "p", "br"}
URL_ATTRIBUTES = {"href", "src", "cite", "action", "data", "formaction", "xlink:href"}
# What the URL parser ignores: tab and newlines anywhere, C0 controls and space at the start.
IGNORED_IN_URLS = re.compile(r"[\t\n\r]+|^[\x00-\x20]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_safe(html: str, allowed: set[str] = ALLOWED) -> None:
    for tag, attrs in elements(html):
        assert tag in allowed, (tag, html)
        for name, value in attrs:
            assert not name.startswith("on"), (name, html)
            assert name != "style", html
            if name in URL_ATTRIBUTES and value is not None:
                url = IGNORED_IN_URLS.sub("", value).lower()
                scheme = SCHEME.match(url)
                # No scheme at all is a relative URL: harmless.
                assert scheme is None or scheme[1] in ("http", "https", "mailto"), html


@pytest.mark.parametrize("vector", VECTORS)
def test_it_neutralises_the_vector_in_the_renderer(vector: str) -> None:
    assert_safe(render_comment(vector))


def test_it_escapes_what_it_does_not_allow_rather_than_dropping_it() -> None:
    # The reader sees what they typed, as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in render_comment("<script>alert(1)</script>")


@pytest.mark.django_db
def test_it_neutralises_every_vector_on_the_article_page(client: Client, article: Article) -> None:
    for vector in VECTORS:
        make_comment(article, content=vector, author_name=vector[:200])
    make_comment(article, author_name="Site", author_url="javascript:alert(1)")
    page = client.get(article.path).content.decode()
    comments = page[page.index('<ol class="comment-list">') : page.index('<div id="respond"')]
    assert comments.count('class="comment-body"') == len(VECTORS) + 1
    # Outside the avatars (our own SVG), nothing but the allowed markup appears.
    comments = re.sub(r"<svg class=\"avatar\".*?</svg>", "", comments, flags=re.S)
    assert_safe(comments, ALLOWED | {"li", "article", "footer", "div", "b", "span", "time", "ol"})


@pytest.mark.django_db
def test_it_refuses_a_website_that_is_not_http(client: Client, article: Article) -> None:
    from broadsheet.comments.tests.helpers import post

    for url in ("javascript:alert(1)", "data:text/html,x", "ftp://example.org/"):
        response = post(client, article, url=url)
        assert response.status_code == 400, url
        assert "Please enter a web address" in response.content.decode()
    assert not Comment.objects.exists()
