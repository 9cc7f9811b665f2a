"""Our own descriptor checks, run before Frictionless so that several problems are reported at once,
each with its line, and so that no path reaches Frictionless that could leave the package or the machine."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from generator.core.cache import Cache, code_digest, tool_versions
from generator.core.checks.marks import marks_in_tree
from generator.core.names import NAME
from generator.core.problems import Problem, problem
from generator.core.read.files import is_remote, resolve_inside, unsupported_encoding
from generator.core.read.formats import (
    TABLE_FORMATS,
    TABLE_FORMATS_UNREAD,
    Unreadable,
    compression_of,
    format_of,
    read_decompressed,
)
from generator.core.read.limits import MAX_COLUMNS
from generator.core.read.package import LoadedPackage, load_descriptor, resource_paths, role_of
from generator.core.settings import Settings

if TYPE_CHECKING:
    import frictionless

VERDICTS = "verdicts"  # the cache namespace of Frictionless's verdicts (core/checks/validate.py)
FIELD_TYPES = (
    "any", "array", "boolean", "date", "datetime", "duration", "geojson", "geopoint", "integer", "list",
    "number", "object", "string", "time", "year", "yearmonth",
)


def check_descriptor(pkg: LoadedPackage, settings: Settings, cache: Cache | None = None) -> list[Problem]:
    """Structure, names, licences and every path of one descriptor; Frictionless runs only if this is clean.
    ``cache``: where how Frictionless reads the columns' constraints is kept (``_constraint_reading``)."""
    if cache is None or not settings.cache_validation:
        cache = Cache(settings.cache if settings.cache_validation else None)
    root = pkg.tree.value
    if root is None and pkg.problems:
        return []
    if root is None:
        return [problem("empty-file", pkg.rel, 1, 1, target=pkg.rel)]
    if not isinstance(root, dict):
        return [problem("descriptor-type", pkg.rel, 1, 1, key="(root)", expected="mapping")]
    problems = _check_name(pkg, root.get("name"), ("name",))
    problems += _check_licenses(pkg, root.get("licenses"), ("licenses",))
    resources = root.get("resources")
    if resources is None:
        return problems + [problem("descriptor-missing", pkg.rel, 1, 1, "resources", key="resources")]
    if not isinstance(resources, list) or not resources:
        line, col = pkg.at("resources")
        return problems + [problem("descriptor-type", pkg.rel, line, col, "resources", key="resources",
                                   expected="non-empty-list")]
    seen: dict[str, int] = {}
    for index, resource in enumerate(resources):
        problems += _check_resource(pkg, index, resource, seen, settings, cache)
    return problems


def _check_name(pkg: LoadedPackage, name: object, key: tuple) -> list[Problem]:
    if name is None or (isinstance(name, str) and NAME.match(name)):
        return []
    line, col = pkg.at(*key)
    return [problem("descriptor-name", pkg.rel, line, col, key[-1] if isinstance(key[-1], str) else "name",
                    name=name)]


def _check_licenses(pkg: LoadedPackage, licenses: object, key: tuple) -> list[Problem]:
    if not isinstance(licenses, list):
        return []
    problems = []
    for i, licence in enumerate(licenses):
        if isinstance(licence, dict) and "id" in licence and "name" not in licence and "path" not in licence:
            line, col = pkg.at(*key, i)
            problems.append(problem("legacy-license", pkg.rel, line, col, "licenses"))
    return problems


