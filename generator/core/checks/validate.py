"""Frictionless validation, offline and untrusted, with its errors turned into positioned problems."""

from __future__ import annotations

import lzma
import re
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import frictionless
from frictionless.formats import CsvControl

from generator.core.cache import Cache, code_digest, file_digest
from generator.core.checks import chunked
from generator.core.checks.crossrefs import KeyIndex, closest, listed
from generator.core.checks.descriptor import declared_not_table, file_resource, left_out, normalised, package_name
from generator.core.checks.metadata import METADATA_KINDS, Key, error_keys, file_error_keys
from generator.core.checks.numbers import rewritten_number
from generator.core.checks.offline import OfflineSession
from generator.core.messages import CATALOGUE
from generator.core.problems import Problem, problem
from generator.core.read.files import read_csv_bytes, read_data_text, read_text, text_codec
from generator.core.read.formats import JSON_FORMATS, compression_of, format_of
from generator.core.read.jsonrows import JsonProblem, json_rows
from generator.core.read.package import LoadedPackage, load_descriptor, resource_paths
from generator.core.read.records import Dialect, RecordError, cell_column, iter_records
from generator.core.read.table import FieldSpec, Table, read_table
from generator.core.read.tree import load_json, load_yaml
from generator.core.settings import Settings


def validate_package(pkg: LoadedPackage, settings: Settings, rows: dict[str, int] | None = None,
                     cache: Cache | None = None) -> list[Problem]:
    """Run Frictionless on a descriptor that passed our own checks, one resource at a time, skipping the
    resources whose inputs are unchanged since a previous run (see core/cache.py); ``rows`` (data rows
    per resource, as read) says which are large enough to validate in chunks (see checks/chunked.py)."""
    descriptor = normalised(pkg.written)  # schema and dialect files by name: their errors are placed in them
    if cache is None or not settings.cache_validation:
        cache = Cache(settings.cache if settings.cache_validation else None)
    crashing = crashing_values(pkg, settings) + foreign_packages(pkg, settings) + keys_into_not_tables(pkg, settings)
    if crashing:  # Frictionless would raise on them (or fetch another package), and say nothing of the rest
        return crashing
    with frictionless.system.use_context(trusted=False, http_session=OfflineSession()):
        # Descriptor errors first, all of them: building the Package would stop at the first.
        try:
            metadata = frictionless.Package.validate_descriptor(descriptor)
        except _DESCRIPTOR_CRASHES as exc:  # a value our own checks do not know of yet: at the package, not a crash
            return [_crash_problem(pkg, exc)]
        if metadata.errors:
            return [_metadata_problem(pkg, error, key) for key, error in error_keys(descriptor, metadata.errors)]
        try:
            try:
                package = frictionless.Package.from_descriptor(descriptor, basepath=str(pkg.folder))
            except _DESCRIPTOR_CRASHES as exc:  # in a schema or dialect file: the same, at the package
                return [_crash_problem(pkg, exc)]
            return [p for resource in package.resources
                    for p in _validate_resource(pkg, descriptor, resource, cache, settings, package,
                                                (rows or {}).get(resource.name, 0))]
        except frictionless.FrictionlessException as exc:  # the real errors are its reasons, when it has any
            errors = exc.reasons or [exc.error]
            return [_metadata_problem(pkg, error, key) for key, error in error_keys(descriptor, errors)]


def _crash_problem(pkg: LoadedPackage, exc: Exception) -> Problem:
    """What Frictionless raised on a descriptor, as a problem at the package's first key."""
    line, col = pkg.at(next(iter(pkg.written), "name")) if pkg.written else (None, None)
    return problem("frictionless", pkg.rel, line or 1, col or 1, None, type=type(exc).__name__,
                   detail=str(exc) or type(exc).__name__)


# What Frictionless 5.21 raises, rather than reports, on a descriptor value of the wrong type.
_DESCRIPTOR_CRASHES = (AttributeError, TypeError, ValueError, KeyError, IndexError)


def crashing_values(pkg: LoadedPackage, settings: Settings) -> list[Problem]:
    """Values of the wrong type that Frictionless 5.21 raises on instead of reporting them (``$schema: 5``, a
    resource's ``hash: 5``, ``foreignKeys: 5``, a foreign key's ``reference: 5``, a list column's ``delimiter: ''``;
    a dialect's ``delimiter: ''`` it reports at the resource's path), each at its key (in the schema's or the
    dialect's own file, when it has one): our own check, before Frictionless sees them."""
    root = pkg.written
    found = [(pkg, ("$schema",), "$schema", "text")] if "$schema" in root and not isinstance(root["$schema"], str) \
        else []
    resources = root.get("resources") if isinstance(root.get("resources"), list) else []
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict):
            continue
        if "hash" in resource and not isinstance(resource["hash"], str):
            found.append((pkg, ("resources", i, "hash"), "hash", "text"))
        for part, crashes in (("schema", _schema_crashes), ("dialect", _dialect_crashes)):
            where, value, key = pkg, resource.get(part), ("resources", i, part)
            if isinstance(value, str):  # a file of its own, which the descriptor checks found inside and read
                where = load_descriptor(pkg.folder / value, settings)
                value, key = where.written, ()
            found += [(where, *crash) for crash in crashes(value, key)]
    return [problem("descriptor-type", where.rel, *where.at(*key), field, key=_shown(key), expected=expected)
            for where, key, field, expected in found]


