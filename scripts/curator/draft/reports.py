"""What the sentences reporting a request say besides who asked whom (a mixin of Drafter,
facts.py): the sentences that continue the report, when and how it was made, and which
of their words a request's evidence quotes."""
from __future__ import annotations

import datetime as dt
import re

from scripts.curator.draft.detect import find_entities
from scripts.curator.draft.spans import next_sentence, sentence_around

# Words that send a later sentence back to the request just reported ("об этом", "про це").
ANAPHOR_RE = re.compile(r"\b(?:об этом|о нем|о ней|про це|про нього|про неї|это обращение|эта просьба"
                        r"|цей запит|це прохання|це звернення)\b", re.IGNORECASE)
TELLING = frozenset({"об этом", "о нем", "о ней", "про це", "про нього", "про неї"})
# Words opening a sentence before its request that its quote takes in: at most this many,
# with no punctuation that would make them a clause or a credit of their own.
LEAD_CLAUSE_WORDS = 5
OPENING_BREAK_RE = re.compile(r"[,:;—–«»\"()]")
# A sentence opening with a quotation, then who said it after a dash: "«...», — додав міністр".
QUOTATION_RE = re.compile(r"\s*(«.*?»),?\s*[—–]\s*([^\n]*)")
LETTER_OPENING = 3   # words from a sentence's start within which it speaks of the letter
LETTER_LEAD = 25   # code points of a lead-in before a comma that may come first ("По словам министра,")
_WORD_RE = re.compile(r"[^\W\d_]+")
THAT_RE = re.compile(r"\b(?:что|що)\s")
# Giving a reason: "пояснює своє прохання тим, що", "объясняют спешку тем, что", "пояснив поспіх тим, що".
REASON_RE = re.compile(r"\b(?:объясн|поясн)\w*(?:\s+\S+){0,3}?\s+(?:тем|тим),\s+(?:что|що)\b", re.IGNORECASE)
COUNT_AFTER_DASH_RE = re.compile(r"\s[—–]\s+((?:их|їх)\s)", re.IGNORECASE)
FOLLOW_UP_REACH = 40   # code points from a sentence's start within which it must refer back
# Words that do not end a request's quote cut before its items ("попросил ... помочь с").
TRAILING = frozenset("о об обо про с со з із зі в во у на для и і й та а к ко до что що чтобы щоб "
                     "помочь допомогти".split())


