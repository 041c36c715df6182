"""A cache of derived files in .cache/, kept across builds (never committed; `make clean`
removes it).

An entry is named by a kind and a digest of everything it is derived from, so a changed
input, library or piece of code misses instead of reading a stale entry; storing an entry
removes the older entries of its kind (store), except for a kind with an entry per article,
which its module prunes itself (write_entry; scripts/build/shards.py). Writing is atomic,
and a cache that cannot be written (a read-only checkout) only makes the build slower.

Entries are authenticated. Some are pickles, and unpickling runs code, so a file planted
in .cache/ (by a pull request, an archive, another user) must never be loaded: each entry
carries an HMAC-SHA256 of its name and bytes under a key kept outside the repository
(hmac_key_path(): $XDG_CACHE_HOME/<project>/hmac-key, else ~/.cache/<project>/hmac-key,
created with 32 random bytes and mode 0600 on first use). An entry whose MAC does not
verify is treated as missing, before anything reads its content, and rebuilt. Without a
usable key (it cannot be created, it lies inside the repository, others may read it) the
disk cache is not used at all. A file under .cache/ that git tracks is refused too, with a
message: nothing in .cache/ may come from the repository.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = "venezuela-military-aid-requests"
KEY_BYTES = 32
MAX_ENTRY_BYTES = 1 << 30  # far above any entry (the detector is ~0.5 MB)
_MAGIC = b"HMAC-SHA256 "  # first line of an entry: magic, hex MAC, newline; then the bytes
_reported: set[Path] = set()  # caches whose tracked files were reported in this process


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update((part.encode() if isinstance(part, str) else part) + b"\0")
    return h.hexdigest()[:24]


def path(cache_dir: Path, kind: str, key: str, name: str) -> Path:
    return cache_dir / f"{kind}-{key}-{name}"


def hmac_key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec: a relative path is invalid and must be ignored.
    directory = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return directory / PROJECT / "hmac-key"


def _create_key(key_path: Path) -> None:
    """Write a new random key, atomically: the file appears complete or not at all, and a
    concurrent build that created it first wins."""
    key_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=key_path.parent, prefix=".hmac-key-")
    try:
        with os.fdopen(descriptor, "wb") as handle:  # mkstemp creates it with mode 0600
            handle.write(os.urandom(KEY_BYTES))
        try:
            os.link(temporary, key_path)
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)


def hmac_key(root: Path | None = None) -> bytes | None:
    """The key that authenticates cache entries, created on first use; None when there is
    no safe key (then the disk cache is not used)."""
    try:
        key_path = hmac_key_path()
    except (RuntimeError, KeyError, OSError):  # no home directory to keep the key in
        return None
    if root is not None:
        try:
            key_path.parent.resolve().relative_to(root.resolve())
            return None  # a key inside the repository could come from the repository
        except ValueError:
            pass
        except OSError:
            return None
    try:
        if not os.path.lexists(key_path):
            _create_key(key_path)
        descriptor = os.open(key_path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            key = handle.read(KEY_BYTES + 1)
    except OSError:
        return None
    owner_ok = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    if (not stat.S_ISREG(status.st_mode) or status.st_mode & 0o077 or not owner_ok
            or len(key) != KEY_BYTES):
        return None
    return key


def _mac(secret: bytes, name: str, data: bytes) -> bytes:
    return hmac.new(secret, name.encode() + b"\0" + data, hashlib.sha256).hexdigest().encode()


def tracked(cache_dir: Path) -> list[str]:
    """Files under cache_dir that git tracks in the work tree holding it ([] without git)."""
    try:
        result = subprocess.run(["git", "-C", str(cache_dir.parent), "ls-files", "-z", "--",
                                 cache_dir.name], stdin=subprocess.DEVNULL, capture_output=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if result.returncode != 0:  # not a git work tree, or git refuses it
        return []
    return [name for name in result.stdout.decode("utf-8", "replace").split("\0") if name]


def usable(cache_dir: Path | None) -> bytes | None:
    """The key to read and write entries in cache_dir with, or None: no cache dir, no safe
    key, or files in it that git tracks (reported once on stderr)."""
    if cache_dir is None:
        return None
    files = tracked(cache_dir)
    if files:
        if cache_dir not in _reported:
            _reported.add(cache_dir)
            shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
            print(f"warning: {shown} is tracked by git. Files in "
                  f"{cache_dir.name}/ are derived by the build and must never come from the "
                  "repository (a planted file could run code when loaded), so the cache is not "
                  f"used. Fix: git rm -r --cached {cache_dir.name} (it is in .gitignore).",
                  file=sys.stderr)
        return None
    return hmac_key(cache_dir.parent)


def load(cache_dir: Path | None, kind: str, key: str, name: str) -> bytes | None:
    """The bytes of an entry if it exists and its MAC verifies, else None."""
    secret = usable(cache_dir)
    if secret is None:
        return None
    return read_entry(cache_dir, secret, kind, key, name)


def read_entry(cache_dir: Path, secret: bytes, kind: str, key: str, name: str) -> bytes | None:
    """load() with the key usable() gave: for callers reading many entries in one build,
    which ask git about the cache once, not once per entry."""
    entry = path(cache_dir, kind, key, name)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        with os.fdopen(os.open(entry, flags), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    header, newline, body = data.partition(b"\n")
    if not newline or not header.startswith(_MAGIC) or len(data) > MAX_ENTRY_BYTES:
        return None
    if not hmac.compare_digest(header[len(_MAGIC):], _mac(secret, entry.name, body)):
        return None
    return body


def store(cache_dir: Path | None, kind: str, key: str, entries: dict[str, bytes]) -> None:
    """Keep `entries` (name -> bytes) as this kind's entry for `key`, replacing older ones."""
    secret = usable(cache_dir)
    if secret is None:
        return
    try:
        cache_dir.mkdir(exist_ok=True)
        for old in cache_dir.glob(f"{kind}-*"):
            if not old.name.startswith(f"{kind}-{key}-") and not old.is_dir():
                old.unlink()
    except OSError:
        return  # a full disk or a read-only checkout: the build only gets slower
    for name, data in entries.items():
        if not write_entry(cache_dir, secret, kind, key, name, data):
            return


def write_entry(cache_dir: Path, secret: bytes, kind: str, key: str, name: str, data: bytes) -> bool:
    """Write one entry atomically with the key usable() gave, leaving every other entry
    alone (store() replaces a kind's older entries; a kind with an entry per article keeps
    them all, and prunes them itself). False when it cannot be written: the build only gets
    slower. cache_dir must exist."""
    target = path(cache_dir, kind, key, name)
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False) as handle:
            temporary = Path(handle.name)
            handle.write(_MAGIC + _mac(secret, target.name, data) + b"\n")
            handle.write(data)
        os.replace(temporary, target)
        temporary = None
    except OSError:
        return False
    finally:
        if temporary is not None:
            try:
                temporary.unlink()
            except OSError:
                pass
    return True
