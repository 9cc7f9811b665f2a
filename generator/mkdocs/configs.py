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
