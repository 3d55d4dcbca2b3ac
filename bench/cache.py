"""Side by side: Broadsheet uncached, Broadsheet from its page cache, and nginx serving the
same bytes as static files (the physical limit of this machine), for the flagship article
with 20 comments, the home page and the RSS feed.

    .venv/bin/python bench/cache.py [--seconds 10] [--server granian|gunicorn|both]

Broadsheet runs as `broadsheet serve` with the chosen WSGI server (granian, serve's default;
`both` measures granian and gunicorn one after the other). Needs wrk; nginx is used when
installed (`apt-get install nginx-light`), else its row is skipped. Server CPU ms per request
is the CPU time the server's processes used during the run divided by the requests served;
"load" is the 1-minute load average when each run started (wall-clock figures from a machine
that is busy with other work are low: compare rows of one run, and the CPU column). Traffic
stays on loopback; everything started is stopped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (
    broadsheet_cli,
    child_env,
    descendants,
    free_port,
    get,
    load_wrk,
    machine,
    run,
    stop,
    wait_healthy,
)

COMMENTS = (
    "from broadsheet.articles.models import Article; from broadsheet.comments.models import "
    "Comment; from broadsheet.demo.content import ARTICLES; "
    "a = Article.objects.get(slug=ARTICLES[0]['slug']); "
    "[Comment.objects.create(article=a, author_name=f'Reader {i}', "
    "author_email=f'r{i}@example.com', content=f'Comment number {i} on the budget.', "
    "status='approved') for i in range(20)]; print(a.path)"
)
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / TICKS


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def measure(port: int, path: str, seconds: int, pids: list[int]) -> dict[str, float]:
    for _ in range(50):
        get(port, path)  # warm workers and the cache
    load = load_average()
    before = cpu_seconds(pids)
    result = load_wrk(port, path, seconds)
    used = cpu_seconds(pids) - before
    result["cpu_ms"] = 1000 * used / max(1.0, result["rps"] * seconds)
    result["load"] = load
    return result


def serve(
    cli: list[str], env: dict[str, str], port: int, data: Path, server_name: str = "granian"
) -> subprocess.Popen:
    log = (data / f"serve-{port}.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [*cli, "serve", "--port", str(port), "--server", server_name],
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    wait_healthy(port, server, data / f"serve-{port}.log")
    return server


def nginx_rows(pages: dict[str, str], bodies: dict[str, bytes], seconds: int) -> dict:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        print("bench: nginx not installed; skipping its row", file=sys.stderr)
        return {}
    root = Path(tempfile.mkdtemp(prefix="broadsheet-nginx-"))
    for name, body in bodies.items():
        (root / f"{name}.html").write_bytes(body)
    port = free_port()
    conf = root / "nginx.conf"
    conf.write_text(
        f"worker_processes {os.cpu_count()}; daemon off; pid {root}/nginx.pid;\n"
        f"error_log {root}/error.log;\n"
        "events { worker_connections 1024; }\n"
        "http { access_log off; sendfile on; keepalive_requests 100000;\n"
        f"  client_body_temp_path {root}; proxy_temp_path {root}; fastcgi_temp_path {root};\n"
        f"  uwsgi_temp_path {root}; scgi_temp_path {root};\n"
        f"  server {{ listen 127.0.0.1:{port}; root {root}; default_type text/html; }} }}\n"
    )
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(root)])  # noqa: S603
    try:
        for _ in range(50):
            try:
                get(port, "/home.html")
                break
            except OSError:
                import time

                time.sleep(0.1)
        pids = [proc.pid, *descendants(proc.pid)]
        return {name: measure(port, f"/{name}.html", seconds, pids) for name in pages}
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(root, ignore_errors=True)


def demo_site(cli: list[str], env: dict[str, str]) -> dict[str, str]:
    """Migrate the data folder, load the demo site and give its flagship article 20
    comments; return the measured pages' paths (bench/profile_page.py uses it too)."""
    run([*cli, "manage", "migrate", "--noinput", "-v0"], env)
    run([*cli, "manage", "load-demo", "-v0"], env)
    article = run([*cli, "manage", "shell", "-c", COMMENTS], env).split()[-1]
    return {"article": article, "home": "/", "feed": "/feed/"}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--server", choices=("granian", "gunicorn", "both"), default="granian")
    args = p.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench: wrk is needed (apt-get install wrk)")
    servers = ("granian", "gunicorn") if args.server == "both" else (args.server,)
    data = Path(tempfile.mkdtemp(prefix="broadsheet-bench-cache-"))
    cli = [*broadsheet_cli(), "--data", str(data)]
    uncached_env = child_env(data)
    cached_env = {**uncached_env, "BROADSHEET_PAGE_CACHE": "on"}
    rows: dict[str, dict] = {}
    bodies: dict[str, bytes] = {}
    try:
        pages = demo_site(cli, uncached_env)
        for server_name in servers:
            for label, env in (("uncached", uncached_env), ("cached", cached_env)):
                port = free_port()
                server = serve(cli, env, port, data, server_name)
                try:
                    run(
                        [
                            sys.executable,
                            str(Path(__file__).with_name("pages.py")),
                            "--wait-for-tasks",
                        ],
                        env,
                    )
                    pids = [server.pid, *descendants(server.pid)]
                    rows[f"{server_name} {label}"] = {
                        n: measure(port, path, args.seconds, pids) for n, path in pages.items()
                    }
                    for name, path in pages.items():
                        bodies[name] = get(port, path)[1]
                finally:
                    stop(server)
        rows["nginx static"] = nginx_rows(pages, bodies, args.seconds)
    finally:
        shutil.rmtree(data, ignore_errors=True)

    print(f"Machine: {machine()}")
    print(f"wrk -t2 -c16 -d{args.seconds}s; demo site on SQLite; article with 20 comments\n")
    header = (
        f"{'server':<18} {'page':<8} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'CPU ms/req':>10} {'load':>5}"
    )
    print(header)
    print("-" * len(header))
    for label, by_page in rows.items():
        for name, r in by_page.items():
            print(
                f"{label:<18} {name:<8} {r['rps']:>8.0f} {r['p50']:>7.2f} {r['p99']:>7.2f}"
                f" {r['cpu_ms']:>10.3f} {r['load']:>5.1f}"
                + (f"  ({r['bad']:.0f} non-2xx/3xx)" if r["bad"] else "")
                + (f"  {r['errors']}" if r.get("errors") else "")
            )
    print()
    for server_name in servers:
        for name in ("article", "home", "feed"):
            un = rows[f"{server_name} uncached"][name]["rps"]
            ca = rows[f"{server_name} cached"][name]["rps"]
            line = f"{server_name} {name}: cached/uncached {ca / un:.1f}x"
            if rows["nginx static"]:
                nginx = rows["nginx static"][name]
                line += (
                    f", nginx/cached {nginx['rps'] / ca:.1f}x"
                    f" (CPU a request: cached/nginx"
                    f" {rows[f'{server_name} cached'][name]['cpu_ms'] / nginx['cpu_ms']:.1f}x)"
                )
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
