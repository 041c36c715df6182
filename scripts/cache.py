"""A cache of derived files in .cache/, kept across builds (never committed; `make clean`
removes it).

An entry is named by a kind and a digest of everything it is derived from, so a changed
input, library or piece of code misses instead of reading a stale entry; storing an entry
removes the older entries of its kind. Writing is atomic, and a cache that cannot be
written (a read-only checkout) only makes the build slower.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update((part.encode() if isinstance(part, str) else part) + b"\0")
    return h.hexdigest()[:24]


def path(cache_dir: Path, kind: str, key: str, name: str) -> Path:
    return cache_dir / f"{kind}-{key}-{name}"


def load(cache_dir: Path | None, kind: str, key: str, name: str) -> bytes | None:
    if cache_dir is None:
        return None
    try:
        return path(cache_dir, kind, key, name).read_bytes()
    except OSError:
        return None


def store(cache_dir: Path | None, kind: str, key: str, entries: dict[str, bytes]) -> None:
    """Keep `entries` (name -> bytes) as this kind's entry for `key`, replacing older ones."""
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(exist_ok=True)
        for old in cache_dir.glob(f"{kind}-*"):
            if not old.name.startswith(f"{kind}-{key}-"):
                old.unlink()
        for name, data in entries.items():
            with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, path(cache_dir, kind, key, name))
    except OSError:
        pass