def _check_resource(pkg: LoadedPackage, index: int, resource: object, seen: dict[str, int],
                    settings: Settings, cache: Cache) -> list[Problem]:
    key = ("resources", index)
    line, col = pkg.at(*key)
    if not isinstance(resource, dict):
        return [problem("descriptor-type", pkg.rel, line, col, f"resources[{index}]", key=f"resources[{index}]",
                        expected="mapping")]
    problems = _check_name(pkg, resource.get("name"), key + ("name",))
    problems += _check_licenses(pkg, resource.get("licenses"), key + ("licenses",))
    name = resource.get("name")
    if isinstance(name, str):
        if name in seen:
            problems.append(problem("duplicate-name", pkg.rel, *pkg.at(*key, "name"), "name", name=name,
                                    other=f"{pkg.rel}:{seen[name]}"))
        seen.setdefault(name, line or 0)
    if "path" not in resource and "data" not in resource:
        problems.append(problem("descriptor-missing", pkg.rel, line, col, "path", key="path"))
    problems += _check_path_items(pkg, resource.get("path"), key + ("path",))
    if declared := declared_not_table(resource):
        problems.append(problem("not-a-table", pkg.rel, *pkg.at(*key, "type"), "type", name=str(name),
                                type=declared))
        return problems + _left_out_files(pkg, resource, key, settings)
    if file_resource(resource):
        where = key + ("format",) if resource.get("format") else key + ("path",)
        problems.append(problem("non-table-resource", pkg.rel, *pkg.at(*where), where[-1], name=str(name),
                                target=", ".join(resource_paths(resource)), format=format_of(resource) or "?"))
        return problems + _left_out_files(pkg, resource, key, settings)
    problems += _check_format(pkg, resource, key)
    if _json_not_table(resource):
        problems.append(problem("json-not-table", pkg.rel, line, col, "type", target=resource.get("path")))
    problems += _check_parts(pkg, resource, key, settings, read_compressed=True)
    schema = resource.get("schema")
    if isinstance(schema, str):
        found = check_path(pkg, schema, key + ("schema",), settings, must_exist=True)
        problems += found or _schema_file_constraints(pkg, schema, settings, cache)
    if isinstance(resource.get("dialect"), str):
        found = check_path(pkg, resource["dialect"], key + ("dialect",), settings, must_exist=True)
        if not found:
            dialect_file, found = _descriptor_file(pkg, resource["dialect"], settings, "dialect")
            found = found or _check_dialect(dialect_file, dialect_file.written, ()) + _marks_in_file(pkg, dialect_file)
        problems += found
    elif isinstance(resource.get("dialect"), dict):
        problems += _check_dialect(pkg, resource["dialect"], key + ("dialect",))
    if isinstance(schema, dict):
        problems += _check_fields(pkg, schema.get("fields"), key + ("schema", "fields"), cache)
    if unsupported_encoding(resource.get("encoding")):
        line, col = pkg.at(*key, "encoding")
        problems.append(problem("unsupported-encoding", pkg.rel, line, col, "encoding", value=resource["encoding"]))
    return problems


def _left_out_files(pkg: LoadedPackage, resource: dict, key: tuple, settings: Settings) -> list[Problem]:
    """The files of a resource left out (``declared_not_table``): each inside the package and there, as every path
    that reaches Frictionless must be, and its schema and dialect files readable, as Frictionless reads them. What
    is in them is not checked here: Minh Bạch reads none of its rows, and Frictionless checks none."""
    problems = _check_parts(pkg, resource, key, settings, read_compressed=False)
    for part in ("schema", "dialect"):
        if isinstance(resource.get(part), str):
            found = check_path(pkg, resource[part], key + (part,), settings, must_exist=True)
            problems += found or _descriptor_file(pkg, resource[part], settings, part)[1]
    return problems


# Dialect keys that change which lines of a file are rows (comment lines, header lines other than the first):
# Frictionless follows them, our reader does not, so the rows it validated would not be the rows published.
ROWS_KEYS = ("commentChar", "commentRows", "headerRows")


def _check_dialect(pkg: LoadedPackage, dialect: dict, key: tuple) -> list[Problem]:
    """A CSV dialect's keys that Minh Bạch does not read by (``ROWS_KEYS``), each at its place (``pkg`` is the
    descriptor or the dialect's own file). ``headerRows: [1]`` is the default, said out loud."""
    problems = []
    for part, values in (((), dialect), (("csv",), dialect.get("csv"))):
        if not isinstance(values, dict):
            continue
        for name in ROWS_KEYS:
            if name in values and not (name == "headerRows" and values[name] == [1]):
                line, col = pkg.at(*key, *part, name)
                problems.append(problem("unsupported-dialect", pkg.rel, line, col, name, key=name))
    return problems


