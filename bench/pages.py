"""Page benchmark: requests/s and latency of the home page and the flagship article.

    .venv/bin/python bench/pages.py            # 10 s per page (make bench)
    .venv/bin/python bench/pages.py --quick    # 2 s per page, a smoke run

It makes a fresh data folder, migrates it and loads the demo site (or a generated one with
`--generate N:M`), starts the real server (`broadsheet --data DIR serve`), waits for /healthz,
then loads each page with `wrk` (a small threaded Python client when wrk is not installed).
In a separate process on the same data it counts the SQL queries per page and times the server
work of a page (Django's WSGI application called in-process, median of 200 renders). Peak RSS is
read from /proc for the server's processes. Traffic stays on loopback; the server is stopped at
the end and the data folder removed (unless --keep).

The page cache is switched off (BROADSHEET_PAGE_CACHE=off) and DATABASE_URL/REDIS_URL are
ignored, so the figures are those of SQLite with every page rendered.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RENDERS = 200
WRK_THREADS, WRK_CONNECTIONS = 2, 16
PY_CLIENT_MAX_REQUESTS = 500_000  # a bound on the fallback client, besides its duration


def broadsheet_cli() -> list[str]:
    cli = Path(sys.executable).with_name("broadsheet")
    return [str(cli)] if cli.exists() else [sys.executable, "-m", "broadsheet.cli"]


def child_env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        BROADSHEET_DATA=str(data),
        BROADSHEET_PAGE_CACHE="off",
        BROADSHEET_DEBUG="",
        DJANGO_SETTINGS_MODULE="broadsheet.settings",
    )
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 600) -> str:
    done = subprocess.run(  # noqa: S603
        args, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def environ_for(path: str) -> dict:
    """A plain anonymous GET, for calling the WSGI application in-process."""
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float = 5) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_healthy(port: int, server: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"bench: the server exited before it was healthy:\n{log.read_text()}")
        try:
            if get(port, "/healthz", timeout=1)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"bench: /healthz did not answer within {seconds:.0f}s")


# --- load ---------------------------------------------------------------------------------


def load_wrk(port: int, path: str, seconds: int) -> dict[str, float]:
    out = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            f"-t{WRK_THREADS}",
            f"-c{WRK_CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout

    def ms(label: str) -> float:
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\b", out, re.M)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {
        "rps": float(rps.group(1)) if rps else float("nan"),
        "p50": ms("50"),
        "p99": ms("99"),
        "bad": float(bad.group(1)) if bad else 0.0,
        "errors": errors.group(0) if errors else "",  # type: ignore[dict-item]
    }


def load_python(port: int, path: str, seconds: int) -> dict[str, float]:
    """Keep-alive GETs from WRK_CONNECTIONS threads, bounded by time and count."""
    latencies: list[float] = []
    bad = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        failures = 0
        while time.monotonic() < deadline and len(mine) < PY_CLIENT_MAX_REQUESTS:
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failures += 1
            except OSError:
                failures += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append((time.perf_counter() - start) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            bad[0] += failures

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(WRK_CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 30)
    elapsed = time.monotonic() - started
    if not latencies:
        return {"rps": 0.0, "p50": float("nan"), "p99": float("nan"), "bad": float(bad[0])}
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / elapsed, "p50": q[49], "p99": q[98], "bad": float(bad[0])}


# --- memory -------------------------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def status_kb(pid: int, field: str) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    m = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(m.group(1)) if m else 0


class RssSampler(threading.Thread):
    """The largest total RSS of the server's process tree, sampled every 200 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb = pid, 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.2):
            total = sum(status_kb(p, "VmRSS") for p in descendants(self.pid))
            self.peak_kb = max(self.peak_kb, total)


def process_peaks(pid: int) -> list[tuple[str, int]]:
    """(command, peak RSS in kB) for each process of the server (VmHWM)."""
    rows = []
    for p in descendants(pid):
        try:
            cmd = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        rows.append((cmd.strip(), status_kb(p, "VmHWM")))
    return rows


def describe(cmd: str) -> str:
    if "gunicorn" in cmd:
        return "gunicorn"
    if "granian" in cmd:
        return "granian"
    if " worker" in cmd or "db_worker" in cmd:
        return "task worker"
    if " serve" in cmd:
        return "broadsheet serve"
    return cmd[:30]


# --- in-process measurements (run in a child with the same data folder) -------------------


def wait_for_tasks(seconds: float = 180) -> None:
    """Block until the task worker has nothing due (loading content queues work for it, and
    a busy worker would share the CPUs with the pages being measured)."""
    import django

    django.setup()
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not (DBTaskResult.objects.ready() | DBTaskResult.objects.running()).exists():
            return
        time.sleep(0.5)
    print("bench: the task worker is still busy; measuring anyway", file=sys.stderr)


def inprocess(generated: bool) -> None:
    """Print JSON: the flagship path, queries per page and in-process render times."""
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from broadsheet.articles.models import Article
    from broadsheet.demo import content

    if generated:
        article = Article.objects.published().posts().order_by("-published_at").first()
    else:
        article = Article.objects.get(slug=content.ARTICLES[0]["slug"])
    assert article is not None
    pages = {"home": "/", "article": article.get_absolute_url()}

    client = Client(HTTP_HOST="127.0.0.1")
    queries = {}
    for name, path in pages.items():
        assert client.get(path).status_code == 200, path  # warm: templates, URL resolver
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries[name] = len(captured)

    app = WSGIHandler()

    def render(path: str) -> tuple[float, float]:
        environ = environ_for(path)
        status = []
        start, cpu = time.perf_counter(), time.process_time()
        body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
        elapsed = (time.perf_counter() - start) * 1000
        cpu = (time.process_time() - cpu) * 1000
        assert status[0].startswith("200") and body, (path, status)
        return elapsed, cpu

    timings = {}
    for name, path in pages.items():
        for _ in range(10):
            render(path)
        samples = [render(path) for _ in range(RENDERS)]
        wall = [w for w, _ in samples]
        timings[name] = {
            "median": statistics.median(wall),
            "p90": statistics.quantiles(wall, n=10)[8],
            "cpu": statistics.median(c for _, c in samples),
        }
    print(json.dumps({"pages": pages, "queries": queries, "render_ms": timings}))


