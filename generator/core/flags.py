"""Quality flags shared by every table and record (see docs/data-format.md)."""

import functools

FLAGS = ("derived", "inferred", "conflicting", "approximate", "secondary")


@functools.lru_cache(maxsize=256)  # a table repeats a handful of flag combinations a million times
def parse_flags(cell: object) -> tuple[str, ...]:
    return tuple(f for f in str(cell or "").split() if f in FLAGS)
