"""Read stage: the article texts and the curation files, checked for shape.

This stage only reads and checks structure (UTF-8, YAML syntax, the JSON Schema of
curation files, file pairing, duplicate ids). Meaning (references between records,
ISO codes, controlled values, quotes) is checked when the tables are resolved.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import fastjsonschema
import jsonschema

from .errors import Problems
from .parallel import ordered_map
from .yamlio import LineDict, YamlError, load_yaml


@dataclass(frozen=True)
class Article:
    source_id: str
    text_path: Path
    curation_path: Path
    text: str
    sha256: str


@dataclass
class Curation:
    articles: dict[str, Article] = field(default_factory=dict)
    # Curated records by kind, each a LineDict that knows its file and line.
    entities: list[LineDict] = field(default_factory=list)
    sources: list[LineDict] = field(default_factory=list)        # credited + input sources
    citations: list[LineDict] = field(default_factory=list)
    requests: list[LineDict] = field(default_factory=list)
    equipment: list[LineDict] = field(default_factory=list)
    events: list[LineDict] = field(default_factory=list)
    evidence: list[LineDict] = field(default_factory=list)


def stated_in(record: LineDict) -> str:
    """The input article a citation or evidence record belongs to: its YAML file's name."""
    return record.file.stem


class CurationValidator:
    """jsonschema's detailed messages at fastjsonschema's speed.

    fastjsonschema compiles the schema to Python and checks a valid file about fifteen
    times faster, which matters for thousands of articles; only a file it rejects is
    checked again by jsonschema, whose errors carry the path and reason curators need.
    """

    def __init__(self, schema: dict):
        self.full = jsonschema.Draft202012Validator(schema)
        self.fast = fastjsonschema.compile(schema)

    def is_valid(self, instance) -> bool:
        try:
            self.fast(instance)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    def iter_errors(self, instance):
        return iter(()) if self.is_valid(instance) else self.full.iter_errors(instance)


@cache
def curation_validator(schemas_dir: Path, definition: str) -> CurationValidator:
    schema = json.loads((schemas_dir / "curation.schema.json").read_text(encoding="utf-8"))
    return CurationValidator({"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]})


def read_article_text(path: Path, problems: Problems) -> str | None:
    """Decode an article strictly; the raw bytes are the input, so anything odd is refused."""
    data = path.read_bytes()
    fix_encoding = "save the article as UTF-8 without BOM, with \\n line ends"
    if not data.strip():
        problems.add(path, None, "article file is empty", "paste the article text into it")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.add(path, None, "article starts with a UTF-8 byte-order mark (BOM)", fix_encoding)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(path, None, f"article is not UTF-8 (invalid byte at offset {exc.start})",
                     fix_encoding + " (e.g. `iconv -f cp1251 -t utf-8`)")
        return None
    if "\r" in text:
        problems.add(path, None, "article has CR (\\r) line ends, which would shift offsets",
                     fix_encoding)
        return None
    return text


def _load(path: Path, validator, problems: Problems, article: str | None = None):
    try:
        document = load_yaml(path)
    except YamlError as exc:
        problems.add(path, None, f"YAML cannot be read: {exc}",
                     "fix the YAML syntax at that line (plain mappings and lists only)", exc.line)
        return None
    # A draft (`make draft`) is incomplete by design (e.g. `evidence: []`): say it is a draft,
    # before and instead of the schema errors its empty sections would give.
    if article is not None and isinstance(document, dict) and document.get("draft") is not None:
        problems.add(path, article, "article is an unreviewed draft (`draft:` is set)",
                     "check every section against the article text, then delete the `draft:` "
                     "line", document.line_of("draft"))
        return None
    ok = True
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        ok = False
        record, line = _locate(document, error.absolute_path)
        key = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        message = error.message
        if error.validator == "oneOf":  # jsonschema would print the whole record here
            choices = [name for option in error.validator_value for name in option["required"]]
            message = f"set exactly one of {', '.join(choices)}"
        elif error.validator == "pattern" and "description" in error.schema:
            message = f"{error.instance!r} is not {error.schema['description']}"
        problems.add(path, record, f"{key}: {message}",
                     "see schemas/curation.schema.json for the allowed keys and values", line)
    return document if ok else None


def _locate(document, path) -> tuple[str | None, int | None]:
    """The id and line of the innermost mapping on a JSON-Schema error path."""
    record, line, node = None, getattr(document, "line", None), document
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, LineDict):
            line = node.line
            record = node.get("id", record) if isinstance(node.get("id"), str) else record
    return record, line


def read_curation(root: Path) -> Curation:
    """Read articles/ and reference/; raise BuildError listing every problem found."""
    problems = Problems(root)
    schemas = root / "schemas"
    curation = Curation()

    for name, kind in (("entities.yaml", "entities"), ("sources.yaml", "sources")):
        path = root / "reference" / name
        if not path.exists():
            problems.add(path, None, "file is missing", f"create it with a top-level `{kind}:` list")
            continue
        document = _load(path, curation_validator(schemas, kind), problems)
        if document:
            getattr(curation, kind).extend(document[kind])

    articles_dir = root / "articles"
    texts = {p.stem: p for p in articles_dir.glob("*.txt")}
    yamls = {p.stem: p for p in articles_dir.glob("*.yaml")}
    for stem in sorted(texts.keys() - yamls.keys()):
        problems.add(texts[stem], stem, "article has no curation file",
                     f"create articles/{stem}.yaml (see README, 'Adding an article')")
    for stem in sorted(yamls.keys() - texts.keys()):
        problems.add(yamls[stem], stem, "curation file has no article text",
                     f"add the raw text as articles/{stem}.txt, or rename the YAML to match it")

    pairs = [(root, stem, texts[stem], yamls[stem]) for stem in sorted(texts.keys() & yamls.keys())]
    for stem, text, sha256, document, found in ordered_map(_read_article, pairs):
        problems.items.extend(found)
        if text is None or document is None:
            continue
        curation.articles[stem] = Article(stem, texts[stem], yamls[stem], text, sha256)
        curation.sources.append(document["source"])
        for kind in ("citations", "requests", "equipment", "events", "evidence"):
            getattr(curation, kind).extend(document.get(kind, []))

    _check_unique_ids(curation, problems)
    problems.raise_if_any()
    return curation


def _read_article(pair):
    """One article's text and checked curation: (stem, text, sha256, document, problems).

    A module-level function of its arguments only, so that it can run in a worker."""
    root, stem, text_path, yaml_path = pair
    problems = Problems(root)
    text = read_article_text(text_path, problems)
    # Strict UTF-8 (no BOM, checked above) decodes and encodes back to the same bytes.
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else None
    document = _load(yaml_path, curation_validator(root / "schemas", "article"), problems, article=stem)
    if document is not None and document["source"]["id"] != stem:
        source = document["source"]
        problems.add(yaml_path, source["id"], f"source.id is {source['id']!r} but the file is "
                     f"named {stem!r}", f"set source.id to {stem!r} (ids and file names agree)",
                     source.line)
        document = None
    return stem, text, sha256, document, problems.items


def _check_unique_ids(curation: Curation, problems: Problems) -> None:
    for kind in ("entities", "sources", "requests", "equipment", "events", "evidence"):
        first: dict[str, LineDict] = {}
        for record in getattr(curation, kind):
            earlier = first.setdefault(record["id"], record)
            if earlier is not record:
                problems.add(record.file, record["id"], f"duplicate {kind} id (first defined in "
                             f"{problems.relative(earlier.file)}:{earlier.line})",
                             "give each record its own id", record.line)