# --- the run ------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        m = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = m.group(1).strip() if m else cpu
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, AttributeError):
        ram = "unknown RAM"
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {ram}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # `serve` passes it to gunicorn and the worker
        try:
            server.wait(timeout=25)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # our own session, started below
            server.wait(timeout=5)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="2 s per page instead of 10 s")
    p.add_argument("--seconds", type=int, default=None, help="load duration per page")
    p.add_argument("--port", type=int, default=None, help="default: a free port")
    p.add_argument("--workers", type=int, default=None, help="web workers (serve's default)")
    p.add_argument(
        "--generate",
        metavar="N:M",
        help="bench a generated site of N articles and M comments instead of the demo",
    )
    p.add_argument("--keep", action="store_true", help="keep the data folder")
    p.add_argument("--python-client", action="store_true", help="do not use wrk")
    p.add_argument("--inprocess", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--wait-for-tasks", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.inprocess:
        inprocess(bool(args.generate))
        return 0
    if args.wait_for_tasks:
        wait_for_tasks()
        return 0

    seconds = args.seconds or (2 if args.quick else 10)
    port = args.port or free_port()
    data = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    env = child_env(data)
    cli = [*broadsheet_cli(), "--data", str(data)]
    use_wrk = bool(shutil.which("wrk")) and not args.python_client
    print(f"bench: data folder {data}", file=sys.stderr)
    load_before = f"{os.getloadavg()[0]:.2f}"

    server = None
    try:
        run([*cli, "manage", "migrate", "--noinput", "-v0"], env)
        if args.generate:
            n, _, m = args.generate.partition(":")
            run(
                [*cli, "manage", "generate-site", "--articles", n, "--comments", m or "0"],
                env,
                timeout=3600,
            )
        else:
            run([*cli, "manage", "load-demo", "-v0"], env)

        serve = [*cli, "serve", "--port", str(port)]
        if args.workers:
            serve += ["--workers", str(args.workers)]
        log = (data / "serve.log").open("w")
        server = subprocess.Popen(  # noqa: S603
            serve, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT
        )
        wait_healthy(port, server, data / "serve.log")
        run([sys.executable, __file__, "--wait-for-tasks"], env)
        sampler = RssSampler(server.pid)
        sampler.start()

        measured = json.loads(
            run(
                [
                    sys.executable,
                    __file__,
                    "--inprocess",
                    *(["--generate", args.generate] if args.generate else []),
                ],
                env,
            )
        )
        results = {}
        for name, path in measured["pages"].items():
            status, _ = get(port, path)
            if status != 200:
                sys.exit(f"bench: {path} answered {status}")
            for _ in range(20):
                get(port, path)  # warm every worker a little
            load = load_wrk if use_wrk else load_python
            results[name] = load(port, path, seconds)
        peaks = process_peaks(server.pid)
        sampler.stopping.set()
        sampler.join(2)
    finally:
        if server is not None:
            stop(server)
            log.close()
        if args.keep:
            print(f"bench: kept {data}", file=sys.stderr)
        else:
            shutil.rmtree(data, ignore_errors=True)

    site = f"generated site ({args.generate})" if args.generate else "demo site"
    tool = (
        f"wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{seconds}s"
        if use_wrk
        else f"Python client, {WRK_CONNECTIONS} connections, {seconds}s"
    )
    print(f"Broadsheet page benchmark: {site}, SQLite, page cache off, {tool}")
    print(f"Machine: {machine()}")
    web_workers = sum(describe(cmd) == "gunicorn" for cmd, _ in peaks) - 1  # less the master
    print(f"Server: broadsheet serve, {web_workers} gunicorn workers (sync), task worker\n")
    header = (
        f"{'page':<8} {'path':<40} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'queries':>7}"
        f" {'render ms':>9} {'p90':>6} {'CPU ms':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, path in measured["pages"].items():
        r, t = results[name], measured["render_ms"][name]
        shown = path if len(path) <= 40 else path[:37] + "..."
        print(
            f"{name:<8} {shown:<40} {r['rps']:>7.0f} {r['p50']:>7.1f} {r['p99']:>7.1f}"
            f" {measured['queries'][name]:>7} {t['median']:>9.2f} {t['p90']:>6.2f}"
            f" {t['cpu']:>6.2f}"
        )
        if r.get("bad") or r.get("errors"):
            print(f"  !! {int(r['bad'])} non-2xx responses {r.get('errors', '')}")
    print(
        f"\nrender ms: server time of one page, Django's WSGI app called in-process with no "
        f"page cache\n  (median and p90 of {RENDERS} renders; CPU ms: its process CPU time, "
        "which other load on the machine inflates less)"
    )
    print(f"Load average before / after: {load_before} / {os.getloadavg()[0]:.2f}")
    print(f"Peak RSS, whole server (sampled): {sampler.peak_kb / 1024:.0f} MiB")
    for cmd, kb in sorted(peaks, key=lambda row: -row[1]):
        print(f"  {describe(cmd):<18} peak {kb / 1024:6.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
