"""Strict, safe YAML loading for curation files.

Why not plain `yaml.safe_load`: it reads YAML 1.1, where `010` is 8, `0x10` is 16, `1:30` is
90, `1_000` is 1000 and `yes`/`no`/`on`/`off` are booleans, so a value can silently change
meaning; it turns `2025-10-31` into a `datetime.date` (so a date would escape JSON Schema's
string checks); it accepts anchors and aliases (an "alias bomb" can expand a small file into
gigabytes); it recurses once per nesting level (deep files crash it); and it forgets line
numbers, which curators need in error messages.

This loader reads only what JSON has, resolves plain scalars by the YAML 1.2 core schema and
refuses those YAML 1.1 reads differently (the curator says which reading they meant); dates
stay the text written. It refuses aliases, duplicate keys, control characters, numbers the
data cannot hold exactly, nesting deeper than MAX_DEPTH and files over MAX_BYTES, and keeps
the line of every mapping and key. Values are built from libyaml's events with an explicit
stack: no recursion, and depth is checked before anything deeper is parsed.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import yaml


class LineDict(dict):
    """A mapping that remembers the 1-based line it started on in its YAML file."""

    line: int | None = None
    file: Path | None = None
    key_lines: dict | None = None

    def line_of(self, key: str) -> int | None:
        """The line of `key` in this mapping, or the mapping's own line."""
        return (self.key_lines or {}).get(key, self.line)


class YamlError(Exception):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


MAX_BYTES = 10 * 1024 * 1024  # the largest curation file is ~50 kB; 10 MB is a runaway file
MAX_DEPTH = 64  # curation files nest about 4 deep; deeper is a mistake or an attack
MAX_INT = 2 ** 53  # beyond: JSON readers and float64 lose digits, Arrow's int64 overflows

_NO_ALIASES = "anchors and aliases (&name / *name) are not allowed in curation files"

# libyaml's C parser when PyYAML has it (about ten times faster), else the pure-Python one.
# Only its event stream is used: PyYAML's composer and constructor recurse per level.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
# The YAML 1.2 core schema, except that a leading zero or + sign is refused below.
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NOT_FINITE = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_OCTAL_12 = re.compile(r"[-+]?0o[0-7]+")  # YAML 1.2's octal, text in YAML 1.1
# YAML 1.1's booleans (the spec's list: PyYAML omits y/n, other 1.1 tools do not).
_BOOLS_11 = {form: word in ("y", "yes", "on") for word in ("y", "yes", "on", "n", "no", "off")
             for form in (word, word.capitalize(), word.upper())}
# YAML 1.1's int and float patterns, as PyYAML (and so most of the Python world) reads them.
_NUMBERS_11 = {first: rxs for first, pairs in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
               if (rxs := [rx for tag, rx in pairs if tag.endswith((":int", ":float"))])}
# What a plain scalar must start with, or be, to be anything but text (the rest is text).
_SPECIAL_START = frozenset("+-.0123456789").union(*_NUMBERS_11)
_SPECIAL_WORDS = _NULLS | set(_BOOLS) | set(_BOOLS_11) | {"<<"}
# C0 controls and DEL: invisible, and break CSV and terminals (tab and newline are text).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _refuse(event, message: str):
    return YamlError(message, event.start_mark.line + 1)


def _ambiguity(value: str) -> tuple[str, str] | None:
    """(how else YAML reads `value`, what to write for that reading), or None if it is text."""
    if value in _BOOLS_11:
        word = "true" if _BOOLS_11[value] else "false"
        return f"YAML 1.1 reads it as {word}", word
    digits = value.lstrip("+-")
    if _INT.fullmatch(value) and digits[0] == "0" and len(digits) > 1:
        number = int(value)
        if set(digits) <= set("01234567"):
            return f"YAML 1.1 reads a leading zero as octal: {int(value, 8)}", str(number)
        return f"YAML 1.1 reads it as text, YAML 1.2 as {number}", str(number)
    if _FLOAT.fullmatch(value) and value[0] == "+":
        number = value[1:]
        return f"a + sign: the number {number}, or text such as a dialling code", number
    if _FLOAT.fullmatch(value):  # a YAML 1.2 number (ints included) without + or leading zero
        return None
    if _OCTAL_12.fullmatch(value):
        return f"YAML 1.2 reads it as octal: {int(value, 0)}", str(int(value, 0))
    if not any(rx.match(value) for rx in _NUMBERS_11.get(value[:1], ())):
        return None
    try:  # a short number pattern matched above, so parsing it is harmless and quick
        number = str(yaml.safe_load(value)) if len(value) <= 64 else "the number"
    except (ValueError, yaml.YAMLError):  # int() and str() refuse over 4,300 digits
        number = "the number"
    form = ("hexadecimal" if digits[:2] == "0x" else "binary" if digits[:2] == "0b"
            else "base 60" if ":" in value else "the number without underscores" if "_" in value
            else "a number")
    return f"YAML 1.1 reads it as {form}: {number}", number


def _where(key) -> str:
    """How a message names the mapping key a value belongs to (nothing for list items)."""
    return "" if key is _NO_KEY else f"{key}: "


