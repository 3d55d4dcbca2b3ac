"""The `broadsheet` command as an operator runs it: real processes, real HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BROADSHEET = [sys.executable, "-m", "broadsheet.cli"]


def run(
    *args: str, data: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    cmd = [*BROADSHEET, *(["--data", str(data)] if data else []), *args]
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.pop("BROADSHEET_DATA", None)
    full_env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(  # noqa: S603
        cmd, capture_output=True, text=True, timeout=120, env={**full_env, **(env or {})}
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"server exited early: {proc.stderr.read() if proc.stderr else ''}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds}s")


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310
        return r.read().decode()


def test_it_prints_help_and_exits_2_on_usage_errors() -> None:
    assert run("--help").returncode == 0
    assert run("no-such-command").returncode == 2
    assert run("serve", "--port", "99999").returncode == 2
    assert run().returncode == 2


def test_it_exits_1_for_an_unknown_management_command(tmp_path: Path) -> None:
    result = run("manage", "no-such-command", data=tmp_path)
    assert result.returncode == 1
    assert "Unknown command" in result.stderr


def test_it_keeps_everything_in_the_data_folder(tmp_path: Path) -> None:
    result = run("manage", "migrate", "--verbosity", "0", data=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "broadsheet.sqlite3").exists()
    key = (tmp_path / "secret-key.txt").read_text()
    assert len(key) >= 50
    other = tmp_path / "other"
    run("manage", "check", data=other)
    assert (other / "secret-key.txt").read_text() != key  # unique per site


def test_it_opens_sqlite_in_wal_mode(tmp_path: Path) -> None:
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0])"
    )
    result = run("manage", "shell", "-c", code, data=tmp_path)
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr


def test_it_switches_to_postgresql_with_database_url(tmp_path: Path) -> None:
    url = "postgres://postgres@127.0.0.1:5432/postgres"
    probe = run(
        "manage",
        "shell",
        "-c",
        "from django.db import connection; "
        "connection.ensure_connection(); print(connection.vendor)",
        data=tmp_path,
        env={"DATABASE_URL": url},
    )
    if probe.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL unreachable in CI: {probe.stderr[-500:]}")
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    assert probe.stdout.strip().splitlines()[-1] == "postgresql"


def test_it_serves_the_demo_and_reuses_it_on_the_second_run(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "BROADSHEET_DATA", "DJANGO_SETTINGS_MODULE")
    }
    cmd = [*BROADSHEET, "--data", str(tmp_path), "demo", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # noqa: S603
    try:
        wait_for(f"{base}/healthz", proc)
        home = get(f"{base}/")
        assert "The 2026 budget in four questions" in home
        assert 'lang="en"' in home
        article = get(f"{base}/2026/11/20/budget-2026-four-questions/")
        assert "<figure>" in article and "<figcaption>" in article
        # Debug is off: unknown pages get the styled 404, not Django's debug page.
        with pytest.raises(urllib.error.HTTPError) as e:
            get(f"{base}/no-such-page/")
        assert e.value.code == 404
        assert "Sorry, we could not find that page" in e.value.read().decode()
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    credentials = (tmp_path / "demo-credentials.txt").read_text()
    password = credentials.split("password: ")[1].strip()
    assert password in out  # printed once, on the first run

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # noqa: S603
    try:
        started = time.monotonic()
        wait_for(f"{base}/healthz", proc)
        assert time.monotonic() - started < 30
        assert get(f"{base}/").count("The 2026 budget in four questions") == 1  # not loaded twice
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert password not in out
    assert "demo-credentials.txt" in out
