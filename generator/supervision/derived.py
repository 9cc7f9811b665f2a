"""Tables derived from the session files: the YAML files are the source of truth; these are what journalists
download (sessions, recommendations, their status history, the facts reported)."""

from __future__ import annotations

from decimal import Decimal

from generator.core import kept
from generator.core.claims import plain
from generator.core.read.table import FieldSpec, Row, Table
from generator.supervision.model import Supervision


def _table(package: str, name: str, columns: list[tuple[str, str]], rows: list[list[object]]) -> Table:
    fields = [FieldSpec(column, kind) for column, kind in columns]
    header = [column for column, _ in columns]
    index = {name: i for i, name in enumerate(header)}
    table_rows = [Row(i, tuple(_cell(v) for v in row), index) for i, row in enumerate(rows, 2)]
    return Table(package, name, fields, header, table_rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, Decimal):
        return plain(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def derived_tables(supervision: Supervision, package: str) -> list[Table]:
    """The downloadable tables of the sessions. A serving process keeps them while the sessions are the same
    objects (each is kept while its file is unchanged) for the same package, folder and build date (core/kept.py):
    a save that renamed an agency derived the 20,000 items' tables again (0.36 s under py-spy)."""
    namespace = f"supervision-derived:{package}:{supervision.folder}:{supervision.build_date.isoformat()}"
    return kept.by_identity(namespace, supervision.sessions, lambda: _derived_tables(supervision, package))


def _derived_tables(supervision: Supervision, package: str) -> list[Table]:
    """The sessions (``planned``: still to come on the build date, as the pages say), the items with their current
    status (its date with its precision, as ``status_history`` gives it: "12/2024" is not the 1st of December),
    their status history and the facts."""
    sessions = supervision.sessions
    items = supervision.items()
    today = supervision.build_date
    return [
        _table(package, "sessions", [
            ("session_id", "string"), ("date", "date"), ("date_precision", "string"), ("planned", "boolean"),
            ("body_vi", "string"), ("body_en", "string"), ("form", "string"), ("chair", "string"),
            ("agencies", "string"), ("topic_vi", "string"), ("topic_en", "string"), ("programme_period", "string"),
            ("legal_basis", "string"), ("sources", "string"), ("flags", "string"), ("record_file", "string"),
        ], [[s.id, s.date, s.date_precision, _boolean(s.ahead(today)), s.body.vi, s.body.en, s.form, s.chair,
             s.agencies, s.topic.vi, s.topic.en, s.programme_period, s.legal_basis, s.sources, " ".join(s.flags),
             supervision.record_file(s)]
            for s in sessions]),
        _table(package, "recommendations", [
            ("item_id", "string"), ("session_id", "string"), ("kind", "string"), ("addressees", "string"),
            ("text_vi", "string"), ("text_en", "string"), ("category", "string"), ("due", "date"),
            ("status", "string"), ("status_date", "date"), ("status_date_precision", "string"),
            ("status_flags", "string"), ("overdue", "boolean"), ("raised_by", "string"), ("raised_by_en", "string"),
            ("flags", "string"), ("source_id", "string"),
        ], [[i.id, i.session_id, i.kind, i.addressees, i.text.vi, i.text.en, i.category, i.due, i.status,
             i.current.date if i.current else None, i.current.date_precision if i.current else "",
             " ".join(i.current.flags) if i.current else "", _boolean(i.is_overdue(today)), i.raised_by.vi,
             i.raised_by.en, " ".join(i.flags), i.source]
            for i in items]),
        _table(package, "status_history", [
            ("item_id", "string"), ("date", "date"), ("date_precision", "string"), ("status", "string"),
            ("flags", "string"), ("evidence_source_id", "string"), ("note_vi", "string"), ("note_en", "string"),
        ], [[i.id, h.date, h.date_precision, h.status, " ".join(h.flags), h.evidence, h.note.vi, h.note.en]
            for i in items for h in i.history]),
        _table(package, "facts", [
            ("session_id", "string"), ("fact_id", "string"), ("agency_code", "string"), ("statement_vi", "string"),
            ("statement_en", "string"), ("value", "string"), ("unit_vi", "string"), ("unit_en", "string"),
            ("flags", "string"), ("source_id", "string"),
        ], [[s.id, f.local_id, f.agency, f.statement.vi, f.statement.en, f.value, f.unit.vi, f.unit.en,
             " ".join(f.flags), f.source]
            for s in sessions for f in s.facts]),
    ]


def derived_names() -> frozenset[str]:
    return frozenset({"sessions", "recommendations", "status_history", "facts"})

