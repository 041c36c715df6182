"""The corpus: generating N articles into a new repository, and the command line."""
from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

from scripts import parallel, registry
from scripts.bench.corpus.analysis import Analyser
from scripts.bench.corpus.choices import Article, Shared
from scripts.bench.corpus.entities import Entities
from scripts.bench.corpus.maker import make_article
from scripts.bench.corpus.words import ARTICLES_PER_TASK, ATTEMPTS, Dumper, POOL
from scripts.bench.synthetic import plain
from scripts.build.package import RELEASE_FILES
from scripts.yamlio import load_yaml


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------

def prepare(root: Path, seed_value: str) -> Shared:
    """Analyse the seeds of `root` (its articles/) once."""
    analyser = Analyser(root)
    stems = sorted(p.stem for p in (root / "articles").glob("*.yaml"))
    definitions: dict = defaultdict(dict)
    for stem in stems:
        document = plain(load_yaml(root / "articles" / f"{stem}.yaml"))
        for table in registry.counted():
            for record in document.get(table.name, []):
                definitions[table.name][record["id"]] = record
    reference = {record["id"]: record
                 for record in plain(load_yaml(root / "reference" / "entities.yaml"))["entities"]}
    seeds = []
    for stem in stems:
        try:
            seeds.append(analyser.seed(root, stem, definitions, reference))
        except (ValueError, KeyError) as exc:  # a layout or curation this generator cannot take apart
            print(f"corpus: {stem} is not used as a seed: {exc}", file=sys.stderr)
    if not seeds:
        raise ValueError(f"no article in {root / 'articles'} can be used as a seed")
    entities = Entities(analyser, reference, seeds, seed_value)
    return Shared(root, Path(), seed_value, seeds, analyser, entities)


def warm(shared: Shared) -> None:
    """Render and check every slot for every country of the pool (before workers fork, so
    that they share the results instead of each computing them)."""
    for seed_index, seed in enumerate(shared.seeds):
        for slot_index, slot in enumerate(seed.slots):
            if slot.kind == "country" and not slot.pinned:
                for country in POOL:
                    shared.analyser.check(seed_index, seed, slot_index, country)


def article(shared: Shared, k: int, taken: frozenset = frozenset()) -> tuple[Article, str]:
    """Article k: the first draw that gives a consistent article whose text is not in `taken`."""
    for attempt in range(ATTEMPTS):
        made = make_article(shared, k, attempt)
        if made is None:
            continue
        digest = hashlib.sha256(made.text.encode("utf-8")).hexdigest()
        if digest not in taken:
            return made, digest
    raise RuntimeError(f"article {k}: no consistent draw in {ATTEMPTS} attempts")


def write_article(out: Path, made: Article) -> None:
    articles = out / "articles"
    (articles / f"{made.source_id}.txt").write_text(made.text, encoding="utf-8", newline="")
    (articles / f"{made.source_id}.yaml").write_text(
        yaml.dump(made.document, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000),
        encoding="utf-8")


def _run(shared: Shared, ks: range) -> list[tuple[int, str, str, dict]]:
    """Worker: write articles ks; (k, source id, sha256, new entities) of each."""
    results = []
    for k in ks:
        made, digest = article(shared, k)
        write_article(shared.out, made)
        results.append((k, made.source_id, digest, made.new_entities))
    return results


MARKER = ".synthetic-corpus"  # in every generated repository: only such a directory is replaced


class OutError(ValueError):
    pass


def check_out(root: Path, out: Path) -> None:
    """OutError unless `out` may be (re)written: not the repository or inside it, not a
    directory that holds it, and either absent, empty or a corpus this module made."""
    root, out = root.resolve(), out.resolve()
    if out == root or out in root.parents or root in out.parents:
        raise OutError(f"{out} is the repository, inside it or above it; "
                       "choose a directory outside the repository (e.g. /tmp/corpus)")
    if out.exists() and (not out.is_dir() or any(out.iterdir()) and not (out / MARKER).is_file()):
        raise OutError(f"{out} exists and is not a corpus made by scripts/bench/corpus/ "
                       f"(no {MARKER} file in it); choose a new or empty directory")


