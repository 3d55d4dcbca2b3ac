"""Where the real WordPress export files are: ../shared/wordpress beside the repository.

They are used in place (never copied into the project). Locally a missing folder skips the
tests that need it; in CI (`CI` set) it fails them, since CI always has the folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = (Path(__file__).resolve().parents[3] / ".." / "shared" / "wordpress").resolve()
THEME_UNIT_TEST = "theme-test-data/themeunittestdata.wordpress.xml"


def wxr_file(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        message = f"WordPress test data not found at {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def all_wxr_files() -> list[str]:
    """Every .xml under the shared folder, relative names (empty when it is absent)."""
    if not SHARED.is_dir():
        return ["<missing>"]
    return sorted(str(p.relative_to(SHARED)) for p in SHARED.rglob("*.xml"))
