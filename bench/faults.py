"""Faults under load: readers and commenters against the real server while things break.

    .venv/bin/python bench/faults.py                 # 60 s on SQLite, then on PostgreSQL
    .venv/bin/python bench/faults.py --short         # 10 s each (CI)
    .venv/bin/python bench/faults.py --db sqlite --seconds 30 --markdown out.md

For each database it makes a fresh data folder (and, on PostgreSQL, a database of its own),
migrates it, loads the demo site and starts `broadsheet serve` with its own Redis (started
here on a free port, never the machine's 6379) as the cache and BROADSHEET_TRUSTED_PROXIES
set to loopback. Then 16 readers fetch pages and 4 commenters post the comment form, each
comment from a different address (X-Forwarded-For) and email, while:

- Redis is stopped for a fifth of the run, then started again: the site must keep serving;
- a web-server worker is killed with SIGKILL, twice: only the requests it was serving may fail;
- on PostgreSQL, the server is restarted (`pg_ctlcluster ... main restart`): requests may fail
  only while it is down, and must recover without restarting Broadsheet.

Afterwards it counts what the clients were told against the database: every comment the
server accepted (303) is stored exactly once, every refused one (4xx, with its reason) is not
stored, one whose answer was lost (connection dropped) is stored at most once, and no stored
comment is partial. It prints a report (Markdown) and exits 1 if any of that fails.

Traffic goes to 127.0.0.1 only; every loop is bounded in time and count; everything started
here is stopped at the end. The PostgreSQL restart is skipped (and said so) when other clients
are connected to the cluster, unless --pg-restart=always: it would break their work.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
READERS, COMMENTERS = 16, 4
MAX_REQUESTS_PER_CLIENT = 100_000  # a bound besides the duration
REQUEST_TIMEOUT = 15.0
# A failure this close to a fault it can be blamed on is expected; anywhere else it is a bug.
KILL_GRACE, PG_GRACE = 2.0, 5.0
MARKER = "faults-run"


def log(message: str) -> None:
    print(f"faults: {message}", file=sys.stderr, flush=True)


def broadsheet_cli() -> list[str]:
    cli = Path(sys.executable).with_name("broadsheet")
    return [str(cli)] if cli.exists() else [sys.executable, "-m", "broadsheet.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args: list[str], env: dict[str, str], timeout: float = 600) -> str:
    done = subprocess.run(  # noqa: S603  (our own commands)
        args, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:6])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def psql(sql: str) -> str:
    return run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-At", "-c", sql],
        env={**os.environ, "PGCONNECT_TIMEOUT": "5"},
        timeout=60,
    )


# --- the clients -----------------------------------------------------------------------------


@dataclass
class Outcome:
    at: float  # seconds since the start of the load
    kind: str  # "read" or "comment"
    status: int  # HTTP status, or 0 when no answer came (connection refused, reset, timeout)
    seconds: float
    error: str = ""
    marker: str = ""  # a comment's unique text
    comment_id: int | None = None
    reason: str = ""  # a refused comment's explanation


@dataclass
class Load:
    port: int
    pages: list[str]
    article_id: int
    stamp: str
    start: float = 0.0
    stop: threading.Event = field(default_factory=threading.Event)
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)

    def record_post(self, number: int, marker: str, address: str, form: dict[str, str]) -> None:
        """Send one comment form and record what the server said."""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://127.0.0.1:{self.port}",
            "X-Forwarded-For": address,
        }
        began = time.monotonic()
        comment_id, reason, error = None, "", ""
        try:
            status, answer, body = request(
                self.port, "POST", "/wp-comments-post.php", urlencode(form).encode(), headers
            )
            if status == 303:
                found = re.search(r"(?:unapproved=|#comment-)(\d+)", answer.get("location", ""))
                comment_id = int(found.group(1)) if found else None
            elif 400 <= status < 500:
                text = body.decode("utf-8", "replace")
                # The form page's error summary: a heading, then the reason (or the form's
                # own field errors for a form that did not validate).
                found = re.search(r'id="error-summary".*?<p>\s*(.*?)\s*</p>', text, re.S)
                found = found or re.search(r'class="errorlist[^"]*"[^>]*>\s*<li>(.*?)</li>', text)
                reason = found.group(1) if found else ""
        except OSError as e:
            status, error = 0, f"{type(e).__name__}: {e}"
        self.record(
            Outcome(
                began - self.start,
                "comment",
                status,
                time.monotonic() - began,
                error,
                marker,
                comment_id,
                reason,
            )
        )
        if status == 0:
            time.sleep(0.05)


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def reader(load: Load, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if load.stop.is_set():
            return
        path = rng.choice(load.pages)
        began = time.monotonic()
        try:
            status, _headers, _body = request(load.port, "GET", path)
            error = ""
        except OSError as e:
            status, error = 0, f"{type(e).__name__}: {e}"
        load.record(Outcome(began - load.start, "read", status, time.monotonic() - began, error))
        if status == 0:
            time.sleep(0.05)  # the server is not answering: do not spin


def commenter(load: Load, number: int) -> None:
    """Post the comment form, each time as a different reader behind the trusted proxy; every
    fifth post sends the previous form again (a double click), which must be refused."""
    form: dict[str, str] = {}
    marker = address = ""
    for n in range(MAX_REQUESTS_PER_CLIENT):
        if load.stop.is_set():
            return
        if form and n % 5 == 4:
            load.record_post(number, marker, address, form)
            continue
        marker = f"{MARKER} {uuid.uuid4().hex}"
        # A /16 of its own per commenter (in the shared address space), one address a post.
        address = f"100.{64 + number}.{n // 250 % 256}.{n % 250 + 1}"
        form = {
            "comment": f"A comment under load, number {n}. {marker}",
            "author": f"Commenter {number}-{n}",
            "email": f"c{number}-{n}-{marker[-8:]}@example.org",
            "url": "",
            "comment_post_ID": str(load.article_id),
            "comment_parent": "0",
            "comment_stamp": load.stamp,
            "comment_hp": "",
        }
        load.record_post(number, marker, address, form)


# --- the site under test ---------------------------------------------------------------------


class Site:
    """A data folder, its database, a Redis of its own and `broadsheet serve`."""

    def __init__(self, db: str, workers: int) -> None:
        self.db = db
        self.workers = workers
        self.data = Path(tempfile.mkdtemp(prefix=f"broadsheet-faults-{db}-"))
        self.port = free_port()
        self.redis_port = free_port()
        self.redis: subprocess.Popen[bytes] | None = None
        self.server: subprocess.Popen[bytes] | None = None
        self.pg_name = f"broadsheet_faults_{os.getpid()}"
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SENTRY_DSN")
        }
        self.env.update(
            BROADSHEET_DATA=str(self.data),
            BROADSHEET_DEBUG="",
            BROADSHEET_TRUSTED_PROXIES="127.0.0.1",
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
        )
        if db == "postgresql":
            self.env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{self.pg_name}"

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.redis_port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop_redis(self) -> None:
        if self.redis is not None and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(timeout=10)
        self.redis = None

    def prepare(self) -> None:
        if self.db == "postgresql":
            psql(f"DROP DATABASE IF EXISTS {self.pg_name}")
            psql(f"CREATE DATABASE {self.pg_name}")
        cli = broadsheet_cli()
        run([*cli, "manage", "migrate", "--verbosity", "0"], self.env)
        run([*cli, "manage", "load-demo", "--verbosity", "0"], self.env)
        self.start_redis()

    def serve(self) -> None:
        self.server = subprocess.Popen(  # noqa: S603
            [*broadsheet_cli(), "serve", "--port", str(self.port), "--workers", str(self.workers)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.data / "serve.log", "wb"),  # noqa: SIM115  (closed with the process)
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"the server stopped:\n{self.server_log()}")
            try:
                if request(self.port, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not answer /healthz within 120 s")

    def server_log(self) -> str:
        path = self.data / "serve.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def gunicorn_workers(self) -> list[int]:
        """PIDs of the web server's worker processes (children of its master, granian or
        gunicorn, which is a child of `broadsheet serve`), read from /proc."""
        parents: dict[int, int] = {}
        commands: dict[int, str] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            commands[int(entry.name)] = cmdline
        assert self.server is not None
        masters = [
            pid
            for pid, ppid in parents.items()
            if ppid == self.server.pid
            and any(name in commands.get(pid, "") for name in ("granian", "gunicorn"))
        ]
        return sorted(pid for pid, ppid in parents.items() if ppid in masters)

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait(timeout=10)
        self.stop_redis()

    def cleanup(self, keep: bool = False) -> None:
        self.stop()
        if keep:
            log(f"{self.db}: kept {self.data} (serve.log has the server's log)")
            return
        if self.db == "postgresql":
            try:
                psql(f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)")
            except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
                log(f"could not drop {self.pg_name}: {e}")
        shutil.rmtree(self.data, ignore_errors=True)

    def stored_comments(self) -> list[dict[str, object]]:
        """Every comment of this run, read straight from the database afterwards."""
        code = (
            "import json\n"
            "from broadsheet.comments.models import Comment\n"
            f"rows = Comment.objects.filter(content__contains={MARKER!r}).values(\n"
            "    'id', 'content', 'content_html', 'fingerprint', 'status', 'author_ip',\n"
            "    'article_id')\n"
            "print(json.dumps(list(rows), default=str))\n"
        )
        out = run([*broadsheet_cli(), "manage", "shell", "-c", code], self.env, timeout=120)
        return json.loads(out.strip().splitlines()[-1])


def discover(port: int) -> tuple[list[str], int, str]:
    """Pages for the readers, and an article with an open comment form (its id and the form's
    signed stamp, as a browser would have them)."""
    status, _h, body = request(port, "GET", "/")
    if status != 200:
        raise RuntimeError(f"the home page answered {status}")
    html = body.decode("utf-8", "replace")
    links = sorted(
        {
            urlsplit(h).path
            for h in re.findall(r'href="([^"#?]+)"', html)
            if h.startswith("/") and not h.startswith(("/static/", "/media/", "/admin/"))
        }
    )
    articles = [p for p in links if re.match(r"^/\d{4}/\d{2}/\d{2}/[^/]+/$", p)]
    pages = ["/", "/feed/", "/sitemap.xml", "/?s=port", "/robots.txt", *links[:40]]
    for path in articles:
        status, _h, body = request(port, "GET", path)
        text = body.decode("utf-8", "replace")
        post_id = re.search(r'name="comment_post_ID" value="(\d+)"', text)
        stamp = re.search(r'name="comment_stamp" value="([^"]+)"', text)
        if status == 200 and post_id and stamp:
            return pages, int(post_id.group(1)), stamp.group(1)
    raise RuntimeError("no article with an open comment form on the home page")


# --- one run ---------------------------------------------------------------------------------


@dataclass
class Fault:
    name: str
    began: float
    ended: float
    note: str = ""


def pg_restart_allowed(mode: str, own: str) -> tuple[bool, str]:
    if mode == "never":
        return False, "skipped (--pg-restart=never)"
    if mode == "always":
        return True, ""
    # `own` is this script's own database name (letters, digits and _), not input.
    others = psql(
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "  # noqa: S608
        f"AND pid <> pg_backend_pid() AND datname IS DISTINCT FROM '{own}'"
    ).strip()
    if others != "0":
        return False, f"skipped: {others} other client(s) connected to the cluster"
    return True, ""


def restart_postgresql() -> None:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[0]
    run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        env=dict(os.environ),
        timeout=120,
    )


def run_load(site: Site, seconds: float, pg_restart: str) -> tuple[Load, list[Fault]]:
    pages, article_id, stamp = discover(site.port)
    # The form stamp must be older than the form's minimum time (3 s) when first used.
    time.sleep(3.5)
    load = Load(site.port, pages, article_id, stamp)
    threads = [
        threading.Thread(target=reader, args=(load, i), daemon=True) for i in range(READERS)
    ] + [threading.Thread(target=commenter, args=(load, i), daemon=True) for i in range(COMMENTERS)]
    faults: list[Fault] = []
    load.start = time.monotonic()
    for t in threads:
        t.start()

    def at(fraction: float) -> None:
        target = load.start + seconds * fraction
        while time.monotonic() < target:
            time.sleep(0.05)

    def now() -> float:
        return time.monotonic() - load.start

    # Redis away for a fifth of the run.
    at(0.2)
    began = now()
    site.stop_redis()
    at(0.4)
    site.start_redis()
    faults.append(Fault("Redis stopped", began, now()))

    # A gunicorn worker killed mid-request, twice (with 20 clients on a few workers, every
    # worker is busy nearly all the time).
    for fraction in (0.5, 0.6):
        at(fraction)
        workers = site.gunicorn_workers()
        if workers:
            victim = random.Random(fraction).choice(workers)
            began = now()
            os.kill(victim, signal.SIGKILL)
            faults.append(Fault("gunicorn worker SIGKILLed", began, now(), f"pid {victim}"))
        else:
            faults.append(Fault("gunicorn worker SIGKILLed", now(), now(), "no worker found"))

    if site.db == "postgresql":
        at(0.7)
        allowed, why = pg_restart_allowed(pg_restart, site.pg_name)
        if allowed:
            began = now()
            restart_postgresql()
            faults.append(Fault("PostgreSQL restarted", began, now()))
        else:
            faults.append(Fault("PostgreSQL restarted", now(), now(), why))
            log(f"PostgreSQL restart {why}")

    at(1.0)
    load.stop.set()
    for t in threads:
        t.join(timeout=REQUEST_TIMEOUT + 5)
    return load, faults


# --- judging ---------------------------------------------------------------------------------


@dataclass
class Verdict:
    db: str
    seconds: float
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def excused(outcome: Outcome, faults: list[Fault]) -> str:
    """The fault a failed request can be blamed on, or ''. Where two faults' windows overlap,
    the later one is blamed: the earlier one's effect is over by then."""
    for fault in reversed(faults):
        if fault.note.startswith("skipped") or fault.note == "no worker found":
            continue
        grace = PG_GRACE if fault.name.startswith("PostgreSQL") else KILL_GRACE
        if fault.name.startswith("Redis"):
            continue  # the site must keep serving without Redis: nothing is excused
        end = outcome.at + outcome.seconds
        if fault.began - 0.5 <= end and outcome.at <= fault.ended + grace:
            return fault.name
    return ""