def _descriptor_file(pkg: LoadedPackage, relpath: str, settings: Settings, kind: str
                     ) -> tuple[LoadedPackage, list[Problem]]:
    """A schema or dialect kept in its own file, as read, with what reading it found (a syntax error at its
    line, a value that is not a mapping). Frictionless would say only "cannot retrieve metadata", with the
    file's absolute path and no line (or an empty reason, for a list), so such a file never reaches it."""
    loaded = load_descriptor(pkg.folder / relpath, settings)
    problems = list(loaded.problems)
    if any(p.is_error for p in problems):
        return loaded, problems
    if loaded.tree.value is None:
        problems.append(problem("empty-file", loaded.rel, 1, 1, target=loaded.rel))
    elif not isinstance(loaded.tree.value, dict):
        problems.append(problem("descriptor-type", loaded.rel, 1, 1, kind, key="(root)", expected="mapping"))
    return loaded, problems


def _schema_file_constraints(pkg: LoadedPackage, relpath: str, settings: Settings, cache: Cache) -> list[Problem]:
    """A schema kept in its own file: what reading it found, else its constraint checks, placed in that file.
    (What else is wrong with it, Frictionless reports where the resource is validated: core/checks/validate.py.)"""
    schema, problems = _descriptor_file(pkg, relpath, settings, "schema")
    if any(p.is_error for p in problems):
        return problems
    fields = schema.descriptor.get("fields")
    return problems + _marks_in_file(pkg, schema) + [
        found for i, spec in enumerate(fields if isinstance(fields, list) else [])
        if isinstance(spec, dict) for found in _check_constraints(schema, spec, ("fields", i), cache)]


def _marks_in_file(pkg: LoadedPackage, file: LoadedPackage) -> list[Problem]:
    """The stray direction marks of a schema or dialect kept in a file of its own (checks/marks.py): its field
    titles and descriptions are shown as the descriptor's are, and judged by the role of the package ``pkg``."""
    return marks_in_tree(file.tree, file.rel, own=bool(role_of(pkg.written)))


def _check_path_items(pkg: LoadedPackage, path: object, key: tuple) -> list[Problem]:
    """``path`` is a string or a non-empty list of them (Frictionless crashes on ``[a.csv, 5]``; ``path: 5`` was
    said to be an unsupported format '')."""
    if path is None or isinstance(path, str):
        return []
    if not isinstance(path, list) or not path:
        return [problem("descriptor-type", pkg.rel, *pkg.at(*key), "path", key="path", expected="file-path")]
    problems = []
    for i, part in enumerate(path):
        if not isinstance(part, str):
            line, col = pkg.at(*key, i)
            problems.append(problem("descriptor-type", pkg.rel, line, col, "path", key=f"path[{i}]",
                                    expected="text"))
    return problems


def _check_format(pkg: LoadedPackage, resource: dict, key: tuple) -> list[Problem]:
    """A file we can read as a table, or a problem: Frictionless would open a spreadsheet with parsers we do
    not install, and would not check the rows of a file whose format is not a table's (``data.txt``)."""
    if not resource_paths(resource):  # no path, or one that is not text: said by _check_path_items
        return []
    fmt = format_of(resource)
    declared = resource.get("format")
    if isinstance(declared, str) and declared != fmt and fmt in TABLE_FORMATS:
        # Frictionless matches format names as written: "CSV" is no parser's, so it reads the file as a plain
        # file, checks none of its rows and calls the package valid ("JSON": refused as unsupported); read
        # here as the CSV it is, rows nobody validated were published (a duplicate key, "x" as an integer)
        line, col = pkg.at(*key, "format")
        return [problem("format-case", pkg.rel, line, col, "format", format=declared, lower=fmt,
                        target=", ".join(resource_paths(resource)))]
    if fmt in TABLE_FORMATS:
        return []
    where = key + ("format",) if resource.get("format") else key + ("path",)
    line, col = pkg.at(*where)
    target = ", ".join(resource_paths(resource))
    declare = {} if resource.get("format") else _format_of_mediatype(resource.get("mediatype"))
    return [problem("unsupported-format", pkg.rel, line, col, where[-1], format=fmt, target=target, **declare)]