def foreign_packages(pkg: LoadedPackage, settings: Settings) -> list[Problem]:
    """A foreign key into another package (``reference: {package: ...}``, Data Package v2): Frictionless 5.21 tries
    to load that package from where it says (a scheme error offline, or, named like a resource here, the key
    checked against the wrong table). Such keys are declared in ``x-minhbach.references``, which Minh Bạch checks
    across the datasets folder: said at the key, with that, in the descriptor or in the schema file that holds it
    (there Frictionless said only that a resource of the package's own did not exist)."""
    found = []
    resources = pkg.written.get("resources") if isinstance(pkg.written.get("resources"), list) else []
    for i, resource in enumerate(resources):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        if isinstance(schema, str):  # a file our own checks read already: it is there and parses
            owner = load_descriptor(pkg.folder / schema, settings)
            found += _foreign_packages_in(owner, owner.written, ())
        else:
            found += _foreign_packages_in(pkg, schema, ("resources", i, "schema"))
    return found


def keys_into_not_tables(pkg: LoadedPackage, settings: Settings) -> list[Problem]:
    """A foreign key of a table into a resource declared a file (``type: file``, see ``declared_not_table``) or
    whose file is no table's (``file_resource``: a text, a map): Frictionless 5.21 looks its values up in the rows
    of that resource, which it does not read as a table, and stops ("'FileResource' object has no attribute
    'row_stream'", exit 2). Said at the key's resource."""
    resources = pkg.written.get("resources") if isinstance(pkg.written.get("resources"), list) else []
    declared = {r.get("name"): _not_table_params(r) for r in resources if isinstance(r, dict)}
    found = []
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict) or left_out(resource):  # no row of it is read: no key looked up
            continue
        schema = resource.get("schema")
        if isinstance(schema, str):  # a file our own checks read already: it is there and parses
            owner = load_descriptor(pkg.folder / schema, settings)
            found += _keys_into_not_tables_in(owner, owner.written, (), declared)
        else:
            found += _keys_into_not_tables_in(pkg, schema, ("resources", i, "schema"), declared)
    return found


def _not_table_params(resource: dict) -> dict[str, str]:
    """What a key into ``resource`` says of it when it is no table: its declared type, or its file's format (a
    ``type`` to remove, or none); {} for a table."""
    if kind := declared_not_table(resource):
        return {"type": kind, "declared": f"type: {kind}"}
    if file_resource(resource):
        fmt = format_of(resource) or "?"
        return {"format": fmt, "declared": f"format: {fmt}"}
    return {}


def _keys_into_not_tables_in(owner: LoadedPackage, schema: object, key: tuple, declared: dict) -> list[Problem]:
    keys = schema.get("foreignKeys") if isinstance(schema, dict) else None
    found = []
    for j, item in enumerate(keys if isinstance(keys, list) else []):
        reference = item.get("reference") if isinstance(item, dict) else None
        target = reference.get("resource") if isinstance(reference, dict) else None
        if isinstance(target, str) and declared.get(target):
            where = owner.at(*key, "foreignKeys", j, "reference", "resource")
            found.append(problem("key-into-not-table", owner.rel, *where, "foreignKeys", resource=target,
                                 **declared[target]))
    return found


def _foreign_packages_in(owner: LoadedPackage, schema: object, key: tuple) -> list[Problem]:
    keys = schema.get("foreignKeys") if isinstance(schema, dict) else None
    found = []
    for j, item in enumerate(keys if isinstance(keys, list) else []):
        reference = item.get("reference") if isinstance(item, dict) else None
        if isinstance(reference, dict) and reference.get("package") not in (None, ""):
            where = owner.at(*key, "foreignKeys", j, "reference", "package")
            found.append(problem("foreign-package", owner.rel, *where, "foreignKeys",
                                 package=str(reference["package"])))
    return found


