"""Read YAML and JSON into plain values plus a table of positions, never guessing types the YAML 1.1 way.

``yaml.safe_load`` turns ``010`` into 8, ``NO`` into False and crashes on ``2010-13-01`` without a line.
We read the parser's events with ``BaseLoader`` (every scalar stays text) and keep each value's line and
column, so later checks can point at the exact key. What a data file must not do is refused with a problem
before it can cost memory or time: aliases (``*name``), nesting deeper than ``MAX_DEPTH``, control
characters (see ``limits.py``). Two typing modes:

* ``records``: every scalar is a string (or None when empty); the schema types it later.
* ``descriptor``: the YAML 1.2 core schema (true/false, integers without a leading zero, decimals, null),
  which is what a Data Package descriptor written in JSON would mean. A plain value that YAML 1.1 reads as
  another value (``no``, ``yes``, ``on``, ``010``, ``1_000``, ``1:30``, ``1e3``) is a ``yaml-ambiguous`` error:
  Frictionless reads a schema or dialect kept in its own YAML file itself, the YAML 1.1 way, so ``header: no``
  there was false for the table it validated and true for the table we published (its first row taken for a
  header, and lost). A plain ``<<`` key, YAML 1.1's merge key, is a ``yaml-merge-key`` error for the same
  reason: Frictionless merges the mapping it holds into the one it is in (``<<: {title: T}`` is the title T), and
  we read a key named "<<" (the page had no title, the published descriptor a "<<" key).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml

from generator.core.problems import Problem, problem
from generator.core.read.limits import CONTROL as _CONTROL
from generator.core.read.limits import MAX_DEPTH, control_params
from generator.core.text import printable

Key = tuple[str | int, ...]

# LibYAML's loader is about ten times faster and keeps the same marks; PyYAML without it falls back.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")


@dataclass
class Tree:
    """A parsed document: its plain value, where each key path starts, and what went wrong."""

    value: object = None
    positions: dict[Key, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def at(self, key: Key) -> tuple[int | None, int | None]:
        """Line and column of the nearest located ancestor of ``key`` (1-based)."""
        while key not in self.positions and key:
            key = key[:-1]
        return self.positions.get(key, (None, None))


def load_yaml(text: str, path: str, mode: str = "records") -> Tree:
    tree = Tree()
    try:
        value = _Builder(tree, path, mode).build(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        tree.positions = {}  # of a document that has no value
        tree.problems.append(problem("yaml-syntax", path, line, column, detail=detail))
        return tree
    except _Refused as refused:
        tree.positions = {}
        tree.problems.append(refused.problem)
        return tree
    if not any(p.code == "yaml-alias" for p in tree.problems):
        tree.value = value
    return tree


class _Refused(Exception):
    """A document we stop reading at once (too deep to go on safely)."""

    def __init__(self, found: Problem):
        super().__init__(found.code)
        self.problem = found


class _Frame:
    """A mapping or sequence being filled: its key path, and for a mapping the key read but not yet given
    a value, and the line where each key was first seen. ``keep`` is False below a duplicate key."""

    __slots__ = ("first_seen", "keep", "key", "pending", "value")

    def __init__(self, value: dict | list, key: Key, keep: bool):
        self.value, self.key, self.keep = value, key, keep
        self.pending: tuple[str, tuple[int, int], bool] | None = None
        self.first_seen: dict[str, int] = {}


class _Builder:
    """Plain values from the parser's events, without composing nodes first.

    Why events: composing nodes follows aliases into shared nodes, and walking them expands them (nine
    levels of nine aliases make 20 GB), and LibYAML composes recursively in C, so a list nested 100,000
    deep crashes the interpreter. Here an alias is refused where it stands, depth is counted as the events
    come, and nothing recurses."""

    def __init__(self, tree: Tree, path: str, mode: str):
        self.tree, self.path, self.mode = tree, path, mode
        self.stack: list[_Frame] = []
        self.root: object = None
        self.aliases: list[yaml.AliasEvent] = []

    def build(self, text: str) -> object:
        documents = 0
        for event in yaml.parse(text, Loader=_LOADER):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._scalar_event(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._start(event, {} if kind is yaml.MappingStartEvent else [])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self.stack.pop()
            elif kind is yaml.AliasEvent:
                self.aliases.append(event)  # never followed: the document is refused (see the end)
                self._alias(event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(self._problem("yaml-syntax", event, detail="expected a single document"))
        if self.aliases:  # one problem for the file: a bomb holds dozens, and each is the same mistake
            self._report("yaml-alias", self.aliases[0], name=self.aliases[0].anchor, count=len(self.aliases))
        return self.root

    def _scalar_event(self, event: yaml.ScalarEvent) -> None:
        text = event.value
        top = self.stack[-1] if self.stack else None
        if _CONTROL.search(text):
            self._report("control-character", event, field=_field_of(top, text), **control_params(text))
        if top is not None and type(top.value) is dict and top.pending is None:
            if self.mode == "descriptor" and text == "<<" and event.style in (None, ""):
                self._report("yaml-merge-key", event)
            self._key(top, text, event)
            return
        value = _scalar(text, event.style, self.mode)
        if self.mode == "descriptor" and event.style in (None, "") and (other := _yaml11_other(text, value)):
            self._report("yaml-ambiguous", event, value=text, ours=_shown(value), theirs=_shown(other[0]))
        self._place(value, event)

    def _alias(self, event: yaml.AliasEvent) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and type(top.value) is dict and top.pending is None:  # an alias used as a key
            self._key(top, f"*{event.anchor}", event)
        else:
            self._place(None, event)

    def _start(self, event: yaml.Event, value: dict | list) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(self._problem("too-deep", event, limit=MAX_DEPTH))
        top = self.stack[-1] if self.stack else None
        if top is not None and type(top.value) is dict and top.pending is None:
            # A mapping or list used as a key: not JSON, and no descriptor or record needs one.
            raise _Refused(self._problem("yaml-syntax", event, detail="a key must be plain text"))
        key, keep = self._place(value, event)
        self.stack.append(_Frame(value, key, keep))

    def _key(self, frame: _Frame, name: str, event: yaml.Event) -> None:
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        first = frame.first_seen.get(name)
        if first is not None and frame.keep:
            self.tree.problems.append(problem("duplicate-key", self.path, line, column, name, key=name,
                                              first_line=first))
        frame.first_seen.setdefault(name, line)
        frame.pending = (name, (line, column), first is None)

    def _place(self, value: object, event: yaml.Event) -> tuple[Key, bool]:
        """Put ``value`` where the document is at; (its key path, whether it is kept)."""
        if not self.stack:
            self.root = value
            self.tree.positions[()] = (event.start_mark.line + 1, event.start_mark.column + 1)
            return (), True
        top = self.stack[-1]
        if type(top.value) is list:
            key = top.key + (len(top.value),)
            top.value.append(value)
            if top.keep:
                self.tree.positions[key] = (event.start_mark.line + 1, event.start_mark.column + 1)
            return key, top.keep
        name, position, first = top.pending
        top.pending = None
        key = top.key + (name,)
        keep = top.keep and first
        if keep:  # a duplicate key's value is read (the parser goes on) but not kept
            top.value[name] = value
            # A key's own position is more useful than its value's when the value is a block.
            self.tree.positions[key] = position
        return key, keep

    def _problem(self, code: str, event: yaml.Event, **params: object) -> Problem:
        return problem(code, self.path, event.start_mark.line + 1, event.start_mark.column + 1, **params)

    def _report(self, code: str, event: yaml.Event, **params: object) -> None:
        self.tree.problems.append(self._problem(code, event, **params))


def _field_of(top: _Frame | None, text: str) -> str | None:
    """How a problem of the scalar ``text`` names its field: the key itself when the scalar is a key, else the
    name of the key its value is at (a value in a list: its list's key)."""
    if top is None:
        return None
    if type(top.value) is dict and top.pending is None:
        return printable(text)
    return _last_name(top.key + ((top.pending[0],) if top.pending else ()))


def _last_name(key: Key) -> str | None:
    """The name of the innermost key in a key path: a value in a list is named by its list's key."""
    return next((part for part in reversed(key) if isinstance(part, str)), None)


def key_at(text: str, line: int, column: int) -> str | None:
    """The key that holds the character at ``line``:``column`` (from 1) of a YAML or JSON text, as a problem
    names its field: the key itself, or the key of the value (or of the list) the character is in; None when it
    is in no key's value or the text does not parse. The refused characters (``CONTROL``) are read as letters:
    YAML stops at a C0 control, and a letter keeps every position and a plain value's end."""
    target = (line - 1, column - 1)
    names: list[str | None] = []  # per open collection: the key its next value is at (None: none yet, a list)
    mappings: list[bool] = []
    try:
        for event in yaml.parse(_CONTROL.sub("x", text), Loader=_LOADER):
            kind = type(event)
            at_key = bool(mappings) and mappings[-1] and names[-1] is None
            if kind is yaml.ScalarEvent or kind is yaml.AliasEvent:
                span = (event.start_mark.line, event.start_mark.column), (event.end_mark.line, event.end_mark.column)
                if span[0] <= target < span[1]:  # a key as written, its refused characters left out
                    return printable(text[event.start_mark.index:event.end_mark.index].strip("'\"")) \
                        if at_key and kind is yaml.ScalarEvent else \
                        next((name for name in reversed(names) if name is not None), None)
                if mappings and mappings[-1]:
                    names[-1] = getattr(event, "value", None) if at_key else None
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                mappings.append(kind is yaml.MappingStartEvent)
                names.append(None)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                mappings.pop()
                names.pop()
                if mappings and mappings[-1]:
                    names[-1] = None
    except yaml.YAMLError:
        return None
    return None


def _scalar(text: str, style: str | None, mode: str) -> object:
    plain = style in (None, "")  # PyYAML says None, LibYAML says ""
    if not plain:
        return text
    if text in _NULLS:
        return None
    if mode != "descriptor":
        return text
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits(), 4300): left as text
            return text
    if _FLOAT.fullmatch(text) and any(c.isdigit() for c in text):
        return float(text)
    return text


