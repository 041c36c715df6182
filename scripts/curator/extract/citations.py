"""Credits: who an article says it has its facts from, and which claims each credit covers.

Four shapes of credit (cue words in reference/extraction/credits.yaml):
* a reporting verb with the source after it ("сообщает РБК-Украина", "пишет газета The
  Times", "заявил координатор СНБ США Джон Кирби", "як стверджує південнокорейська
  розвідка") or, for an outlet, before it ("WP обратило внимание", "«Коментарі» писали");
* a prefix phrase with the source after it ("по данным Bloomberg", "за даними агентства
  EFE", "согласно документам");
* a chain, "X со ссылкой на Y" / "X, посилаючись на Y": Y is credited via X;
* a report noun after "в / у" with the source after it ("говорится в сообщении
  агентства", "йдеться в повідомленні Міноборони").
An outlet stands before its verb over a particle ("El País также сообщает"; "Ранее The
Washington Post писала" keeps the adverb), and a quoted name keeps its quotation marks
in every quote («Європейська правда»). A verb followed by a listener in the dative
("сообщил иранскому чиновнику, что ...", "заявил «Тестовой ленте»") is telling, not
crediting. Unnamed sources and documents ("источники", "внутренние
документы", "как сообщил источник") are credits without a citation (their clause is
no request's channel); documents with an owner ("документы
правительства США", "документы венесуэльского министерства обороны") are reported with
kind "documents"; the sources of an outlet word ("источники газеты") are the outlet
cited last.

Which claims each credit covers is attribution.py's job.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scripts.curator.extract.credit_names import (MAX_NAME, capitalised_run, institution, is_person,
                                                  trailing_person)
from scripts.curator.extract.lexicon import AnyOf, Lexicon
from scripts.curator.extract.posts import post_credit
from scripts.curator.extract.text import CLOSING_QUOTES, Sentence, Token, closing_quote, opens_quote, phrase

_ADJECTIVES = 3   # adjectives before an outlet's descriptor
_BOUNDARIES = frozenset(",;:()—–")
_NAME_PREPS = frozenset("в во у на при".split())   # "сообщил в парламенте Никол Пашинян"
_QUOTED = frozenset({"его", "её", "ее", "их", "його", "її", "їх"})   # "цитирует его «Интерфакс»"


@dataclass
class Credit:
    sentence: int
    first: int                 # token span of the whole credit (cue and name)
    last: int
    kind: str                  # outlet, person, body, documents, post, anonymous, anaphor, hedge
    name: str | None = None
    name_span: tuple[int, int] | None = None
    via: str | None = None
    chained: bool = False      # the Y of "X со ссылкой на Y"
    country: str | None = None  # a credited office holder's country, when known
    via_anaphor: bool = False   # X of the chain is "издание": the outlet cited last
    recall: bool = False        # "как напоминает X", "в эфире X": for its paragraph only


@dataclass
class SentenceCredits:
    credits: list[Credit] = field(default_factory=list)
    masked: set[int] = field(default_factory=set)
    retro: bool = False


class CreditFinder:
    def __init__(self, lexicon: Lexicon, language: str, outlets: list[str]):
        index = lambda name: lexicon.index("credits.yaml", name, language)  # noqa: E731
        self.verbs, self.prefixes, self.chains = index("verbs"), index("prefixes"), index("chains")
        self.descriptors, self.anonymous = index("descriptors"), index("anonymous")
        # Offices credited by role ("заявил министр обороны Сербии Милош Вучевич") count as bodies.
        self.bodies = AnyOf(index("bodies"), lexicon.index("actors.yaml", "roles", language))
        self.hedges, self.retro, self.reports = index("hedges"), index("retro"), index("reports")
        self.platforms = index("platforms")
        self.outlets = {o.casefold() for o in outlets}

    # -- one sentence ---------------------------------------------------------

    def find(self, sentence: Sentence, is_trigger) -> SentenceCredits:
        tokens = sentence.tokens
        result = SentenceCredits(retro=bool(tokens) and self.retro.first(tokens, 0) is not None)
        chain_cues = []
        for i, token in enumerate(tokens):
            if found := self.chains.first(tokens, i):
                chain_cues.append((i, found[0]))
        for i, token in enumerate(tokens):
            if (found := self.verbs.first(tokens, i)) and (token.first_is("VERB", "GRND") and not token.infinitive):
                credit = self._verb_credit(sentence, i, found[0], chain_cues)
                if credit is not None:
                    credit.recall = bool(found[1].data.get("recall"))
            elif found := self.prefixes.first(tokens, i):
                name = self._name_after(tokens, i + found[0])
                credit = self._credit(sentence, i, i + found[0] - 1, name)
            elif (found := self.hedges.first(tokens, i)) and token.first_is("VERB"):
                credit = Credit(sentence.index, i, i + found[0] - 1, "hedge")
            elif (post := post_credit(tokens, i, self.platforms)) is not None:
                first, last, (a, b) = post   # "пояснив у Facebook": the poster's post, that paragraph
                credit = Credit(sentence.index, first, last, "post", _text(sentence, a, b), (a, b), recall=True)
            elif (report := self._report(tokens, i)) is not None:
                credit = self._credit(sentence, *report[:3])
                if credit is not None:   # "в ефірі RMF FM пояснив": words said there, that paragraph
                    credit.recall = report[3]
            else:
                continue
            if credit is not None:
                result.credits.append(credit)
        for start, n in chain_cues:
            target = self._name_after(tokens, start + n)
            if target is None:
                continue
            credit = self._credit(sentence, start, start + n - 1, target)
            credit.chained = True
            source = _source_of_chain(result.credits, start)
            credit.via = source.name if source is not None else None
            credit.via_anaphor = source is not None and source.kind == "anaphor"
            if source is not None:   # from X's name, with its opening mark («Європейська правда»)
                a = source.name_span[0] - _quoted(tokens, *source.name_span) if source.name_span else source.first
                credit.first = min(a, start)
            result.credits.append(credit)
        for credit in result.credits:
            result.masked |= _clause(tokens, credit.first, credit.last, is_trigger)
        result.credits.sort(key=lambda c: c.first)
        return result

    def _verb_credit(self, sentence: Sentence, i: int, n: int, chain_cues) -> Credit | None:
        tokens = sentence.tokens
        after = i + n
        told = after
        while told < len(tokens) and tokens[told].latin:
            told += 1
        if told > after and told < len(tokens) and self.anonymous.first(tokens, told) \
                and tokens[told].analysis is not None and "nomn" in tokens[told].analysis.cases:
            return None   # "рассказал Testwire источник": an unnamed source told the outlet
        if _listener(tokens, after):
            # "сообщил иранскому чиновнику": telling someone, not crediting; but telling an outlet
            # named by its kind ("сказал агентству AFP") credits that outlet
            name = self._name_after(tokens, after) if self._descriptor_at(tokens, after) else None
            return self._credit(sentence, i, after - 1, name) if name and name[2] == "outlet" else None
        if after + 1 < len(tokens) and tokens[after].folded in _QUOTED:
            after += 1   # "цитує його «Інтерфакс»": the one quoted, then who quotes
        if after < len(tokens) and post_credit(tokens, after, self.platforms) is not None:
            return None   # "написал в Facebook": the poster's post, not an outlet
        name = self._name_after(tokens, after)
        if name is not None and name[2] != "anonymous":
            return self._credit(sentence, i, after - 1, name)
        j = i - 1   # "El País также сообщает", "WP теж пише"
        while j >= 0 and tokens[j].first_is("ADVB", "PRCL") and tokens[j].text.islower():
            j -= 1
        for start, length in chain_cues:  # "Издание со ссылкой на ... пишет": look before the chain
            target = self._name_after(tokens, start + length)
            if (target is not None and target[1] == j) or _unnamed(tokens[start + length:j + 1]):
                j = start - 1   # also "з посиланням на два джерела в уряді пише"
        before = self._name_before(tokens, j)
        if before is not None:   # "Ранее The Washington Post писала": the adverb opens the credit
            credit = self._credit(sentence, i, i + n - 1, before)
            if credit.first == 1 and tokens[0].first_is("ADVB"):
                credit.first = 0
            return credit
        if name is not None:   # "Как сообщил источник, ...": credited to nobody, but still a credit
            return self._credit(sentence, i, after - 1, name)
        return None

    def _credit(self, sentence: Sentence, first: int, last: int, name) -> Credit:
        if name is None:
            return Credit(sentence.index, first, last, "anonymous")
        a, b, kind = name
        text = _text(sentence, a, b)
        tokens = sentence.tokens
        quoted = _quoted(tokens, a, b)   # the quote keeps a quoted name's marks
        return Credit(sentence.index, min(first, a - quoted), max(last, b + quoted), kind,
                      None if kind in ("anonymous", "anaphor") else text, (a, b))

    def _report(self, tokens: list[Token], i: int):
        """"говорится в сообщении агентства", "йдеться в повідомленні Міноборони": (first, last,
        name, spoken) of the credit when a named source follows "в / у" + a report noun; it
        starts at a verb right before ("йдеться", "говорится"); spoken: words said in an
        interview or on air, which hold for their paragraph only (attribution.py)."""
        if tokens[i].folded not in ("в", "во", "у") or i + 1 >= len(tokens):
            return None
        found = self.reports.first(tokens, i + 1)
        if not found or "loct" not in (tokens[i + 1].analysis.cases if tokens[i + 1].analysis else ()):
            return None
        last = i + found[0]
        name = self._name_after(tokens, last + 1)
        if name is None or name[2] == "anonymous":
            return None
        verb = i - 1 if i > 0 and tokens[i - 1].first_is("VERB") and tokens[i - 1].text.islower() else i
        # with the verb before it: "йдеться в повідомленні агентства"; whether words were spoken
        return verb, last, name, bool(found[1].data.get("spoken"))

    def _descriptor_at(self, tokens: list[Token], j: int) -> bool:
        """An outlet's kind at j, over adjectives ("державному телеканалу", "агентству")."""
        while j < len(tokens) and tokens[j].text.islower() and tokens[j].has_pos("ADJF", "PRTF") \
                and not self.descriptors.first(tokens, j):
            j += 1
        return j < len(tokens) and bool(self.descriptors.first(tokens, j))

    # -- names --------------------------------------------------------------

    def _name_after(self, tokens: list[Token], j: int):
        """(first, last, kind) of the credited name starting at token j, or None."""
        if j < len(tokens) and tokens[j].folded in _NAME_PREPS and j + 1 < len(tokens):
            # "сообщили в иранском Генштабе" credits the body; "сообщил в парламенте Никол
            # Пашинян" credits the person after the place.
            k = j + 1
            while k < len(tokens) and tokens[k].text.islower() and tokens[k].first_is("ADJF", "PRTF"):
                k += 1
            if k < len(tokens) and (body := self.bodies.first(tokens, k)):
                return (j + 1, k + body[0] - 1, "body")
            k = j + 1
            while k < len(tokens) and tokens[k].text.islower() and tokens[k].kind == "word" and k - j < 3:
                k += 1
            if k < len(tokens) and tokens[k].capitalised and tokens[k].kind == "word":
                j = k
            else:
                return None
        descriptor = False
        while j < len(tokens) and tokens[j].kind == "word":
            if self.descriptors.first(tokens, j):
                descriptor, j = True, j + self.descriptors.first(tokens, j)[0]
            elif tokens[j].text.islower() and tokens[j].has_pos("ADJF", "PRTF"):
                # adjectives before the descriptor: "таджикское государственное агентство «Ховар»"
                # (any reading: "турецьку" reads first as a noun); a descriptor must follow
                k = j   # (a descriptor may itself start with an adjective: "суспільне мовлення")
                while k < len(tokens) and tokens[k].text.islower() and tokens[k].has_pos("ADJF", "PRTF") \
                        and k - j < _ADJECTIVES and not self.descriptors.first(tokens, k):
                    k += 1
                if k < len(tokens) and self.descriptors.first(tokens, k):
                    j = k
                else:
                    break
            else:
                break
        if j >= len(tokens):
            return (j - 1, j - 1, "anaphor") if descriptor else None
        token = tokens[j]
        if opens_quote(tokens, j):
            end = closing_quote(tokens, j, MAX_NAME + 1)
            return (j + 1, end - 1, "outlet") if end is not None and end > j + 1 else None
        if token.latin:
            end = j
            while end + 1 < len(tokens) and (tokens[end + 1].latin or tokens[end + 1].kind == "number"
                                              or tokens[end + 1].text in "&'") and end - j < MAX_NAME:
                end += 1
            return (j, end, "outlet")
        if token.kind == "word" and token.capitalised and not self.bodies.first(tokens, j) \
                and not self.anonymous.first(tokens, j):
            if (end := institution(tokens, j)) is not None:
                return (j, end, "body")   # "по данным Сил обороны Гайаны"
            end = capitalised_run(tokens, j)
            return (j, end, "person" if is_person(tokens, j, end) else "outlet")
        if descriptor and (token.kind != "word" or not self.bodies.first(tokens, j)):
            return (j - 1, j - 1, "anaphor")   # "по данным издания": the outlet named before
        return self._noun_phrase(tokens, j)

    def _noun_phrase(self, tokens: list[Token], j: int):
        """A body ("пресс-служба министерства"), a person with a role, or unnamed documents."""
        first = j
        while j < len(tokens) and tokens[j].kind == "word" and tokens[j].text.islower() \
                and tokens[j].first_is("ADJF", "PRTF", "NPRO", "PRCL") and j - first < 3:
            j += 1
        head = self.bodies.first(tokens, j) if j < len(tokens) else None
        anonymous = self.anonymous.first(tokens, j) if j < len(tokens) else None
        if not head and not anonymous:
            return None
        end = j + (head or anonymous)[0] - 1
        while end + 1 < len(tokens) and end - first < MAX_NAME:
            nxt = tokens[end + 1]
            if nxt.kind != "word" or nxt.folded in ("и", "і", "та", "что", "що", "о", "об", "про"):
                break
            if not (nxt.capitalised or ("gent" in (nxt.analysis.cases if nxt.analysis else ())
                                        and nxt.has_pos("NOUN", "ADJF"))):
                break
            end += 1
        if anonymous and not head:
            # "документы правительства США", "документы венесуэльского министерства обороны"
            owner = any(tokens[k].capitalised or tokens[k].text.isupper() or self.bodies.first(tokens, k)
                        for k in range(j + 1, end + 1))
            if not owner and any(self.descriptors.first(tokens, k) for k in range(j + 1, end + 1)):
                return (first, end, "anaphor")   # "источники газеты": the outlet named before
            return (first, end, "documents" if owner else "anonymous")
        person = trailing_person(tokens, j, end)
        if person is not None:
            return (person, end, "person")
        if first == j == end and tokens[j].text.islower():
            return (first, end, "anaphor")   # "по словам министра": the one named before
        return (first, end, "body")

    def _name_before(self, tokens: list[Token], j: int):
        """An outlet named right before a reporting verb ("WP обратило", "«Коментарі» писали")."""
        if j < 0:
            return None
        token = tokens[j]
        if token.text in CLOSING_QUOTES and not opens_quote(tokens, j):
            start = next((k for k in range(j - 1, max(-1, j - MAX_NAME - 2), -1)
                          if opens_quote(tokens, k)), None)
            return (start + 1, j - 1, "outlet") if start is not None and start < j - 1 else None
        if token.latin:
            start = j
            while start > 0 and (tokens[start - 1].latin or tokens[start - 1].kind == "number"):
                start -= 1
            return (start, j, "outlet")
        if token.kind == "word" and self.descriptors.first(tokens, j):
            return (j, j, "anaphor")
        if token.kind == "word" and token.capitalised:
            start = j
            while start > 0 and tokens[start - 1].capitalised and tokens[start - 1].kind == "word":
                start -= 1
            text = " ".join(t.text for t in tokens[start:j + 1])
            if text.casefold() in self.outlets:
                return (start, j, "outlet")
        return None


