"""WordPress import benchmark: time and peak memory of `broadsheet import-wordpress`.

    .venv/bin/python bench/import.py                    # Theme Unit Test, then 10k/100k
    .venv/bin/python bench/import.py --only theme       # the Theme Unit Test file only
    .venv/bin/python bench/import.py --only generated --posts 2000 --comments 20000

Files:
- theme: the WordPress Theme Unit Test data, from ../shared/wordpress (used in place).
- generated: a WXR 1.2 export written here by `write_wxr` (seeded, so the same each run):
  N posts (mostly published; some drafts, private, scheduled and sticky ones), each with
  paragraphs in WordPress's blank-line style, links to other posts of the old site, block-
  editor markup in some; categories in a three-level hierarchy, tags, 25 authors; and M
  comments spread unevenly over the posts, threaded (replies to earlier comments of the
  same post), mostly approved with pending, spam and trash ones, a few pingbacks.

Each file is imported into a fresh data folder (SQLite, the file-based cache: the
defaults of a single-machine install) after `manage migrate`, which is not timed. The
import runs as its own process, `broadsheet --data DIR import-wordpress FILE`; its wall
time, CPU time and peak RSS come from the kernel's accounting of that process (wait4).
Wall time depends on what else the machine runs: CPU time is the steadier figure. Target
for the generated 10,000/100,000 file (issue 6): under 2 minutes and under 500 MB.
Figures are printed, never asserted. Folders are removed at the end unless --keep.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
THEME_UNIT_TEST = ROOT.parent / "shared" / "wordpress" / "theme-test-data"
THEME_UNIT_TEST = THEME_UNIT_TEST / "themeunittestdata.wordpress.xml"
BROADSHEET = [sys.executable, "-m", "broadsheet.cli"]

NS = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
SITE = "https://old-news.example"

WORDS = (  # noqa: SIM905  (a sentence's worth of words reads better than a list)
    "council budget school river bridge election market harbour festival winter storm "
    "hospital library railway museum theatre football league transport housing energy "
    "climate farmers bakery mayor police court inquiry report survey science telescope "
    "comet orchestra gallery novel village coast island mountain forest road tunnel "
    "station airport ferry cycling marathon garden park museum record archive history "
    "water power wind solar grid price wages shops street night morning week year city "
    "plan vote debate minister committee residents families children teachers nurses "
    "doctors workers drivers visitors volunteers fans readers writers the a of and to in "
    "on for with by from at as after before during under over about against between"
).split()


def sentence(rnd: Random, lo: int = 8, hi: int = 22) -> str:
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def paragraph(rnd: Random) -> str:
    return " ".join(sentence(rnd) for _ in range(rnd.randint(2, 5)))


def wp_date(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S")


def cdata(text: str) -> str:
    # As WordPress's exporter writes it: a "]]>" inside is split across two sections.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def tags(indent: str, pairs: list[tuple[str, str | int]]) -> str:
    """Elements one per line, as WordPress writes them; text values are CDATA."""
    out = []
    for name, value in pairs:
        text = cdata(value) if isinstance(value, str) and value else escape(str(value))
        out.append(f"{indent}<{name}>{text}</{name}>\n")
    return "".join(out)


@dataclass
class Post:
    id: int
    slug: str
    when: datetime

    def link(self) -> str:
        return f"{SITE}/{self.when:%Y/%m/%d}/{self.slug}/"


def write_wxr(path: Path, posts: int, comments: int, seed: int = 6) -> None:
    """Write the generated export (see the module docstring) to `path`, item by item."""
    rnd = Random(seed)
    offset = timedelta(hours=-5)  # the old site's clock: local dates in URLs, GMT kept
    authors = [f"writer{n:02d}" for n in range(25)]
    top = [f"section-{n}" for n in range(8)]
    middle = [(f"{t}-desk-{n}", t) for t in top for n in range(3)]
    leaves = [(f"{m}-beat-{n}", m) for m, _p in middle for n in range(2)]
    categories = [(t, "") for t in top] + middle + leaves

    # Comments per post: uneven, as on a real site (most posts few, some many).
    weights = [rnd.paretovariate(1.5) for _ in range(posts)]
    counts = [int(w * comments / sum(weights)) for w in weights]
    for i in rnd.sample(range(posts), comments - sum(counts)):
        counts[i] += 1

    items = []
    when = datetime(2012, 1, 1, tzinfo=UTC)
    for n in range(posts):
        when += timedelta(minutes=rnd.randint(20, 600))
        items.append(Post(id=1000 + n, slug=f"story-{n}-{rnd.choice(WORDS)}", when=when))

    with path.open("w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n')
        f.write("".join(f'\txmlns:{k}="{v}"\n' for k, v in NS.items()))
        f.write(">\n\n<channel>\n")
        f.write(
            f"\t<title>Old News</title>\n\t<link>{SITE}</link>\n"
            "\t<description>A generated WordPress site</description>\n"
            "\t<language>en-GB</language>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n"
            f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n"
            f"\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n\n"
        )
        for n, login in enumerate(authors):
            f.write("\t<wp:author>")
            f.write(
                tags(
                    "",
                    [
                        ("wp:author_id", n + 1),
                        ("wp:author_login", login),
                        ("wp:author_email", f"{login}@old-news.example"),
                        ("wp:author_display_name", f"Writer {n}"),
                        ("wp:author_first_name", "Writer"),
                        ("wp:author_last_name", str(n)),
                    ],
                ).replace("\n", "")
            )
            f.write("</wp:author>\n")
        for n, (slug, parent) in enumerate(categories):
            f.write(
                f"\t<wp:category><wp:term_id>{n + 1}</wp:term_id>"
                f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
                f"<wp:category_parent>{cdata(parent) if parent else ''}</wp:category_parent>"
                f"<wp:cat_name>{cdata(slug.replace('-', ' ').title())}</wp:cat_name>"
                "</wp:category>\n"
            )
        for n in range(TAGS):
            f.write(
                f"\t<wp:tag><wp:term_id>{1000 + n}</wp:term_id>"
                f"<wp:tag_slug>{cdata(f'topic-{n}')}</wp:tag_slug>"
                f"<wp:tag_name>{cdata(f'topic {n}')}</wp:tag_name></wp:tag>\n"
            )
        comment_id = 1
        for n, post in enumerate(items):
            f.write(_item(rnd, post, items, n, counts[n], comment_id, authors, offset))
            comment_id += counts[n]
        f.write("</channel>\n</rss>\n")


TAGS = 600


def _item(
    rnd: Random,
    post: Post,
    posts: list[Post],
    n: int,
    n_comments: int,
    first_comment: int,
    authors: list[str],
    offset: timedelta,
) -> str:
    paragraphs = [paragraph(rnd) for _ in range(rnd.randint(4, 12))]
    if n and rnd.random() < 0.3:
        other = posts[rnd.randrange(n)]
        paragraphs.insert(1, f'See also <a href="{other.link()}">our earlier story</a>.')
    if rnd.random() < 0.2:  # block-editor markup
        body = "\n\n".join(
            f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs
        )
    else:
        body = "\n\n".join(paragraphs)
        if rnd.random() < 0.3:
            body = body.replace("\n\n", "\n\n<!--more-->\n\n", 1)
    roll = rnd.random()
    status = "publish"
    if roll < 0.03:
        status = "draft"
    elif roll < 0.04:
        status = "private"
    elif roll < 0.045:
        status = "future"
        post.when = datetime(2099, 1, 1, tzinfo=UTC) + timedelta(days=n)
    local = post.when + offset
    out = ["\t<item>\n"]
    out.append(
        tags(
            "\t\t",
            [
                ("title", sentence(rnd, 4, 9)[:-1]),
                ("link", post.link()),
                ("pubDate", post.when.strftime("%a, %d %b %Y %H:%M:%S +0000")),
                ("dc:creator", rnd.choice(authors)),
            ],
        )
    )
    out.append(f'\t\t<guid isPermaLink="false">{SITE}/?p={post.id}</guid>\n')
    out.append(
        tags(
            "\t\t",
            [
                ("description", ""),
                ("content:encoded", body),
                ("excerpt:encoded", sentence(rnd) if rnd.random() < 0.5 else ""),
                ("wp:post_id", post.id),
                ("wp:post_date", wp_date(local)),
                ("wp:post_date_gmt", wp_date(post.when) if status != "draft" else ""),
                ("wp:comment_status", "open" if rnd.random() < 0.9 else "closed"),
                ("wp:ping_status", "open"),
                ("wp:post_name", post.slug),
                ("wp:status", status),
                ("wp:post_parent", 0),
                ("wp:menu_order", 0),
                ("wp:post_type", "post"),
                ("wp:post_password", ""),
                ("wp:is_sticky", 1 if rnd.random() < 0.002 else 0),
            ],
        )
    )
    beat = f"section-{rnd.randrange(8)}-desk-{rnd.randrange(3)}-beat-{rnd.randrange(2)}"
    name = cdata(beat.replace("-", " ").title())
    out.append(f'\t\t<category domain="category" nicename="{beat}">{name}</category>\n')
    for t in rnd.sample(range(TAGS), rnd.randint(0, 6)):
        out.append(
            f'\t\t<category domain="post_tag" nicename="topic-{t}">'
            f"{cdata(f'topic {t}')}</category>\n"
        )
    out.append(
        "\t\t<wp:postmeta>\n"
        + tags("\t\t\t", [("wp:meta_key", "_edit_last"), ("wp:meta_value", "1")])
        + "\t\t</wp:postmeta>\n"
    )
    ids: list[int] = []
    when = post.when
    for k in range(n_comments):
        cid = first_comment + k
        when += timedelta(minutes=rnd.randint(1, 300))
        parent = rnd.choice(ids) if ids and rnd.random() < 0.4 else 0
        roll = rnd.random()
        approved = "1" if roll < 0.9 else "0" if roll < 0.95 else "spam" if roll < 0.99 else "trash"
        text = "\n\n".join(sentence(rnd) for _ in range(rnd.randint(1, 4)))
        url = "https://blog.example/" if rnd.random() < 0.1 else ""
        out.append("\t\t<wp:comment>\n")
        out.append(
            tags(
                "\t\t\t",
                [
                    ("wp:comment_id", cid),
                    ("wp:comment_author", f"Reader {rnd.randrange(5000)}"),
                    ("wp:comment_author_email", f"reader{rnd.randrange(5000)}@mail.example"),
                    ("wp:comment_author_url", url),
                    ("wp:comment_author_IP", f"203.0.113.{rnd.randrange(1, 255)}"),
                    ("wp:comment_date", wp_date(when + offset)),
                    ("wp:comment_date_gmt", wp_date(when)),
                    ("wp:comment_content", text),
                    ("wp:comment_approved", approved),
                    ("wp:comment_type", "pingback" if rnd.random() < 0.01 else ""),
                    ("wp:comment_parent", parent),
                    ("wp:comment_user_id", 0),
                ],
            )
        )
        out.append("\t\t</wp:comment>\n")
        ids.append(cid)
    out.append("\t</item>\n")
    return "".join(out)


# --- running ---------------------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float
    peak_rss: int
    output: str


def run(args: list[str], data: Path) -> Run:
    """Run one `broadsheet` command as its own process; the kernel's figures for it alone."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["BROADSHEET_DATA"] = str(data)
    started = time.perf_counter()
    proc = subprocess.Popen(  # noqa: S603
        [*BROADSHEET, "--data", str(data), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    out = proc.stdout.read().decode() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(args)} failed:\n{out}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, out)


