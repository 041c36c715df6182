"""`make serve` (scripts/build/server.py) and the client `make` runs (scripts/build/client.py):
a build through the server is the build `python -m scripts.build` runs, output, exit code and
package alike; stale code, a planted file or a vanished client never gives a wrong build."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, snapshot

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "win32",
                                reason="the build server needs fork and Unix sockets")
ARTICLE = Path("articles") / "mini-article.yaml"


def repository(mini_repo: Path) -> Path:
    """The mini repository with its own copy of the code, so that a test may change it."""
    shutil.copytree(ROOT / "scripts", mini_repo / "scripts",
                    ignore=shutil.ignore_patterns("__pycache__", "bench", "curator"))
    return mini_repo


def run(repo: Path, module: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module], cwd=repo, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": ""})


@pytest.fixture
def server(mini_repo):
    repo = repository(mini_repo)
    log = (repo / "server.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "scripts.build.server"], cwd=repo, stdout=log,
                               stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": ""})
    deadline = time.monotonic() + 120
    while not (repo / ".cache" / "build.sock").exists():
        assert process.poll() is None and time.monotonic() < deadline, (repo / "server.log").read_text()
        time.sleep(0.1)
    yield repo, process
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)
    log.close()


def edit(repo: Path) -> None:
    path = repo / ARTICLE
    path.write_text(path.read_text(encoding="utf-8").replace("Mini", "Tiny", 1) + "\n# edited\n",
                    encoding="utf-8")


def test_a_build_through_the_server_is_the_direct_build(server, tmp_path):
    repo, _ = server
    direct = Path(shutil.copytree(repo, tmp_path / "direct", ignore=shutil.ignore_patterns("*.sock")))
    for target in (repo, direct):
        edit(target)
    served, built = run(repo, "scripts.build.client"), run(direct, "scripts.build")
    assert served.returncode == built.returncode == 0, served.stderr + built.stderr
    assert "Built and validated datapackage/" in served.stdout
    assert "served a build (exit 0)" in (repo / "server.log").read_text()
    assert snapshot(repo / "datapackage") == snapshot(direct / "datapackage")


def test_bad_input_through_the_server_fails_as_directly_and_keeps_the_package(server):
    repo, _ = server
    before = snapshot(repo / "datapackage")
    path = repo / ARTICLE
    path.write_text(path.read_text(encoding="utf-8") + "\nunknown_section: []\n", encoding="utf-8")
    done = run(repo, "scripts.build.client")
    assert done.returncode == 1
    assert "Build failed" in done.stderr + done.stdout
    assert snapshot(repo / "datapackage") == before


def test_changed_code_stops_the_server_and_builds_directly(server):
    repo, process = server
    with (repo / "scripts" / "build" / "run.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# a change to the build's code\n")
    edit(repo)
    done = run(repo, "scripts.build.client")
    assert done.returncode == 0, done.stderr
    assert "older code: building directly" in done.stderr
    assert "Built and validated datapackage/" in done.stdout
    process.wait(timeout=30)   # it stopped: it would serve stale code


def test_a_client_that_goes_away_leaves_the_server_serving(server):
    repo, _ = server
    edit(repo)
    client = subprocess.Popen([sys.executable, "-m", "scripts.build.client"], cwd=repo,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "PYTHONPATH": ""})
    time.sleep(0.2)
    client.kill()
    client.wait()
    done = run(repo, "scripts.build.client")   # the next build is served, and publishes
    assert done.returncode == 0, done.stderr
    assert "Built and validated datapackage/" in done.stdout
    check = run(repo, "scripts.build.validate")
    assert check.returncode == 0, check.stdout + check.stderr


def test_without_a_usable_server_make_builds_directly(mini_repo):
    repo = repository(mini_repo)
    (repo / ".cache").mkdir(exist_ok=True)
    (repo / ".cache" / "build.sock").write_text("not a socket")   # planted, or left behind
    edit(repo)
    done = run(repo, "scripts.build.client")
    assert done.returncode == 0, done.stderr
    assert "Built and validated datapackage/" in done.stdout
