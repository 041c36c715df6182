"""What `make draft` detects in a new article: language, title, id, known entities, publisher."""
from __future__ import annotations

import re
from dataclasses import dataclass

from slugify import slugify

from scripts.body import Layout, is_title
from scripts.curator.language import RUSSIAN_ONLY, UKRAINIAN_ONLY, letter_counts
from scripts.mentions import LANGUAGES

MIN_LANGUAGE_LETTERS = 3
LANGUAGE_RATIO = 4
ID_WORDS = 4
UNKNOWN_PUBLISHER = "unknown-publisher"

_TOKEN_RE = re.compile(r"[^\W_]+")
_NAME_JOIN_RE = re.compile(r"[ \t\u00a0\-\u2010\u2011]{1,3}")


class Refused(Exception):
    """The draft cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class Hit:
    start: int
    end: int


@dataclass
class EntityMatch:
    entity: dict
    hits: list[Hit]

    @property
    def id(self) -> str:
        return self.entity["id"]




def detect_language(body: str) -> tuple[str, dict[str, int]]:
    """ru or uk from the letters only one of them has; Refused if neither clearly wins."""
    counts = letter_counts(body)
    (winner, most), (_, other) = sorted(counts.items(), key=lambda kv: -kv[1])
    if most >= MIN_LANGUAGE_LETTERS and most >= LANGUAGE_RATIO * other:
        return winner, counts
    raise Refused(f"cannot tell the language: in the body, letters only Ukrainian has "
                  f"({' '.join(UKRAINIAN_ONLY)}) occur {counts['uk']} times and letters only "
                  f"Russian has ({' '.join(RUSSIAN_ONLY)}) {counts['ru']} times. The build knows "
                  f"{' and '.join(LANGUAGES)}; if the article is one of them, say which: "
                  "`.venv/bin/python -m scripts.curator.draft PATH --language ru` (or uk)")


def first_line(text: str, start: int, end: int) -> str:
    newline = text.find("\n", start, end)
    return text[start:newline if newline != -1 else end].strip()


def detect_title(text: str, body: tuple[int, int]) -> str | None:
    """The body's first line if it looks like a headline (scripts.body's rule), else None."""
    line = first_line(text, *body)
    return line if line and is_title(line) else None


def derive_id(archive_date, title: str | None, body_text: str) -> str:
    words = _TOKEN_RE.findall(title if title else body_text)[:ID_WORDS]
    topic = slugify(" ".join(words)) or "article"
    return f"draft-{archive_date.isoformat() if archive_date else 'undated'}-{topic}"


def _norm(word: str) -> str:
    return word.casefold().replace("ё", "е")


def word_matches(name_word: str, text_word: str) -> bool:
    """Case-insensitive but for capitals; a Cyrillic word of 5+ letters may differ in the ending."""
    if name_word[:1].isupper() and not text_word[:1].isupper():
        return False
    name, word = _norm(name_word), _norm(text_word)
    if name == word:
        return True
    if len(name) < 5 or name.isascii():   # a name in Latin letters does not decline: "Politico" is not "Politika"
        return False
    # A soft ending is replaced, not added to: "Цзюнь", "Цзюню".
    shortest = 4 if name[-1] in "ьй" else 5
    return word.startswith(name[:max(shortest, len(name) - 2)]) and len(word) <= len(name) + 3


def name_variants(entity: dict) -> list[list[str]]:
    """Word sequences to look for: every name whole, and a person's surname alone."""
    variants: list[list[str]] = []
    for key in ("name_ru", "name_uk", "name_en"):
        name = entity.get(key)
        if not isinstance(name, str):
            continue
        words = _TOKEN_RE.findall(name)
        candidates = [words]
        if entity.get("type") == "person" and len(words) > 1 and words[-1][:1].isupper() \
                and len(words[-1]) >= 3:
            candidates.append(words[-1:])
        for candidate in candidates:
            if candidate and candidate not in variants:
                variants.append(candidate)
    return variants


def find_entities(text: str, entities: list[dict]) -> list[EntityMatch]:
    """Entities named in the text, in the order of their first mention."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
    matches = []
    for entity in entities:
        hits: set[Hit] = set()
        for words in name_variants(entity):
            for i in range(len(tokens) - len(words) + 1):
                if all(word_matches(w, tokens[i + k][2]) for k, w in enumerate(words)) and all(
                        _NAME_JOIN_RE.fullmatch(text[tokens[i + k][1]:tokens[i + k + 1][0]])
                        for k in range(len(words) - 1)):
                    hits.add(Hit(tokens[i][0], tokens[i + len(words) - 1][1]))
        if hits:
            ordered = sorted(hits, key=lambda h: (h.start, -h.end))
            # Drop hits inside a longer hit (the surname inside the whole name).
            kept = [h for h in ordered if not any(o.start <= h.start and h.end <= o.end
                                                   and o != h for o in ordered)]
            matches.append(EntityMatch(entity, kept))
    return sorted(matches, key=lambda m: m.hits[0].start)


def choose_publisher(matches: list[EntityMatch], layout: Layout,
                     input_publishers: set[str]) -> EntityMatch | None:
    """The outlet named outside the article body (the site's own header or footer); None if
    there is none. An outlet named only in the body is one the article credits (or its own
    earlier piece), never evidence of who published it. Among several, one that already
    publishes an input article, then the first named."""
    outside = [m for m in matches if m.entity.get("type") == "media_outlet"
               and any(not layout.in_article(h.start, h.end) for h in m.hits)]
    if not outside:
        return None
    return min(outside, key=lambda m: (m.id not in input_publishers, m.hits[0].start))