def bench_file(label: str, path: Path, keep: bool) -> Run:
    data = Path(tempfile.mkdtemp(prefix="broadsheet-bench-import-"))
    try:
        run(["manage", "migrate", "--noinput", "-v", "0"], data)
        result = run(["import-wordpress", str(path)], data)
    finally:
        if keep:
            print(f"  (data kept in {data})")
        else:
            shutil.rmtree(data, ignore_errors=True)
    size = path.stat().st_size / 1e6
    print(f"\n{label}: {path.name} ({size:.1f} MB)")
    for line in result.output.splitlines():
        if line.startswith(("Found:", "Imported:", "Updated:", "Skipped:", "  ")):
            print(f"  {line[:160]}")
    print(f"  wall time  {result.wall:8.1f} s")
    print(f"  CPU time   {result.cpu:8.1f} s")
    print(f"  peak RSS   {result.peak_rss / 2**20:8.0f} MB")
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--only", choices=["theme", "generated"])
    p.add_argument("--posts", type=int, default=10_000)
    p.add_argument("--comments", type=int, default=100_000)
    p.add_argument("--keep", action="store_true", help="keep the data folders and the file")
    args = p.parse_args()
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.platform()}")
    if args.only in (None, "theme"):
        if THEME_UNIT_TEST.is_file():
            bench_file("Theme Unit Test", THEME_UNIT_TEST, args.keep)
        else:
            print(f"(skipped: {THEME_UNIT_TEST} not found)")
    if args.only in (None, "generated"):
        folder = Path(tempfile.mkdtemp(prefix="broadsheet-bench-wxr-"))
        path = folder / f"generated-{args.posts}-{args.comments}.xml"
        started = time.perf_counter()
        write_wxr(path, args.posts, args.comments)
        print(f"\n(generated {path.name} in {time.perf_counter() - started:.0f} s)")
        try:
            result = bench_file(
                f"Generated: {args.posts:,} posts, {args.comments:,} comments", path, args.keep
            )
        finally:
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
        if args.posts >= 10_000:
            ok = result.wall < 120 and result.peak_rss < 500 * 2**20
            print(f"  target (under 2 min, under 500 MB): {'met' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
