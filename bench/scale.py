"""Scale benchmark: a large generated site on PostgreSQL, every page type, page cache off.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/broadsheet_scale
    broadsheet --data D manage migrate
    broadsheet --data D manage generate-site --articles 100000 --comments 1000000  # once
    .venv/bin/python bench/scale.py --data D [--seconds 10] [--workers N]

It serves the database DATABASE_URL names with `broadsheet serve` (its default WSGI
server, page cache off, REDIS_URL ignored) from the data folder D (a fresh one when none
is given; keep one per site, or the task worker rebuilds the related-posts index of every
article before each run, which the bench waits for), picks a URL of each kind
from the data (the article with the most comments, a parent category, the most used tag,
a deep page of home and of the category), and loads each with `wrk -t2 -c16`. It prints
req/s, p50 and p99 per URL, the time to generate a 50,000-URL sitemap chunk (one request,
fetched whole, then its server CPU in-process), and each web worker's RSS before and after
the load. The bench itself writes nothing to the database (the task worker does its usual
daily work, waited for before measuring), so it can be rerun on the same site.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# bench/pages.py: the server, wrk and /proc helpers.
from pages import (
    broadsheet_cli,
    descendants,
    describe,
    free_port,
    get,
    load_python,
    load_wrk,
    machine,
    run,
    status_kb,
    stop,
    wait_healthy,
)

DEEP_HOME_PAGE = 5000
RENDERS = 40  # in-process renders per URL, for the time split


def child_env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        BROADSHEET_DATA=str(data),
        BROADSHEET_PAGE_CACHE="off",
        BROADSHEET_DEBUG="",
        DJANGO_SETTINGS_MODULE="broadsheet.settings",
    )
    return env


def pick() -> None:
    """Print JSON: the URLs to load, chosen from the site's data, and the site's size."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count, Q

    from broadsheet.articles.models import Article, Category, Tag
    from broadsheet.comments.models import Comment

    posts = Article.objects.published().posts()
    busiest = (
        Comment.objects.filter(status="approved")
        .values("article_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    article = Article.objects.get(pk=busiest["article_id"])
    # And an article with the average number of comments: what most readers open.
    public_comments = Comment.objects.filter(status="approved")
    average = round(public_comments.count() / max(1, posts.count()))
    typical = (
        public_comments.filter(article__in=posts)
        .values("article_id")
        .annotate(n=Count("id"))
        .filter(n=average)
        .order_by("-article_id")
        .first()
    )
    parent = Category.objects.filter(parent__isnull=True).order_by("id").first()
    assert parent is not None, "the site has no categories"
    in_parent = Article.categories.through.objects.filter(
        Q(category__path=parent.path) | Q(category__path__startswith=f"{parent.path}/")
    ).values("article_id")
    per_page = settings.ARTICLES_PER_PAGE
    category_pages = -(-posts.filter(pk__in=in_parent).count() // per_page)
    tag = Tag.objects.annotate(n=Count("articles")).order_by("-n").first()
    assert tag is not None, "the site has no tags"
    home_pages = -(-posts.count() // per_page)
    deep = min(DEEP_HOME_PAGE, home_pages)
    middle = max(2, category_pages // 2)
    urls = {
        f"article ({busiest['n']} comments)": article.get_absolute_url(),
        **(
            {
                f"article ({average} comments)": Article.objects.get(
                    pk=typical["article_id"]
                ).get_absolute_url()
            }
            if typical
            else {}
        ),
        "home": "/",
        f"home page {deep}": f"/page/{deep}/",
        "category": parent.get_absolute_url(),
        f"category page {middle}": f"{parent.get_absolute_url()}page/{middle}/",
        "tag": tag.get_absolute_url(),
        "RSS feed": "/feed/",
        "API posts": "/wp-json/wp/v2/posts",
        "API comments": "/wp-json/wp/v2/comments",
    }
    sizes = {
        "articles": posts.count(),
        "comments": Comment.objects.count(),
        "vendor": connection.vendor,
    }
    print(json.dumps({"urls": urls, "sizes": sizes}))


def sitemap_cpu(path: str) -> None:
    """Print JSON: server CPU and wall time of one sitemap chunk, in-process, and its size."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    samples = []
    urls = 0
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        samples.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
        urls = body.count(b"<url>")
    best = min(samples)
    print(json.dumps({"wall_ms": best[0], "cpu_ms": best[1], "urls": urls}))


def wait_for_tasks(seconds: float) -> None:
    """Block until the task worker has nothing due: on a fresh data folder, or once a day,
    it rebuilds the related-posts index of every article at start, which would share the
    CPUs with the pages measured."""
    import django

    django.setup()
    from django_tasks_db.models import DBTaskResult

    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if not (DBTaskResult.objects.ready() | DBTaskResult.objects.running()).exists():
            waited = time.monotonic() - started
            print(json.dumps({"waited": waited}))
            return
        time.sleep(2)
    print(json.dumps({"waited": None}))


def inprocess(urls: dict[str, str], renders: int) -> None:
    """Print JSON: per URL, the median server time of one request in-process (Django's WSGI
    handler, as the server calls it), its CPU time, and the time spent in the database
    (every query timed where Django runs it): where a page's time goes."""
    import io
    import statistics

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    app = WSGIHandler()
    in_db = [0.0]

    def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            in_db[0] += time.perf_counter() - started

    def once(path: str) -> tuple[float, float, float]:
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        status: list[str] = []
        in_db[0] = 0.0
        wall, cpu = time.perf_counter(), time.process_time()
        body = app(environ, lambda s, h, *a: status.append(s))
        b"".join(body)
        if hasattr(body, "close"):
            body.close()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert status[0].startswith("200"), (path, status)
        return wall * 1000, cpu * 1000, in_db[0] * 1000

    out = {}
    with connection.execute_wrapper(timed):
        for name, path in urls.items():
            for _ in range(5):
                once(path)
            samples = [once(path) for _ in range(renders)]
            out[name] = [statistics.median(column) for column in zip(*samples, strict=True)]
    print(json.dumps(out))


def workers_rss(pid: int) -> dict[int, int]:
    """RSS in kB of each web worker (granian's or gunicorn's, children of its master)."""
    out = {}
    for p in descendants(pid):
        try:
            cmd = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            stat = Path(f"/proc/{p}/stat").read_text()
        except OSError:
            continue
        parent_cmd = ""
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        with contextlib.suppress(OSError):
            parent_cmd = Path(f"/proc/{ppid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        server = describe(cmd)
        if server in ("granian", "gunicorn") and describe(parent_cmd) == server:
            out[p] = status_kb(p, "VmRSS")
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=int, default=10, help="load duration per URL")
    p.add_argument("--workers", type=int, default=None, help="web workers (serve's default)")
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--python-client", action="store_true", help="do not use wrk")
    p.add_argument(
        "--data",
        type=Path,
        default=Path(os.environ["BROADSHEET_DATA"]) if os.environ.get("BROADSHEET_DATA") else None,
        help="data folder to serve with (default BROADSHEET_DATA, else a fresh one): keep one "
        "per site, so the related-posts index is built once, not at every run",
    )
    p.add_argument("--pick", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--wait-for-tasks", type=float, help=argparse.SUPPRESS)
    p.add_argument("--inprocess", metavar="JSON", help=argparse.SUPPRESS)
    p.add_argument("--sitemap-cpu", metavar="PATH", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.pick:
        pick()
        return 0
    if args.sitemap_cpu:
        sitemap_cpu(args.sitemap_cpu)
        return 0
    if args.wait_for_tasks:
        wait_for_tasks(args.wait_for_tasks)
        return 0
    if args.inprocess:
        inprocess(json.loads(args.inprocess), RENDERS)
        return 0
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench/scale.py: set DATABASE_URL to the generated site's PostgreSQL database")

    own_data = args.data is None
    data = Path(tempfile.mkdtemp(prefix="broadsheet-scale-")) if own_data else args.data
    data.mkdir(parents=True, exist_ok=True)
    env = child_env(data)
    cli = [*broadsheet_cli(), "--data", str(data)]
    port = args.port or free_port()
    use_wrk = bool(shutil.which("wrk")) and not args.python_client
    load = load_wrk if use_wrk else load_python
    load_before = f"{os.getloadavg()[0]:.2f}"
    server = None
    log = None
    try:
        # Applies any index migration the site lacks; with none, it changes nothing.
        run([*cli, "manage", "migrate", "--noinput", "-v0"], env, timeout=3600)
        chosen = json.loads(run([sys.executable, __file__, "--pick"], env))
        serve = [*cli, "serve", "--port", str(port)]
        if args.workers:
            serve += ["--workers", str(args.workers)]
        log = (data / "serve.log").open("w")
        server = subprocess.Popen(  # noqa: S603
            serve, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT
        )
        wait_healthy(port, server, data / "serve.log")
        waited = json.loads(run([sys.executable, __file__, "--wait-for-tasks", "3600"], env))
        if waited["waited"] is None:
            print("bench: the task worker is still busy after an hour; measuring anyway")
        elif waited["waited"] > 5:
            print(f"bench: waited {waited['waited']:.0f} s for the task worker", file=sys.stderr)
        rss_start = workers_rss(server.pid)

        # The sitemap chunk first, on a cold server: one request, fetched whole.
        sitemap = "/sitemap-posts-1.xml"
        started = time.perf_counter()
        status, body = get(port, sitemap, timeout=60)
        sitemap_wall = (time.perf_counter() - started) * 1000
        sitemap_urls = body.count(b"<url>")
        if status != 200:
            sys.exit(f"bench: {sitemap} answered {status}")
        in_process = json.loads(run([sys.executable, __file__, "--sitemap-cpu", sitemap], env))

        results = {}
        for name, path in chosen["urls"].items():
            status, _ = get(port, path, timeout=30)
            if status != 200:
                sys.exit(f"bench: {path} answered {status}")
            for _ in range(20):
                get(port, path, timeout=30)  # every worker warm, the count cache filled
            rss_before = workers_rss(server.pid)
            results[name] = load(port, path, args.seconds)
            results[name]["rss"] = (rss_before, workers_rss(server.pid))
        rss_end = workers_rss(server.pid)
        stop(server)  # the in-process renders below should have the CPUs to themselves
        server = None
        split = json.loads(
            run([sys.executable, __file__, "--inprocess", json.dumps(chosen["urls"])], env)
        )
    finally:
        if server is not None:
            stop(server)
        if log is not None:
            log.close()
        if own_data:
            shutil.rmtree(data, ignore_errors=True)

    sizes = chosen["sizes"]
    tool = f"wrk -t2 -c16 -d{args.seconds}s" if use_wrk else "Python client, 16 connections"
    print(
        f"Broadsheet scale benchmark: {sizes['articles']:,} public articles, "
        f"{sizes['comments']:,} comments, {sizes['vendor']}, page cache off, {tool}"
    )
    print(f"Machine: {machine()}")
    print(f"Server: broadsheet serve, {len(rss_start)} web workers, task worker\n")
    header = (
        f"{'page':<26} {'path':<34} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'server ms':>9} {'CPU ms':>6} {'DB ms':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, path in chosen["urls"].items():
        r = results[name]
        wall, cpu, db = split[name]
        shown = path if len(path) <= 34 else path[:31] + "..."
        print(
            f"{name:<26} {shown:<34} {r['rps']:>6.0f} {r['p50']:>7.1f} {r['p99']:>7.1f}"
            f" {wall:>9.1f} {cpu:>6.1f} {db:>6.1f}"
        )
        if r.get("bad") or r.get("errors"):
            print(f"  !! {int(r['bad'])} non-2xx responses {r.get('errors', '')}")
    print(
        f"\nserver ms / CPU ms / DB ms: one request in-process (Django's WSGI handler, no load "
        f"besides it),\nmedian of {RENDERS}: its time, its process CPU time, and the time "
        "spent waiting on the database\n(its queries, timed where Django runs them). p99 "
        "target: under 100 ms at 16 connections."
    )
    print(
        f"\nSitemap chunk {sitemap}: {sitemap_urls:,} URLs, {sitemap_wall:.0f} ms over HTTP "
        f"(cold server); in-process best of 3: {in_process['wall_ms']:.0f} ms wall, "
        f"{in_process['cpu_ms']:.0f} ms CPU"
    )
    print("\nWeb workers' RSS (MiB): at start -> after all the load")
    for pid, kb in rss_start.items():
        after = rss_end.get(pid)
        shown = f"{after / 1024:.0f}" if after else "gone"
        print(f"  worker {pid}: {kb / 1024:.0f} -> {shown}")
    print("Per URL (sum over workers, MiB, before -> after its load):")
    for name in chosen["urls"]:
        before, after = results[name]["rss"]
        mib_before, mib_after = sum(before.values()) / 1024, sum(after.values()) / 1024
        print(f"  {name:<26} {mib_before:6.0f} -> {mib_after:6.0f}")
    print(f"Load average before / after: {load_before} / {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
