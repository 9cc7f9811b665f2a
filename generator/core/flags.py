"""Quality flags shared by every table and record (see docs/data-format.md)."""

FLAGS = ("derived", "inferred", "conflicting", "approximate", "secondary")


def parse_flags(cell: object) -> tuple[str, ...]:
    return tuple(f for f in str(cell or "").split() if f in FLAGS)
