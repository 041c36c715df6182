"""Publish stage: swap a validated package into place, so that at every moment of a build,
even one killed with SIGKILL, the package directory holds a complete package, the
previous one or the new one.

- `locked(parent)`: one build at a time writes beside a package directory (an flock on
  the directory holding it, for the whole build; a second build waits, saying so).
- `recover(target)`, first thing under the lock: an interrupted build may have left a
  complete previous package set aside (`.datapackage-old-*/<name>`, only ever there
  between the two renames of the fallback below) while `<name>` is missing: it is put
  back. Everything else an interrupted build left (`.datapackage-new-*`, `.datapackage-
  old-*`) is removed: under the lock, no other build is using it.
- `publish(staging, target)`: fsync the staging tree, then swap it with the target in one
  step (Linux renameat2 with RENAME_EXCHANGE) and remove the previous tree. Where that is
  missing (not Linux, an old kernel or a file system without it), two renames: target
  aside into `.datapackage-old-*`, then staging into place; a build killed between them
  leaves no target, which `recover` repairs. SIGINT, SIGTERM and SIGHUP wait until the
  swap is done.

`checkpoint(name)` is the fault-injection hook of the interrupt tests
(tests/test_interrupts.py): with BUILD_FAULT=<name>[:kill|interrupt|ctrl-c] in the
environment the build stops itself there. The variable is read once, at import.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

STAGING_PREFIX = ".datapackage-new-"  # a package being written, or a tree being removed
OLD_PREFIX = ".datapackage-old-"      # holds a complete previous package while it is set aside

_FAULT = os.environ.get("BUILD_FAULT") or None


def checkpoint(name: str) -> None:
    """Stop the build here if BUILD_FAULT names this point (see tests/test_interrupts.py):
    `kill` (the default) SIGKILLs the build, `interrupt` raises KeyboardInterrupt, and
    `ctrl-c` sends SIGINT to the whole process group, as Ctrl-C in a terminal does (to make
    too, if it runs the build: start the build in a process group of its own)."""
    if _FAULT is None:
        return
    point, _, action = _FAULT.partition(":")
    if point != name:
        return
    if action == "interrupt":
        raise KeyboardInterrupt(f"BUILD_FAULT at {name}")
    if action == "ctrl-c":
        os.killpg(os.getpgrp(), signal.SIGINT)
        for _ in range(20):  # KeyboardInterrupt arrives in here, unless SIGINT is deferred
            time.sleep(0.01)
        return
    os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def locked(directory: Path):
    """Hold an exclusive flock on directory (where the package and its staging directories
    are) until the block ends; wait, saying so, while another build holds it. Without
    flock (not POSIX, or a file system refusing it) the block runs unlocked."""
    try:
        import fcntl
    except ImportError:
        yield False
        return
    try:
        descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    except OSError:  # a directory that cannot be read: the build fails later, saying why
        yield False
        return
    try:
        exclusive = True
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Another build is writing a package in {directory}/: waiting for it to "
                  "finish (or stop it).", file=sys.stderr, flush=True)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError:
            exclusive = False
        yield exclusive
    finally:
        os.close(descriptor)  # releases the lock (forked workers die with the build)


def recover(target: Path) -> list[str]:
    """Undo what interrupted builds left beside target; call it holding `locked`. Returns
    what was put back, as messages."""
    parent, restored = target.parent, []
    for old in sorted(parent.glob(OLD_PREFIX + "*")):
        if old.is_dir() and not old.is_symlink():
            for package in old.iterdir():
                place = parent / package.name
                if package.is_dir() and not package.is_symlink() and not os.path.lexists(place):
                    os.rename(package, place)
                    sync_directory(parent)
                    restored.append(f"restored {place.name}/ (the previous package) from {old.name}/, "
                                    "which an interrupted build left")
        discard(old)
    for leftover in sorted(parent.glob(STAGING_PREFIX + "*")):
        discard(leftover)
    return restored


def discard(path: Path) -> None:
    """Remove a tree an interrupted or finished build left. A `.datapackage-old-*` tree is
    first renamed to a `.datapackage-new-*` name, so that a removal cut short never leaves a
    partial tree that `recover` would take for a complete package. Symbolic links are
    removed, never followed."""
    if path.is_symlink() or not path.is_dir():
        with contextlib.suppress(OSError):
            path.unlink()
        return
    if path.name.startswith(OLD_PREFIX):
        junk = path.with_name(STAGING_PREFIX + path.name[len(OLD_PREFIX):])
        with contextlib.suppress(OSError):
            os.rename(path, junk)
            path = junk
    shutil.rmtree(path, ignore_errors=True)


def sync_tree(directory: Path) -> None:
    """fsync every file and directory below directory, and directory: the package is on
    disk before it is swapped in (about a millisecond per file)."""
    for path in sorted(directory.rglob("*"), reverse=True):  # files before their directory
        if path.is_symlink():
            continue
        if path.is_dir():
            sync_directory(path)
        else:
            descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
    sync_directory(directory)


def sync_directory(directory: Path) -> None:
    """fsync a directory, making renames in it durable (where directories can be opened)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


AT_FDCWD, RENAME_EXCHANGE = -100, 2


def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28+, musl 1.2.4+
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


renameat2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap the two paths in one atomic step; False if this system cannot (nothing changed)."""
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (38, 22, 95):  # ENOSYS (kernel), EINVAL (file system), EOPNOTSUPP
        return False
    raise OSError(error, os.strerror(error), str(a), None, str(b))


def publish(staging: Path, target: Path) -> None:
    """Replace target by staging (a complete, validated package on the same file system)."""
    sync_tree(staging)
    old = None
    with signals_deferred():
        if os.path.lexists(target) and exchange(staging, target):
            old = staging  # now holds the previous package
        else:
            if os.path.lexists(target):
                old = Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=target.parent))
                os.rename(target, old / target.name)
                checkpoint("between-renames")  # the window `recover` repairs
            try:
                os.rename(staging, target)
            except BaseException:
                if old is not None:
                    os.rename(old / target.name, target)
                raise
        sync_directory(target.parent)
    checkpoint("published")
    if old is not None:
        discard(old)


@contextlib.contextmanager
def signals_deferred(signals=(signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None))):
    """Hold back SIGINT, SIGTERM and SIGHUP while the block runs (a few system calls), then
    deliver them as they would have been: Ctrl-C then interrupts the build after the swap,
    not between its two renames. Only the main thread can do this; elsewhere it does not."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {}
    try:
        for number in filter(None, signals):
            if signal.getsignal(number) is not None:  # None: a handler not set from Python
                previous[number] = signal.signal(number, lambda number, frame: received.append(number))
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(received):
            signal.raise_signal(number)
