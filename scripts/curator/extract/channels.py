"""How a request was conveyed: the cues of reference/extraction/channels.yaml in its sentence.

A letter wins over a meeting, a meeting over a message, a message over a statement
(channels.yaml `precedence`); a weak cue counts only without a strong one. Not a cue: an
infinitive that is the content of the ask ("попросила передать"), a verb of saying that
reports a request made earlier ("заявив, що звернувся"), a letter named as another
request's ("Помимо письма Мадуро Путину").
"""
from __future__ import annotations

from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.text import Token

_BESIDES = frozenset({"помимо", "кроме", "крім", "окрім", "опріч"})


class ChannelReader:
    def __init__(self, lexicon: Lexicon, language: str):
        self.cues = lexicon.index("channels.yaml", "cues", language)
        self.precedence = list(lexicon.section("channels.yaml", "precedence"))

    def read(self, tokens: list[Token], masked: set[int], trigger: int | None = None) -> str:
        """The channel a sentence's words name (masked tokens, credits, left out), else "unspecified"."""
        strong, weak = set(), set()
        for k in range(len(tokens)):
            if k in masked or not (found := self.cues.first(tokens, k)) or tokens[k].infinitive \
                    or _reports(tokens, k, trigger) or (k and tokens[k - 1].folded in _BESIDES):
                continue
            (weak if found[1].data.get("weak") else strong).add(found[1].data["channel"])
        for pool in (strong, weak):
            for channel in self.precedence:
                if channel in pool:
                    return channel
        return "unspecified"


def _reports(tokens: list[Token], k: int, trigger: int | None) -> bool:
    """"Лукашенко заявив, що звернувся до Кремля": a verb of saying followed by "что / що" and a
    request made earlier (a past verb) reports the request; its channel is not the request's."""
    if trigger is None or trigger <= k or not tokens[k].finite_verb:
        return False
    conjunction = next((j for j in range(k + 1, min(k + 3, trigger)) if tokens[j].folded in ("что", "що")), None)
    return conjunction is not None and any(
        tokens[j].finite_verb and "past" in tokens[j].analysis.first_grammemes for j in range(conjunction + 1, trigger + 1))
