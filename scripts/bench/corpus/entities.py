"""People, government bodies and capitals of the mapped countries, and English text."""
from __future__ import annotations

import random
import re
from functools import cache

from scripts.bench.corpus.analysis import Analyser
from scripts.bench.corpus.seeds import Seed
from scripts.bench.corpus.words import CODAS, LATIN, ONSETS, POOL, THE, VOWELS
from scripts.countries import short_name


# --------------------------------------------------------------------------
# People, government bodies and capitals of the mapped countries
# --------------------------------------------------------------------------

def _name_class(word: str) -> str:
    lower = word.lower()
    if len(lower) <= 2:
        return "short"
    if re.search(r"[аеиоуыэюяіїє]\Z", lower):
        return "vowel"
    if re.search(r"(ин|ін|ов|ев|ын)\Z", lower):
        return "in"
    return "cons"


def invented_name(words: list[str], key: str) -> dict[str, list[str]]:
    """An invented name shaped like `words` (same number of words, each declining as the
    original does), in Russian and Ukrainian spelling; deterministic for key."""
    rng = random.Random(key)
    ru, uk = [], []
    for word in words:
        kind = _name_class(word)
        if kind == "short":
            vowel = rng.choice(VOWELS)
            onset = rng.choice(ONSETS)
            parts = [(onset + vowel[0], onset + vowel[1])]
        else:
            parts = []
            for _ in range(rng.choice((2, 2, 3))):
                onset, vowel = rng.choice(ONSETS), rng.choice(VOWELS)
                parts.append((onset + vowel[0], onset + vowel[1]))
            parts.append(rng.choice(CODAS[kind]))  # "vowel": never declined (Мадуро, Сторі)
        ru.append("".join(p[0] for p in parts).capitalize())
        uk.append("".join(p[1] for p in parts).capitalize())
    return {"ru": ru, "uk": uk}


def latin(word: str) -> str:
    out = "".join(LATIN.get(c, c) for c in word.lower())
    return out[:1].upper() + out[1:]


