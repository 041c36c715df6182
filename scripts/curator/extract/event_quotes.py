"""Which words of a sentence quote its event, and which clause after them is more evidence.

    clause(sentence, at, credits)        the event's own words (trigger at token `at`)
    second_claim(sentence, at, speech)   ", а публикацию назвали «вбросом»", "і заявив, що ...", "і пообіцяв ..."
    tail(sentence, at, triggers, kinds)  where a delivery's words end, and a delivery told after
    joined(sentence, at)                 "назвало рішення «...» і заперечило, що ...": the claim before
    speaker_again(tokens, actor)         "Про терміни Парнелл не сказав": the same speaker goes on

Spans are code points of the text; a quote never ends on punctuation but a closing mark.
"""
from __future__ import annotations

from scripts.curator.extract.text import Sentence, Token

AND_WORDS = frozenset({"и", "і", "й", "та"})
THAT_WORDS = frozenset({"что", "що"})
# Words before a credit that opens a sentence, or left at its head once the credit is cut
# ("Как сообщает ...", "WP обратило внимание, что ...").
OPENERS = frozenset({"как", "як", "что", "що", "по", "за"})
# Conjunctions that open a clause of another claim after the event's (", а сотрудничество").
CONTRASTS = frozenset({"а", "но", "але", "однак", "однако", "проте"})
RELATIVE_LEMMAS = frozenset({"который", "який", "котрий"})
_CLOSING = "»\"”)"


def _back(tokens: list[Token], k: int, floor: int) -> int:
    """Token k, or the last before it (not before `floor`) that is a word or a closing mark."""
    while k > floor and tokens[k].kind == "punct" and tokens[k].text not in _CLOSING:
        k -= 1
    return k


def clause(sentence: Sentence, at: int, credits: list[tuple[int, int]]) -> tuple[int, int]:
    """The words of a sentence that report its event (trigger at token `at`): without a
    credit before or after them ("Як нагадує «Арменпрес», ...", "..., йдеться в
    повідомленні агентства"), a lead-in ending in a colon, a contrasting clause after them
    (", а сотрудничество ..."), a contrasting word before them ("Однако") and the closing
    full stop."""
    tokens = sentence.tokens
    first, last = 0, len(tokens) - 1
    for a, b in credits:
        # A credit that opens the sentence ("Як нагадує «Арменпрес», ..."), not one inside
        # it ("Трамп, за даними Bloomberg, спростував"), or one after the event.
        if b < at and all(t.kind == "punct" or t.folded in OPENERS for t in tokens[first:a]):
            first = max(first, b + 1)
        elif a > at:
            last = min(last, a - 1)
    for k in range(first, at):
        if tokens[k].text == ":":
            first = k + 1
    for k in range(at + 1, last):
        if tokens[k].text == "," and tokens[k + 1].folded in CONTRASTS:
            last = k - 1
            break
    cut = first > 0
    while first < last and (tokens[first].kind == "punct" and tokens[first].text not in "«\"„"
                            or cut and tokens[first].folded in OPENERS
                            or tokens[first].folded in CONTRASTS):   # "Однако в среду в Баку прилетел"
        first += 1
    last = _back(tokens, last, first)
    return tokens[first].start, tokens[last].end


