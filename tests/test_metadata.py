"""Publisher metadata agrees across datapackage.json, CHANGELOG.md and CITATION.cff."""
from __future__ import annotations

import json
import re

import yaml

from tests.conftest import ROOT
from tests.test_package import table


def test_version_is_semantic_and_the_same_everywhere():
    package = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    version = package["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["version"] == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## (\S+)", changelog, flags=re.M).group(1) == version


def test_package_names_licence_contributors_keywords_and_sources():
    package = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {"creator", "dataCollector"} <= {r for c in package["contributors"] for r in c["roles"]}
    assert "Venezuela" in package["keywords"]
    inputs = [row for row in table("sources") if row["is_input"]]
    assert len(package["sources"]) == len(inputs)


def test_every_resource_states_its_title_size_and_hash_and_csv_its_dialect():
    import hashlib

    package = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", package["created"])
    for resource in package["resources"]:
        data = (ROOT / "datapackage" / resource["path"]).read_bytes()
        prefix = "" if resource["format"] == "csv" else "x-"
        assert resource[f"{prefix}bytes"] == len(data), resource["name"]
        assert resource[f"{prefix}hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["title"]
        if resource["format"] == "csv":
            assert resource["dialect"]["lineTerminator"] == "\n"


def test_every_source_has_an_address_or_says_it_is_unknown():
    package = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    for source in package["sources"]:
        assert source.get("path") or "address is unknown" in source["description"]


def test_release_files_and_parquet_metadata_carry_version_and_licence():
    import pyarrow.parquet as pq

    package = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    for name in ("CHANGELOG.md", "CITATION.cff", "LICENSE"):
        assert (ROOT / "datapackage" / name).read_bytes() == (ROOT / name).read_bytes()
    for path in (ROOT / "datapackage" / "parquet").glob("*.parquet"):
        metadata = pq.read_schema(path).metadata
        assert metadata[b"package_version"].decode() == package["version"]
        assert metadata[b"license"].decode() == package["licenses"][0]["name"]


def test_make_dist_writes_the_same_zip_for_the_same_package(tmp_path):
    import zipfile

    from scripts.build.dist import write_dist

    first = write_dist(ROOT / "datapackage", tmp_path / "a")
    second = write_dist(ROOT / "datapackage", tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    package = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert first.name == f"{package['name']}-{package['version']}.zip"
    names = zipfile.ZipFile(first).namelist()
    assert f"{first.stem}/datapackage.json" in names and f"{first.stem}/LICENSE" in names
