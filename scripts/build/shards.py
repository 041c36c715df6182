"""Each article's resolved rows, kept across builds in .cache/ (scripts/cache.py), so that
rebuilding a large corpus after editing one article reads, resolves and searches for
mentions that one article only.

Why per article: an article's rows depend on nothing but its own two files and what all
articles share (references into other articles are deferred and checked once they are
merged: scripts/build/across.py). So one article's result, a shard, is kept under a key
that digests exactly that:

- the article's text and curation bytes, and its id and paths (a renamed article misses);
- every shared input a result can depend on: reference/*.yaml, the lexicon files and
  schemas/ (a change there misses for every article, as a full build would be needed);
- the build's code: every .py file under scripts/ except the tools beside the build
  (scripts/bench/, scripts/curator/), which no result depends on;
- the Python version and every installed distribution's version, rather than a list of
  the libraries that matter, which could fall behind the imports.

Only a clean result is kept: an article with a problem is resolved again by every build,
so its problems are reported exactly as without the cache. An entry holds the article's
rows (one Arrow IPC stream per table), its index entries, warnings and deferred
references; file paths are kept as "the article's text" or "its curation file" and made
again from this build's paths, so a moved checkout reads them correctly. Entries are
authenticated like every entry in .cache/ (an HMAC under a key kept outside the
repository); one that does not verify or cannot be read is ignored, and the article is
resolved again. Nothing in an entry is unpickled or evaluated: JSON and Arrow IPC only.

Entries of articles the build no longer has (removed, renamed, edited) are pruned once
they outnumber the current articles' (PRUNE_FACTOR), so a branch switched back and forth
keeps its entries but the cache never grows past a few times the corpus.
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from scripts import cache, inputs, registry
from scripts.build.scope import Deferred
from scripts.context import Context

KIND, NAME = "article", "resolved"  # entries are .cache/article-<key>-resolved
FORMAT = b"article shard 1 zstd\n"  # first line of an entry's body: its layout and version
# An entry is a quarter of its size compressed (about 8 KB for an article), for a few
# hundredths of a millisecond: pyarrow's own zstd.
CODEC = "zstd"
PRUNE_FACTOR, PRUNE_SLACK = 2, 100  # prune past PRUNE_FACTOR x articles + PRUNE_SLACK entries
TEXT, CURATION = "text", "curation"  # how an entry names the article's two files
SCRIPTS = Path(__file__).resolve().parents[1]
TOOLS = ("bench", "curator")  # under scripts/: not build inputs (Makefile, CODE_DIRS)


@dataclass
class Shard:
    """What one article contributes to the build (see scripts/build/resolve.py, Part), for
    an article without problems: its rows by table, its index entries (table, id, file,
    line), its warnings and its deferred references."""
    rows: dict[str, pa.RecordBatch] = field(default_factory=dict)
    index: list[tuple] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    deferred: list[Deferred] = field(default_factory=list)


def code_files() -> list[Path]:
    """The build's own code: what a result can depend on."""
    return sorted(path for path in SCRIPTS.rglob("*.py")
                  if path.relative_to(SCRIPTS).parts[0] not in TOOLS)


def shared_files(context: Context) -> list[Path]:
    """The inputs every article is resolved with (as the Makefile lists them, but the
    lexicon's every file, as the mention detector reads them)."""
    return sorted([*context.reference_dir.glob("*.yaml"), *context.lexicon_dir.glob("*"),
                   *context.schemas_dir.glob("*")])


def libraries() -> list[str]:
    return sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())


def inputs_digest(context: Context) -> str | None:
    """Digest of everything besides its own files that an article's result depends on;
    None when one of them cannot be read (then the build reports it, uncached)."""
    parts: list[bytes | str] = [sys.version, *libraries()]
    try:
        for path in code_files():
            parts += [path.relative_to(SCRIPTS).as_posix(), path.read_bytes()]
        for path in shared_files(context):
            if path.is_dir() and not path.is_symlink():
                continue
            parts += [path.relative_to(context.root).as_posix(), inputs.read_bytes(path)]
    except (OSError, inputs.InputError):
        return None
    return cache.digest(*parts)


