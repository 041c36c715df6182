"""Inflecting country words, nouns, adjectives and verbs into the form a slot needs."""
from __future__ import annotations

from scripts.bench.corpus.seeds import Seed, Slot
from scripts.bench.corpus.words import declined, fold_apostrophe, match_case


class Inflection:
    """The morphology half of the Analyser (scripts/bench/corpus/analysis.py)."""

    # -- morphology ----------------------------------------------------------

    def parses(self, lang: str, word: str):
        return self.morph[lang].parse(fold_apostrophe(word).lower())

    def country_word(self, lang: str, country: str, form: str) -> str | None:
        kinds = self.lexicon[lang].get(country, {})
        if form == "abbreviation":
            return (kinds.get("abbreviation") or (None,))[0]
        if form in ("alias", "name"):
            return (kinds.get("alias", ()) + kinds.get("name", ()) or (None,))[0]
        if form in ("adjective", "capital"):
            return (kinds.get(form) or (None,))[0]
        return None

    def _nominative(self, lang: str, word: str, adjective: bool = False):
        parses = self.parses(lang, word)
        folded = fold_apostrophe(word).lower()
        wanted = ("ADJF",) if adjective else ("NOUN",)
        ranked = sorted(parses, key=lambda p: (p.tag.POS not in wanted, "nomn" not in p.tag.grammemes,
                                                "Geox" not in p.tag.grammemes, p.normal_form != folded))
        return ranked[0] if ranked else None

    def _is_adjective(self, lang: str, word: str) -> bool:
        parse = self._nominative(lang, word, adjective=True)
        return parse is not None and parse.tag.POS in ("ADJF", "PRTF") and "nomn" in parse.tag.grammemes

    def _noun(self, lang: str, word: str):
        """pymorphy3's parse of a noun in the nominative whose lemma is the word itself
        (inanimate preferred), or None when it has none (then the rules of declined apply)."""
        folded = fold_apostrophe(word).lower()
        parses = [p for p in self.parses(lang, word) if p.tag.POS == "NOUN" and "nomn" in p.tag.grammemes
                  and (p.normal_form == folded or p.tag.number == "plur") and p.is_known]
        parses.sort(key=lambda p: ("Geox" not in p.tag.grammemes, "anim" in p.tag.grammemes))
        return parses[0] if parses else None

    def noun_form(self, lang: str, word: str, case: str) -> tuple[str, str]:
        """(word in `case`, its gender or "plur"). In a hyphenated name only the last part
        declines ("Эр-Рияда"); an unknown word is declined by the rules of its ending."""
        prefix, _, last = word.rpartition("-")
        head = prefix + "-" if prefix else ""
        noun = self._noun(lang, last)
        if noun is not None:
            gender = "plur" if noun.tag.number == "plur" else str(noun.tag.gender or "neut")
            if "Fixd" in noun.tag.grammemes or case == "nomn":
                return word, gender
            inflected = noun.inflect({case})
            if inflected is None:
                return word, gender
            return head + match_case(last, self._apostrophe(last, inflected.word)), gender
        ending, gender = declined(lang, last.lower(), case)
        if ending is None:
            return word, gender
        return head + match_case(last, ending), gender

    def inflect_noun(self, lang: str, phrase: str, case: str) -> tuple[str, str] | None:
        """phrase (a country's alias or capital, nominative) in `case`, and the gender or
        number ("plur") a verb agreeing with it takes; None when pymorphy3 cannot inflect
        its adjectives. The adjectives before the first noun agree with it ("Северной
        Кореи"), the words after it stay ("Республики Корея")."""
        words = phrase.split(" ")
        head = next((i for i, word in enumerate(words)
                     if i + 1 == len(words) or not self._is_adjective(lang, word)), None)
        head_form, gender = self.noun_form(lang, words[head], case)
        out = list(words)
        out[head] = head_form
        if case == "nomn":
            return phrase, gender
        number = "plur" if gender == "plur" else "sing"
        # An inanimate noun's accusative is its nominative: so is its adjective's.
        adjective_case = "nomn" if case == "accs" and head_form.lower() == words[head].lower() else case
        for i in range(head):
            parse = self._nominative(lang, words[i], adjective=True)
            wanted = {adjective_case, number} | ({gender} if gender in ("masc", "femn", "neut") else set())
            inflected = parse.inflect(wanted) or parse.inflect(wanted - {"sing"})
            if inflected is None:
                return None
            out[i] = match_case(words[i], self._apostrophe(words[i], inflected.word))
        return " ".join(out), gender

    @staticmethod
    def _apostrophe(template: str, word: str) -> str:
        return word.replace("'", "’") if "’" in template else word

    def inflect_adjective(self, lang: str, lemma: str, grammemes: tuple, capitalised: bool) -> str | None:
        parse = self._nominative(lang, lemma, adjective=True)
        if parse is None or parse.tag.POS != "ADJF":
            return None
        wanted = set(grammemes)
        inflected = parse.inflect(wanted) or parse.inflect(wanted - {"anim", "inan"})
        if inflected is None:
            return None
        word = self._apostrophe(lemma, inflected.word)
        return word[:1].upper() + word[1:] if capitalised else word

    def render_country(self, lang: str, slot: Slot, country: str) -> tuple[str, str] | None:
        """The words for `country` in the slot's form: (text, gender) or None."""
        key = (lang, slot.form, slot.grammemes, slot.case, slot.capitalised, country)
        if key in self.forms:
            return self.forms[key]
        result = None
        if slot.form == "adjective":
            lemma = self.country_word(lang, country, "adjective")
            if lemma:
                word = self.inflect_adjective(lang, lemma, slot.grammemes, slot.capitalised)
                result = (word, None) if word else None
        elif slot.form in ("alias", "name", "capital", "abbreviation"):
            abbreviation = self.country_word(lang, country, "abbreviation") if slot.form == "abbreviation" else None
            if abbreviation:
                parse = self._nominative(lang, abbreviation)
                gender = ("plur" if parse is not None and parse.tag.number == "plur" else
                          str(parse.tag.gender) if parse is not None and parse.tag.gender else "femn")
                result = (abbreviation, gender)
            else:
                phrase = self.country_word(lang, country, "capital" if slot.form == "capital" else "alias")
                if phrase:
                    result = self.inflect_noun(lang, phrase, slot.case or "nomn")
        self.forms[key] = result
        return result

    def render_verb(self, lang: str, verb: str, gender: str) -> str | None:
        key = (lang, verb, gender)
        if key not in self.verbs:
            parse = next((p for p in self.parses(lang, verb) if p.tag.POS == "VERB"), None)
            word = None
            if parse is not None:
                wanted = [{"plur"}] if gender == "plur" else [{gender, "sing"}, {gender}]
                for grammemes in wanted:
                    inflected = parse.inflect(grammemes)
                    if inflected is not None:
                        word = match_case(verb, inflected.word)
                        break
            self.verbs[key] = word
        return self.verbs[key]

    def render_string(self, lang: str, text: str, mapping: dict) -> str:
        """A short text (an entity's name) with its country words moved by mapping."""
        out, position = [], 0
        for mention in self.detector.find(text, lang):
            target = mapping.get(mention.country, mention.country)
            slot = self._country_slot(lang, text, (0, len(text)), mention)
            if slot.case == "inherit":
                slot.case = slot.cases[0] if slot.cases else "nomn"
            rendered = None if slot.pinned or target == mention.country else self.render_country(lang, slot, target)
            out.append(text[position:mention.start])
            out.append(rendered[0] if rendered else mention.text)
            position = mention.end
        out.append(text[position:])
        return "".join(out)

    def check(self, seed_index: int, seed: Seed, slot_index: int, country: str) -> bool:
        """Does the detector find `country` where the slot is rendered for it (in the
        slot's sentence, the other words as in the seed)?"""
        key = (seed_index, slot_index, country)
        found = self.checked.get(key)
        if found is None:
            slot = seed.slots[slot_index]
            found = False
            if country == slot.country:
                found = True
            elif not slot.pinned:
                rendered = self.render_country(seed.language, slot, country)
                unit = seed.units[slot.unit]
                if rendered:
                    text = (seed.text[unit.start:slot.start] + rendered[0] + seed.text[slot.end:unit.end])
                    start = slot.start - unit.start
                    end = start + len(rendered[0])
                    found = any(m.country == country and m.start < end and start < m.end
                                for m in self.detector.find(text, seed.language))
            self.checked[key] = found
        return found
