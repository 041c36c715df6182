"""What the build server (server.py) and `make` (client.py) agree on: where the server
listens, and the digest of everything a warm server holds in memory.

A server started by `make serve` has imported the build's code and libraries, parsed the
table schemas and loaded the mention detector; a build it runs is a fork of that process.
So it may serve a build only while those are what they were when it started: the digest
covers the build's code (every .py file under scripts/), the table schemas, the
requirements files and the installed libraries (the site-packages directory's time,
which changes when a package is installed or removed) and the Python version. Inputs the
build reads afresh each time (articles, curation, reference/, the lexicon) are not in it.
Only standard-library modules are imported here: the client must stay light.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1]
SOCKET = Path(".cache") / "build.sock"   # under the repository root
TRAILER = b"\0exit "                     # then the build's exit code and a newline


def socket_path(root: Path) -> Path:
    return root / SOCKET


def state_digest(root: Path) -> str:
    """Digest of the code, schemas, requirements and libraries a warm server holds."""
    digest = hashlib.sha256(sys.version.encode())
    files = sorted(SCRIPTS.rglob("*.py")) + sorted((root / "schemas").glob("*.json")) \
        + sorted(root.glob("requirements*.txt"))
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"(unreadable)"
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    for entry in sys.path:
        if entry.endswith("site-packages"):
            try:
                digest.update(str(os.stat(entry).st_mtime_ns).encode())
            except OSError:
                pass
    return digest.hexdigest()