def generate(root: Path, out: Path, count: int, seed: int | str = 0,
             shared: Shared | None = None) -> Path:
    """A repository in `out` with `count` generated articles. `out` must be new, empty or a
    corpus made here before (then it is replaced); OutError otherwise."""
    check_out(root, out)
    seed_value = str(seed)
    shared = shared or prepare(root, seed_value)
    if shared.seed_value != seed_value:
        raise ValueError(f"the seeds were prepared for seed {shared.seed_value!r}, not {seed_value!r}")
    shared.out = out
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(root / "schemas", out / "schemas")
    shutil.copytree(root / "reference", out / "reference")
    for name in RELEASE_FILES:
        shutil.copyfile(root / name, out / name)
    (out / "articles").mkdir(parents=True)
    (out / MARKER).write_text(f"scripts/bench/corpus/: {count} articles, seed {seed_value}\n", encoding="utf-8")
    runs = [range(start, min(start + ARTICLES_PER_TASK, count)) for start in range(0, count, ARTICLES_PER_TASK)]
    if len(runs) > 1 and parallel.workers() > 1:
        warm(shared)
    results = [r for run in parallel.ordered_map(_run, shared, runs, min_items=2) for r in run]
    # Two draws with the same text (never seen, but the build would refuse them): the later
    # is drawn again, in k order, so the outcome does not depend on the workers.
    seen: set[str] = set()
    entities: dict = {}
    for k, source_id, digest, new in results:
        if digest in seen:
            made, digest = article(shared, k, frozenset(seen))
            for suffix in (".txt", ".yaml"):
                (out / "articles" / f"{source_id}{suffix}").unlink()
            write_article(out, made)
            new = made.new_entities
        seen.add(digest)
        entities.update(new)
    add_entities(out / "reference" / "entities.yaml", entities)
    return out


def add_entities(path: Path, entities: dict) -> None:
    """Append the new entities to the copied reference/entities.yaml, sorted by id."""
    records = [{key: value for key, value in entities[i].items() if value is not None}
               for i in sorted(entities)]
    if not records:
        return
    block = yaml.dump(records, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000)
    block = "".join(f"  {line}\n" if line else "\n" for line in block.splitlines())
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n  # --- invented for the synthetic corpus (scripts/bench/corpus/) ---\n\n" + block)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench.corpus", description=(
        "Write a repository with N generated articles (distinct texts, consistent curation)."))
    parser.add_argument("count", type=int, nargs="?", help="number of articles")
    parser.add_argument("out", type=Path, nargs="?", help="directory for the new repository")
    parser.add_argument("--seed", default="0", help="random seed (default 0): same seed, same bytes")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository with the seed articles")
    parser.add_argument("--from-environment", action="store_true",
                        help="take N, OUT and SEED from the environment (what `make corpus` passes)")
    args = parser.parse_args(argv)
    if args.from_environment:
        count, out = os.environ.get("N", ""), os.environ.get("OUT", "")
        if not count or not out:
            parser.exit(2, "usage: make corpus N=1000 OUT=dir [SEED=0]\n")
        if not count.isdigit():
            parser.exit(2, f"make corpus: N must be a number of articles, not {count!r}\n")
        args.count, args.out = int(count), Path(out)
        args.seed = os.environ.get("SEED") or args.seed
    if args.count is None or args.out is None:
        parser.error("N and OUT are required")
    if args.count < 1:
        parser.error("N must be at least 1")
    started = time.perf_counter()
    try:
        generate(args.root, args.out, args.count, args.seed)
    except OutError as exc:
        parser.exit(2, f"corpus: {exc}\n")
    out = args.out.resolve()
    print(f"{args.count} articles in {out} ({time.perf_counter() - started:.1f} s); build them with:\n"
          f"  cd {shlex.quote(str(out))} && PYTHONPATH={shlex.quote(str(args.root.resolve()))} "
          f"{shlex.quote(sys.executable)} -m scripts.build", file=sys.stderr)
    return 0

