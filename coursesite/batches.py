"""Statements whose size follows their input, cut into batches the database takes.

A statement carries at most 65,535 parameters on PostgreSQL (32,766 on SQLite),
and Django sends one per id in an `IN` list and several per row of a bulk
update, so a lecture with tens of thousands of terms or cards could not be
re-imported. Every write whose size follows a notes file goes through these
batches, which also keeps each statement (and Django's compiling of it) small.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from django.db.models import Model, QuerySet

# Rows per statement: far below either database's limit for the widest bulk
# update here (five fields: about 11 parameters a row).
BATCH_SIZE = 1000


def batches(items: Iterable, size: int | None = None) -> Iterator[list]:
    """`items` in lists of at most `size` (BATCH_SIZE by default)."""
    size = size or BATCH_SIZE
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def delete_pks(queryset: QuerySet, pks: Sequence[int]) -> None:
    """Delete the rows of `queryset` with these primary keys, a batch at a time."""
    for batch in batches(pks):
        queryset.filter(pk__in=batch).delete()


def bulk_update(model: type[Model], objs: Sequence[Model], fields: list[str]) -> None:
    """Model.objects.bulk_update in batches (Django batches only where the backend asks)."""
    if objs:
        model._default_manager.bulk_update(objs, fields, batch_size=BATCH_SIZE)
