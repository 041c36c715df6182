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

from scripts import registry
from scripts.context import Context
from scripts.errors import Problems
from scripts.yamlio import LineDict, YamlError, load_yaml


@dataclass(frozen=True)
class Article:
    source_id: str
    text_path: Path
    curation_path: Path
    text: str
    sha256: str


@dataclass
class Curation:
    """Checked curation records by table (see scripts/registry.py), each a LineDict that
    knows its file and line; and the input articles they were read with."""
    articles: dict[str, Article] = field(default_factory=dict)
    by_table: dict[str, list[LineDict]] = field(default_factory=dict)

    def records(self, table: str) -> list[LineDict]:
        return self.by_table.get(table, [])

    def add(self, table: str, records: list[LineDict]) -> None:
        self.by_table.setdefault(table, []).extend(records)


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


def read_reference(context: Context, problems: Problems) -> Curation:
    """reference/<table>.yaml of every table whose records are shared by all articles."""
    reference = Curation()
    for table in registry.TABLES:
        if table.origin != "reference":
            continue
        path = context.reference_dir / f"{table.name}.yaml"
        if not path.exists():
            problems.add(path, None, "file is missing", f"create it with a top-level `{table.name}:` list")
            continue
        document = _load(path, curation_validator(context.schemas_dir, table.name), problems)
        if document:
            reference.add(table.name, document[table.name])
    return reference


def article_pairs(context: Context, problems: Problems) -> list[tuple[str, Path, Path]]:
    """(stem, text path, curation path) of every article, sorted; an unpaired file is a problem."""
    articles_dir = context.articles_dir
    texts = {p.stem: p for p in articles_dir.glob("*.txt")}
    yamls = {p.stem: p for p in articles_dir.glob("*.yaml")}
    for stem in sorted(texts.keys() - yamls.keys()):
        problems.add(texts[stem], stem, "article has no curation file",
                     f"create articles/{stem}.yaml (see README, 'How a curator adds an article')")
    for stem in sorted(yamls.keys() - texts.keys()):
        problems.add(yamls[stem], stem, "curation file has no article text",
                     f"add the raw text as articles/{stem}.txt, or rename the YAML to match it")
    return [(stem, texts[stem], yamls[stem]) for stem in sorted(texts.keys() & yamls.keys())]


def read_article(context: Context, stem: str, text_path: Path,
                 yaml_path: Path) -> tuple[Curation | None, Problems]:
    """One article's text and checked curation file, as a Curation of that article alone
    (None if either cannot be used), and the problems found.

    Depends on its arguments only, so that articles can be read in parallel workers."""
    problems = Problems(context.root)
    text = read_article_text(text_path, problems)
    document = _load(yaml_path, curation_validator(context.schemas_dir, "article"), problems,
                     article=stem)
    if document is not None and document["source"]["id"] != stem:
        source = document["source"]
        problems.add(yaml_path, source["id"], f"source.id is {source['id']!r} but the file is "
                     f"named {stem!r}", f"set source.id to {stem!r} (ids and file names agree)",
                     source.line)
        document = None
    if text is None or document is None:
        return None, problems
    # Strict UTF-8 (no BOM, checked above) decodes and encodes back to the same bytes.
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    curation = Curation(articles={stem: Article(stem, text_path, yaml_path, text, sha256)})
    curation.add("sources", [document["source"]])
    for table in registry.article_sections():
        curation.add(table.name, document.get(table.name, []))
    return curation, problems


def id_index(curation: Curation) -> list[tuple[str, str, Path, int]]:
    """(table, id, file, line) of every record that defines an id, for check_unique_ids."""
    return [(table.name, record["id"], record.file, record.line)
            for table in registry.with_ids() for record in curation.records(table.name)]


def check_unique_ids(index, problems: Problems) -> None:
    """An id is defined once across all files; index entries come in reading order."""
    first: dict[tuple[str, str], tuple[Path, int]] = {}
    for table, record_id, file, line in index:
        earlier = first.setdefault((table, record_id), (file, line))
        if earlier != (file, line):
            problems.add(file, record_id, f"duplicate {registry.get(table).kind} id (first defined in "
                         f"{problems.relative(earlier[0])}:{earlier[1]})",
                         "give each record its own id", line)