def judge(
    db: str,
    seconds: float,
    load: Load,
    faults: list[Fault],
    stored: list[dict],
    server_exit: int | None,
) -> Verdict:
    v = Verdict(db, seconds)
    if server_exit is not None:
        v.problems.append(f"`broadsheet serve` stopped during the run (exit {server_exit})")
    reads = [o for o in load.outcomes if o.kind == "read"]
    posts = [o for o in load.outcomes if o.kind == "comment"]
    by_marker: dict[str, list[dict]] = {}
    for row in stored:
        text = str(row["content"])
        marker = text[text.index(MARKER) :]
        by_marker.setdefault(marker, []).append(row)

    accepted = [o for o in posts if o.status == 303]
    refused = [o for o in posts if 400 <= o.status < 500]
    failed = [o for o in posts if o.status == 0 or o.status >= 500]
    unexpected = [
        o for o in load.outcomes if (o.status == 0 or o.status >= 500) and not excused(o, faults)
    ]
    by_fault: dict[str, Counter[int]] = {}
    for o in load.outcomes:
        if o.status == 0 or o.status >= 500:
            by_fault.setdefault(excused(o, faults), Counter())[o.status] += 1

    # Per comment form sent (a double click sends one twice): what the clients were told
    # against what the database holds.
    sent: dict[str, list[Outcome]] = {}
    for o in posts:
        sent.setdefault(o.marker, []).append(o)
    lost_stored = 0
    for marker, tries in sent.items():
        rows = by_marker.get(marker, [])
        told_yes = [o for o in tries if o.status == 303]
        unknown = [o for o in tries if o.status == 0 or o.status >= 500]
        if len(rows) > 1:
            v.problems.append(f"comment stored {len(rows)} times ({marker})")
        if len(told_yes) > 1:
            v.problems.append(f"the same comment accepted {len(told_yes)} times ({marker})")
        if told_yes and not rows:
            v.problems.append(f"accepted comment not stored ({marker})")
        if rows and not told_yes and not unknown:
            v.problems.append(f"refused comment stored anyway ({marker})")
        if rows and not told_yes and unknown:
            lost_stored += 1
        for o in told_yes:
            if rows and o.comment_id is not None and rows[0]["id"] != o.comment_id:
                v.problems.append(f"accepted comment {o.comment_id} stored as {rows[0]['id']}")
    for o in refused:
        if not o.reason:
            v.problems.append(f"refused comment ({o.status}) without a reason")
    told = {o.marker for o in posts}
    strays = [m for m in by_marker if m not in told]
    if strays:
        v.problems.append(f"{len(strays)} stored comments nobody sent")
    partial = [
        r for r in stored if not r["content_html"] or not r["fingerprint"] or not r["article_id"]
    ]
    if partial:
        v.problems.append(f"{len(partial)} partial comment rows")
    for o in unexpected[:20]:
        v.problems.append(
            f"{o.kind} at {o.at:.1f}s answered {o.status or 'nothing'} {o.error[:80]} "
            "(no fault to blame)"
        )

    def pct(values: list[float], q: float) -> str:
        if not values:
            return "-"
        values = sorted(values)
        return f"{values[min(len(values) - 1, int(q * len(values)))] * 1000:.0f} ms"

    ok_reads = [o for o in reads if 200 <= o.status < 400]
    read_times = [o.seconds for o in ok_reads]
    statuses = Counter(o.status for o in load.outcomes)
    reasons = Counter(o.reason for o in refused)
    v.lines += [
        f"- {len(load.outcomes)} requests in {seconds:.0f} s "
        f"({len(load.outcomes) / seconds:.0f}/s): {len(reads)} reads, {len(posts)} comment posts",
        f"- reads: {len(ok_reads)} answered 2xx/3xx; latency p50 {pct(read_times, 0.5)}, "
        f"p95 {pct(read_times, 0.95)}",
        f"- comments: {len(accepted)} accepted (303), {len(refused)} refused with a reason, "
        f"{len(failed)} without an answer or with a 5xx; stored: {len(stored)} "
        f"({len(accepted)} accepted + {lost_stored} whose answer was lost)",
        "- statuses: " + ", ".join(f"{k or 'no answer'}: {n}" for k, n in sorted(statuses.items())),
    ]
    if reasons:
        v.lines.append("- refusals: " + "; ".join(f"{n} x {r}" for r, n in reasons.most_common(5)))
    for fault in faults:
        blamed = by_fault.pop(fault.name, Counter())
        what = ", ".join(f"{n} {'without an answer' if k == 0 else k}" for k, n in blamed.items())
        v.lines.append(
            f"- {fault.name} at {fault.began:.1f}-{fault.ended:.1f} s"
            + (f" ({fault.note})" if fault.note else "")
            + f": {sum(blamed.values())} requests failed"
            + (f" ({what})" if what else "")
        )
    # After the last fault (plus its grace), everything must be answered.
    last = max((f.ended for f in faults if not f.note.startswith("skipped")), default=0.0)
    after = [o for o in load.outcomes if o.at > last + PG_GRACE]
    if after:
        bad_after = [o for o in after if o.status == 0 or o.status >= 500]
        v.lines.append(
            f"- after the last fault: {len(after) - len(bad_after)} of {len(after)} answered"
        )
    if len(ok_reads) < len(reads) * 0.5:
        v.problems.append("fewer than half the reads were answered")
    if not accepted:
        v.problems.append("no comment was accepted")
    v.lines.append(f"- verdict: {'FAIL' if v.problems else 'pass'}")
    for p in v.problems[:30]:
        v.lines.append(f"  - {p}")
    return v