# The table formats a mediatype names: a file without an extension said to be text/csv needs ``format: csv``.
MEDIATYPE_FORMATS = {"text/csv": "csv", "text/tab-separated-values": "tsv", "application/json": "json",
                     "application/x-ndjson": "ndjson", "application/ndjson": "ndjson", "application/jsonl": "jsonl"}


def _format_of_mediatype(mediatype: object) -> dict[str, str]:
    """``declare``, the format to write for a file whose name says none, when its mediatype names a table's
    (its hint then says so); {} otherwise."""
    name = mediatype.split(";")[0].strip().lower() if isinstance(mediatype, str) else ""
    return {"declare": MEDIATYPE_FORMATS[name]} if name in MEDIATYPE_FORMATS else {}


# The resource types Frictionless checks no row of: its file, text and JSON-document resources.
NOT_TABLE_TYPES = ("file", "text", "json")


def declared_not_table(resource: dict) -> str:
    """The ``type`` a resource of a table format says it is when Frictionless reads it as no table (``type: file``,
    which ``frictionless describe`` writes), else "". Frictionless checks none of its rows: read and published
    here, they were a table nobody validated (a duplicate key, "x" in an integer column, a cell dropped). Such a
    resource is left out of what Minh Bạch reads and publishes (``not-a-table``). A JSON file is
    ``json-not-table``'s: checked as a table."""
    kind = resource.get("type")
    if (isinstance(kind, str) and kind in NOT_TABLE_TYPES and resource_paths(resource)
            and format_of(resource) in TABLE_FORMATS and not _json_not_table(resource)):
        return kind
    return ""


def file_resource(resource: dict) -> bool:
    """A resource whose file is no table's (a text, a GeoJSON map, a PDF, a file with no extension) and which
    nothing calls a table: Frictionless reads it as a file and checks its bytes only, so the package is valid and
    must publish. Minh Bạch publishes tables: the resource is left out, with a warning (``non-table-resource``), as
    ``declared_not_table``'s are. Declared ``type: file`` (``text``, ``json``), it is left out whatever else it
    says. A table's format that we cannot read (``TABLE_FORMATS_UNREAD``: Frictionless would check its rows),
    ``type: table``, the tabular profile, a schema, or the mediatype of a file whose format is not declared
    (``data`` said to be ``text/csv``) say it is a table: ``unsupported-format``, an error, as a table nobody could
    check must not vanish with a warning. A declared format wins over a mediatype (a GeoJSON file is
    ``application/json``)."""
    fmt = format_of(resource)
    if not resource_paths(resource) or fmt in TABLE_FORMATS or fmt in TABLE_FORMATS_UNREAD:
        return False
    if resource.get("type") in NOT_TABLE_TYPES:
        return True
    return not (resource.get("type") == "table" or resource.get("profile") == "tabular-data-resource"
                or "schema" in resource
                or (not resource.get("format") and _format_of_mediatype(resource.get("mediatype"))))


def left_out(resource: dict) -> bool:
    """A resource neither read nor published: declared no table (``declared_not_table``), or a file that is none
    (``file_resource``)."""
    return bool(declared_not_table(resource)) or file_resource(resource)


def _json_not_table(resource: dict) -> bool:
    """A JSON file that Frictionless would not read as a table: without ``type: table`` (or the v1 profile)
    it sniffs the file and takes it for a JSON document, or even for a descriptor, and checks no row."""
    return (isinstance(resource.get("path"), (str, list)) and format_of(resource) == "json"
            and resource.get("type") != "table" and resource.get("profile") != "tabular-data-resource")


