"""`broadsheet serve` as an operator runs it: either WSGI server, the page cache's fast path in
front of Django, a clean stop, and a web server that stopped on its own started again."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from broadsheet.tests.test_cli import BROADSHEET, free_port, run, wait_for


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("serve")
    result = run("manage", "migrate", "--verbosity", "0", data=data)
    assert result.returncode == 0, result.stderr
    return data


def start(data: Path, port: int, *args: str) -> subprocess.Popen[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "BROADSHEET_DATA", "DJANGO_SETTINGS_MODULE")
    }
    env["BROADSHEET_PAGE_CACHE"] = "on"
    cmd = [*BROADSHEET, "--data", str(data), "serve", "--port", str(port), *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # noqa: S603
    wait_for(f"http://127.0.0.1:{port}/healthz", proc)
    return proc


def stop(proc: subprocess.Popen[str]) -> tuple[int, str]:
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


def request(port: int, method: str = "GET", path: str = "/") -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        # Header names lower-cased: granian sends them so, gunicorn as the application wrote them.
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read()
    finally:
        conn.close()


@pytest.fixture
def port() -> Iterator[int]:
    yield free_port()


@pytest.mark.parametrize("server", ["granian", "gunicorn"])
def test_it_serves_cached_pages_and_stops_cleanly(site: Path, port: int, server: str) -> None:
    proc = start(site, port, "--server", server)
    try:
        first = request(port)
        assert first[0] == 200 and first[1].get("x-cache") == "MISS"
        # The task worker's start-up jobs (the daily related rebuild) may move the cache
        # generation on just after the first answer, so wait for the page to be cached.
        deadline = time.monotonic() + 20
        while request(port)[1].get("x-cache") != "HIT" and time.monotonic() < deadline:
            time.sleep(0.2)
        answers = [request(port) for _ in range(4)]
        assert [a[0] for a in answers] == [200] * 4
        assert all(a[1].get("x-cache") == "HIT" for a in answers)
        assert len({a[2] for a in answers}) == 1
        assert len({a[1]["x-request-id"] for a in answers}) == 4
        status, headers, body = request(port, "HEAD")
        assert status == 200 and body == b""
        assert headers["content-length"] == str(len(answers[0][2]))
        # Static files: WhiteNoise, before the page cache.
        status, headers, body = request(port, path="/static/broadsheet/site.css")
        assert status == 200 and body and "max-age" in headers["cache-control"]
        assert "x-cache" not in headers
    finally:
        code, err = stop(proc)
    assert code == 0, err


def children(pid: int) -> list[tuple[int, str]]:
    out = subprocess.run(  # noqa: S603
        ["ps", "-o", "pid=,args=", "--ppid", str(pid)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return [(int(line.split()[0]), line) for line in out.splitlines() if line.strip()]


def test_it_starts_the_web_server_again_when_it_stops_on_its_own(site: Path, port: int) -> None:
    proc = start(site, port)
    try:
        web = next(pid for pid, args in children(proc.pid) if "granian" in args)
        # A worker killed twice within seconds: granian takes it for a crash loop and exits
        # (having stopped its other workers).
        first = max(pid for pid, _ in children(web))
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            respawned = [pid for pid, _ in children(web) if pid > first]
            if respawned:
                break
            time.sleep(0.1)
        assert respawned, "granian did not replace the killed worker"
        os.kill(respawned[0], signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(pid == web for pid, _ in children(proc.pid)):
            time.sleep(0.1)
        assert all(pid != web for pid, _ in children(proc.pid)), "granian did not exit"
        wait_for(f"http://127.0.0.1:{port}/healthz", proc, seconds=90)
        assert request(port)[0] == 200
    finally:
        code, err = stop(proc)
    assert code == 0, err
    assert "starting it again" in err
