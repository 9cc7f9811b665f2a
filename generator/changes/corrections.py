"""``x-minhbach.corrections``: notes that say a published value was wrong (docs/data-format.md).

Each entry names what it corrects and says why::

    x-minhbach:
      corrections:
        - resource: results                      # rows of a table, picked by some of their cells (usually the
          key: {index_code: PAR, year: "2023"}   # primary key); no key: every row of the table
          note_vi: Báo cáo gốc ghi 82,5, không phải 85,2
          note_en: The source report says 82.5, not 85.2
        - record: GS-2024-06-11-CCHC-F03         # a fact, recommendation or issue of a session file (a
          note_vi: ...                           # session's id names all of its records)

An entry covers the changes of the release in which it first appears: entries stay in the descriptor for good
(the change log shows each in its release), and a later rewrite of the same row needs a new entry.
"""

from __future__ import annotations

from generator.changes.model import Correction
from generator.core.problems import Problem, problem
from generator.core.read.package import LoadedPackage
from generator.core.text import Text

KEY = "corrections"


def _entries(descriptor: dict) -> list[object]:
    extension = descriptor.get("x-minhbach") if isinstance(descriptor.get("x-minhbach"), dict) else {}
    entries = extension.get(KEY)
    return entries if isinstance(entries, list) else []


def _cell(value: object) -> str:
    """A key value as the CSV file writes it: YAML reads ``2023`` as a number, the table holds the text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def correction(entry: object) -> Correction | None:
    if not isinstance(entry, dict):
        return None
    note = Text(str(entry.get("note_vi") or "").strip(), str(entry.get("note_en") or "").strip())
    record, resource, key = entry.get("record"), entry.get("resource"), entry.get("key")
    if isinstance(record, str) and record.strip():
        return Correction("", (), record.strip(), note)
    if isinstance(resource, str) and resource.strip() and (key is None or isinstance(key, dict)):
        return Correction(resource.strip(), tuple((str(k), _cell(v)) for k, v in (key or {}).items()), "", note)
    return None


def corrections_of(descriptor: dict) -> list[tuple[int, Correction]]:
    """The well-formed entries of a descriptor, with their position in the list."""
    found = [(i, correction(entry)) for i, entry in enumerate(_entries(descriptor))]
    return [(i, c) for i, c in found if c is not None]


def new_corrections(old: dict | None, new: dict) -> list[tuple[int, Correction]]:
    """The entries of ``new`` that ``old`` (the previous release's descriptor) did not have."""
    before = {c for _, c in corrections_of(old or {})}
    return [(i, c) for i, c in corrections_of(new) if c not in before]


def entry_problems(pkg: LoadedPackage) -> list[Problem]:
    """An entry must say what it corrects and why (in Vietnamese; English is warned for, like other text)."""
    problems = []
    for i, entry in enumerate(_entries(pkg.descriptor)):
        where = ("x-minhbach", KEY, i)
        key = f"x-minhbach.{KEY}[{i}]"
        if not isinstance(entry, dict):
            problems.append(problem("descriptor-type", pkg.rel, *pkg.at(*where), KEY, key=key, expected="mapping"))
            continue
        if correction(entry) is None:
            problems.append(problem("missing-value", pkg.rel, *pkg.at(*where), KEY, key=f"{key}.record | resource"))
        if not str(entry.get("note_vi") or "").strip():
            problems.append(problem("missing-value", pkg.rel, *pkg.at(*where), "note_vi", key=f"{key}.note_vi"))
        elif not str(entry.get("note_en") or "").strip():
            problems.append(problem("missing-english", pkg.rel, *pkg.at(*where), "note_en", key="note_vi",
                                    key_en="note_en"))
    return problems
