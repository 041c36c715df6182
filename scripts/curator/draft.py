"""Draft the curation of a new article: `make draft ARTICLE=path/to/file.txt [ID=slug]`.

`python -m scripts.curator.draft PATH [--id SLUG] [--language ru|uk] [--root DIR]` copies the raw
file byte for byte to articles/<id>.txt and writes articles/<id>.yaml: a curation file
that starts with `draft: true` (the build refuses any file with a `draft:` key, so an
unreviewed draft is never published), the source record filled in from what the text
shows, comments listing the known entities and the country mentions the text contains,
and empty fact sections, each explained field by field from the schemas.

Nothing here is trusted: every value is a suggestion for the curator to check.

What is detected, and how
-------------------------
* Refusals. The file is read with the build's own reader (scripts.build.read.
  read_article_text): not UTF-8, a BOM, CR line ends or an empty file are refused here
  just as the build would refuse them, with exit status 2 and nothing written.
* Body and date. scripts.body finds the archive's leading " date YYYY-MM-DD" marker
  (parse_date_marker) and the article inside the saved page (find_body, body_spans).
* Language, from the body (page chrome such as a "be ru en" switcher is ignored): letters
  only Ukrainian has (і ї є ґ) against letters only Russian has (ы э ъ ё). One wins
  clearly when it has at least MIN_LANGUAGE_LETTERS of them and at least
  LANGUAGE_RATIO times as many as the other; otherwise the draft is refused
  (pass --language to decide).
* Title: the body's first line if it looks like a headline by scripts.body's rule
  (3-30 words, capitalised, no final full stop, colon or comma, not a timestamp);
  otherwise null (the body then starts with the lede).
* Id: --id, or draft-<archive date or "undated">-<first 4 words of the title (of the
  body when there is no title), transliterated to an ASCII slug>.
* Entities of reference/entities.yaml named in the text: each of an entity's names
  (name_ru, name_uk, name_en) is matched as a whole, and a person's capitalised last
  word (the surname) also alone. Words are compared case-insensitively (ё = е), except
  that a word capitalised in the name must be capitalised in the text (so the outlet
  "Комментарии" is not found in "Написать комментарий", nor the surname "Сторі" in
  "сторінці"). Words shorter than 5 letters must match exactly; a longer word may
  differ in its ending: the text word must start with the name word minus its last two
  letters (but at least its first 5 letters) and be at most 3 letters longer ("Путин"
  finds "Путина", "Каракас" finds "Каракасу"). Words of one name may be separated by
  spaces or a hyphen only. A surname alone can belong to someone else: the curator
  checks.
* Publisher: the outlets (entities of type media_outlet) named in the text, preferring
  one named outside the body (the site's own header or footer), then one that already
  publishes an input article (source.publisher in articles/*.yaml), then the first
  named. An outlet named only in the body is often one the article credits, so the
  comment lists the other outlets named. None: `unknown-publisher`, with a comment.
* Country mentions: the build's detector (scripts.mentions.load_detector) on the whole
  text, keeping the mentions inside the body (the build's `in_body`).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from scripts import registry, schemas
from scripts.body import Layout, is_title
from scripts.build.read import curation_validator, read_article_text
from scripts.errors import Problems
from scripts.mentions import LANGUAGES, LexiconError, load_detector
from scripts.yamlio import YamlError, load_yaml

UKRAINIAN_ONLY = "іїєґ"
RUSSIAN_ONLY = "ыэъё"
MIN_LANGUAGE_LETTERS = 3
LANGUAGE_RATIO = 4
ID_WORDS = 4
UNKNOWN_PUBLISHER = "unknown-publisher"


SECTION_INTROS = {
    "citations": "Every credit the article states: source `citing` credits source `cited` "
                 "(\"сообщает X со ссылкой на Y\" gives two records: article -> X, X -> Y).",
    "requests": "Requests for military help that this article is the FIRST to report "
                "(a fact already defined in another article's file is not repeated here, "
                "only given evidence).",
    "equipment": "Items or capabilities asked for (linked to a request) or shipped, produced, "
                 "deployed (linked to an event) that this article is the first to report.",
    "events": "Other facts (shipment, arrival, agreement, statement, ...) that this article "
              "is the first to report.",
    "evidence": "One record per quote supporting a request, item or event (at least one "
                "record). Copy the quote exactly from the .txt; add `occurrence: N` if it "
                "occurs more than once.",
}

# Where the ids a column refers to are defined (the table schemas' foreignKeys say which table).
REFERENCE_HINTS = {
    "entities": "an id from reference/entities.yaml",
    "sources": "a source id: reference/sources.yaml, or an input article's source.id "
               "(its file name)",
    "requests": "a request id (this file's or another article's)",
    "events": "an event id (this file's or another article's)",
    "equipment": "an equipment item id (this file's or another article's)",
}

# Readable names of the value shapes in curation.schema.json's $defs.
SHAPES = {
    "slug": "slug", "nullable_slug": "slug or null", "country": "ISO 3166-1 alpha-2 or null",
    "text": "text", "nullable_text": "text or null", "date": "YYYY-MM-DD (quoted) or null",
    "edtf": "EDTF date (quoted) or null", "note": "text", "quote": "exact quote",
    "occurrence": "integer >= 1",
}

EXAMPLES = {
    "citations": """\
        - citing: {id}
          cited: washington-post-report
          quote: <the words of the article that state the credit>""",
    "requests": """\
        - id: request-maduro-putin-letter
          requester: nicolas-maduro
          addressee: vladimir-putin
          channel: letter
          cameo_code: "0232"
          summary_en: Nicolás Maduro sent Vladimir Putin a letter asking for missiles.
          purpose_en: null
          date: "../{date}"
          date_basis: publication_bound
          note: No date given for the letter; open interval ending at publication.""",
    "equipment": """\
        - id: putin-letter-missiles
          request: request-maduro-putin-letter
          description_en: Supply of missiles
          action: supply
          category: missile
          sipri_category: missiles
          supplier_country: RU
          recipient_country: VE
          quantity: null
          max_range_km: null""",
    "events": """\
        - id: il-76-arrival-caracas
          event_type: arrival
          cameo_code: null
          summary_en: A Russian Il-76 military transport aircraft arrived in Caracas.
          actor: russia-government
          target: null
          place: caracas
          date: "2025-10-26"
          date_basis: stated
          claim_status: reported""",
    "evidence": """\
        - id: request-maduro-putin-letter-quote
          request: request-maduro-putin-letter
          attributed_to: {id}
          quote: <exact words of the article, copied from articles/{id}.txt>""",
}

_TOKEN_RE = re.compile(r"[^\W_]+")
_NAME_JOIN_RE = re.compile(r"[ \t\u00a0\-\u2010\u2011]{1,3}")
# Characters written as-is inside a double-quoted YAML scalar or a comment: printable,
# and not one PyYAML reads as a line break (\x85, \u2028, \u2029).
_UNSAFE_RE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
WIDTH = 92


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


# ----------------------------------------------------------------------------------------
# Detection
# ----------------------------------------------------------------------------------------

def letter_counts(body: str) -> dict[str, int]:
    """How often letters only Ukrainian has, and letters only Russian has, occur."""
    lowered = body.lower()
    return {"uk": sum(lowered.count(c) for c in UKRAINIAN_ONLY),
            "ru": sum(lowered.count(c) for c in RUSSIAN_ONLY)}


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
    """Case-insensitive but for capitals; 5+ letters may differ in the ending (module doc)."""
    if name_word[:1].isupper() and not text_word[:1].isupper():
        return False
    name, word = _norm(name_word), _norm(text_word)
    if name == word:
        return True
    if len(name) < 5:
        return False
    return word.startswith(name[:max(5, len(name) - 2)]) and len(word) <= len(name) + 3


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
    outlets = [m for m in matches if m.entity.get("type") == "media_outlet"]
    if not outlets:
        return None

    def rank(match: EntityMatch):
        outside = any(not layout.in_article(h.start, h.end) for h in match.hits)
        return (not outside, match.id not in input_publishers, match.hits[0].start)

    return min(outlets, key=rank)


# ----------------------------------------------------------------------------------------
# Writing the YAML
# ----------------------------------------------------------------------------------------

def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar for any string (escapes what YAML cannot hold raw)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _UNSAFE_RE.sub(lambda m: _escape(m.group()), escaped) + '"'


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def comment_text(value: str) -> str:
    """Text that stays on one comment line: no line breaks or unprintable characters."""
    return _UNSAFE_RE.sub(" ", re.sub(r"\s+", " ", value))


def comment(text: str, indent: str = "", first: str = "", hang: str = "") -> list[str]:
    """Wrapped comment lines: `indent# first<text>`, continuation lines indented by `hang`."""
    lines = textwrap.wrap(comment_text(text), WIDTH - len(indent) - 2, initial_indent=first,
                          subsequent_indent=hang, break_long_words=False,
                          break_on_hyphens=False)
    return [f"{indent}# {line}".rstrip() for line in lines] or [f"{indent}#"]


def context(text: str, hit: Hit, width: int = 35) -> str:
    line_start = text.rfind("\n", 0, hit.start) + 1
    line_end = text.find("\n", hit.end)
    line_end = len(text) if line_end == -1 else line_end
    left = max(line_start, hit.start - width)
    right = min(line_end, hit.end + width)
    if left > line_start:       # start and end on whole words
        left = next((i + 1 for i in range(left, hit.start) if text[i].isspace()), hit.start)
    if right < line_end:
        right = next((i for i in range(right, hit.end, -1) if text[i].isspace()), hit.end)
    return (("…" if left > line_start else "") + text[left:right].strip()
            + ("…" if right < line_end else ""))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def field_docs(defs: dict, definition: str, table: str, schemas_dir: Path) -> list[str]:
    """One comment entry per key of a $defs record, described from the schemas."""
    record = defs[definition]
    table_schema = schemas.load(schemas_dir, table)
    columns = {f["name"]: f for f in table_schema["fields"]}
    foreign = {fk["fields"][0]: fk["reference"]["resource"]
               for fk in table_schema.get("foreignKeys", [])}
    primary = table_schema.get("primaryKey")
    one_of = [name for option in record.get("oneOf", []) for name in option["required"]]
    lines = []
    for key, prop in record["properties"].items():
        if key in record.get("required", []):
            status = "required"
        elif key in one_of:
            status = "exactly one of " + "/".join(one_of)
        else:
            status = "optional"
        shape = _shape(prop)
        description = ""
        allowed: list[str] | None = None
        if "x-column" in prop:  # a controlled value: the table column says which
            other_table, column = prop["x-column"].split(".")
            field = {f["name"]: f for f in schemas.load(schemas_dir, other_table)["fields"]}[column]
            description = field.get("description", "")
            allowed = schemas.allowed_values(field)
            if allowed:
                description += (f" One of ({'or null; ' if shape.endswith('or null') else ''}"
                                f"schemas/{other_table}.json, {column}): " + ", ".join(allowed) + ".")
        else:
            column = next((c for c in (key, f"{key}_id", f"{key}_source_id", f"{key}_edtf")
                           if c in columns), None)
            if key == "id" and primary and len(primary) == 1:
                column = primary[0]
            if column:
                description = columns[column].get("description", "")
                if column in foreign and foreign[column] in REFERENCE_HINTS:
                    description += f" Value: {REFERENCE_HINTS[foreign[column]]}."
            else:
                ref = prop.get("$ref", "").rsplit("/", 1)[-1]
                description = defs.get(ref, {}).get("description", "")
        lines.extend(comment(f"{key}: {status}; {shape}. {description}".rstrip(),
                             first="  ", hang="      "))
    return lines


def _shape(prop: dict) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return SHAPES.get(name, name)
    options = prop.get("anyOf", [prop])
    types = [o.get("type") for o in options]
    base = next((o for o in options if o.get("type") != "null"), {})
    shape = base.get("type", "value")
    if base.get("minimum") is not None:
        shape += f" >= {base['minimum']}"
    if base.get("pattern"):
        shape += " matching " + base["pattern"].replace("(?![\\s\\S])", "$")
    return shape + (" or null" if "null" in types else "")


@dataclass
class Draft:
    source_id: str
    raw: bytes
    text: str
    language: str
    letter_counts: dict[str, int]
    layout: Layout
    title: str | None
    entities: list[EntityMatch]
    publisher: EntityMatch | None
    mentions: list
    chrome_mentions: int
    input_name: str

    @property
    def archive_date(self):
        return self.layout.archive_date


def render(draft: Draft, root: Path) -> str:
    schemas_dir = root / "schemas"
    defs = json.loads((schemas_dir / "curation.schema.json").read_text(encoding="utf-8"))["$defs"]
    text, sid = draft.text, draft.source_id
    date = draft.archive_date.isoformat() if draft.archive_date else None
    body = draft.layout.body
    body_lines = (line_of(text, body[0]), line_of(text, body[1]))
    out = ["draft: true  # delete this line once you have checked everything (the build "
           "refuses drafts)", ""]
    out += comment(f"Draft curation of articles/{sid}.txt (a byte-for-byte copy of "
                   f"{draft.input_name}), written by `make draft`. Everything below was "
                   "detected automatically: check it against the text.")
    out += comment(f"Language {draft.language}: in the body, letters only Ukrainian has "
                   f"({' '.join(UKRAINIAN_ONLY)}) occur {draft.letter_counts['uk']} times, letters "
                   f"only Russian has ({' '.join(RUSSIAN_ONLY)}) {draft.letter_counts['ru']} times.")
    out += comment(f"Body (the article inside the saved page): offsets {body[0]}-"
                   f"{body[1]}, lines {body_lines[0]}-{body_lines[1]}; the rest is page "
                   "chrome (menus, teasers, counters) and is not used as evidence.")
    out += comment("Title: " + ("the body's first line, which looks like a headline." if
                                draft.title else "none (the body's first line does not look "
                                "like a headline); set it if the page shows one."))
    out += comment("Next: check source:, add missing entities and sources to reference/, "
                   "fill the sections below (every quote copied exactly from the .txt), "
                   "delete the `draft:` line, run `make`. For a final id "
                   "(outlet-YYYY-MM-DD-topic), rename both files and change source.id "
                   "(and any citing / attributed_to that uses it).")

    source_type = {f["name"]: f for f in schemas.load(schemas_dir, "sources")["fields"]}["source_type"]
    out += ["", "source:", f"  id: {sid}",
            f"  type: news_article  # one of: {', '.join(schemas.allowed_values(source_type))}"]
    if draft.publisher:
        hit = draft.publisher.hits[0]
        where = ("outside the body, likely the site's own name" if not
                 draft.layout.in_article(hit.start, hit.end) else "in the body")
        others = [m.id for m in draft.entities if m.entity.get("type") == "media_outlet"
                  and m is not draft.publisher]
        note = (f"named {where} (line {line_of(text, hit.start)}: "
                f"{text[hit.start:hit.end]!r})")
        if others:
            note += f"; other outlets named: {', '.join(others)} (often ones the article credits)"
        out += comment(f"publisher: {note}. Check it.", "  ")
        out.append(f"  publisher: {draft.publisher.id}")
    else:
        out += comment("publisher: no media outlet from reference/entities.yaml is named in "
                       "the text. Add the outlet to reference/entities.yaml (type media_outlet, "
                       "name_en, name_ru / name_uk, country) and put its id here.", "  ")
        out.append(f"  publisher: {UNKNOWN_PUBLISHER}  # TODO: add the outlet to "
                   "reference/entities.yaml and use its id")
    out.append(f"  title: {yaml_string(draft.title) if draft.title else 'null'}")
    out.append(f"  language: {draft.language}")
    if date:
        out.append(f'  published_date: "{date}"  # the archive date: check it against the '
                   "article's own timestamp")
    else:
        out.append("  published_date: null  # no archive date marker: set it if the page "
                   "shows one")
    out.append("  url: null  # the page address, only if known for certain (never guessed)")

    out += ["", "# " + "-" * (WIDTH - 2)]
    out += comment("Entities from reference/entities.yaml that the text names (by name_ru, "
                   "name_uk or name_en, whole or a person's surname alone; case-insensitive "
                   "except that a capitalised word needs a capital; endings of words of 5+ "
                   "letters may differ). Use their ids for requester, addressee, actor, "
                   "target, place. Check each one; add the people, outlets and places "
                   "missing from this list to reference/entities.yaml.")
    if not draft.entities:
        out.append("#   (none)")
    for match in draft.entities:
        hit = match.hits[0]
        inside = draft.layout.in_article(hit.start, hit.end)
        out += comment(f"{match.id} ({match.entity.get('type')}, "
                       f"{match.entity.get('country') or 'no country'}): "
                       f"{text[hit.start:hit.end]!r} at offset {hit.start}, line "
                       f"{line_of(text, hit.start)}{'' if inside else ' (page chrome)'}"
                       f"{f', {len(match.hits)} times' if len(match.hits) > 1 else ''}: "
                       f"«{context(text, hit)}»", first="  ", hang="      ")

    out += ["", "# " + "-" * (WIDTH - 2)]
    counts: dict[str, int] = {}
    for mention in draft.mentions:
        counts[mention.country] = counts.get(mention.country, 0) + 1
    summary = ", ".join(f"{code}×{n}" for code, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    out += comment(f"Country mentions in the body, found by the build's detector (the build "
                   f"records them in the mentions table; {draft.chrome_mentions} in the page chrome "
                   f"not listed): {summary or 'none'}. Offsets are code "
                   f"points into articles/{sid}.txt; text[start:end] is the quoted text. A "
                   "country that a fact involves should be among them.")
    for m in draft.mentions:
        out.append(f"#   {m.country}  {m.start}-{m.end}  {comment_text(repr(m.text))}  {m.kind}"
                   + (f" {m.subdivision}" if m.subdivision else ""))

    for table in registry.article_sections():
        key = table.name
        out += ["", "# " + "-" * (WIDTH - 2)]
        out += comment(f"{key}: {SECTION_INTROS[key]}")
        out += comment(f"Keys (schemas/curation.schema.json, $defs/{table.definition}; "
                       f"descriptions from schemas/{table.name}.json):")
        out += field_docs(defs, table.definition, table.name, schemas_dir)
        out.append("# Example (replace `[]` by records like this):")
        example = textwrap.dedent(EXAMPLES[key]).format(id=sid, date=date or "2025-10-31")
        out += [f"#   {line}" for line in example.splitlines()]
        out.append(f"{key}: []")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------
# The command
# ----------------------------------------------------------------------------------------

def prepare(path: Path, root: Path, source_id: str | None, language: str | None) -> Draft:
    """Everything the draft needs, detected; Refused on any reason not to write it."""
    if not path.is_file():
        raise Refused(f"{path} is not a file")
    problems = Problems(root)
    text = read_article_text(path, problems)
    if text is None:
        raise Refused("\n".join(str(p) for p in problems.items))
    raw = path.read_bytes()
    try:
        layout = Layout.of(text)
    except ValueError as exc:
        raise Refused(f"{path}: {exc}; correct the date in the leading ' date YYYY-MM-DD' line")
    body_text = text[layout.body[0]:layout.body[1]]
    if language is None:
        language, counts = detect_language(body_text)
    else:
        counts = letter_counts(body_text)
    title = detect_title(text, layout.body)

    slug_pattern = re.compile(_slug_pattern(root))
    if source_id is None:
        source_id = derive_id(layout.archive_date, title, body_text)
        if not slug_pattern.match(source_id):
            raise Refused(f"cannot derive an id (got {source_id!r}): give one with ID=... (--id)")
    elif not slug_pattern.match(source_id):
        raise Refused(f"--id {source_id!r} is not a slug: lower-case ASCII letters and digits "
                      "in words joined by single hyphens (e.g. outlet-2025-11-02-short-topic)")
    articles = root / "articles"
    if not articles.is_dir():
        raise Refused(f"{articles} is not a directory: run from the repository root or pass --root")
    for existing in (articles / f"{source_id}.txt", articles / f"{source_id}.yaml"):
        if existing.exists():
            raise Refused(f"{existing} already exists: choose another id with ID=... (--id), "
                          "or remove the old files first")

    entities_path = root / "reference" / "entities.yaml"
    try:
        entities = load_yaml(entities_path)["entities"] if entities_path.exists() else []
    except (YamlError, KeyError, TypeError) as exc:
        raise Refused(f"reference/entities.yaml cannot be read ({exc}); run `make` to see the "
                      "problem")
    matches = find_entities(text, [e for e in entities if isinstance(e, dict) and "id" in e])
    publisher = choose_publisher(matches, layout, input_publishers(articles))

    try:
        detector = load_detector(root / "reference" / "lexicon")
    except LexiconError as exc:
        raise Refused(f"the country lexicon cannot be read: {exc}")
    found = detector.find(text, language)
    in_body = [m for m in found if layout.contains(m.start, m.end)]
    return Draft(source_id, raw, text, language, counts, layout, title, matches,
                 publisher, in_body, len(found) - len(in_body), path.name)


def input_publishers(articles: Path) -> set[str]:
    """source.publisher of the input articles already curated (unreadable files skipped)."""
    publishers = set()
    for path in sorted(articles.glob("*.yaml")):
        try:
            source = load_yaml(path).get("source") or {}
        except (YamlError, AttributeError):
            continue
        if isinstance(source, dict) and isinstance(source.get("publisher"), str):
            publishers.add(source["publisher"])
    return publishers


def _slug_pattern(root: Path) -> str:
    schema = json.loads((root / "schemas" / "curation.schema.json").read_text(encoding="utf-8"))
    return schema["$defs"]["slug"]["pattern"]


def write(draft: Draft, root: Path) -> tuple[Path, Path]:
    """Write articles/<id>.txt (the raw bytes) and articles/<id>.yaml, or neither."""
    yaml_text = render(draft, root)
    _check(yaml_text, draft, root)
    txt = root / "articles" / f"{draft.source_id}.txt"
    yml = root / "articles" / f"{draft.source_id}.yaml"
    created = []
    try:
        with open(txt, "xb") as handle:       # "x": never overwrite
            created.append(txt)
            handle.write(draft.raw)
        if hashlib.sha256(txt.read_bytes()).digest() != hashlib.sha256(draft.raw).digest():
            raise OSError(f"{txt} does not read back byte-identical to the input")
        with open(yml, "x", encoding="utf-8", newline="\n") as handle:
            created.append(yml)
            handle.write(yaml_text)
    except FileExistsError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        raise Refused(f"{exc.filename} already exists: choose another id") from None
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return txt, yml


def _check(yaml_text: str, draft: Draft, root: Path) -> None:
    """The draft loads with the build's strict loader and its source record is valid."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.yaml"
        path.write_text(yaml_text, encoding="utf-8", newline="\n")
        document = load_yaml(path)
    if list(document)[0] != "draft" or document["draft"] is not True:
        raise RuntimeError("the draft does not start with `draft: true`")
    errors = list(curation_validator(root / "schemas", "source").iter_errors(document["source"]))
    if errors:
        raise RuntimeError(f"draft source record is invalid: {errors[0].message}")


