"""`broadsheet backup`, `restore` and `upgrade`, run as an operator would."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest

from broadsheet.tests.test_cli import run

FILL = (
    "from broadsheet.demo.loader import load_demo; load_demo(); "
    "from broadsheet.articles.models import Article; "
    "from broadsheet.comments.models import Comment; "
    "Comment.objects.create(article=Article.objects.first(), author_name='Ada', "
    "author_email='ada@example.com', content='A first comment', status='approved')"
)
DUMP = ["manage", "dumpdata", "articles", "people", "images", "comments", "--indent", "1"]


def site_with_content(data: Path, env: dict[str, str] | None = None) -> None:
    assert run("manage", "migrate", "-v0", data=data, env=env).returncode == 0
    result = run("manage", "shell", "-c", FILL, data=data, env=env)
    assert result.returncode == 0, result.stderr


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_it_restores_every_article_comment_and_image(tmp_path: Path) -> None:
    old, new, archive = tmp_path / "old", tmp_path / "new", tmp_path / "site.tar.gz"
    site_with_content(old)
    result = run("backup", "-o", str(archive), data=old)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # progress on stderr, nothing on stdout

    result = run("restore", str(archive), data=new)
    assert result.returncode == 0, result.stderr
    before = json.loads(run(*DUMP, data=old).stdout)
    after = json.loads(run(*DUMP, data=new).stdout)
    assert len([o for o in after if o["model"] == "articles.article"]) >= 20
    assert [o for o in after if o["model"] == "comments.comment"]
    assert before == after
    for folder in ("media", "originals"):
        assert files(old / folder) == files(new / folder)
        _match, mismatch, errors = filecmp.cmpfiles(
            old / folder, new / folder, files(old / folder), shallow=False
        )
        assert not mismatch and not errors
    assert (old / "secret-key.txt").read_text() == (new / "secret-key.txt").read_text()


def test_it_refuses_to_restore_over_a_site_with_content(tmp_path: Path) -> None:
    site, archive = tmp_path / "site", tmp_path / "site.tar.gz"
    site_with_content(site)
    assert run("backup", "-o", str(archive), data=site).returncode == 0
    result = run("restore", str(archive), data=site)
    assert result.returncode == 1
    assert "not empty" in result.stderr


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar file")
    result = run("restore", str(bogus), data=tmp_path / "new")
    assert result.returncode == 1
    assert "not a Broadsheet backup" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_backs_up_before_upgrading(tmp_path: Path) -> None:
    assert run("manage", "migrate", "-v0", data=tmp_path).returncode == 0
    result = run("upgrade", data=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "backups").glob("before-upgrade-*.tar.gz"))) == 1


def test_it_round_trips_a_postgresql_site(tmp_path: Path) -> None:
    name = f"broadsheet_backup_{uuid.uuid4().hex[:8]}"
    admin = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]
    try:
        for db in (name, f"{name}_new"):
            subprocess.run([*admin, f"CREATE DATABASE {db}"], check=True, capture_output=True)  # noqa: S603
    except (OSError, subprocess.CalledProcessError) as e:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL (psql) unavailable in CI: {e}")
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    old_env = {"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}"}
    new_env = {"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}_new"}
    try:
        site_with_content(tmp_path / "old", old_env)
        archive = tmp_path / "pg.tar.gz"
        result = run("backup", "-o", str(archive), data=tmp_path / "old", env=old_env)
        assert result.returncode == 0, result.stderr
        result = run("restore", str(archive), data=tmp_path / "new", env=new_env)
        assert result.returncode == 0, result.stderr
        before = json.loads(run(*DUMP, data=tmp_path / "old", env=old_env).stdout)
        after = json.loads(run(*DUMP, data=tmp_path / "new", env=new_env).stdout)
        assert before == after and before
    finally:
        for db in (name, f"{name}_new"):
            subprocess.run([*admin, f"DROP DATABASE IF EXISTS {db}"], capture_output=True)  # noqa: S603
