"""The admin and the public pages work in a real browser under the Content-Security-Policy:
an editor logs in, writes and saves an article, and nothing is refused on the way."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import ConsoleMessage, Page, expect

from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_category


def watch(page: Page) -> list[str]:
    """Collect CSP violations (as the browser reports them to the page) and console errors."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # The browser's own favicon request (no favicon here) is not the page's doing.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            problems.append(f"console {message.type}: {message.text} {message.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "response",
        lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    # Reported through the DOM too, in case a message is not logged to the console.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return problems


@pytest.mark.browser
def test_it_writes_an_article_in_the_admin_without_csp_errors(
    live_server,
    editor: User,
    browser_page: Page,
    new_page: Callable[..., Page],  # type: ignore[no-untyped-def]
) -> None:
    make_category("Economy")
    page = browser_page
    problems = watch(page)
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    assert page.evaluate("document.querySelector('meta') !== null")

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", "Harbour dues rise again")
    page.fill("#id_standfirst", "The third rise in two years.")
    page.fill("#id_body", "Dues rise.\n\n## Who pays?\n\n- Container lines\n")
    page.select_option("#id_status", Status.PUBLISHED)
    # The categories picker is the admin's JavaScript autocomplete: it must work under the CSP.
    page.click("#id_categories + .select2 .select2-selection")
    page.keyboard.type("Econ")
    page.locator(".select2-results__option", has_text="Economy").click()
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_contain_text("Harbour dues rise again")
    article = Article.objects.get()
    assert [c.name for c in article.categories.all()] == ["Economy"]

    # The article as a reader sees it, with the comment form's script.
    reader = new_page()
    reader_problems = watch(reader)
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.locator("h1")).to_have_text("Harbour dues rise again")
    reader.wait_for_load_state("networkidle")

    assert problems == []
    assert reader_problems == []
