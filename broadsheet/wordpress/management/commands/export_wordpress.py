"""`broadsheet export-wordpress [-o FILE]` (also `manage export_wordpress`): WXR 1.2."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from broadsheet.wordpress.export import write_wxr


class Command(BaseCommand):
    help = _("Export the site as a WordPress export (WXR 1.2) file.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", help=_("file to write (standard output if none)"))

    def handle(self, *args: Any, **options: Any) -> None:
        output = options.get("output")
        if not output:
            out = self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout  # type: ignore[attr-defined]
            buffer = getattr(out, "buffer", None)
            if buffer is not None:
                counts = write_wxr(buffer)
                buffer.flush()
            else:  # a text-only stream (call_command with StringIO)
                import io

                raw = io.BytesIO()
                counts = write_wxr(raw)
                out.write(raw.getvalue().decode("utf-8"))
        else:
            target = Path(output)
            if not target.parent.is_dir():
                raise CommandError(
                    _("%(dir)s: no such folder") % {"dir": target.parent}, returncode=1
                )
            # Written beside the target and renamed, so a failed export leaves no half file.
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".wxr-", suffix=".xml")
            try:
                with os.fdopen(fd, "wb") as f:
                    counts = write_wxr(f)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        self.stderr.write(
            _("Exported %(counts)s")
            % {"counts": ", ".join(f"{n} {kind}" for kind, n in counts.items())}
        )
