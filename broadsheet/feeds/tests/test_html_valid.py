"""The Nu HTML Checker (vnu.jar, from npm's `vnu-jar`) finds no error on any kind of page.

Needs Java and `npm install --no-save vnu-jar` in the project folder (or VNU_JAR naming the
jar). Without them the test skips on a laptop and fails in CI (`CI` set).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from broadsheet.articles.models import Kind
from broadsheet.articles.tests.factories import (
    make_article,
    make_author,
    make_category,
    make_image,
)
from broadsheet.feeds.tests.conftest import approve

IN_CI = bool(os.environ.get("CI"))
JAR = Path(
    os.environ.get(
        "VNU_JAR",
        Path(settings.BASE_DIR).parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
    )
)
BODY = """A standfirst-shaped opening paragraph.

## Where did the money go?

- Spending rose to $289 million, far behind $1.4 billion
- A second point with 12% growth

![A chart of spending](image:{image})

| Year | Spend |
| ---- | ----: |
| 2024 | $1.2bn |

> A quotation from the minister.

### Smaller heading

1. First
2. Second
"""


def checker() -> list[str]:
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java is not installed (apt-get install default-jre-headless)")
    if not JAR.is_file():
        missing.append(f"{JAR} is missing (run `npm install --no-save vnu-jar` in the project)")
    if missing:
        reason = "Nu HTML Checker unavailable: " + "; ".join(missing)
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    return [java, "-jar", str(JAR)]  # type: ignore[list-item]


def pages(client: Client) -> dict[str, str]:
    """One of every kind of page a reader can land on, by name."""
    author = make_author("Ada Reporter", slug="ada", bio="Writes about money.", photo=make_image())
    economy = make_category("Economy")
    markets = make_category("Markets", parent=economy)
    image = make_image(alt="A chart of spending", caption="Spending by year", credit="Agency")
    story = make_article(
        "Where the budget went",
        author=author,
        categories=[markets],
        tags=["Budget", "Spending"],
        body=BODY.format(image=image.pk),
        featured_image=make_image(alt="The treasury"),
    )
    first = approve(
        story, "Carol", "carol@example.com", "A <em>fair</em> summary.\n\nTwo paragraphs."
    )
    reply = approve(story, "Dan", "dan@example.com", "I disagree.")
    reply.parent = first
    reply.save()
    for i in range(12):
        make_article(f"Budget follow-up {i}", author=author, categories=[economy], tags=["Budget"])
    locked = make_article("Locked story", password="sesame", author=author)
    about = make_article("About us", kind=Kind.PAGE, standfirst="Who we are.", body="We report.")
    year = story.local_published.strftime("/%Y/")
    month = story.local_published.strftime("/%Y/%m/")
    urls = {
        "home": "/",
        "home page 2": "/page/2/",
        "article": story.path,
        "page": about.path,
        "category": "/category/economy/",
        "child category": "/category/economy/markets/",
        "tag": "/tag/budget/",
        "author": "/author/ada/",
        "year": year,
        "month": month,
        "search": "/?s=budget",
        "search page 2": "/page/2/?s=budget",
        "search, nothing found": "/?s=zzzz",
        "search, empty": "/?s=",
        "search, hostile": "/?s=%22NEAR(%3Cb%3E%ff",
        "password form": locked.path,
        "password form, wrong password": f"{locked.path}?password=wrong",
        "404": "/no-such-page/",
    }
    out = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), (name, url)
        out[name] = response.content.decode()
    return out


@pytest.mark.django_db
def test_it_serves_html_the_nu_checker_finds_no_error_in(client: Client, tmp_path: Path) -> None:
    command = checker()
    files: dict[str, str] = {}
    for n, (name, html) in enumerate(pages(client).items()):
        path = tmp_path / f"page-{n}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    result = subprocess.run(  # noqa: S603  (our own arguments, no shell)
        [*command, "--errors-only", "--format", "json", *[str(tmp_path / n) for n in files]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report: dict[str, Any] = json.loads(result.stderr or result.stdout or '{"messages": []}')
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}: "
        f"line {m.get('lastLine')}: "
        f"{m.get('message')} [{m.get('extract', '').strip()}]"
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors)