def _schema_crashes(schema: object, key: tuple) -> list[tuple[tuple, str, str]]:
    if not isinstance(schema, dict):
        return []
    found = []
    keys = schema.get("foreignKeys")
    if "foreignKeys" in schema and not isinstance(keys, list):
        found.append(((*key, "foreignKeys"), "foreignKeys", "list"))
    for j, item in enumerate(keys if isinstance(keys, list) else []):
        if isinstance(item, dict) and "reference" in item and not isinstance(item["reference"], dict):
            found.append(((*key, "foreignKeys", j, "reference"), "foreignKeys", "mapping"))
    fields = schema.get("fields") if isinstance(schema.get("fields"), list) else []
    for j, spec in enumerate(fields):
        if isinstance(spec, dict) and spec.get("type") == "list" and spec.get("delimiter") == "":
            found.append(((*key, "fields", j, "delimiter"), str(spec.get("name")), "non-empty-text"))
    return found


def _dialect_crashes(dialect: object, key: tuple) -> list[tuple[tuple, str, str]]:
    """A CSV dialect's characters (its own, or under ``csv``): Frictionless reads an empty one as a broken file,
    at the resource's path."""
    if not isinstance(dialect, dict):
        return []
    parts = [((), dialect)] + ([(("csv",), dialect["csv"])] if isinstance(dialect.get("csv"), dict) else [])
    return [((*key, *part, name), name, "one-character") for part, values in parts
            for name in ("delimiter", "quoteChar", "escapeChar")
            if isinstance(values.get(name), str) and len(values[name]) != 1]


def _shown(key: tuple) -> str:
    """A key path as a maintainer reads it: ``resources[0].schema.foreignKeys``."""
    shown = ""
    for part in key:
        shown += f"[{part}]" if isinstance(part, int) else f".{part}" if shown else part
    return shown


def _validate_resource(pkg: LoadedPackage, descriptor: dict, resource: frictionless.Resource,
                       cache: Cache, settings: Settings, package: frictionless.Package,
                       rows: int) -> list[Problem]:
    spec = next((r for r in descriptor["resources"] if isinstance(r, dict) and r.get("name") == resource.name), {})
    targets = _targets(descriptor, spec)
    key = verdict_key(spec, _files(pkg, [spec, *targets]), pkg.rel, targets)
    index, _ = _resource_by_name(pkg, resource.name)
    cached = cache.get_json(VERDICTS, key)
    if isinstance(cached, list):
        return [_Placed.from_data(item, index).placed_in(pkg) for item in cached]
    placed = _resource_verdict(pkg, spec, resource, cache, settings, package, rows, targets)
    cache.put_json(VERDICTS, key, [item.as_data(index) for item in placed])
    return [item.problem for item in placed]


def _resource_verdict(pkg: LoadedPackage, spec: dict, resource: frictionless.Resource, cache: Cache,
                      settings: Settings, package: frictionless.Package, rows: int,
                      targets: list[dict]) -> list[_Placed]:
    """Frictionless's problems for one resource, each with the key it is at when it is in the descriptor."""
    locate = _Locator(pkg, _resource_by_name(pkg, resource.name), settings)
    found = None
    if chunked.chunkable(spec, rows) and _targets_exist(resource, package):
        found = _chunked_errors(spec, resource, package, locate, cache, settings,
                                {"targets": targets, "files": [file_digest(f) for f in _files(pkg, targets)]})
    problems = []
    if found is None:
        read_as_we_read(resource, locate.dialect)
        try:
            report = resource.validate()
        except _CRASHES as exc:  # our own checks should keep such a file away from Frictionless: report it
            at = _At(("resources", locate.index, "path"))
            return [_Placed(problem("frictionless", pkg.rel, *at.position(pkg), "path", type=type(exc).__name__,
                                    detail=str(exc)), at)]
        found = [e for task in report.tasks for e in task.errors]
        # Metadata errors come in the task's errors too (a schema file's field type, say): each at its key.
        metadata = report.errors + [e for e in found if e.type in METADATA_KINDS]
        found = [e for e in found if e.type not in METADATA_KINDS]
        problems = _resource_errors(pkg, locate.index, spec, metadata, settings)
    values = _KeyValues(pkg, settings)
    return [_task_problem(pkg, locate, resource, error, values) for error in found] + problems


@dataclass(frozen=True)
class _At:
    """A key of the descriptor a problem is placed at. A verdict is cached with its problems' keys, not their
    lines, and placed again from where the keys are in the descriptor read now: its key covers the resource, not
    where the resource sits, and a cached line was that of the file first validated (three keys added above
    the resource, its inline row's error still said line 4, by then the package's version)."""

    key: Key
    unlocated_first: bool = False  # a key with no position is said at 1:1 (a metadata error), not without a line

    def position(self, pkg: LoadedPackage) -> tuple[int | None, int | None]:
        line, column = pkg.at(*self.key)
        return (line or 1, column or 1) if self.unlocated_first else (line, column)


