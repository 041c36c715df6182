"""`make serve`: keep the build warm, so that `make` after an edit costs little more than
Python starting (BENCHMARKS.md, "The interactive build").

A plain `make` pays, every time, for importing the build and its libraries and loading
both pymorphy3 dictionaries, which is most of what one edited article costs. This
server pays for them once: it imports the build, parses the table schemas, loads the
mention detector, and waits on a Unix socket (.cache/build.sock, readable by its owner
only). `make` (scripts/build/client.py) hands it the build; the server forks, and the
child, a copy of the warm process, runs exactly what `python -m scripts.build` runs, its
output going straight to `make`'s terminal, then reports its exit code. Builds are one at
a time, and each is a fresh fork, so nothing of one build is left for the next.

It never serves stale code: each request carries the digest of the code, schemas,
requirements and libraries (warm.py) as the client sees them; if they changed since the
server started, it answers "stale" and exits, and `make` builds directly. If `make` goes
away (Ctrl-C), the build is interrupted (SIGINT, then SIGKILL after a grace period); the
package is never left half-written (scripts/build/publish.py). Only a peer of the same
user is served. Stop the server with Ctrl-C.
"""
from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import struct
import sys
import time
from pathlib import Path

from scripts.build.warm import TRAILER, socket_path, state_digest

GRACE_S = 5.0


def warm(root: Path) -> None:
    """Everything a build would otherwise import, parse or load the first time: a whole
    build into a temporary directory (the package in datapackage/ is not touched), which
    also fills the caches of what it reads (schemas, validators, the mention detector,
    pycountry's databases, the EDTF grammar). A build that fails (bad input) warms most of
    it too."""
    import tempfile

    from scripts.build.run import build
    from scripts.errors import BuildError

    with tempfile.TemporaryDirectory(prefix="build-server-warm-") as tmp:
        with contextlib.suppress(BuildError, Exception), contextlib.redirect_stdout(sys.stderr):
            build(root, Path(tmp) / "datapackage")


def peer_uid(connection: socket.socket) -> int | None:
    try:
        credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):
        return None
    return struct.unpack("3i", credentials)[1]


def serve(root: Path) -> int:
    path = socket_path(root)
    digest = state_digest(root)
    warm(root)
    path.parent.mkdir(exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o177)
    try:
        listener.bind(str(path))
    finally:
        os.umask(old_mask)
    listener.listen(4)
    print(f"Build server ready on {path.relative_to(root)}: `make` builds through it until you "
          "stop it (Ctrl-C) or the code changes.", file=sys.stderr, flush=True)
    try:
        while True:
            connection, _ = listener.accept()
            with connection:
                if not handle(connection, root, digest):
                    return 0
    except KeyboardInterrupt:
        return 0
    finally:
        listener.close()
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def handle(connection: socket.socket, root: Path, digest: str) -> bool:
    """Serve one request; False when the server must stop (its code is stale)."""
    if peer_uid(connection) not in (None, os.getuid()):
        return True
    request = b""
    while not request.endswith(b"\n") and len(request) < 4096:
        chunk = connection.recv(4096)
        if not chunk:
            return True
        request += chunk
    try:
        asked = json.loads(request)
    except ValueError:
        return True
    if asked.get("digest") != digest:
        connection.sendall(b"stale\n")
        print("The build's code, schemas or libraries changed: the server stops (start it again "
              "with `make serve`).", file=sys.stderr)
        return False
    connection.sendall(b"ok\n")
    child = os.fork()
    if child == 0:   # the build, in a copy of the warm process
        code = 1
        try:
            os.chdir(root)
            for stream in (1, 2):
                os.dup2(connection.fileno(), stream)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            from scripts.build.__main__ import main
            code = main()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            # os._exit runs no finalizers: a large build's temporary table files go now.
            from scripts.build.spill import remove_own
            remove_own()
            os._exit(code)
    started = time.monotonic()
    code = wait(child, connection)
    with contextlib.suppress(OSError):
        connection.sendall(TRAILER + f"{code}\n".encode())
    print(f"served a build (exit {code}) in {time.monotonic() - started:.2f} s", file=sys.stderr, flush=True)
    return True


def wait(child: int, connection: socket.socket) -> int:
    """The child's exit code; if the client goes away first, interrupt the child."""
    interrupted_at = None
    while True:
        done, status = os.waitpid(child, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) if status else 0
        readable, _, _ = select.select([connection], [], [], 0.05)
        if readable and interrupted_at is None and not connection.recv(1, socket.MSG_PEEK):
            os.kill(child, signal.SIGINT)   # the client left: stop the build
            interrupted_at = time.monotonic()
        if interrupted_at is not None and time.monotonic() - interrupted_at > GRACE_S:
            os.kill(child, signal.SIGKILL)


def main() -> int:
    if not hasattr(os, "fork") or not hasattr(socket, "AF_UNIX"):
        print("make serve needs fork and Unix sockets (Linux, macOS); `make` builds directly.",
              file=sys.stderr)
        return 2
    return serve(Path.cwd())


if __name__ == "__main__":
    sys.exit(main())
