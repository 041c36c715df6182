"""Realistic synthetic corpora for benchmarks: N articles whose texts differ, each curated
consistently with its own text, written as a complete repository outside this one.

    python -m scripts.bench.corpus N OUT [--seed S] [--root REPO]
    make corpus N=1000 OUT=/tmp/corpus [SEED=0]

scripts/bench/synthetic.py copies the real articles, so after the first copy the mention
detector's word cache is warm. Here article k is a new text made from seed article
k mod (number of seeds) (every article in articles/ with its curation), so that texts,
lengths, countries, people and numbers differ:

1. Each seed is analysed once. Its body (scripts/body.py) is cut into lines and sentences
   (never inside a quotation, never through a quote). Slots are the words that change:
   every country mention the detector finds in the body, with its form (name, alias,
   adjective, capital, abbreviation) and grammar (case from its parses and the preposition
   or verb before it; gender, number and case of an adjective); past-tense verbs agreeing
   with a country subject ("Москва утвердила"); the names of the people its facts name
   ("Путин|а": a name word and its ending); numbers the curation repeats (a range in km,
   a percentage); the weekday and day of a stated date. Every evidence and citation quote
   is located (with its `occurrence`) as a run of pieces of one sentence.
2. Article k draws, from random.Random(f"{seed}:{k}:{attempt}"): an injective map from
   the seed's countries to a pool of 62 countries; one of VARIANTS invented people (of the
   mapped country) for each person of the seed; a range, a percentage and another day of
   the month; which facts to keep (35-85 %); which sentences without quotes to keep; the
   order of the paragraphs after the lede (a paragraph ending with a colon keeps the next).
3. Each slot is written for the new country in the same form: the country's alias,
   adjective, capital or abbreviation from the lexicon (reference/lexicon/countries.yaml),
   inflected with pymorphy3, or by the rules of its ending for a word pymorphy3 does not
   know ("Эр-Рияда"); verbs follow their subject's new gender or number. A sentence with a
   slot that cannot be written is dropped, and a fact left without evidence with it; a
   region (a subdivision) cannot move, so its sentence goes when its country does. A
   written country word counts as a mention only if the detector finds it, for the new
   country, in its sentence (checked once per slot and country).
4. The curation follows the text: the seed's facts (also those another seed's file
   defines) with the suffix -syn-<k> on every id; requests and events point at the
   entities of the mapped countries (the invented people, the government body and capital
   of the country, appended to reference/entities.yaml); supplier and recipient countries,
   max_range_km and exact dates follow; English summaries get the new names, demonyms,
   capitals and numbers; every quote is the article's text at its pieces, with
   `occurrence` counted again. Citations stay when the kept evidence needs their chain of
   credits. A fact is kept only if each country it involves (registry.involved_countries)
   is mentioned in the kept body, so the build gives no warning; the body scripts/body.py
   finds in the new text must be the one intended, or the article is drawn again.
5. Runs of articles are made on all cores (forked workers inherit the analysis; the
   country words are written and checked before they fork). An article with the same
   bytes as an earlier one is drawn again, in k order. The same seed gives the same bytes.

Only a directory that is new, empty or a corpus made here (it holds .synthetic-corpus) is
written; never the repository or a directory in or above it.

Measured on 2 cores: 1,000 articles in 4-5 s, 10,000 in 18-26 s (peak RSS about 250 MB).

Limits: the words are the seeds' words plus countries, invented names and numbers, so the
corpus vocabulary saturates (two seeds: about 3,000 Russian and 5,000 Ukrainian word forms
by 2,000 articles) and on a large corpus the detector's cache warms up again, later than on
copies; more seed articles widen it. Grammar is right in the common cases, not always: a
noun's case is guessed where its parses disagree and nothing in the sentence decides it;
a preposition's euphonic form ("в"/"во", "у"/"в") and words agreeing with a country outside
its own slot ("Офіційний Сукре") are not adjusted; the sentences kept can leave an
anaphora without its antecedent ("За день до этого ..." without the arrival).
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import random
import re
import shlex
import shutil
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pymorphy3
import yaml

from scripts import parallel, registry
from scripts.bench.synthetic import plain
from scripts.body import Layout, is_prose
from scripts.build.package import RELEASE_FILES
from scripts.countries import short_name
from scripts.mentions import load_detector
from scripts.mentions.morphology import TOKEN_RE
from scripts.quotes import locate, occurrences
from scripts.yamlio import load_yaml

SUFFIX = "-syn-{k}"
ARTICLES_PER_TASK = 100
VARIANTS = 4          # invented people per (person of a seed, country)
ATTEMPTS = 32         # draws of one article before giving up on it
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# The countries an article may be moved to: English demonym and capital (for the English
# summaries; the Russian and Ukrainian words come from the lexicon). "the": named with it.
POOL: dict[str, tuple[str, str]] = {
    "AF": ("Afghan", "Kabul"), "AM": ("Armenian", "Yerevan"), "AO": ("Angolan", "Luanda"),
    "AR": ("Argentine", "Buenos Aires"), "AZ": ("Azerbaijani", "Baku"),
    "BD": ("Bangladeshi", "Dhaka"), "BO": ("Bolivian", "Sucre"), "BR": ("Brazilian", "Brasília"),
    "BY": ("Belarusian", "Minsk"), "CN": ("Chinese", "Beijing"), "CO": ("Colombian", "Bogotá"),
    "CU": ("Cuban", "Havana"), "DE": ("German", "Berlin"), "DZ": ("Algerian", "Algiers"),
    "EG": ("Egyptian", "Cairo"), "ER": ("Eritrean", "Asmara"), "ET": ("Ethiopian", "Addis Ababa"),
    "FR": ("French", "Paris"), "GB": ("British", "London"), "GE": ("Georgian", "Tbilisi"),
    "GH": ("Ghanaian", "Accra"), "ID": ("Indonesian", "Jakarta"), "IN": ("Indian", "New Delhi"),
    "IQ": ("Iraqi", "Baghdad"), "IR": ("Iranian", "Tehran"), "IT": ("Italian", "Rome"),
    "JP": ("Japanese", "Tokyo"), "KG": ("Kyrgyz", "Bishkek"), "KP": ("North Korean", "Pyongyang"),
    "KR": ("South Korean", "Seoul"), "KZ": ("Kazakh", "Astana"), "LA": ("Lao", "Vientiane"),
    "LY": ("Libyan", "Tripoli"), "MA": ("Moroccan", "Rabat"), "ML": ("Malian", "Bamako"),
    "MM": ("Myanmar", "Naypyidaw"), "MN": ("Mongolian", "Ulaanbaatar"),
    "MZ": ("Mozambican", "Maputo"), "NE": ("Nigerien", "Niamey"), "NG": ("Nigerian", "Abuja"),
    "NI": ("Nicaraguan", "Managua"), "NL": ("Dutch", "Amsterdam"), "PE": ("Peruvian", "Lima"),
    "PH": ("Philippine", "Manila"), "PK": ("Pakistani", "Islamabad"), "PL": ("Polish", "Warsaw"),
    "RS": ("Serbian", "Belgrade"), "RU": ("Russian", "Moscow"), "SA": ("Saudi", "Riyadh"),
    "SD": ("Sudanese", "Khartoum"), "SY": ("Syrian", "Damascus"), "TJ": ("Tajik", "Dushanbe"),
    "TM": ("Turkmen", "Ashgabat"), "TR": ("Turkish", "Ankara"), "UA": ("Ukrainian", "Kyiv"),
    "UG": ("Ugandan", "Kampala"), "US": ("US", "Washington"), "UZ": ("Uzbek", "Tashkent"),
    "VE": ("Venezuelan", "Caracas"), "VN": ("Vietnamese", "Hanoi"),
    "ZA": ("South African", "Pretoria"), "ZW": ("Zimbabwean", "Harare"),
}
THE = frozenset({"US", "GB", "NL", "PH"})

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Cases a preposition governs, most likely first.
PREPOSITIONS = {
    "ru": {"в": ("loct", "accs"), "во": ("loct", "accs"), "на": ("loct", "accs"), "к": ("datv",),
           "ко": ("datv",), "с": ("ablt", "gent"), "со": ("ablt", "gent"), "из": ("gent",),
           "от": ("gent",), "до": ("gent",), "у": ("gent",), "для": ("gent",),
           "против": ("gent",), "между": ("ablt",), "о": ("loct",), "об": ("loct",),
           "по": ("datv",), "за": ("ablt", "accs"), "над": ("ablt",), "под": ("ablt",),
           "перед": ("ablt",), "при": ("loct",), "без": ("gent",), "из-за": ("gent",)},
    "uk": {"в": ("loct", "accs"), "у": ("loct", "accs"), "на": ("loct", "accs"), "до": ("gent",),
           "з": ("gent", "ablt"), "із": ("gent", "ablt"), "зі": ("gent", "ablt"),
           "від": ("gent",), "для": ("gent",), "проти": ("gent",), "між": ("ablt",),
           "про": ("accs",), "по": ("loct", "datv"), "за": ("ablt", "accs"), "над": ("ablt",),
           "під": ("ablt",), "перед": ("ablt",), "при": ("loct",), "без": ("gent",),
           "біля": ("gent",), "к": ("datv",)},
}
CONJUNCTIONS = frozenset({"и", "і", "та", "й", "или", "або"})
# Words after which a bare noun is in the dative ("Венесуэле необходимо").
DATIVE_PREDICATES = frozenset({"необходимо", "нужно", "нужны", "нужен", "нужна", "выгодно",
                               "потрібні", "потрібно", "потрібен", "потрібна", "необхідно",
                               "вигідно"})
# Past-tense verbs agree with a country subject across these parts of speech.
_SKIPPABLE = frozenset({"ADVB", "PRCL", "CONJ"})

WEEKDAYS = {  # accusative after в / у, Monday first
    "ru": ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"),
    "uk": ("понеділок", "вівторок", "середу", "четвер", "п’ятницю", "суботу", "неділю"),
}
MONTHS = {  # genitive
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
           "вересня", "жовтня", "листопада", "грудня"),
}
RANGES_KM = (300, 400, 500, 600, 700, 800, 900, 1000, 1200, 1500, 1800, 2000, 2500, 3000)

# Syllables of invented names: (Russian, Ukrainian) spellings.
_ONSETS = "б в г д з к л м н п р с т ф".split()
_VOWELS = (("а", "а"), ("о", "о"), ("у", "у"), ("е", "е"), ("и", "і"))
# Endings after the last syllable (itself ending in a vowel), by how the name declines.
_CODAS = {"in": (("вов", "вов"), ("нов", "нов"), ("рин", "рін"), ("лин", "лін"), ("шев", "шев"),
                 ("дов", "дов")),
          "cons": (("с", "с"), ("н", "н"), ("р", "р"), ("л", "л"), ("т", "т"), ("д", "д"),
                   ("м", "м"), ("рт", "рт"), ("нс", "нс")),
          "vowel": (("до", "до"), ("ро", "ро"), ("ле", "ле"), ("ту", "ту"), ("со", "со"),
                    ("ни", "ні"), ("ри", "рі"))}
_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ’'",
                  ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n",
                   "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y",
                   "", "e", "yu", "ya", "i", "yi", "ye", "g", "", ""]))
_NAME_SUFFIX_RE = re.compile(r"(?:а|у|ом|ым|им|е|і|ові|ою|ем|ю|я|ові)\Z")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?…])[\"»”]?\s+(?=[«\"“„(]?[A-ZА-ЯЁІЇЄҐ0-9])")
_DATE_RE = {
    "ru": re.compile(r"\b(в|во)\s+(" + "|".join(WEEKDAYS["ru"]) + r"),?\s+(\d{1,2})\s+("
                     + "|".join(MONTHS["ru"]) + r")\b"),
    "uk": re.compile(r"\b(у|в)\s+(" + "|".join(WEEKDAYS["uk"]).replace("’", "[’']") + r"),?\s+(\d{1,2})\s+("
                     + "|".join(MONTHS["uk"]) + r")\b"),
}


def fold_apostrophe(word: str) -> str:
    return word.replace("’", "'").replace("ʼ", "'")


def match_case(template: str, word: str) -> str:
    """word with the capitalisation of template, part by hyphenated part."""
    parts, shapes = word.split("-"), template.split("-")
    out = []
    for i, part in enumerate(parts):
        shape = shapes[min(i, len(shapes) - 1)]
        out.append(part[:1].upper() + part[1:] if shape[:1].isupper() else part)
    return "-".join(out)


# --------------------------------------------------------------------------
# Slots: the words of a seed that change from article to article
# --------------------------------------------------------------------------

@dataclass
class Slot:
    start: int
    end: int
    kind: str                  # country | verb | person | number | weekday | day
    country: str | None = None
    form: str | None = None    # the mention kind (alias, adjective, ...) for a country slot
    grammemes: tuple = ()      # adjectives: gender/number, case, animacy
    case: str | None = None    # nouns
    gender: str | None = None  # of the original noun (masc, femn, neut, plur), for agreement
    capitalised: bool = False
    pinned: bool = False       # cannot change (a subdivision; a quote ends inside it)
    link: int | None = None    # verb: the country slot it agrees with
    entity: str | None = None  # person
    part: int = 0              # person: which word of the name
    suffix: str = ""           # person: ending after the name word ("Путин|а")
    key: str | None = None     # number: "km" | "percent"; the date slots: "date"
    value: str = ""            # original text
    cases: tuple = ()          # nouns: the cases their parses allow
    unit: int = -1             # the unit it is in


@dataclass
class Unit:
    """A sentence of a prose line, or a whole other line, as literal pieces and slots."""
    start: int
    end: int
    pieces: list               # str | int (index of a slot)
    line: int                  # index of its line
    quotes: list = field(default_factory=list)   # keys of the quotes inside it
    evidence: list = field(default_factory=list)  # evidence ids inside it
    citations: list = field(default_factory=list)  # citation indexes inside it
    slots: list = field(default_factory=list)     # slot indexes


@dataclass
class Line:
    units: list                # unit indexes
    gaps: list                 # text before each unit after the first
    prose: bool
    separator: str             # text after the line up to the next one


@dataclass
class Seed:
    stem: str
    language: str
    text: str
    document: dict
    body: tuple
    slots: list
    units: list
    lines: list
    head: list                 # line indexes before and including the lede: fixed
    blocks: list               # the other lines, grouped: attached non-prose lines + prose line
    separator: str             # between blocks
    quotes: dict               # key -> (unit, first piece, last piece + 1)
    facts: dict                # table -> {id: record} of every fact its evidence names
    parent: dict               # item id -> (table, id) of its request or event
    evidence_fact: dict        # evidence id -> (table, fact id)
    persons: dict              # seed entity id -> name words in the seed's language
    date: datetime.date | None  # the stated date its date slots spell
    title_key: str | None      # the quote key of the title, if the title is in the text
    fillers: frozenset = frozenset()  # units of prose lines after the head with no quote


def _word_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group()) for m in TOKEN_RE.finditer(text[start:end])]


class Analyser:
    """The morphology and lexicon the generator needs, and its caches (per process)."""

    def __init__(self, root: Path):
        self.root = root
        self.detector = load_detector(root / "reference" / "lexicon", root / ".cache")
        self.morph = {lang: pymorphy3.MorphAnalyzer(lang=lang) for lang in ("ru", "uk")}
        self.lexicon = {lang: self.detector.lexicon_forms(lang) for lang in ("ru", "uk")}
        self.forms: dict = {}      # (lang, form, signature, country) -> (text, gender) | None
        self.verbs: dict = {}      # (lang, verb, gender) -> text | None
        self.checked: dict = {}    # (seed, slot, country) -> detected?

    # -- morphology ----------------------------------------------------------

    def parses(self, lang: str, word: str):
        return self.morph[lang].parse(fold_apostrophe(word).lower())

    def country_word(self, lang: str, country: str, form: str) -> str | None:
        kinds = self.lexicon[lang].get(country, {})
        if form == "abbreviation":
            return (kinds.get("abbreviation") or (None,))[0]
        if form in ("alias", "name"):
            return (kinds.get("alias", ()) + kinds.get("name", ()) or (None,))[0]
        if form in ("adjective", "capital"):
            return (kinds.get(form) or (None,))[0]
        return None

    def _nominative(self, lang: str, word: str, adjective: bool = False):
        parses = self.parses(lang, word)
        folded = fold_apostrophe(word).lower()
        wanted = ("ADJF",) if adjective else ("NOUN",)
        ranked = sorted(parses, key=lambda p: (p.tag.POS not in wanted, "nomn" not in p.tag.grammemes,
                                                "Geox" not in p.tag.grammemes, p.normal_form != folded))
        return ranked[0] if ranked else None

    def _is_adjective(self, lang: str, word: str) -> bool:
        parse = self._nominative(lang, word, adjective=True)
        return parse is not None and parse.tag.POS in ("ADJF", "PRTF") and "nomn" in parse.tag.grammemes

    def _noun(self, lang: str, word: str):
        """pymorphy3's parse of a noun in the nominative whose lemma is the word itself
        (inanimate preferred), or None when it has none (then the rules of _declined apply)."""
        folded = fold_apostrophe(word).lower()
        parses = [p for p in self.parses(lang, word) if p.tag.POS == "NOUN" and "nomn" in p.tag.grammemes
                  and (p.normal_form == folded or p.tag.number == "plur") and p.is_known]
        parses.sort(key=lambda p: ("Geox" not in p.tag.grammemes, "anim" in p.tag.grammemes))
        return parses[0] if parses else None

    def noun_form(self, lang: str, word: str, case: str) -> tuple[str, str]:
        """(word in `case`, its gender or "plur"). In a hyphenated name only the last part
        declines ("Эр-Рияда"); an unknown word is declined by the rules of its ending."""
        prefix, _, last = word.rpartition("-")
        head = prefix + "-" if prefix else ""
        noun = self._noun(lang, last)
        if noun is not None:
            gender = "plur" if noun.tag.number == "plur" else str(noun.tag.gender or "neut")
            if "Fixd" in noun.tag.grammemes or case == "nomn":
                return word, gender
            inflected = noun.inflect({case})
            if inflected is None:
                return word, gender
            return head + match_case(last, self._apostrophe(last, inflected.word)), gender
        ending, gender = _declined(lang, last.lower(), case)
        if ending is None:
            return word, gender
        return head + match_case(last, ending), gender

    def inflect_noun(self, lang: str, phrase: str, case: str) -> tuple[str, str] | None:
        """phrase (a country's alias or capital, nominative) in `case`, and the gender or
        number ("plur") a verb agreeing with it takes; None when pymorphy3 cannot inflect
        its adjectives. The adjectives before the first noun agree with it ("Северной
        Кореи"), the words after it stay ("Республики Корея")."""
        words = phrase.split(" ")
        head = next((i for i, word in enumerate(words)
                     if i + 1 == len(words) or not self._is_adjective(lang, word)), None)
        head_form, gender = self.noun_form(lang, words[head], case)
        out = list(words)
        out[head] = head_form
        if case == "nomn":
            return phrase, gender
        number = "plur" if gender == "plur" else "sing"
        # An inanimate noun's accusative is its nominative: so is its adjective's.
        adjective_case = "nomn" if case == "accs" and head_form.lower() == words[head].lower() else case
        for i in range(head):
            parse = self._nominative(lang, words[i], adjective=True)
            wanted = {adjective_case, number} | ({gender} if gender in ("masc", "femn", "neut") else set())
            inflected = parse.inflect(wanted) or parse.inflect(wanted - {"sing"})
            if inflected is None:
                return None
            out[i] = match_case(words[i], self._apostrophe(words[i], inflected.word))
        return " ".join(out), gender

    @staticmethod
    def _apostrophe(template: str, word: str) -> str:
        return word.replace("'", "’") if "’" in template else word

    def inflect_adjective(self, lang: str, lemma: str, grammemes: tuple, capitalised: bool) -> str | None:
        parse = self._nominative(lang, lemma, adjective=True)
        if parse is None or parse.tag.POS != "ADJF":
            return None
        wanted = set(grammemes)
        inflected = parse.inflect(wanted) or parse.inflect(wanted - {"anim", "inan"})
        if inflected is None:
            return None
        word = self._apostrophe(lemma, inflected.word)
        return word[:1].upper() + word[1:] if capitalised else word

    def render_country(self, lang: str, slot: Slot, country: str) -> tuple[str, str] | None:
        """The words for `country` in the slot's form: (text, gender) or None."""
        key = (lang, slot.form, slot.grammemes, slot.case, slot.capitalised, country)
        if key in self.forms:
            return self.forms[key]
        result = None
        if slot.form == "adjective":
            lemma = self.country_word(lang, country, "adjective")
            if lemma:
                word = self.inflect_adjective(lang, lemma, slot.grammemes, slot.capitalised)
                result = (word, None) if word else None
        elif slot.form in ("alias", "name", "capital", "abbreviation"):
            abbreviation = self.country_word(lang, country, "abbreviation") if slot.form == "abbreviation" else None
            if abbreviation:
                parse = self._nominative(lang, abbreviation)
                gender = ("plur" if parse is not None and parse.tag.number == "plur" else
                          str(parse.tag.gender) if parse is not None and parse.tag.gender else "femn")
                result = (abbreviation, gender)
            else:
                phrase = self.country_word(lang, country, "capital" if slot.form == "capital" else "alias")
                if phrase:
                    result = self.inflect_noun(lang, phrase, slot.case or "nomn")
        self.forms[key] = result
        return result

    def render_verb(self, lang: str, verb: str, gender: str) -> str | None:
        key = (lang, verb, gender)
        if key not in self.verbs:
            parse = next((p for p in self.parses(lang, verb) if p.tag.POS == "VERB"), None)
            word = None
            if parse is not None:
                wanted = [{"plur"}] if gender == "plur" else [{gender, "sing"}, {gender}]
                for grammemes in wanted:
                    inflected = parse.inflect(grammemes)
                    if inflected is not None:
                        word = match_case(verb, inflected.word)
                        break
            self.verbs[key] = word
        return self.verbs[key]

    def render_string(self, lang: str, text: str, mapping: dict) -> str:
        """A short text (an entity's name) with its country words moved by mapping."""
        out, position = [], 0
        for mention in self.detector.find(text, lang):
            target = mapping.get(mention.country, mention.country)
            slot = self._country_slot(lang, text, (0, len(text)), mention)
            if slot.case == "inherit":
                slot.case = slot.cases[0] if slot.cases else "nomn"
            rendered = None if slot.pinned or target == mention.country else self.render_country(lang, slot, target)
            out.append(text[position:mention.start])
            out.append(rendered[0] if rendered else mention.text)
            position = mention.end
        out.append(text[position:])
        return "".join(out)

    def check(self, seed_index: int, seed: Seed, slot_index: int, country: str) -> bool:
        """Does the detector find `country` where the slot is rendered for it (in the
        slot's sentence, the other words as in the seed)?"""
        key = (seed_index, slot_index, country)
        found = self.checked.get(key)
        if found is None:
            slot = seed.slots[slot_index]
            found = False
            if country == slot.country:
                found = True
            elif not slot.pinned:
                rendered = self.render_country(seed.language, slot, country)
                unit = seed.units[slot.unit]
                if rendered:
                    text = (seed.text[unit.start:slot.start] + rendered[0] + seed.text[slot.end:unit.end])
                    start = slot.start - unit.start
                    end = start + len(rendered[0])
                    found = any(m.country == country and m.start < end and start < m.end
                                for m in self.detector.find(text, seed.language))
            self.checked[key] = found
        return found

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
        for start, end, word in _word_tokens(text, *body):
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
        match = _DATE_RE[lang].search(text, body[0], body[1])
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
        previous = _word_tokens(text, max(body[0], mention.start - 40), mention.start)
        following = _word_tokens(text, mention.end, min(body[1], mention.end + 40))
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
        following = _word_tokens(text, slot.end, min(len(text), slot.end + 60))
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
            if not parses or parses[0].tag.POS not in _SKIPPABLE:
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
                      and _NAME_SUFFIX_RE.fullmatch(word[len(name):])):
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
                cuts += [a + m.end() for m in _SENTENCE_SPLIT_RE.finditer(line_text)
                         if _balanced(line_text[:m.start() + 1])]
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
        units, lines = _merge_for_quotes(units, lines, quotes, text)
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


# Declension of a word pymorphy3 does not know, by its ending: (ending, gender, forms by case).
_RULES = {
    "ru": (("ия", "femn", {"gent": "ии", "datv": "ии", "accs": "ию", "ablt": "ией", "loct": "ии"}),
           ("я", "femn", {"gent": "и", "datv": "е", "accs": "ю", "ablt": "ей", "loct": "е"}),
           ("а", "femn", {"gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"}),
           ("й", "masc", {"gent": "я", "datv": "ю", "accs": "й", "ablt": "ем", "loct": "е"}),
           ("ь", None, {}), ("", "masc", {"gent": "а", "datv": "у", "accs": "", "ablt": "ом", "loct": "е"})),
    "uk": (("ія", "femn", {"gent": "ії", "datv": "ії", "accs": "ію", "ablt": "ією", "loct": "ії"}),
           ("я", "femn", {"gent": "і", "datv": "і", "accs": "ю", "ablt": "ею", "loct": "і"}),
           ("а", "femn", {"gent": "и", "datv": "і", "accs": "у", "ablt": "ою", "loct": "і"}),
           ("й", "masc", {"gent": "я", "datv": "ю", "accs": "й", "ablt": "єм", "loct": "ї"}),
           ("ь", None, {}), ("", "masc", {"gent": "а", "datv": "у", "accs": "", "ablt": "ом", "loct": "і"})),
}


def _declined(lang: str, word: str, case: str) -> tuple[str | None, str]:
    """The word in `case` by the rules of its ending, and its gender; (None, gender) when it
    does not decline (it ends in a vowel other than а/я) or the rules do not know it."""
    if re.search(r"[оеиуюіэєы]\Z", word):
        return None, "neut"
    for ending, gender, forms in _RULES[lang]:
        if word.endswith(ending):
            if gender is None or case not in forms and case != "nomn":
                return None, gender or "femn"
            if case == "nomn":
                return word, gender
            form = forms[case]
            if lang == "ru" and ending == "а" and case == "gent" and word[-2:-1] in "гкхжшчщ":
                form = "и"  # "Абуджи", not "Абуджы"
            return word[:len(word) - len(ending)] + form, gender
    return None, "neut"


def _balanced(prefix: str) -> bool:
    """No quotation left open at the end of prefix."""
    opened = prefix.count("«") - prefix.count("»") + prefix.count("“") - prefix.count("”")
    return opened <= 0 and prefix.count('"') % 2 == 0 and prefix.count("„") <= prefix.count("“")


def _merge_for_quotes(units: list, lines: list, quotes: dict, text: str):
    """Merge consecutive units of a line that one quote spans."""
    changed = True
    while changed:
        changed = False
        for start, end in quotes.values():
            first = next((i for i, u in enumerate(units) if u.start <= start < max(u.end, u.start + 1)), None)
            last = next((i for i, u in enumerate(units) if u.start < end <= u.end), None)
            if first is None or last is None or first == last:
                continue
            if units[first].line != units[last].line:
                raise ValueError(f"a quote spans two lines: {text[start:end]!r}")
            line = lines[units[first].line]
            merged = Unit(units[first].start, units[last].end, [], units[first].line)
            position = line.units.index(first)
            count = last - first + 1
            line.units[position:position + count] = [first]
            del line.gaps[position:position + count - 1]
            units[first:last + 1] = [merged]
            for other in lines:  # renumber the units after the merged ones
                other.units = [u if u <= first else u - (count - 1) for u in other.units]
            changed = True
            break
    return units, lines


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
            vowel = rng.choice(_VOWELS)
            onset = rng.choice(_ONSETS)
            parts = [(onset + vowel[0], onset + vowel[1])]
        else:
            parts = []
            for _ in range(rng.choice((2, 2, 3))):
                onset, vowel = rng.choice(_ONSETS), rng.choice(_VOWELS)
                parts.append((onset + vowel[0], onset + vowel[1]))
            parts.append(rng.choice(_CODAS[kind]))  # "vowel": never declined (Мадуро, Сторі)
        ru.append("".join(p[0] for p in parts).capitalize())
        uk.append("".join(p[1] for p in parts).capitalize())
    return {"ru": ru, "uk": uk}


def latin(word: str) -> str:
    out = "".join(_LATIN.get(c, c) for c in word.lower())
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


# --------------------------------------------------------------------------
# Generating articles
# --------------------------------------------------------------------------

@dataclass
class Shared:
    """What every worker needs, inherited when they fork."""
    root: Path
    out: Path
    seed_value: str
    seeds: list
    analyser: Analyser
    entities: Entities


@dataclass
class Article:
    k: int
    source_id: str
    text: str
    document: dict
    new_entities: dict


REFERENCES = ("requester", "addressee", "actor", "target", "place")  # entity keys of facts


def _fact_countries(table: str, record: dict, entity_country: dict) -> list[str | None]:
    """The countries of a fact that the build wants mentioned (registry.involved_countries):
    a request's requester and addressee, an event's place, an item's supplier and recipient."""
    if table == "requests":
        return [entity_country.get(record.get("requester")), entity_country.get(record.get("addressee"))]
    if table == "events":
        return [entity_country.get(record.get("place"))]
    return [record.get("supplier_country"), record.get("recipient_country")]


def _citation_paths(seed: Seed) -> dict[str, set[int]]:
    """source id -> indexes of the seed's citations on the shortest chain of credits from
    the article to it (what evidence attributed to that source needs kept)."""
    edges = defaultdict(list)
    for index, citation in enumerate(seed.document.get("citations", [])):
        edges[citation["citing"]].append((citation["cited"], index))
    start = seed.document["source"]["id"]
    paths = {start: set()}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for cited, index in edges[node]:
            if cited not in paths:
                paths[cited] = paths[node] | {index}
                queue.append(cited)
    return paths


def seed_countries(shared: Shared, seed: Seed) -> list[str]:
    """Every country the seed's body mentions or its facts involve: all of them move."""
    found = {s.country for s in seed.slots if s.kind == "country"}
    for table, facts in seed.facts.items():
        for record in facts.values():
            found |= {c for c in _fact_countries(table, record, {}) if c}
            for key in REFERENCES:
                entity = shared.entities.reference.get(record.get(key))
                if entity and entity.get("country"):
                    found.add(entity["country"])
    return sorted(found)


@dataclass
class Choices:
    """What article k draws (random.Random(f"{seed}:{k}:{attempt}"))."""
    mapping: dict           # seed country -> its country in the article
    variants: dict          # seed person -> which invented person of the mapped country
    numbers: dict           # "km" / "percent" -> the new number
    date: datetime.date | None
    keep: dict              # (table, fact id) -> kept?
    fillers: set            # units without evidence that are kept
    order: list             # the blocks after the head, in the article's order


def draw(shared: Shared, seed: Seed, rng: random.Random, attempt: int = 0) -> Choices:
    countries = seed_countries(shared, seed)
    # After half the attempts, the countries of the head's slots that cannot move stay.
    fixed = set() if attempt < ATTEMPTS // 2 else {
        slot.country for slot in seed.slots if slot.kind == "country" and slot.pinned
        and seed.units[slot.unit].line in seed.head}
    moving = [c for c in countries if c not in fixed]
    mapping = dict(zip(moving, rng.sample(sorted(set(POOL) - fixed), len(moving))))
    mapping.update((c, c) for c in fixed)
    variants = {entity_id: rng.randrange(VARIANTS) for entity_id in sorted(seed.persons)}
    numbers = {"km": rng.choice(RANGES_KM), "percent": rng.randint(3, 40)}
    date = None
    if seed.date is not None:  # another day of the same month, up to publication
        published = datetime.date.fromisoformat(seed.document["source"]["published_date"])
        days = [seed.date.replace(day=d) for d in range(2, 32) if _valid_day(seed.date, d)]
        date = rng.choice([d for d in days if d <= published] or [seed.date])
    keep_share, filler_share = rng.uniform(0.35, 0.85), rng.uniform(0.3, 1.0)
    top = [(table, fact_id) for table in ("requests", "events") for fact_id in seed.facts.get(table, {})]
    keep = {fact: rng.random() < keep_share for fact in top}
    requests = [fact for fact in top if fact[0] == "requests"]
    if requests and not any(keep[f] for f in requests):
        keep[rng.choice(requests)] = True
    for item_id, parent in seed.parent.items():
        keep[("equipment", item_id)] = keep.get(parent, False) and rng.random() < 0.9
    fillers = {u for u in sorted(seed.fillers) if rng.random() < filler_share}
    order = sorted(range(len(seed.blocks)), key=lambda b: b + rng.gauss(0, 1.3))
    return Choices(mapping, variants, numbers, date, keep, fillers, order)


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
        paths = _citation_paths(seed)
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
            return [self.choices.mapping.get(c, c) if c else None for c in _fact_countries(table, record, {})]
        return _fact_countries(table, record, self.entity_country)

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
        source["note"] = (f"Synthetic article {self.k} of a corpus generated by scripts/bench/corpus.py "
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


def _valid_day(date: datetime.date, day: int) -> bool:
    try:
        date.replace(day=day)
    except ValueError:
        return False
    return True


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


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------

def prepare(root: Path, seed_value: str) -> Shared:
    """Analyse the seeds of `root` (its articles/) once."""
    analyser = Analyser(root)
    stems = sorted(p.stem for p in (root / "articles").glob("*.yaml"))
    definitions: dict = defaultdict(dict)
    for stem in stems:
        document = plain(load_yaml(root / "articles" / f"{stem}.yaml"))
        for table in registry.counted():
            for record in document.get(table.name, []):
                definitions[table.name][record["id"]] = record
    reference = {record["id"]: record
                 for record in plain(load_yaml(root / "reference" / "entities.yaml"))["entities"]}
    seeds = []
    for stem in stems:
        try:
            seeds.append(analyser.seed(root, stem, definitions, reference))
        except (ValueError, KeyError) as exc:  # a layout or curation this generator cannot take apart
            print(f"corpus: {stem} is not used as a seed: {exc}", file=sys.stderr)
    if not seeds:
        raise ValueError(f"no article in {root / 'articles'} can be used as a seed")
    entities = Entities(analyser, reference, seeds, seed_value)
    return Shared(root, Path(), seed_value, seeds, analyser, entities)


def warm(shared: Shared) -> None:
    """Render and check every slot for every country of the pool (before workers fork, so
    that they share the results instead of each computing them)."""
    for seed_index, seed in enumerate(shared.seeds):
        for slot_index, slot in enumerate(seed.slots):
            if slot.kind == "country" and not slot.pinned:
                for country in POOL:
                    shared.analyser.check(seed_index, seed, slot_index, country)


def article(shared: Shared, k: int, taken: frozenset = frozenset()) -> tuple[Article, str]:
    """Article k: the first draw that gives a consistent article whose text is not in `taken`."""
    for attempt in range(ATTEMPTS):
        made = make_article(shared, k, attempt)
        if made is None:
            continue
        digest = hashlib.sha256(made.text.encode("utf-8")).hexdigest()
        if digest not in taken:
            return made, digest
    raise RuntimeError(f"article {k}: no consistent draw in {ATTEMPTS} attempts")


def write_article(out: Path, made: Article) -> None:
    articles = out / "articles"
    (articles / f"{made.source_id}.txt").write_text(made.text, encoding="utf-8", newline="")
    (articles / f"{made.source_id}.yaml").write_text(
        yaml.dump(made.document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000),
        encoding="utf-8")


def _run(shared: Shared, ks: range) -> list[tuple[int, str, str, dict]]:
    """Worker: write articles ks; (k, source id, sha256, new entities) of each."""
    results = []
    for k in ks:
        made, digest = article(shared, k)
        write_article(shared.out, made)
        results.append((k, made.source_id, digest, made.new_entities))
    return results


MARKER = ".synthetic-corpus"  # in every generated repository: only such a directory is replaced


class OutError(ValueError):
    pass


def check_out(root: Path, out: Path) -> None:
    """OutError unless `out` may be (re)written: not the repository or inside it, not a
    directory that holds it, and either absent, empty or a corpus this module made."""
    root, out = root.resolve(), out.resolve()
    if out == root or out in root.parents or root in out.parents:
        raise OutError(f"{out} is the repository, inside it or above it; "
                       "choose a directory outside the repository (e.g. /tmp/corpus)")
    if out.exists() and (not out.is_dir() or any(out.iterdir()) and not (out / MARKER).is_file()):
        raise OutError(f"{out} exists and is not a corpus made by scripts/bench/corpus.py "
                       f"(no {MARKER} file in it); choose a new or empty directory")


def generate(root: Path, out: Path, count: int, seed: int | str = 0,
             shared: Shared | None = None) -> Path:
    """A repository in `out` with `count` generated articles. `out` must be new, empty or a
    corpus made here before (then it is replaced); OutError otherwise."""
    check_out(root, out)
    seed_value = str(seed)
    shared = shared or prepare(root, seed_value)
    if shared.seed_value != seed_value:
        raise ValueError(f"the seeds were prepared for seed {shared.seed_value!r}, not {seed_value!r}")
    shared.out = out
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(root / "schemas", out / "schemas")
    shutil.copytree(root / "reference", out / "reference")
    for name in RELEASE_FILES:
        shutil.copyfile(root / name, out / name)
    (out / "articles").mkdir(parents=True)
    (out / MARKER).write_text(f"scripts/bench/corpus.py: {count} articles, seed {seed_value}\n", encoding="utf-8")
    runs = [range(start, min(start + ARTICLES_PER_TASK, count)) for start in range(0, count, ARTICLES_PER_TASK)]
    if len(runs) > 1 and parallel.workers() > 1:
        warm(shared)
    results = [r for run in parallel.ordered_map(_run, shared, runs, min_items=2) for r in run]
    # Two draws with the same text (never seen, but the build would refuse them): the later
    # is drawn again, in k order, so the outcome does not depend on the workers.
    seen: set[str] = set()
    entities: dict = {}
    for k, source_id, digest, new in results:
        if digest in seen:
            made, digest = article(shared, k, frozenset(seen))
            for suffix in (".txt", ".yaml"):
                (out / "articles" / f"{source_id}{suffix}").unlink()
            write_article(out, made)
            new = made.new_entities
        seen.add(digest)
        entities.update(new)
    add_entities(out / "reference" / "entities.yaml", entities)
    return out


def add_entities(path: Path, entities: dict) -> None:
    """Append the new entities to the copied reference/entities.yaml, sorted by id."""
    records = [{key: value for key, value in entities[i].items() if value is not None}
               for i in sorted(entities)]
    if not records:
        return
    block = yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    block = "".join(f"  {line}\n" if line else "\n" for line in block.splitlines())
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n  # --- invented for the synthetic corpus (scripts/bench/corpus.py) ---\n\n" + block)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench.corpus", description=(
        "Write a repository with N generated articles (distinct texts, consistent curation)."))
    parser.add_argument("count", type=int, nargs="?", help="number of articles")
    parser.add_argument("out", type=Path, nargs="?", help="directory for the new repository")
    parser.add_argument("--seed", default="0", help="random seed (default 0): same seed, same bytes")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository with the seed articles")
    parser.add_argument("--from-environment", action="store_true",
                        help="take N, OUT and SEED from the environment (what `make corpus` passes)")
    args = parser.parse_args(argv)
    if args.from_environment:
        count, out = os.environ.get("N", ""), os.environ.get("OUT", "")
        if not count or not out:
            parser.exit(2, "usage: make corpus N=1000 OUT=dir [SEED=0]\n")
        if not count.isdigit():
            parser.exit(2, f"make corpus: N must be a number of articles, not {count!r}\n")
        args.count, args.out = int(count), Path(out)
        args.seed = os.environ.get("SEED") or args.seed
    if args.count is None or args.out is None:
        parser.error("N and OUT are required")
    if args.count < 1:
        parser.error("N must be at least 1")
    started = time.perf_counter()
    try:
        generate(args.root, args.out, args.count, args.seed)
    except OutError as exc:
        parser.exit(2, f"corpus: {exc}\n")
    out = args.out.resolve()
    print(f"{args.count} articles in {out} ({time.perf_counter() - started:.1f} s); build them with:\n"
          f"  cd {shlex.quote(str(out))} && PYTHONPATH={shlex.quote(str(args.root.resolve()))} "
          f"{shlex.quote(sys.executable)} -m scripts.build", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
