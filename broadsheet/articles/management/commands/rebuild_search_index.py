"""`broadsheet manage rebuild_search_index`: index every article afresh.

Needed after loading rows in bulk (not through the article actions), or after changing the
site language, whose stemming rules the PostgreSQL index follows.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from broadsheet.articles import search


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the articles table."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, database: str, **options: Any) -> None:
        with transaction.atomic(using=database):
            count = search.rebuild(database)
        self.stdout.write(f"{count}\n", ending="")
        self.stderr.write(f"Indexed {count} searchable items.")
