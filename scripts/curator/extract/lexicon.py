"""The extraction lexicons in reference/extraction/: loaded, checked and made matchable.

Every file is checked on load the way scripts/mentions checks reference/lexicon/: an
unknown file, section or key, a value the schemas do not allow (category, SIPRI
category, action, channel: read from schemas/*.json `categories`, never typed here), an
unknown country code, a malformed form or a form listed twice in a section stops with a
LexiconError naming the file and line. The checks live in one table (SPECS) so that a
new section is declared once.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scripts.countries import lookup
from scripts.yamlio import YamlError, load_yaml
from scripts.curator.extract.text import Morph, Token, fold

LANGUAGES = ("ru", "uk")
_FORM_KEYS = ("ru", "uk", "both")


class LexiconError(ValueError):
    """Bad extraction lexicon data; the message names the file, line and entry."""


@dataclass(frozen=True)
class Entry:
    forms: dict[str, tuple[str, ...]]   # language -> forms ("both" counted in each)
    data: dict                          # the entry's other keys
    origin: str                         # "file.yaml:line", for messages and reports


# --------------------------------------------------------------------------
# Checking
# --------------------------------------------------------------------------

class _Checker:
    """Value checks that need the schemas, the pycountry data or another file."""

    def __init__(self, root: Path):
        def categories(table: str, column: str) -> frozenset[str]:
            schema = json.loads((root / "schemas" / f"{table}.json").read_text(encoding="utf-8"))
            field = next(f for f in schema["fields"] if f["name"] == column)
            return frozenset(c["value"] for c in field.get("categories", ()))
        self.values = {"category": categories("equipment", "category"),
                       "sipri_category": categories("equipment", "sipri_category"),
                       "action": categories("equipment", "action"),
                       "channel": categories("requests", "channel"),
                       "event_type": categories("events", "event_type"),
                       "claim_status": categories("events", "claim_status")}
        self.organisations: set[str] = set()

    def value(self, kind: str, value, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if kind == "country":
            if isinstance(value, bool):
                return 'a country code read as a boolean: quote it ("NO")'
            return None if lookup(value) else f"{value!r} is not an ISO 3166-1 alpha-2 code"
        if kind == "organisation":
            return None if value in self.organisations else (
                f"{value!r} is not an organisation code of actors.yaml ({', '.join(sorted(self.organisations))})")
        if kind == "code":
            return None if isinstance(value, str) and value.isupper() else f"{value!r}: expected an upper-case code"
        if kind == "int":
            return None if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else (
                f"{value!r}: expected a whole number")
        if kind == "number":   # a whole number, or a fraction such as 1.5 ("полтора")
            return None if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else (
                f"{value!r}: expected a positive number")
        if kind == "bool":
            return None if isinstance(value, bool) else f"{value!r}: expected true or false"
        if kind == "text":
            return None if isinstance(value, str) and value.strip() else f"{value!r}: expected text"
        allowed = self.values[kind]
        return None if value in allowed else (
            f"{value!r} is not an allowed {kind} (schemas: {', '.join(sorted(allowed))})")


# A section is ("words", {extra key: (kind, required)}), ("mapping", key kind, value kind),
# ("list", kind) or ("models", {...}). "words" entries carry ru/uk/both lists of forms.
WORDS = ("words", {})
SPECS: dict[str, dict[str, tuple]] = {
    "actors.yaml": {"organisations": ("words", {"code": ("code", True), "military": ("bool", False)}),
                    "institutions": ("words", {"country": ("country", True)}),
                    "roles": WORDS, "members": WORDS, "pronouns": WORDS, "speakers": WORDS},
    "people.yaml": {"people": ("words", {"country": ("country", False), "organisation": ("organisation", False),
                                         "role": ("text", True)})},
    "requests.yaml": {name: WORDS for name in ("nouns", "receivers", "needs", "tellers", "help", "military",
                                               "negation", "hypothetical", "stop", "denial", "similar",
                                               "elaborations", "lists", "proposals", "breaks", "purpose")}
                     | {"verbs": ("words", {"military_only": ("bool", False)})},
    "channels.yaml": {"precedence": ("list", "channel"),
                      "cues": ("words", {"channel": ("channel", True), "weak": ("bool", False)})},
    "credits.yaml": {name: WORDS for name in ("prefixes", "chains", "descriptors", "bodies",
                                              "anonymous", "hedges", "retro", "platforms")}
                    | {"verbs": ("words", {"recall": ("bool", False)}), "reports": ("words", {"spoken": ("bool", False)})},
    "equipment.yaml": {"sipri": ("mapping", "category", "sipri_category"),
                       "category_actions": ("mapping", "category", "action"),
                       "weak": ("list", "category"),
                       "terms": ("words", {"category": ("category", True), "sipri_category": ("sipri_category", False),
                                           "action": ("action", False)}),
                       "generic": WORDS,
                       "modifiers": ("words", {"category": ("category", True)}),
                       "models": ("models", {"category": ("category", True)}),
                       "measures": WORDS, "plain_adjectives": WORDS, "size_cues": WORDS, "range_cues": WORDS,
                       "range_units": WORDS, "purposes": WORDS, "circumstances": WORDS, "parts": WORDS,
                       "referring": WORDS, "titles": WORDS, "schools": WORDS},
    "actions.yaml": {"cues": ("words", {"action": ("action", True), "dominant": ("bool", False)})},
    "events.yaml": {name: ("words", {"event_type": ("event_type", True), "cameo_code": ("text", False),
                                     "claim_status": ("claim_status", True)})
                    for name in ("triggers", "unreceived", "acknowledged", "received", "noncommittal", "signing",
                                 "labelling")}
                   | {"speech": WORDS, "letters": WORDS, "documents": WORDS, "handovers": WORDS},
    "numerals.yaml": {"numbers": ("words", {"value": ("number", True)}),
                      "multipliers": ("words", {"value": ("int", True), "approximate": ("bool", False)}),
                      "vague": WORDS, "units": WORDS, "fillers": WORDS, "counters": WORDS, "count_cues": WORDS,
                      "how_many": WORDS},
}
# actors.yaml first: people.yaml refers to its organisation codes.
FILES = tuple(SPECS)


def _where(path: Path, mapping, key=None) -> str:
    line = mapping.line_of(key) if key is not None and hasattr(mapping, "line_of") else getattr(mapping, "line", None)
    return f"{path.name}:{line}" if line else path.name


def _fail(path: Path, mapping, key, message: str) -> LexiconError:
    return LexiconError(f"{_where(path, mapping, key)}: {message}")


def _forms(path: Path, entry, key, seen: dict, section: str) -> tuple[str, ...]:
    forms = entry[key]
    if not isinstance(forms, list) or not forms:
        raise _fail(path, entry, key, f"{section}: {key}: expected a non-empty list of forms")
    for form in forms:
        if not isinstance(form, str) or not form.strip() or form != form.strip():
            raise _fail(path, entry, key, f"{section}: {key}: {form!r} is not a form (non-empty text "
                                          f"without surrounding spaces)")
        for language in (LANGUAGES if key == "both" else (key,)):
            signature = (language, fold(form))
            if signature in seen:
                raise _fail(path, entry, key, f"{section}: {form!r} ({language}) is listed twice "
                                              f"(first at {seen[signature]}); remove one")
            seen[signature] = _where(path, entry, key)
    return tuple(forms)


def _section(path: Path, data, name: str, spec: tuple, checker: _Checker):
    value = data[name]
    kind = spec[0]
    if kind == "list":
        if not isinstance(value, list) or not value:
            raise _fail(path, data, name, f"{name}: expected a non-empty list")
        for item in value:
            if problem := checker.value(spec[1], item):
                raise _fail(path, data, name, f"{name}: {problem}")
        if len(set(value)) != len(value):
            raise _fail(path, data, name, f"{name}: a value is listed twice")
        return tuple(value)
    if kind == "mapping":
        if not hasattr(value, "line_of"):
            raise _fail(path, data, name, f"{name}: expected a mapping")
        for key, item in value.items():
            if problem := checker.value(spec[1], key) or checker.value(spec[2], item, nullable=True):
                raise _fail(path, value, key, f"{name}: {problem}")
        return dict(value)
    if not isinstance(value, list) or not value:
        raise _fail(path, data, name, f"{name}: expected a non-empty list of entries")
    extra = spec[1]
    allowed = (("names",) if kind == "models" else _FORM_KEYS) + tuple(extra)
    entries, seen = [], {}
    for entry in value:
        if not hasattr(entry, "line_of"):
            raise _fail(path, data, name, f"{name}: every entry is a mapping (ru: [...], uk: [...], ...)")
        for key in entry:
            if key not in allowed:
                raise _fail(path, entry, key, f"{name}: unknown key {key!r}; allowed: {', '.join(allowed)}")
        form_keys = [key for key in entry if key in (("names",) if kind == "models" else _FORM_KEYS)]
        if not form_keys:
            raise _fail(path, entry, None, f"{name}: entry has no forms")
        fields = {}
        for key, (value_kind, required) in extra.items():
            if key not in entry:
                if required:
                    raise _fail(path, entry, None, f"{name}: entry lacks {key!r}")
                continue
            if problem := checker.value(value_kind, entry[key], nullable=key == "sipri_category"):
                raise _fail(path, entry, key, f"{name}: {problem}")
            fields[key] = entry[key]
        if name == "people" and ("country" in entry) == ("organisation" in entry):
            raise _fail(path, entry, None, "people: give exactly one of country and organisation")
        forms: dict[str, list[str]] = {}
        for key in form_keys:
            found = _forms(path, entry, key, seen, name)
            for language in (LANGUAGES if key in ("both", "names") else (key,)):
                forms.setdefault(language, []).extend(found)
        entries.append(Entry({k: tuple(v) for k, v in forms.items()}, fields, _where(path, entry)))
    if name == "organisations":
        checker.organisations |= {e.data["code"] for e in entries}
    return tuple(entries)


def load_files(root: Path) -> dict[str, dict[str, object]]:
    """{file name: {section: checked value}} for every file of reference/extraction/."""
    directory = root / "reference" / "extraction"
    for path in sorted(directory.glob("*")):
        if path.is_file() and path.name not in SPECS:
            raise LexiconError(f"{path}: unknown lexicon file; expected only: {', '.join(FILES)}")
    checker = _Checker(root)
    result = {}
    for name in FILES:
        path = directory / name
        if not path.is_file():
            raise LexiconError(f"{path}: missing extraction lexicon file")
        try:
            data = load_yaml(path)
        except YamlError as exc:
            raise LexiconError(f"{name}{f':{exc.line}' if exc.line else ''}: {exc}") from None
        if not hasattr(data, "line_of"):
            raise LexiconError(f"{name}: expected a mapping of sections at the top level")
        spec = SPECS[name]
        for section in data:
            if section not in spec:
                raise _fail(path, data, section, f"unknown section {section!r}; allowed: {', '.join(spec)}")
        for section in spec:
            if section not in data:
                raise LexiconError(f"{name}: missing section {section!r}")
        result[name] = {section: _section(path, data, section, spec[section], checker) for section in spec}
    return result


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------

def _word_test(word: str, morph: Morph) -> tuple[str, object]:
    """How one word of a form is compared with a token (see requests.yaml's header)."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "exact", word
    keys = morph.form_keys(word)
    return ("cap" if word[:1].isupper() else "any"), keys


_FUNCTION_WORDS = ("PREP", "CONJ", "PRCL")


def _passes(test: tuple[str, object], token: Token) -> bool:
    mode, value = test
    if token.kind == "punct":
        return False
    if mode == "exact":
        return token.text == value
    if mode == "cap" and not token.capitalised:
        return False
    if token.first_is(*_FUNCTION_WORDS) and token.folded not in value:
        return False   # "После" is a preposition, not a form of "посол"
    return not value.isdisjoint(token.keys)


class PhraseIndex:
    """Forms of one section in one language, found at a token position, longest first."""

    def __init__(self, entries, language: str, morph: Morph):
        self._index: dict[str, list[tuple[tuple, Entry, str]]] = {}
        for entry in entries:
            for form in entry.forms.get(language, ()):
                tests = tuple(_word_test(word, morph) for word in form.split())
                mode, value = tests[0]
                for key in ({"=" + value} if mode == "exact" else value):
                    self._index.setdefault(key, []).append((tests, entry, form))

    def match(self, tokens: list[Token], i: int) -> list[tuple[int, Entry, str]]:
        """(number of tokens, entry, form) of every form starting at token i, longest first."""
        token = tokens[i]
        if token.kind == "punct":
            return []
        candidates = self._index.get("=" + token.text, []) + [
            c for key in token.keys for c in self._index.get(key, ())]
        found, seen = [], set()
        for tests, entry, form in candidates:
            if (id(tests), form) in seen or i + len(tests) > len(tokens):
                continue
            seen.add((id(tests), form))
            if all(_passes(test, tokens[i + k]) for k, test in enumerate(tests)):
                whole = tests[0][0] == "exact" or not tests[0][1].isdisjoint(token.whole_keys)
                found.append((len(tests), entry, form, whole))
        # Longest first; then a match of the whole word before one of a hyphenated word's part
        # ("ракет-перехватчиков" is a missile, not an interceptor aircraft).
        found.sort(key=lambda f: (-f[0], not f[3]))
        return [f[:3] for f in found]

    def first(self, tokens: list[Token], i: int) -> tuple[int, Entry, str] | None:
        found = self.match(tokens, i)
        return found[0] if found else None


class AnyOf:
    """Several phrase indexes searched as one (the first that matches wins)."""

    def __init__(self, *indexes: PhraseIndex):
        self.indexes = indexes

    def first(self, tokens: list[Token], i: int) -> tuple[int, Entry, str] | None:
        for index in self.indexes:
            if found := index.first(tokens, i):
                return found
        return None


class Lexicon:
    """All sections of all files, with phrase indexes built on first use per language."""

    def __init__(self, root: Path, morphs: dict[str, Morph]):
        self.files = load_files(root)
        self.morphs = morphs
        self._indexes: dict[tuple[str, str, str], PhraseIndex] = {}

    def section(self, file: str, name: str):
        return self.files[file][name]

    def index(self, file: str, name: str, language: str) -> PhraseIndex:
        key = (file, name, language)
        if key not in self._indexes:
            self._indexes[key] = PhraseIndex(self.section(file, name), language, self.morphs[language])
        return self._indexes[key]
