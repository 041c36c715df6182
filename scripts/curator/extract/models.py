"""Model names of equipment ("Patriot", "Су-30МК2", «Искандер-М», "Storm Shadow").

Model names do not decline like ordinary words and are often codes, so they are matched
by spelling, not by lemma (equipment.yaml `models`): a word is a model when it starts
with the name and goes on with nothing, a hyphen or slash, a digit, a capital letter or,
for a Cyrillic name of four letters or more, a short lower-case ending ("Искандеры").
A name ending in a hyphen is a code family ("Су-", "Ми-") and needs a digit after it.
Latin names match in any letter case; names of several words match word by word.
"""
from __future__ import annotations

from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.text import Token


class ModelNames:
    def __init__(self, lexicon: Lexicon, language: str):
        self._by_letter: dict[str, list[tuple[str, str]]] = {}   # longest first
        for entry in lexicon.section("equipment.yaml", "models"):
            for name in entry.forms.get(language, ()):
                self._by_letter.setdefault(name[0].casefold(), []).append((name, entry.data["category"]))
        for names in self._by_letter.values():
            names.sort(key=lambda m: -len(m[0]))

    def match(self, tokens: list[Token], i: int) -> tuple[int, str] | None:
        """(number of tokens, category) of a model name at token i."""
        token = tokens[i]
        if token.kind != "word" or token.text[0].islower():
            return None
        for name, category in self._by_letter.get(token.text[0].casefold(), ()):
            words = name.split()
            if len(words) > 1:
                if all(i + k < len(tokens) and tokens[i + k].text.casefold() == w.casefold()
                       for k, w in enumerate(words)):
                    return len(words), category
            elif _model_word(name, token.text):
                return 1, category
        return None


def _model_word(name: str, text: str) -> bool:
    if name.endswith("-"):
        return text.casefold().startswith(name.casefold()) and text[len(name):len(name) + 1].isdigit()
    latin = name.isascii()
    if not (text.casefold().startswith(name.casefold()) if latin else text.startswith(name)):
        return False
    rest = text[len(name):]
    if not rest or rest[0] in "-/" or rest[0].isdigit() or rest[0].isupper():
        return True
    return not latin and len(name) >= 4 and len(rest) <= 3 and rest.isalpha() and rest.islower()