def _plain(value: str, key, event):
    """The value of a plain (unquoted, untagged) scalar, or YamlError if it is ambiguous."""
    if value[:1] not in _SPECIAL_START and value not in _SPECIAL_WORDS:
        return value  # the fast path: most plain scalars are words, ids and sentences
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value == "<<":  # YAML 1.1's merge key: other tools would merge the mapping it names
        problem = "is a merge key, which curation files do not allow;"
    elif _NOT_FINITE.fullmatch(value):
        problem = f"is not a finite number (YAML reads it as {float(value.replace('.', ''))});"
    # Digits are counted before int(), which refuses over 4,300 digits with ValueError.
    elif _INT.fullmatch(value) and (len(value.lstrip("+-0")) > 16 or abs(int(value)) > MAX_INT):
        problem = f"is too large: whole numbers must be within ±2**53 ({MAX_INT}) to be exact;"
    elif why := _ambiguity(value):
        problem = f"is ambiguous ({why[0]}); write {why[1]}, or"
    elif _INT.fullmatch(value):
        return int(value)
    elif _FLOAT.fullmatch(value):
        if math.isfinite(number := float(value)):
            return number
        problem = "is too large for a number;"
    else:
        return value
    shown = value if len(value) <= 64 else value[:60] + "..."
    raise _refuse(event, f'{_where(key)}{shown} {problem} quote it ("{shown}") if it is text')


def _text(value, key, event):
    """`value`, refused if it is a string holding a control character."""
    if type(value) is str and (bad := _CONTROL.search(value)):
        raise _refuse(event, f"{_where(key)}text contains the control character "
                             f"U+{ord(bad.group()):04X}; remove it (tab and newline are allowed)")
    return value


_NO_KEY = object()  # a mapping frame waiting for its next key


def _build(loader, path: Path):
    """Python values from the parser's events: LineDicts, lists and scalars."""
    stack: list[list] = []  # [container, pending key or _NO_KEY] per open collection
    root, documents = None, 0
    while True:
        event = loader.get_event()
        kind = type(event)
        if kind is yaml.StreamEndEvent or event is None:
            return root
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refuse(event, "expected a single document in the file, but found another")
            continue
        if kind is yaml.StreamStartEvent or kind is yaml.DocumentEndEvent:
            continue
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = stack.pop()[0]
            top = stack[-1] if stack else None
        else:
            top = stack[-1] if stack else None
            if event.anchor is not None:  # an anchor or an alias (AliasEvent.anchor)
                raise _refuse(event, _NO_ALIASES)
            tag = event.tag
            if kind is yaml.ScalarEvent:
                key = top[1] if top is not None else _NO_KEY  # _NO_KEY for keys and items
                if tag is None and event.implicit[0]:
                    value = _text(_plain(event.value, key, event), key, event)
                elif tag is None or tag in ("!", _STR):
                    value = _text(event.value, key, event)
                else:
                    raise _refuse(event, f"could not determine a constructor for the tag {tag!r}")
            else:
                is_map = kind is yaml.MappingStartEvent
                if tag not in (None, "!", _MAP if is_map else _SEQ):
                    raise _refuse(event, f"could not determine a constructor for the tag {tag!r}")
                if top is not None and type(top[0]) is LineDict and top[1] is _NO_KEY:
                    raise _refuse(event, "keys must be plain scalars")
                if len(stack) >= MAX_DEPTH:
                    raise _refuse(event, f"nesting deeper than {MAX_DEPTH} levels is not allowed "
                                         f"in curation files")
                if is_map:
                    value = LineDict()
                    value.line, value.file, value.key_lines = event.start_mark.line + 1, path, {}
                else:
                    value = []
                stack.append([value, _NO_KEY])
                continue
        # A finished value: the document itself, a list item, a key, or a key's value.
        if top is None:
            root = value
        elif type(top[0]) is list:
            top[0].append(value)
        elif top[1] is _NO_KEY:
            if value in top[0]:
                raise _refuse(event, f"duplicate key {value!r}")
            top[1] = value
            top[0].key_lines[value] = event.start_mark.line + 1
        else:
            top[0][top[1]] = value
            top[1] = _NO_KEY


def load_yaml(path: Path):
    """Load one YAML file strictly; raise YamlError with the line on any problem.

    Every mapping in the result is a LineDict carrying its file and line.
    """
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)  # bounded: never read a runaway file whole
    if len(data) > MAX_BYTES:
        size = max(Path(path).stat().st_size, len(data))
        raise YamlError(f"file is {size:,} bytes, over the limit of {MAX_BYTES:,} bytes (10 MB) "
                        f"for a curation file; split it into smaller files", None)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(f"not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})", None)
    loader = None
    try:
        loader = _Parser(text)  # PyYAML's own reader already checks characters here
        return _build(loader, path)
    except yaml.reader.ReaderError as exc:  # a raw control character
        # libyaml gives the position in bytes, PyYAML's own reader in characters.
        before = data[:exc.position] if _Parser is not yaml.SafeLoader else text[:exc.position]
        raise YamlError(f"unacceptable character U+{exc.character:04X} ({exc.reason}); remove it",
                        before.count(b"\n" if type(before) is bytes else "\n") + 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(f"{exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc), None) from None
    finally:
        if loader is not None:
            loader.dispose()
