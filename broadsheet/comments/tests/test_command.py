"""`broadsheet manage comments list|approve|spam|…`: the shell's moderation queue, with the
output and exit codes DESIGN.md promises."""

from __future__ import annotations

import json

import pytest
from django.core.management import execute_from_command_line
from django.db import connections

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import make_comment

pytestmark = pytest.mark.django_db
Status = Comment.Status


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    # A command run from the command line closes every connection when done, the test's
    # own (inside its transaction) included; PostgreSQL would then refuse the next query.
    monkeypatch.setattr(connections, "close_all", lambda: None)


def run(*args: str) -> int:
    """`broadsheet manage comments ARGS`, as from the shell: returns the exit code."""
    try:
        execute_from_command_line(["broadsheet manage", "comments", *args])
    except SystemExit as e:
        return int(e.code or 0)
    return 0


@pytest.fixture
def queue(article: Article) -> list[Comment]:
    return [
        make_comment(
            article,
            content="Held\tone,\nwith a tab and a newline " + "x" * 80,
            author_name="Grace\tHopper",
            status=Status.PENDING,
        ),
        make_comment(article, content="Fine.", status=Status.APPROVED),
        make_comment(article, content="Held two.", status=Status.PENDING),
    ]


def test_it_lists_pending_comments_one_a_line(
    queue: list[Comment], article: Article, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("list", "--status", "pending") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    fields = lines[0].split("\t")
    assert fields[:4] == [str(queue[0].pk), "pending", article.path, "Grace Hopper"]
    assert fields[4] == queue[0].created_at.isoformat()
    assert fields[5] == ("Held one, with a tab and a newline " + "x" * 80)[:60]
    assert len(fields) == 6


def test_it_lists_as_json(queue: list[Comment], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("list", "--status", "all", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [c.pk for c in queue]
    assert rows[1]["status"] == "approved" and rows[1]["author_email"].endswith("@example.net")


def test_it_approves_spams_and_trashes_by_id(
    queue: list[Comment], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("approve", str(queue[0].pk), str(queue[2].pk)) == 0
    assert run("spam", str(queue[1].pk)) == 0
    assert run("trash", str(queue[2].pk)) == 0
    statuses = [Comment.objects.get(pk=c.pk).status for c in queue]
    assert statuses == [Status.APPROVED, Status.SPAM, Status.TRASH]
    assert run("delete", str(queue[2].pk)) == 0
    assert not Comment.objects.filter(pk=queue[2].pk).exists()


def test_it_fails_on_an_unknown_id_and_changes_nothing(
    queue: list[Comment], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("approve", str(queue[0].pk), "999999") == 1
    assert "999999" in capsys.readouterr().err
    assert Comment.objects.get(pk=queue[0].pk).status == Status.PENDING


@pytest.mark.parametrize(
    "args", [(), ("approve",), ("approve", "abc"), ("list", "--status", "bogus"), ("frobnicate",)]
)
def test_it_exits_2_on_a_usage_error(args: tuple[str, ...]) -> None:
    assert run(*args) == 2
