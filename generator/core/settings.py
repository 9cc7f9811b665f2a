"""Build options as one frozen value: the only configuration object stages receive."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path

DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    datasets_dir: Path
    root: Path = field(default_factory=Path.cwd)  # problems show paths relative to this folder
    build_date: date = field(default_factory=date.today)
    lang: str = "vi"
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    cache_dir: Path | None = None  # default: <root>/.cache/minhbach
    cache_validation: bool = True  # skip Frictionless for resources whose inputs did not change
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    site_url: str = ""  # the published site's address, with a trailing slash ("" when not known)
    edit_url: str = ""  # where a project file is edited in its repository (core/edit.py); "" for no links
    # ``relative``'s answers: a national build asks 24,000 times (each page's session files), and resolving a
    # path asks the file system each time (3 s). Not an option: a copy made by ``replace`` starts empty.
    _relative: dict[Path, str] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    @property
    def cache(self) -> Path:
        return self.cache_dir or self.root / ".cache" / "minhbach"

    def relative(self, path: Path) -> str:
        """A path as a maintainer types it: relative to the repository when inside it."""
        found = self._relative.get(path)
        if found is None:
            try:
                found = path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                found = path.as_posix()
            self._relative[path] = found
        return found


def parse_build_date(text: str | None) -> date:
    """``--build-date`` or MINHBACH_BUILD_DATE (ISO) pins "today" so that builds are reproducible."""
    text = text or os.environ.get("MINHBACH_BUILD_DATE") or os.environ.get("SOURCE_DATE_EPOCH_DATE")
    if not text:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.isdigit():
            from datetime import datetime

            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        return date.today()
    return date.fromisoformat(text)
