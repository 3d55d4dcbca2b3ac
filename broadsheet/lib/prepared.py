"""Querysets whose SQL Django builds once per process, for the few queries every article
page runs.

Django turns a queryset into SQL again on every evaluation, and for a select_related lookup
of an article that costs about ten times running the SQL on SQLite (columns of three
models, joins, ordering, each as expression objects). Here a queryset is written once with
`Param("name", field)` where values change between requests (a path, an id, the time),
compiled once per database connection, and each call binds the values and runs the same
SQL. Rows become model instances exactly as Django's own iterator makes them (the same
column map, converters and select_related populators, kept from that one compile).

Model querysets (`__call__`: instances) and values_list() ones (`rows()`: tuples), with no
prefetch_related or known related objects (a queryset with them is refused when first
compiled). A value of None is refused too, as
`= NULL` is not `IS NULL`: callers with no value run no query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import DEFERRED, Expression, Field, Model, QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)


class Param(Expression):
    """A placeholder in a prepared queryset: `%s`, bound to the named value at each call."""

    def __init__(self, name: str, output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [self]

    def bind(self, values: dict[str, Any], connection: Any) -> Any:
        value = values[self.name]
        if value is None:
            raise ValueError(f"prepared query: {self.name} is None")
        # What Django does with a literal value in a lookup: prepared for this database.
        return self.output_field.get_db_prep_value(value, connection, prepared=False)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    compiler: SQLCompiler
    kind: type


class Prepared(Generic[M]):
    """`build()`'s queryset, compiled once per connection; call it with the Params' values."""

    def __init__(self, build: Callable[[], QuerySet[M]], using: str = "default") -> None:
        self.build = build
        self.using = using

    def __call__(self, **values: Any) -> list[M]:
        compiled, rows = self._run(ModelIterable, values)
        return self._instances(compiled.compiler, rows)

    def rows(self, **values: Any) -> list[tuple]:
        """A values_list() queryset's rows, converted as Django converts them."""
        compiled, rows = self._run(ValuesListIterable, values)
        return [tuple(row) for row in compiled.compiler.results_iter(results=[rows])]

    def _run(self, kind: type, values: dict[str, Any]) -> tuple[_Compiled, list[tuple]]:
        connection = connections[self.using]
        compiled = self._compiled(connection)
        if compiled.kind is not kind:
            raise TypeError(f"prepared query: a {compiled.kind.__name__} queryset")
        params = [
            p.bind(values, connection) if isinstance(p, Param) else p for p in compiled.params
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            return compiled, cursor.fetchall()

    def _compiled(self, connection: Any) -> _Compiled:
        # Kept on the connection object: one per thread, like the compiler's own.
        kept: dict[int, _Compiled] = connection.__dict__.setdefault("broadsheet_prepared", {})
        compiled = kept.get(id(self))
        if compiled is None:
            qs = self.build()
            kind = qs._iterable_class
            if (
                kind not in (ModelIterable, ValuesListIterable)
                or qs._prefetch_related_lookups
                or qs._known_related_objects
            ):
                raise TypeError("prepared queries take plain model or values_list querysets")
            compiler = qs.query.get_compiler(using=self.using)
            sql, params = compiler.as_sql()
            compiled = kept[id(self)] = _Compiled(sql, tuple(params), compiler, kind)
        return compiled

    def _instances(self, compiler: SQLCompiler, rows: list[tuple]) -> list[M]:
        """Django's ModelIterable, over rows already fetched."""
        select, klass_info = compiler.select, compiler.klass_info
        annotation_col_map = compiler.annotation_col_map
        assert klass_info is not None
        model_cls = klass_info["model"]
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        make = _maker(model_cls, init_list, self.using)
        populators = get_related_populators(klass_info, select, self.using)
        out = []
        for row in compiler.results_iter(results=[rows]):
            obj = make(row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            if annotation_col_map:
                for attr_name, col_pos in annotation_col_map.items():
                    setattr(obj, attr_name, row[col_pos])
            out.append(obj)
        return out


def _maker(model: type[M], names: list[str], using: str) -> Callable[[Sequence[Any]], M]:
    """`model.from_db(using, names, values)` for many rows: Django's works out which fields
    were deferred on every row (a list search per field; a third of the time of making
    the hundred comments of a busy article); here that is done once."""
    if model.from_db.__func__ is not Model.from_db.__func__:  # type: ignore[attr-defined]
        return lambda values: model.from_db(using, names, values)
    where = {name: i for i, name in enumerate(names)}
    picks = [where.get(f.attname) for f in model._meta.concrete_fields]

    def make(values: Sequence[Any]) -> M:
        obj = model(*[DEFERRED if i is None else values[i] for i in picks])
        obj._state.adding = False
        obj._state.db = using
        return obj

    return make
