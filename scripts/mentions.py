"""Find mentions of countries in Russian and Ukrainian news text.

How it works
------------
1. The text is cut into tokens: runs of letters (Cyrillic or Latin, with
   apostrophes inside Ukrainian words such as "пов’язану", "В’єтнам") and runs
   of digits. A hyphen splits a word into tokens but is remembered, so a
   hyphenated compound can be judged as a whole (see "Organisation names").
2. Each token is analysed once by pymorphy3 (results are cached per token
   string). Its *keys* are every (lemma, coarse part of speech) pair over ALL
   parses, plus its exact surface (for abbreviations) and its lower-case
   surface (for the first part of compounds like "российско-американский").
   Keeping the part of speech in the key is the first guard against false hits
   from "all parses": the verb "мали" (had) shares no key with the noun "Мали".
3. The lexicon (pycountry's ISO 3166-1 names in ru/uk plus the curated YAML in
   reference/lexicon/) is tokenised and analysed the same way. A lexicon word
   is in its dictionary form, so only its nominative parses (preferably those
   whose lemma is the word itself) give its keys.
4. At each token, every lexicon entry whose token keys intersect the text's
   token keys, word by word (separated only by spaces or one hyphen/dash), is
   a candidate. Candidates that fail a guard (below) are dropped; the longest
   survivor wins, ties going to a curated exclusion, then to a subdivision
   with its type word ("штат Арагуа"), then to a country the text mentions
   elsewhere, then by kind (name, abbreviation, alias, capital, subdivision,
   adjective). Matching continues after the winner, so mentions never overlap.

Guards (why each exists)
------------------------
* Case. Words capitalised in the lexicon must be capitalised in the text
  (lower-case "того", "чили", "штаты" are common words). Abbreviations match
  their exact spelling (so "ЗМІ", "WP", "GPS", "КМ", "Ил" never match: they are
  simply not listed, and "сша" would not match "США"). Adjectives must be lower
  case, or capitalised only as the first word of a sentence: a capitalised
  adjective elsewhere is part of a proper name ("Мексиканский залив",
  "Японское море") or a surname ("Русских", "Немецкий"). Right after an opening
  quotation mark it is taken as the start of a title («Российская газета»).
* Sentence starts. At a sentence start (or just after an opening quotation
  mark) capitalisation proves nothing, so a one-word name, alias, capital or
  subdivision is accepted there only if pymorphy3 has no non-noun reading for
  it and its most likely reading is the lexicon's: "Того же дня" (pronoun), "Малі
  діти" (adjective), "Мали місце" (verb) are not Togo or Mali.
* People. A one-word place preceded by a first name ("Джордж Вашингтон",
  "Симон Боливар"), or that is itself most likely a first name and is followed
  by a capitalised word ("Виктория Бекхэм"), is a person.
* Subdivisions come only from the curated list, need three letters or more,
  and are accepted only with support from the text: a type word of their
  country right before them ("в штате Арагуа") or inside their name
  ("Донецкая область"), or a mention of their country elsewhere in the text.
  Names of countries marked `standalone` in subdivisions.yaml ("Крым",
  "Шотландия") need no support unless pymorphy3 also reads them as a common
  word or a person's name. An unsupported subdivision still blocks shorter
  matches inside it: "Северная Ирландия" is never reported as Ireland.
* Exclusions. Curated phrases such as "Латинская Америка" compete in the
  longest-match step and, when they win, report nothing.

Organisation names
------------------
Rule 1 — hyphen compounds. A hyphenated compound is read as a whole. A country
word that is only part of it counts only when every other part is itself a
country word ("Россия-Украина", "российско-американский") or a lower-case word
("экс-", "Россия-матушка"). If another part is written in Latin letters, with
digits, in capitals (an abbreviation that is not a country's) or is a
capitalised non-country word, the compound names something else: a media
outlet or company ("РБК-Украина", "Euronews-Україна"), a TV channel
("Россия-1", "Беларусь-24"), a place ("Нью-Мексико") or a sea
("Южно-Китайское"). Known cost: "саммит Украина-ЕС" is skipped too.
Rule 2 — quoted titles. A short quotation (at most six words, no sentence
punctuation, no verb, first word capitalised) is a title or an organisation
name; a country word inside it counts only as its FIRST word. So «Единая
Россия», «Голос Америки», "Нафтогаз України" report nothing, while «Беларусь
Натальи Радиной» (a title about Belarus) and quoted speech ("эскалации между
США и Венесуэлой") still do. Organisation names without a country word
("Хартия 97", "Charter97.org") never match anyway.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import pycountry
import pymorphy3

from scripts.countries import is_subdivision, localised, lookup
from scripts.yamlio import YamlError, load_yaml

LANGUAGES = ("ru", "uk")
KINDS = ("name", "alias", "abbreviation", "adjective", "capital", "subdivision")
_EXCLUDE = "exclude"  # internal kind of curated exclusion phrases

# Tie-break between candidates of equal length: lower wins.
_KIND_RANK = {"name": 0, "abbreviation": 1, "alias": 2, "capital": 3, "subdivision": 4, "adjective": 5}
# Kinds that name a place with a noun, guarded by sentence-start and people rules.
_PLACE_KINDS = frozenset({"name", "alias", "capital", "subdivision"})

# The lexicon files and what each holds; any other *.yaml there is an error
# (most likely a misspelt file name that would otherwise be silently ignored).
LEXICON_FILES = {
    "countries.yaml": "aliases, adjectives, capitals, abbreviations per country",
    "subdivisions.yaml": "ISO 3166-2 subdivisions named in text",
    "exclusions.yaml": "phrases containing a country word that are not the country",
    "ambiguous.yaml": "forms listed for several countries, resolved",
    "un_members.yaml": "the 193 UN member states (for the coverage test)",
}
_COUNTRY_FIELDS = {"aliases": "alias", "adjectives": "adjective", "capitals": "capital",
                   "abbreviations": "abbreviation"}

_STRESS = "\u0301\u0300"
_APOSTROPHES = "’ʼ‘`"
_LETTER = r"[^\W\d_]"
_TOKEN_RE = re.compile(rf"{_LETTER}[\u0300\u0301]?(?:{_LETTER}|[\u0300\u0301]|['’ʼ](?={_LETTER}))*|\d+")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_HYPHENS = frozenset("-‐‑–")
# Words of one multi-word name may be separated by spaces or one hyphen/dash.
_PHRASE_GAP_RE = re.compile(r"[^\S\n]*(?:[-‐‑–—][^\S\n]*)?")
_SPACE_GAP_RE = re.compile(r"[^\S\n]+")
_OPENING_QUOTES = "«„“\"'‘"
# What may stand between a line start and its first word: bullets, dashes, quotes.
_LINE_LEAD_RE = re.compile(r"[\s•·*\-‐–—«„“\"'‘(\[]*")
_SENTENCE_END_RE = re.compile(r"[.!?…][»”\"')\]]*\s+[«„“\"'‘(\[—–\-\s]*\Z")
_QUOTED_RE = re.compile(r"«[^«»\n]{1,120}»|„[^„“”\n]{1,120}[“”]|“[^“”\n]{1,120}”|\"[^\"\n]{1,120}\"")
_TITLE_MAX_WORDS = 6
_MIN_PLACE_LETTERS = 3


class LexiconError(ValueError):
    """Bad lexicon data; the message names the file, line and entry."""


@dataclass(frozen=True)
class Mention:
    start: int          # code-point offset, inclusive
    end: int            # exclusive; text[start:end] == mention text
    text: str
    country: str        # ISO 3166-1 alpha-2, upper case
    kind: str           # one of KINDS
    subdivision: str | None  # ISO 3166-2 code when kind == "subdivision", else None


# --------------------------------------------------------------------------
# Morphology
# --------------------------------------------------------------------------

class _Word(NamedTuple):
    """What the matcher needs to know about one token string."""
    keys: frozenset[str]         # lemma keys + "=surface" + "~folded surface"
    lemma_keys: frozenset[str]   # lemma/POS keys of all parses
    best: str | None             # lemma/POS key with the highest total parse score
    non_noun: bool               # some parse is not a noun (pronoun, adjective, verb...)
    personal: bool               # some parse is a first name, surname or patronymic
    name_cases: frozenset[str]   # grammatical cases of its first-name parses
    cases: frozenset[str]        # grammatical cases of all its parses
    verb: bool                   # the most likely parse is a verb form


def _pos_class(tag) -> str:
    """Coarse part of speech: enough to tell a noun from an adjective from a verb."""
    pos = str(tag.POS) if tag.POS else None  # tag.POS is a grammeme object, not a str
    if pos == "NOUN":
        return "N"
    if pos in ("ADJF", "ADJS", "PRTF", "PRTS", "COMP"):
        return "A"
    if pos in ("VERB", "INFN", "GRND"):
        return "V"
    return pos or "X"


def _fold(text: str) -> str:
    """Spelling-insensitive form: no stress marks, one apostrophe, е for ё, lower case.

    pymorphy3's Ukrainian dictionary spells the apostrophe as ASCII "'", and
    Russian texts write ё or е at will, so both sides are folded the same way.
    """
    for mark in _STRESS:
        text = text.replace(mark, "")
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "'")
    return text.lower().replace("ё", "е")


def _key(parse) -> str:
    return f"{_fold(parse.normal_form)}/{_pos_class(parse.tag)}"


class _Morph:
    """A pymorphy3 analyser for one language with a per-token-string cache."""

    def __init__(self, language: str):
        self.language = language
        self._analyzer = pymorphy3.MorphAnalyzer(lang=language)
        self._cache: dict[str, _Word] = {}

    def __getstate__(self) -> dict:
        """Pickled as its language only: the analyser loads its dictionary again."""
        return {"language": self.language}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["language"])

    def word(self, surface: str) -> _Word:
        cached = self._cache.get(surface)
        if cached is None:
            cached = self._cache[surface] = self._analyse(surface)
        return cached

    def _analyse(self, surface: str) -> _Word:
        folded = _fold(surface)
        surface_keys = frozenset({"=" + surface, "~" + folded})
        unknown = _Word(surface_keys, frozenset(), None, False, False, frozenset(), frozenset(), False)
        if not _CYRILLIC_RE.search(surface):   # Latin words and numbers: surface only
            return unknown
        try:
            parses = self._analyzer.parse(folded)
        except ValueError:  # pymorphy3 asks unicodedata.name() of every letter; some have none
            return unknown
        scores: Counter[str] = Counter()
        for parse in parses:  # Ukrainian scores are all 1.0: then the most frequent lemma wins
            scores[_key(parse)] += parse.score
        return _Word(
            keys=frozenset(scores) | surface_keys,
            lemma_keys=frozenset(scores),
            best=max(scores, key=scores.__getitem__),
            non_noun=any(_pos_class(p.tag) not in ("N", "X") for p in parses),
            personal=any(g in p.tag for p in parses for g in ("Name", "Surn", "Patr")),
            name_cases=frozenset(str(p.tag.case) for p in parses if "Name" in p.tag and p.tag.case),
            cases=frozenset(str(p.tag.case) for p in parses if p.tag.case),
            verb=_pos_class(parses[0].tag) == "V",
        )

    def lexicon_keys(self, word: str) -> frozenset[str]:
        """Keys of a lexicon word written in its dictionary form.

        Only nominative parses are kept (preferably those whose lemma is the word
        itself): "Вена" is the city, not the plural of "вено"; "Мали" is the
        country, not a form of the verb "мати". Words in other cases (the
        genitive "Америки" in "Соединённые Штаты Америки") fall back to all parses.
        """
        folded = _fold(word)
        parses = self._analyzer.parse(folded)
        nominative = [p for p in parses if "nomn" in p.tag]
        own = [p for p in nominative if _fold(p.normal_form) == folded]
        return frozenset(_key(p) for p in (own or nominative or parses))


# --------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    word: _Word
    hyphen_prev: bool        # joined to the previous token by a bare hyphen
    sentence_initial: bool   # first word of a line or of a sentence
    quote_initial: bool      # right after an opening quotation mark

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def _tokenise(text: str, morph: _Morph) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for match in _TOKEN_RE.finditer(text):
        start, end = match.span()
        gap = text[previous_end:start]
        line_lead = gap.rsplit("\n", 1)[-1] if ("\n" in gap or not tokens) else None
        line_initial = line_lead is not None and _LINE_LEAD_RE.fullmatch(line_lead) is not None
        tokens.append(_Token(
            start=start, end=end, text=match.group(), word=morph.word(match.group()),
            hyphen_prev=bool(tokens) and gap in _HYPHENS,
            sentence_initial=line_initial or _SENTENCE_END_RE.search(gap) is not None,
            quote_initial=gap[-1:] in _OPENING_QUOTES if gap else False,
        ))
        previous_end = end
    return tokens


def _gap(text: str, left: _Token, right: _Token) -> str:
    return text[left.end:right.start]


# --------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Form:
    """One lexicon form as declared, before analysis."""
    language: str
    country: str
    kind: str                # KINDS or _EXCLUDE
    text: str
    origin: str              # "file:line" or "pycountry", for messages
    subdivision: str | None = None
    curated: bool = True
    standalone: bool = False  # subdivision name that needs no support from the text


@dataclass(frozen=True)
class _Entry:
    """One lexicon form compiled for matching."""
    country: str
    kind: str
    subdivision: str | None
    keys: tuple[frozenset[str], ...]      # per word
    capitalised: tuple[bool, ...]         # per word: must be capitalised in text
    compositive: bool                     # "российско" in "российско-американский"
    has_type_word: bool                   # subdivision name contains its type word
    standalone: bool                      # subdivision name unique to its country
    form: str


def _split_words(form: str) -> list[str]:
    return [m.group() for m in _TOKEN_RE.finditer(form)]


def _compositive(adjective: str) -> str | None:
    """The compound-initial form of a one-word adjective: российский → российско."""
    if " " in adjective or "-" in adjective:
        return None
    stem = re.sub(r"(?:ий|ый|ой)$", "", adjective)
    return stem + "о" if stem != adjective else None


def _where(path: Path, mapping, key) -> str:
    line = mapping.line_of(key) if hasattr(mapping, "line_of") else None
    return f"{path.name}:{line}" if line else path.name


def _fail(path: Path, mapping, key, what: str) -> LexiconError:
    return LexiconError(f"{_where(path, mapping, key)}: {key!r}: {what}")


def _read_yaml(path: Path):
    if not path.is_file():
        raise LexiconError(f"{path}: missing lexicon file ({LEXICON_FILES.get(path.name, '?')})")
    try:
        return load_yaml(path)
    except YamlError as exc:
        line = f":{exc.line}" if exc.line else ""
        raise LexiconError(f"{path.name}{line}: {exc}") from None


def _expect_mapping(path: Path, value, where: str) -> dict:
    if not isinstance(value, dict):
        raise LexiconError(f"{path.name}: {where}: expected a mapping, got {type(value).__name__}")
    return value


def _check_country_code(path: Path, mapping, key) -> str:
    if isinstance(key, bool):
        raise _fail(path, mapping, key, 'a country code read as a boolean: quote it ("NO")')
    if not isinstance(key, str) or lookup(key) is None:
        raise _fail(path, mapping, key, "not an ISO 3166-1 alpha-2 code known to pycountry")
    return key


def _check_keys(path: Path, mapping, allowed: Iterable[str], where: str) -> None:
    allowed = tuple(allowed)
    for key in mapping:
        if key not in allowed:
            raise _fail(path, mapping, key, f"unknown key in {where}; allowed: {', '.join(allowed)}")


def _check_forms(path: Path, mapping, key, kind: str) -> list[str]:
    """A list of distinct, well-formed forms of one kind."""
    forms = mapping[key]
    if not isinstance(forms, list) or not forms:
        raise _fail(path, mapping, key, "expected a non-empty list of forms")
    seen: set[str] = set()
    for form in forms:
        problem = _form_problem(form, kind)
        if problem is None and _fold(form) in seen:
            problem = "listed twice"
        if problem:
            raise _fail(path, mapping, key, f"form {form!r}: {problem}")
        seen.add(_fold(form))
    return forms


def _form_problem(form, kind: str) -> str | None:
    """Why a form cannot be used for `kind`, or None when it is fine."""
    if not isinstance(form, str) or not form or form != form.strip():
        return "not a non-empty string without surrounding spaces"
    words = _split_words(form)
    if not words or not _CYRILLIC_RE.search(form):
        return "has no Cyrillic word"
    if kind == "abbreviation":
        if len(words) != 1 or words[0] != form or not any(c.isupper() for c in form):
            return "an abbreviation is one word with capital letters"
    elif len(words) == 1 and len(words[0]) < _MIN_PLACE_LETTERS:
        return f"one-word forms need at least {_MIN_PLACE_LETTERS} letters (or list it as an abbreviation)"
    if kind == "adjective" and form != form.lower():
        return "adjectives are listed in lower case"
    if kind in ("alias", "capital", "subdivision") and not form[:1].isupper():
        return "names are listed capitalised"
    return None


def _load_countries(path: Path) -> list[_Form]:
    data = _expect_mapping(path, _read_yaml(path), "top level")
    forms: list[_Form] = []
    for code in data:
        country = _check_country_code(path, data, code)
        languages = _expect_mapping(path, data[code], code)
        _check_keys(path, languages, LANGUAGES, f"country {code}")
        if not languages:
            raise _fail(path, data, code, "no language given")
        for language, fields in languages.items():
            fields = _expect_mapping(path, fields, f"{code}.{language}")
            _check_keys(path, fields, _COUNTRY_FIELDS, f"{code}.{language}")
            for field, kind in _COUNTRY_FIELDS.items():
                if field in fields:
                    origin = _where(path, fields, field)
                    forms += [_Form(language, country, kind, form, origin)
                              for form in _check_forms(path, fields, field, kind)]
    return forms


def _load_subdivisions(path: Path) -> tuple[list[_Form], dict[tuple[str, str], list[str]]]:
    data = _expect_mapping(path, _read_yaml(path), "top level")
    forms: list[_Form] = []
    types: dict[tuple[str, str], list[str]] = {}
    for code in data:
        country = _check_country_code(path, data, code)
        block = _expect_mapping(path, data[code], code)
        _check_keys(path, block, ("standalone", "types", "subdivisions"), f"country {code}")
        for key in ("standalone", "types", "subdivisions"):
            if key not in block:
                raise _fail(path, data, code, f"missing {key!r}")
        if not isinstance(block["standalone"], bool):
            raise _fail(path, block, "standalone", "expected true or false")
        type_words = _expect_mapping(path, block["types"], f"{code}.types")
        _check_keys(path, type_words, LANGUAGES, f"{code}.types")
        for language, words in type_words.items():
            if not isinstance(words, list) or not all(isinstance(w, str) and w.islower() for w in words):
                raise _fail(path, type_words, language, "expected a list of lower-case type words")
            types[(language, country)] = words
        subdivisions = _expect_mapping(path, block["subdivisions"], f"{code}.subdivisions")
        for subdivision in subdivisions:
            if not (isinstance(subdivision, str) and subdivision.startswith(country + "-")
                    and is_subdivision(subdivision)):
                raise _fail(path, subdivisions, subdivision,
                            f"not an ISO 3166-2 code of {country} known to pycountry")
            names = _expect_mapping(path, subdivisions[subdivision], subdivision)
            _check_keys(path, names, LANGUAGES, subdivision)
            for language in names:
                origin = _where(path, names, language)
                forms += [_Form(language, country, "subdivision", form, origin, subdivision,
                                standalone=block["standalone"])
                          for form in _check_forms(path, names, language, "subdivision")]
    return forms, types


def _load_exclusions(path: Path) -> list[_Form]:
    data = _expect_mapping(path, _read_yaml(path), "top level")
    _check_keys(path, data, LANGUAGES, "top level")
    return [_Form(language, "", _EXCLUDE, form, _where(path, data, language))
            for language in data for form in _check_forms(path, data, language, _EXCLUDE)]


def _load_ambiguous(path: Path) -> dict[tuple[str, str], tuple[str | None, str]]:
    """(language, folded form) -> (country or None, where declared)."""
    data = _expect_mapping(path, _read_yaml(path), "top level")
    _check_keys(path, data, LANGUAGES, "top level")
    resolved = {}
    for language in data:
        entries = _expect_mapping(path, data[language], language)
        for form, country in entries.items():
            if not isinstance(form, str):
                raise _fail(path, entries, form, "expected a form")
            if country is not None:
                _check_country_code(path, entries, country)
            resolved[(language, _fold(form))] = (country, _where(path, entries, form))
    return resolved


def _load_un_members(path: Path) -> tuple[str, ...]:
    data = _expect_mapping(path, _read_yaml(path), "top level")
    _check_keys(path, data, ("members",), "top level")
    members = data.get("members")
    if not isinstance(members, list):
        raise _fail(path, data, "members", "expected a list of alpha-2 codes")
    for code in members:
        if not isinstance(code, str) or lookup(code) is None:
            raise LexiconError(f"{path.name}: members: {code!r} is not an ISO 3166-1 alpha-2 code")
    duplicates = sorted(code for code, n in Counter(members).items() if n > 1)
    if duplicates:
        raise LexiconError(f"{path.name}: members: listed twice: {', '.join(duplicates)}")
    return tuple(members)


def _pycountry_variants(name: str) -> list[str]:
    """Running-text variants of an ISO name as the catalogues write it.

    Parenthesised remarks are dropped ("Віргінські острови (США)") and inverted
    list forms are put back in reading order ("Венесуела, Боліварська
    Республіка" -> "Боліварська Республіка Венесуела"); the first letter is
    capitalised because a few Ukrainian entries ("науру", "тувалу") are not.
    """
    plain = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if ", " in plain:
        head, tail = plain.split(", ", 1)
        plain = f"{tail} {head}"
    return [plain[:1].upper() + plain[1:]] if _CYRILLIC_RE.search(plain) else []


def _pycountry_forms() -> list[_Form]:
    forms = []
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            english = getattr(country, attribute, None)
            if not english:
                continue
            for language in LANGUAGES:
                for variant in _pycountry_variants(localised(english, language)):
                    words = _split_words(variant)
                    kind = "abbreviation" if len(words) == 1 and variant.isupper() else "name"
                    if _form_problem(variant, kind) is None:
                        forms.append(_Form(language, country.alpha_2, kind, variant,
                                           "pycountry", curated=False))
    return forms


def _resolve_shared_forms(forms: list[_Form], ambiguous, path: Path) -> tuple[list[_Form], list[_Form]]:
    """Apply ambiguous.yaml to forms that several countries claim.

    Curated forms claimed by two countries must be resolved in ambiguous.yaml
    (an error otherwise). pycountry forms that clash with another country's
    form are dropped: we cannot fix that data, and a clash there
    ("Виргинские острова" for both VG and VI) is never a useful match.
    Returns (kept, dropped).
    """
    claims: dict[tuple[str, str], set[str]] = {}
    curated_claims: dict[tuple[str, str], set[str]] = {}
    for form in forms:
        if form.kind in (_EXCLUDE, "subdivision"):
            continue  # exclusions have no country; subdivisions are settled by context
        signature = (form.language, _fold(form.text))
        claims.setdefault(signature, set()).add(form.country)
        if form.curated:
            curated_claims.setdefault(signature, set()).add(form.country)

    for signature, (country, where) in ambiguous.items():
        claimants = curated_claims.get(signature, set())
        if len(claimants) < 2:
            raise LexiconError(f"{where}: {signature[1]!r} ({signature[0]}) is not listed for two "
                               f"countries in countries.yaml; remove it")
        if country is not None and country not in claimants:
            raise LexiconError(f"{where}: {signature[1]!r} resolves to {country}, which does not list "
                               f"it; claimants: {', '.join(sorted(claimants))}")
    for signature, claimants in curated_claims.items():
        if len(claimants) > 1 and signature not in ambiguous:
            raise LexiconError(f"countries.yaml: {signature[1]!r} ({signature[0]}) is listed for "
                               f"{', '.join(sorted(claimants))}; resolve it in {path.name}")

    kept, dropped = [], []
    for form in forms:
        signature = (form.language, _fold(form.text))
        if form.kind in (_EXCLUDE, "subdivision") or len(claims[signature]) == 1:
            kept.append(form)
        elif form.curated and signature in ambiguous:
            (kept if ambiguous[signature][0] == form.country else dropped).append(form)
        elif not form.curated and form.country in curated_claims.get(signature, ()):
            kept.append(form)  # pycountry agrees with a curated claim that survived
        else:
            dropped.append(form)
    return kept, dropped


# --------------------------------------------------------------------------
# The detector
# --------------------------------------------------------------------------

class _Candidate(NamedTuple):
    entry: _Entry
    index: int   # first token
    length: int  # tokens


class _Language:
    """Everything the matcher needs for one language."""

    def __init__(self, language: str):
        self.morph = _Morph(language)
        self.index: dict[str, list[_Entry]] = {}
        self.type_keys: dict[str, frozenset[str]] = {}

    def add(self, entry: _Entry) -> None:
        for key in entry.keys[0]:
            self.index.setdefault(key, []).append(entry)


class MentionDetector:
    """Country-mention detector for "ru" and "uk" text; see the module docstring.

    Building one loads both pymorphy3 dictionaries and compiles the lexicon
    (about half a second), so build it once and call find() many times.
    Public attributes, for tests and inspection:
      un_members     the UN member states from un_members.yaml
      dropped_forms  lexicon forms set aside as ambiguous (never reported)
    """

    def __init__(self, lexicon_dir: Path):
        lexicon_dir = Path(lexicon_dir)
        for path in sorted(lexicon_dir.glob("*.y*ml")):
            if path.name not in LEXICON_FILES:
                raise LexiconError(f"{path}: unknown lexicon file; expected only: "
                                   f"{', '.join(LEXICON_FILES)}")
        curated = _load_countries(lexicon_dir / "countries.yaml")
        subdivision_forms, types = _load_subdivisions(lexicon_dir / "subdivisions.yaml")
        exclusions = _load_exclusions(lexicon_dir / "exclusions.yaml")
        ambiguous_path = lexicon_dir / "ambiguous.yaml"
        ambiguous = _load_ambiguous(ambiguous_path)
        self.un_members: tuple[str, ...] = _load_un_members(lexicon_dir / "un_members.yaml")

        self._declared = curated + subdivision_forms + _pycountry_forms()
        kept, self.dropped_forms = _resolve_shared_forms(self._declared + exclusions, ambiguous,
                                                         ambiguous_path)
        self._languages = {language: _Language(language) for language in LANGUAGES}
        for (language, country), words in types.items():
            morph = self._languages[language].morph
            self._languages[language].type_keys[country] = frozenset().union(
                *(morph.lexicon_keys(word) for word in words))
        for form in kept:
            for entry in self._compile(form):
                self._languages[form.language].add(entry)

    # -- lexicon ---------------------------------------------------------

    def lexicon_forms(self, language: str) -> dict[str, dict[str, tuple[str, ...]]]:
        """Declared forms (curated and pycountry), as {country: {kind: forms}}.

        This is the lexicon as written, before ambiguous forms are set aside, so
        a coverage check sees, e.g., the adjective shared by both Congos.
        """
        result: dict[str, dict[str, list[str]]] = {}
        for form in self._declared:
            if form.language == language:
                result.setdefault(form.country, {}).setdefault(form.kind, []).append(form.text)
        return {c: {k: tuple(v) for k, v in kinds.items()} for c, kinds in result.items()}

    def _compile(self, form: _Form) -> Iterator[_Entry]:
        language = self._languages[form.language]
        words = _split_words(form.text)
        if form.kind == "abbreviation":
            keys = tuple(frozenset({"=" + word}) for word in words)
        else:
            keys = tuple(language.morph.lexicon_keys(word) for word in words)
        type_keys = language.type_keys.get(form.country, frozenset())
        has_type_word = form.kind == "subdivision" and any(k & type_keys for k in keys)
        capitalised = tuple(word[:1].isupper() for word in words)
        yield _Entry(form.country, form.kind, form.subdivision, keys, capitalised,
                     False, has_type_word, form.standalone, form.text)
        compositive = _compositive(form.text) if form.kind == "adjective" else None
        if compositive:
            yield _Entry(form.country, form.kind, None, (frozenset({"~" + _fold(compositive)}),),
                         (False,), True, False, False, form.text)

    # -- matching --------------------------------------------------------

    def find(self, text: str, language: str) -> list[Mention]:
        """Country mentions in `text`, sorted by start, never overlapping."""
        if language not in self._languages:
            raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
        lang = self._languages[language]
        tokens = _tokenise(text, lang.morph)
        scored = [[self._score(lang, text, tokens, c) for c in self._candidates_at(lang, text, tokens, i)
                   if self._passes_guards(lang, text, tokens, c)]
                  for i in range(len(tokens))]
        evidence = _Evidence(scored)
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            if not scored[i]:
                i += 1
                continue
            best = max(scored[i], key=evidence.rank)
            # An unsupported subdivision still beats the shorter matches inside it
            # ("Северная Ирландия" is not Ireland) but reports nothing.
            if best.candidate.entry.kind != _EXCLUDE and evidence.supported(best):
                mentions.append(_mention(text, tokens, best.candidate))
            i += best.candidate.length
        return _drop_inside_titles(mentions, text, tokens)

    def _score(self, lang: _Language, text: str, tokens: list[_Token], c: _Candidate) -> "_Scored":
        """What the text around a candidate says for it, before looking further afield."""
        if c.entry.kind != "subdivision":
            return _Scored(c, type_context=False, self_supported=True)
        type_context = self._has_type_context(lang, text, tokens, c)
        return _Scored(c, type_context, type_context or _self_evident(tokens, c))

    def _candidates_at(self, lang: _Language, text: str, tokens: list[_Token], i: int) -> Iterator[_Candidate]:
        """Lexicon entries whose words match the tokens from i on (no guards yet)."""
        seen: set[int] = set()
        for key in tokens[i].word.keys:
            for entry in lang.index.get(key, ()):
                if id(entry) in seen:
                    continue
                seen.add(id(entry))
                n = len(entry.keys)
                if i + n <= len(tokens) and all(
                        entry.keys[j] & tokens[i + j].word.keys
                        and _PHRASE_GAP_RE.fullmatch(_gap(text, tokens[i + j - 1], tokens[i + j]))
                        for j in range(1, n)):
                    yield _Candidate(entry, i, n)

    def _passes_guards(self, lang: _Language, text: str, tokens: list[_Token], c: _Candidate) -> bool:
        words = tokens[c.index:c.index + c.length]
        entry = c.entry
        if entry.kind == "adjective":
            if not _adjective_case_ok(words[0]):
                return False
            if entry.compositive and not (c.index + 1 < len(tokens) and tokens[c.index + 1].hyphen_prev):
                return False
        elif not all(w.capitalised for w, must in zip(words, entry.capitalised) if must):
            return False
        if c.length == 1 and entry.kind in _PLACE_KINDS:
            if not _sentence_start_ok(words[0], entry) or _is_person(text, tokens, c.index):
                return False
        return entry.kind == _EXCLUDE or self._compound_ok(lang, text, tokens, c)

    def _compound_ok(self, lang: _Language, text: str, tokens: list[_Token], c: _Candidate) -> bool:
        """Organisation rule 1: the other parts of a hyphen compound must allow a country reading."""
        first, last = c.index, c.index + c.length - 1
        while first > 0 and tokens[first].hyphen_prev:
            first -= 1
        while last + 1 < len(tokens) and tokens[last + 1].hyphen_prev:
            last += 1
        outside = [k for k in range(first, last + 1) if not c.index <= k < c.index + c.length]
        return all(_is_plain_lower_word(tokens[k]) or _is_country_word(lang, tokens[k]) for k in outside)

    def _has_type_context(self, lang: _Language, text: str, tokens: list[_Token], c: _Candidate) -> bool:
        """A subdivision supported by its own type word or one right before it."""
        if c.entry.has_type_word:
            return True
        if c.index == 0:
            return False
        previous = tokens[c.index - 1]
        return (_SPACE_GAP_RE.fullmatch(_gap(text, previous, tokens[c.index])) is not None
                and bool(previous.word.keys & lang.type_keys.get(c.entry.country, frozenset())))


class _Scored(NamedTuple):
    candidate: _Candidate
    type_context: bool     # a subdivision with its type word ("штат Арагуа", "Донецкая область")
    self_supported: bool   # needs no mention of its country elsewhere in the text


class _Evidence:
    """Which countries the text supports, and the ranking that depends on it.

    A country is supported at a position when a self-supported candidate at
    another position names it; that is what lets a bare subdivision such as
    "Мерида" count for Venezuela only in a text that is about Venezuela.
    """

    def __init__(self, scored: list[list[_Scored]]):
        self._at = [{s.candidate.entry.country for s in at
                     if s.self_supported and s.candidate.entry.kind != _EXCLUDE}
                    for at in scored]
        self._count = Counter(country for countries in self._at for country in countries)

    def elsewhere(self, c: _Candidate) -> bool:
        own = 1 if c.entry.country in self._at[c.index] else 0
        return self._count[c.entry.country] - own > 0

    def supported(self, s: _Scored) -> bool:
        return s.self_supported or self.elsewhere(s.candidate)

    def rank(self, s: _Scored) -> tuple:
        """Longest; then supported, exclusion, type word, country seen elsewhere, kind."""
        c = s.candidate
        return (c.length, self.supported(s), c.entry.kind == _EXCLUDE, s.type_context,
                self.elsewhere(c), -_KIND_RANK.get(c.entry.kind, 99))


def _mention(text: str, tokens: list[_Token], c: _Candidate) -> Mention:
    start, end = tokens[c.index].start, tokens[c.index + c.length - 1].end
    return Mention(start, end, text[start:end], c.entry.country, c.entry.kind, c.entry.subdivision)


def _self_evident(tokens: list[_Token], c: _Candidate) -> bool:
    """A subdivision name that can stand alone, without support from the text.

    Only names of a country marked `standalone` in subdivisions.yaml qualify
    (names unique to it, like "Крым" or "Шотландия"; not Venezuela's Spanish
    names, shared with towns and regions across Spain and Latin America), and
    a one-word name must also have no reading but the lexicon's noun and none
    as a person's name.
    """
    if not c.entry.standalone:
        return False
    if c.length > 1:
        return True
    word = tokens[c.index].word
    return not word.non_noun and not word.personal and word.lemma_keys <= c.entry.keys[0]


def _adjective_case_ok(token: _Token) -> bool:
    """Lower case, or capitalised only as the first word of a sentence (not of a quotation)."""
    if token.text.islower():
        return True
    return (token.sentence_initial and not token.quote_initial
            and token.capitalised and token.text[1:] == token.text[1:].lower())


def _sentence_start_ok(token: _Token, entry: _Entry) -> bool:
    """At a sentence start, accept a one-word place only if no common reading competes."""
    if not (token.sentence_initial or token.quote_initial):
        return True
    return not token.word.non_noun and token.word.best in entry.keys[0]


def _is_person(text: str, tokens: list[_Token], i: int) -> bool:
    """A place-name token that is part of a person's name: "Джордж Вашингтон", "Виктория Бекхэм".

    A first name and the capitalised word beside it must share a grammatical
    case, as the parts of a name do; so "Слава Україні" (nominative + dative)
    stays a mention of Ukraine although "Слава" is also a first name.
    """
    def joined(left: int, right: int) -> bool:
        return _SPACE_GAP_RE.fullmatch(_gap(text, tokens[left], tokens[right])) is not None

    token = tokens[i]
    if i > 0 and joined(i - 1, i):
        previous = tokens[i - 1]
        if previous.capitalised and previous.word.name_cases & token.word.cases:
            return True
    if i + 1 < len(tokens) and joined(i, i + 1):
        following = tokens[i + 1]
        if (following.capitalised and _CYRILLIC_RE.search(following.text)
                and token.word.name_cases & following.word.cases):
            return True
    return False


def _is_country_word(lang: _Language, token: _Token) -> bool:
    """Could this token alone be a country word (as part of "Россия-Украина")?"""
    for key in token.word.keys:
        for entry in lang.index.get(key, ()):
            if len(entry.keys) == 1 and entry.kind != _EXCLUDE and (
                    entry.kind == "adjective" or not entry.capitalised[0] or token.capitalised):
                return True
    return False


def _is_plain_lower_word(token: _Token) -> bool:
    return token.text.islower() and _CYRILLIC_RE.search(token.text) is not None


def _drop_inside_titles(mentions: list[Mention], text: str, tokens: list[_Token]) -> list[Mention]:
    """Organisation rule 2: inside a short quoted title only its first word may be a mention."""
    titles = []
    for quoted in _QUOTED_RE.finditer(text):
        inner_start, inner_end = quoted.start() + 1, quoted.end() - 1
        words = [t for t in tokens if inner_start <= t.start and t.end <= inner_end]
        if (words and len(words) <= _TITLE_MAX_WORDS and words[0].capitalised
                and not re.search(r"[.!?;:…]", text[inner_start:inner_end])
                and not any(t.word.verb for t in words)):
            titles.append((words[0].start, inner_end))
    return [m for m in mentions
            if not any(first < m.start < end for first, end in titles)]
