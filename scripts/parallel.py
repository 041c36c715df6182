"""Map a function over many independent items on every core, keeping their order.

Articles are independent until their rows are joined, so reading them and detecting
their mentions can run in parallel. Few items run sequentially: starting workers costs
more than it saves for the real package's two articles. Workers are forked, so they
inherit what the parent has already loaded (schemas, the mention detector) instead of
loading it again; the function must be a module-level function (pickled by name).
"""
from __future__ import annotations

import multiprocessing
import os

MIN_ITEMS = 200


def ordered_map(function, items, min_items: int | None = None, chunksize: int | None = None) -> list:
    """[function(item) for item in items], on all cores when there are at least min_items.

    Items go to the workers in chunks of `chunksize` (by default an eighth of a worker's
    share); items that are already large units of work should go one at a time, or the
    last chunk leaves the other cores idle."""
    items = list(items)
    min_items = MIN_ITEMS if min_items is None else min_items
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)
    if len(items) < min_items or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(function, items, chunksize=chunksize or max(1, len(items) // (workers * 8)))
