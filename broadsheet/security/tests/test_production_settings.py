"""Production settings, checked the way an operator runs them: through the CLI."""

from __future__ import annotations

import gzip
import json
import secrets
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from broadsheet.tests.test_cli import run

HTTPS_SITE = {
    "BROADSHEET_HTTPS": "1",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "BROADSHEET_URL": "https://news.example.com",
}


def test_it_passes_the_deploy_check_with_no_warnings(tmp_path: Path) -> None:
    result = run(
        "manage", "check", "--deploy", "--fail-level", "WARNING", data=tmp_path, env=HTTPS_SITE
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_it_warns_when_https_is_not_said(tmp_path: Path) -> None:
    # The check is real: the same site without BROADSHEET_HTTPS is told what is missing.
    env = {k: v for k, v in HTTPS_SITE.items() if k != "BROADSHEET_HTTPS"}
    result = run("manage", "check", "--deploy", "--fail-level", "WARNING", data=tmp_path, env=env)
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


class Collector(BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        elif self.headers.get("Content-Encoding") == "deflate":
            body = zlib.decompress(body)
        self.received.append((self.path, body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def sentry_endpoint() -> Iterator[tuple[str, list[tuple[str, bytes]]]]:
    """A stand-in for Sentry on this machine, collecting what the SDK sends."""
    received: list[tuple[str, bytes]] = []
    handler = type("Handler", (Collector,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://publickey@127.0.0.1:{server.server_address[1]}/42", received
    server.shutdown()
    server.server_close()


REPORT_AN_ERROR = """
import sentry_sdk
from django.test import Client
from django.test.utils import override_settings
assert sentry_sdk.is_initialized()
# (collectstatic has not run here: plain static storage instead of the manifest)
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
storages = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": plain,
}
with override_settings(ROOT_URLCONF="broadsheet.security.tests.urls_boom", STORAGES=storages):
    response = Client(raise_request_exception=False).get(
        "/boom/", HTTP_HOST="127.0.0.1", HTTP_X_REQUEST_ID="req-sentry-0001"
    )
assert response.status_code == 500, response.status_code
sentry_sdk.flush(10)
"""


def test_it_reports_errors_to_sentry_when_a_dsn_is_set(
    tmp_path: Path, sentry_endpoint: tuple[str, list[tuple[str, bytes]]]
) -> None:
    dsn, received = sentry_endpoint
    migrate = run("manage", "migrate", "--verbosity", "0", data=tmp_path)
    assert migrate.returncode == 0, migrate.stderr
    result = run("manage", "shell", "-c", REPORT_AN_ERROR, data=tmp_path, env={"SENTRY_DSN": dsn})
    assert result.returncode == 0, result.stderr
    envelopes = [body for path, body in received if path == "/api/42/envelope/"]
    assert envelopes, received
    events = [
        json.loads(line)
        for body in envelopes
        for line in body.splitlines()
        if line.startswith(b"{") and b'"exception"' in line
    ]
    assert events
    event = events[0]
    assert event["exception"]["values"][-1]["value"] == "something broke"
    assert event["tags"]["request_id"] == "req-sentry-0001"
    # No personal data: no cookies, no user's address.
    assert "cookies" not in event.get("request", {})
    assert "ip_address" not in event.get("user", {})


def test_it_leaves_sentry_off_without_a_dsn(tmp_path: Path) -> None:
    code = "import sentry_sdk; assert not sentry_sdk.is_initialized()"
    assert run("manage", "shell", "-c", code, data=tmp_path).returncode == 0
