"""Propose the facts a curator would type: requests for military help, the items asked
for, the sources credited, and the people named with their office.

    from scripts.curator.extract import extract, Extractor
    result = extract(text)                       # language from the letters if not given
    result = Extractor(root).extract(text, "uk")

Rule-based and explainable: every rule reads pymorphy3 lemmas and grammatical cases and
the curated word lists in reference/extraction/ (checked on load, see lexicon.py);
countries come from the project's country-mention detector (scripts.mentions), people
from reference/entities.yaml and reference/extraction/people.yaml. Only the article
body is read (scripts.body: no page chrome, no photo captions). Every proposal carries
`quote`, `start` and `end` with `text[start:end] == quote`, in code points of the text
given. Modules, one job each:

    text.py         sentences, tokens, pymorphy3 analyses
    lexicon.py      the YAML lexicons: loading, checking, phrase matching
    numerals.py     counts written in digits or words
    parties.py      state actors: countries, institutions, organisations, office holders
    citations.py    credits and citation chains
    attribution.py  which source each sentence's claims are credited to
    items.py        items asked for: their phrase, category and SIPRI category
    item_words.py   how the words around an item's head read
    details.py      an item's count, range and action
    models.py       model names and codes of equipment
    requests.py     requests: triggers, claims, channel, military check
    roles.py        who asks and who is asked
    clauses.py      how far a request reaches, and what cancels it
    output.py       the result: requests merged per pair, citations listed
    people.py       people with their role and country
    events.py       other facts: denials, arrivals, shipments, agreements, deployments
    event_quotes.py which words quote an event, and the clause after them
    __main__.py     the command line

Result (JSON-serialisable): {"language", "requests": [{requester_name, requester_country,
addressee_name, addressee_country, addressee_organisation, channel, quote, start, end,
attributed_to, items: [{text, category, sipri_category, action, action_assumed, quantity, max_range_km,
start, end, mentions: [{text, start, end}]}], evidence: [{quote, start, end, channel,
attributed_to, requester_name, addressee_name, trigger, addressee_named}]}], "citations":
[{cited_name, quote, start, end, via, kind}], "people": [{name, role, country, quote,
start, end}], "events": [{event_type, cameo_code, claim_status, actor_name, actor_country,
target_name, target_country, place_name, place_country, quote, start, end, attributed_to,
items, evidence: [{quote, start, end, attributed_to}]}],
"sentences": [{start, end, attributed_to}]}. One request per (requester, addressee);
`evidence` lists every sentence reporting it, `quote` is the first; `sentences` says
which source each sentence of the body is credited to.
"""
from __future__ import annotations

from pathlib import Path

from scripts.body import Layout
from scripts.curator.extract.attribution import attribute
from scripts.curator.extract.citations import CreditFinder
from scripts.curator.extract.events import EventFinder
from scripts.curator.extract.items import ItemFinder
from scripts.curator.extract.lexicon import LANGUAGES, Lexicon, LexiconError
from scripts.curator.extract.numerals import Numerals
from scripts.curator.extract.output import list_citations, merge_claims
from scripts.curator.extract.parties import PartyFinder, People
from scripts.curator.extract.people import PeopleFinder
from scripts.curator.extract.requests import Memory, RequestFinder
from scripts.curator.extract.text import Morph, split
from scripts.curator.language import letter_counts
from scripts.mentions import load_detector
from scripts.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[3]

__all__ = ["Extractor", "LexiconError", "detect_language", "extract", "extractor"]


def detect_language(text: str) -> str:
    """"uk" when letters only Ukrainian has (і ї є ґ) outnumber those only Russian has
    (ы э ъ ё), else "ru" (also for a text with neither)."""
    counts = letter_counts(text)
    return "uk" if counts["uk"] > counts["ru"] else "ru"


class _Language:
    """The rules for one language, built once."""

    def __init__(self, lexicon: Lexicon, language: str, entities: list[dict]):
        self.morph = lexicon.morphs[language]
        self.numerals = Numerals(lexicon, language)
        self.items = ItemFinder(lexicon, language, self.numerals)
        self.parties = PartyFinder(lexicon, language, People(lexicon, entities, language))
        outlets = [e[f"name_{k}"] for e in entities if e.get("type") == "media_outlet"
                   for k in ("en", "ru", "uk") if e.get(f"name_{k}")]
        self.credits = CreditFinder(lexicon, language, outlets)
        self.requests = RequestFinder(lexicon, language, self.items)
        self.people = PeopleFinder(lexicon, language)
        self.events = EventFinder(lexicon, language, self.items)