def report(draft: Draft, txt: Path, yml: Path, root: Path) -> str:
    rel = Problems(root).relative
    counts: dict[str, int] = {}
    for m in draft.mentions:
        counts[m.country] = counts.get(m.country, 0) + 1
    lines = [
        f"Copied {draft.input_name} to {rel(txt)} unchanged ({len(draft.raw)} bytes, "
        f"sha256 {hashlib.sha256(draft.raw).hexdigest()[:16]}…, checked identical).",
        f"Wrote {rel(yml)}, a DRAFT (`draft: true`: the build refuses it until you delete that line):",
        f"  language        {draft.language} (і ї є ґ: {draft.letter_counts['uk']}, "
        f"ы э ъ ё: {draft.letter_counts['ru']}, in the body)",
        f"  published_date  {draft.archive_date or 'null (no archive date marker)'}"
        + (" (the archive date: check it)" if draft.archive_date else ""),
        f"  title           {draft.title if draft.title else 'null (no headline found)'}",
        f"  publisher       {draft.publisher.id if draft.publisher else UNKNOWN_PUBLISHER + ' (add the outlet to reference/entities.yaml)'}",
        f"  entities        {', '.join(m.id for m in draft.entities) or 'none from reference/entities.yaml'}",
        f"  countries       {', '.join(f'{c} ×{n}' for c, n in sorted(counts.items(), key=lambda kv: -kv[1])) or 'none'}"
        f" (mentions in the body)",
        "Next steps:",
        f"  1. Read {rel(txt)} and check every detected value in {rel(yml)}.",
        "  2. Add missing people, outlets and places to reference/entities.yaml and credited",
        "     reports to reference/sources.yaml.",
        "  3. Fill citations, requests, equipment, events and evidence (each key is explained in",
        "     the file); copy every quote exactly from the .txt.",
        "  4. Delete the `draft: true` line.",
        "  5. Run `make` (it lists any problem with file, line and fix), then `make test`.",
    ]
    if draft.source_id.startswith("draft-"):
        lines.append("  For a final id (outlet-YYYY-MM-DD-topic), rename both files and set source.id "
                     "to match.")
    return "\n".join(lines)


