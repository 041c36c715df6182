"""The matcher: finds lexicon entries in a text and applies the guards of the package docstring."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, NamedTuple

from scripts.mentions.morphology import CYRILLIC_RE, Morph, Token, fold, gap, tokenise
from scripts.mentions.lexicon import (EXCLUDE, LANGUAGES, LEXICON_FILES, Entry, Form, LexiconError,
                      compositive_form, load_ambiguous, load_countries, load_exclusions,
                      load_subdivisions, load_un_members, pycountry_forms,
                      resolve_shared_forms, split_words)

# Tie-break between candidates of equal length: lower wins.
_KIND_RANK = {"name": 0, "abbreviation": 1, "alias": 2, "capital": 3, "subdivision": 4, "adjective": 5}
# Kinds that name a place with a noun, guarded by sentence-start and people rules.
_PLACE_KINDS = frozenset({"name", "alias", "capital", "subdivision"})
# Words of one multi-word name may be separated by spaces or one hyphen/dash.
_PHRASE_GAP_RE = re.compile(r"[^\S\n]*(?:[-‐‑–—][^\S\n]*)?")
_SPACE_GAP_RE = re.compile(r"[^\S\n]+")
_QUOTED_RE = re.compile(r"«[^«»\n]{1,120}»|„[^„“”\n]{1,120}[“”]|“[^“”\n]{1,120}”|\"[^\"\n]{1,120}\"")
_TITLE_MAX_WORDS = 6



@dataclass(frozen=True)
class Mention:
    start: int          # code-point offset, inclusive
    end: int            # exclusive; text[start:end] == mention text
    text: str
    country: str        # ISO 3166-1 alpha-2, upper case
    kind: str           # one of KINDS
    subdivision: str | None  # ISO 3166-2 code when kind == "subdivision", else None


# --------------------------------------------------------------------------
# The detector
# --------------------------------------------------------------------------

class _Candidate(NamedTuple):
    entry: Entry
    index: int   # first token
    length: int  # tokens


class _Language:
    """Everything the matcher needs for one language."""

    def __init__(self, language: str):
        self.morph = Morph(language)
        self.index: dict[str, list[Entry]] = {}
        self.type_keys: dict[str, frozenset[str]] = {}

    def add(self, entry: Entry) -> None:
        for key in entry.keys[0]:
            self.index.setdefault(key, []).append(entry)


class MentionDetector:
    """Country-mention detector for "ru" and "uk" text; see the module docstring.

    Building one loads both pymorphy3 dictionaries and compiles the lexicon
    (the detector's start-up in BENCHMARKS.md), so build it once and call find() many times.
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
        curated = load_countries(lexicon_dir / "countries.yaml")
        subdivision_forms, types = load_subdivisions(lexicon_dir / "subdivisions.yaml")
        exclusions = load_exclusions(lexicon_dir / "exclusions.yaml")
        ambiguous_path = lexicon_dir / "ambiguous.yaml"
        ambiguous = load_ambiguous(ambiguous_path)
        self.un_members: tuple[str, ...] = load_un_members(lexicon_dir / "un_members.yaml")

        self._declared = curated + subdivision_forms + pycountry_forms()
        kept, self.dropped_forms = resolve_shared_forms(self._declared + exclusions, ambiguous,
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

    def _compile(self, form: Form) -> Iterator[Entry]:
        language = self._languages[form.language]
        words = split_words(form.text)
        if form.kind == "abbreviation":
            keys = tuple(frozenset({"=" + word}) for word in words)
        else:
            keys = tuple(language.morph.lexicon_keys(word) for word in words)
        type_keys = language.type_keys.get(form.country, frozenset())
        has_type_word = form.kind == "subdivision" and any(k & type_keys for k in keys)
        capitalised = tuple(word[:1].isupper() for word in words)
        yield Entry(form.country, form.kind, form.subdivision, keys, capitalised,
                     False, has_type_word, form.standalone, form.text)
        compositive = compositive_form(form.text) if form.kind == "adjective" else None
        if compositive:
            yield Entry(form.country, form.kind, None, (frozenset({"~" + fold(compositive)}),),
                         (False,), True, False, False, form.text)

    # -- matching --------------------------------------------------------

    def find(self, text: str, language: str) -> list[Mention]:
        """Country mentions in `text`, sorted by start, never overlapping."""
        if language not in self._languages:
            raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
        lang = self._languages[language]
        tokens = tokenise(text, lang.morph)
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
            if best.candidate.entry.kind != EXCLUDE and evidence.supported(best):
                mentions.append(_mention(text, tokens, best.candidate))
            i += best.candidate.length
        return _drop_inside_titles(mentions, text, tokens)

    def _score(self, lang: _Language, text: str, tokens: list[Token], c: _Candidate) -> "_Scored":
        """What the text around a candidate says for it, before looking further afield."""
        if c.entry.kind != "subdivision":
            return _Scored(c, type_context=False, self_supported=True)
        type_context = self._has_type_context(lang, text, tokens, c)
        return _Scored(c, type_context, type_context or _self_evident(tokens, c))

    def _candidates_at(self, lang: _Language, text: str, tokens: list[Token], i: int) -> Iterator[_Candidate]:
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
                        and _PHRASE_GAP_RE.fullmatch(gap(text, tokens[i + j - 1], tokens[i + j]))
                        for j in range(1, n)):
                    yield _Candidate(entry, i, n)

    def _passes_guards(self, lang: _Language, text: str, tokens: list[Token], c: _Candidate) -> bool:
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
        return entry.kind == EXCLUDE or self._compound_ok(lang, text, tokens, c)

    def _compound_ok(self, lang: _Language, text: str, tokens: list[Token], c: _Candidate) -> bool:
        """Organisation rule 1: the other parts of a hyphen compound must allow a country reading."""
        first, last = c.index, c.index + c.length - 1
        while first > 0 and tokens[first].hyphen_prev:
            first -= 1
        while last + 1 < len(tokens) and tokens[last + 1].hyphen_prev:
            last += 1
        outside = [k for k in range(first, last + 1) if not c.index <= k < c.index + c.length]
        return all(_is_plain_lower_word(tokens[k]) or _is_country_word(lang, tokens[k]) for k in outside)

    def _has_type_context(self, lang: _Language, text: str, tokens: list[Token], c: _Candidate) -> bool:
        """A subdivision supported by its own type word or one right before it."""
        if c.entry.has_type_word:
            return True
        if c.index == 0:
            return False
        previous = tokens[c.index - 1]
        return (_SPACE_GAP_RE.fullmatch(gap(text, previous, tokens[c.index])) is not None
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
                     if s.self_supported and s.candidate.entry.kind != EXCLUDE}
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
        return (c.length, self.supported(s), c.entry.kind == EXCLUDE, s.type_context,
                self.elsewhere(c), -_KIND_RANK.get(c.entry.kind, 99))


def _mention(text: str, tokens: list[Token], c: _Candidate) -> Mention:
    start, end = tokens[c.index].start, tokens[c.index + c.length - 1].end
    return Mention(start, end, text[start:end], c.entry.country, c.entry.kind, c.entry.subdivision)


def _self_evident(tokens: list[Token], c: _Candidate) -> bool:
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


def _adjective_case_ok(token: Token) -> bool:
    """Lower case, or capitalised only as the first word of a sentence (not of a quotation)."""
    if token.text.islower():
        return True
    return (token.sentence_initial and not token.quote_initial
            and token.capitalised and token.text[1:] == token.text[1:].lower())


def _sentence_start_ok(token: Token, entry: Entry) -> bool:
    """At a sentence start, accept a one-word place only if no common reading competes."""
    if not (token.sentence_initial or token.quote_initial):
        return True
    return not token.word.non_noun and token.word.best in entry.keys[0]


def _is_person(text: str, tokens: list[Token], i: int) -> bool:
    """A place-name token that is part of a person's name: "Джордж Вашингтон", "Виктория Бекхэм".

    A first name and the capitalised word beside it must share a grammatical
    case, as the parts of a name do; so "Слава Україні" (nominative + dative)
    stays a mention of Ukraine although "Слава" is also a first name.
    """
    def joined(left: int, right: int) -> bool:
        return _SPACE_GAP_RE.fullmatch(gap(text, tokens[left], tokens[right])) is not None

    token = tokens[i]
    if i > 0 and joined(i - 1, i):
        previous = tokens[i - 1]
        if previous.capitalised and previous.word.name_cases & token.word.cases:
            return True
    if i + 1 < len(tokens) and joined(i, i + 1):
        following = tokens[i + 1]
        if (following.capitalised and CYRILLIC_RE.search(following.text)
                and token.word.name_cases & following.word.cases):
            return True
    return False


def _is_country_word(lang: _Language, token: Token) -> bool:
    """Could this token alone be a country word (as part of "Россия-Украина")?"""
    for key in token.word.keys:
        for entry in lang.index.get(key, ()):
            if len(entry.keys) == 1 and entry.kind != EXCLUDE and (
                    entry.kind == "adjective" or not entry.capitalised[0] or token.capitalised):
                return True
    return False


def _is_plain_lower_word(token: Token) -> bool:
    return token.text.islower() and CYRILLIC_RE.search(token.text) is not None


def _drop_inside_titles(mentions: list[Mention], text: str, tokens: list[Token]) -> list[Mention]:
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

