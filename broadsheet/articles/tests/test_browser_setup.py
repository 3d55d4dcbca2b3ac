"""Browser tests skip on a laptop without chromium, and fail in CI without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.testing.browser import require_chromium

MISSING = Path("/nonexistent/chromium")


def test_it_skips_with_a_reason_when_chromium_is_missing() -> None:
    with pytest.raises(pytest.skip.Exception, match="chromium not found at /nonexistent"):
        require_chromium(MISSING, env={})


def test_it_fails_in_ci_when_chromium_is_missing() -> None:
    with pytest.raises(pytest.fail.Exception, match="CI is set, so browser tests must run"):
        require_chromium(MISSING, env={"CI": "true"})


def test_it_goes_ahead_when_chromium_is_there(tmp_path: Path) -> None:
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    require_chromium(chromium, env={"CI": "true"})