def arguments(argv: list[str] | None):
    """The command line; `--from-environment` (what `make draft` passes) takes the article,
    id, address and publisher from ARTICLE, ID, URL and PUBLISHER instead, so that make
    never pastes them into a shell line."""
    parser = argparse.ArgumentParser(prog="python -m scripts.curator.draft", description=(
        "Copy a raw article into articles/ and write a draft curation file for it."))
    parser.add_argument("path", type=Path, nargs="?", help="the raw article file (UTF-8, \\n line ends)")
    parser.add_argument("--id", dest="source_id", help="source id (a slug); default: derived")
    parser.add_argument("--language", choices=LANGUAGES, help="override language detection")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root")
    parser.add_argument("--from-environment", action="store_true",
                        help="read ARTICLE, ID, URL, PUBLISHER from the environment")
    args = parser.parse_args(argv)
    if args.from_environment:
        article = os.environ.get("ARTICLE", "")
        if not article:
            parser.exit(2, "usage: make draft ARTICLE=path/to/article.txt [ID=slug]\n")
        args.path = Path(article)
        args.source_id = os.environ.get("ID") or None
    elif args.path is None:
        parser.error("the article file is required")
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    try:
        draft = prepare(args.path, args.root, args.source_id, args.language)
        txt, yml = write(draft, args.root)
    except Refused as exc:
        print(f"make draft: refused, nothing written.\n{exc}", file=sys.stderr)
        return 2
    print(report(draft, txt, yml, args.root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
