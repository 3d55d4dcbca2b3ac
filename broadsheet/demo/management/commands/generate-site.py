"""`broadsheet manage generate-site --articles N --comments M [--authors A] [--seed S]`.

Fills an empty site with generated articles, authors, categories, tags and threaded comments,
for benchmarks and scale tests. Fast because it bypasses the actions: rows are bulk inserted in
batches with everything `do_save_article` would have stored (path, body_html, word_count)
computed here, so memory stays bounded and 100,000 articles / 1,000,000 comments is fine on
PostgreSQL. Because the actions are bypassed, no `article_changed` signal is sent.

The same seed gives the same site (text, slugs, paths, comments), as long as it runs on the
same day: dates are spread over the three years before today's midnight in the site time zone.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db import connection, transaction
from django.utils import timezone

from broadsheet.articles import search
from broadsheet.articles.models import Article, Category, Kind, Status, Tag
from broadsheet.articles.rendering import resolve_image
from broadsheet.caching import generation
from broadsheet.comments.models import Comment
from broadsheet.comments.rendering import render_comment
from broadsheet.demo import synthetic
from broadsheet.lib.markdown import render_markdown
from broadsheet.lib.slugs import make_slug, unique_slug
from broadsheet.people.models import Author

YEARS = 3
# Share of articles in each status; the rest are published.
STATUS_SHARES = ((Status.DRAFT, 0.03), (Status.PENDING, 0.015), (Status.PRIVATE, 0.015))
COMMENT_STATUS_SHARES = (
    (Comment.Status.APPROVED, 0.88),
    (Comment.Status.PENDING, 0.07),
    (Comment.Status.SPAM, 0.04),
    (Comment.Status.TRASH, 0.01),
)
REPLY_SHARE = 0.35
MAX_DEPTH = 4  # replies nest up to five levels, WordPress's default thread depth
COMMENT_WINDOW = timedelta(days=14)
# Some articles draw far more comments than others, but none more than this many times the mean.
MAX_COMMENT_WEIGHT = 40.0
DOC_IPS = ("192.0.2", "198.51.100", "203.0.113")  # documentation ranges (RFC 5737)
# Comment texts are drawn from a pool per topic (each rendered to HTML once): rendering
# a million distinct comments would take longer than everything else together.
COMMENT_POOL = 200


def count(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


def positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


@dataclass
class Progress:
    """One line per batch on stderr (rewritten in place on a terminal)."""

    out: OutputWrapper
    verbosity: int
    articles: int
    comments: int

    def __post_init__(self) -> None:
        self.tty = self.out.isatty()
        self.started = time.monotonic()

    def show(self, articles: int, comments: int, final: bool = False) -> None:
        if self.verbosity < 1:
            return
        line = (
            f"generate-site: {articles:,}/{self.articles:,} articles, "
            f"{comments:,}/{self.comments:,} comments, {time.monotonic() - self.started:.1f}s"
        )
        if self.tty:
            self.out.write(f"\r{line}", style_func=str, ending="\n" if final else "")
        elif not final:
            self.out.write(line, style_func=str)
        self.out.flush()


class SiteGenerator:
    def __init__(
        self, articles: int, comments: int, authors: int, seed: int, batch: int, progress: Progress
    ) -> None:
        self.n_articles, self.n_comments, self.n_authors = articles, comments, authors
        self.batch = batch
        self.progress = progress
        # Separate streams, so changing --comments or --authors leaves the articles' text alone.
        self.plan = Random(f"{seed}:plan")
        self.text = synthetic.Writer(Random(f"{seed}:articles"))
        self.talk = synthetic.Writer(Random(f"{seed}:comments"))
        self.people = synthetic.Writer(Random(f"{seed}:people"))
        self.anchor = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        self.topics = synthetic.topics()
        self.used_paths: set[str] = set()
        self.done_comments = 0
        self.seed = seed
        self.comment_texts: dict[tuple[str, bool, int], tuple[str, str]] = {}

    # --- terms and people ----------------------------------------------------------------

    def make_authors(self) -> list[int]:
        taken = set(Author.objects.values_list("slug", flat=True))
        sections = [s.name for s in synthetic.SECTIONS]
        authors, names = [], set()
        while len(authors) < self.n_authors:
            name = self.people.person()
            if name in names and len(names) < len(synthetic.FIRST_NAMES) * 10:
                continue
            names.add(name)
            slug = unique_slug(make_slug(name), taken.__contains__)
            taken.add(slug)
            authors.append(
                Author(
                    display_name=name,
                    slug=slug,
                    bio=self.people.bio(name, self.people.rng.sample(sections, 2)),
                    email=synthetic.email_for(name, len(authors)),
                    first_name=name.split()[0],
                    last_name=name.split()[-1],
                )
            )
        return [a.pk for a in Author.objects.bulk_create(authors, batch_size=self.batch)]

    def make_categories(self) -> dict[str, tuple[int, int]]:
        """Each child category's slug -> (its id, its parent's id)."""
        taken = set(Category.objects.values_list("slug", flat=True))

        def fresh(slug: str) -> str:
            slug = unique_slug(slug, taken.__contains__)
            taken.add(slug)
            return slug

        parents = []
        for section in synthetic.SECTIONS:
            slug = fresh(section.slug)
            parents.append(
                Category(name=section.name, slug=slug, description=section.description, path=slug)
            )
        Category.objects.bulk_create(parents)
        children, keys = [], []
        for section, parent in zip(synthetic.SECTIONS, parents, strict=True):
            for child_slug, name, topics, _metrics in section.children:
                slug = fresh(child_slug)
                children.append(
                    Category(
                        name=name,
                        slug=slug,
                        parent=parent,
                        description=f"Reporting and analysis on {', '.join(topics[:3])}.",
                        path=f"{parent.path}/{slug}",
                    )
                )
                keys.append(child_slug)
        Category.objects.bulk_create(children)
        return {k: (c.pk, c.parent.pk) for k, c in zip(keys, children, strict=True)}

    def make_tags(self) -> dict[str, int]:
        existing = {t.name.lower(): t.pk for t in Tag.objects.all()}
        taken = set(Tag.objects.values_list("slug", flat=True))
        new = []
        for name in synthetic.tag_names():
            if name.lower() in existing:
                continue
            slug = unique_slug(make_slug(name), taken.__contains__)
            taken.add(slug)
            new.append(Tag(name=name, slug=slug))
        Tag.objects.bulk_create(new)
        return existing | {t.name.lower(): t.pk for t in new}

    # --- the plan: dates, statuses, comment shares ----------------------------------------

    def plan_articles(self) -> tuple[list[datetime], list[str]]:
        span = YEARS * 365 * 86400
        # Sorted, so ids grow with dates as they do on a real site.
        ages = sorted((self.plan.random() for _ in range(self.n_articles)), reverse=True)
        dates = [self.anchor - timedelta(seconds=int(span * a) + 60) for a in ages]
        statuses = []
        for _ in range(self.n_articles):
            roll, status = self.plan.random(), Status.PUBLISHED
            for candidate, share in STATUS_SHARES:
                if roll < share:
                    status = candidate
                    break
                roll -= share
            statuses.append(status)
        if statuses:
            statuses[-1] = Status.PUBLISHED  # the newest, so the home page is never empty
        return dates, statuses

    def plan_comments(self, published: int) -> list[int]:
        """How many comments each published article gets: skewed, summing to --comments."""
        if not published:
            return []
        weights = [min(self.plan.paretovariate(1.3), MAX_COMMENT_WEIGHT) for _ in range(published)]
        total = sum(weights)
        counts = [int(self.n_comments * w / total) for w in weights]
        short = self.n_comments - sum(counts)
        for i in range(short):
            counts[i % published] += 1
        return counts

    # --- articles -------------------------------------------------------------------------

    def unique_path(self, article: Article, title: str) -> None:
        def taken(slug: str) -> bool:
            article.slug = slug
            return article.native_path() in self.used_paths

        article.slug = unique_slug(make_slug(title), taken)
        article.path = article.native_path()
        self.used_paths.add(article.path)

    def build_article(
        self, when: datetime, status: str, authors: list[int], author_weights: list[float]
    ) -> tuple[Article, list[int], list[int], synthetic.Topic]:
        rng = self.text.rng
        topic = rng.choice(self.topics)
        local = timezone.localtime(when)
        g = self.text.article(topic, local.year)
        dated = status not in (Status.DRAFT, Status.PENDING)
        article = Article(
            kind=Kind.POST,
            title=g.title,
            standfirst=g.standfirst,
            body=g.body,
            # The same call do_save_article makes; word_count is counted by the writer,
            # which the tests check against the renderer's count.
            body_html=render_markdown(g.body, resolve_image),
            word_count=g.word_count,
            author_id=rng.choices(authors, author_weights)[0],
            status=status,
            published_at=when if dated else None,
            created_at=when - timedelta(hours=rng.randint(1, 72)),
            updated_at=when,
        )
        self.unique_path(article, g.title)
        child, parent = self.categories[topic.child_slug]
        roll = rng.random()
        cats = [parent] if roll < 0.1 else [child]
        if roll > 0.85:
            other = rng.choice(self.topics)
            if other.child_slug != topic.child_slug:
                cats.append(self.categories[other.child_slug][0])
        tags = list(dict.fromkeys(self.tags[name.lower()] for name in g.tags))
        return article, cats, tags, topic

    # --- comments -------------------------------------------------------------------------

    def comment_text(self, topic: synthetic.Topic, reply: bool) -> tuple[str, str]:
        """A comment's text and its HTML, from the pool; a slot's text depends only on
        the seed and the slot, so the pool is the same whatever order it fills in."""
        key = (topic.child_slug, reply, self.talk.rng.randrange(COMMENT_POOL))
        if key not in self.comment_texts:
            writer = synthetic.Writer(Random(f"{self.seed}:comment:{key}"))
            text = writer.comment(topic, reply=reply)
            self.comment_texts[key] = (text, render_comment(text))
        return self.comment_texts[key]

    def build_comments(
        self, article: Article, n: int, topic: synthetic.Topic, levels: list[list[Comment]]
    ) -> None:
        rng = self.talk.rng
        assert article.published_at is not None
        window = min(COMMENT_WINDOW, self.anchor - article.published_at)
        # Most comments arrive soon after publication.
        offsets = sorted(rng.random() ** 2 for _ in range(n))
        approved: list[tuple[Comment, int]] = []
        for offset in offsets:
            parent, depth = None, 0
            if approved and rng.random() < REPLY_SHARE:
                candidate, parent_depth = rng.choice(approved[-8:])
                if parent_depth < MAX_DEPTH:
                    parent, depth = candidate, parent_depth + 1
            name = self.talk.person()
            roll, status = rng.random(), Comment.Status.APPROVED
            for candidate_status, share in COMMENT_STATUS_SHARES:
                if roll < share:
                    status = candidate_status
                    break
                roll -= share
            text, html = self.comment_text(topic, reply=parent is not None)
            comment = Comment(
                article_id=article.pk,
                parent=parent,
                author_name=name,
                author_email=synthetic.email_for(name, rng.randint(1, 99)),
                author_url=(
                    f"https://{make_slug(name)}.example.net/" if rng.random() < 0.2 else ""
                ),
                author_ip=f"{rng.choice(DOC_IPS)}.{rng.randint(1, 254)}",
                user_agent=rng.choice(synthetic.USER_AGENTS),
                content=text,
                content_html=html,  # what Comment.save() would store
                status=status,
                created_at=article.published_at + timedelta(minutes=5) + window * offset,
            )
            levels[depth].append(comment)
            if status == Comment.Status.APPROVED:
                approved.append((comment, depth))

    def insert_comments(self, levels: list[list[Comment]]) -> None:
        # Level by level: a reply's parent needs its id first (bulk_create fills it in).
        for level in levels:
            if level:
                Comment.objects.bulk_create(level, batch_size=self.batch)
                self.done_comments += len(level)

    # --- the whole run --------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        with transaction.atomic():
            authors = self.make_authors()
            self.categories = self.make_categories()
            self.tags = self.make_tags()
        # Some write far more than others.
        author_weights = [self.people.rng.uniform(0.2, 3.0) for _ in authors]
        dates, statuses = self.plan_articles()
        published = statuses.count(Status.PUBLISHED)
        shares = iter(self.plan_comments(published) if self.n_comments else [])
        article_categories = Article.categories.through
        article_tags = Article.tags.through

        for start in range(0, self.n_articles, self.batch):
            end = min(start + self.batch, self.n_articles)
            built = [
                self.build_article(dates[i], statuses[i], authors, author_weights)
                for i in range(start, end)
            ]
            with transaction.atomic():
                Article.objects.bulk_create([b[0] for b in built], batch_size=self.batch)
                article_categories.objects.bulk_create(
                    [
                        article_categories(article_id=a.pk, category_id=c)
                        for a, cats, _, _ in built
                        for c in cats
                    ],
                    batch_size=self.batch,
                )
                article_tags.objects.bulk_create(
                    [
                        article_tags(article_id=a.pk, tag_id=t)
                        for a, _, tags, _ in built
                        for t in tags
                    ],
                    batch_size=self.batch,
                )
                levels: list[list[Comment]] = [[] for _ in range(MAX_DEPTH + 1)]
                for article, _, _, topic in built:
                    if article.status == Status.PUBLISHED:
                        n = next(shares, 0)
                        if n:
                            self.build_comments(article, n, topic, levels)
                    # Flush early when one batch of articles carries very many comments.
                    if sum(map(len, levels)) >= 20 * self.batch:
                        self.insert_comments(levels)
                        levels = [[] for _ in range(MAX_DEPTH + 1)]
                self.insert_comments(levels)
            self.progress.show(end, self.done_comments)
        self.progress.show(self.n_articles, self.done_comments, final=True)
        # What the actions and save signals keep up to date, and bulk inserts bypass.
        searchable = search.rebuild()
        generation.bump()
        return {
            "articles": self.n_articles,
            "published": published,
            "comments": self.done_comments,
            "authors": len(authors),
            "categories": len(synthetic.SECTIONS) + len(self.categories),
            "tags": len(self.tags),
            "searchable": searchable,
        }


class Command(BaseCommand):
    help = (
        "Fill an empty site with generated articles, authors, categories, tags and threaded "
        "comments, for benchmarks and scale tests. The same --seed gives the same site."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=count, required=True, metavar="N")
        parser.add_argument("--comments", type=count, default=0, metavar="M")
        parser.add_argument(
            "--authors",
            type=positive,
            default=None,
            metavar="A",
            help="default: one per 250 articles, at least 3 and at most 200",
        )
        parser.add_argument("--seed", type=int, default=1, metavar="S")
        parser.add_argument(
            "--batch-size", type=positive, default=1000, help="articles per transaction"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if Article.objects.exists():
            raise CommandError(
                "this site already has articles; generate-site only fills an empty site "
                "(use a fresh data folder, e.g. `broadsheet --data DIR manage generate-site …`)"
            )
        if options["comments"] and not options["articles"]:
            raise CommandError("--comments needs at least one article to comment on")
        # bulk_create must hand back ids, for the links and for replies' parents.
        if not connection.features.can_return_rows_from_bulk_insert:
            raise CommandError("this database cannot return ids from bulk inserts")
        authors = options["authors"] or min(200, max(3, options["articles"] // 250))
        progress = Progress(
            self.stderr, options["verbosity"], options["articles"], options["comments"]
        )
        started = time.monotonic()
        stats = SiteGenerator(
            options["articles"],
            options["comments"],
            authors,
            options["seed"],
            options["batch_size"],
            progress,
        ).run()
        self.stdout.write(
            "Generated {articles} articles ({published} published), {comments} comments, "
            "{authors} authors, {categories} categories and {tags} tags".format(**stats)
            + f" in {time.monotonic() - started:.1f}s"
        )
