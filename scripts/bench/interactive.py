"""The interactive build against the start-up floor, as the benchmark issue defines both.

* Floor: a fresh interpreter importing frictionless, pyarrow, pyarrow.parquet, pycountry,
  yaml and pymorphy3, and loading both pymorphy3 analysers (ru, uk).
* Edit: whole-process `make` right after one curation file was edited (a comment line
  with a new number appended, so its bytes, and the article's cache key, change).

Measured twice: `make` building directly, and with `make serve` running (the build kept
warm in a server process, scripts/build/server.py). The two alternate, run by run, so that the machine's load at a moment weighs on both; the
report gives both medians and the pairwise ratios (median, least, greatest). The edited
file is restored and the package rebuilt from it at the end, so the repository is left as
it was (the build is byte-reproducible).
"""
from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

FLOOR = ("import frictionless, pyarrow, pyarrow.parquet, pycountry, yaml, pymorphy3; "
         "pymorphy3.MorphAnalyzer(lang='ru'); pymorphy3.MorphAnalyzer(lang='uk')")
EDITED = Path("articles") / "charter97-2025-10-31-maduro-putin.yaml"


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def measure(root: Path, runs: int = 7, make: list[str] | None = None) -> dict:
    """Floor and edit-then-make, alternating; seconds and ratios. `make` is the command
    that builds (default: make)."""
    make = make or ["make", "--no-print-directory"]
    path = root / EDITED
    original = path.read_bytes()
    floors, edits = [], []
    try:
        subprocess.run(make, cwd=root, check=True, capture_output=True)   # start from a built package
        for run in range(runs):
            floors.append(timed([sys.executable, "-c", FLOOR], root))
            path.write_bytes(original + f"\n# interactive benchmark edit {run}\n".encode())
            edits.append(timed(make, root))
    finally:
        path.write_bytes(original)
        subprocess.run(make, cwd=root, check=True, capture_output=True)
    ratios = [edit / floor for edit, floor in zip(edits, floors)]
    return {"runs": runs, "floor_s": round(statistics.median(floors), 3),
            "edit_make_s": round(statistics.median(edits), 3),
            "ratio_median": round(statistics.median(ratios), 2),
            "ratio_min": round(min(ratios), 2), "ratio_max": round(max(ratios), 2),
            "floor_spread_s": [round(min(floors), 3), round(max(floors), 3)],
            "edit_spread_s": [round(min(edits), 3), round(max(edits), 3)]}


def with_server(root: Path, runs: int = 7) -> dict:
    """measure(), with `make serve` running (scripts/build/server.py)."""
    log = open(os.devnull, "w")
    server = subprocess.Popen([sys.executable, "-m", "scripts.build.server"], cwd=root, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 120
        while not (root / ".cache" / "build.sock").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the build server did not start")
            time.sleep(0.1)
        return measure(root, runs)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        log.close()


def main() -> int:
    root = Path.cwd()
    print({"direct": measure(root), "with make serve": with_server(root)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
