"""Playwright fixtures driving Debian's chromium against pytest-django's `live_server`.

Browsers are never downloaded: the system's /usr/bin/chromium is used. Without it the browser
tests skip with a reason, except in CI (the `CI` variable set), where they fail: a CI run that
silently tested no browser would be a lie.

Playwright's sync API keeps an asyncio loop running in the test's thread while it is started,
which makes Django refuse ORM calls (SynchronousOnlyOperation). So Playwright lives exactly as
long as one test (a browser start is well under a second), and Django's check is relaxed for
that test only: nothing else in the suite runs beside a running loop.

Use:

    @pytest.mark.browser
    def test_it_reads(live_server, new_page):
        page = new_page(viewport={"width": 375, "height": 740}, java_script_enabled=False)
        page.goto(live_server.url + "/")
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path(os.environ.get("BROADSHEET_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Phone-sized, as most readers are.
PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True}


def require_chromium(path: Path = CHROMIUM, env: dict[str, str] | None = None) -> None:
    """Skip (on a laptop) or fail (in CI) when the browser is missing."""
    env = os.environ if env is None else env
    if path.is_file() and os.access(path, os.X_OK):
        return
    reason = f"chromium not found at {path} (install Debian's chromium to run browser tests)"
    if env.get("CI"):
        pytest.fail(f"CI is set, so browser tests must run: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def browser(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    """A chromium of its own for one test.

    Depends on transactional_db so that the database is flushed after Playwright has stopped
    (the flush is an ORM call too).
    """
    require_chromium()
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser: Browser) -> Callable[..., Page]:
    """Open a page in a fresh context (own cookies); keyword arguments go to new_context,
    e.g. `viewport=`, `java_script_enabled=False`, `locale=`."""

    def open_page(**context_options: Any) -> Page:
        context = browser.new_context(**context_options)
        # Fail fast rather than wait half a minute on a selector that is not coming.
        context.set_default_timeout(10_000)
        return context.new_page()

    return open_page


@pytest.fixture
def browser_page(new_page: Callable[..., Page]) -> Page:
    """A desktop-sized page."""
    return new_page(viewport={"width": 1280, "height": 900})