# --------------------------------------------------------------------------

def _unnamed(words: list[Token]) -> bool:
    """A few words and numbers with no name and no punctuation between a chain's cue and the
    verb ("з посиланням на два джерела в уряді пише"): an unnamed source the verb follows."""
    return 0 < len(words) <= 6 and all(token.kind in ("word", "number") and not token.capitalised
                                       and not token.latin for token in words)


def _listener(tokens: list[Token], j: int) -> bool:
    """A listener in the dative right after a verb of saying ("сообщил турецкой стороне"); a word
    that may be dative is one when "что / що" follows it ("повідомив Пекіну, що ..."); a quoted
    outlet whose last word can only be dative ("заявил «Тестовой ленте»") is told, not credited."""
    if j < len(tokens) and opens_quote(tokens, j):
        close = closing_quote(tokens, j)
        a = tokens[close - 1].analysis if close is not None and close > j + 1 else None
        return a is not None and "datv" in a.cases and a.cases <= {"datv", "loct"}
    for k, token in enumerate(tokens[j:j + 3], start=j):
        a = token.analysis
        if token.kind != "word" or a is None or token.latin:
            return False
        if "datv" in a.cases and a.pos & {"NOUN", "ADJF", "NPRO"} and (a.cases <= {"datv", "loct"} or (
                [t.folded for t in tokens[k + 1:k + 3]] in ([",", "что"], [",", "що"]))):
            return True
        if not (token.text.islower() and a.first_pos in ("ADJF", "PRTF")):
            return False
    return False


