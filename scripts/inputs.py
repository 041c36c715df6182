"""Input files are regular files inside the repository, or they are refused.

The build reads only what is in the repository (articles/, reference/, schemas/). A
symbolic link could make it read any file the user can read (`articles/x.txt ->
/etc/passwd`) and publish it as an article's text or hash; a named pipe (FIFO) or a
device would block the build forever or never end. So every input is checked with
os.lstat before it is opened (which does not follow links and does not open anything),
and opened with O_NOFOLLOW | O_NONBLOCK, checked again on the open descriptor, so that
nothing can be swapped in between.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path


class InputError(Exception):
    """An input file that cannot be used: `what` is wrong with it and `fix` says what to do."""

    def __init__(self, what: str, fix: str):
        super().__init__(f"{what}; {fix}")
        self.what, self.fix = what, fix


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def _not_regular(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def problem(path: Path, noun: str = "the file's") -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when path is a link or not a regular file; None when
    it is a regular file (or missing: callers say what a missing file means to them).
    `noun` names whose bytes belong in the repository ("the article's")."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return (f"cannot be examined: {exc.strerror}", "check the file's permissions and the "
                "directories above it")
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return (f"is a symbolic link (to {target}); the build reads only files inside the "
                f"repository", f"copy {noun} bytes into the repository instead of linking to them")
    if not stat.S_ISREG(mode):
        return (f"is {_not_regular(mode)}, not a regular file",
                f"remove it, or replace it by a regular file holding {noun} bytes")
    return None


def read_bytes(path: Path, noun: str = "the file's", limit: int | None = None) -> bytes:
    """The bytes of a regular input file; InputError for a link, a directory, a FIFO, a
    device, an unreadable file or (with `limit`) a file larger than limit bytes."""
    found = problem(path, noun)
    if found is None and not os.path.lexists(path):
        found = ("is missing", "restore it, or remove what refers to it")
    if found:
        raise InputError(*found)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}",
                         "make it readable (e.g. chmod a+r FILE) or replace it") from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):  # replaced between the check and the open
            raise InputError(f"is {_not_regular(mode)}, not a regular file",
                             f"remove it, or replace it by a regular file holding {noun} bytes")
        try:
            data = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot be read: {exc.strerror}", "check the disk and the file") from None
    if limit is not None and len(data) > limit:
        raise InputError(f"is over {limit:,} bytes", "split it, or check that it is the right file")
    return data


def outside(path: Path, root: Path) -> Path | None:
    """Where path really is when a symbolic link on its way leads outside root, else None."""
    real = Path(os.path.realpath(path))
    try:
        real.relative_to(Path(os.path.realpath(root)))
    except ValueError:
        return real
    return None
