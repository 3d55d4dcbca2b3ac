"""Backups of a whole site: the database, uploaded media and the secret key, in one tar file.

SQLite is copied with its online backup API and PostgreSQL with pg_dump, so a backup is
consistent while the site keeps serving. A backup restores only into an empty site.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1


class BackupError(Exception):
    """A refusal the operator can act on (printed without a traceback, exit 1)."""


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    args += ["-U", str(db.get("USER") or "postgres")]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _dump_database(target: Path) -> str:
    if connection.vendor == "sqlite":
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target / "database.sqlite3")
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
        return "sqlite"
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        name = settings.DATABASES["default"]["NAME"]
        out = target / "database.pgdump"
        cmd = ["pg_dump", *args, "--format=custom", "--no-owner", f"--file={out}", name]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return "postgresql"
    raise BackupError(f"backups of {connection.vendor} databases are not supported")


def make_backup(output: Path) -> dict[str, object]:
    """Write a backup of the whole site to `output` and return its manifest."""
    data = Path(settings.DATA_DIR)
    with tempfile.TemporaryDirectory(dir=data) as tmp:
        staging = Path(tmp)
        vendor = _dump_database(staging)
        manifest = {
            "format": FORMAT,
            "database": vendor,
            "created": datetime.now(UTC).isoformat(),
        }
        (staging / "manifest.json").write_text(json.dumps(manifest))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(staging / "manifest.json", "manifest.json")
            for name in ("database.sqlite3", "database.pgdump"):
                if (staging / name).exists():
                    tar.add(staging / name, name)
            for folder, arcname in (
                (settings.MEDIA_ROOT, "media"),
                (settings.ORIGINALS_ROOT, "originals"),
            ):
                if Path(folder).is_dir():
                    tar.add(folder, arcname)
            if (data / "secret-key.txt").exists():
                tar.add(data / "secret-key.txt", "secret-key.txt")
        # Renamed into place only when complete, so a failed backup never looks like one.
        partial.replace(output)
    return manifest


def _site_is_empty() -> bool:
    tables = connection.introspection.table_names()
    if "articles_article" not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM articles_article")
        return cursor.fetchone()[0] == 0


def restore_backup(source: Path) -> dict[str, object]:
    """Restore a backup into this (empty) site."""
    if not _site_is_empty():
        raise BackupError("this site is not empty; restore into a new data folder or database")
    try:
        tar = tarfile.open(source, "r:gz")  # noqa: SIM115  (closed by the `with` below)
    except (OSError, tarfile.TarError) as e:
        raise BackupError(f"{source} is not a Broadsheet backup: {e}") from e
    data = Path(settings.DATA_DIR)
    with tar, tempfile.TemporaryDirectory(dir=data) as tmp:
        staging = Path(tmp)
        try:
            # The "data" filter refuses absolute paths, links out of the folder and devices.
            tar.extractall(staging, filter="data")
            manifest = json.loads((staging / "manifest.json").read_text())
        except (OSError, tarfile.TarError, ValueError, KeyError) as e:
            raise BackupError(f"{source} is not a Broadsheet backup: {e}") from e
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"the backup holds a {manifest['database']} database but this site uses "
                f"{connection.vendor}"
            )
        connection.close()
        if connection.vendor == "sqlite":
            target = Path(settings.DATABASES["default"]["NAME"])
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(staging / "database.sqlite3", target)
        else:
            args, env = _pg_env()
            name = settings.DATABASES["default"]["NAME"]
            cmd = ["pg_restore", *args, "--no-owner", "--clean", "--if-exists", "-d", name]
            cmd.append(str(staging / "database.pgdump"))
            result = subprocess.run(cmd, env=env, capture_output=True, text=True)  # noqa: S603
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        for folder, arcname in (
            (settings.MEDIA_ROOT, "media"),
            (settings.ORIGINALS_ROOT, "originals"),
        ):
            if (staging / arcname).is_dir():
                shutil.copytree(staging / arcname, folder, dirs_exist_ok=True)
        if (staging / "secret-key.txt").exists() and not os.environ.get("SECRET_KEY"):
            shutil.copyfile(staging / "secret-key.txt", data / "secret-key.txt")
    return manifest
