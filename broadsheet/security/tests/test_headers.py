"""Security headers on every response, a strict Content-Security-Policy that no page needs
to break (no inline script anywhere), and hosts limited to the site's own."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.demo.loader import load_demo
from broadsheet.testing.crawl import crawl


def policy(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class ScriptFinder(HTMLParser):
    """Everything in a page that would run script: inline <script>, on* handlers,
    javascript: URLs. JSON-LD blocks are data, never run, so they are allowed."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and not named.get("src") and named.get("type") != "application/ld+json":
            self.problems.append(f"inline <script {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")


def script_problems(html: str) -> list[str]:
    finder = ScriptFinder()
    finder.feed(html)
    return finder.problems


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/no-such-page/", "/feed/"])
def test_it_sends_the_security_headers(client: Client, db: None, path: str) -> None:
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["style-src"]


def test_it_refuses_a_foreign_host(client: Client, db: None) -> None:
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/admin/login/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/", HTTP_HOST="localhost").status_code == 200


def test_it_has_no_inline_script_on_any_public_page(client: Client, db: None) -> None:
    load_demo()
    pages = crawl(client)
    assert len(pages) > 20
    html = {p: b for p, b in pages.items() if b.lstrip().lower().startswith("<!doctype html")}
    assert len(html) > 10
    problems = {p: script_problems(b) for p, b in html.items()}
    assert {p: v for p, v in problems.items() if v} == {}


def test_it_has_no_inline_script_in_the_admin(client: Client, editor: User) -> None:
    load_demo()
    client.force_login(editor)
    article = Article.objects.filter(kind="post").first()
    assert article is not None
    paths = [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/comments/comment/",
        "/admin/images/image/",
        "/admin/security/authenticator/",
        "/admin/security/authenticator/add/",
        "/admin/password_change/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert script_problems(response.content.decode()) == [], path
