"""Clauses: how far a request reaches in its sentence, and what cancels it.

The clause of a trigger ends at the sentence end, a colon or semicolon, a dash, a credit
(masked), a conjunction that opens a new clause (requests.yaml `breaks`: "однако",
"поскольку", "после того как"), a purpose clause ("чтобы противостоять ..."; but
"просил, чтобы ..." right after the trigger or the one asked, "попросила Францію, щоб
...", states the ask), a gapped clause (", а Берлин — ..."), ", а" before another ask
(", а у Владимира Путина просил ...": a request of its own) or a comma before another
finite verb (", и уже через сутки ... начали прибывать"). A relative clause after an
item ("ракеты, которые поражают цели на расстоянии до 300 км", "ракеты, дальность
которых составляет 300 км") still belongs to it.

A trigger is cancelled (requests.yaml) by a negation right before it ("не получали
обращений"), a hypothetical or future word shortly before it ("в случае эскалации ...
обратиться", "может попросить"), a denial before it in the same clause, or an ask to stop
("прекратить поставки", "не поставлять").
"""
from __future__ import annotations

from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.text import Token, abbreviation_dot

_RELATIVE = frozenset({"который", "який"})
_GAP_CONJUNCTIONS = frozenset({"а"})
_DASHES = frozenset("—–-")
_NEGATION_WINDOW = 3
_HYPOTHETICAL_WINDOW = 6


def _asked_only(tokens: list[Token], trigger: int, k: int) -> bool:
    """Nothing but the one asked (a name or a pronoun) between a trigger and token k: "просил,
    чтобы ...", "попросила Францію, щоб ..." state the ask itself."""
    between = tokens[trigger + 1:k]
    return len(between) <= 4 and all(t.text == "," or (t.kind == "word" and (t.capitalised or t.first_is("NPRO")))
                                     for t in between)


