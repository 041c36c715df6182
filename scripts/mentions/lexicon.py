"""The country lexicon: pycountry's ru/uk names plus the curated YAML in reference/lexicon/,
checked on load and compiled into entries the matcher can look up."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pycountry

from scripts import inputs
from scripts.countries import is_subdivision, localised, lookup
from scripts.mentions.commonwords import common_reading
from scripts.mentions.morphology import CYRILLIC_RE, TOKEN_RE, fold
from scripts.yamlio import YamlError, load_yaml

LANGUAGES = ("ru", "uk")
KINDS = ("name", "alias", "abbreviation", "adjective", "capital", "subdivision")
EXCLUDE = "exclude"  # internal kind of curated exclusion phrases
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
# The marker of forms that are also common words, listed on purpose (see common_reading).
COMMON_WORDS = "common_words"
_MIN_PLACE_LETTERS = 3


class LexiconError(ValueError):
    """Bad lexicon data; the message names the file, line and entry."""


# --------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Form:
    """One lexicon form as declared, before analysis."""
    language: str
    country: str
    kind: str                # KINDS or EXCLUDE
    text: str
    origin: str              # "file:line" or "pycountry", for messages
    subdivision: str | None = None
    curated: bool = True
    standalone: bool = False  # subdivision name that needs no support from the text


@dataclass(frozen=True)
class Entry:
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


def split_words(form: str) -> list[str]:
    return [m.group() for m in TOKEN_RE.finditer(form)]


def compositive_form(adjective: str) -> str | None:
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
    found = inputs.problem(path, "the lexicon file's")
    if found:
        raise LexiconError(f"{path.name}: {found[0]}; {found[1]}")
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
        if problem is None and fold(form) in seen:
            problem = "listed twice"
        if problem:
            raise _fail(path, mapping, key, f"form {form!r}: {problem}")
        seen.add(fold(form))
    return forms


def _form_problem(form, kind: str) -> str | None:
    """Why a form cannot be used for `kind`, or None when it is fine."""
    if not isinstance(form, str) or not form or form != form.strip():
        return "not a non-empty string without surrounding spaces"
    words = split_words(form)
    if not words or not CYRILLIC_RE.search(form):
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


def _check_common_words(path: Path, fields, language: str, code: str) -> None:
    """One-word aliases, adjectives and capitals that are common words must be marked."""
    marked = fields.get(COMMON_WORDS, [])
    if not isinstance(marked, list) or not all(isinstance(form, str) for form in marked):
        raise _fail(path, fields, COMMON_WORDS, "expected a list of forms")
    listed = {form for field in ("aliases", "adjectives", "capitals") for form in fields.get(field, [])}
    for form in marked:
        if form not in listed:
            raise _fail(path, fields, COMMON_WORDS, f"form {form!r} is not among the aliases, "
                        f"adjectives or capitals of {code}.{language}; list it there or remove it here")
    for field in ("aliases", "adjectives", "capitals"):
        for form in fields.get(field, []):
            if form in marked or len(split_words(form)) != 1:
                continue
            reading = common_reading(language, form, _COUNTRY_FIELDS[field])
            if reading:
                raise _fail(path, fields, field, (
                    f"form {form!r} ({language}) is a common word: pymorphy3's most likely "
                    f"reading is {reading}, so it would be found wherever that word is used; "
                    f"remove it, or, if the detector's guards keep it apart, add it to "
                    f"`{COMMON_WORDS}` of {code}.{language} with a comment saying why"))


def load_countries(path: Path) -> list[Form]:
    data = _expect_mapping(path, _read_yaml(path), "top level")
    forms: list[Form] = []
    for code in data:
        country = _check_country_code(path, data, code)
        languages = _expect_mapping(path, data[code], code)
        _check_keys(path, languages, LANGUAGES, f"country {code}")
        if not languages:
            raise _fail(path, data, code, "no language given")
        for language, fields in languages.items():
            fields = _expect_mapping(path, fields, f"{code}.{language}")
            _check_keys(path, fields, (*_COUNTRY_FIELDS, COMMON_WORDS), f"{code}.{language}")
            for field, kind in _COUNTRY_FIELDS.items():
                if field in fields:
                    origin = _where(path, fields, field)
                    forms += [Form(language, country, kind, form, origin)
                              for form in _check_forms(path, fields, field, kind)]
            _check_common_words(path, fields, language, code)
    return forms


def load_subdivisions(path: Path) -> tuple[list[Form], dict[tuple[str, str], list[str]]]:
    data = _expect_mapping(path, _read_yaml(path), "top level")
    forms: list[Form] = []
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
                forms += [Form(language, country, "subdivision", form, origin, subdivision,
                                standalone=block["standalone"])
                          for form in _check_forms(path, names, language, "subdivision")]
    return forms, types


def load_exclusions(path: Path) -> list[Form]:
    data = _expect_mapping(path, _read_yaml(path), "top level")
    _check_keys(path, data, LANGUAGES, "top level")
    return [Form(language, "", EXCLUDE, form, _where(path, data, language))
            for language in data for form in _check_forms(path, data, language, EXCLUDE)]


def load_ambiguous(path: Path) -> dict[tuple[str, str], tuple[str | None, str]]:
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
            resolved[(language, fold(form))] = (country, _where(path, entries, form))
    return resolved


def load_un_members(path: Path) -> tuple[str, ...]:
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
    return [plain[:1].upper() + plain[1:]] if CYRILLIC_RE.search(plain) else []


def pycountry_forms() -> list[Form]:
    forms = []
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            english = getattr(country, attribute, None)
            if not english:
                continue
            for language in LANGUAGES:
                for variant in _pycountry_variants(localised(english, language)):
                    words = split_words(variant)
                    kind = "abbreviation" if len(words) == 1 and variant.isupper() else "name"
                    if _form_problem(variant, kind) is None:
                        forms.append(Form(language, country.alpha_2, kind, variant,
                                           "pycountry", curated=False))
    return forms


def resolve_shared_forms(forms: list[Form], ambiguous, path: Path) -> tuple[list[Form], list[Form]]:
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
        if form.kind in (EXCLUDE, "subdivision"):
            continue  # exclusions have no country; subdivisions are settled by context
        signature = (form.language, fold(form.text))
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
        signature = (form.language, fold(form.text))
        if form.kind in (EXCLUDE, "subdivision") or len(claims[signature]) == 1:
            kept.append(form)
        elif form.curated and signature in ambiguous:
            (kept if ambiguous[signature][0] == form.country else dropped).append(form)
        elif not form.curated and form.country in curated_claims.get(signature, ()):
            kept.append(form)  # pycountry agrees with a curated claim that survived
        else:
            dropped.append(form)
    return kept, dropped