def _check_parts(pkg: LoadedPackage, resource: dict, key: tuple, settings: Settings, read_compressed: bool
                 ) -> list[Problem]:
    """Each file of a resource's ``path`` (``check_path``; a compressed one read, bounded, when ``read_compressed``),
    no file listed twice, and all of them together within the limit one file has. Each part was held to the limit
    alone: one 1 MB file listed 2,000 times (a 2 MB pull request) was read as a 2 GB table, and validate grew past
    5 GB; Frictionless reads a repeated part again, each of its rows twice, so a repeat is never meant."""
    path = resource.get("path")
    parts = [(i, part) for i, part in enumerate(path) if isinstance(part, str)] if isinstance(path, list) \
        else [(None, path)] if isinstance(path, str) else []
    problems: list[Problem] = []
    first: dict[Path, int] = {}  # each file read: the part (counted from 1) that first names it
    total = 0
    for index, relpath in parts:
        where = key + ("path",) if index is None else key + ("path", index)
        found = check_path(pkg, relpath, where, settings, must_exist=True)
        target = None if found else resolve_inside(pkg.folder, relpath)
        if target is None:
            problems += found
            continue
        if target in first:  # resolved: "./t.csv", "d/../t.csv" and a link to t.csv are t.csv
            problems.append(problem("duplicate-part", pkg.rel, *pkg.at(*where), "path", target=relpath,
                                    part=(index or 0) + 1, first=first[target]))
            continue
        first[target] = (index or 0) + 1
        size = target.stat().st_size
        # Once the parts are over the limit together, the rest are not decompressed: N bombs of 50 MB each took
        # N times the time of one; they count by their size on disk
        if read_compressed and total <= settings.max_file_bytes:
            found, size = _check_compressed(pkg, resource, None if index is None else relpath, key, where, size,
                                            settings)
            problems += found
        total += size
    if len(first) > 1 and total > settings.max_file_bytes:
        problems.append(problem("resource-too-large", pkg.rel, *pkg.at(*key, "path"), "path", count=len(first),
                                size=total, limit=settings.max_file_bytes))
    return problems


def _check_compressed(pkg: LoadedPackage, resource: dict, part: str | None, key: tuple, where: tuple, size: int,
                      settings: Settings) -> tuple[list[Problem], int]:
    """A compressed file is read whole here, within the size limit once decompressed, so that one that
    cannot be read (truncated, encrypted, a bomb) is a problem and never reaches Frictionless. With the file's size
    as Frictionless reads it: decompressed (``size``, its size on disk, when it is not compressed or not read)."""
    compression = compression_of(resource, part)
    if not compression:
        return [], size
    relpath = part if part is not None else resource["path"]
    innerpath = resource.get("innerpath") if isinstance(resource.get("innerpath"), str) else None
    try:
        data, _ = read_decompressed(pkg.folder / relpath, compression, innerpath, settings.max_file_bytes)
    except Unreadable as unreadable:
        if unreadable.code == "zip-member" and innerpath:
            where = key + ("innerpath",)
        elif unreadable.params.get("detail") == "unknown compression" and "compression" in resource:
            where = key + ("compression",)
        line, col = pkg.at(*where)
        return [problem(unreadable.code, pkg.rel, line, col, str(where[-1]) if isinstance(where[-1], str) else "path",
                        target=relpath, **unreadable.params)], size
    return [], len(data)


def check_path(pkg: LoadedPackage, relpath: str, key: tuple, settings: Settings,
               must_exist: bool) -> list[Problem]:
    line, col = pkg.at(*key)
    field = next((k for k in reversed(key) if isinstance(k, str)), None)
    if is_remote(relpath):
        return [problem("remote-path", pkg.rel, line, col, field, target=relpath)]
    target = resolve_inside(pkg.folder, relpath)
    if target is None:
        return [problem("unsafe-path", pkg.rel, line, col, field, target=relpath)]
    if must_exist and not target.is_file():
        return [problem("missing-file", pkg.rel, line, col, field, target=relpath)]
    if must_exist and target.stat().st_size > settings.max_file_bytes:
        return [problem("file-too-large", pkg.rel, line, col, field, size=target.stat().st_size,
                        limit=settings.max_file_bytes)]
    return []


