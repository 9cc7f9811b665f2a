"""Our own descriptor checks, run before Frictionless so that several problems are reported at once,
each with its line, and so that no path reaches Frictionless that could leave the package or the machine."""

from __future__ import annotations

import re

from generator.core.problems import Problem, problem
from generator.core.read.files import is_remote, resolve_inside
from generator.core.read.package import LoadedPackage, resource_paths
from generator.core.settings import Settings

NAME = re.compile(r"^[a-z0-9._-]+$")
FIELD_TYPES = (
    "any", "array", "boolean", "date", "datetime", "duration", "geojson", "geopoint", "integer", "list",
    "number", "object", "string", "time", "year", "yearmonth",
)


def check_descriptor(pkg: LoadedPackage, settings: Settings) -> list[Problem]:
    """Structure, names, licences and every path of one descriptor; Frictionless runs only if this is clean."""
    root = pkg.tree.value
    if root is None and pkg.problems:
        return []
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
        problems += _check_resource(pkg, index, resource, seen, settings)
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
                    settings: Settings) -> list[Problem]:
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
    for i, relpath in enumerate(resource_paths(resource)):
        where = key + ("path", i) if isinstance(resource.get("path"), list) else key + ("path",)
        problems += check_path(pkg, relpath, where, settings, must_exist=True)
    for ref_key in ("schema", "dialect"):
        if isinstance(resource.get(ref_key), str):
            problems += check_path(pkg, resource[ref_key], key + (ref_key,), settings, must_exist=True)
    schema = resource.get("schema")
    if isinstance(schema, dict):
        problems += _check_fields(pkg, schema.get("fields"), key + ("schema", "fields"))
    return problems


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


def _check_fields(pkg: LoadedPackage, fields: object, key: tuple) -> list[Problem]:
    if not isinstance(fields, list):
        line, col = pkg.at(*key)
        return [problem("descriptor-type", pkg.rel, line, col, "fields", key="schema.fields",
                        expected="list")]
    problems = []
    for i, spec in enumerate(fields):
        if not isinstance(spec, dict):  # Frictionless itself crashes on such a field (AttributeError)
            line, col = pkg.at(*key, i)
            problems.append(problem("descriptor-type", pkg.rel, line, col, "fields", key=f"schema.fields[{i}]",
                                    expected="field-object"))
            continue
        kind = spec.get("type")
        if kind is not None and kind not in FIELD_TYPES:
            line, col = pkg.at(*key, i, "type")
            problems.append(problem("unknown-field-type", pkg.rel, line, col, str(spec.get("name")), type=kind,
                                    allowed=", ".join(FIELD_TYPES)))
    return problems


def normalised(descriptor: dict) -> dict:
    """The descriptor Frictionless sees: legacy ``{id, url}`` licences renamed to ``{name, path}``.

    This is where we deliberately differ from ``frictionless validate``: the legacy Data Package v1 licence
    form gets a warning (``legacy-license``) instead of failing the package.
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

    result = dict(descriptor)
    if "licenses" in result:
        result["licenses"] = fix(result["licenses"])
    if isinstance(result.get("resources"), list):
        result["resources"] = [
            {**r, "licenses": fix(r["licenses"])} if isinstance(r, dict) and "licenses" in r else r
            for r in result["resources"]
        ]
    return result


def package_name(pkg: LoadedPackage) -> str:
    """The package's name, or its folder's name when the descriptor has none."""
    name = pkg.descriptor.get("name")
    if isinstance(name, str) and name:
        return name
    folder = pkg.folder.name if pkg.descriptor_path.name.startswith("datapackage.") else \
        pkg.descriptor_path.name.split(".package.")[0]
    return re.sub(r"[^a-z0-9._-]+", "-", folder.lower()).strip("-") or "package"

