"""`broadsheet manage load-demo`: the demo site's content, on an empty site, without serving.

`broadsheet demo` does this and then serves; the benchmark and scripts need the content alone.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from broadsheet.demo.loader import load_demo, site_is_empty


class Command(BaseCommand):
    help = "Load the demo site's articles, authors, terms and images into an empty site."

    def handle(self, *args: Any, **options: Any) -> None:
        if not site_is_empty():
            raise CommandError("this site already has content; load-demo only fills an empty site")
        load_demo()
        if options["verbosity"] >= 1:
            self.stderr.write("Loaded the demo site.", style_func=str)
