"""Where in a descriptor each of Frictionless's metadata errors belongs: the key path it names.

Frictionless 5.21's errors carry no location: only ``type`` (which kind of object failed: package-error,
resource-error, schema-error, field-error, dialect-error or control-error) and ``note``. A note may name a
property ("... at property 'contributors/0'"), but relative to the object that failed, whose own index
(which resource, which field) is lost. So: list the objects of that kind in document order, find the one
whose own validation gives the same (type, note) (the k-th equal error goes to the k-th object that gives
it: Frictionless validates in document order), then read the key inside that object from the note.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import frictionless

Key = tuple[str | int, ...]

_VALIDATORS: dict[str, Callable[[dict], frictionless.Report]] = {
    "package-error": lambda d: frictionless.Package.validate_descriptor(d),
    "resource-error": lambda d: frictionless.Resource.validate_descriptor(d),
    "schema-error": lambda d: frictionless.Schema.validate_descriptor(d),
    "field-error": lambda d: frictionless.Schema.validate_descriptor({"fields": [d]}),
    "dialect-error": lambda d: frictionless.Dialect.validate_descriptor(d),
    "control-error": lambda d: frictionless.Dialect.validate_descriptor(d),
}
METADATA_KINDS = frozenset(_VALIDATORS)
# Notes without a property path, and the key each names inside the object that failed.
_NOTE_KEYS = (
    (r'property "created"', ("created",)),
    (r"field type \".*\" is not supported", ("type",)),
    (r"primary key ", ("primaryKey",)),
    (r"foreign key", ("foreignKeys",)),
    (r"names of the resources are not unique", ("resources",)),
    (r"names of the fields are not unique", ("fields",)),
    (r"missing value", ("missingValues",)),
    (r"example value ", ("example",)),
    (r'"(\w+)" should be set as', None),  # None: the key is the note's first group
    (r'path ".*" is not safe', ("path",)),
    (r'profile "', ("profile",)),
)


def error_keys(descriptor: dict, errors: list[frictionless.Error]) -> list[tuple[Key, frictionless.Error]]:
    """(key path, error) for each error of a validation of ``descriptor``; () when nothing better is known."""
    seen: Counter = Counter()
    candidates_of: dict[str, list[tuple[Key, dict, list]]] = {}
    placed = []
    for error in errors:
        kind, signature = error.type, (error.type, error.note)
        if kind not in _VALIDATORS:
            placed.append((_retrieved_key(descriptor, error.note or ""), error))
            continue
        if kind not in candidates_of:  # validated once per kind, and only for kinds that have errors
            candidates_of[kind] = [(key, obj, _own_errors(kind, obj)) for key, obj in _objects(descriptor, kind)]
        objects = candidates_of[kind]
        # An object that gives the same note twice (two bad emails) takes two turns.
        turns = [(key, obj, k) for key, obj, own in objects if signature in own for k in range(own.count(signature))]
        n = seen[signature]
        seen[signature] += 1
        if turns:
            key, obj, within = turns[min(n, len(turns) - 1)]
        elif len(objects) == 1:
            (key, obj, _), within = objects[0], 0
        else:
            key, obj, within = (), descriptor, 0
        placed.append((key + _inner_key(obj, error.note or "", kind, within), error))
    return placed


def _retrieved_key(descriptor: dict, note: str) -> Key:
    """The key whose value Frictionless could not retrieve ('cannot retrieve metadata "http://..."': a ``profile``
    or ``$schema`` it would download, which validation never does), found by that value; () when none holds it."""
    match = re.match(r'cannot retrieve metadata "([^"]*)"', note)
    return _key_of(descriptor, match.group(1), ()) or () if match else ()


def _key_of(value: object, wanted: str, key: Key) -> Key | None:
    """The key path of the first string equal to ``wanted`` inside ``value``, in document order."""
    if value == wanted and key:
        return key
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for name, item in items:
        found = _key_of(item, wanted, (*key, name))
        if found:
            return found
    return None


def _objects(descriptor: dict, kind: str) -> list[tuple[Key, dict]]:
    """(key path, object) of every object an error of ``kind`` can be about, in document order."""
    if kind == "package-error":
        return [((), descriptor)]
    found: list[tuple[Key, dict]] = []
    resources = descriptor.get("resources")
    for i, resource in enumerate(resources if isinstance(resources, list) else []):
        if not isinstance(resource, dict):
            continue
        if kind == "resource-error":
            found.append((("resources", i), resource))
        schema = resource.get("schema")
        if isinstance(schema, dict):
            found += _schema_objects(schema, kind, ("resources", i, "schema"))
        dialect = resource.get("dialect")
        if kind in ("dialect-error", "control-error") and isinstance(dialect, dict):
            found.append((("resources", i, "dialect"), dialect))
    return found


def _schema_objects(schema: dict, kind: str, key: Key) -> list[tuple[Key, dict]]:
    if kind == "schema-error":
        return [(key, schema)]
    fields = schema.get("fields")
    if kind != "field-error" or not isinstance(fields, list):
        return []
    found: list[tuple[Key, dict]] = []
    for j, field in enumerate(fields):
        if not isinstance(field, dict):
            continue
        found.append((key + ("fields", j), field))
        item = field.get("arrayItem")
        if field.get("type") == "array" and isinstance(item, dict):
            # an array's item is a field too, which Frictionless checks apart, with the array's name (so that
            # a nameless item is not taken for a field whose name is missing; its own name, when it has one)
            found.append((key + ("fields", j, "arrayItem"), {"name": field.get("name"), **item}))
    return found


def schema_error_keys(schema: dict, errors: list[frictionless.Error]) -> list[tuple[Key, frictionless.Error]]:
    """As ``error_keys``, for the errors of a schema kept in its own file: keys inside that file."""
    return file_error_keys("schema", schema, errors)


def file_error_keys(part: str, value: dict, errors: list[frictionless.Error]) -> list[tuple[Key, frictionless.Error]]:
    """As ``error_keys``, for the errors of a resource's ``part`` ("schema" or "dialect") kept in its own file, whose
    content is ``value``: keys inside that file (() for its top)."""
    prefix = ("resources", 0, part)
    placed = error_keys({"resources": [{part: value}]}, errors)
    return [(key[len(prefix):] if key[:len(prefix)] == prefix else (), error) for key, error in placed]


def _own_errors(kind: str, obj: dict) -> list[tuple[str, str]]:
    try:
        report = _VALIDATORS[kind](obj)
    except Exception:  # noqa: BLE001 - an object Frictionless cannot even read matches nothing
        return []
    return [(e.type, e.note) for e in report.errors]


_LICENCE_NOTE = 'license requires "path" or "name": '  # then the licence, as Python prints a dict


def _inner_key(obj: dict, note: str, kind: str, occurrence: int) -> Key:
    """The key inside ``obj`` that ``note`` names (empty: the object itself)."""
    match = re.search(r" at property '([^']*)'$", note)
    if match:
        key = tuple(int(p) if p.isdigit() else p for p in match.group(1).split("/") if p != "")
        if kind == "control-error" and key and key[0] not in obj:  # {"csv": {"delimiter": ...}}
            sub = next((k for k, v in obj.items() if isinstance(v, dict) and key[0] in v), None)
            return ((sub,) if sub else ()) + key
        return key
    match = re.match(r'property "(\w+)\[\]\.email" is not valid "email"', note)
    if match:
        return _nth_item(obj, match.group(1), occurrence, lambda item: _bad_email(item.get("email")), "email")
    if note.startswith(_LICENCE_NOTE):
        # The note ends with the licence itself: two different bad licences give two different notes, each
        # the first of its kind, so the licence is found by what the note shows (then by turn, for equal ones).
        shown = note[len(_LICENCE_NOTE):]
        return _nth_item(obj, "licenses", occurrence,
                         lambda item: not item.get("path") and not item.get("name") and str(item) == shown)
    match = re.match(r'constraint "(\w+)" (is not supported by type|requires datapackage v2)', note)
    if match:
        return ("constraints", match.group(1))
    for pattern, key in _NOTE_KEYS:
        found = re.match(pattern, note)
        if found:
            return (found.group(1),) if key is None else key
    return ()  # "'name' is a required property", 'one of the properties "path" or "data" is required', ...


def _nth_item(obj: dict, name: str, occurrence: int, wrong: Callable[[dict], bool], *inner: str) -> Key:
    """(name, index, *inner) of the ``occurrence``-th item of the list ``obj[name]`` that is ``wrong``."""
    items = obj.get(name) if isinstance(obj.get(name), list) else []
    hits = [i for i, item in enumerate(items) if isinstance(item, dict) and wrong(item)]
    return (name, hits[min(occurrence, len(hits) - 1)], *inner) if hits else (name,)


def _bad_email(value: object) -> bool:
    if not value:
        return False
    _, notes = frictionless.fields.StringField(name="email", format="email").read_cell(value)
    return bool(notes)