@dataclass(frozen=True)
class _Placed:
    """A problem of a resource's verdict, with the key it is at when it is in the descriptor (None when it is in
    a data, schema or dialect file, which the verdict's key covers byte for byte)."""

    problem: Problem
    at: _At | None = None

    def placed_in(self, pkg: LoadedPackage) -> Problem:
        """The problem at its key's position in ``pkg``."""
        if self.at is None:
            return self.problem
        line, column = self.at.position(pkg)
        return replace(self.problem, line=line, column=column)

    def as_data(self, index: int) -> dict:
        """As cached: a key under the resource (``index``) relative to it, for the resource may have moved."""
        data = self.problem.as_data()
        if self.at is not None:
            key = self.at.key
            under = key[:2] == ("resources", index)
            data["at"] = {"key": list(key[2:] if under else key), "under_resource": under,
                          "unlocated_first": self.at.unlocated_first}
        return data

    @classmethod
    def from_data(cls, item: dict, index: int) -> _Placed:
        at = item.get("at")
        if not isinstance(at, dict):
            return cls(Problem.from_data(item))
        key = (("resources", index) if at["under_resource"] else ()) + tuple(at["key"])
        return cls(Problem.from_data(item), _At(key, bool(at["unlocated_first"])))


def read_as_we_read(resource: frictionless.Resource, dialect: Dialect) -> None:
    """Frictionless guesses what a CSV file's dialect does not say (the delimiter among comma, tab, ';' and '|',
    the quote character, whether blanks after a delimiter are skipped); the tables we publish are read as the
    dialect says, and by the standard's defaults where it says nothing. Told the same, Frictionless validates
    the table we publish: a ';'-separated file without a dialect was valid for it as two columns, and published
    as one column of "1;english"."""
    if resource.format not in ("csv", "tsv"):
        return
    try:
        dialect_read = resource.dialect
    except frictionless.FrictionlessException:  # a dialect file Frictionless cannot take: validate() says why
        return
    if not dialect_read.has_control("csv"):
        dialect_read.add_control(CsvControl())
    control = dialect_read.get_control("csv")
    for name, value in (("delimiter", dialect.delimiter), ("quote_char", dialect.quotechar),
                        ("skip_initial_space", dialect.skip_initial_space), ("double_quote", dialect.double_quote)):
        if not control.has_defined(name):
            setattr(control, name, value)


VERDICTS = "verdicts"
# What Frictionless 5.21 lets escape while reading a file: a truncated gzip or xz (EOFError, LZMAError), an
# encrypted or deflate64 zip member (RuntimeError, NotImplementedError), a broken archive.
_CRASHES = (EOFError, RuntimeError, NotImplementedError, lzma.LZMAError, zipfile.BadZipFile, OSError)


def verdict_key(descriptor: dict, files: list[Path], where: str, targets: list[dict] | None = None) -> str:
    """A resource's verdict depends on its descriptor, its files and those its foreign keys point at, the
    descriptors of those resources (their schemas type the keys compared), the path a problem is reported
    under, the Frictionless version and our code."""
    inputs = {"frictionless": frictionless.__version__, "where": where, "descriptor": descriptor,
              "files": [file_digest(f) for f in files], "targets": targets or []}
    return Cache.key(VERDICTS, inputs, code_digest(__name__))


def _targets_exist(resource: frictionless.Resource, package: frictionless.Package) -> bool:
    return all(not key["reference"]["resource"] or package.has_resource(key["reference"]["resource"])
               for key in resource.schema.foreign_keys)


def _chunked_errors(spec: dict, resource: frictionless.Resource, package: frictionless.Package,
                    locate: _Locator, cache: Cache, settings: Settings, target_inputs: dict) -> list | None:
    """Row checks chunk by chunk, then the table-wide ones; None when the file cannot be read as text, a field
    has no column or a key's target cannot be read (whole-resource validation then reports it as Frictionless
    always has). ``target_inputs``: what the resources the foreign keys point at are read from."""
    data, _ = read_csv_bytes(locate.path, settings, codec=locate.codec) if locate.path else (None, [])
    if data is None:
        return None
    positions = {f.name: i for i, f in enumerate(resource.schema.fields)}
    keep = [positions[name] for name in chunked.checked_fields(resource.schema)]
    try:
        chunks, records = chunked.split(data, locate.dialect, keep)
    except (UnicodeDecodeError, RecordError):
        return None
    dialect = locate.dialect.declared()
    found, header_ok = chunked.validate_rows(chunks, spec["schema"], dialect, cache, settings.jobs)
    del data, chunks  # a national table's bytes, twice: not held through the table-wide checks
    if not header_ok:  # a field with no column: Frictionless skips only the table-wide checks that read one
        return None
    if records:
        table_wide = chunked.table_wide_errors(resource, package, records, cache,
                                               {"schema": spec["schema"], **target_inputs})
        if table_wide is None:  # a target it cannot read: reported as whole validation does
            return None
        found += table_wide
    return sorted(found, key=lambda e: e.row_number or 0)[:chunked.ERROR_LIMIT]


