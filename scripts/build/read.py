"""Read stage: the article texts and the curation files, checked for shape.

This stage only reads and checks structure: that the schemas are usable and agree with the
row builders (check_inputs, first), that every input is a regular file inside the
repository (scripts/inputs.py), strict UTF-8 without invisible or control characters
(scripts/characters.py), YAML syntax, the JSON Schema of curation files, file pairing,
duplicate ids and the same article text under two ids. Meaning (references between
records, ISO codes, controlled values, quotes) is checked when the tables are resolved.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import fastjsonschema
import jsonschema

from scripts import characters, inputs, registry, schemas
from scripts.context import Context
from scripts.errors import Problem, Problems
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


def add_unresolved(problems: Problems, path: Path, record: str | None, what: str, fix: str,
                   line: int | None = None) -> None:
    """problems.add, but naming a symbolic link itself, not the file it points to."""
    path = Path(path)
    try:
        name = (path.parent.resolve() / path.name).relative_to(problems.root.resolve()).as_posix()
    except ValueError:
        name = str(path)
    problems.items.append(Problem(name, record, what, fix, line))


def read_article_text(path: Path, problems: Problems) -> str | None:
    """Decode an article strictly; the raw bytes are the input, so anything odd is refused."""
    try:
        data = inputs.read_bytes(path, "the article's")
    except inputs.InputError as exc:
        add_unresolved(problems, path, None, f"article file {exc.what}", exc.fix)
        return None
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
    if hidden_characters(path, text, problems):
        return None
    return text


HIDDEN_SHOWN = 10  # per article: the first few say what to do; the rest are counted
HIDDEN_FIX = ("remove it (the archive copy must be cleaned before it is added: articles/ holds "
              "the text as received, and offsets count code points into it)")


def hidden_characters(path: Path, text: str, problems: Problems) -> bool:
    """Report each invisible, bidirectional or control character (scripts/characters.py)
    with its line and column; True if there is any."""
    found, total = characters.hidden(text, HIDDEN_SHOWN)
    for char in found:
        problems.add(path, None, f"column {char.column}: {char.describe(text)}", HIDDEN_FIX, char.line)
    if total > len(found):
        problems.add(path, None, f"{total - len(found)} more such characters after line "
                     f"{found[-1].line}", "remove them all (see the ones listed)")
    return bool(found)


def _load(path: Path, validator, problems: Problems, article: str | None = None):
    found = inputs.problem(path, "the curation file's")
    if found:
        add_unresolved(problems, path, article, f"curation file {found[0]}", found[1])
        return None
    try:
        document = load_yaml(path)
    except YamlError as exc:
        problems.add(path, None, f"YAML cannot be read: {exc}",
                     "fix the YAML syntax at that line (plain mappings and lists only)", exc.line)
        return None
    except OSError as exc:  # e.g. not readable (permissions)
        problems.add(path, article, f"curation file cannot be read: {exc.strerror}",
                     "make it readable (e.g. chmod a+r FILE) or replace it")
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
            choices = [name for option in error.validator_value if isinstance(option, dict)
                       for name in option.get("required", [])]
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


INPUT_DIRS = ("articles", "reference", "reference/lexicon", "schemas")


def check_inputs(context: Context) -> None:
    """Before anything is read: the input directories are real directories inside the
    repository, and the schemas are what the build relies on (scripts/schemas.py), with a
    field for every value a row builder makes and a builder for every field
    (scripts/build/columns.py). Raise BuildError: nothing else can be checked without them."""
    problems = Problems(context.root)
    for name in INPUT_DIRS:
        path = context.root / name
        if path.is_symlink():
            add_unresolved(problems, path, None, f"is a symbolic link (to {os.readlink(path)}); the "
                           "build reads only files inside the repository",
                           "replace the link by the directory itself")
        elif path.exists() and not path.is_dir():
            problems.add(path, None, "is not a directory", f"restore the {name}/ directory")
        elif (real := inputs.outside(path, context.root)) is not None:
            add_unresolved(problems, path, None, f"lies outside the repository ({real})",
                         "move the directory into the repository")
    problems.raise_if_any()
    definitions = ["article"] + [t.name for t in registry.TABLES if t.origin == "reference"]
    found = [("curation.schema.json", *p) for p in schemas.check_curation(context.schemas_dir, definitions)]
    found += [("package.json", *p) for p in schemas.check_package(context.schemas_dir)]
    for table in registry.NAMES:
        found += [(f"{table}.json", *p) for p in schemas.check_table(context.schemas_dir, table,
                                                                        registry.NAMES)]
    for name, line, record, what, fix in found:
        add_unresolved(problems, context.schemas_dir / name, record, what, fix, line)
    problems.raise_if_any()
    for table, record, what, fix in schemas.check_references(context.schemas_dir, registry.NAMES):
        problems.add(context.schemas_dir / f"{table}.json", record, what, fix)
    problems.raise_if_any()
    for definition in definitions:  # compiled now, so that a schema they refuse is a message
        try:
            curation_validator(context.schemas_dir, definition)
        except Exception as exc:  # noqa: BLE001 - fastjsonschema's and jsonschema's errors vary
            problems.add(context.schemas_dir / "curation.schema.json", f"$defs/{definition}",
                         f"the validator cannot be compiled from it: {exc}", "correct the definition")
    problems.raise_if_any()
    from scripts.build import (
        columns,  # imports the row builders, which import this module
    )

    for path, line, record, what, fix in columns.check(context):
        problems.add(path, record, what, fix, line)
    problems.raise_if_any()


def read_reference(context: Context, problems: Problems) -> Curation:
    """reference/<table>.yaml of every table whose records are shared by all articles.

    The first thing the build reads: the input directories and the schemas are checked
    here first (check_inputs), and a problem with them stops the build at once."""
    check_inputs(context)
    reference = Curation()
    for table in registry.TABLES:
        if table.origin != "reference":
            continue
        path = context.reference_dir / f"{table.name}.yaml"
        if not path.exists() and not path.is_symlink():
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
        add_unresolved(problems, texts[stem], stem, "article has no curation file",
                       f"create articles/{stem}.yaml (see README, 'How a curator adds an article')")
    for stem in sorted(yamls.keys() - texts.keys()):
        add_unresolved(problems, yamls[stem], stem, "curation file has no article text",
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


# The index entry of an article's text, keyed by its sha256: the same bytes under two ids
# would count one article twice in article_count and origin_count.
ARTICLE_TEXT = "article text"


def id_index(curation: Curation) -> list[tuple[str, str, Path, int | None]]:
    """(table, id, file, line) of every record that defines an id, and (ARTICLE_TEXT,
    sha256, text file, None) of every article, for check_unique_ids."""
    return [(table.name, record["id"], record.file, record.line)
            for table in registry.with_ids() for record in curation.records(table.name)] + [
        (ARTICLE_TEXT, article.sha256, article.text_path, None) for article in curation.articles.values()]


def check_unique_ids(index, problems: Problems) -> None:
    """An id is defined once across all files; index entries come in reading order."""
    first: dict[tuple[str, str], tuple[Path, int]] = {}
    for table, record_id, file, line in index:
        earlier = first.setdefault((table, record_id), (file, line))
        if earlier == (file, line):
            continue
        if table == ARTICLE_TEXT:
            first_file, this = problems.relative(earlier[0]), Path(file)
            problems.add(file, this.stem, f"same text (sha256 {record_id[:12]}…) as {first_file}: it "
                         "would count the same article twice in article_count and origin_count",
                         f"keep one of the two: move this article's evidence to "
                         f"{first_file[:-4]}.yaml and delete articles/{this.stem}.txt and .yaml")
        else:
            problems.add(file, record_id, f"duplicate {registry.get(table).kind} id (first defined in "
                         f"{problems.relative(earlier[0])}:{earlier[1]})",
                         "give each record its own id", line)
