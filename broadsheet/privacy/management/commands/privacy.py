"""`broadsheet manage privacy export EMAIL` (JSON on stdout) and
`broadsheet manage privacy erase EMAIL [--anonymise|--delete]`."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from broadsheet.privacy.actions import (
    PrivacyError,
    do_erase_old_ips,
    do_erase_personal_data,
    do_export_personal_data,
)


class Command(BaseCommand):
    help = "Export or erase the personal data held for an email address."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="print everything held for EMAIL as JSON")
        export.add_argument("email", metavar="EMAIL")
        erase = sub.add_parser("erase", help="erase the comments written with EMAIL")
        erase.add_argument("email", metavar="EMAIL")
        how = erase.add_mutually_exclusive_group()
        how.add_argument(
            "--anonymise",
            dest="mode",
            action="store_const",
            const="anonymise",
            help="keep the comments' text, without name, email, website or IP (the default)",
        )
        how.add_argument(
            "--delete", dest="mode", action="store_const", const="delete", help="delete them"
        )
        sub.add_parser("erase-old-ips", help="erase IP addresses past the retention time now")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "export":
                data = do_export_personal_data(options["email"])
                self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            elif action == "erase":
                result = do_erase_personal_data(
                    options["email"], mode=options.get("mode") or "anonymise"
                )
                self.stderr.write(result.summary())
            else:
                self.stderr.write(f"{do_erase_old_ips()} IP addresses erased")
        except PrivacyError as e:
            raise CommandError(str(e)) from e
