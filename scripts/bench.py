"""`make bench`: measure the build on this machine and write BENCHMARKS.md + benchmarks.json.

Timings are medians over several runs, measured here rather than asserted in tests:
the machines are shared and noisy. Measured: the start-up floor (a bare Python that
imports the build's dependencies), the full build as a fresh process, each stage of the
build in-process, and a no-op `make`.
"""
from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import bench_mentions
from .build import build

RUNS = 7
IMPORTS = "import frictionless, pyarrow.parquet, pycountry, yaml, jsonschema, edtf, pandas"


def median_seconds(command: list[str], cwd: Path, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def stage_seconds(root: Path) -> dict[str, float]:
    """Median time of each stage, from the build's own stage timer (imports already paid)."""
    samples: dict[str, list[float]] = {}
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            result = build(root, Path(tmp) / "datapackage")
        for name, seconds in result.seconds.items():
            samples.setdefault(name, []).append(seconds)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> int:
    root = Path.cwd()
    python = sys.executable
    floor = median_seconds([python, "-c", IMPORTS], root)
    with tempfile.TemporaryDirectory() as tmp:
        build = median_seconds([python, "-c", "from pathlib import Path; from scripts.build import build; "
                                f"build(Path('.'), Path({tmp!r}) / 'datapackage')"], root)
    noop = median_seconds(["make", "--no-print-directory"], root)
    stages = stage_seconds(root)
    mentions = bench_mentions.measure()
    results = {
        "machine": {"python": platform.python_version(), "processor": platform.machine(),
                    "system": platform.system()},
        "runs": RUNS,
        "startup_floor_s": round(floor, 3),
        "full_build_s": round(build, 3),
        "build_to_floor_ratio": round(build / floor, 2),
        "noop_make_s": round(noop, 3),
        "stages_s": {name: round(value, 4) for name, value in stages.items()},
        "mention_detector": mentions,
    }
    (root / "benchmarks.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    lines = ["# Benchmarks", "", "Written by `make bench` (scripts/bench.py); medians of "
             f"{RUNS} runs on {results['machine']['processor']}, Python {results['machine']['python']}.",
             "", "| measurement | seconds |", "|---|---:|",
             f"| start-up floor (python importing the build's dependencies) | {floor:.3f} |",
             f"| full build, fresh process (read → validate, into a temp dir) | {build:.3f} |",
             f"| ratio full build / floor | {build / floor:.2f} |",
             f"| no-op `make` | {noop:.3f} |", "", "Stages, in one process:", "",
             "| stage | seconds |", "|---|---:|"]
    lines += [f"| {name} | {value:.4f} |" for name, value in stages.items()]
    sample = mentions["sample"]
    lines += ["", "Country-mention detector (scripts/bench_mentions.py): start-up "
              f"{mentions['startup_s']:.3f} s (both pymorphy3 dictionaries and the lexicon); "
              f"per article, first run with an empty word cache and median of {mentions['runs']} "
              "warm runs:", "", "| article | characters | mentions | first run ms | median ms |",
              "|---|---:|---:|---:|---:|"]
    lines += [f"| {sid} | {a['characters']} | {a['mentions']} | {a['first_run_ms']} | {a['median_ms']} |"
              for sid, a in mentions["articles"].items()]
    lines += ["", f"On the labelled sample tests/data/mention_sample.yaml ({sample['sentences']} "
              f"sentences written for the purpose, {sample['expected']} expected mentions): "
              f"precision {sample['precision']:.3f}, recall {sample['recall']:.3f}."]
    (root / "BENCHMARKS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