def _targets(descriptor: dict, spec: dict) -> list[dict]:
    """The descriptors of the resources ``spec``'s foreign keys point at by name (itself too, when named: then
    its own file holds the keys, and a cached verdict of the table-wide checks waits for it to be unchanged)."""
    schema = spec.get("schema") if isinstance(spec.get("schema"), dict) else {}
    names = set()
    for key in schema.get("foreignKeys") or []:
        reference = key.get("reference") if isinstance(key, dict) else None
        if isinstance(reference, dict) and reference.get("resource"):
            names.add(reference["resource"])
    return [r for r in descriptor["resources"] if isinstance(r, dict) and r.get("name") in names]


def _files(pkg: LoadedPackage, resources: list[dict]) -> list[Path]:
    """The files of ``resources``: their data, and their schema and dialect when kept in a file of their own."""
    files = []
    for resource in resources:
        files += [pkg.folder / path for path in resource_paths(resource)]
        files += [pkg.folder / resource[key] for key in ("schema", "dialect") if isinstance(resource.get(key), str)]
    return sorted(set(files))


def _resource_by_name(pkg: LoadedPackage, name: str) -> tuple[int, dict]:
    for index, resource in enumerate(pkg.descriptor.get("resources", [])):
        if isinstance(resource, dict) and resource.get("name") == name:
            return index, resource
    return -1, {}


def _metadata_problem(pkg: LoadedPackage, error: frictionless.Error, key: Key = ()) -> Problem:
    """A metadata error at the key it names (``Tree.at`` falls back to the nearest located ancestor)."""
    return _metadata_placed(pkg, error, key).problem


def _metadata_placed(pkg: LoadedPackage, error: frictionless.Error, key: Key) -> _Placed:
    at = _At(key, unlocated_first=True)
    return _Placed(_placed(pkg.rel, *at.position(pkg), key, error), at)


def _placed(path: str, line: int | None, col: int | None, key: Key, error: frictionless.Error) -> Problem:
    field = next((k for k in reversed(key) if isinstance(k, str)), None)
    return problem("frictionless", path, line or 1, col or 1, field, type=error.type,
                   detail=error.note or error.message, **known_fix(error.type, error.note or error.message))


# Mistakes common enough in a hand-written descriptor to deserve a hint of their own, by what Frictionless says of
# them (messages.HINTS_GIVEN, "fix"); "read the description" left the maintainer with the note alone.
_KNOWN_FIXES = (("resource-error", 'properties "path" and "data" is mutually exclusive', "path-or-data"),
                ("resource-error", "'name' is a required property", "resource-name"),
                # a v2 key in a package that does not say it is v2 ("constraint "exclusiveMinimum" requires ...")
                ("field-error", "requires datapackage v2", "v2-profile"))
# A Data Package v1 profile given by its address, which Frictionless fetches and the offline session refuses
# ("network access is disabled"): its name is the same profile, built into Frictionless.
_V1_PROFILE = re.compile(r'cannot retrieve metadata "https?://specs\.frictionlessdata\.io/schemas/'
                         r'(data-resource|tabular-data-resource|data-package|tabular-data-package)\.json"')


def known_fix(kind: str, note: str) -> dict[str, str]:
    """The parameter that gives a Frictionless error of a common mistake its own hint: ``profile`` (the name to
    write for a v1 profile's address) or ``fix`` (a term of messages.TERMS); {} for any other error."""
    if found := _V1_PROFILE.search(note):
        return {"profile": found.group(1)}
    return next(({"fix": fix} for of, text, fix in _KNOWN_FIXES if of == kind and text in note), {})


def _resource_errors(pkg: LoadedPackage, index: int, spec: dict, errors: list[frictionless.Error],
                     settings: Settings) -> list[_Placed]:
    """Errors about a resource as a whole, found only when it is validated: those of a schema or a dialect kept
    in its own file (``schema: schema.json``, ``dialect: dialect.yaml``) belong in that file, the rest at the key
    they name."""
    problems, placed = [], []
    for part, kinds in (("schema", ("schema-error", "field-error")), ("dialect", ("dialect-error", "control-error"))):
        relpath = spec.get(part) if isinstance(spec.get(part), str) else None
        found = [e for e in errors if relpath and e.type in kinds]
        problems += [_Placed(p) for p in _file_problems(pkg, relpath, part, found, settings)] if found else []
        placed += found
    rest = [e for e in errors if e not in placed]
    for key, error in error_keys({"resources": [spec]}, rest):
        key = ("resources", index, *key[2:]) if key[:2] == ("resources", 0) and index >= 0 else ()
        problems.append(_metadata_placed(pkg, error, key))
    return problems


