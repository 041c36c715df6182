"""The extractor's lexicon checks (a bad value or key names file and line) and its command line
line (`make extract`: one JSON object on stdout, for a file anywhere; bad files refused)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.curator.extract import LexiconError
from scripts.curator.extract.lexicon import load_files

ROOT = Path(__file__).resolve().parents[1]


def _copy_repository_parts(tmp_path: Path) -> Path:
    for part in ("schemas", "reference/extraction"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def test_bad_category_names_file_and_line(tmp_path):
    root = _copy_repository_parts(tmp_path)
    path = root / "reference" / "extraction" / "equipment.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.strip() == "category: radar")
    lines[number] = lines[number].replace("radar", "death_ray")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"equipment\.yaml:{number + 1}: .*'death_ray'"):
        load_files(root)


def test_unknown_key_and_duplicate_form_are_refused(tmp_path):
    root = _copy_repository_parts(tmp_path)
    path = root / "reference" / "extraction" / "channels.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    weak: true", "    weak: true\n    strenght: 2"),
                    encoding="utf-8")
    with pytest.raises(LexiconError, match=r"channels\.yaml:\d+: .*unknown key 'strenght'"):
        load_files(root)
    shutil.copy(ROOT / "reference" / "extraction" / "channels.yaml", path)
    path = root / "reference" / "extraction" / "requests.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[просьба, запрос,", "[просьба, запрос, просьба,"),
                    encoding="utf-8")
    with pytest.raises(LexiconError, match=r"requests\.yaml:\d+: nouns: 'просьба' \(ru\) is listed twice"):
        load_files(root)


# -- command line -------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.curator.extract", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)


def test_cli_prints_one_json_object_for_a_file_outside_the_repository(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Київ попросив Берлін передати дві системи IRIS-T, повідомляє Spiegel.\n", encoding="utf-8")
    done = _cli(str(path))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["language"] == "uk"
    assert [(r["requester_country"], r["addressee_country"]) for r in result["requests"]] == [("UA", "DE")]
    assert result["requests"][0]["items"][0]["quantity"] == 2


def test_cli_refuses_bad_files(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Россия".encode("cp1251"))
    for target in (path, tmp_path / "missing.txt"):
        done = _cli(str(target))
        assert done.returncode == 2 and done.stdout == "" and str(target) in done.stderr
