"""The result dictionary: claims merged into requests, credits listed as citations.

A text usually reports one request of a requester to an addressee several times (the
headline, the lede, the paragraph with the details). The claims are merged into one
request per (requester country, addressee country or organisation): the first claim
gives the quote, every claim is kept in `evidence`, the items are pooled (one per
category, action, count and range; an item told without a count or range is the same as
one of its category and action told with them), and the channel is the most specific one any claim
states (channels.yaml `precedence`). A request none of whose claims is military is
dropped: "гуманитарная помощь" or "кредит на строительство школ" is not a military ask.
"""
from __future__ import annotations

from scripts.curator.extract.text import CLOSING_QUOTES, opens_quote


def _span(text: str, tokens, first: int, last: int) -> tuple[str, int, int]:
    """The text of tokens[first..last], with the closing mark of a quotation opened inside it."""
    if last + 1 < len(tokens) and tokens[last + 1].text in CLOSING_QUOTES:
        opened = [k for k in range(first, last + 1) if opens_quote(tokens, k)]
        closed = [k for k in range(first, last + 1) if tokens[k].text in CLOSING_QUOTES and not opens_quote(tokens, k)]
        if len(opened) > len(closed):
            last += 1
    start, end = tokens[first].start, tokens[last].end
    return text[start:end], start, end


def item_entry(text: str, tokens, item) -> dict:
    """An item's words, and `told_end`: where what the sentence says of it ends (its range:
    "шести беспилотников с дальностью полета до 300 км")."""
    quote, start, end = _span(text, tokens, item.first, item.last)
    told = tokens[item.extent].end if item.extent is not None and item.extent > item.last else end
    return {"text": quote, "category": item.category, "sipri_category": item.sipri_category,
            "action": item.action, "action_assumed": item.assumed, "quantity": item.quantity,
            "max_range_km": item.max_range_km, "start": start, "end": end, "told_end": told}


def _vaguer(seen: list[dict], entry: dict, apart: set[int] = frozenset()) -> dict | None:
    """An item told before with the same category and action where one of the two gives no
    count or range that the other gives ("радари" in a headline, "три мобільні
    радіолокаційні станції" in the body): the same item, told more precisely once. An item
    told bare, with no word for its action ("про винищувачі"), is also one the other tells
    with an action ("розмістили ... восьми винищувачів"). Among several, the one told with
    the same action, then with a word of the same stem, then the first. Items whose id is in
    `apart` are not candidates."""
    def bare(item: dict) -> bool:   # an action assumed, no count (or one), no range: "про винищувачі", "о корабле"
        return item.get("action_assumed") and item["quantity"] in (None, 1) and item["max_range_km"] is None

    def fits(told: dict) -> bool:
        if id(told) in apart or told["category"] != entry["category"] or not (
                told["action"] == entry["action"] or bare(told) or bare(entry)):
            return False
        quantity, max_range = told["quantity"], told["max_range_km"]
        return quantity in (None, entry["quantity"]) and max_range in (None, entry["max_range_km"]) or \
            entry["quantity"] in (None, quantity) and entry["max_range_km"] in (None, max_range)

    stems = _stems(entry["text"])
    found = [told for told in seen if fits(told)]
    return max(found, key=lambda told: (told["action"] == entry["action"], bool(stems & _stems(told["text"]))),
               default=None)


def _stems(text: str) -> set[str]:
    """The first five letters of each longer word ("винищувачі", "винищувачів": "винищ")."""
    return {word[:5].casefold() for word in text.split() if len(word) > 5}


def merge_claims(text: str, claims, precedence: list[str]) -> list[dict]:
    groups: dict[tuple, list] = {}
    for claim, sentence, attributed in claims:
        if claim.requester is None:
            continue
        key = (claim.requester, claim.addressee_country, claim.addressee_organisation)
        groups.setdefault(key, []).append((claim, sentence, attributed))
    requests = []
    for (requester, country, organisation), members in groups.items():
        if not any(claim.military for claim, _, _ in members):
            continue
        evidence, items, seen = [], [], []
        points: set[int] = set()   # items told on a line of a list: each line is another point
        for claim, sentence, attributed in members:
            quote, start, end = _span(text, sentence.tokens, claim.first, claim.last)
            evidence.append({"quote": quote, "start": start, "end": end, "channel": claim.channel,
                             "attributed_to": attributed, "requester_name": claim.requester_name,
                             "addressee_name": claim.addressee_name, "trigger": claim.trigger,
                             "addressee_named": claim.addressee_named})
            # An item told again in another sentence (same category, action, count and range)
            # is the same item, and that sentence's words for it are one more of its
            # `mentions`; items of one sentence are all kept.
            added = []
            for item in claim.items:
                entry = item_entry(text, sentence.tokens, item)
                key = (entry["category"], entry["action"], entry["quantity"], entry["max_range_km"])
                apart = points if claim.trigger == "list" else set()
                told = next((t for t in seen if id(t) not in apart and key == (
                    t["category"], t["action"], t["quantity"], t["max_range_km"])), None)
                told = told or _vaguer(seen, entry, apart)
                if told is not None:
                    if claim.trigger == "list":
                        points.add(id(told))
                    told["mentions"].append({k: entry[k] for k in ("text", "start", "end", "told_end")})
                    for detail in ("quantity", "max_range_km"):
                        told[detail] = told[detail] if told[detail] is not None else entry[detail]
                    if told["action_assumed"] and not entry["action_assumed"]:
                        told["action"], told["action_assumed"] = entry["action"], False
                    continue
                entry["mentions"] = [{k: entry[k] for k in ("text", "start", "end", "told_end")}]
                added.append(entry)
                items.append(entry)
                if claim.trigger == "list":
                    points.add(id(entry))
            seen += added
        channels = [claim.channel for claim, _, _ in members]
        first = members[0][0]
        requests.append({
            "requester_name": first.requester_name, "requester_country": requester,
            "addressee_name": next((c.addressee_name for c, _, _ in members if c.addressee_name), None),
            "addressee_country": country, "addressee_organisation": organisation,
            "channel": min(channels, key=lambda c: precedence.index(c) if c in precedence else len(precedence)),
            "quote": evidence[0]["quote"], "start": evidence[0]["start"], "end": evidence[0]["end"],
            "attributed_to": evidence[0]["attributed_to"], "items": items, "evidence": evidence,
        })
    return requests


def list_citations(text: str, sentences, found_credits, requests) -> list[dict]:
    """Named credits, once per (name, via); a person of the requesting state speaking about
    its own request ("сообщил в парламенте Никол Пашинян") is not a citation."""
    own = {r["requester_country"] for r in requests}
    result, seen = [], set()
    for sentence, credits in zip(sentences, found_credits):
        for credit in credits.credits:
            if not credit.name or credit.kind in ("anonymous", "anaphor", "hedge"):
                continue
            if credit.kind == "person" and credit.country in own:
                continue
            key = (credit.name.casefold(), (credit.via or "").casefold())
            if key in seen:
                continue
            seen.add(key)
            quote, start, end = _span(text, sentence.tokens, credit.first, credit.last)
            result.append({"cited_name": credit.name, "quote": quote, "start": start, "end": end,
                           "via": credit.via, "kind": credit.kind})
    return result
