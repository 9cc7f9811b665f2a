"""Tables as read from disk: header, raw cells with their physical lines, and typing by the Table Schema.

Rows keep the exact text of each cell so downloads stay faithful to the validated data; ``typed()`` gives
Python values (Decimal for numbers, so 84.70 keeps its stated precision) for the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from generator.core.descriptor import resource_paths
from generator.core.load import Dialect, LoadedPackage, iter_records, read_text
from generator.core.problems import Problem
from generator.core.settings import Settings
from generator.core.text import en_of, text_of

TRUE_VALUES = {"true", "True", "TRUE", "1", "yes", "Yes"}
FALSE_VALUES = {"false", "False", "FALSE", "0", "no", "No"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str = "string"
    title: str = ""
    title_en: str = ""
    description: str = ""
    description_en: str = ""
    constraints: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_descriptor(cls, spec: dict) -> FieldSpec:
        constraints = spec.get("constraints") if isinstance(spec.get("constraints"), dict) else {}
        return cls(
            name=str(spec.get("name", "")),
            type=str(spec.get("type") or "any"),
            title=text_of(spec.get("title")),
            title_en=en_of(spec, "title"),
            description=text_of(spec.get("description")),
            description_en=en_of(spec, "description"),
            constraints=tuple(sorted((str(k), str(v)) for k, v in constraints.items())),
        )


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


@dataclass
class Table:
    """One resource's rows. ``path`` is the single source file when there is one (copied byte for byte)."""

    package: str
    name: str
    fields: list[FieldSpec]
    header: list[str]
    rows: list[Row]
    path: Path | None = None
    rel: str = ""
    missing_values: frozenset[str] = frozenset({""})
    problems: list[Problem] = field(default_factory=list)

    def typed(self, row: Row) -> dict[str, object]:
        types = {f.name: f.type for f in self.fields}
        return {name: self.cast(types.get(name, "string"), value) for name, value in row.cells.items()}

    def records(self) -> list[dict[str, object]]:
        return [self.typed(row) for row in self.rows]

    def cast(self, kind: str, value: str) -> object:
        if value in self.missing_values:
            return None
        try:
            if kind in ("integer", "year"):
                return int(value)
            if kind == "number":
                return Decimal(value)
            if kind == "boolean":
                return True if value in TRUE_VALUES else False if value in FALSE_VALUES else None
            if kind == "date":
                return date.fromisoformat(value)
        except (ValueError, InvalidOperation):
            return value
        return value


def read_table(pkg: LoadedPackage, package_name: str, resource: dict, settings: Settings) -> Table:
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    fields = [FieldSpec.from_descriptor(f) for f in schema.get("fields", []) if isinstance(f, dict)]
    missing = schema.get("missingValues", [""])
    table = Table(package_name, str(resource.get("name", "")), fields, [f.name for f in fields], [],
                  missing_values=frozenset(str(m) for m in missing) if isinstance(missing, list) else frozenset({""}))
    if isinstance(resource.get("data"), list):
        _fill_inline(table, resource["data"])
        return table
    dialect = Dialect.from_descriptor(resource)
    paths = resource_paths(resource)
    if len(paths) == 1:
        table.path = pkg.folder / paths[0]
        table.rel = settings.relative(table.path)
    for relpath in paths:
        text, problems = read_text(pkg.folder / relpath, settings)
        table.problems += problems
        if text is not None:
            _fill_from_text(table, text, dialect, skip_header=dialect.header)
    return table


def _fill_from_text(table: Table, text: str, dialect: Dialect, skip_header: bool) -> None:
    records = iter_records(text, dialect)
    if skip_header:
        first = next(records, None)
        if first is not None and not table.fields:
            table.header = first[1]
            table.fields = [FieldSpec(name) for name in first[1]]
    names = table.header
    for line, cells in records:
        if not cells:
            continue
        table.rows.append(Row(line, {name: cells[i] if i < len(cells) else "" for i, name in enumerate(names)}))


def _fill_inline(table: Table, data: list) -> None:
    names = table.header
    rows = data
    if data and isinstance(data[0], list):
        names = names if names else [str(x) for x in data[0]]
        rows = data[1:]
        for i, cells in enumerate(rows, start=2):
            table.rows.append(Row(i, {n: _cell(cells[j] if j < len(cells) else None) for j, n in enumerate(names)}))
    else:
        for i, item in enumerate(rows, start=1):
            if isinstance(item, dict):
                table.rows.append(Row(i, {n: _cell(item.get(n)) for n in names}))
    table.header = names


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
