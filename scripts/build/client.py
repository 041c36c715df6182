"""What `make` runs to build: through the build server when one is running (`make serve`,
scripts/build/server.py), else the build itself (`python -m scripts.build`).

The server is used only when its socket (.cache/build.sock) is a socket owned by this
user and the server answers for the same code, schemas and libraries (warm.py); in every
other case, and if the server goes away, the build runs here, exactly as without it.
The output and the exit code are the build's either way. Light on purpose: only the
standard library is imported before the choice is made.
"""
from __future__ import annotations

import json
import os
import socket
import stat
import sys
from pathlib import Path

from scripts.build.warm import TRAILER, socket_path, state_digest


def through_server(root: Path) -> int | None:
    """The exit code of the build the server ran, or None when there is no usable server."""
    path = socket_path(root)
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISSOCK(info.st_mode) or info.st_uid != os.getuid():
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with connection:
        try:
            connection.connect(str(path))
            connection.sendall(json.dumps({"digest": state_digest(root)}).encode() + b"\n")
            answer = _line(connection)
        except OSError:   # no server behind the socket (it was stopped by a signal)
            return None
        if answer != b"ok":
            if answer == b"stale":
                print("The build server runs older code: building directly (restart it with "
                      "`make serve`).", file=sys.stderr)
            return None
        # The server builds now: whatever happens, not a second build here.
        try:
            return _relay(connection)
        except BrokenPipeError:   # our own output was closed (`make | head`)
            return 141
        except OSError:
            print("The build server stopped during the build: run `make` again.", file=sys.stderr)
            return 1


def _line(connection: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n") and len(data) < 64:
        chunk = connection.recv(1)
        if not chunk:
            break
        data += chunk
    return data.strip()


def _relay(connection: socket.socket) -> int | None:
    """Copy the build's output to stdout until the exit code arrives."""
    out = sys.stdout.buffer
    pending = b""
    while True:
        chunk = connection.recv(65536)
        if not chunk:   # the server went away mid-build: the package is the previous one
            out.write(pending)
            out.flush()
            print("The build server stopped during the build: run `make` again.", file=sys.stderr)
            return 1
        pending += chunk
        at = pending.find(TRAILER)
        if at >= 0:   # the build's output never holds a NUL: this is the end
            out.write(pending[:at])
            pending = pending[at:]
            if pending.endswith(b"\n"):
                out.flush()
                return int(pending[len(TRAILER):].strip() or 1)
            continue
        keep = len(TRAILER)   # a trailer may arrive split over two chunks
        out.write(pending[:-keep] if len(pending) > keep else b"")
        pending = pending[-keep:] if len(pending) > keep else pending


def main() -> int:
    code = through_server(Path.cwd())
    if code is not None:
        return code
    from scripts.build.__main__ import main as build

    return build()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("Interrupted (Ctrl-C): datapackage/ is a complete package, the previous one or the "
              "new one (README, \"Interrupted builds\").", file=sys.stderr)
        sys.exit(130)
