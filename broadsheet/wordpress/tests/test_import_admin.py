"""Importing from /admin/: upload a file, the worker imports it, the run's page follows it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from broadsheet.articles.models import Article
from broadsheet.wordpress import load
from broadsheet.wordpress.models import ImportRun
from broadsheet.wordpress.tasks import import_upload
from broadsheet.wordpress.tests.wxr_files import wxr_file

# The worker closes its database connection when done: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

PREVIEW = "theme-test-data/theme-preview.xml"  # 7 published posts
ADD = "admin:wordpress_importrun_add"


@pytest.fixture(autouse=True)
def data_folder(settings: Any, tmp_path: Path) -> Path:
    """A data folder of the test's own, so that what one test leaves is not another's."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


def upload(client: Client, path: Path, **fields: Any) -> HttpResponse:
    with path.open("rb") as f:
        return client.post(reverse(ADD), {"file": f, **fields})


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def uploads() -> list[Path]:
    folder = Path(settings.DATA_DIR) / "imports"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_it_imports_an_upload_in_the_background_and_shows_progress_then_the_summary(
    client: Client, editor: User
) -> None:
    client.force_login(editor)
    form = client.get(reverse(ADD))
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.content.decode()

    response = upload(client, wxr_file(PREVIEW))
    run = ImportRun.objects.get()
    page_url = reverse("admin:wordpress_importrun_change", args=[run.pk])
    assert response.status_code == 302 and response["Location"] == page_url
    assert (run.state, run.total, run.requested_by) == ("queued", 7, editor)
    assert [p.name for p in uploads()] == [run.upload]
    assert DBTaskResult.objects.filter(task_path=import_upload.module_path).count() == 1
    assert not Article.objects.exists()  # nothing yet: the worker does it

    waiting = client.get(page_url).content.decode()
    assert "Waiting to start" in waiting
    assert '<progress id="import-progress" value="0" max="7">' in waiting
    assert '<meta http-equiv="refresh" content="3">' in waiting

    run_worker()

    done = client.get(page_url).content.decode()
    assert "<strong>Done</strong>" in done
    assert '<progress id="import-progress" value="7" max="7">' in done
    assert "Imported:" in done and "7 posts" in done and "2 comments" in done
    assert "http-equiv" not in done  # no more reloading
    assert Article.objects.count() == 7
    assert not uploads()  # the uploaded file is removed once imported
    listing = client.get(reverse("admin:wordpress_importrun_changelist")).content.decode()
    assert "Import from WordPress" in listing and "theme-preview.xml" in listing


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("importer-cases/malformed.xml", "not well-formed XML"),
        ("importer-cases/missing-version-tag.xml", "no &lt;wp:wxr_version&gt;"),
    ],
)
def test_it_refuses_a_file_it_cannot_import_on_the_form_keeping_nothing(
    client: Client, editor: User, name: str, problem: str
) -> None:
    client.force_login(editor)
    response = upload(client, wxr_file(name))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{Path(name).name} was refused" in html and problem in html
    assert not ImportRun.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert not uploads()


def test_it_refuses_a_doctype_on_the_form(client: Client, editor: User, tmp_path: Path) -> None:
    evil = tmp_path / "evil.xml"
    evil.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"
    )
    client.force_login(editor)
    html = upload(client, evil).content.decode()
    assert "evil.xml was refused" in html and "DOCTYPE" in html
    assert not ImportRun.objects.exists() and not uploads()


def test_it_asks_for_a_file(client: Client, editor: User) -> None:
    client.force_login(editor)
    response = client.post(reverse(ADD), {})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_it_lets_only_editors_and_administrators_import(
    client: Client, author: User, reader: User, administrator: User, tmp_path: Path
) -> None:
    client.force_login(author)
    assert client.get(reverse(ADD)).status_code == 403
    assert upload(client, wxr_file(PREVIEW)).status_code == 403
    assert client.get(reverse("admin:wordpress_importrun_changelist")).status_code == 403
    client.force_login(reader)  # not staff: sent to the login page
    response = upload(client, wxr_file(PREVIEW))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.logout()
    assert client.get(reverse(ADD)).status_code == 302
    assert not ImportRun.objects.exists() and not uploads()
    client.force_login(administrator)
    assert upload(client, wxr_file(PREVIEW)).status_code == 302
    assert ImportRun.objects.get().requested_by == administrator


def test_it_shows_why_an_import_failed(
    client: Client, editor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: load.Loader, item: Any) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(load.Loader, "item", broken)
    client.force_login(editor)
    page_url = upload(client, wxr_file(PREVIEW))["Location"]
    run_worker()
    html = client.get(page_url).content.decode()
    assert "<strong>Failed</strong>" in html and "The import failed." in html
    assert "what it had written was removed" in html and "the disk is full" in html
    assert not Article.objects.exists() and not uploads()


@pytest.mark.browser
def test_it_follows_an_import_in_a_browser(
    live_server: Any, editor: User, browser_page: Any
) -> None:
    """No script: the run's page reloads itself (a meta refresh, allowed by the CSP)."""
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}{reverse('admin:wordpress_importrun_changelist')}")
    page.click("text=Import from WordPress")
    page.set_input_files("#id_file", str(wxr_file(PREVIEW)))
    page.click("input[type=submit]")
    expect(page.locator(".import-state strong")).to_have_text("Waiting to start")
    # The worker's part, run here (a worker would close the live server's connection).
    import_upload.call(ImportRun.objects.get().pk)
    expect(page.locator(".import-state strong")).to_have_text("Done", timeout=15_000)
    expect(page.locator("#import-progress")).to_have_attribute("value", "7")
    expect(page.locator(".import-summary")).to_contain_text("7 posts")
