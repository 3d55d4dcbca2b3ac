"""A real WordPress client against a live Broadsheet server: node-wpapi (npm), the
JavaScript library WordPress tools are written with, unchanged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.images.tests import samples
from broadsheet.wordpress.models import ApplicationPassword

HERE = Path(__file__).parent / "wpapi"
IN_CI = bool(os.environ.get("CI"))


def _client_ready() -> str | None:
    """Why the client cannot run, or None. Installs it from the lock file when missing."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node and npm are not installed"
    if not (HERE / "node_modules" / "wpapi").is_dir():
        result = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],  # noqa: S607
            cwd=HERE,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            return f"npm ci failed: {result.stderr[-500:]}"
    return None


@pytest.fixture
def wpapi() -> Path:
    problem = _client_ready()
    if problem:
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)
    return HERE / "client.js"


@pytest.mark.django_db(transaction=True)
def test_it_works_with_node_wpapi_unchanged(live_server, wpapi: Path, editor, tmp_path) -> None:
    news = make_category("News")
    for n in range(3):
        make_article(f"Story {n}", categories=[news])
    _item, password = ApplicationPassword.objects.issue(editor, "wpapi")
    image = tmp_path / "harbour.png"
    image.write_bytes(samples.png())

    result = subprocess.run(  # noqa: S603 (our own script and arguments)
        ["node", str(wpapi), live_server.url, "editor", password, str(image)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)

    assert out["total"] == 3 and out["totalPages"] == 2
    assert len(out["firstPage"]) == 2 and len(out["secondPage"]) == 1
    assert set(out["firstPage"] + out["secondPage"]) == {"Story 0", "Story 1", "Story 2"}
    assert out["embeddedTerms"] == ["News"]
    assert out["embeddedAuthor"]
    assert out["missing"] == "rest_post_invalid_id"
    assert out["created"]["status"] == "publish"
    assert out["updatedTitle"] == "Updated by wpapi"
    assert out["media"] == {"alt": "Uploaded by wpapi", "type": "image", "hasSource": True}
    assert out["me"] == "editor"
    assert out["commentStatus"] == "hold"
    assert out["anonymousCreate"] == "rest_cannot_create"
    assert out["deleted"] is True
