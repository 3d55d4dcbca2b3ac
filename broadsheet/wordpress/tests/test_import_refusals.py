"""All or nothing: refused files, dry runs and a run that fails midway leave no trace;
the command line answers with DESIGN.md's exit codes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import PIL.Image
import pytest
from django.contrib.auth.models import User

from broadsheet import cli
from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article
from broadsheet.images.models import Image
from broadsheet.wordpress import load
from broadsheet.wordpress.fetch import Fetched, FetchError
from broadsheet.wordpress.models import ImportedObject, ImportRun
from broadsheet.wordpress.tests.helpers import row_counts
from broadsheet.wordpress.tests.wxr_files import THEME_UNIT_TEST, wxr_file

pytestmark = pytest.mark.django_db


def test_it_refuses_a_malformed_file_with_exit_1_and_stores_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as e:
        cli.main(["import-wordpress", str(wxr_file("importer-cases/malformed.xml"))])
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "malformed.xml was refused" in err
    assert "not well-formed XML" in err and "line 90" in err
    assert not any(row_counts().values())
    assert not ImportRun.objects.exists()


def test_it_refuses_a_doctype(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    evil = tmp_path / "evil.xml"
    evil.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd">'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"
    )
    with pytest.raises(SystemExit) as e:
        cli.main(["import-wordpress", str(evil)])
    assert e.value.code == 1
    assert "DOCTYPE" in capsys.readouterr().err


def test_it_answers_usage_errors_and_missing_files(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        cli.main(["import-wordpress"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        cli.main(["import-wordpress", "/nonexistent/export.xml"])
    assert e.value.code == 1
    assert "no such file" in capsys.readouterr().err


def test_it_prints_the_summary_on_stdout_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["import-wordpress", str(wxr_file("importer-cases/small-export.xml"))]) == 0
    out, err = capsys.readouterr()
    assert "Imported:" in out and "posts" in out
    assert "Checking" in err
    assert Article.objects.exists()


def test_it_writes_nothing_on_a_dry_run(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["import-wordpress", "--dry-run", str(wxr_file(THEME_UNIT_TEST))])
    assert code == 0
    out = capsys.readouterr().out
    assert "Dry run: nothing was written." in out
    assert "Would create:" in out and "79 posts and pages" in out
    assert not any(row_counts().values())
    assert not User.objects.exists()
    assert not ImportRun.objects.exists() and not ImportedObject.objects.exists()


def test_it_removes_what_it_wrote_when_it_fails_midway(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = make_article("Written here before the import")
    before = row_counts()
    real = load.Loader.item
    calls = {"n": 0}

    def failing(self: load.Loader, item: Any) -> None:
        calls["n"] += 1
        if calls["n"] > load.BATCH + 20:  # past the first committed batch
            raise RuntimeError("disk full")
        real(self, item)

    monkeypatch.setattr(load.Loader, "item", failing)
    with pytest.raises(RuntimeError):
        load.import_wxr(wxr_file(THEME_UNIT_TEST))
    assert row_counts() == before
    assert Article.objects.get() == kept
    assert not User.objects.filter(username__startswith="theme").exists()
    assert not ImportedObject.objects.exists()
    assert ImportRun.objects.get().state == ImportRun.State.FAILED


def png() -> bytes:
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def test_it_fetches_media_only_when_asked_and_survives_refusals() -> None:
    asked: list[str] = []

    def fetcher(url: str) -> Fetched:
        asked.append(url)
        if "canola" in url:
            raise FetchError(f"{url}: refused for the test")
        return Fetched(url, png(), "image/png")

    summary = load.import_wxr(wxr_file(THEME_UNIT_TEST), fetch_media=True, fetcher=fetcher)
    assert len(asked) == 37
    assert summary.media_failed >= 1
    fetched = Image.objects.exclude(renditions=[])
    assert fetched.count() == summary.media_fetched == 37 - summary.media_failed
    # Bodies now point at the copies of fetched files rather than the old site.
    image = fetched.filter(source_url__contains="/wp-content/uploads/").first()
    if image is not None:
        assert Article.objects.filter(body_html__contains=image.src).exists()
