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
