"""`make draft`: prepare the draft, write it (both files or neither), report."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from scripts.body import Layout
from scripts.build.read import curation_validator, read_article_text
from scripts.curator.draft.detect import (
    UNKNOWN_PUBLISHER,
    Refused,
    choose_publisher,
    derive_id,
    detect_language,
    detect_title,
    find_entities,
)
from scripts.curator.draft.facts import propose
from scripts.curator.draft.references import Known
from scripts.curator.draft.render import Draft, render
from scripts.curator.language import letter_counts
from scripts.errors import Problems
from scripts.mentions import LANGUAGES, LexiconError, load_detector
from scripts.yamlio import YamlError, load_yaml


def prepare(path: Path, root: Path, source_id: str | None, language: str | None,
            publisher: str | None = None, url: str | None = None) -> Draft:
    """Everything the draft needs, detected; Refused on any reason not to write it."""
    if not path.is_file():
        raise Refused(f"{path} is not a file")
    problems = Problems(root)
    text = read_article_text(path, problems)
    if text is None:
        raise Refused("\n".join(str(p) for p in problems.items))
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).digest()
    for existing in sorted((root / "articles").glob("*.txt")):
        if existing.is_file() and hashlib.sha256(existing.read_bytes()).digest() == digest:
            raise Refused(f"{path} is already in the repository as {existing.relative_to(root)} "
                          "(the same bytes): an article is added once; edit its curation file")
    try:
        layout = Layout.of(text)
    except ValueError as exc:
        raise Refused(f"{path}: {exc}; correct the date in the leading ' date YYYY-MM-DD' line")
    body_text = text[layout.body[0]:layout.body[1]]
    if language is None:
        language, counts = detect_language(body_text)
    else:
        counts = letter_counts(body_text)
    title = detect_title(text, layout.body)

    slug_pattern = re.compile(_slug_pattern(root))
    if source_id is None:
        source_id = derive_id(layout.archive_date, title, body_text)
        if not slug_pattern.match(source_id):
            raise Refused(f"cannot derive an id (got {source_id!r}): give one with ID=... (--id)")
    elif not slug_pattern.match(source_id):
        raise Refused(f"--id {source_id!r} is not a slug: lower-case ASCII letters and digits "
                      "in words joined by single hyphens (e.g. outlet-2025-11-02-short-topic)")
    articles = root / "articles"
    if not articles.is_dir():
        raise Refused(f"{articles} is not a directory: run from the repository root or pass --root")
    for existing in (articles / f"{source_id}.txt", articles / f"{source_id}.yaml"):
        if existing.exists():
            raise Refused(f"{existing} already exists: choose another id with ID=... (--id), "
                          "or remove the old files first")

    entities = reference_records(root, "entities")
    matches = find_entities(text, entities)

    try:
        detector = load_detector(root / "reference" / "lexicon")
    except LexiconError as exc:
        raise Refused(f"the country lexicon cannot be read: {exc}")
    found = detector.find(text, language)
    in_body = [m for m in found if layout.contains(m.start, m.end)]
    if publisher is not None and publisher not in {e["id"] for e in entities}:
        raise Refused(f"PUBLISHER={publisher!r} is not an entity of reference/entities.yaml: add "
                      "the outlet there first (type media_outlet), or leave PUBLISHER out")
    sources = reference_records(root, "sources")
    from scripts.curator.extract import (
        extract,  # loads the extractor's lexicons: only here
    )

    extraction = extract(text, language, root=root)
    published = layout.archive_date.isoformat() if layout.archive_date else None
    headline = None
    if title is not None:
        start = text.index(title, layout.body[0])
        headline = (start, start + len(title))
    proposals = propose(extraction, text, source_id, published, Known.read(root, entities, sources),
                        root, headline, in_body)
    return Draft(source_id, raw, text, language, counts, layout, title, matches,
                 choose_publisher(matches, layout, input_publishers(articles)),
                 in_body, len(found) - len(in_body), path.name, proposals, publisher, url)


def reference_records(root: Path, table: str) -> list[dict]:
    """The records of reference/<table>.yaml (none if the file is missing)."""
    path = root / "reference" / f"{table}.yaml"
    try:
        records = load_yaml(path)[table] if path.exists() else []
    except (YamlError, KeyError, TypeError) as exc:
        raise Refused(f"reference/{table}.yaml cannot be read ({exc}); run `make` to see the problem")
    return [record for record in records if isinstance(record, dict) and "id" in record]


def input_publishers(articles: Path) -> set[str]:
    """source.publisher of the input articles already curated (unreadable files skipped)."""
    publishers = set()
    for path in sorted(articles.glob("*.yaml")):
        try:
            source = load_yaml(path).get("source") or {}
        except (YamlError, AttributeError):
            continue
        if isinstance(source, dict) and isinstance(source.get("publisher"), str):
            publishers.add(source["publisher"])
    return publishers


def _slug_pattern(root: Path) -> str:
    schema = json.loads((root / "schemas" / "curation.schema.json").read_text(encoding="utf-8"))
    return schema["$defs"]["slug"]["pattern"]


def write(draft: Draft, root: Path) -> tuple[Path, Path]:
    """Write articles/<id>.txt (the raw bytes) and articles/<id>.yaml, or neither."""
    yaml_text = render(draft, root)
    _check(yaml_text, draft, root)
    txt = root / "articles" / f"{draft.source_id}.txt"
    yml = root / "articles" / f"{draft.source_id}.yaml"
    created = []
    try:
        with open(txt, "xb") as handle:       # "x": never overwrite
            created.append(txt)
            handle.write(draft.raw)
        if hashlib.sha256(txt.read_bytes()).digest() != hashlib.sha256(draft.raw).digest():
            raise OSError(f"{txt} does not read back byte-identical to the input")
        with open(yml, "x", encoding="utf-8", newline="\n") as handle:
            created.append(yml)
            handle.write(yaml_text)
    except FileExistsError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        raise Refused(f"{exc.filename} already exists: choose another id") from None
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return txt, yml


def _check(yaml_text: str, draft: Draft, root: Path) -> None:
    """The draft loads with the build's strict loader and its source record is valid."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.yaml"
        path.write_text(yaml_text, encoding="utf-8", newline="\n")
        document = load_yaml(path)
    if list(document)[0] != "draft" or document["draft"] is not True:
        raise RuntimeError("the draft does not start with `draft: true`")
    errors = list(curation_validator(root / "schemas", "source").iter_errors(document["source"]))
    if errors:
        raise RuntimeError(f"draft source record is invalid: {errors[0].message}")


