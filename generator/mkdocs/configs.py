"""Which MkDocs config builds which language. Kept apart from the MkDocs imports: ``minhbach build`` asks
before deciding whether anything changed, which must not load MkDocs."""

from __future__ import annotations

from pathlib import Path


def language_configs(config_file: Path) -> dict[str, Path]:
    """The MkDocs config of each language: ``mkdocs.yml`` (Vietnamese) and, beside it, ``mkdocs.en.yml``."""
    configs = {"vi": config_file}
    english = config_file.with_name(f"{config_file.stem}.en{config_file.suffix}")
    if english.is_file():
        configs["en"] = english
    return configs


def docs_dirs(configs: dict[str, Path]) -> tuple[Path, ...]:
    """The ``docs_dir`` of each config (default ``docs``), beside it: inputs a build must never write into.
    Read without constructing anything (``!ENV`` and other tags stay unread); a config that is not YAML
    counts as the default."""
    import yaml  # only once the build runs, not for the up-to-date check's imports

    found = []
    for config in configs.values():
        name = "docs"
        try:
            node = yaml.compose(config.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            node = None
        for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
            if getattr(key, "value", None) == "docs_dir" and isinstance(value, yaml.ScalarNode):
                name = value.value
        found.append((config.resolve().parent / name).resolve())
    return tuple(dict.fromkeys(found))