def one(db: str, seconds: float, workers: int, pg_restart: str, keep: bool = False) -> Verdict:
    site = Site(db, workers)
    try:
        log(f"{db}: preparing {site.data}")
        site.prepare()
        site.serve()
        log(
            f"{db}: serving on 127.0.0.1:{site.port}; "
            f"{READERS} readers, {COMMENTERS} commenters, {seconds:.0f} s"
        )
        load, faults = run_load(site, seconds, pg_restart)
        assert site.server is not None
        server_exit = site.server.poll()  # None: still serving, never restarted
        site.stop()  # before counting: nothing is in flight any more
        stored = site.stored_comments()
        verdict = judge(db, seconds, load, faults, stored, server_exit)
        if server_exit is None:
            verdict.lines.insert(0, "- Broadsheet kept running throughout (never restarted)")
        if verdict.problems and site.server_log():
            log(f"{db}: server log tail:\n{site.server_log()[-1500:]}")
        return verdict
    finally:
        site.cleanup(keep)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--short", action="store_true", help="10 seconds per database (CI)")
    p.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    p.add_argument("--pg-restart", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--markdown", metavar="FILE", help="also write the report to FILE")
    p.add_argument("--keep", action="store_true", help="keep the data folders and server logs")
    args = p.parse_args(argv)
    seconds = 10.0 if args.short else args.seconds
    if not 5 <= seconds <= 600:
        p.error("--seconds must be between 5 and 600")
    dbs = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    if "postgresql" in dbs and not shutil.which("psql"):
        p.error("psql not found: PostgreSQL is needed for --db postgresql/both")
    if not shutil.which("redis-server"):
        p.error("redis-server not found")

    verdicts = []
    for db in dbs:
        try:
            verdicts.append(one(db, seconds, args.workers, args.pg_restart, args.keep))
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            failed = Verdict(db, seconds)
            failed.problems.append(str(e)[-2000:])
            failed.lines.append(f"- could not run: {str(e)[-500:]}")
            verdicts.append(failed)

    report = [
        f"### Faults under load ({READERS} readers, {COMMENTERS} commenters, {seconds:.0f} s each)",
        "",
    ]
    for v in verdicts:
        report += [f"#### {'SQLite' if v.db == 'sqlite' else 'PostgreSQL'}", "", *v.lines, ""]
    text = "\n".join(report)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text + "\n")
    return 1 if any(v.problems for v in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
