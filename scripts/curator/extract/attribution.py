"""Which source each sentence's claims are credited to.

A sentence's claims go to its first named credit that is not a chain's end ("сообщает
РБК-Украина со ссылкой на The Washington Post": РБК-Украина, the outlet the article
credits); a bare outlet word ("Издание ... пишет", "по данным издания", "видання з
посиланням на ...") means the outlet cited last, which also completes the chain it
starts; a sentence with no credit, or only a hedge ("Согласно тем же документам",
"Зазначається", "в документах говорится"), keeps the source credited before, but not past
the paragraph of a recalling credit ("Как напоминает EFE, ..." is background: the next
paragraph speaks for the article again) or of an institution's ("По данным Сил обороны
Гайаны, ..." tells one incident); a sentence
opening with "Об этом / Про це" credits the sentences before it in its paragraph too, as
far back as they have no credit of their own, and so does any credit in the lede (the first
paragraph of prose: "Гайана обратилась к Великобритании ... . Президент ... направил
письмо ..., сообщила газета The Times").
"""
from __future__ import annotations

from scripts.curator.extract.citations import SentenceCredits
from scripts.curator.extract.text import Sentence

_PROSE_END = frozenset(".!?…»\"")


def attribute(found: list[SentenceCredits], sentences: list[Sentence]) -> list[str | None]:
    """The source each sentence's claims are credited to (see the module docstring)."""
    result: list[str | None] = []
    current: str | None = None
    last_cited: str | None = None
    recalled_in: int | None = None   # paragraph of the recalling credit `current` comes from
    lede = next((s.paragraph for s in sentences if s.tokens and s.tokens[-1].text in _PROSE_END), None)
    for k, (sentence, credits) in enumerate(zip(sentences, found)):
        if recalled_in is not None and sentence.paragraph != recalled_in:
            current, recalled_in = None, None
        own = None
        for credit in credits.credits:
            if credit.via_anaphor and credit.via is None:
                credit.via = last_cited
            if credit.kind == "anaphor" and own is None:
                own = last_cited
            elif credit.name and not credit.chained and own is None:
                own = credit.name
            if credit.name and credit.kind != "documents":
                last_cited = credit.name
        if own is None and any(c.chained and c.name and c.kind != "documents" for c in credits.credits):
            own = next((c.via for c in credits.credits if c.chained and c.via), None)
        if own is not None:
            current = own
            recalled_in = sentence.paragraph if any((c.recall or c.kind == "body") and c.name == own
                                                    for c in credits.credits) else None
        j = k - 1   # back over the paragraph's sentences that credit no one
        lede_report = sentence.paragraph == lede and recalled_in is None   # not words said on air
        while (credits.retro or lede_report) and own is not None and j >= 0 \
                and sentences[j].paragraph == sentence.paragraph \
                and result[j] != own and not any(c.name and not c.chained for c in found[j].credits):
            result[j] = own
            j -= 1
        result.append(current)
    return result