def _check_fields(pkg: LoadedPackage, fields: object, key: tuple, cache: Cache) -> list[Problem]:
    if not isinstance(fields, list):
        line, col = pkg.at(*key)
        return [problem("descriptor-type", pkg.rel, line, col, "fields", key="schema.fields",
                        expected="list")]
    if len(fields) > MAX_COLUMNS:
        line, col = pkg.at(*key)
        return [problem("too-many-columns", pkg.rel, line, col, "fields", count=len(fields), limit=MAX_COLUMNS)]
    problems = []
    for i, spec in enumerate(fields):
        if not isinstance(spec, dict):  # Frictionless itself crashes on such a field (AttributeError)
            line, col = pkg.at(*key, i)
            problems.append(problem("descriptor-type", pkg.rel, line, col, "fields", key=f"schema.fields[{i}]",
                                    expected="field-object"))
            continue
        problems += _check_column(pkg, spec, key + (i,), cache)
        problems += _check_array_item(pkg, spec, key + (i,), f"schema.fields[{i}].arrayItem", cache)
    return problems


def _check_column(pkg: LoadedPackage, spec: dict, key: tuple, cache: Cache) -> list[Problem]:
    """A column (a field, or an array's item) has a Table Schema type, and constraints Frictionless can use."""
    kind = spec.get("type")
    if kind is not None and kind not in FIELD_TYPES:
        line, col = pkg.at(*key, "type")
        return [problem("unknown-field-type", pkg.rel, line, col, str(spec.get("name")), type=kind,
                        allowed=", ".join(FIELD_TYPES))]
    return _check_constraints(pkg, spec, key, cache)


def _check_array_item(pkg: LoadedPackage, spec: dict, key: tuple, shown: str, cache: Cache) -> list[Problem]:
    """An array column's ``arrayItem`` is a column of its own, checked as one (Frictionless reports what is wrong
    with it without a place); its problems are named after the array column. Another type ignores it."""
    item = spec.get("arrayItem")
    if spec.get("type") != "array" or item is None:
        return []
    if not isinstance(item, dict):
        line, col = pkg.at(*key, "arrayItem")
        return [problem("descriptor-type", pkg.rel, line, col, str(spec.get("name")), key=shown, expected="mapping")]
    return _check_column(pkg, {**item, "name": spec.get("name")}, key + ("arrayItem",), cache)


# Constraints whose values Frictionless reads with the column's own type; one it cannot read becomes None and
# crashes the comparison (a bound) or silently fails every cell (an enum item).
_TYPED_CONSTRAINTS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum")


def _check_constraints(pkg: LoadedPackage, spec: dict, key: tuple, cache: Cache) -> list[Problem]:
    """The constraints Frictionless applies to the column (those of its type) must be usable: a ``pattern`` a
    regular expression, bounds and ``enum`` items values of the column's type. Frictionless 5.21 crashes on
    ``pattern: "("`` (re.error) and on ``minimum: x`` for an integer (TypeError)."""
    constraints = spec.get("constraints")
    reading = _constraint_reading(spec, constraints, cache) if isinstance(constraints, dict) and constraints else {}
    if not reading:
        return []  # no constraints, or a column Frictionless itself refuses (its own check says why)
    name, kind = reading["name"], reading["type"]
    problems = []
    if "pattern" in reading["applied"] and (reason := _regex_error(constraints["pattern"])):
        line, col = pkg.at(*key, "constraints", "pattern")
        problems.append(problem("bad-pattern", pkg.rel, line, col, name, pattern=constraints["pattern"],
                                reason=reason))
    for constraint, index in reading["unreadable"]:
        value = constraints[constraint] if index is None else constraints[constraint][index]
        line, col = pkg.at(*key, "constraints", constraint, *(() if index is None else (index,)))
        problems.append(problem("bad-constraint", pkg.rel, line, col, name, constraint=constraint, value=value,
                                type=kind))
    return problems


def _regex_error(pattern: object) -> str:
    try:
        re.compile(f"^{pattern}$")  # as Frictionless compiles it
    except (re.error, RecursionError, OverflowError) as exc:
        return str(exc)
    return ""


