"""Map a function over many independent items on every core, keeping their order.

Articles are independent until their rows are joined, so reading them and detecting
their mentions can run in parallel. Few items run sequentially: starting workers costs
more than it saves for the real package's two articles. Workers are forked, so they
inherit what the parent has already loaded (the `shared` argument: schemas, reference
data, the mention detector) instead of receiving a pickled copy with every task; the
function must be a module-level function (pickled by name).

Workers die with the build: each asks the kernel for SIGKILL when its parent dies (Linux
PR_SET_PDEATHSIG), so a build killed even with SIGKILL leaves no worker running, and each
ignores SIGINT, so that Ctrl-C interrupts the parent only, which then terminates the pool.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys

MIN_ITEMS = 200

# (function, shared) of the map in progress: set before the workers fork, so each
# inherits it; only the items travel to the workers.
_TASK: tuple | None = None


def _call(item):
    function, shared = _TASK
    return function(shared, item)


def die_with_parent(parent: int) -> None:
    """In a forked child of process `parent`: be killed when the parent dies, leave SIGINT
    (Ctrl-C) to the parent, and end now if the parent died before this was set."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        try:
            ctypes.CDLL(None, use_errno=True).prctl(
                pr_set_pdeathsig, ctypes.c_ulong(signal.SIGKILL), *[ctypes.c_ulong(0)] * 3)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, 8)


def ordered_map(function, shared, items, min_items: int | None = None) -> list:
    """[function(shared, item) for item in items], on all cores when there are at least
    min_items. Items go to the workers one at a time: each is already a large unit of work
    (a run of articles), and larger chunks leave a core idle at the end."""
    global _TASK
    items = list(items)
    min_items = MIN_ITEMS if min_items is None else min_items
    if len(items) < min_items or workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(shared, item) for item in items]
    _TASK = (function, shared)
    try:
        # Leaving the block, normally or by an exception (KeyboardInterrupt included),
        # terminates the workers.
        with multiprocessing.get_context("fork").Pool(workers(), die_with_parent, (os.getpid(),)) as pool:
            return pool.map(_call, items, chunksize=1)
    finally:
        _TASK = None
