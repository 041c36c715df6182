"""Making one article: its text and the curation that follows it."""
from __future__ import annotations

import datetime
import random
import re
from collections import Counter

from scripts import registry
from scripts.bench.corpus.analysis import Analyser
from scripts.bench.corpus.choices import (Article, Choices, REFERENCES, Shared, citation_paths,
                                          draw, fact_countries)
from scripts.bench.corpus.entities import Substitute, english_table
from scripts.bench.corpus.seeds import Seed, Slot
from scripts.bench.corpus.words import SUFFIX, WEEKDAYS
from scripts.body import Layout
from scripts.quotes import occurrences


class Maker:
    """Makes article k from one draw: None when the draw cannot give a consistent article
    (a line of the head cannot be written, the body found in the text is not the one
    intended, or no fact is left)."""

    def __init__(self, shared: Shared, k: int, attempt: int):
        self.shared, self.k = shared, k
        self.seed_index = k % len(shared.seeds)
        self.seed = seed = shared.seeds[self.seed_index]
        self.suffix = SUFFIX.format(k=k)
        self.source_id = seed.document["source"]["id"] + self.suffix
        self.choices = draw(shared, seed, random.Random(f"{shared.seed_value}:{k}:{attempt}"), attempt)

    def make(self) -> Article | None:
        self.map_entities()
        self.render_slots()
        kept_units = self.select()
        if kept_units is None:
            return None
        text = self.assemble(kept_units)
        if text is None:
            return None
        document = self.curation(text, kept_units)
        used = {record[key] for table in ("requests", "events")
                for record in document.get(table, []) for key in REFERENCES if record.get(key)}
        new = {i: {k_: v for k_, v in r.items() if not k_.startswith("_")}
               for i, r in self.new_entities.items() if i in used}
        return Article(self.k, self.source_id, text, document, new)

    # -- entities and slots ----------------------------------------------------

    def map_entities(self) -> None:
        """The entities of the mapped countries; a fact whose entity cannot move is dropped."""
        seed, choices = self.seed, self.choices
        self.new_entities: dict = {}
        self.entity_map: dict = {}
        for table, facts in seed.facts.items():
            for fact_id, record in facts.items():
                for key in REFERENCES:
                    value = record.get(key)
                    if value is not None and value not in self.entity_map:
                        self.entity_map[value] = self.shared.entities.mapped(
                            value, choices.mapping, choices.variants, self.new_entities)
                if any(record.get(key) is not None and self.entity_map[record[key]] is None
                       for key in REFERENCES):
                    choices.keep[(table, fact_id)] = False
        self.entity_country = {e: m[1] for e, m in self.entity_map.items() if m is not None}
        self.person_words = {}
        for entity_id in seed.persons:  # also the people only the text names
            mapped = self.entity_map.get(entity_id) or self.shared.entities.mapped(
                entity_id, choices.mapping, choices.variants, self.new_entities)
            if mapped and mapped[0] in self.new_entities:
                self.person_words[entity_id] = self.new_entities[mapped[0]]["_names"][seed.language]

    def render_slots(self) -> None:
        """Every slot's text in this article (None: it cannot be written), and the slots the
        detector will find as a mention of their new country."""
        seed, choices = self.seed, self.choices
        day = {"weekday": None, "day": None}
        if choices.date is not None:
            weekday = WEEKDAYS[seed.language][choices.date.weekday()]
            preposition = ("во" if weekday == "вторник" else "в") if seed.language == "ru" else "у"
            day = {"weekday": f"{preposition} {weekday}", "day": str(choices.date.day)}
        self.rendered = [_render_slot(self.shared.analyser, seed, slot, choices, self.person_words, day)
                         for slot in seed.slots]
        self.counted = {}  # slot index -> the country it is a mention of
        for index, slot in enumerate(seed.slots):
            if slot.kind == "country" and self.rendered[index] is not None and seed.lines[
                    seed.units[slot.unit].line].prose:
                target = choices.mapping.get(slot.country, slot.country)
                if self.shared.analyser.check(self.seed_index, seed, index, target):
                    self.counted[index] = target
        self.renderable = [all(self.rendered[i] is not None for i in unit.slots) for unit in seed.units]

    # -- which sentences and facts ------------------------------------------------

    def select(self) -> set[int] | None:
        """The units of the article. Those with evidence of a kept fact, the citations
        that evidence needs, the drawn fillers, the head; a fact without evidence, or one
        of whose countries the kept text never mentions, is dropped; until nothing changes."""
        seed, keep = self.seed, self.choices.keep
        head = {u for line in seed.head for u in seed.lines[line].units}
        if not all(self.renderable[u] for u in head):
            return None
        fillers = set(self.choices.fillers)
        paths = citation_paths(seed)
        attributed = {record["id"]: record["attributed_to"] for record in seed.document.get("evidence", [])}
        while True:
            kept_evidence = {e for e, fact in seed.evidence_fact.items() if keep.get(fact)}
            needed = set().union(*(paths.get(attributed[e], set()) for e in kept_evidence))
            kept = set(head)
            for u, unit in enumerate(seed.units):
                if self.renderable[u] and (set(unit.evidence) & kept_evidence or set(unit.citations) & needed
                                           or u in fillers):
                    kept.add(u)
            for line in seed.lines:  # a counter, caption or sub-heading: whole or not at all
                if not line.prose and kept & set(line.units):
                    kept.update(line.units)
            supported = Counter(seed.evidence_fact[e] for u in kept for e in seed.units[u].evidence
                                if e in kept_evidence)
            mentioned = {self.counted[i] for u in kept for i in seed.units[u].slots if i in self.counted}
            changed = False
            for fact in [f for f, k in keep.items() if k]:
                table, fact_id = fact
                drop = not supported[fact] or (table == "equipment" and not keep.get(seed.parent[fact_id]))
                involved = [c for c in self.involved(table, seed.facts[table][fact_id]) if c]
                missing = [c for c in involved if c not in mentioned]
                if not drop and missing:
                    extra = [u for u in sorted(seed.fillers - kept) if self.renderable[u]
                             and any(self.counted.get(i) in missing for i in seed.units[u].slots)]
                    if extra:  # a sentence without evidence that names the country
                        fillers.add(extra[0])
                        changed = True
                        continue
                    drop = True
                if drop:
                    keep[fact] = False
                    changed = True
            if not changed:
                return kept if any(keep.values()) else None

    def involved(self, table: str, record: dict) -> list[str | None]:
        if table == "equipment":
            return [self.choices.mapping.get(c, c) if c else None for c in fact_countries(table, record, {})]
        return fact_countries(table, record, self.entity_country)

    # -- the text ---------------------------------------------------------------

    def assemble(self, kept: set[int]) -> str | None:
        """The article: the page before the body, the head, the kept blocks in the drawn
        order, the page after it; None unless scripts/body.py finds exactly this body."""
        seed = self.seed
        parts = [seed.text[:seed.body[0]]]
        position = len(parts[0])
        self.piece_offsets: dict[int, list[int]] = {}
        slot_offsets: dict[int, int] = {}
        blocks = [(True, [line]) for line in seed.head] + [(False, seed.blocks[b]) for b in self.choices.order]
        chunks = []
        for is_head, block in blocks:
            lines = [line for line in block if kept & set(seed.lines[line].units)]
            if is_head or any(seed.lines[line].prose for line in lines):
                chunks.append((is_head, lines))
        for index, (is_head, lines) in enumerate(chunks):
            for line_index, line in enumerate(lines):
                units = seed.lines[line].units
                previous = None
                for u in units:
                    if u not in kept:
                        continue
                    if previous is not None:
                        at = units.index(u)
                        gap = seed.lines[line].gaps[at - 1] if units[at - 1] == previous else " "
                        parts.append(gap)
                        position += len(gap)
                    offsets = []
                    for piece in seed.units[u].pieces:
                        offsets.append(position)
                        if isinstance(piece, int):
                            slot_offsets[piece] = position
                            piece = self.rendered[piece]
                        parts.append(piece)
                        position += len(piece)
                    offsets.append(position)
                    self.piece_offsets[u] = offsets
                    previous = u
                if index < len(chunks) - 1 or line_index < len(lines) - 1:
                    separator = seed.lines[line].separator
                    if line_index == len(lines) - 1 and not is_head or not separator:
                        separator = seed.separator
                    parts.append(separator)
                    position += len(separator)
        body = (len(parts[0]), position)
        parts.append(seed.text[seed.body[1]:])
        text = "".join(parts)
        layout = Layout.of(text)
        if layout.body != body:
            return None
        for index in self.counted:
            start = slot_offsets.get(index)
            if start is not None and not layout.contains(start, start + len(self.rendered[index])):
                return None
        return text

    def quote(self, text: str, key: str, kept: set[int]) -> tuple[str, int | None] | None:
        """(quote, occurrence or None when it occurs once) of a seed quote in the article."""
        u, first, last = self.seed.quotes[key]
        if u not in kept:
            return None
        start, end = self.piece_offsets[u][first], self.piece_offsets[u][last]
        quote = text[start:end]
        starts = occurrences(text, quote)
        return quote, (starts.index(start) + 1 if len(starts) > 1 else None)

    # -- the curation -----------------------------------------------------------

    def curation(self, text: str, kept: set[int]) -> dict:
        seed, choices = self.seed, self.choices
        source = {key: value for key, value in seed.document["source"].items() if key != "note"}
        source["id"] = self.source_id
        if seed.title_key and self.quote(text, seed.title_key, kept):
            source["title"] = self.quote(text, seed.title_key, kept)[0]
        if source.get("url"):
            source["url"] = f"{source['url']}#synthetic-{self.k}"
        source["note"] = (f"Synthetic article {self.k} of a corpus generated by scripts/bench/corpus/ "
                          f"(seed {self.shared.seed_value}) from {seed.stem}; not a real article.")
        document: dict = {"source": source}
        own = seed.document["source"]["id"]

        def renamed(source_id: str) -> str:
            return self.source_id if source_id == own else source_id

        citations = []
        for index, citation in enumerate(seed.document.get("citations", [])):
            found = self.quote(text, f"citations:{index}", kept)
            if found:
                citations.append({"citing": renamed(citation["citing"]), "cited": renamed(citation["cited"]),
                                  "quote": found[0], **({"occurrence": found[1]} if found[1] else {})})
        if citations:
            document["citations"] = citations
        english = Substitute(self.english_table())
        shift = (choices.date - seed.date).days if choices.date is not None else 0
        for table in ("requests", "events", "equipment"):
            records = [self.fact(table, record, english, shift)
                       for fact_id, record in seed.facts.get(table, {}).items() if choices.keep.get((table, fact_id))]
            if records:
                document[table] = records
        evidence = []
        for index, record in enumerate(seed.document.get("evidence", [])):
            table, fact_id = seed.evidence_fact[record["id"]]
            found = self.quote(text, f"evidence:{index}", kept) if choices.keep.get((table, fact_id)) else None
            if found:
                evidence.append({"id": record["id"] + self.suffix, registry.get(table).ref_key: fact_id + self.suffix,
                                 "attributed_to": renamed(record["attributed_to"]), "quote": found[0],
                                 **({"occurrence": found[1]} if found[1] else {})})
        document["evidence"] = evidence
        return document

    def fact(self, table: str, record: dict, english: Substitute, shift: int) -> dict:
        """A seed's fact as this article's: new id, entities, countries, English, numbers, date."""
        choices = self.choices
        out = {key: value for key, value in record.items() if key != "note"}
        out["id"] = record["id"] + self.suffix
        for key in REFERENCES:
            if out.get(key) is not None:
                out[key] = self.entity_map[out[key]][0]
        for key in ("request", "event"):
            if out.get(key):
                out[key] += self.suffix
        for key in ("supplier_country", "recipient_country"):
            if out.get(key):
                out[key] = choices.mapping.get(out[key], out[key])
        for key in ("summary_en", "purpose_en", "description_en"):
            if out.get(key):
                out[key] = english(out[key])
        if out.get("max_range_km"):
            out["max_range_km"] = choices.numbers["km"]
        if shift and isinstance(out.get("date"), str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", out["date"]):
            date = datetime.date.fromisoformat(out["date"])
            if abs((date - self.seed.date).days) <= 7:  # the stated date, or one told from it
                out["date"] = (date + datetime.timedelta(days=shift)).isoformat()
        return out

    def english_table(self) -> dict[str, str]:
        reference = self.shared.entities.reference
        persons = {reference[e]["name_en"]: self.new_entities[m[0]]["name_en"]
                   for e in self.seed.persons if (m := self.entity_map.get(e)) and m[0] in self.new_entities}
        numbers = {}
        for slot in self.seed.slots:
            if slot.kind == "number" and slot.key == "km":
                old, new = int(slot.value), self.choices.numbers["km"]
                numbers[f"{old:,} km"] = numbers[f"{old} km"] = f"{new:,} km"
            elif slot.kind == "number":
                numbers[f"{slot.value}%"] = f"{self.choices.numbers['percent']}%"
        return english_table(self.choices.mapping, persons, numbers)


def make_article(shared: Shared, k: int, attempt: int = 0) -> Article | None:
    """Article k (draw `attempt`), or None when this draw cannot give a consistent article."""
    return Maker(shared, k, attempt).make()


def _render_slot(analyser: Analyser, seed: Seed, slot: Slot, choices: Choices, person_words: dict,
                 day: dict) -> str | None:
    """A slot's text in an article; None when it cannot be written."""
    if slot.kind == "country":
        target = choices.mapping.get(slot.country, slot.country)
        if target == slot.country:
            return slot.value
        found = None if slot.pinned else analyser.render_country(seed.language, slot, target)
        return found[0] if found else None
    if slot.kind == "verb":  # agrees with its subject's new gender or number
        subject = seed.slots[slot.link]
        target = choices.mapping.get(subject.country, subject.country)
        found = analyser.render_country(seed.language, subject, target) if target != subject.country else None
        if not found or not found[1] or found[1] == slot.gender:
            return slot.value
        return analyser.render_verb(seed.language, slot.value, found[1])
    if slot.kind == "person":
        words = person_words.get(slot.entity)
        return words[slot.part] + slot.suffix if words and slot.part < len(words) else slot.value
    if slot.kind == "number":
        return str(choices.numbers[slot.key])
    if slot.kind in ("weekday", "day"):
        return day[slot.kind] or slot.value
    return slot.value
