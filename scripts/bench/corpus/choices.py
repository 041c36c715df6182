"""What an article draws: its seed, countries, people, numbers and sentences."""
from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from scripts.bench.corpus.analysis import Analyser
from scripts.bench.corpus.entities import Entities
from scripts.bench.corpus.seeds import Seed
from scripts.bench.corpus.words import ATTEMPTS, POOL, RANGES_KM, VARIANTS


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


def fact_countries(table: str, record: dict, entity_country: dict) -> list[str | None]:
    """The countries of a fact that the build wants mentioned (registry.involved_countries):
    a request's requester and addressee, an event's place, an item's supplier and recipient."""
    if table == "requests":
        return [entity_country.get(record.get("requester")), entity_country.get(record.get("addressee"))]
    if table == "events":
        return [entity_country.get(record.get("place"))]
    return [record.get("supplier_country"), record.get("recipient_country")]


def citation_paths(seed: Seed) -> dict[str, set[int]]:
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
            found |= {c for c in fact_countries(table, record, {}) if c}
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
        days = [seed.date.replace(day=d) for d in range(2, 32) if valid_day(seed.date, d)]
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


def valid_day(date: datetime.date, day: int) -> bool:
    try:
        date.replace(day=day)
    except ValueError:
        return False
    return True