class Reports:
    def follow_ups(self, sentences: list[dict]) -> list[dict]:
        """Sentences right after a reporting sentence that refer back to it near their start
        ("За даними агентства, про це Веласкес говорив минулого тижня ...", "прохання
        прозвучало в середу", "розмова відбулася в четвер"), and are not a credit ("Об этом
        сообщает Reuters"): more of the same report. The quote starts after the words
        referring back, or at the noun."""
        found = []
        for s in sentences:
            after = next_sentence(self.text, sentence_around(self.text, s["start"], s["end"])[1])
            if after is None or any(after[0] <= o["start"] < after[1] for o in sentences + found):
                continue
            reach = min(after[1], after[0] + FOLLOW_UP_REACH)
            if back := ANAPHOR_RE.search(self.text, after[0], reach):
                start = back.end()
            elif noun := self.request_noun(after[0], reach, channels=True):
                start = noun   # "прохання прозвучало в середу", "розмова відбулася в четвер"
            else:
                continue
            if any(start <= c <= start + 3 for c in self.credit_starts):
                continue   # "Об этом сообщает Reuters ...": a credit, not more of the report
            start += len(self.text[start:after[1]]) - len(self.text[start:after[1]].lstrip(" ,"))
            end = after[1] - (len(self.text[after[0]:after[1]]) - len(self.text[after[0]:after[1]].rstrip(".!?… ")))
            if end > start:
                credit = next((c for c in self.credited if c["start"] <= after[0] < c["end"]), {})
                found.append({"quote": self.text[start:end], "start": start, "end": end,
                              "attributed_to": credit.get("attributed_to"),
                              # "Об этом ... заявил министр": who told of it
                              "tells": bool(back) and back.group(0).casefold() in TELLING})
        return found

    def letter_told(self) -> list[dict]:
        """Sentences of the article that open by speaking of the letter ("Лист, за даними
        газети, датований 27 листопада.", "Письмо ушло в Лондон через четыре дня после ...",
        "Список в письме ... короткий"): evidence of the first request that went by letter (or
        said nothing of how it went: they say it),
        whole, each credited like its sentence (those told already too: they date the letter)."""
        if self.words is None or self.letter_given:
            return []
        found = []
        for sentence in self.credited:
            start, end = sentence["start"], sentence["end"]
            words = self.text[start:end]
            lead = words.find(",")   # "По словам министра, письмо ... он подписал": after a credit lead-in
            opening = _WORD_RE.findall(words)[:LETTER_OPENING] + (
                _WORD_RE.findall(words[lead:])[:LETTER_OPENING] if 0 < lead <= LETTER_LEAD else [])
            if self.words.letter_nouns(" ".join(opening)):
                end -= len(self.text[start:end]) - len(self.text[start:end].rstrip())
                found.append({"quote": self.text[start:end], "start": start, "end": end,
                              "attributed_to": sentence.get("attributed_to")})
        self.letter_given = bool(found)
        return found

    def split_off(self, proposal: dict, sentences: list[dict], told: list[dict]) -> tuple[dict, list[dict], dict | None]:
        """The proposal and its sentences without `told`, and the request `told` makes of its own
        (with the items named there; never merged with another), or None."""
        if not told or len(told) == len(sentences):
            return proposal, sentences, None

        def told_in(item: dict) -> bool:   # its fullest words there ("20 тис. 155-міліметрових снарядів")
            fullest = max(item.get("mentions") or [item], key=lambda m: m["end"] - m["start"])
            return any(s["start"] <= fullest["start"] < s["end"] for s in told)
        def channel_of(sentences: list[dict]) -> str:
            channels = {s.get("channel") for s in sentences}
            return next((c for c in (self.words.precedence if self.words else ()) if c in channels), "unspecified")
        ask = {**proposal, **{k: told[0][k] for k in ("quote", "start", "end")},
               **{k: told[0][k] for k in ("requester_name", "addressee_name") if told[0].get(k)},
               "channel": channel_of(told), "evidence": told, "items": [i for i in proposal["items"] if told_in(i)],
               "earlier": True}
        rest = [s for s in sentences if s not in told]
        left = {**proposal, "items": [i for i in proposal["items"] if not told_in(i)]}
        if proposal.get("channel") not in {s.get("channel") for s in rest}:   # the channel was the other ask's
            left["channel"] = channel_of(rest)
        return left, rest, ask

    def list_handed(self, told: list[dict]) -> list[dict]:
        """Sentences in which the list of what is asked is handed over ("Каунас передасть
        німецькому колезі перелік із чотирьох пунктів"): evidence of the first request drafted,
        quoted from the clause of the one who hands it, credited like its sentence."""
        if self.words is None or self.told_requests:
            return []
        found = []
        for sentence in self.credited:
            start, end = sentence["start"], sentence["end"]
            if any(start <= s["start"] < end for s in told):
                continue
            words = list(_WORD_RE.finditer(self.text, start, end))
            verb = next((w for n, w in enumerate(words) if self.words.lemmas(w.group()) & self.words.handovers
                         and any(self.words.lemmas(x.group()) & self.words.list_nouns for x in words[n + 1:n + 7])), None)
            if verb is None:
                continue
            # from the clause the verb is in ("LRT ... пише, що Каунас передасть ...")
            opening = max([start, self.text.rfind(",", start, verb.start()) + 1]
                          + [start + m.end() for m in THAT_RE.finditer(self.text[start:verb.start()])])
            opening += len(self.text[opening:end]) - len(self.text[opening:end].lstrip())
            close = end - (len(self.text[start:end]) - len(self.text[start:end].rstrip(".!… \n")))
            found.append({"quote": self.text[opening:close], "start": opening, "end": close,
                          "attributed_to": sentence.get("attributed_to")})
        return found

    def explained(self, told: list[dict]) -> list[dict]:
        """Sentences that give the reason for the request ("Кишинів пояснює своє прохання тим,
        що ...", "Собеседники газеты объясняют спешку тем, что ..."): evidence of the first
        request drafted, quoted whole, credited like their sentence."""
        if self.told_requests:
            return []
        found = []
        for sentence in self.credited:
            start, end = sentence["start"], sentence["end"]
            if not REASON_RE.search(self.text, start, end) or self.in_headline(start):
                continue
            end -= len(self.text[start:end]) - len(self.text[start:end].rstrip(".!… \n"))
            if not any(s["start"] == start and s["end"] == end for s in told):
                found.append({"quote": self.text[start:end], "start": start, "end": end,
                              "attributed_to": sentence.get("attributed_to")})
        return found

    def quoted_asks(self) -> None:
        """A quotation of the requester's side opening a sentence ("«Мы не готовимся к войне
        ...», — приводит газета фразу из письма", "«...», — цитирует письмо Талона газета",
        "«...», — додав міністр" after a sentence naming him): evidence of the request,
        quoted with its marks, credited like its sentence. Who said it is told after the dash:
        the letter (of the request that went by letter), the requester by name, or an office
        or pronoun right after a sentence that reports the request or names the requester."""
        if self.words is None or not self.told_requests:
            return
        for k, sentence in enumerate(self.credited):
            line_end = self.text.find("\n", sentence["start"])   # a quotation may hold several sentences
            said = QUOTATION_RE.match(self.text, sentence["start"], len(self.text) if line_end < 0 else line_end)
            if said is None:
                continue
            tail = re.split(r"[.!?…](?:\s|$)", said.group(2))[0]   # who said it: the rest of its sentence
            named = {m.id for m in find_entities(tail, self.known.entities)}
            of_letter = bool(self.words.letter_nouns(tail))
            before = self.credited[k - 1] if k else None
            office = before is not None and tail.split()[1:2] and tail.split()[1].islower()   # "— додав міністр"
            named_before = {m.id for m in find_entities(self.text[before["start"]:before["end"]], self.known.entities)} \
                if office else set()
            for request_id, _, _, told, requester, channel in self.told_requests:
                after = office and (any(before["start"] <= s["start"] < before["end"] for s in told)
                                    or requester in named_before)
                if channel == "letter" and of_letter or requester in named or after:
                    self.evidence("request", request_id, self.attributed(sentence, told), said.group(1),
                                  said.start(1))
                    break

    def request_noun(self, start: int, end: int, channels: bool = False) -> int | None:
        """Where the first request or letter noun of text[start:end] begins ("прохання");
        with channels, also a word naming how it was conveyed ("розмова", "переговоры")."""
        if self.words is None:
            return None
        wanted = self.words.requests | (set(self.words.channels) if channels else set())
        for match in re.finditer(r"[^\W\d_]+", self.text[start:end]):
            if self.words.lemmas(match.group(0)) & wanted:
                return start + match.start()
        return None

    def channel(self, proposal: dict, follow_ups: list[dict]) -> str:
        """The extractor's channel, unless a sentence continuing the report says how it was
        conveyed ("під час телефонної розмови"): channels.yaml's precedence decides."""
        channel = proposal.get("channel") or "unspecified"
        if self.words is None or channel != "unspecified":
            return channel
        # "Об этом на пресс-конференции заявил министр": announcing the ask is no statement asking
        told = set().union(*(self.words.channel_in(f["quote"]) - ({"statement"} if f.get("tells") else set())
                             for f in follow_ups))
        return next((c for c in self.words.precedence if c in told), channel)

    def clause(self, sentence: dict) -> tuple[str, int]:
        """A reporting sentence's quote without words before a comma that precede its
        requester ("Владимиру Путину, правительство Венесуэлы обращалось ...")."""
        quote, start, name = sentence["quote"], sentence["start"], sentence.get("requester_name")
        at = quote.find(name) if name else -1
        if at > 0 and quote[:at].rstrip().endswith(","):
            return quote[at:], start + at
        # "В январе 2024 года Гайана просила ...", "Окремо міністр попросив ...": the words
        # that open the sentence before the quote, a few and not a clause or credit of their
        # own, belong to it.
        first = sentence_around(self.text, start, start + len(quote))[0]
        lead = self.text[first:start]
        if name and quote.startswith(name) and lead.strip() and len(lead.split()) <= LEAD_CLAUSE_WORDS \
                and not OPENING_BREAK_RE.search(lead) \
                and not any(first <= c < start for c in self.credit_starts) and "\n" not in lead:
            return self.text[first:start] + quote, first
        return quote, start

    def before_items(self, quote: str, start: int, items: list[dict]) -> str:
        """A reporting sentence's words up to the items it names, which get evidence of their
        own ("Министр ... попросил белорусского коллегу Виктора Хренина", not the list that
        follows); the whole quote when it names none, or when too little would be left."""
        if self.words is None:
            return quote
        leads = [self.words.lead(self.text, m["start"], start) for item in items
                 for m in item.get("mentions") or [item] if start < m["start"] < start + len(quote)]
        if not leads:
            return quote
        cut = quote[:min(leads) - start]
        words = cut.split()
        while words and (words[-1].casefold().strip(",:;—–-") in TRAILING or not words[-1].strip(",:;—–-")):
            words.pop()
        cut = cut[:len(cut.rstrip())]
        trimmed = cut[:cut.rfind(words[-1]) + len(words[-1])].rstrip(",:;—–- ") if words else ""
        return trimmed if len(trimmed.split()) >= 2 else quote   # "Пномпень просит"

    def date_of(self, sentences: list[dict]) -> tuple[str | None, str | None]:
        published = dt.date.fromisoformat(self.published) if self.published else None
        if self.dates is not None and published is not None:
            texts = [self.text[slice(*sentence_around(self.text, s["start"], s["end"]))] for s in sentences]
            if found := self.dates.find(texts, published):
                return found.edtf, found.basis
        if published is None:
            return None, None
        return f"../{self.published}", "publication_bound"

    def item_names(self, item: dict) -> tuple[list[dict], set[str]]:
        """The item's mentions, and the nouns of every one of them ("дрони", "безпілотників")."""
        mentions = item.get("mentions") or [item]
        return mentions, set().union(*(self.words.nouns(m["text"]) for m in mentions))

    def said_of(self, item: dict) -> list[dict]:
        """Sentences of the body that open with the item's noun and say more of it
        ("Гелікоптери мають підтримувати ...", "Радары с дальностью ..., по словам
        собеседников, нужны армии ..."): curators quote them whole as its evidence. Each is
        given to one item only."""
        if self.words is None:
            return []
        mentions, names = self.item_names(item)
        found = []
        for sentence in self.credited:
            start, end = sentence["start"], sentence["end"]
            first = re.match(r"[^\W\d_]+", self.text[start:end])
            if first is None or start in self.said or self.in_headline(start) \
                    or any(start <= m["start"] < end for m in mentions) \
                    or not self.words.lemmas(first.group()) & names:
                continue
            self.said.add(start)
            found.append({**sentence, "quote": self.text[start:end].rstrip(".!…")})
        return found

    def counted_of(self, item: dict) -> list[dict]:
        """Sentences that say how many of the item were asked, or that the number is not given:
        one naming the item's noun ("Сколько ракет нужно Баку, источники Dawn не уточнили.",
        quoted whole), or the clause after a dash that follows it ("... бронежилеты и приборы
        ночного видения — их количество в списке не указано")."""
        if self.words is None:
            return []
        mentions, names = self.item_names(item)
        found = []
        for sentence in self.credited:
            start, end = sentence["start"], sentence["end"]
            words = list(_WORD_RE.finditer(self.text, start, end))
            asking = [w.start() for w in words if self.words.lemmas(w.group()) & self.words.how_many]
            if not asking:
                continue
            told = [m for m in mentions if start <= m["start"] < end]
            if told:   # "X — их количество ...": the clause after the dash, of each item before it
                dash = COUNT_AFTER_DASH_RE.search(self.text, told[0]["end"], end)
                if dash is None or asking[-1] < dash.start(1):
                    continue
                start = dash.start(1)
            elif start in self.said or self.in_headline(start) \
                    or not names & set().union(*(self.words.lemmas(w.group()) for w in words)):
                continue
            else:
                self.said.add(start)
            end -= len(self.text[start:end]) - len(self.text[start:end].rstrip())
            if told:
                end -= len(self.text[start:end]) - len(self.text[start:end].rstrip(".!…"))
            found.append({**sentence, "quote": self.text[start:end], "start": start, "end": end})
        return found

    def range_told_again(self, item: dict) -> int | None:
        """The range another sentence of the body gives for the item, naming it again."""
        if self.words is None:
            return None
        mentions, names = self.item_names(item)
        told = {(m["start"], m["end"]) for m in mentions}
        for sentence in self.credited:
            if names and not any(sentence["start"] <= a < sentence["end"] for a, _ in told):
                if (found := self.words.range_in(self.text[sentence["start"]:sentence["end"]], names)):
                    return found
        return None