def second_claim(sentence: Sentence, at: int, speech) -> tuple[int, int, int] | None:
    """A second claim after the event's words: a contrasting clause (", а ..."), what the
    speaker also said ("і заявив, що ...", a verb of `speech`) or did ("і пообіцяв ухвалити
    рішення", "і заперечило, що ...": a verb in the past), to the sentence end:
    (where the event's words end, the claim's start, its end)."""
    tokens = sentence.tokens
    for k in range(at + 1, len(tokens) - 2):
        first = None
        if tokens[k].text == "," and tokens[k + 1].folded in CONTRASTS:
            first = k + 2
        elif tokens[k].folded in AND_WORDS and speech.first(tokens, k + 1):
            that = next((j for j in range(k + 2, min(k + 5, len(tokens))) if tokens[j].folded in THAT_WORDS), None)
            first = that + 1 if that is not None else None
        elif tokens[k].folded in AND_WORDS and tokens[k + 1].finite_verb and "past" in tokens[k + 1].analysis.grammemes:
            first = k + 1   # "... назвало рішення «...» і заперечило, що ...": the same side did more
        if first is None or first >= len(tokens):
            continue
        last, stop = _back(tokens, len(tokens) - 1, first), _back(tokens, k - 1, at)
        return (tokens[stop].end, tokens[first].start, tokens[last].end) if last > first else None
    return None


def tail(sentence: Sentence, at: int, triggers, kinds: frozenset[str]) -> tuple[int, tuple | None, dict | None]:
    """Where the words of a delivery end: before a dash, a colon or a relative clause after
    its verb ("прибула партія техніки — три радари ...", "отримала ... HIMARS, контракт на
    які ..."); and the clause after that, when it tells a delivery of its own (a trigger of
    one of `kinds`: "..., які суховантаж доставив до порту", "— их Пекин передал армии"),
    as (end, its start, its end) without the relative word, else None; and that delivery's
    trigger data ("передал": a shipment handed over, 072)."""
    tokens = sentence.tokens
    for k in range(at + 1, len(tokens) - 1):
        relative = k + 1 + next((n for n in range(3) if k + 1 + n < len(tokens)
                                 and tokens[k + 1 + n].keys & RELATIVE_LEMMAS), -1)
        if not (tokens[k].text in ":—–" and tokens[k].kind == "punct" or tokens[k].text == "," and relative > k):
            continue
        first = relative + 1 if tokens[k].text == "," and relative == k + 1 else k + 1
        last, stop = _back(tokens, len(tokens) - 1, first), _back(tokens, k - 1, at)
        delivered = next((hit[1].data for j in range(first, last + 1) if (hit := triggers.first(tokens, j))
                          and not tokens[j].infinitive and hit[1].data["event_type"] in kinds), None)
        more = (tokens[stop].end, tokens[first].start, tokens[last].end) if delivered and first <= last else None
        return tokens[stop].end, more, delivered if more else None
    return tokens[-1].end, None, None


def joined(sentence: Sentence, at: int) -> tuple[int, int] | None:
    """The event's verb at token `at` joined by "і / и" to a claim of the same side before it
    ("Посольство назвало рішення «...» і заперечило, що ..."): (where that first claim's words
    end, where the event's verb starts), quoted apart as curators quote them; else None."""
    tokens = sentence.tokens
    if at < 2 or tokens[at - 1].folded not in AND_WORDS or not any(
            t.finite_verb and "past" in t.analysis.grammemes for t in tokens[:at - 1]):
        return None
    stop = _back(tokens, at - 2, 0)
    return tokens[stop].end, tokens[at].start


_SPEAKER_PRONOUNS = frozenset({"он", "она", "они", "він", "вона", "вони"})
_HIS_WORDS = frozenset({"словам", "словами"})   # "По его словам", "За його словами"


def speaker_again(tokens: list[Token], said: str | None) -> bool:
    """A sentence in which the speaker of the event before goes on: it opens with "По его
    словам / За його словами", or names the speaker before its first finite verb: a pronoun,
    or a capitalised word of `said` (the actor's name and the event's words: "Парнелл",
    "Речник")."""
    if any(t.folded in _HIS_WORDS for t in tokens[:4]):
        return True
    stems = {word[:5].casefold() for word in (said or "").split() if len(word) >= 4 and word[:1].isupper()}
    for token in tokens:
        if token.finite_verb:
            return False
        if token.kind == "word" and (token.folded in _SPEAKER_PRONOUNS or token.folded[:5] in stems):
            return True
    return False