def _constraint_reading(spec: dict, constraints: dict, cache: Cache) -> dict:
    """How Frictionless reads a column's constraints: the column's name and type as it makes them, the
    constraints it applies, and each ``[constraint, item]`` (item None but in an ``enum``) whose value it cannot
    read as that type; {} when it refuses the column. Kept in the cache (``verdicts``): working it out needs
    Frictionless, and its import was a fifth of a city one-row edit that changed no descriptor."""
    descriptor = {key: spec[key] for key in ("name", "type", "format") if isinstance(spec.get(key), str)}
    # The options by which the column's own cells are read, by which Frictionless reads its constraints too: a
    # minimum "1,5" with decimalChar "," was refused, and "1.5" passed here and crashed Frictionless's check
    descriptor |= {key: spec[key] for key in _READING_OPTIONS if key in spec}
    key = Cache.key(VERDICTS, {"column": descriptor, "constraints": constraints,
                               "frictionless": tool_versions("frictionless")}, code_digest(__name__))
    found = cache.get_json(VERDICTS, key)
    if not isinstance(found, dict):
        found = _read_constraints(descriptor, constraints)
        cache.put_json(VERDICTS, key, found)
    return found


_READING_OPTIONS = ("decimalChar", "groupChar", "bareNumber", "floatNumber", "trueValues", "falseValues", "delimiter",
                    "itemType")


def _read_constraints(descriptor: dict, constraints: dict) -> dict:
    field = _field(descriptor)
    if field is None:
        return {}
    applied = [c for c in field.supported_constraints if constraints.get(c) is not None]
    read, unreadable = field.create_value_reader(), []
    for constraint in (c for c in _TYPED_CONSTRAINTS if c in applied):
        values = constraints[constraint]
        items = enumerate(values) if constraint == "enum" and isinstance(values, list) else [(None, values)]
        unreadable += [[constraint, index] for index, value in items if read(value) is None]
    return {"name": field.name, "type": field.type, "applied": applied, "unreadable": unreadable}


def _field(descriptor: dict) -> frictionless.Field | None:
    """The column as Frictionless makes it (None where it cannot: its own check reports that)."""
    import frictionless  # only for a column with constraints: the import costs half a second

    try:
        return frictionless.Field.from_descriptor({"name": "", **descriptor})
    except frictionless.FrictionlessException:
        return None


def normalised(descriptor: dict) -> dict:
    """The descriptor Frictionless sees: legacy ``{id, url}`` licences renamed to ``{name, path}``.

    This is where we deliberately differ from ``frictionless validate``: the legacy Data Package v1 licence
    form gets a warning (``legacy-license``) instead of failing the package, and a JSON resource without
    ``type: table`` is checked as the table we publish (``json-not-table``, a warning).
    """
    def fix(licences: object) -> object:
        if not isinstance(licences, list):
            return licences
        fixed = []
        for licence in licences:
            if isinstance(licence, dict) and "id" in licence and "name" not in licence and "path" not in licence:
                licence = {("name" if k == "id" else "path" if k == "url" else k): v for k, v in licence.items()}
            fixed.append(licence)
        return fixed

    def fix_resource(resource: object) -> object:
        if not isinstance(resource, dict):
            return resource
        if "licenses" in resource:
            resource = {**resource, "licenses": fix(resource["licenses"])}
        if _json_not_table(resource):
            resource = {**resource, "type": "table"}
        return resource

    result = dict(descriptor)
    if "licenses" in result:
        result["licenses"] = fix(result["licenses"])
    if isinstance(result.get("resources"), list):
        result["resources"] = [fix_resource(r) for r in result["resources"]]
    return result


def package_name(pkg: LoadedPackage) -> str:
    """The package's name, or its folder's name when the descriptor has none."""
    name = pkg.descriptor.get("name")
    if isinstance(name, str) and name:
        return name
    folder = pkg.folder.name if pkg.descriptor_path.name.startswith("datapackage.") else \
        pkg.descriptor_path.name.split(".package.")[0]
    return re.sub(r"[^a-z0-9._-]+", "-", folder.lower()).strip("-").lstrip(".") or "package"

