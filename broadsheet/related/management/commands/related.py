"""`broadsheet manage related rebuild` · `broadsheet manage related show ID`."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from broadsheet.articles.models import Article
from broadsheet.related.actions import do_rebuild_related
from broadsheet.related.queries import related_articles


class ProgressBar:
    """One line on stderr, redrawn in place on a terminal and every 10% elsewhere."""

    WIDTH = 30

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.tty = stream.isatty() if hasattr(stream, "isatty") else False
        self.phase = ""
        self.last_tenth = -1
        self.started = time.monotonic()

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            if self.phase and self.tty:
                self.stream.write("\n")
            self.phase, self.last_tenth = phase, -1
        share = done / total if total else 1.0
        tenth = int(share * 10)
        if not self.tty and tenth == self.last_tenth:
            return
        self.last_tenth = tenth
        filled = int(share * self.WIDTH)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        line = (
            f"{phase:<8} [{bar}] {share:4.0%} {done}/{total} articles "
            f"{time.monotonic() - self.started:5.1f}s"
        )
        self.stream.write(f"\r{line}" if self.tty else f"{line}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.phase:
            self.stream.write("\n")
            self.stream.flush()


class Command(BaseCommand):
    help = "Related posts: recompute every list, or show one article's list."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("rebuild", help="refit the engine and recompute every list")
        rebuild.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
        show = sub.add_parser("show", help="an article's related block, one a line")
        show.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rebuild":
            self.rebuild(quiet=options["no_progress"] or options["verbosity"] == 0)
        else:
            self.show(options["id"])

    def rebuild(self, quiet: bool) -> None:
        bar = None if quiet else ProgressBar(getattr(self.stderr, "_out", sys.stderr))
        started = time.monotonic()
        try:
            count = do_rebuild_related(progress=bar)
        finally:
            if bar:
                bar.close()
        self.stdout.write(
            f"Related posts rebuilt for {count} articles in {time.monotonic() - started:.1f}s"
        )

    def show(self, article_id: int) -> None:
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            raise CommandError(f"no article with id {article_id}")
        for item in related_articles(article):
            self.stdout.write(f"{item.pk}\t{item.get_absolute_url()}\t{item.title}")
