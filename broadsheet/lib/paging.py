"""Pages of a list without paying for the rows skipped.

`qs[50000:50010]` makes the database read and throw away 50,000 whole rows (body text and
all) before the ten it returns. Two things avoid that:

- The deferred join. The skipping happens in a subquery that selects only the primary
  key, in the list's own order: with an index holding the filter and order columns (the
  articles' listing index) that is an index-only scan of a narrow index. The query around
  it fetches just the rows on the page by primary key, with whatever joins they need
  (`WHERE id = ANY(ARRAY(SELECT id … ORDER BY … LIMIT 11 OFFSET n))`): one statement, as
  many as a plain LIMIT/OFFSET would take.
- Milestones, for lists ordered newest first by (time, id). Even a narrow index costs
  ~15 ms to walk 50,000 entries, and a category's or tag's list is worse: each entry is
  checked against the term. So the key of every `every`-th row is worked out once, in one
  query (ROW_NUMBER over the list, read from the same index), and kept by the caller until
  the list changes; page N then starts from the nearest milestone at or before it with a
  key condition the index answers directly ("seek"), skipping at most `every` rows.

Either way the result is exactly what OFFSET/LIMIT on `qs` gives: same filters, same
order, ties on the time broken by the id as the list's own order does. Milestones are only
used while they describe the list: the caller keeps them under a version that moves on
with every change, and `expires` covers what the clock alone changes (a scheduled article
coming due joins the top of the list, which moves every later row down by one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.db.models import BooleanField, F, Field, Func, Model, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from broadsheet.lib.prepared import Param, Prepared

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Milestones:
    """`keys[k - 1]` is the (time, id) of row `k * every` (0-based) of a list."""

    every: int
    keys: list[tuple[Any, Any]]
    # When a scheduled item comes due and joins the list; None when none is waiting.
    expires: datetime | None = None

    def usable(self) -> bool:
        return self.expires is None or timezone.now() < self.expires


@dataclass(frozen=True)
class Seek:
    """How to start deep pages of a list ordered by `fields` descending (a time, then the
    primary key) from milestones.

    `remember(compute)` returns the list's milestones, from wherever the caller keeps
    them, calling `compute()` when it has none (it may also just call it)."""

    fields: tuple[str, str]
    every: int
    remember: Callable[[Callable[[], Milestones]], Milestones]
    # When the clock next changes the list (the next scheduled item's time), or None.
    expires: Callable[[], datetime | None] = lambda: None


def milestones(qs: QuerySet[Any], seek: Seek) -> Milestones:
    """The milestones of `qs`, in one query (read from the list's index when it has one)."""
    when, pk = seek.fields
    expires = seek.expires()
    order = [F(when).desc(), F(pk).desc()]
    numbered = (
        qs.order_by()
        .prefetch_related(None)
        .select_related(None)
        .annotate(_row=Window(RowNumber(), order_by=order))
        .annotate(_step=F("_row") % seek.every)
        .filter(_step=1, _row__gt=1)
        .values_list("_row", when, pk)
    )
    rows = sorted(numbered)
    return Milestones(seek.every, [(t, i) for _, t, i in rows], expires)


class PkAmong(Func):
    """`pk IN (subquery)`, written for PostgreSQL as `pk = ANY(ARRAY(subquery))`.

    With a plain IN, PostgreSQL may plan the page's ten ids as the small side of a hash
    semi-join and scan every row the outer query's joins reach (11.7 s for the comments
    API's first page); ARRAY() makes the ids an InitPlan, found once, first, and the rows
    are then fetched by primary key. SQLite runs an IN subquery first anyway."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, ids: Subquery) -> None:
        super().__init__(F("pk"), ids)

    def _parts(self, compiler: Any, connection: Any) -> tuple[str, str, list[Any]]:
        pk, ids = self.get_source_expressions()
        pk_sql, pk_params = compiler.compile(pk)
        ids_sql, ids_params = compiler.compile(ids)
        return pk_sql, ids_sql, [*pk_params, *ids_params]

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        pk_sql, ids_sql, params = self._parts(compiler, connection)
        return f"{pk_sql} IN {ids_sql}", params

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        pk_sql, ids_sql, params = self._parts(compiler, connection)
        return f"{pk_sql} = ANY(ARRAY{ids_sql})", params


def _position(
    qs: Callable[[], QuerySet[Any]], start: int, stop: int, seek: Seek | None
) -> tuple[int, int, tuple[Any, Any] | None] | None:
    """Where rows `start` to `stop` are: the same numbers counted from the key of the nearest
    milestone at or before them (None: from the top), or None when the list is shorter."""
    if seek is None or start < seek.every:
        return start, stop, None
    found = seek.remember(lambda: milestones(qs(), seek))
    k = start // found.every
    if k > len(found.keys):
        return None  # past the end: the list has no row `start`
    if not k:
        return start, stop, None
    return start - k * found.every, stop - k * found.every, found.keys[k - 1]


def _from(keys: QuerySet[M], seek: Seek, at: Any, last: Any) -> QuerySet[M]:
    """Rows from the milestone whose key is (at, last) on. The plain bound on the time lets
    the index start there; the rest breaks ties within that time by id, as the order does."""
    when, pk = seek.fields
    return keys.filter(
        Q(**{f"{when}__lt": at}) | Q(**{when: at, f"{pk}__lte": last}),
        **{f"{when}__lte": at},
    )


def _page(
    keys: QuerySet[M], start: int, stop: int, furnish: Callable[[QuerySet[M]], QuerySet[M]] | None
) -> QuerySet[M]:
    # One statement: the subquery finds the page's ids in the list's order (skipping in the
    # index), the outer query fetches those rows by primary key with their joins and sorts
    # them as the list is sorted. A plain pk filter outside: re-applying the list's own
    # filters there could lead the planner back into a scan of everything they match.
    ids = Subquery(keys.prefetch_related(None).select_related(None).values("pk")[start:stop])
    rows = keys.model._default_manager.filter(PkAmong(ids))
    if furnish is not None:
        rows = furnish(rows)
    return rows.order_by(*(keys.query.order_by or keys.model._meta.ordering))


def window(
    qs: QuerySet[M],
    start: int,
    stop: int,
    furnish: Callable[[QuerySet[M]], QuerySet[M]] | None = None,
    seek: Seek | None = None,
) -> list[M]:
    """Rows `start` to `stop` of `qs` (in its order), each fetched in full only if kept.

    `furnish` adds the select_related/prefetch_related/only the kept rows need; the id
    subquery drops them, since they would widen a query whose point is to be narrow. With
    `seek` (and `qs` ordered by its fields, descending), pages past the first milestone
    start from one.
    """
    if stop <= start:
        return []
    where = _position(lambda: qs, start, stop, seek)
    if where is None:
        return []
    start, stop, key = where
    keys = qs if key is None else _from(qs, seek, *key)  # type: ignore[arg-type]
    return list(_page(keys, start, stop, furnish))


class PreparedList(Generic[M]):
    """A list whose pages are prepared statements (broadsheet.lib.prepared): `window()` as
    above, with Django building each statement's SQL once per process, not per request.

    `build(value)` returns the list's queryset in its order, calling `value(name, field)`
    wherever a value changes between requests (a time, an id): with the values themselves
    when milestones are worked out, with placeholders for the statements. The statements
    differ only by the page's place from the top or from a milestone (with ten rows a page
    and a milestone every 100, ten places from each), so few are ever built."""

    def __init__(
        self,
        build: Callable[[Callable[[str, Field], Any]], QuerySet[M]],
        furnish: Callable[[QuerySet[M]], QuerySet[M]] | None = None,
    ) -> None:
        self.build = build
        self.furnish = furnish
        self._statements: dict[tuple[int, int, bool], Prepared[M]] = {}

    def window(
        self, values: dict[str, Any], start: int, stop: int, seek: Seek | None = None
    ) -> list[M]:
        if stop <= start:
            return []
        where = _position(lambda: self.build(lambda name, _: values[name]), start, stop, seek)
        if where is None:
            return []
        start, stop, key = where
        shape = (start, stop, key is not None)
        statement = self._statements.get(shape)
        if statement is None:
            statement = self._statements[shape] = Prepared(lambda: self._statement(seek, *shape))
        if key is not None:
            values = {**values, "_at": key[0], "_last": key[1]}
        return statement(**values)

    def _statement(self, seek: Seek | None, start: int, stop: int, seeking: bool) -> QuerySet[M]:
        keys = self.build(Param)
        if seeking and seek is not None:
            when, pk = (keys.model._meta.get_field(name) for name in seek.fields)
            keys = _from(keys, seek, Param("_at", when), Param("_last", pk))
        return _page(keys, start, stop, self.furnish)


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
