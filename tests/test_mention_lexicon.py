"""The country-mention detector's lexicon: coverage of the UN members, strict loading with
messages naming file and entry, and the compiled detector's cache (scripts/mentions/)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pycountry
import pytest

from scripts.mentions import LexiconError, MentionDetector
from tests.conftest import LEXICON


# -- lexicon coverage and strict loading -------------------------------------------

def test_un_member_list_has_193_iso_states(det):
    # (a code listed twice is refused by the loader: see test_bad_lexicon_data_names_file_and_entry)
    assert len(det.un_members) == 193
    assert all(pycountry.countries.get(alpha_2=code) for code in det.un_members)


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_every_un_member_has_a_name_an_adjective_and_a_capital(det, language):
    forms = det.lexicon_forms(language)
    missing = [(code, need) for code in det.un_members
               for need, kinds in (("name", ("name", "alias")), ("adjective", ("adjective",)),
                                   ("capital", ("capital",)))
               if not any(forms.get(code, {}).get(kind) for kind in kinds)]
    assert missing == []


@pytest.fixture()
def lexicon_copy(tmp_path) -> Path:
    target = tmp_path / "lexicon"
    shutil.copytree(LEXICON, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("file, old, new, message", [
    ("countries.yaml", "\nAD:\n", "\nQQ:\n", r"countries\.yaml:\d+: 'QQ': not an ISO 3166-1"),
    ("countries.yaml", '"NO":', "NO:", r"countries\.yaml:\d+: NO is ambiguous.*quote it"),
    ("countries.yaml", "{aliases: [Андорра], adjectives: [андоррский]",
     "{aliases: [Андорра], adjectivs: [андоррский]", r"countries\.yaml:\d+: 'adjectivs': unknown key in AD\.ru"),
    ("countries.yaml", "adjectives: [андоррский]", "adjectives: [Андоррский]",
     r"countries\.yaml:\d+: 'adjectives': form 'Андоррский': adjectives are listed in lower case"),
    ("countries.yaml", "capitals: [Андорра-ла-Велья]}", "capitals: [Андорра-ла-Велья], cities: [X]}",
     r"'cities': unknown key"),
    ("countries.yaml", "adjectives: [андоррский]", "adjectives: [андоррский, венесуэльский]",
     r"'венесуэльский' \(ru\) is listed for AD, VE; resolve it in ambiguous\.yaml"),
    ("subdivisions.yaml", "VE-D:", "VE-99:", r"subdivisions\.yaml:\d+: 'VE-99': not an ISO 3166-2 code of VE"),
    ("subdivisions.yaml", "VE-D:", "AR-C:", r"'AR-C': not an ISO 3166-2 code of VE"),
    ("subdivisions.yaml", "VE-D: {ru: [Арагуа]", "VE-D: {ru: [Ар]", r"'Ар': one-word forms need at least 3"),
    ("subdivisions.yaml", "standalone: false", "standalone: maybe", r"'standalone': expected true or false"),
    ("ambiguous.yaml", "конголезский: null", "конголезский: VE", r"resolves to VE, which does not list it"),
    ("un_members.yaml", "  - AF  # Afghanistan", "  - AF\n  - AF", r"listed twice: AF"),
    ("exclusions.yaml", "\nru:\n", "\nbe:\n", r"exclusions\.yaml:\d+: 'be': unknown key"),
])
def test_bad_lexicon_data_names_file_and_entry(lexicon_copy, file, old, new, message):
    edit(lexicon_copy / file, old, new)
    with pytest.raises(LexiconError, match=message):
        MentionDetector(lexicon_copy)


def test_duplicate_keys_are_refused(lexicon_copy):
    with open(lexicon_copy / "countries.yaml", "a", encoding="utf-8") as f:
        f.write("VE:\n  ru: {aliases: [Венесуэла]}\n")
    with pytest.raises(LexiconError, match=r"countries\.yaml:\d+: .*duplicate key 'VE'"):
        MentionDetector(lexicon_copy)


def test_unknown_or_missing_lexicon_files(lexicon_copy):
    (lexicon_copy / "capitals.yaml").write_text("{}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="capitals.yaml: unknown lexicon file"):
        MentionDetector(lexicon_copy)
    (lexicon_copy / "capitals.yaml").unlink()
    (lexicon_copy / "exclusions.yaml").unlink()
    with pytest.raises(LexiconError, match="exclusions.yaml: missing lexicon file"):
        MentionDetector(lexicon_copy)


def test_the_cached_detector_finds_what_a_fresh_one_finds(det, tmp_path):
    from scripts.bench.mentions import real_articles
    from scripts.mentions import cache

    cache._LOADED.clear()
    first = cache.load_detector(LEXICON, tmp_path)      # compiles and stores
    (entry,) = tmp_path.glob("mention-detector-*")
    cache._LOADED.clear()
    second = cache.load_detector(LEXICON, tmp_path)     # loads the stored entry
    assert second is not first and list(tmp_path.glob("mention-detector-*")) == [entry]
    for text, language in real_articles().values():
        assert second.find(text, language) == det.find(text, language)


def test_a_changed_lexicon_or_a_broken_entry_is_never_read_from_the_cache(tmp_path):
    from scripts.mentions import cache

    lexicon = tmp_path / "lexicon"
    shutil.copytree(LEXICON, lexicon)
    store = tmp_path / "cache"
    cache._LOADED.clear()
    cache.load_detector(lexicon, store)
    (entry,) = store.glob("mention-detector-*")
    entry.write_bytes(b"not a pickle")
    cache._LOADED.clear()
    assert cache.load_detector(lexicon, store).find("Россия", "ru")  # rebuilt
    with (lexicon / "countries.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    cache._LOADED.clear()
    cache.load_detector(lexicon, store)
    assert [p.name for p in store.glob("mention-detector-*")] != [entry.name]  # a new key
    cache._LOADED.clear()


def test_the_detector_cache_is_keyed_by_content_not_by_path(tmp_path):
    """Two copies of one lexicon (as every test's mini repository has) share one entry."""
    from scripts.mentions import cache

    copies = [tmp_path / "a" / "lexicon", tmp_path / "b" / "lexicon"]
    for copy in copies:
        shutil.copytree(LEXICON, copy)
    assert cache.detector_key(copies[0]) == cache.detector_key(copies[1])
    assert cache.load_detector(copies[0]) is cache.load_detector(copies[1])
