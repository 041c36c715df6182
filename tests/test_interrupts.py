"""Interrupted builds: killed (SIGKILL) or interrupted (Ctrl-C) at any moment, a build leaves
the package directory holding the previous package or the new complete one, leaves no
process running, and the next build removes what it left and publishes.

Each case builds a fresh copy of the mini repository whose input was changed (so the new
package differs from the previous one) with `python -m scripts.build` in a process group of
its own, stops it at a named point (BUILD_FAULT, `checkpoint()` in scripts/build/run.py and
publish.py) or with a signal after a seeded random delay, checks the package directory and
that no process of the build is left, then builds again in this process and checks that
the new package is published and nothing is left beside it.
"""
from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from scripts import parallel
from scripts.build import build
from scripts.build import publish as publishing
from tests.conftest import ROOT, snapshot

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods(),
    reason="process groups, /proc and PR_SET_PDEATHSIG are Linux's")

ENV = {**{k: v for k, v in os.environ.items() if k != "BUILD_FAULT"},
       "PYTHONPATH": str(ROOT), "ARROW_DEFAULT_MEMORY_POOL": "system"}
BUILD = [sys.executable, "-m", "scripts.build"]
# The same build where renameat2 is missing: the two renames of the fallback.
BUILD_WITHOUT_RENAMEAT2 = [
    sys.executable, "-c", "import sys, scripts.build.publish as p; p.renameat2 = None; "
    "from scripts.build.__main__ import main; sys.exit(main())"]
# The same build with a Table Schema check that takes 30 s in the second process: killed
# while it runs, the build leaves an orphan unless the second process dies with it.
BUILD_WITH_SLOW_VALIDATION = [
    sys.executable, "-c", "import sys, time, scripts.build.run as r; check = r.check_tables; "
    "r.check_tables = lambda out, *share: (time.sleep(30), check(out, *share))[1]; "
    "from scripts.build.__main__ import main; sys.exit(main())"]
LEFTOVER_PREFIXES = (".datapackage-new-", ".datapackage-old-")


def change_input(repo: Path) -> None:
    path = repo / "reference" / "entities.yaml"
    text = path.read_text(encoding="utf-8")
    assert "name_en: Vestnik\n" in text
    path.write_text(text.replace("name_en: Vestnik\n", "name_en: Vestnik Daily\n"), encoding="utf-8")


@pytest.fixture(scope="module")
def packages(built_mini_repo, tmp_path_factory) -> tuple[dict, dict]:
    """(previous, new): the snapshots of the mini repository's package before and after
    change_input()."""
    repo = Path(shutil.copytree(built_mini_repo, tmp_path_factory.mktemp("new") / "repo"))
    change_input(repo)
    build(repo)
    previous, new = snapshot(built_mini_repo / "datapackage"), snapshot(repo / "datapackage")
    assert previous != new
    return previous, new


@pytest.fixture
def repo(mini_repo) -> Path:
    change_input(mini_repo)
    return mini_repo


