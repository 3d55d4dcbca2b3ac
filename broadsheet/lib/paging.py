"""Pages of a list without paying for the rows skipped: the deferred join.

`qs[5000:5010]` makes the database read and throw away 5,000 whole rows (body text and
all) before the ten it returns. Here the skipping happens in a first query that selects
only the primary key, in the list's own order: with an index holding the filter and order
columns (see the articles' listing index) that is an index-only scan of a narrow index, so
skipping 50,000 entries costs a few milliseconds. The second query fetches just the rows
on the page by primary key, with whatever joins and prefetches they need.

The result is exactly what OFFSET/LIMIT on `qs` gives (same filters, same order, ties
included, as the order must end on a unique column anyway), in the same two queries a
paginator's COUNT and page fetch would take.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def window(
    qs: QuerySet[M],
    start: int,
    stop: int,
    furnish: Callable[[QuerySet[M]], QuerySet[M]] | None = None,
) -> list[M]:
    """Rows `start` to `stop` of `qs` (in its order), each fetched in full only if kept.

    `furnish` adds the select_related/prefetch_related/only the kept rows need; the id
    query drops them, since they would widen a query whose point is to be narrow.
    """
    if stop <= start:
        return []
    keys = qs.prefetch_related(None).select_related(None).values_list("pk", flat=True)
    ids: list[Any] = list(keys[start:stop])
    if not ids:
        return []
    # A plain pk filter: re-applying the list's own filters here
    # could lead the planner back into a scan of everything they match.
    rows = qs.model._default_manager.filter(pk__in=ids)
    if furnish is not None:
        rows = furnish(rows)
    by_pk = {row.pk: row for row in rows}
    # A row deleted between the two queries is simply missing from the page.
    return [by_pk[pk] for pk in ids if pk in by_pk]


@dataclass
class ListPage(Generic[M]):
    """A page of a list whose length is never counted: whether an older page exists is
    known from one row more than the page shows. The listing templates need no more."""

    number: int
    object_list: Sequence[M]
    more: bool

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1


def page_of(
    qs: QuerySet[M],
    number: int,
    per_page: int,
    furnish: Callable[[QuerySet[M]], QuerySet[M]] | None = None,
) -> ListPage[M]:
    """Page `number` (1-based) of `qs`, with no COUNT(*) over the whole list."""
    start = (number - 1) * per_page
    rows = window(qs, start, start + per_page + 1, furnish)
    return ListPage(number, rows[:per_page], len(rows) > per_page)
