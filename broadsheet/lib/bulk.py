"""Inserting many rows quickly, for imports.

`Model.objects.bulk_create` compiles SQL for every value of every row (a placeholder, a
conversion and a check each); for the 200,000 rows of a large WordPress import that took
longer than everything else the import does. Here one INSERT is prepared per table and run
with executemany over values converted the way Django converts them for a save
(`get_db_prep_save`), so what is stored is the same. Like bulk_create it sends no signals;
unlike it, it never reads ids back: rows must carry their primary key, or the caller must
not need it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connections, router
from django.db.models import (
    CharField,
    ForeignKey,
    IntegerField,
    Model,
    TextField,
)

BATCH = 2000


def insert_values(
    model: type[Model],
    names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    prepared: bool = False,
) -> int:
    """INSERT `rows` (values in the order of the field `names`) into `model`'s table.

    Values are Python values as the model's attributes hold them (ids for foreign keys,
    named by their field name); `prepared=True` says they are already database values.
    Fields not named get no value from Django (its defaults are not applied): name them all.
    Returns how many rows were written.
    """
    using = router.db_for_write(model)
    connection = connections[using]
    meta = model._meta
    fields: list[Any] = [meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    converters = [_converter(f, connection) for f in fields]
    count = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, BATCH)):
            if not prepared:
                batch = [
                    [convert(value) for convert, value in zip(converters, row, strict=True)]
                    for row in batch
                ]
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _converter(field: Any, connection: Any) -> Callable[[Any], Any]:
    """get_db_prep_save for `field`, skipped for the values it would return unchanged
    (text in text columns, whole numbers in integer ones): most of a row's values."""
    target = field.target_field if isinstance(field, ForeignKey) else field
    plain: type | None = None
    if isinstance(target, (CharField, TextField)):
        plain = str
    elif isinstance(target, IntegerField):
        plain = int
    prep = field.get_db_prep_save
    if plain is str:  # choices' enum members are str too, and stored as they are
        return lambda value: value if isinstance(value, str) else prep(value, connection)
    if plain is int:  # exactly int: a bool would be stored as a boolean
        return lambda value: value if type(value) is int else prep(value, connection)
    return lambda value: prep(value, connection)


def insert_objects(model: type[Model], objects: Sequence[Model]) -> int:
    """INSERT unsaved instances of `model`, each with its primary key set (or none needing
    one back: a key left unset is then chosen by the database and not read)."""
    if not objects:
        return 0
    meta = model._meta
    with_pk = objects[0].pk is not None
    fields = [
        f
        for f in meta.concrete_fields
        if not (f.primary_key and not with_pk) and not getattr(f, "generated", False)
    ]
    if any((obj.pk is not None) != with_pk for obj in objects):
        raise ValueError("insert_objects: set every row's primary key, or none")
    rows = ([f.pre_save(obj, True) for f in fields] for obj in objects)
    count = insert_values(model, [f.name for f in fields], rows)
    using = router.db_for_write(model)
    for obj in objects:
        obj._state.adding = False
        obj._state.db = using
    return count
