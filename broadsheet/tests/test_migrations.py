"""Migrations: none missing, and every one of ours can be undone and redone."""

from __future__ import annotations

from pathlib import Path

from broadsheet.tests.test_cli import run

# Ours, newest dependants first, so each can go back to zero before what it depends on.
APPS = ["privacy", "wordpress", "related", "comments", "articles", "security", "people", "images"]


def test_it_has_a_migration_for_every_model_change(tmp_path: Path) -> None:
    result = run("manage", "makemigrations", "--check", "--dry-run", data=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_migrates_back_to_zero_and_forward_again(tmp_path: Path) -> None:
    assert run("manage", "migrate", "-v0", data=tmp_path).returncode == 0
    for app in APPS:
        result = run("manage", "migrate", app, "zero", "-v0", data=tmp_path)
        assert result.returncode == 0, f"{app}: {result.stderr[-2000:]}"
    result = run("manage", "migrate", "-v0", data=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
