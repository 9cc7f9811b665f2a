"""The only module that imports MkDocs: it turns a pipeline Result into MkDocs files.

``mkdocs build`` and ``mkdocs serve`` run the pipeline here; ``minhbach build`` runs it first and hands the
result over (``plugin.result``), so the data is read and validated once per build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator import pipeline
from generator.core.problems import fails, format_text
from generator.core.settings import Settings, parse_build_date
from generator.core.site import Result


class MinhBachConfig(Config):
    enabled = c.Type(bool, default=True)
    datasets = c.Type(str, default="datasets")
    build_date = c.Optional(c.Type(str))


class MinhBachPlugin(BasePlugin[MinhBachConfig]):
    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.result: Result | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.settings is None:
            root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
            self.settings = Settings(datasets_dir=root / self.config.datasets, root=root,
                                     build_date=parse_build_date(self.config.build_date))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        result = self.result or pipeline.run(self.settings)
        self.result = None  # a live-reload rebuild reads the data again
        if fails(result.problems):
            raise PluginError("Minh Bạch: dữ liệu chưa hợp lệ / the data is not valid\n"
                              + format_text(result.problems, self.settings.lang))
        for page in result.output.pages:
            files.append(File.generated(config, page.uri, content=page.content))
        for asset in result.output.assets:
            files.append(File.generated(config, asset.uri, content=asset.data))
        if config.nav:
            config.nav = prune_nav(config.nav, {f.src_uri for f in files})
        return files

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 - livereload types
        if self.config.enabled:
            server.watch(str(self.settings.datasets_dir))
        return server


def prune_nav(nav: list, present: set[str]) -> list:
    """Drop nav entries whose page this build did not produce (a generic site has no supervision pages)."""
    pruned = []
    for entry in nav:
        if isinstance(entry, str):
            if entry in present or "://" in entry:
                pruned.append(entry)
        elif isinstance(entry, dict):
            title, target = next(iter(entry.items()))
            if isinstance(target, list):
                children = prune_nav(target, present)
                if children:
                    pruned.append({title: children})
            elif target in present or "://" in str(target):
                pruned.append(entry)
    return pruned
