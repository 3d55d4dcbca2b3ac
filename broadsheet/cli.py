"""The `broadsheet` command: demo, serve, worker and manage (DESIGN.md, "Commands").

Data goes to stdout; progress, logs and errors to stderr. Exit 0 on success, 1 on failure,
2 on a usage error (argparse's own convention).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn


def fail(message: str) -> NoReturn:
    print(f"broadsheet: {message}", file=sys.stderr)
    raise SystemExit(1)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")
    import django

    django.setup()


def call(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def pending_migrations() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def worker_command() -> list[str]:
    return [sys.executable, "-m", "broadsheet.cli", "worker"]


SERVERS = ("granian", "gunicorn")


def web_server_command(server: str, host: str, port: int, workers: int | None) -> list[str]:
    """The production WSGI server's command line (broadsheet.wsgi: Django behind the page
    cache's fast path).

    granian by default: measured on this project's 2-core machine with the page cache, it
    answers cached pages many times faster than gunicorn (a Rust HTTP server keeping
    connections alive, where gunicorn's sync workers parse HTTP in Python and close every
    connection); uncached pages cost the same on both, as rendering dominates. See
    bench/cache.py --server. gunicorn stays available with --server gunicorn.
    """
    cpus = os.cpu_count() or 1
    if server == "gunicorn":
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "broadsheet.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers or cpus + 1),
            "--worker-tmp-dir",
            "/dev/shm" if Path("/dev/shm").is_dir() else "/tmp",  # noqa: S108
            "--log-level",
            "warning",
            "--graceful-timeout",
            "10",
        ]
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "broadsheet.wsgi:application",
        "--host",
        host,
        "--port",
        str(port),
        # One process per CPU (granian's own I/O threads sit beside the Python one).
        "--workers",
        str(workers or cpus),
        # One Python thread a worker (granian's own threads do the network I/O). Measured:
        # 0.10 ms of server CPU a cached page against 0.13 with two threads and 0.19 with
        # granian's WSGI default (hundreds: only GIL contention); on PostgreSQL a second
        # thread waiting on the database made no measurable difference uncached.
        "--blocking-threads",
        "1",
        "--no-ws",
        "--log-level",
        "warning",
        # A worker that dies (killed, out of memory) is replaced at once, as gunicorn does.
        "--respawn-failed-workers",
        # On SIGTERM requests in flight may finish; a worker stuck past 10 s is killed.
        "--workers-kill-timeout",
        "10",
    ]


def end_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # nothing left of it
        os.killpg(pgid, signum)


def serve(host: str, port: int, workers: int | None, server: str = "granian") -> int:
    """Run the web server and one background-task worker side by side until either stops."""
    setup_django()
    if pending_migrations():
        fail("the database is not up to date: run `broadsheet manage migrate` first")
    call("collectstatic", "--noinput", "--verbosity", "0")
    from broadsheet.caching import generation

    generation.bump()  # pages cached by an earlier run may predate changes made meanwhile
    command = web_server_command(server, host, port, workers)
    # In a process group of its own, so that workers it leaves behind (a master killed
    # outright cannot stop them) are found and stopped too, never left holding the port.
    web = subprocess.Popen(command, process_group=0)  # noqa: S603
    web_started = time.monotonic()
    jobs = subprocess.Popen(worker_command())  # noqa: S603
    print(f"Broadsheet is serving at http://{host}:{port}/ (Ctrl+C stops it)", file=sys.stderr)
    stopping = False
    quick_exits = 0

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for proc in (web, jobs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            return 0
        if pid == web.pid and not stopping:
            # The web server ended on its own: granian gives up when one worker dies twice
            # within a few seconds (killed, out of memory). Start it again rather than take
            # the site down; only a server that keeps failing at once (a port already in
            # use, say) stops `serve`.
            quick_exits = quick_exits + 1 if time.monotonic() - web_started < 10 else 1
            if quick_exits < 5:
                print(
                    f"broadsheet: the web server stopped ({os.waitstatus_to_exitcode(status)}); "
                    "starting it again",
                    file=sys.stderr,
                )
                time.sleep(1)
                if stopping:  # asked to stop meanwhile: a clean stop
                    status = 0
                else:
                    end_group(web.pid, signal.SIGKILL)
                    web = subprocess.Popen(command, process_group=0)  # noqa: S603
                    web_started = time.monotonic()
                    continue
        if pid in (web.pid, jobs.pid):
            stop(signal.SIGTERM, None)
            for proc in (web, jobs):
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
            end_group(web.pid, signal.SIGKILL)
            code = os.waitstatus_to_exitcode(status)
            return 0 if code in (0, -signal.SIGTERM, -signal.SIGINT) else 1


def worker() -> int:
    setup_django()
    from broadsheet.related.tasks import ensure_daily_rebuild

    ensure_daily_rebuild()  # the related-posts rebuild re-queues itself every day
    from broadsheet.privacy.tasks import ensure_daily_erasure

    ensure_daily_erasure()  # commenters' old IP addresses are erased daily, likewise
    from django.db import connections
    from django.db.utils import InterfaceError, OperationalError

    # django-tasks' worker exits on any database error but a lock; a database restart must
    # not stop background work (nor, under `serve`, take the web server down with it), so
    # wait and start it again, backing off up to half a minute.
    delay = 1.0
    while True:
        started = time.monotonic()
        try:
            call("db_worker", "--no-reload", "--queue-name", "*", "--verbosity", "1")
            return 0
        except (OperationalError, InterfaceError) as e:
            connections.close_all()
            delay = 1.0 if time.monotonic() - started > 60 else min(delay * 2, 30.0)
            first_line = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            print(
                f"broadsheet worker: database unavailable ({first_line}); "
                f"retrying in {delay:.0f} s",
                file=sys.stderr,
            )
            time.sleep(delay)


def demo(port: int) -> int:
    """Migrate, load the demo site when empty, make the `editor` login, then serve."""
    setup_django()
    from django.conf import settings

    from broadsheet.demo.loader import ensure_editor, load_demo, site_is_empty

    call("migrate", "--noinput", "--verbosity", "0")
    if site_is_empty():
        print("Loading the demo site…", file=sys.stderr)
        load_demo()
    password = ensure_editor()
    credentials = Path(settings.DATA_DIR) / "demo-credentials.txt"
    if password:
        print(f"Staff login: http://127.0.0.1:{port}/admin/  user: editor  password: {password}")
        print(f"(kept in {credentials})")
    else:
        print(f"Staff login: user editor, password in {credentials}")
    return serve("127.0.0.1", port, None)


def backup(output: str) -> int:
    setup_django()
    from broadsheet.backups import BackupError, make_backup

    try:
        make_backup(Path(output).resolve())
    except (BackupError, OSError) as e:
        fail(str(e))
    print(f"Backup written to {output}", file=sys.stderr)
    return 0


def restore(source: str) -> int:
    setup_django()
    from broadsheet.backups import BackupError, restore_backup

    try:
        manifest = restore_backup(Path(source))
    except (BackupError, OSError) as e:
        fail(str(e))
    print(f"Restored the backup of {manifest['created']}", file=sys.stderr)
    return 0


def upgrade() -> int:
    """Back up into DATA/backups/, then migrate: an upgrade that fails can be undone."""
    setup_django()
    from datetime import UTC, datetime

    from django.conf import settings

    folder = Path(settings.DATA_DIR) / "backups"
    folder.mkdir(exist_ok=True)
    name = folder / f"before-upgrade-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.tar.gz"
    backup(str(name))
    call("migrate", "--noinput")
    return 0


def wordpress(command: str, *args: str, **options: object) -> int:
    """import-wordpress / export-wordpress: the management commands of the same names."""
    setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    if pending_migrations():
        fail("the database is not up to date: run `broadsheet manage migrate` first")
    try:
        call_command(command, *args, **options)
    except CommandError as e:
        fail(str(e))
    return 0


def manage(args: list[str]) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["broadsheet manage", *args])
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="broadsheet", description="Broadsheet publishing platform")
    p.add_argument("--data", metavar="DIR", help="data folder (overrides BROADSHEET_DATA)")
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("demo", help="load the demo site and serve it on 127.0.0.1")
    d.add_argument("--port", type=int, default=8000)
    s = sub.add_parser("serve", help="production web server plus a background worker")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=None, help="web worker processes")
    s.add_argument(
        "--server", choices=SERVERS, default="granian", help="WSGI server (default granian)"
    )
    sub.add_parser("worker", help="a background-task worker on its own")
    b = sub.add_parser("backup", help="back up the database, media and key to a file")
    b.add_argument("-o", "--output", required=True, metavar="FILE")
    r = sub.add_parser("restore", help="restore a backup into an empty site")
    r.add_argument("file", metavar="FILE")
    sub.add_parser("upgrade", help="back up, then apply database migrations")
    i = sub.add_parser("import-wordpress", help="import a WordPress export (WXR) file")
    i.add_argument("file", metavar="FILE")
    i.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    i.add_argument("--fetch-media", action="store_true", help="download the attachments")
    e = sub.add_parser("export-wordpress", help="export the site as a WXR 1.2 file")
    e.add_argument("-o", "--output", metavar="FILE", help="file to write (stdout if none)")
    m = sub.add_parser("manage", help="any Django management command")
    m.add_argument("args", nargs=argparse.REMAINDER)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.data:
        os.environ["BROADSHEET_DATA"] = str(Path(args.data).resolve())
    if getattr(args, "port", 1) is not None and not 0 < getattr(args, "port", 1) < 65536:
        parser().error("--port must be between 1 and 65535")
    if args.command == "demo":
        return demo(args.port)
    if args.command == "serve":
        return serve(args.host, args.port, args.workers, args.server)
    if args.command == "worker":
        return worker()
    if args.command == "backup":
        return backup(args.output)
    if args.command == "restore":
        return restore(args.file)
    if args.command == "upgrade":
        return upgrade()
    if args.command == "import-wordpress":
        # "--": a file name starting with "-" is still a file name.
        return wordpress(
            "import_wordpress", "--", args.file, dry_run=args.dry_run, fetch_media=args.fetch_media
        )
    if args.command == "export-wordpress":
        return wordpress("export_wordpress", output=args.output)
    return manage(args.args)


if __name__ == "__main__":
    sys.exit(main())