class Entities:
    """The entity a seed's entity becomes in an article moved to other countries."""

    def __init__(self, analyser: Analyser, reference: dict, seeds: list[Seed], seed_value: str):
        self.analyser = analyser
        self.reference = reference
        self.seed_value = seed_value
        self.persons = {}  # seed entity id -> {"ru": words, "uk": words}
        for seed in seeds:
            for entity_id, words in seed.persons.items():
                self.persons.setdefault(entity_id, {})[seed.language] = words
        for entity_id, names in self.persons.items():  # both spellings, from the reference
            for lang in ("ru", "uk"):
                if lang not in names and reference[entity_id].get(f"name_{lang}"):
                    names[lang] = reference[entity_id][f"name_{lang}"].split()
        self.governments = {}
        self.capitals = {}
        self.made: dict = {}  # new entity id -> its record (made once per process)
        for record in reference.values():
            if record.get("type") == "government_body" and record.get("country"):
                self.governments.setdefault(record["country"], record["id"])
        for record in reference.values():
            if record.get("type") == "place" and record.get("country"):
                capital = analyser.country_word("ru", record["country"], "capital")
                if capital and record.get("name_ru") == capital:
                    self.capitals.setdefault(record["country"], record["id"])

    def is_capital(self, entity: dict) -> bool:
        return self.capitals.get(entity.get("country")) == entity["id"]

    def _use(self, new: dict, new_id: str, make) -> None:
        """Put the record of a new entity into `new`, made once per process."""
        if new_id in self.reference:
            return
        record = self.made.get(new_id)
        if record is None:
            record = self.made[new_id] = make()
        new[new_id] = record

    def mapped(self, entity_id: str | None, mapping: dict, variants: dict, new: dict) -> tuple | None:
        """(new id, its country) of entity_id in an article with this country mapping;
        records of new entities go into `new`. None: it cannot move (a region)."""
        if entity_id is None:
            return (None, None)
        entity = self.reference.get(entity_id)
        if entity is None or entity.get("country") is None:
            return (entity_id, None)
        country = entity["country"]
        target = mapping.get(country, country)
        kind = entity.get("type")
        if kind == "person" and entity_id in self.persons:
            variant = variants.get(entity_id, 0)
            new_id = f"synthetic-{target.lower()}-{entity_id}-{variant}"

            def person():
                words = self.persons[entity_id]
                names = invented_name(words.get("ru") or words["uk"],
                                      f"{self.seed_value}|{entity_id}|{target}|{variant}")
                return {"id": new_id, "type": "person", "name_en": " ".join(latin(w) for w in names["ru"]),
                        "name_ru": " ".join(names["ru"]), "name_uk": " ".join(names["uk"]),
                        "country": target,
                        "role_en": f"Invented person of a synthetic corpus, standing in for {entity['name_en']}",
                        "_names": names}
            self._use(new, new_id, person)
            return (new_id, target)
        if target == country:
            return (entity_id, country)
        if kind == "government_body":
            new_id = self.governments.get(target) or f"synthetic-government-{target.lower()}"

            def government():
                names = {}
                for lang, word in (("ru", "Правительство"), ("uk", "Уряд")):
                    alias = self.analyser.country_word(lang, target, "alias")
                    form = self.analyser.inflect_noun(lang, alias, "gent") if alias else None
                    names[lang] = f"{word} {form[0]}" if form else None
                return {"id": new_id, "type": "government_body",
                        "name_en": f"Government of {english_name(target)}",
                        "name_ru": names["ru"], "name_uk": names["uk"], "country": target,
                        "role_en": f"The state of {english_name(target)} as an actor (synthetic corpus)"}
            self._use(new, new_id, government)
            return (new_id, target)
        if kind == "place" and self.is_capital(entity):
            new_id = self.capitals.get(target) or f"synthetic-capital-{target.lower()}"
            self._use(new, new_id, lambda: {
                "id": new_id, "type": "place", "name_en": POOL[target][1],
                "name_ru": self.analyser.country_word("ru", target, "capital"),
                "name_uk": self.analyser.country_word("uk", target, "capital"),
                "country": target, "role_en": f"Capital of {english_name(target)} (synthetic corpus)"})
            return (new_id, target)
        if kind == "person":  # named by its country ("неназванный иранский чиновник")
            new_id = f"synthetic-{target.lower()}-{entity_id}"

            def described():
                moved = {country: target}
                record = {"id": new_id, "type": "person",
                          "name_en": Substitute(english_table(moved, {}, {}))(entity["name_en"]),
                          "country": target,
                          "role_en": f"Synthetic corpus: {entity['name_en']} moved to {english_name(target)}"}
                for lang in ("ru", "uk"):
                    name = entity.get(f"name_{lang}")
                    record[f"name_{lang}"] = self.analyser.render_string(lang, name, moved) if name else None
                return record
            self._use(new, new_id, described)
            return (new_id, target)
        if kind == "place":  # a region of the old country: nothing to move it to
            return None
        return (entity_id, country)  # organisations and outlets stay what they are


@cache
def english_name(country: str) -> str:
    return short_name(country)


def english_table(mapping: dict, persons: dict, numbers: dict) -> dict[str, str]:
    """English words to replace in summaries: country names, demonyms and capitals of the
    mapped countries, people's names, numbers."""
    table = {}
    for source, target in mapping.items():
        if source not in POOL or target not in POOL or source == target:
            continue
        old, new = english_name(source), english_name(target)
        new_the = f"the {new}" if target in THE else new
        table[f"the {old}"] = new_the
        table[f"The {old}"] = new_the[:1].upper() + new_the[1:]
        table[old] = new_the
        if source == "US":
            table["the US"] = new_the
            table["US"] = POOL[target][0]
        else:
            table[POOL[source][0]] = POOL[target][0]
        table[POOL[source][1]] = POOL[target][1]
    for old, new in persons.items():
        table[old] = new
        old_last, new_last = old.split()[-1], new.split()[-1]
        if len(old_last) > 3:
            table.setdefault(old_last, new_last)
    for old, new in numbers.items():
        table[old] = new
    return table


class Substitute:
    """Replaces the words of a table in English texts, longest first, in one pass."""

    def __init__(self, table: dict[str, str]):
        self.table = table
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(
            re.escape(k) for k in sorted(table, key=len, reverse=True)) + r")(?![\w-])") if table else None

    def __call__(self, text: str | None) -> str | None:
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.table[m.group(1)], text)