def _quoted(tokens: list[Token], a: int, b: int) -> int:
    """1 when the name tokens[a..b] stands in quotation marks («Арменпрес»), else 0."""
    return int(a > 0 and b + 1 < len(tokens) and opens_quote(tokens, a - 1) and tokens[b + 1].text in CLOSING_QUOTES)


def _source_of_chain(credits: list[Credit], chain_start: int) -> Credit | None:
    """X in "X со ссылкой на Y": the named credit ending just before the chain, else the next one."""
    before = [c for c in credits if c.name_span and c.name_span[1] < chain_start and not c.chained]
    if before:
        return before[-1]
    after = [c for c in credits if c.name_span and c.name_span[0] > chain_start and c.kind != "anonymous"
             and not c.chained]
    return after[0] if after else None


def _clause(tokens: list[Token], first: int, last: int, is_trigger) -> set[int]:
    """The comma-delimited clause around a credit, or just the credit if a request is in it."""
    a = first
    while a > 0 and tokens[a - 1].text not in _BOUNDARIES:
        a -= 1
    b = last
    while b + 1 < len(tokens) and tokens[b + 1].text not in _BOUNDARIES:
        b += 1
    if any(is_trigger(tokens, k) for k in range(a, b + 1) if not first <= k <= last):
        return set(range(first, last + 1))
    return set(range(a, b + 1))


def _text(sentence: Sentence, a: int, b: int) -> str:
    return phrase(sentence.tokens, a, b)
