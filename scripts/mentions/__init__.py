"""Find mentions of countries in Russian and Ukrainian news text.

How it works
------------
1. The text is cut into tokens: runs of letters (Cyrillic or Latin, with
   apostrophes inside Ukrainian words such as "пов’язану", "В’єтнам") and runs
   of digits. A hyphen splits a word into tokens but is remembered, so a
   hyphenated compound can be judged as a whole (see "Organisation names").
2. Each token is analysed once by pymorphy3 (results are cached per token
   string). Its *keys* are every (lemma, coarse part of speech) pair over ALL
   parses, plus its exact surface (for abbreviations) and its lower-case
   surface (for the first part of compounds like "российско-американский").
   Keeping the part of speech in the key is the first guard against false hits
   from "all parses": the verb "мали" (had) shares no key with the noun "Мали".
3. The lexicon (pycountry's ISO 3166-1 names in ru/uk plus the curated YAML in
   reference/lexicon/) is tokenised and analysed the same way. A lexicon word
   is in its dictionary form, so only its nominative parses (preferably those
   whose lemma is the word itself) give its keys.
4. At each token, every lexicon entry whose token keys intersect the text's
   token keys, word by word (separated only by spaces or one hyphen/dash), is
   a candidate. Candidates that fail a guard (below) are dropped; the longest
   survivor wins, ties going to a curated exclusion, then to a subdivision
   with its type word ("штат Арагуа"), then to a country the text mentions
   elsewhere, then by kind (name, abbreviation, alias, capital, subdivision,
   adjective). Matching continues after the winner, so mentions never overlap.

Guards (why each exists)
------------------------
* Case. Words capitalised in the lexicon must be capitalised in the text
  (lower-case "того", "чили", "штаты" are common words). Abbreviations match
  their exact spelling (so "ЗМІ", "WP", "GPS", "КМ", "Ил" never match: they are
  simply not listed, and "сша" would not match "США"). Adjectives must be lower
  case, or capitalised only as the first word of a sentence: a capitalised
  adjective elsewhere is part of a proper name ("Мексиканский залив",
  "Японское море") or a surname ("Русских", "Немецкий"). Right after an opening
  quotation mark it is taken as the start of a title («Российская газета»).
* Sentence starts. At a sentence start (or just after an opening quotation
  mark) capitalisation proves nothing, so a one-word name, alias, capital or
  subdivision is accepted there only if pymorphy3 has no non-noun reading for
  it and its most likely reading is the lexicon's: "Того же дня" (pronoun), "Малі
  діти" (adjective), "Мали місце" (verb) are not Togo or Mali.
* People. A one-word place preceded by a first name ("Джордж Вашингтон",
  "Симон Боливар"), or that is itself most likely a first name and is followed
  by a capitalised word ("Виктория Бекхэм"), is a person.
* Subdivisions come only from the curated list, need three letters or more,
  and are accepted only with support from the text: a type word of their
  country right before them ("в штате Арагуа") or inside their name
  ("Донецкая область"), or a mention of their country elsewhere in the text.
  Names of countries marked `standalone` in subdivisions.yaml ("Крым",
  "Шотландия") need no support unless pymorphy3 also reads them as a common
  word or a person's name. An unsupported subdivision still blocks shorter
  matches inside it: "Северная Ирландия" is never reported as Ireland.
* Exclusions. Curated phrases such as "Латинская Америка" compete in the
  longest-match step and, when they win, report nothing.

Organisation names
------------------
Rule 1 — hyphen compounds. A hyphenated compound is read as a whole. A country
word that is only part of it counts only when every other part is itself a
country word ("Россия-Украина", "российско-американский") or a lower-case word
("экс-", "Россия-матушка"). If another part is written in Latin letters, with
digits, in capitals (an abbreviation that is not a country's) or is a
capitalised non-country word, the compound names something else: a media
outlet or company ("РБК-Украина", "Euronews-Україна"), a TV channel
("Россия-1", "Беларусь-24"), a place ("Нью-Мексико") or a sea
("Южно-Китайское"). Known cost: "саммит Украина-ЕС" is skipped too.
Rule 2 — quoted titles. A short quotation (at most six words, no sentence
punctuation, no verb, first word capitalised) is a title or an organisation
name; a country word inside it counts only as its FIRST word. So «Единая
Россия», «Голос Америки», "Нафтогаз України" report nothing, while «Беларусь
Натальи Радиной» (a title about Belarus) and quoted speech ("эскалации между
США и Венесуэлой") still do. Organisation names without a country word
("Хартия 97", "Charter97.org") never match anyway.
"""

from scripts.mentions.cache import load_detector
from scripts.mentions.lexicon import KINDS, LANGUAGES, LEXICON_FILES, LexiconError
from scripts.mentions.matcher import Mention, MentionDetector

__all__ = ["KINDS", "LANGUAGES", "LEXICON_FILES", "LexiconError", "Mention", "MentionDetector",
           "load_detector"]
