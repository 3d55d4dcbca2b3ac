"""An editor writes and publishes in a real browser, then reads the result as the public does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from broadsheet.articles.models import Article, Status

BODY = """Dues at Port Calder rise for the third time in two years.

## Who pays the new dues?

- Container lines pay $289 million, far behind $1.4 billion in fuel
- Ferries stay exempt until 2027
"""


@pytest.mark.browser
def test_it_publishes_from_the_admin_to_the_public_page(
    live_server,
    editor: User,
    browser_page: Page,
    new_page: Callable[..., Page],  # type: ignore[no-untyped-def]
) -> None:
    page = browser_page
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", "Harbour dues rise again")
    page.fill("#id_standfirst", "The third rise in two years.")
    page.fill("#id_body", BODY)
    page.select_option("#id_status", Status.PUBLISHED)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_contain_text("Harbour dues rise again")

    article = Article.objects.get()
    assert article.status == Status.PUBLISHED

    # A reader: no session, no JavaScript.
    reader = new_page(java_script_enabled=False)
    response = reader.goto(live_server.url + article.get_absolute_url())
    assert response is not None and response.status == 200
    expect(reader.locator("h1")).to_have_text("Harbour dues rise again")
    expect(reader.locator("article h2#who-pays-the-new-dues")).to_have_text(
        "Who pays the new dues?"
    )
    expect(reader.locator("article .body li")).to_have_count(2)
    expect(reader.locator("article .body li").first).to_contain_text("$289 million")
    expect(reader.locator('a[rel="author"]').first).to_have_text("Editor")
