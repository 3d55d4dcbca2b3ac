"""A web worker's start: what it loads for good is kept out of the cyclic collector's way."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = (
    "import gc; before = len(gc.get_objects()); import broadsheet.wsgi; "
    "print(gc.get_freeze_count(), len(gc.get_objects()), before)"
)


def test_it_freezes_what_the_application_loads() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "broadsheet.test_settings"}
    out = subprocess.run(  # noqa: S603  (this interpreter, a fixed probe)
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    frozen, tracked, before = map(int, out)
    # Django, the URLconf and every view module: tens of thousands of objects, all frozen,
    # so a full collection walks almost nothing.
    assert frozen > 50_000
    assert tracked < before < frozen