def _file_problems(pkg: LoadedPackage, relpath: str, part: str, errors: list[frictionless.Error],
                   settings: Settings) -> list[Problem]:
    """The errors of a resource's schema or dialect (``part``) kept in its own file, at their keys in that file."""
    path = pkg.folder / relpath
    rel = settings.relative(path)
    text, _ = read_text(path, settings)
    tree = None if text is None else load_json(text, rel) if path.suffix == ".json" else \
        load_yaml(text, rel, mode="descriptor")
    value = tree.value if tree is not None and isinstance(tree.value, dict) else {}
    problems = []
    for key, error in file_error_keys(part, value, errors):
        line, col = tree.at(key) if tree is not None else (None, None)
        problems.append(_placed(rel, line, col, key, error))
    return problems


class _Locator:
    """Maps Frictionless's row numbers (logical, header = 1) to physical lines of the resource's file (the
    decompressed member of a compressed one; the line where each object or array starts in JSON), of the part of
    a multipart resource the row is in (their rows are numbered on, each later part's header skipped), or of the
    item of inline ``data`` in the descriptor. A bad cell in a multipart or inline resource was placed at the
    resource in the descriptor, with no row."""

    def __init__(self, pkg: LoadedPackage, resource: tuple[int, dict], settings: Settings):
        self.index, self.descriptor = resource
        self.dialect = Dialect.from_descriptor(self.descriptor)
        paths = resource_paths(self.descriptor)
        self.parts = [pkg.folder / part for part in paths] if len(paths) > 1 else []
        self.path: Path | None = pkg.folder / paths[0] if len(paths) == 1 else None
        self.rel = settings.relative(self.path) if self.path else pkg.rel
        self.compression = compression_of(self.descriptor) if self.path else None
        innerpath = self.descriptor.get("innerpath")
        self.innerpath = innerpath if isinstance(innerpath, str) and self.compression == "zip" else None
        self.format = format_of(self.descriptor)
        self.codec = text_codec(self.descriptor.get("encoding"))
        self.settings = settings
        self.pkg = pkg

    @lru_cache(maxsize=1)  # noqa: B019 - one locator per task, freed with it
    def _lines(self) -> tuple[dict[int, tuple[int, int]], list[str]]:
        """(row number -> (line, column of the row's start)) and the text's lines (CSV only)."""
        if self.path is None:
            return {}, []
        text, _ = read_data_text(self.path, self.settings, self.compression, self.innerpath, self.codec)
        if text is None:
            return {}, []
        starts: dict[int, tuple[int, int]] = {}
        try:
            if self.format in JSON_FORMATS:
                rows = json_rows(text, self.format, self.descriptor.get("dialect"))
                for number, (line, column, _) in enumerate(rows, start=1):
                    if line is not None:  # the header of objects has no line: it is their keys
                        starts[number] = (line, column)
                if 1 not in starts and 2 in starts:
                    starts[1] = starts[2]
                return starts, []
            for number, (line, _) in enumerate(iter_records(text, self.dialect), start=1):
                starts[number] = (line, 1)
        except (RecordError, JsonProblem):  # our reader reported it already; keep the rows located so far
            pass
        return starts, text.split("\n")

    @lru_cache(maxsize=1)  # noqa: B019 - one locator per task, freed with it
    def _part_lines(self) -> dict[int, tuple[str, int, str]]:
        """Row number -> (the part's path as shown, the line, the line's text) of a multipart CSV resource."""
        starts: dict[int, tuple[str, int, str]] = {}
        number = 0
        for i, part in enumerate(self.parts):
            text, _ = read_data_text(part, self.settings, compression_of(self.descriptor, part.name), None, self.codec)
            if text is None:
                break
            lines = text.split("\n")
            try:
                for k, (line, _) in enumerate(iter_records(text, self.dialect)):
                    if k == 0 and i > 0 and self.dialect.header:
                        continue  # a later part's header, which Frictionless skips
                    number += 1
                    starts[number] = (self.settings.relative(part), line, lines[line - 1] if line <= len(lines) else "")
            except RecordError:  # our reader reported it already
                break
        return starts

    def _inline(self, row_number: int | None, field_number: int | None) -> _At:
        """Where row ``row_number`` of inline ``data`` is in the descriptor: lists are rows from the first (a header
        or not), objects from the second (Frictionless's header is their keys); the cell's item where it is one."""
        data = self.descriptor.get("data")
        objects = bool(data) and isinstance(data[0], dict)
        index = (row_number or 1) - (2 if objects else 1)
        key: tuple = ("resources", self.index, "data")
        if 0 <= index < len(data):
            key += (index,)
            if field_number and isinstance(data[index], list) and field_number <= len(data[index]):
                key += (field_number - 1,)
        return _At(key)

    def empty_inline(self) -> bool:
        """Inline ``data`` with no header and no row (``[]``, ``[[]]``): Frictionless says only that the source
        "has not supported or has inconsistent contents: " (nothing after it), of a ``path`` it does not have."""
        data = self.descriptor.get("data")
        return self.path is None and not self.parts and isinstance(data, list) and not any(data)

    def where(self, row_number: int | None, field_number: int | None) -> tuple[str, int | None, int | None] | _At:
        """The file, line and column of a row's cell, or the key of the descriptor it is at."""
        if self.path is None and self.index >= 0 and isinstance(self.descriptor.get("data"), list):
            return self._inline(row_number, field_number)
        if self.parts and self.format not in JSON_FORMATS and (row := self._part_lines().get(row_number or 1)):
            rel, line, text = row
            column = cell_column(text, field_number - 1, self.dialect) if field_number else 1
            return rel, line, column
        if self.path is None:
            return _At(("resources", self.index)) if self.index >= 0 else (self.pkg.rel, None, None)
        starts, lines = self._lines()
        start = starts.get(row_number or 1)
        if start is None:
            return self.rel, None, None
        line, column = start
        if field_number and lines and line - 1 < len(lines):
            column = cell_column(lines[line - 1], field_number - 1, self.dialect)
        return self.rel, line, column