def report(draft: Draft, txt: Path, yml: Path, root: Path) -> str:
    rel = Problems(root).relative
    counts: dict[str, int] = {}
    for m in draft.mentions:
        counts[m.country] = counts.get(m.country, 0) + 1
    lines = [
        f"Copied {draft.input_name} to {rel(txt)} unchanged ({len(draft.raw)} bytes, "
        f"sha256 {hashlib.sha256(draft.raw).hexdigest()[:16]}…, checked identical).",
        f"Wrote {rel(yml)}, a DRAFT (`draft: true`: the build refuses it until you delete that line):",
        f"  language        {draft.language} (і ї є ґ: {draft.letter_counts['uk']}, "
        f"ы э ъ ё: {draft.letter_counts['ru']}, in the body)",
        f"  published_date  {draft.archive_date or 'null (no archive date marker)'}"
        + (" (the archive date: check it)" if draft.archive_date else ""),
        f"  title           {draft.title if draft.title else 'null (no headline found)'}",
        f"  publisher       {draft.publisher_id or (draft.publisher.id if draft.publisher else UNKNOWN_PUBLISHER + ' (add the outlet to reference/entities.yaml)')}",
        "  proposed        " + (", ".join(f"{n} {key}" for key, records in draft.proposals.sections.items()
                                          if (n := len(records))) or "no facts")
        + (f"; evidence for facts already in the package: {', '.join(dict.fromkeys(draft.proposals.existing))}"
           if draft.proposals.existing else ""),
        f"  entities        {', '.join(m.id for m in draft.entities) or 'none from reference/entities.yaml'}",
        f"  countries       {', '.join(f'{c} ×{n}' for c, n in sorted(counts.items(), key=lambda kv: -kv[1])) or 'none'}"
        f" (mentions in the body)",
        "Next steps:",
        f"  1. Read {rel(txt)} and check every detected value in {rel(yml)}.",
        "  2. Add missing people, outlets and places to reference/entities.yaml and credited",
        "     reports to reference/sources.yaml.",
        "  3. Fill citations, requests, equipment, events and evidence (each key is explained in",
        "     the file); copy every quote exactly from the .txt.",
        "  4. Delete the `draft: true` line.",
        "  5. Run `make` (it lists any problem with file, line and fix), then `make test`.",
    ]
    if draft.source_id.startswith("draft-"):
        lines.append("  For a final id (outlet-YYYY-MM-DD-topic), rename both files and set source.id "
                     "to match.")
    return "\n".join(lines)


def arguments(argv: list[str] | None):
    """The command line; `--from-environment` (what `make draft` passes) takes the article,
    id, address and publisher from ARTICLE, ID, URL and PUBLISHER instead, so that make
    never pastes them into a shell line."""
    parser = argparse.ArgumentParser(prog="python -m scripts.curator.draft", description=(
        "Copy a raw article into articles/ and write a draft curation file for it."))
    parser.add_argument("path", type=Path, nargs="?", help="the raw article file (UTF-8, \\n line ends)")
    parser.add_argument("--id", dest="source_id", help="source id (a slug); default: derived")
    parser.add_argument("--language", choices=LANGUAGES, help="override language detection")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root")
    parser.add_argument("--publisher", help="entity id of the publishing outlet (PUBLISHER=)")
    parser.add_argument("--url", help="the page address, if known for certain (URL=)")
    parser.add_argument("--from-environment", action="store_true",
                        help="read ARTICLE, ID, URL, PUBLISHER from the environment")
    args = parser.parse_args(argv)
    if args.from_environment:
        article = os.environ.get("ARTICLE", "")
        if not article:
            parser.exit(2, "usage: make draft ARTICLE=path/to/article.txt [ID=slug]\n")
        args.path = Path(article)
        args.source_id = os.environ.get("ID") or None
        args.publisher = os.environ.get("PUBLISHER") or None
        args.url = os.environ.get("URL") or None
    elif args.path is None:
        parser.error("the article file is required")
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    try:
        draft = prepare(args.path, args.root, args.source_id, args.language, args.publisher,
                        args.url)
        txt, yml = write(draft, args.root)
    except Refused as exc:
        print(f"make draft: refused, nothing written.\n{exc}", file=sys.stderr)
        return 2
    print(report(draft, txt, yml, args.root))
    return 0


if __name__ == "__main__":
    sys.exit(main())

