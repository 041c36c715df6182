"""Reading a seed: finding its slots, people and structure."""
from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from pathlib import Path

from scripts import registry
from scripts.bench.corpus.seeds import Line, Seed, Slot, Unit, word_tokens
from scripts.bench.corpus.words import (CASES, CONJUNCTIONS, DATE_RE, DATIVE_PREDICATES, MONTHS,
                                        NAME_SUFFIX_RE, PREPOSITIONS, SENTENCE_SPLIT_RE,
                                        SKIPPABLE, balanced, merge_for_quotes)
from scripts.bench.synthetic import plain
from scripts.body import Layout, is_prose
from scripts.quotes import locate
from scripts.yamlio import load_yaml


class SeedReading:
    """The seed-reading half of the Analyser (scripts/bench/corpus/analysis.py)."""

    # -- analysing a seed ------------------------------------------------------

    def seed(self, root: Path, stem: str, definitions: dict, entities: dict) -> Seed:
        text = (root / "articles" / f"{stem}.txt").read_text(encoding="utf-8")
        document = plain(load_yaml(root / "articles" / f"{stem}.yaml"))
        lang = document["source"]["language"]
        layout = Layout.of(text)
        body = layout.body
        slots: list[Slot] = []

        # Country mentions in the body (captions included: they are rewritten too).
        for mention in self.detector.find(text, lang):
            if not layout.in_article(mention.start, mention.end):
                continue
            slots.append(self._country_slot(lang, text, body, mention))
        # Verbs agreeing with a country subject.
        for index, slot in enumerate(list(slots)):
            if slot.kind == "country" and slot.form != "adjective" and slot.case == "nomn":
                verb = self._agreeing_verb(lang, text, slot)
                if verb is not None:
                    verb.link = index
                    slots.append(verb)
        # People the seed's facts name.
        persons = self._person_names(lang, document, definitions, entities)
        taken = [(s.start, s.end) for s in slots]
        for start, end, word in word_tokens(text, *body):
            if any(a < end and start < b for a, b in taken):
                continue
            found = self._person_slot(word, persons)
            if found:
                entity, part, suffix = found
                slots.append(Slot(start, end, "person", entity=entity, part=part, suffix=suffix,
                                  value=word))
        # Numbers the curation repeats (ranges in km, percentages) and a stated date.
        for match in re.finditer(r"(?<![\d.,])(\d+)(?=\s*(%|км\b))", text[body[0]:body[1]]):
            start = body[0] + match.start(1)
            key = "percent" if match.group(2) == "%" else "km"
            slots.append(Slot(start, start + len(match.group(1)), "number", key=key, value=match.group(1)))
        date = None
        match = DATE_RE[lang].search(text, body[0], body[1])
        if match:
            month = MONTHS[lang].index(match.group(4)) + 1
            year = datetime.date.fromisoformat(document["source"]["published_date"]).year
            try:
                date = datetime.date(year, month, int(match.group(3)))
            except ValueError:
                date = None
            if date is not None:
                slots.append(Slot(match.start(1), match.end(2), "weekday", key="date",
                                  value=text[match.start(1):match.end(2)]))
                slots.append(Slot(match.start(3), match.end(3), "day", key="date", value=match.group(3)))
        unsorted = list(slots)
        slots.sort(key=lambda s: s.start)
        position = {id(s): i for i, s in enumerate(slots)}
        for slot in slots:
            if slot.kind == "verb":  # its link was an index into the unsorted list
                slot.link = position[id(unsorted[slot.link])]
            if slot.kind == "country" and slot.form == "subdivision":
                slot.pinned = True  # a subdivision names one country's region: it cannot move
        for i, slot in enumerate(slots):  # "Китаю та Ірану": the second noun takes the first's case
            if slot.case == "inherit":
                before = [s for s in slots[:i] if s.kind == "country" and s.case not in (None, "inherit")
                          and 0 <= slot.start - s.end <= 30]
                slot.case = before[-1].case if before else (slot.cases[0] if slot.cases else "nomn")
        return self._structure(stem, lang, text, document, body, slots, definitions, persons, date)

    def _country_slot(self, lang: str, text: str, body: tuple, mention) -> Slot:
        words = mention.text.split()
        slot = Slot(mention.start, mention.end, "country", country=mention.country, form=mention.kind,
                    capitalised=mention.text[:1].isupper(), value=mention.text)
        if mention.kind == "adjective":
            parse = next((p for p in self.parses(lang, words[0]) if p.tag.POS == "ADJF"), None)
            if parse is None:
                slot.pinned = True
                return slot
            tag = parse.tag
            grammemes = [str(tag.case)]
            grammemes.append("plur" if tag.number == "plur" else str(tag.gender or "masc"))
            if tag.number != "plur" and lang == "ru":
                grammemes.append("sing")
            if tag.animacy and tag.case == "accs":
                grammemes.append(str(tag.animacy))
            slot.grammemes = tuple(g for g in grammemes if g)
            return slot
        # Nouns: the head word's possible cases, narrowed by the words around it.
        head = words[-1]
        parses = [p for p in self.parses(lang, head) if p.tag.POS == "NOUN"]
        fixed = not parses or any("Fixd" in p.tag.grammemes for p in parses) or mention.kind == "abbreviation"
        cases = [] if fixed else list(dict.fromkeys(str(p.tag.case) for p in parses if p.tag.case))
        cases = [c for c in cases if c in CASES]
        first = parses[0] if parses else None
        if first is not None and first.tag.number == "plur":
            slot.gender = "plur"
        elif first is not None and first.tag.gender in ("masc", "femn", "neut"):
            slot.gender = str(first.tag.gender)
        previous = word_tokens(text, max(body[0], mention.start - 40), mention.start)
        following = word_tokens(text, mention.end, min(body[1], mention.end + 40))
        before = previous[-1][2].lower() if previous and not text[previous[-1][1]:mention.start].strip() else None
        after = following[0][2].lower() if following and not text[mention.end:following[0][0]].strip(" ,") else None
        allowed = PREPOSITIONS[lang].get(before, ()) if before else ()
        case = None
        if allowed:
            case = next((c for c in allowed if c in cases), allowed[0])
        elif after in DATIVE_PREDICATES:
            case = "datv"
        elif before in CONJUNCTIONS:
            case = "inherit"
        elif before and cases and any(p.tag.POS in ("VERB", "INFN") for p in self.parses(lang, before)):
            # The object of a verb: "просил Москву", "передати Каракасу".
            case = next((c for c in ("accs", "datv") if c in cases), cases[0])
        elif fixed:
            noun_before = before and any(p.tag.POS == "NOUN" for p in self.parses(lang, before))
            case = "gent" if noun_before else "nomn"
        else:
            case = cases[0] if cases else "nomn"
        slot.case = case
        slot.cases = tuple(cases)
        return slot

    def _agreeing_verb(self, lang: str, text: str, slot: Slot) -> Slot | None:
        following = word_tokens(text, slot.end, min(len(text), slot.end + 60))
        for start, end, word in following[:4]:
            if re.search(r"[.!?;:]", text[slot.end:start]):
                return None
            parses = self.parses(lang, word)
            verb = next((p for p in parses if p.tag.POS == "VERB" and p.tag.tense == "past"), None)
            if verb is not None:
                gender = "plur" if verb.tag.number == "plur" else str(verb.tag.gender)
                if gender == slot.gender:
                    return Slot(start, end, "verb", value=word, gender=gender)
                return None
            if not parses or parses[0].tag.POS not in SKIPPABLE:
                return None
        return None

    def _person_names(self, lang: str, document: dict, definitions: dict, entities: dict) -> dict:
        """seed entity id -> the words of its name, for the people the seed's facts name
        and whose names contain no country word."""
        named = set()
        for table in ("requests", "events"):
            for record in definitions.get(table, {}).values():
                for key in ("requester", "addressee", "actor", "target"):
                    if record.get(key):
                        named.add(record[key])
        persons = {}
        for entity_id in sorted(named):
            entity = entities.get(entity_id)
            if not entity or entity.get("type") != "person" or not entity.get("country"):
                continue
            name = entity.get(f"name_{lang}")
            if not name or self.detector.find(name, lang):
                continue
            persons[entity_id] = name.split()
        return persons

    @staticmethod
    def _person_slot(word: str, persons: dict) -> tuple[str, int, str] | None:
        if not word[:1].isupper():
            return None
        found = []
        for entity_id, words in persons.items():
            for part, name in enumerate(words):
                if word == name:
                    found.append((entity_id, part, ""))
                elif (len(name) >= 3 and word.startswith(name) and re.search(r"[^аеиоуыэюяіїєё]\Z", name.lower())
                      and NAME_SUFFIX_RE.fullmatch(word[len(name):])):
                    found.append((entity_id, part, word[len(name):]))
        return found[0] if len(found) == 1 else None

    def _structure(self, stem, lang, text, document, body, slots, definitions, persons, date) -> Seed:
        # Lines of the body, and their units.
        lines: list[Line] = []
        units: list[Unit] = []
        position = body[0]
        raw_lines = text[body[0]:body[1]].split("\n")
        spans = []
        for raw in raw_lines:
            spans.append((position, position + len(raw)))
            position += len(raw) + 1
        content = [(a, b) for a, b in spans if text[a:b].strip()]
        for i, (a, b) in enumerate(content):
            next_start = content[i + 1][0] if i + 1 < len(content) else body[1]
            separator = text[b:next_start] if i + 1 < len(content) else ""
            line_text = text[a:b]
            prose = is_prose(line_text.strip())
            cuts = [a]
            if prose:
                cuts += [a + m.end() for m in SENTENCE_SPLIT_RE.finditer(line_text)
                         if balanced(line_text[:m.start() + 1])]
            sentences = []
            for j, cut in enumerate(cuts):
                end = cuts[j + 1] if j + 1 < len(cuts) else b
                s_end = end
                while s_end > cut and text[s_end - 1].isspace():
                    s_end -= 1
                sentences.append((cut, s_end))
            line = Line(units=[], gaps=[], prose=prose, separator=separator)
            for j, (s, e) in enumerate(sentences):
                if j:
                    line.gaps.append(text[sentences[j - 1][1]:s])
                line.units.append(len(units))
                units.append(Unit(s, e, [], len(lines)))
            lines.append(line)

        # Quotes: evidence, citations and the title, each inside one unit (merge if not).
        quotes = {}
        evidence_fact = {}
        for table_name in ("citations", "evidence"):
            for index, record in enumerate(document.get(table_name, [])):
                key = f"{table_name}:{index}"
                start, end = locate(text, record["quote"], record.get("occurrence"))
                quotes[key] = (start, end)
                if table_name == "evidence":
                    table = next(t for t in registry.counted() if record.get(t.ref_key))
                    evidence_fact[record["id"]] = (table.name, record[table.ref_key])
        title = document["source"].get("title")
        title_key = None
        if title and title in text:
            start = text.index(title)
            if body[0] <= start:
                title_key = "title"
                quotes[title_key] = (start, start + len(title))
        units, lines = merge_for_quotes(units, lines, quotes, text)
        # Slots a quote boundary cuts through cannot change.
        for slot in slots:
            for start, end in quotes.values():
                if slot.start < start < slot.end or slot.start < end < slot.end:
                    slot.pinned = True
        # Pieces of each unit.
        unit_quotes = {}
        for u_index, unit in enumerate(units):
            cuts = {unit.start, unit.end}
            inside = [i for i, s in enumerate(slots) if unit.start <= s.start and s.end <= unit.end]
            for i in inside:
                cuts |= {slots[i].start, slots[i].end}
            mine = {k: v for k, v in quotes.items() if unit.start <= v[0] and v[1] <= unit.end}
            for start, end in mine.values():
                cuts |= {start, end}
            cuts = sorted(cuts)
            pieces, offsets = [], []
            starts = {slots[i].start: i for i in inside}
            for a, b in zip(cuts, cuts[1:]):
                offsets.append(a)
                pieces.append(starts[a] if a in starts and slots[starts[a]].end == b else text[a:b])
            offsets.append(unit.end)
            unit.pieces = pieces
            unit.slots = inside
            for i in inside:
                slots[i].unit = u_index
            for key, (start, end) in mine.items():
                unit_quotes[key] = (u_index, offsets.index(start), offsets.index(end))
                unit.quotes.append(key)
                if key.startswith("evidence:"):
                    unit.evidence.append(document["evidence"][int(key.split(":")[1])]["id"])
                elif key.startswith("citations:"):
                    unit.citations.append(int(key.split(":")[1]))
        missing = set(quotes) - set(unit_quotes)
        if missing:
            raise ValueError(f"{stem}: quotes outside the body's units: {sorted(missing)}")

        # Head: lines up to and including the first prose line; blocks after it.
        first_prose = next((i for i, line in enumerate(lines) if line.prose), len(lines) - 1)
        head = list(range(first_prose + 1))
        blocks, pending = [], []
        for i in range(first_prose + 1, len(lines)):
            pending.append(i)
            if lines[i].prose:
                blocks.append(pending)
                pending = []
        if pending:
            if blocks:
                blocks[-1] += pending
            else:
                head += pending
        # A paragraph that ends with a colon introduces the next one: they move together.
        merged = []
        for block in blocks:
            if merged and text[units[lines[merged[-1][-1]].units[-1]].end - 1] == ":":
                merged[-1] = merged[-1] + block
            else:
                merged.append(block)
        blocks = merged
        separators = Counter(lines[block[-1]].separator for block in blocks[:-1]) or Counter({"\n\n": 1})
        separator = separators.most_common(1)[0][0] or "\n\n"

        facts: dict[str, dict] = defaultdict(dict)
        parent = {}
        for table, fact_id in sorted(set(evidence_fact.values())):
            facts[table][fact_id] = definitions[table][fact_id]
        for item_id, item in list(facts["equipment"].items()):
            for key, table in (("request", "requests"), ("event", "events")):
                if item.get(key):
                    parent[item_id] = (table, item[key])
                    if item[key] not in facts[table] and item[key] in definitions[table]:
                        facts[table][item[key]] = definitions[table][item[key]]
        fillers = frozenset(u for u, unit in enumerate(units) if not unit.quotes and unit.line not in head
                            and lines[unit.line].prose)
        return Seed(stem, lang, text, document, body, slots, units, lines, head, blocks, separator,
                    unit_quotes, dict(facts), parent, evidence_fact, persons, date, title_key, fillers)
