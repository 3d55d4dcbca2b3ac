"""`broadsheet manage privacy export EMAIL` and `erase EMAIL [--anonymise|--delete]`."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from broadsheet.comments.models import Comment
from broadsheet.privacy.models import PrivacyRequest
from broadsheet.tests.test_cli import run


def test_it_prints_the_export_as_json(graces: list[Comment]) -> None:
    out = StringIO()
    call_command("privacy", "export", "grace@example.org", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["comments"]) == 2 and data["email"] == "grace@example.org"
    assert PrivacyRequest.objects.filter(kind="export").count() == 1


def test_it_anonymises_by_default_and_deletes_when_asked(graces: list[Comment]) -> None:
    err = StringIO()
    call_command("privacy", "erase", "grace@example.org", stderr=err)
    assert "2 comments anonymised" in err.getvalue()
    assert Comment.objects.filter(author_name="Anonymous").count() == 2
    call_command("privacy", "erase", "alan@example.org", "--delete", stderr=err)
    assert not Comment.objects.filter(author_name="Alan").exists()


def test_it_fails_on_a_bad_address(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("privacy", "export", "nobody")


def test_it_exits_as_the_cli_promises(tmp_path: Path) -> None:
    # (Success is shown above through call_command; a real process shows the exit codes.)
    bad = run("manage", "privacy", "export", "nobody", data=tmp_path)
    assert bad.returncode == 1 and "not an email address" in bad.stderr
    usage = run(
        "manage", "privacy", "erase", "a@example.org", "--anonymise", "--delete", data=tmp_path
    )
    assert usage.returncode == 2