@dataclass(frozen=True)
class Shards:
    """The shards in one build's .cache/: read and written by the workers (which inherit
    this object when they fork), pruned by the parent."""
    context: Context
    secret: bytes
    inputs: str

    @classmethod
    def open(cls, context: Context) -> Shards | None:
        """The cache of this build, or None when it cannot be used: no safe key or a
        tracked file (scripts/cache.py), an unreadable input, a cache that cannot be made."""
        secret = cache.usable(context.cache_dir) if pa.Codec.is_available(CODEC) else None
        digest = inputs_digest(context) if secret is not None else None
        if digest is None:
            return None
        try:
            context.cache_dir.mkdir(exist_ok=True)
        except OSError:
            return None
        return cls(context, secret, digest)

    def key(self, pair: tuple[str, Path, Path]) -> tuple[str, tuple[bytes, bytes]] | None:
        """The key of an article's entry, and the bytes it was made from (to check that
        they did not change while the article was resolved); None when a file cannot be
        read as an input (resolving it reports why)."""
        stem, text_path, yaml_path = pair
        try:
            read = (inputs.read_bytes(text_path, "the article's"),
                    inputs.read_bytes(yaml_path, "the curation file's"))
            names = [path.relative_to(self.context.root).as_posix() for path in (text_path, yaml_path)]
        except (inputs.InputError, ValueError):
            return None
        sizes = " ".join(str(len(data)) for data in read)  # no two splits of the bytes share a key
        return cache.digest(self.inputs, stem, *names, sizes, *read), read

    def unchanged(self, pair: tuple[str, Path, Path], read: tuple[bytes, bytes]) -> bool:
        """The article's files still hold the bytes its key was made from."""
        try:
            return (inputs.read_bytes(pair[1]), inputs.read_bytes(pair[2])) == read
        except inputs.InputError:
            return False

    def load(self, key: str, pair: tuple[str, Path, Path]) -> Shard | None:
        """The article's shard if its entry exists, verifies and reads, else None."""
        data = cache.read_entry(self.context.cache_dir, self.secret, KIND, key, NAME)
        if data is None or not data.startswith(FORMAT):
            return None
        try:
            size = int.from_bytes(data[len(FORMAT):len(FORMAT) + 8], "big")
            body = pa.Codec(CODEC).decompress(data[len(FORMAT) + 8:], size, asbytes=True)
            return self._decode(memoryview(body), pair)
        except Exception:  # noqa: BLE001 - an entry that cannot be read is resolved again
            return None

    def store(self, key: str, pair: tuple[str, Path, Path], shard: Shard) -> bool:
        """Keep the shard of an article without problems; False if it cannot be kept."""
        files = {str(pair[1]): TEXT, str(pair[2]): CURATION}
        index = [[table, record_id, files.get(str(file)), line] for table, record_id, file, line in shard.index]
        deferred = [[d.value, d.table, d.key, files.get(d.file), d.record, d.line] for d in shard.deferred]
        if any(entry[2] is None for entry in index) or any(entry[3] is None for entry in deferred):
            return False  # a path this format cannot name: not kept (never seen)
        streams = []
        for table, rows in shard.rows.items():
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, rows.schema) as writer:
                writer.write_batch(rows)
            streams.append((table, sink.getvalue()))
        header = json.dumps({"tables": [[table, stream.size] for table, stream in streams],
                             "index": index, "warnings": shard.warnings, "deferred": deferred},
                            ensure_ascii=False).encode("utf-8")
        body = b"".join([len(header).to_bytes(8, "big"), header,
                         *(stream.to_pybytes() for _, stream in streams)])
        data = FORMAT + len(body).to_bytes(8, "big") + pa.Codec(CODEC).compress(body, asbytes=True)
        return cache.write_entry(self.context.cache_dir, self.secret, KIND, key, NAME, data)

    def _decode(self, body: memoryview, pair: tuple[str, Path, Path]) -> Shard | None:
        size = int.from_bytes(body[:8], "big")
        header = json.loads(bytes(body[8:8 + size]).decode("utf-8"))
        files = {TEXT: pair[1], CURATION: pair[2]}
        shard = Shard(warnings=header["warnings"])
        shard.index = [(table, record_id, files[which], line) for table, record_id, which, line in header["index"]]
        shard.deferred = [Deferred(value, table, key, str(files[which]), record, line)
                          for value, table, key, which, record, line in header["deferred"]]
        offset = 8 + size
        for table, length in header["tables"]:
            batches = list(pa.ipc.open_stream(pa.py_buffer(body[offset:offset + length])))
            offset += length
            expected = self.context.arrow_columns(table, registry.COUNT_COLUMNS)
            if len(batches) != 1 or not batches[0].schema.equals(expected):
                return None
            shard.rows[table] = batches[0]
        return shard if offset == len(body) else None

    def prune(self, used: set[str], articles: int) -> int:
        """Remove the entries of articles this build did not have, once there are more than
        PRUNE_FACTOR x articles (+ PRUNE_SLACK) entries; the number removed."""
        prefix, suffix = f"{KIND}-", f"-{NAME}"
        try:
            names = [entry.name for entry in os.scandir(self.context.cache_dir)
                     if entry.name.startswith(prefix) and entry.name.endswith(suffix)]
        except OSError:
            return 0
        if len(names) <= PRUNE_FACTOR * articles + PRUNE_SLACK:
            return 0
        removed = 0
        for name in names:
            if name[len(prefix):-len(suffix)] not in used:
                try:
                    (self.context.cache_dir / name).unlink()
                    removed += 1
                except OSError:
                    pass
        return removed


__all__ = ["Shard", "Shards"]