def _task_problem(pkg: LoadedPackage, locate: _Locator, resource: frictionless.Resource,
                  error: frictionless.Error, values: _KeyValues) -> _Placed:
    if error.type == "foreign-key" and getattr(error, "field_names", None):
        return _foreign_key_problem(pkg, locate, resource, error, values)
    row_number = getattr(error, "row_number", None)
    field_number = getattr(error, "field_number", None)
    if row_number is None and field_number is not None:  # label errors sit on the header line
        row_number = 1
    if error.type == "source-error" and locate.empty_inline():
        at = _At(("resources", locate.index, "data"))
        return _Placed(problem("empty-data", pkg.rel, *at.position(pkg), "data", resource=resource.name), at)
    if row_number is None and error.type not in CATALOGUE:  # about the file: at the resource's path
        return _metadata_placed(pkg, error, ("resources", locate.index, "path") if locate.index >= 0 else ())
    where = locate.where(row_number, field_number)
    at = where if isinstance(where, _At) else None
    path, line, column = (pkg.rel, *at.position(pkg)) if at else where
    field = getattr(error, "field_name", None) or getattr(error, "label", None) or None
    code = error.type if error.type in CATALOGUE else "frictionless"
    cell = getattr(error, "cell", "")
    written = _number_written(resource, field, cell) if code == "type-error" else {}
    return _Placed(problem(code, path, line, column, field, cell=cell,
                           type=_field_type(locate.descriptor.get("schema"), resource, field) or error.type,
                           detail=error.note or error.message, resource=resource.name, **written,
                           **_decomposed(error)), at)


def _number_written(resource: frictionless.Resource, field: str | None, cell: object) -> dict[str, str]:
    """The parameters of a number cell's type error that show the number to write ("88,12": 88.12), as the
    column Frictionless read it with reads one (its decimalChar: a comma may be right); none for another cell."""
    if not field or not isinstance(cell, str) or resource.schema is None or not resource.schema.has_field(field):
        return {}
    read = resource.schema.get_field(field)
    decimal = getattr(read, "decimal_char", ".")
    rewritten = rewritten_number(cell, str(read.type), decimal, getattr(read, "group_char", ""))
    return {} if rewritten is None else rewritten.params(decimal)


def _decomposed(error: frictionless.Error) -> dict[str, str]:
    """``decomposed`` for a label that matches its field's name once both are composed (NFC): a windows-1258 file
    writes tone marks as characters of their own, and the two names look the same (the hint says why they
    differ)."""
    label, name = getattr(error, "label", None), getattr(error, "field_name", None)
    if error.type != "incorrect-label" or not isinstance(label, str) or not isinstance(name, str):
        return {}
    return {"decomposed": "NFC"} if unicodedata.normalize("NFC", label) == unicodedata.normalize("NFC", name) else {}


def _field_type(schema: object, resource: frictionless.Resource, field: str | None) -> str:
    """The type of column ``field`` as the descriptor states it ("string" when it states none), named as a problem
    names it (``FieldSpec.named_type``: "string, format: email", "list, itemType: integer"); for a schema kept in a
    file of its own, as Frictionless read that file (a cell's problem said "not of type type-error")."""
    if not field:
        return ""
    declared = _declared_field(schema, resource, field)
    return "" if declared is None else declared.named_type()


def _declared_field(schema: object, resource: frictionless.Resource, field: str) -> FieldSpec | None:
    """Column ``field`` as the schema states its type, format, and a list's item type and delimiter; None when the
    schema has no such column."""
    if isinstance(schema, dict):
        specs = schema.get("fields") if isinstance(schema.get("fields"), list) else []
        spec = next((spec for spec in specs if isinstance(spec, dict) and spec.get("name") == field), None)
        if spec is None:
            return None
        return FieldSpec(field, str(spec.get("type", "string")), format=str(spec.get("format") or "default"),
                         item_type=str(spec.get("itemType") or "string"), delimiter=str(spec.get("delimiter") or ","))
    if resource.schema is not None and resource.schema.has_field(field):
        read = resource.schema.get_field(field)
        return FieldSpec(field, str(read.type), format=str(read.format or "default"),
                         item_type=str(getattr(read, "item_type", "string")),
                         delimiter=str(getattr(read, "delimiter", ",")))
    return None


