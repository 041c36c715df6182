"""Strict, safe YAML loading for curation files.

Why not plain `yaml.safe_load`: it turns `2025-10-31` into a `datetime.date` (so a date
would escape JSON Schema's string checks and be typed differently depending on quoting),
it accepts anchors and aliases (an "alias bomb" can expand a small file into gigabytes),
and it forgets line numbers, which curators need in error messages. This loader keeps
every scalar as YAML 1.2-style core types without timestamps, refuses aliases, refuses
duplicate keys, and remembers the line of every mapping.
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


# libyaml's C parser when PyYAML has it (about ten times faster on large corpora), else
# the pure-Python one; construction (below) is Python either way.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):
    def __init__(self, stream):
        super().__init__(stream)
        self._seen_nodes: set = set()

    def construct_object(self, node, deep=False):
        # Both parsers resolve an alias to the very node its anchor names, so a node
        # reached twice is an alias: refused before anything could be expanded.
        if node in self._seen_nodes:
            raise yaml.constructor.ConstructorError(None, None, _NO_ALIASES, node.start_mark)
        self._seen_nodes.add(node)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark)
        mapping, key_lines = LineDict(), {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    "keys must be plain scalars", key_node.start_mark)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    f"duplicate key {key!r}", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=True)
            key_lines[key] = key_node.start_mark.line + 1
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = key_lines
        return mapping


# Drop the timestamp resolver: dates stay strings and are checked by the build.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_mapping)


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
    try:
        document = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(f"{exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc), None) from None
    _set_file(document, path)
    return document


def _set_file(node, path: Path) -> None:
    if isinstance(node, LineDict):
        node.file = path
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        _set_file(child, path)