def start(repo: Path, command=BUILD, fault: str | None = None) -> subprocess.Popen:
    env = {**ENV, "BUILD_FAULT": fault} if fault else ENV
    return subprocess.Popen(command, cwd=repo, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def live_processes(session: int) -> list[int]:
    """The processes of a session (its leader's pid) that still run (zombies do not)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()  # state ppid pgrp session ...
            if int(fields[3]) == session and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def finish(process: subprocess.Popen) -> str:
    """Wait for the build to end; assert that none of its processes outlives it (they are
    killed after the assertion, so that a failure leaves nothing behind). Its stderr."""
    try:
        process.wait(timeout=20)  # a mini build takes about 1.5 s; a stopped one less
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError("the stopped build did not end") from None
    deadline = time.monotonic() + 5
    while (alive := live_processes(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.02)
    if alive:
        os.killpg(process.pid, signal.SIGKILL)
    assert not alive, f"processes {alive} of the stopped build are still running"
    return process.stderr.read()


def leftovers(repo: Path) -> list[str]:
    return sorted(p.name for p in repo.iterdir() if p.name.startswith(LEFTOVER_PREFIXES))


def assert_recovers(repo: Path, new: dict) -> None:
    """The next build publishes the new package and removes every leftover."""
    build(repo)
    assert snapshot(repo / "datapackage") == new
    assert leftovers(repo) == []


@pytest.mark.parametrize(("fault", "expected", "command"), [pytest.param(*case, id=case[0]) for case in [
    ("written:kill", "previous", BUILD),       # a partial staging directory is left
    # The second process is checking the tables: it must die with the build (SIGKILL), or
    # be killed by it (Ctrl-C: SIGINT to the whole process group).
    ("validating:kill", "previous", BUILD_WITH_SLOW_VALIDATION),
    ("validating:ctrl-c", "previous", BUILD_WITH_SLOW_VALIDATION),
    ("published:kill", "new", BUILD),          # the previous package is left beside it
]])
def test_a_build_stopped_at_each_stage_leaves_a_complete_package(repo, packages, fault, expected,
                                                                  command):
    previous, new = packages
    process = start(repo, command, fault=fault)
    stderr = finish(process)
    assert process.returncode in (-signal.SIGKILL, -signal.SIGINT), stderr
    assert snapshot(repo / "datapackage") == {"previous": previous, "new": new}[expected]
    if fault.endswith(":kill"):  # the staging directory (after publishing: the previous package)
        assert len(leftovers(repo)) == 1
    else:  # interrupted, the build removed its staging directory itself
        assert leftovers(repo) == []
    assert_recovers(repo, new)


def test_killed_between_the_two_renames_the_next_build_restores_the_package_first(
        repo, packages, monkeypatch, capsys):
    """Without renameat2 the package is missing between the fallback's two renames; the
    previous package is then complete in .datapackage-old-*/, and the next build puts it
    back before anything else (here it is interrupted as soon as it starts reading)."""
    previous, new = packages
    finish(start(repo, BUILD_WITHOUT_RENAMEAT2, fault="between-renames:kill"))
    assert not (repo / "datapackage").exists()
    (old,) = [p for p in repo.iterdir() if p.name.startswith(".datapackage-old-")]
    assert snapshot(old / "datapackage") == previous
    def interrupted(context):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr("scripts.build.run.resolve", interrupted)
        with pytest.raises(KeyboardInterrupt):
            build(repo)
    assert "restored datapackage/" in capsys.readouterr().err
    assert snapshot(repo / "datapackage") == previous
    assert leftovers(repo) == []
    assert_recovers(repo, new)


def test_ctrl_c_between_the_two_renames_waits_until_the_package_is_in_place(repo, packages):
    """SIGINT is held back during the swap: the fallback's second rename still happens, and
    the build stops right after it, leaving the previous package set aside, which the next
    build removes (the package directory exists: nothing is restored)."""
    previous, new = packages
    process = start(repo, BUILD_WITHOUT_RENAMEAT2, fault="between-renames:ctrl-c")
    finish(process)
    assert process.returncode == -signal.SIGINT
    assert snapshot(repo / "datapackage") == new
    (old,) = [repo / name for name in leftovers(repo)]
    assert old.name.startswith(".datapackage-old-") and snapshot(old / "datapackage") == previous
    assert_recovers(repo, new)


def test_a_second_build_waits_and_leaves_the_first_builds_directories_alone(repo, packages, capsys):
    """While a build holds the lock, another waits (saying so) and does not take the first
    one's staging directory for a leftover; then it runs."""
    previous, new = packages
    with publishing.locked(repo):
        in_use = repo / ".datapackage-new-in-use"
        in_use.mkdir()
        second = threading.Thread(target=build, args=(repo,))
        second.start()
        said, deadline = "", time.monotonic() + 20
        while "waiting for it to finish" not in said and time.monotonic() < deadline:
            time.sleep(0.01)
            said += capsys.readouterr().err
        assert "waiting for it to finish" in said
        time.sleep(0.1)
        assert second.is_alive() and in_use.exists()
        in_use.rmdir()
    second.join(30)
    assert snapshot(repo / "datapackage") == new
    assert leftovers(repo) == []


# Seeded random moments, measured from the appearance of the staging directory (reading
# the inputs takes most of a build; the moments that matter come after it). Even cases get
# SIGKILL (to the build only: its children must die with it), odd ones SIGINT to the
# process group (Ctrl-C).
RANDOM = random.Random(20251031)
DELAYS = [round(RANDOM.uniform(0.0, 0.6), 3) for _ in range(4)]


@pytest.mark.parametrize("case", range(len(DELAYS)))
def test_a_build_stopped_at_a_random_moment_leaves_a_complete_package(repo, packages, case):
    previous, new = packages
    process = start(repo)
    deadline = time.monotonic() + 30
    while not leftovers(repo) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(DELAYS[case])
    if process.poll() is None:
        if case % 2 == 0:
            process.send_signal(signal.SIGKILL)
        else:
            os.killpg(process.pid, signal.SIGINT)
    finish(process)
    assert snapshot(repo / "datapackage") in (previous, new)
    assert_recovers(repo, new)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_does_not_delete_the_package_when_interrupted_after_publishing(repo, packages):
    """Ctrl-C (SIGINT to make's process group) right after the build published: make must
    not delete datapackage/datapackage.json, and the package it leaves is up to date.
    The real Makefile in the mini repository; -o keeps make from installing the virtualenv,
    and CODE_DIRS= from asking for the scripts/ the mini repository does not have."""
    previous, new = packages
    shutil.copy(ROOT / "Makefile", repo / "Makefile")
    make = ["make", "-o", ".venv/.runtime-installed", f"PY={sys.executable}", "CODE_DIRS="]
    result = subprocess.run(make, cwd=repo, env={**ENV, "BUILD_FAULT": "published:ctrl-c"},
                            start_new_session=True, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "Interrupt" in result.stderr, result.stderr
    assert "Deleting file" not in result.stderr
    assert snapshot(repo / "datapackage") == new
    question = subprocess.run([*make, "-q"], cwd=repo, env=ENV, capture_output=True, timeout=60)
    assert question.returncode == 0  # nothing left to do


# Each worker notes its pid and sleeps; the function reaches the forked workers by
# inheritance, so it may live in the script itself.
POOL = """
import os, sys, time
from pathlib import Path
from scripts import parallel
def work(directory, item):
    Path(directory, str(os.getpid())).touch()
    time.sleep(60)
parallel.ordered_map(work, sys.argv[1], range(8), min_items=1)
"""


@pytest.mark.skipif(parallel.workers() < 2, reason="needs two cores for a pool")
@pytest.mark.parametrize(("signal_number", "to_group"), [
    pytest.param(signal.SIGKILL, False, id="SIGKILL-parent"),
    pytest.param(signal.SIGINT, False, id="SIGINT-parent"),
    pytest.param(signal.SIGINT, True, id="SIGINT-group")])
def test_pool_workers_die_with_their_parent(tmp_path, signal_number, to_group):
    process = subprocess.Popen([sys.executable, "-c", POOL, str(tmp_path)], cwd=ROOT, env=ENV,
                               start_new_session=True, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) < parallel.workers() and time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        time.sleep(0.01)
    if to_group:
        os.killpg(process.pid, signal_number)
    else:
        process.send_signal(signal_number)
    finish(process)
    assert process.returncode == -signal_number
