"""Map a function over many independent items on every core, keeping their order.

Articles are independent until their rows are joined, so reading them and detecting
their mentions can run in parallel. Few items run sequentially: starting workers costs
more than it saves for the real package's two articles. Workers are forked, so they
inherit what the parent has already loaded (the `shared` argument: schemas, reference
data, the mention detector) instead of receiving a pickled copy with every task; the
function must be a module-level function (pickled by name).
"""
from __future__ import annotations

import multiprocessing
import os

MIN_ITEMS = 200

# (function, shared) of the map in progress: set before the workers fork, so each
# inherits it; only the items travel to the workers.
_TASK: tuple | None = None


def _call(item):
    function, shared = _TASK
    return function(shared, item)


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
        with multiprocessing.get_context("fork").Pool(workers()) as pool:
            return pool.map(_call, items, chunksize=1)
    finally:
        _TASK = None
