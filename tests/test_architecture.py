"""The shape of the code (docs/architecture.md), checked so that it cannot drift: no import cycles, a core that
knows no feature, MkDocs only in its adapter package, light low layers, a pipeline that knows features only
through the registry, features that know each other only through the models they publish."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

GENERATOR = ROOT / "generator"
FEATURES = ("agencies", "catalogue", "changes", "directory", "gaps", "home", "indicators", "supervision")
# A feature may use another's model (its published types); these are the other modules a feature may use.
PUBLISHED_APIS = {
    "generator.catalogue.citation",  # indicator pages cite the package they are built from
    "generator.directory.addresses",  # the catalogue keeps its charts off the addresses of the codes' own charts
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module an import statement of ``path`` names, at any depth (a function-level import is an import)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def feature_of(module: str) -> str:
    """The feature a module belongs to ("" for the core, the pipeline and the other shared modules)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FEATURES else ""


MODULES = {module_name(p): p for p in sorted(GENERATOR.rglob("*.py"))}
GRAPH = {name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def test_the_graph_is_read():
    assert "generator.pipeline" in MODULES and "generator.registry" in GRAPH["generator.pipeline"]


def test_no_import_cycles():
    """A cycle, even one hidden by a function-level import, means two modules are one."""
    state: dict[str, str] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for target in sorted(GRAPH[node]):
            if state.get(target) == "open":
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target, stack + [target])
        state[node] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_cycles_between_features():
    """At package level too: a feature that needs another's model must not be needed back."""
    edges = {(feature_of(a), feature_of(b)) for a, targets in GRAPH.items() for b in targets}
    edges = {(a, b) for a, b in edges if a and b and a != b}
    assert [(a, b) for a, b in edges if (b, a) in edges] == []


def test_the_core_knows_no_feature_and_no_site():
    leaks = {name: sorted(t for t in targets if not t.startswith("generator.core"))
             for name, targets in GRAPH.items() if name.startswith("generator.core")}
    assert {name: found for name, found in leaks.items() if found} == {}


@pytest.mark.parametrize("path", sorted(GENERATOR.rglob("*.py")), ids=lambda p: str(p.relative_to(GENERATOR)))
def test_only_the_mkdocs_package_imports_mkdocs(path):
    uses_mkdocs = any(m == "mkdocs" or m.startswith("mkdocs.") for m in imports(path))
    assert not uses_mkdocs or path.is_relative_to(GENERATOR / "mkdocs")


def test_the_pipeline_knows_features_only_through_the_registry():
    named = {t for t in GRAPH["generator.pipeline"] if feature_of(t)}
    assert named == set()


def test_features_use_each_other_only_through_published_models():
    found = []
    for name, targets in GRAPH.items():
        own = feature_of(name)
        if not own:
            continue
        for target in targets:
            other = feature_of(target)
            if other and other != own and not target.endswith(".model") and target not in PUBLISHED_APIS:
                found.append((name, target))
    assert found == []


LIGHT = {
    # module: heavy modules it must not load when imported (it loads faster and forks smaller without them)
    "generator.core.render.jinja": ("matplotlib", "frictionless", "mkdocs"),
    "generator.core.render.output": ("matplotlib", "frictionless", "mkdocs", "jinja2"),
    "generator.core.render.archive": ("matplotlib", "frictionless", "mkdocs", "jinja2"),
    "generator.core.charts.spec": ("matplotlib", "frictionless", "mkdocs", "jinja2"),
    "generator.core.read.table": ("matplotlib", "frictionless", "mkdocs", "jinja2"),
    "generator.core.cache": ("matplotlib", "frictionless", "mkdocs", "jinja2", "yaml"),
    "generator.cli": ("matplotlib", "frictionless", "mkdocs", "jinja2"),  # `build` says "up to date" before them
    # Frictionless only when a package must be validated, matplotlib only when a chart must be drawn (issue 17)
    "generator.core.datasets": ("matplotlib", "frictionless", "mkdocs", "jinja2"),
    "generator.scaffold.commands": ("matplotlib", "frictionless", "mkdocs", "jinja2"),
    "generator.pipeline": ("matplotlib", "frictionless", "mkdocs"),
}


@pytest.mark.parametrize("module", sorted(LIGHT))
def test_low_layers_import_nothing_heavy(module):
    code = (f"import sys, {module}; heavy = {LIGHT[module]!r}; "
            "print(' '.join(h for h in heavy if h in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert loaded.stdout.strip() == ""


def test_the_command_line_parses_its_arguments_before_loading_any_data_model():
    """Every command builds the whole parser before it runs: ``minhbach new``'s arguments loaded the data model and
    YAML with it (0.1 s, a third of an up-to-date build, and on one core before a build's chart server starts)."""
    code = ("import sys; from generator import cli; cli.parser().parse_args(['build']); "
            "print(' '.join(m for m in ('yaml', 'generator.directory.model', 'generator.supervision.model', "
            "'generator.scaffold.session') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert loaded.stdout.strip() == ""


def test_every_feature_is_registered_and_the_registry_holds_only_features():
    from generator.core.feature import Feature
    from generator.registry import FEATURES as REGISTERED

    assert sorted(f.name for f in REGISTERED) == sorted(FEATURES)
    assert all(isinstance(f, Feature) for f in REGISTERED)
    assert len({f.name for f in REGISTERED}) == len(REGISTERED)


def test_every_module_is_used():
    """Every module is reachable from an entry point (the CLI, the MkDocs plugin): none is left behind by a move."""
    entry_points = ["generator.__main__", "generator.cli", "generator.mkdocs.plugin", "generator.mkdocs.build"]
    reached, todo = set(), list(entry_points)
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo += GRAPH[module]
    packages = {name for name, path in MODULES.items() if path.name == "__init__.py"}
    assert sorted(set(MODULES) - reached - packages) == []
