"""`broadsheet import-wordpress FILE [--dry-run] [--fetch-media]`.

Also `broadsheet manage import_wordpress …`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from broadsheet.wordpress.load import import_wxr
from broadsheet.wordpress.wxr import WXRError


class Command(BaseCommand):
    help = _("Import a WordPress export (WXR) file, keeping every URL.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("the WordPress export file (.xml)"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("validate and report, write nothing")
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help=_("download attachments from the old site (public http/https addresses only)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("%(file)s: no such file") % {"file": path}, returncode=1)
        err = self.stderr._out  # type: ignore[attr-defined]
        interactive = hasattr(err, "isatty") and err.isatty()

        def progress(done: int, total: int) -> None:
            if not interactive:
                return
            width = 30
            filled = width * done // max(total, 1)
            bar = "#" * filled + "-" * (width - filled)
            err.write(f"\r[{bar}] {done}/{total} items")
            if done >= total:
                err.write("\n")
            err.flush()

        self.stderr.write(_("Checking %(file)s…") % {"file": path})
        try:
            summary = import_wxr(
                path,
                dry_run=options["dry_run"],
                fetch_media=options["fetch_media"],
                progress=progress,
            )
        except WXRError as e:
            raise CommandError(
                _("%(file)s was refused: %(problem)s") % {"file": path.name, "problem": e},
                returncode=1,
            ) from e
        sys.stdout.flush()
        self.stdout.write(summary.render())
