"""The draft curation file as YAML text: detected values, explained keys, examples."""
from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from scripts import registry, schemas
from scripts.body import Layout
from scripts.curator.draft.detect import UNKNOWN_PUBLISHER, EntityMatch, Hit
from scripts.curator.draft.facts import Proposals
from scripts.curator.language import RUSSIAN_ONLY, UKRAINIAN_ONLY

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

# Characters written as-is inside a double-quoted YAML scalar or a comment: printable,
# and not one PyYAML reads as a line break (\x85, \u2028, \u2029).
_UNSAFE_RE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
WIDTH = 92



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
    proposals: Proposals = field(default_factory=Proposals)
    publisher_id: str | None = None     # PUBLISHER= given by the curator
    url: str | None = None              # URL= given by the curator

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
    if draft.publisher_id:
        out += comment("publisher: given with PUBLISHER= (--publisher).", "  ")
        out.append(f"  publisher: {draft.publisher_id}")
    elif draft.publisher:
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
        credited = [m.id for m in draft.entities if m.entity.get("type") == "media_outlet"]
        out += comment("publisher: no media outlet from reference/entities.yaml is named outside "
                       "the article body" + (f" (named in the body, so probably credited: "
                                              f"{', '.join(credited)})" if credited else "")
                       + ". Add the outlet to reference/entities.yaml (type media_outlet, "
                       "name_en, name_ru / name_uk, country) and put its id here, or pass "
                       "PUBLISHER=id to make draft.", "  ")
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
    if draft.url:
        out.append(f"  url: {yaml_string(draft.url)}  # given with URL=")
    else:
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
        out.append("# Example (a record looks like this):")
        example = textwrap.dedent(EXAMPLES[key]).format(id=sid, date=date or "2025-10-31")
        out += [f"#   {line}" for line in example.splitlines()]
        records = draft.proposals.sections.get(key, [])
        if records:
            out += comment(f"Proposed by the extractor ({len(records)}): accept, edit or delete "
                           "each record; DRAFT text must be rewritten in your words.")
            out.append(f"{key}:")
            out += records_yaml(records)
        else:
            out.append(f"{key}: []")
    for kind, records in draft.proposals.to_add.items():
        out += ["", "# " + "-" * (WIDTH - 2)]
        out += comment(f"Not yet in reference/{kind}.yaml: the records above use these ids. Check "
                       f"each, complete it (names in en/ru/uk, country, role) and add it to "
                       f"reference/{kind}.yaml, or change the ids above to existing ones.")
        out += ["# " + line for line in records_yaml(records)]
    return "\n".join(out) + "\n"


def yaml_value(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return yaml_string(str(value))


def records_yaml(records: list[dict]) -> list[str]:
    """A YAML block list of flat records, every string double-quoted (never misread)."""
    lines = []
    for record in records:
        for n, (key, value) in enumerate(record.items()):
            lines.append(f"{'  - ' if n == 0 else '    '}{key}: {yaml_value(value)}")
        lines.append("")
    return lines[:-1]


