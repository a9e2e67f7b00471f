"""One limit for every text field, checked before anything is written, the same on both stores.

A text column's limit is its length in the schema (the model's ``max_length``, the migration's
``String(n)``): PostgreSQL refuses a longer value with a database error, DuckDB keeps it, so
the same form behaved differently on the two stores. An unbounded text column holding
officers' or applicants' words (a note, a reason, a concern) takes :data:`FREE_TEXT_LIMIT`;
the unbounded columns the service itself writes (JSON records, the audit detail, generated
summaries) are listed in :data:`WRITTEN_BY_THE_SERVICE` and not limited here.

:func:`check_lengths` runs before every flush of a session (logic/db.py installs it), so every
service's save is checked in the one place: a value too long raises :class:`FieldError` naming
the field ("First name: at most 100 characters") before any row is sent, and the service's
transaction rolls back as a whole. The words for a column are those its service's form uses,
given once by the service (:func:`name_fields`), else the column's name written out.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from sqlalchemy import String, Table, TypeDecorator, inspect

from logic.common.errors import FieldError

FREE_TEXT_LIMIT = 20_000  # characters: some eight pages of a letter, for a note or a reason

# Unbounded columns the service writes itself, never an officer's words directly.
WRITTEN_BY_THE_SERVICE = frozenset({
    "audit_log.detail", "case_event.summary", "case_event.changes", "hclic_problem.message",
    "issued_letter.options_json", "letting_advert.shortlist_json",
    "practice_attempt.questions_asked", "practice_attempt.answers", "practice_attempt.marks",
    "homelessness_assessment.facts_json", "homelessness_assessment.determination_json",
    "homelessness_assessment.overrides_json", "homelessness_assessment.support_need_codes",
    "register_assessment.facts_json", "register_assessment.household_json",
    "register_assessment.determination_json", "register_assessment.financial_json",
    "register_household_needs.member_needs",
    "triage_record.answers", "triage_record.facts", "triage_record.determination",
    "triage_record.recommendation",
})

_labels: dict[str, dict[str, str]] = {}


def name_fields(table: str, labels: Mapping[str, str]) -> None:
    """The words a service's form uses for a table's columns (column name -> label), so a
    value too long is named as the officer saw the field."""
    _labels.setdefault(table, {}).update(labels)


def limit_of(table: str, column) -> int | None:
    """A column's limit in characters; None for a column that is not text or that the
    service writes itself."""
    kind = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
    if not isinstance(kind, String):  # (SQLModel's AutoString decorates a String)
        return None
    if kind.length is not None:
        return kind.length
    return None if f"{table}.{column.name}" in WRITTEN_BY_THE_SERVICE else FREE_TEXT_LIMIT


def column_limit(table: str, column: str) -> int | None:
    """The limit of ``table.column`` as the schema declares it (the model's declaration only:
    nothing here opens the store, so the public app checks its forms with it)."""
    from sqlmodel import SQLModel

    import logic.models  # noqa: F401  (registers every table's declaration)

    return limit_of(table, SQLModel.metadata.tables[table].c[column])


@cache
def _limited(table: Table, mapper) -> tuple[tuple[str, int], ...]:
    out = []
    for column in table.columns:
        limit = limit_of(table.name, column)
        if limit is not None:
            out.append((mapper.get_property_by_column(column).key, limit))
    return tuple(out)


def check_lengths(session, _flush_context=None, _instances=None) -> None:
    """Before a flush: every new row's text, and every changed text of a row, within its
    column's limit; else FieldError naming the field, and nothing is written."""
    new = session.new
    for obj in (*new, *session.dirty):
        table = getattr(obj, "__table__", None)
        if not isinstance(table, Table):
            continue
        state = inspect(obj)
        for key, limit in _limited(table, state.mapper):
            value = getattr(obj, key, None)
            if not isinstance(value, str) or len(value) <= limit:
                continue
            if obj not in new and not state.attrs[key].history.has_changes():
                continue  # kept from before the limits were checked: not this save's doing
            raise FieldError(key, f"at most {limit:,} characters (this has {len(value):,})",
                             _labels.get(table.name))
