"""In a real browser: an article carrying every known XSS vector, as comment text, author
name and website, opens no dialog and runs no script."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from broadsheet.articles.models import Article
from broadsheet.comments.tests.helpers import make_comment
from broadsheet.comments.tests.xss_vectors import VECTORS
from broadsheet.testing.browser import browser, new_page  # noqa: F401  (fixtures)


@pytest.mark.browser
def test_it_runs_none_of_the_vectors(
    live_server,  # type: ignore[no-untyped-def]
    article: Article,
    new_page: Callable[..., Page],  # noqa: F811
) -> None:
    for vector in VECTORS:
        make_comment(article, content=vector, author_name=vector[:200])
    make_comment(article, author_name="Bad site", author_url="javascript:window.pwned=1")
    make_comment(article, content="<b>fine</b> https://example.org")

    page = new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("load")
    # Give delayed handlers (onload, ontoggle, autofocus) their chance; then hover and focus
    # everything in the comments, which mouse and focus handlers would need.
    page.evaluate(
        """() => document.querySelectorAll('#comments *').forEach(el => {
            el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
            if (el.focus) el.focus();
        })"""
    )
    page.wait_for_timeout(300)

    assert dialogs == []
    assert page.evaluate("typeof window.pwned") == "undefined"
    # No element the vectors tried to smuggle in exists in the comments...
    smuggled = page.evaluate(
        """() => document.querySelectorAll(
            '#comments script, #comments iframe, #comments object, #comments embed,'
            + ' #comments img, #comments style, #comments form:not(#commentform), #comments math,'
            + ' #comments svg:not(.avatar), #comments [onerror], #comments [onload],'
            + ' #comments [onclick], #comments [onmouseover], #comments [onfocus]').length"""
    )
    assert smuggled == 0
    # ...and every link in them goes to a web page, not a script.
    protocols = page.eval_on_selector_all(
        ".comment-list a[href]", "links => [...new Set(links.map(a => a.protocol))]"
    )
    assert set(protocols) <= {"http:", "https:"}
    assert page.locator(".comment-list .comment-body").count() == len(VECTORS) + 2
