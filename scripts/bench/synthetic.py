"""Synthetic corpora for benchmarks: N copies of the real articles and their curation with
fresh ids, written into a new directory (never committed, never into the repository).

Copy k of every article gets the source id `<id>-copy-<k>` and a marker line at its end
(so no two copies have the same bytes), and every request, item, event and evidence id
defined in the article files gets the suffix `-copy-<k>`, so the copies are independent
facts with the same quotes. reference/, schemas/ and the lexicon
are shared, as they would be in a large real corpus.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from scripts import registry
from scripts.build.package import RELEASE_FILES
from scripts.yamlio import load_yaml

# Keys with which an article's records point at facts (requests, equipment, events).
FACT_KEYS = tuple(table.ref_key for table in registry.counted())


def plain(node):
    """LineDicts back to plain dicts and lists, for yaml.safe_dump."""
    if isinstance(node, dict):
        return {key: plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    return node


def renamed(document: dict, inputs: set[str], suffix: str) -> dict:
    def source(value):
        return value + suffix if value in inputs else value

    doc = plain(document)
    doc["source"]["id"] += suffix
    for citation in doc.get("citations", []):
        citation["citing"], citation["cited"] = source(citation["citing"]), source(citation["cited"])
    for table in registry.article_sections():
        for record in doc.get(table.name, []):
            if table.id_column:
                record["id"] += suffix
            for key in FACT_KEYS:
                if record.get(key):
                    record[key] += suffix
            if record.get("attributed_to"):
                record["attributed_to"] = source(record["attributed_to"])
    return doc


def generate(root: Path, out: Path, copies: int) -> Path:
    """A repository in `out` with `copies` copies of every article in `root`."""
    if out.exists():
        shutil.rmtree(out)
    for name in ("schemas", "reference"):
        shutil.copytree(root / name, out / name)
    for name in RELEASE_FILES:
        shutil.copyfile(root / name, out / name)
    (out / "articles").mkdir(parents=True)
    stems = sorted(p.stem for p in (root / "articles").glob("*.yaml"))
    documents = {stem: load_yaml(root / "articles" / f"{stem}.yaml") for stem in stems}
    texts = {stem: (root / "articles" / f"{stem}.txt").read_bytes() for stem in stems}
    for k in range(copies):
        suffix = f"-copy-{k}"
        for stem in stems:
            # A marker line after the article keeps every copy's bytes distinct (the build
            # refuses the same text under two ids) and is page chrome to the body detector.
            (out / "articles" / f"{stem}{suffix}.txt").write_bytes(
                texts[stem] + f"\n[synthetic copy {k}]\n".encode("utf-8"))
            document = renamed(documents[stem], set(stems), suffix)
            (out / "articles" / f"{stem}{suffix}.yaml").write_text(
                yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


if __name__ == "__main__":
    generate(Path.cwd(), Path(sys.argv[1]), int(sys.argv[2]))
