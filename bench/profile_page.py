"""Server CPU per page, measured in-process, and a profile of where it goes.

    .venv/bin/python bench/profile_page.py                      # table: CPU ms per request
    .venv/bin/python bench/profile_page.py --data /tmp/bs       # keep (and reuse) the site
    .venv/bin/python bench/profile_page.py --profile article    # + cProfile of the article
    .venv/bin/python bench/profile_page.py --profile article --pyinstrument

The site is the one bench/cache.py measures (its own setup code: the demo site and the
flagship article with 20 comments), with the background tasks run (related posts). Each
page is then requested through Django's whole WSGI stack (every middleware, the page cache
switched off) in this process, and the CPU time of each request (time.process_time) is
recorded: the median and mean of --renders requests after a warm-up. Unlike wrk figures,
these hardly move when other processes share the machine, so they compare changes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cache import demo_site
from pages import broadsheet_cli, child_env, environ_for, run


def prepare(data: Path) -> None:
    """Set up the site in `data` unless an earlier run already did."""
    marker = data / "profile-page.json"
    if marker.exists():
        return
    data.mkdir(parents=True, exist_ok=True)
    cli = [*broadsheet_cli(), "--data", str(data)]
    env = child_env(data)
    pages = demo_site(cli, env)
    run([*cli, "manage", "collectstatic", "--noinput", "-v0"], env)  # as `serve` does
    # What `serve`'s worker would do: related posts and the other queued work.
    run([*cli, "manage", "db_worker", "--batch", "--no-startup-delay", "-v0"], env)
    marker.write_text(json.dumps(pages))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, help="data folder to create or reuse (default: temp)")
    p.add_argument("--renders", type=int, default=300, help="measured requests per page")
    p.add_argument("--pages", default="article,home,feed", help="which pages, comma-separated")
    p.add_argument("--profile", metavar="PAGE", help="profile this page after measuring")
    p.add_argument("--pyinstrument", action="store_true", help="pyinstrument, not cProfile")
    p.add_argument("--sort", default="cumulative", help="cProfile sort key")
    p.add_argument("--limit", type=int, default=45, help="cProfile rows shown")
    p.add_argument("--output", type=Path, help="also dump the cProfile stats here")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args()

    data = args.data or Path(tempfile.mkdtemp(prefix="broadsheet-profile-"))
    prepare(data.resolve())
    pages: dict[str, str] = json.loads((data / "profile-page.json").read_text())
    wanted = {name: pages[name] for name in args.pages.split(",")}

    os.environ.update(child_env(data.resolve()))
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    app = WSGIHandler()

    def request(path: str) -> tuple[float, bytes]:
        status: list[str] = []
        start = time.process_time()
        body = b"".join(app(environ_for(path), lambda s, h, *a: status.append(s)))
        cpu = (time.process_time() - start) * 1000
        assert status[0].startswith("200") and body, (path, status)
        return cpu, body

    def count_queries(path: str) -> int:
        # Counted by a wrapper: the request_started signal empties Django's own query log.
        queries: list[str] = []

        def note(execute: Any, sql: str, *rest: Any) -> Any:
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(note):
            request(path)
        return len(queries)

    figures = {}
    for name, path in wanted.items():
        for _ in range(30):
            _, body = request(path)
        queries = count_queries(path)
        samples = [request(path)[0] for _ in range(args.renders)]
        figures[name] = {
            "path": path,
            "bytes": len(body),
            "queries": queries,
            "median_ms": statistics.median(samples),
            "mean_ms": statistics.fmean(samples),
            # The least disturbed by other processes sharing the CPUs: compare changes by it.
            "min_ms": min(samples),
        }

    if args.json:
        print(json.dumps(figures))
    else:
        print(
            f"{'page':<8} {'CPU ms median':>13} {'mean':>7} {'min':>7} {'queries':>7} {'bytes':>7}"
            "  path"
        )
        for name, f in figures.items():
            print(
                f"{name:<8} {f['median_ms']:>13.2f} {f['mean_ms']:>7.2f} {f['min_ms']:>7.2f}"
                f" {f['queries']:>7}"
                f" {f['bytes']:>7}  {f['path']}"
            )

    if args.profile:
        path = pages[args.profile]
        count = max(50, args.renders // 2)
        if args.pyinstrument:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
            profiler.start()
            for _ in range(count):
                request(path)
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        else:
            prof = cProfile.Profile()
            prof.enable()
            for _ in range(count):
                request(path)
            prof.disable()
            if args.output:
                prof.dump_stats(args.output)
            stats = pstats.Stats(prof, stream=sys.stdout)
            print(f"\n{count} requests of {path}:")
            stats.sort_stats(args.sort).print_stats(args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