def _foreign_key_problem(pkg: LoadedPackage, locate: _Locator, resource: frictionless.Resource,
                         error: frictionless.Error, values: _KeyValues) -> _Placed:
    """A value a foreign key does not find, said as a reference across packages is (``unknown-reference``): at its
    cell, with its column, the table it is not in (the resource's own for a key into itself, which Frictionless
    names ""), the codes of a short list and the closest one. Frictionless's own words ("for "parent_code": values
    "UBND_TPP" not found in the lookup table "" as "agency_code"") came at column 1, with no field.

    A value the table holds only with blanks around it ("UBND_TP ,") is right where it is written: its hint names
    the table's cell (``spaced``) to delete the space in. Each of the 24 right "UBND_TP" was told "did you mean
    'UBND_TP'?", its own value, "or add a row with that value", a second UBND_TP."""
    names, cells = list(error.field_names), list(error.field_cells)
    into, keys = error.reference_name or resource.name, list(error.reference_field_names)
    schema = [field.name for field in resource.schema.fields]
    where = locate.where(error.row_number, schema.index(names[0]) + 1 if names[0] in schema else None)
    at = where if isinstance(where, _At) else None  # inline data: a row of the descriptor, placed as it is now
    path, line, column = (pkg.rel, *at.position(pkg)) if at else where
    table = f"{package_name(pkg)}/{into}"
    known = values(into, keys[0]) if len(keys) == 1 else _NO_KEYS
    value = ", ".join(str(cell) for cell in cells)
    spaced = known.spaced.get(value, "")
    types = {} if spaced or value not in known.codes else _key_types(resource, names[0], into, keys[0])
    told = spaced or types
    suggestion = "" if told else closest(value, known.codes)
    return _Placed(problem("foreign-key", path, line, column, ", ".join(names), value=value,
                           target=f"{table}.{keys[0]}" if len(keys) == 1 else f"{table}.({', '.join(keys)})",
                           table=table, choices="" if told else listed(known.codes),
                           suggestion="" if suggestion == value else suggestion,
                           **({"spaced": spaced} if spaced else types)), at)


def _key_types(resource: frictionless.Resource, field: str, into: str, key: str) -> dict[str, str]:
    """``types`` ("integer → string") for a value the table holds as written when the key's two columns have
    different types: Frictionless compares typed values (the integer 2 is not the text "2"), and the hint said
    to use a value that exists, the value written. Empty when the types cannot be told apart."""
    package = getattr(resource, "package", None)
    target = package.get_resource(into) if package is not None and package.has_resource(into) else None
    if target is None or not resource.schema.has_field(field) or not target.schema.has_field(key):
        return {}
    ours, theirs = str(resource.schema.get_field(field).type), str(target.schema.get_field(key).type)
    return {"types": f"{ours} → {theirs}"} if ours != theirs else {}


@dataclass(frozen=True)
class _Keys:
    """A key column's codes without the blanks around them (``KeyIndex.values``), and, for each code the column
    writes only with blanks around it, that cell's place ("file:line"; the descriptor's path for inline data)."""

    codes: frozenset[str]
    spaced: dict[str, str]


_NO_KEYS = _Keys(frozenset(), {})


def _keys_of(pkg: LoadedPackage, table: Table, column: str) -> _Keys:
    codes = KeyIndex({(table.package, table.name): table}).values(table.package, table.name, column) or frozenset()
    written = {row.get(column, "") for row in table.rows}
    spaced: dict[str, str] = {}
    for row in table.rows:
        cell = row.get(column, "")
        bare = cell.strip()
        if bare and cell != bare and bare not in written and bare not in spaced:
            spaced[bare] = f"{table.rel}:{row.line}" if table.rel else pkg.rel
    return _Keys(codes, spaced)


class _KeyValues:
    """The values of a resource's column as its file writes them (``_Keys``), read with our own reader the first
    time a foreign key into it is broken, for the problem's list and "did you mean"; none when the table cannot be
    read."""

    def __init__(self, pkg: LoadedPackage, settings: Settings):
        self.pkg, self.settings = pkg, settings
        self._found: dict[tuple[str, str], _Keys] = {}

    def __call__(self, name: str, column: str) -> _Keys:
        if (name, column) not in self._found:
            _, spec = _resource_by_name(self.pkg, name)
            table = read_table(self.pkg, package_name(self.pkg), spec, self.settings) if spec else None
            self._found[name, column] = _NO_KEYS if table is None or table.problems or column not in table.header \
                else _keys_of(self.pkg, table, column)
        return self._found[name, column]