class Clauses:
    def __init__(self, lexicon: Lexicon, language: str, is_trigger):
        index = lambda name: lexicon.index("requests.yaml", name, language)  # noqa: E731
        for name in ("needs", "tellers", "negation", "hypothetical", "stop", "denial", "breaks", "purpose"):
            setattr(self, name, index(name))
        self.actions = lexicon.index("actions.yaml", "cues", language)
        self.is_trigger = is_trigger

    def teller_before(self, tokens: list[Token], need: int, masked: set[int]) -> int | None:
        """A verb of telling before a need, with "что / що" between them."""
        conjunction = False
        for k in range(need - 1, -1, -1):
            if tokens[k].folded in ("что", "що"):
                conjunction = True
            elif conjunction and k not in masked and self.tellers.first(tokens, k) \
                    and tokens[k].first_is("VERB", "GRND"):
                return k
        return None

    def blocked(self, tokens: list[Token], first: int, last: int, masked: set[int]) -> bool:
        for k in range(max(0, first - _NEGATION_WINDOW), first):
            if self.negation.first(tokens, k):
                return True
        for k in range(max(0, first - _HYPOTHETICAL_WINDOW), first):
            if self.hypothetical.first(tokens, k):
                return True
        # A denial counts even as a credit's verb: "Министр спростував повідомлення про те, що
        # Єрусалим нібито просив ..." denies the request it reports; not past a new clause
        # ("Ташкент опроверг покупку ..., но попросил Дели о ПВО" asks all the same).
        denied = [k for k in range(first) if self.denial.first(tokens, k) and tokens[k].first_is("VERB", "GRND")]
        if denied and not any(self.breaks.first(tokens, k) for k in range(denied[-1] + 1, first)):
            return True
        infinitive = next((k for k in range(last + 1, min(len(tokens), last + 5)) if tokens[k].infinitive), None)
        if infinitive is None:
            return False
        # "призвала Иран прекратить поставки", "попросил не поставлять": not a request for
        # help; "призвал не затягивать с решением" still is.
        return self.stop.first(tokens, infinitive) is not None or (
            tokens[infinitive - 1].folded in ("не", "ні") and self.actions.first(tokens, infinitive) is not None)

    def end(self, tokens: list[Token], start: int, masked: set[int], trigger: int) -> int:
        """Index of the last token of the clause a request (or need) at `start` reaches."""
        k = start + 1
        while k < len(tokens):
            token = tokens[k]
            if token.text == ":" and _asked_only(tokens, trigger, k) and k == start + 1:
                k += 1   # "Пномпень просит: дюжину систем ...": the list after the colon is asked
                continue
            if k in masked or (token.text in ";:.!?…" and not abbreviation_dot(tokens, k)):
                return k - 1
            if token.text in _DASHES and token.kind == "punct" and not (
                    k + 1 < len(tokens) and (tokens[k + 1].folded in ("это", "це") or tokens[k + 1].kind == "number")):
                # but "бригаду — це 4,5 тисячі військових", "батальон — 850 военных" say more of it,
                # and after an aside between dashes the clause goes on ("ракети — їхньої кількості
                # він не назвав — і навчити тридцять артилеристів")
                closing = self._aside_end(tokens, k, masked)
                if closing is None:
                    return k - 1
                k = closing + 1
                continue
            if self.breaks.first(tokens, k) and k > start + 1:
                return k - 1
            if self.purpose.first(tokens, k) and not _asked_only(tokens, trigger, k) \
                    and not (k == start + 2 and tokens[start + 1].text == ",") and not self._wanted(tokens, k):
                return k - 1
            if token.text == "," and not ((_asked_only(tokens, trigger, k) or self._wanted(tokens, k + 1))
                                          and k + 1 < len(tokens) and self.purpose.first(tokens, k + 1)) \
                    and self._new_clause(tokens, k, masked):
                return k - 1
            k += 1
        return len(tokens) - 1

    @staticmethod
    def _aside_end(tokens: list[Token], dash: int, masked: set[int]) -> int | None:
        """The dash closing an aside opened by the dash at `dash`, followed by "и / і / й / та"
        (the clause goes on), or None."""
        for k in range(dash + 1, len(tokens)):
            if k in masked or (tokens[k].text in ";:.!?…" and not abbreviation_dot(tokens, k)):
                return None
            if tokens[k].text in _DASHES and tokens[k].kind == "punct":
                following = tokens[k + 1].folded if k + 1 < len(tokens) else ""
                return k if following in ("и", "і", "й", "та") else None
        return None

    def _wanted(self, tokens: list[Token], k: int) -> bool:
        """The purpose clause at k says what is wanted: "і хоче, щоб інструктори навчили ..."."""
        j = k - 1 if k > 0 and tokens[k - 1].text == "," else k
        return j > 0 and bool(self.needs.first(tokens, j - 1))

    def _new_clause(self, tokens: list[Token], comma: int, masked: set[int]) -> bool:
        k = comma + 1
        if k >= len(tokens):   # a comma that ends the text ("с просьбой ,")
            return False
        # "ракеты, которые ...", "ракеты ATACMS, дальность которых составляет 300 км"
        if any(tokens[j].kind == "word" and not tokens[j].keys.isdisjoint(_RELATIVE)
               for j in range(k, min(k + 2, len(tokens)))):
            return False
        if self.gapping(tokens, comma) is not None:
            return True
        if tokens[k].folded in _GAP_CONJUNCTIONS:   # ", а у Владимира Путина просил": another ask
            j = k + 1
            while j < len(tokens) and tokens[j].text not in ",;.!?…" and j not in masked:
                if self.is_trigger(tokens, j):
                    return True
                j += 1
        while k < len(tokens) and tokens[k].text not in ",;.!?…" and k not in masked:
            if tokens[k].finite_verb and not self.is_trigger(tokens, k) and not self.needs.first(tokens, k):
                return True
            k += 1
        return False

    def gapping(self, tokens: list[Token], comma: int) -> int | None:
        """", а Берлин — ракет ...": index of the token after the dash, if this is such a clause."""
        k = comma + 1
        if k + 2 < len(tokens) and tokens[k].folded in _GAP_CONJUNCTIONS:
            for j in range(k + 2, min(len(tokens), k + 6)):
                if tokens[j].text in _DASHES:
                    return j + 1
                if tokens[j].text in ",;.":
                    return None
        return None


# What opens a line of a list: a dash or bullet, or "1)" / "1.".
_BULLETS = frozenset("-–—•*·")


def list_line(tokens: list[Token]) -> bool:
    """Whether a sentence is a line of a list: "- ...", "• ...", "1) ...", "2. ..."."""
    return len(tokens) > 1 and (tokens[0].text in _BULLETS or (
        tokens[0].kind == "number" and tokens[1].text in ").") and tokens[0].text.isdigit())


def with_name(tokens: list[Token], last: int, masked: set[int]) -> int:
    """The end of a party with the name right after its office ("з міністром оборони Японії
    Сіндзіро Коїдзумі"): a quote does not stop between the two."""
    k = last
    while k + 1 < len(tokens) and k + 1 not in masked and k - last < 3 and tokens[k + 1].kind == "word" \
            and tokens[k + 1].capitalised and not tokens[k + 1].latin:
        k += 1
    return k
