"""Strict, safe YAML loading for curation files.

Why not plain `yaml.safe_load`: it turns `2025-10-31` into a `datetime.date` (so a date
would escape JSON Schema's string checks and be typed differently depending on quoting),
it accepts anchors and aliases (an "alias bomb" can expand a small file into gigabytes),
and it forgets line numbers, which curators need in error messages. This loader reads
only what JSON has (mappings, lists, strings, numbers, booleans, null; no timestamps, sets
or binary), refuses aliases and duplicate keys, and remembers the line of every mapping.
"""
from __future__ import annotations

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


_NO_ALIASES = "anchors and aliases (&name / *name) are not allowed in curation files"


# libyaml's C parser and composer when PyYAML has them (about ten times faster on large
# corpora), else the pure-Python ones. The node tree is turned into Python values here, not
# by PyYAML's constructor, whose generic machinery was most of the time of reading a file.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):
    """Parses and resolves tags; timestamps are not resolved (dates stay strings)."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
# The scalar types of JSON besides strings, read as YAML 1.1's safe constructors read them.
_SCALARS = {tag: yaml.SafeLoader.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float")}


class _Builder:
    """Python values from a composed node tree: LineDicts, lists and scalars."""

    def __init__(self, loader, path: Path):
        self.loader, self.path = loader, path
        self.seen: set = set()

    def error(self, node, problem: str, context: str | None = None, context_node=None):
        return yaml.constructor.ConstructorError(
            context, context_node.start_mark if context_node else None, problem, node.start_mark)

    def build(self, node):
        # The composer resolves an alias to the very node its anchor names, so a node
        # reached twice is an alias: refused before anything could be expanded.
        if node in self.seen:
            raise self.error(node, _NO_ALIASES)
        self.seen.add(node)
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return [self.build(child) for child in node.value]
        if tag == _MAP and isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if tag in _SCALARS and isinstance(node, yaml.ScalarNode):
            return _SCALARS[tag](self.loader, node)
        raise self.error(node, f"could not determine a constructor for the tag {tag!r}")

    def mapping(self, node) -> LineDict:
        mapping, key_lines = LineDict(), {}
        for key_node, value_node in node.value:
            key = self.build(key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise self.error(key_node, "keys must be plain scalars", "while constructing a mapping", node)
            if key in mapping:
                raise self.error(key_node, f"duplicate key {key!r}", "while constructing a mapping", node)
            mapping[key] = self.build(value_node)
            key_lines[key] = key_node.start_mark.line + 1
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = key_lines
        mapping.file = self.path
        return mapping


class YamlError(Exception):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def load_yaml(path: Path):
    """Load one YAML file strictly; raise YamlError with the line on any problem.

    Every mapping in the result is a LineDict carrying its file and line.
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(f"not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})", None)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        return _Builder(loader, path).build(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(f"{exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc), None) from None
    finally:
        loader.dispose()