_YAML11 = yaml.resolver.Resolver()
_YAML11_TYPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


def _yaml11_other(text: str, ours: object) -> tuple[object] | None:
    """What YAML 1.1 (PyYAML's ``safe_load``, which Frictionless uses) reads a plain scalar as, in a one-tuple, when
    that is another value than ours; None when the two agree (or YAML 1.1 reads a date: text for both here)."""
    tag = _YAML11.resolve(yaml.ScalarNode, text, (True, False))
    if tag in _YAML11_TYPED:
        try:
            theirs = yaml.SafeLoader("").construct_object(yaml.ScalarNode(tag, text))
        except (ValueError, yaml.YAMLError):
            return None
    elif tag == "tag:yaml.org,2002:str":
        theirs = text
    else:
        return None
    same = type(theirs) is type(ours) and (theirs == ours or theirs != theirs and ours != ours)  # nan
    return None if same else (theirs,)


def _shown(value: object) -> str:
    """A value as JSON writes it ("no" with its quotes, false, 8): the same in either language's message."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except ValueError:
        return str(value)


def load_json(text: str, path: str) -> Tree:
    """JSON with duplicate keys reported; positions come from composing it as YAML where that works."""
    tree = Tree()
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict:
        seen: dict[str, object] = {}
        for name, value in items:
            if name in seen:
                duplicates.append(name)
            seen[name] = value
        return seen

    try:
        tree.value = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        tree.problems.append(problem("json-syntax", path, exc.lineno, exc.colno, detail=exc.msg))
        return tree
    except ValueError as exc:  # an integer longer than int() converts (4300 digits): no line from json
        tree.problems.append(problem("json-syntax", path, detail=str(exc).split(":")[0]))
        return tree
    except RecursionError:  # nested about a thousand deep: the YAML pass below would stop at MAX_DEPTH too
        tree.problems.append(problem("too-deep", path, 1, 1, limit=MAX_DEPTH))
        return tree
    located = load_yaml(text.replace("\t", " "), path, mode="descriptor")
    if not any(p.code == "yaml-syntax" for p in located.problems):
        tree.positions = located.positions
        # (JSON has no plain scalars YAML 1.1 reads otherwise than JSON does: 1e3 is a number in both)
        tree.problems.extend(p for p in located.problems if p.code not in ("yaml-alias", "yaml-ambiguous"))
    else:
        tree.problems.extend(
            problem("duplicate-key", path, None, None, name, key=name, first_line="?") for name in duplicates)
        tree.problems.extend(_refused_values(tree.value, path, text))
    if any(p.code == "too-deep" for p in tree.problems):
        tree.value = None
    return tree


def _refused_values(value: object, path: str, text: str) -> list[Problem]:
    """Depth and control characters checked on the value itself, for JSON whose positions YAML could not
    give (never a value deeper than MAX_DEPTH or holding a NUL). A control character is placed where the text
    writes it (``_first_refused``), else at line 1."""
    pending, problems = [(value, 0)], []
    while pending:
        item, depth = pending.pop()
        if isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                return [problem("too-deep", path, 1, 1, limit=MAX_DEPTH)]
            children = list(item.items()) if isinstance(item, dict) else [(None, v) for v in item]
            for name, child in children:
                if isinstance(name, str) and _CONTROL.search(name):
                    problems.append(problem("control-character", path, 1, 1, **control_params(name)))
                pending.append((child, depth + 1))
        elif isinstance(item, str) and _CONTROL.search(item):
            problems.append(problem("control-character", path, 1, 1, **control_params(item)))
    if problems and (found := _first_refused(text)):
        line, column, char = found
        return [problem("control-character", path, line, column, **control_params(char))]
    return problems[:1]


# One escape of a JSON string a match: "\\" is one, so a backslash written twice never starts another escape.
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.S)
_SHORT_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _first_refused(text: str) -> tuple[int, int, str] | None:
    """(line, column, character) of the first character of a JSON ``text`` that no text may hold (``CONTROL``),
    written as it is or as an escape: "\\u0003", or a lone surrogate ("\\udc00", half of a character, which YAML
    refuses, and with it every position). None when there is none (a stray tag written as a surrogate pair)."""
    literal = _CONTROL.search(text)
    found = literal.start() if literal else len(text)
    char = literal.group() if literal else ""
    escapes = list(_ESCAPE.finditer(text, 0, found))
    for i, escape in enumerate(escapes):
        written = chr(int(escape.group(1), 16)) if escape.group(1) else _SHORT_ESCAPES.get(escape.group()[1], "")
        if written and _CONTROL.match(written) and not _in_pair(escapes, i):
            found, char = escape.start(), written
            break
    if not char:
        return None
    line = text.count("\n", 0, found) + 1
    return line, found - (text.rfind("\n", 0, found) + 1) + 1, char


def _in_pair(escapes: list[re.Match], i: int) -> bool:
    """Whether the escape ``escapes[i]`` is half of a surrogate pair, a high one right before a low one (as
    json reads them: one character)."""
    def half(j: int, low: bool) -> bool:
        code = escapes[j].group(1) if 0 <= j < len(escapes) else None
        return code is not None and (0xDC00 if low else 0xD800) <= int(code, 16) <= (0xDFFF if low else 0xDBFF)
    if half(i, low=False):
        return i + 1 < len(escapes) and escapes[i + 1].start() == escapes[i].end() and half(i + 1, low=True)
    return half(i, low=True) and i > 0 and escapes[i - 1].end() == escapes[i].start() and half(i - 1, low=False)
