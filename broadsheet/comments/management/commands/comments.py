"""Moderate comments from the shell (DESIGN.md, "Commands"):

    broadsheet manage comments list [--status pending|approved|spam|trash|all] [--json]
    broadsheet manage comments approve ID...     (also: unapprove, spam, trash, delete)
    broadsheet manage comments empty-spam [--days 15]

`list` prints one comment a line: ID, status, article path, author name, ISO date and the
first 60 characters, tab-separated (tabs and newlines inside become spaces). `--json` prints
a JSON array with the same fields plus, for the operator, the email and IP address.
Exit 1 on an unknown ID (and nothing is changed), 2 on a usage error.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from broadsheet.comments import actions
from broadsheet.comments.models import Comment

Status = Comment.Status
VERBS = {
    "approve": Status.APPROVED,
    "unapprove": Status.PENDING,
    "spam": Status.SPAM,
    "trash": Status.TRASH,
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


class Command(BaseCommand):
    help = "List and moderate reader comments."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        listing = sub.add_parser("list", help="list comments")
        listing.add_argument(
            "--status",
            choices=[*Status.values, "all"],
            default=Status.PENDING.value,
            help="which comments (default: pending)",
        )
        listing.add_argument("--json", action="store_true", help="print JSON")
        for verb in (*VERBS, "delete"):
            p = sub.add_parser(verb, help=f"{verb} comments by ID")
            p.add_argument("ids", nargs="+", type=int, metavar="ID")
        empty = sub.add_parser("empty-spam", help="delete old spam")
        empty.add_argument("--days", type=int, default=15)

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "list":
            self.list(options["status"], options["json"])
        elif verb == "empty-spam":
            n = actions.do_empty_spam(options["days"])
            self.stderr.write(f"Deleted {n} spam comments.")
        else:
            self.moderate(verb, options["ids"])

    def list(self, status: str, as_json: bool) -> None:
        qs = Comment.objects.select_related("article").order_by("created_at", "id")
        if status != "all":
            qs = qs.filter(status=status)
        if as_json:
            rows = [
                {
                    "id": c.pk,
                    "status": c.status,
                    "article_path": c.article.get_absolute_url(),
                    "author_name": c.author_name,
                    "author_email": c.author_email,
                    "author_url": c.author_url,
                    "author_ip": c.author_ip,
                    "date": c.created_at.isoformat(),
                    "excerpt": c.excerpt,
                    "moderation_note": c.moderation_note,
                }
                for c in qs.iterator()
            ]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for c in qs.iterator():
            fields = [
                str(c.pk),
                c.status,
                c.article.get_absolute_url(),
                _one_line(c.author_name),
                c.created_at.isoformat(),
                c.excerpt,
            ]
            self.stdout.write("\t".join(fields))

    def moderate(self, verb: str, ids: list[int]) -> None:
        found = {c.pk: c for c in Comment.objects.filter(pk__in=ids)}
        missing = [str(i) for i in ids if i not in found]
        if missing:
            raise CommandError(f"No comment with ID {', '.join(missing)}; nothing changed.")
        comments = [found[i] for i in dict.fromkeys(ids)]
        if verb == "delete":
            for comment in comments:
                actions.do_delete_comment(comment)
            changed = len(comments)
        else:
            changed = actions.do_set_status(comments, VERBS[verb])
        self.stderr.write(f"{verb}: {changed} of {len(comments)} comments changed.")
