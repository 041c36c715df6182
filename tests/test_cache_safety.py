"""The detector cache (.cache/, pickles) never runs a planted file's code.

Entries are authenticated with an HMAC under a key kept outside the repository
(scripts/cache.py); a file git tracks under .cache/ is refused with a message.
"""
from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from scripts import cache
from scripts.build import build
from scripts.mentions import cache as detector_cache


class Planted:
    """Unpickling this runs open(path, "w"): creates a file, as an attacker's code would."""

    def __init__(self, path: Path):
        self.path = str(path)

    def __reduce__(self):
        return open, (self.path, "w")


@pytest.fixture
def key_home(tmp_path, monkeypatch) -> Path:
    """A fresh place for the HMAC key, and no detector held in memory."""
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setattr(detector_cache, "_LOADED", {})
    return home


def entry_path(repo: Path) -> Path:
    key = detector_cache.detector_key(repo / "reference" / "lexicon")
    return cache.path(repo / ".cache", "mention-detector", key, "detector.pickle")


def plant(repo: Path, marker: Path, header: bytes = b"") -> Path:
    entry = entry_path(repo)
    entry.parent.mkdir(exist_ok=True)
    for old in entry.parent.glob("mention-detector-*"):
        old.unlink()
    entry.write_bytes(header + pickle.dumps(Planted(marker)))
    return entry


@pytest.mark.parametrize("header", [
    pytest.param(b"", id="planted-pickle"),
    pytest.param(b"HMAC-SHA256 " + b"0" * 64 + b"\n", id="planted-forged-mac"),
])
def test_a_planted_cache_entry_is_never_executed(mini_repo, key_home, tmp_path, header):
    marker = tmp_path / "pwned"
    entry = plant(mini_repo, marker, header)
    result = build(mini_repo)
    assert not marker.exists(), "the planted pickle ran"
    assert result.tables["mentions"].num_rows  # the detector was rebuilt and works
    assert entry.read_bytes().startswith(b"HMAC-SHA256 ")  # and stored, authenticated


def test_even_a_validly_signed_entry_builds_only_detector_classes(mini_repo, key_home, tmp_path):
    """Defence in depth: with the key (say, stolen), a pickle still cannot call a function."""
    marker = tmp_path / "pwned"
    key = detector_cache.detector_key(mini_repo / "reference" / "lexicon")
    cache.store(mini_repo / ".cache", "mention-detector", key,
                {"detector.pickle": pickle.dumps(Planted(marker))})
    assert cache.load(mini_repo / ".cache", "mention-detector", key, "detector.pickle")  # MAC verifies
    build(mini_repo)
    assert not marker.exists()


def test_an_entry_stored_by_the_build_is_read_back(mini_repo, key_home, monkeypatch):
    build(mini_repo)
    detector_cache._LOADED.clear()

    def compile_again(lexicon_dir):
        raise AssertionError("the stored entry was not used")

    monkeypatch.setattr(detector_cache, "MentionDetector", compile_again)
    lexicon = mini_repo / "reference" / "lexicon"
    assert detector_cache.load_detector(lexicon, mini_repo / ".cache").find("Россия", "ru")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_cache_file_tracked_by_git_is_refused_with_a_message(mini_repo, key_home, tmp_path, capfd):
    marker = tmp_path / "pwned"
    entry = plant(mini_repo, marker)
    git = ["git", "-C", str(mini_repo), "-c", "safe.directory=*"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-f", str(entry.relative_to(mini_repo))], check=True)
    build(mini_repo)
    assert not marker.exists()
    err = capfd.readouterr().err
    assert f"warning: .cache/{entry.name} is tracked by git" in err
    assert "git rm -r --cached .cache" in err
    assert entry.read_bytes().startswith(b"\x80")  # a tracked file is not even overwritten


def test_the_key_is_created_outside_the_repository_readable_only_by_its_owner(mini_repo, key_home):
    build(mini_repo)
    key = key_home / cache.PROJECT / "hmac-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == cache.KEY_BYTES
    assert cache.hmac_key() == key.read_bytes()


@pytest.mark.parametrize("setup", [
    pytest.param(lambda home, repo: home.write_text("a file, not a directory"), id="key-cannot-be-created"),
    pytest.param(lambda home, repo: os.environ.__setitem__("XDG_CACHE_HOME", str(repo / "xdg")),
                 id="key-inside-repository"),
    pytest.param(lambda home, repo: (cache.hmac_key(), (home / cache.PROJECT / "hmac-key").chmod(0o644)),
                 id="key-readable-by-others"),
])
def test_without_a_safe_key_the_disk_cache_is_not_used(mini_repo, key_home, setup):
    shutil.rmtree(mini_repo / ".cache", ignore_errors=True)
    setup(key_home, mini_repo)
    result = build(mini_repo)
    assert result.tables["mentions"].num_rows
    assert not list((mini_repo / ".cache").glob("mention-detector-*"))