class Extractor:
    """Loads the lexicons, the pymorphy3 analysers and the mention detector once."""

    def __init__(self, root: Path = ROOT):
        self.root = Path(root)
        morphs = {language: Morph(language) for language in LANGUAGES}
        self.lexicon = Lexicon(self.root, morphs)
        entities_path = self.root / "reference" / "entities.yaml"
        self.entities = list(load_yaml(entities_path).get("entities") or []) if entities_path.is_file() else []
        self.detector = load_detector(self.root / "reference" / "lexicon", self.root / ".cache")
        self._languages: dict[str, _Language] = {}
        self._rechecked: dict[tuple[str, str], str | None] = {}

    def _country(self, word: str, language: str) -> str | None:
        """The country the detector finds for `word` when it is not the first word of a sentence."""
        key = (word, language)
        if key not in self._rechecked:
            found = [m for m in self.detector.find("и " + word, language) if m.text == word and m.kind != "adjective"]
            self._rechecked[key] = found[0].country if found else None
        return self._rechecked[key]

    def rules(self, language: str) -> _Language:
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
        if language not in self._languages:
            self._languages[language] = _Language(self.lexicon, language, self.entities)
        return self._languages[language]

    def extract(self, text: str, language: str | None = None) -> dict:
        try:
            spans = Layout.of(text).spans
        except ValueError:  # a malformed archive date marker: read the whole text
            spans = ((0, len(text)),)
        if language is None:
            language = detect_language("".join(text[a:b] for a, b in spans))
        rules = self.rules(language)
        sentences = split(text, spans, rules.morph)
        mentions = [m for m in self.detector.find(text, language)
                    if any(a <= m.start and m.end <= b for a, b in spans)]
        found_credits = [rules.credits.find(s, rules.requests.is_trigger) for s in sentences]
        _credit_countries(rules, sentences, found_credits, mentions)
        attributions = attribute(found_credits, sentences)
        memory = Memory()
        claims, people, speaking = [], [], []
        for sentence, credits in zip(sentences, found_credits):
            inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
            recheck = lambda word: self._country(word, language)  # noqa: E731
            parties = rules.parties.find(sentence, inside, credits.masked, recheck)
            # The speaker after a quotation ("«...», — заявил Зеленский") is masked as a credit,
            # but says who "мы" in the quotation is.
            speakers = rules.parties.find(sentence, inside, set(), recheck) if credits.masked else parties
            speaking.append((speakers, inside))
            adjectives = _mention_tokens(sentence, [m for m in inside if m.kind == "adjective"])
            for claim in rules.requests.claims(sentence, parties, credits.masked, memory, speakers, adjectives):
                claims.append((claim, sentence, attributions[sentence.index]))
            people += rules.people.find(text, sentence, parties, _mention_tokens(sentence, inside))
        requests = merge_claims(text, claims, rules.requests.channels.precedence)
        citations = list_citations(text, sentences, found_credits, requests)
        # Sentences that report a request (one the output keeps) are not events.
        reported = {(e["start"], e["end"]) for r in requests for e in r["evidence"]}
        requested = {s.index for c, s, _ in claims if any(s.start <= a < s.end for a, _ in reported)}
        events = rules.events.find(text, sentences, speaking, requested,
                                   [attributions[k] if _credits_itself(credits) else None
                                    for k, credits in enumerate(found_credits)],
                                   [[(c.first, c.last) for c in credits.credits] for credits in found_credits],
                                   {r["addressee_country"] or r["addressee_organisation"] for r in requests},
                                   {r["requester_country"] for r in requests})
        credited = [{"start": s.start, "end": s.end, "attributed_to": attributions[s.index]} for s in sentences]
        return {"language": language, "requests": requests, "citations": citations,
                "people": _unique(people), "events": events, "sentences": credited}


def _credit_countries(rules: _Language, sentences, found_credits, mentions) -> None:
    """Whose side a credited person or body speaks for: a known person's country, else the
    first country word of the credit ("министр обороны Сербии Милош Вучевич")."""
    for sentence, credits in zip(sentences, found_credits):
        for credit in credits.credits:
            if credit.kind in ("person", "body", "outlet") and credit.name_span is not None:
                person = rules.parties.people.match(sentence.tokens, credit.name_span[0])
                if credit.kind == "outlet":   # a surname alone ("— заявил Зеленский") is a person
                    if person is None:
                        continue
                    credit.kind = "person"
                start, end = sentence.tokens[credit.first].start, sentence.tokens[credit.last].end
                inside = [m.country for m in mentions if start <= m.start and m.end <= end]
                credit.country = person[1].get("country") if person else (inside[0] if inside else None)


def _credits_itself(credits) -> bool:
    """Whether a sentence names its source itself ("повідомляє Bloomberg", "за даними
    агентства"), rather than carrying over the credit of the sentences before it."""
    return any((c.name or c.kind == "anaphor") and not c.chained and c.kind != "anonymous"
               for c in credits.credits)


def _mention_tokens(sentence, mentions) -> dict[int, str]:
    starts = {t.start: t.index for t in sentence.tokens}
    return {starts[m.start]: m.country for m in mentions if m.start in starts}


def _unique(people: list[dict]) -> list[dict]:
    """One entry per person: a known person once (the mention with a role first), others by name."""
    best: dict[str, dict] = {}
    for person in people:
        key = person.pop("identity") or person["name"].casefold()
        if key not in best or (best[key]["role"] is None and person["role"] is not None):
            best[key] = person
    return sorted(best.values(), key=lambda p: p["start"])


_CACHED: dict[Path, Extractor] = {}


def extractor(root: Path = ROOT) -> Extractor:
    """The Extractor of a repository, built once per root (its lexicons and analysers are
    also what `make draft` reads words with: scripts/curator/draft/spans.py)."""
    key = Path(root).resolve()
    if key not in _CACHED:
        _CACHED[key] = Extractor(key)
    return _CACHED[key]


def extract(text: str, language: str | None = None, root: Path = ROOT) -> dict:
    """Proposals for one text (see the module docstring); the Extractor is cached per root."""
    return extractor(root).extract(text, language)
