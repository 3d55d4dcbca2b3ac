"""Reading on a phone, without JavaScript, in a left-to-right and a right-to-left language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article, make_author, make_category
from broadsheet.testing.browser import PHONE

# The things that push phone layouts sideways: an unbroken URL, a long word, a wide table,
# a big picture, code.
BODY = """Dues at Port Calder rise for the third time in two years.

## Who pays the new dues?

- Container lines pay $289 million, far behind $1.4 billion in fuel
- See https://example.org/reports/2026/port-calder/harbour-dues/annual-schedule-of-charges-final-version.pdf

Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt agreed.

| Port | 2024 dues | 2025 dues | 2026 dues | Change | Vessels | Tonnage | Notes |
|------|-----------|-----------|-----------|--------|---------|---------|-------|
| Port Calder | $289,000,000 | $310,000,000 | $355,000,000 | +14.5% | 12,400 | 48,000,000 | 3rd |

    curl https://example.org/api/v1/ports/port-calder/dues?year=2026&format=json&include=history

## What comes next?

1. A review in March
2. A vote in May
"""


def no_sideways_scroll(page: Page) -> None:
    width, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= client, f"the page is {width}px wide in a {client}px viewport"


@pytest.fixture
def article(transactional_db: None) -> Article:
    return make_article(
        "Harbour dues rise again, and the ferries are next in line",
        standfirst="The third rise in two years lands on the container lines.",
        body=BODY,
        author=make_author("Ada Lovelace", slug="ada", bio="Ada covers trade and shipping."),
        categories=[make_category("Economy")],
        tags=["Shipping", "Port Calder"],
    )


@pytest.mark.browser
def test_it_reads_on_a_phone_without_javascript(
    live_server,
    article: Article,
    new_page: Callable[..., Page],  # type: ignore[no-untyped-def]
) -> None:
    page = new_page(**PHONE, java_script_enabled=False)
    response = page.goto(live_server.url + article.get_absolute_url())
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_text(article.title)
    expect(page.locator("article h2#who-pays-the-new-dues")).to_be_visible()
    expect(page.locator("article table")).to_be_visible()
    expect(page.locator('a[rel="author"]').first).to_have_text("Ada Lovelace")
    expect(page.locator("text=Ada covers trade and shipping.")).to_be_visible()
    no_sideways_scroll(page)

    # The home page and the archive it links to hold up too.
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name=article.title)).to_be_visible()
    no_sideways_scroll(page)
    page.get_by_role("link", name="Economy").first.click()
    expect(page.get_by_role("link", name=article.title)).to_be_visible()
    no_sideways_scroll(page)


@pytest.mark.browser
def test_it_flips_for_a_right_to_left_language(
    live_server,
    article: Article,
    new_page: Callable[..., Page],
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.LANGUAGE_CODE = "ar"
    # A reader whose browser asks for English still gets the site's language.
    page = new_page(**PHONE, java_script_enabled=False, locale="en-US")
    page.goto(live_server.url + article.get_absolute_url())
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    # Right-to-left for real: the body text starts at the right-hand edge.
    direction = page.evaluate("getComputedStyle(document.querySelector('article')).direction")
    assert direction == "rtl"
    h1 = page.locator("h1").bounding_box()
    viewport = page.viewport_size
    assert h1 is not None and viewport is not None
    assert h1["x"] + h1["width"] > viewport["width"] * 0.8
    no_sideways_scroll(page)
