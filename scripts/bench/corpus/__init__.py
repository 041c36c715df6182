"""Realistic synthetic corpora for benchmarks: N articles whose texts differ, each curated
consistently with its own text, written as a complete repository outside this one.

    python -m scripts.bench.corpus N OUT [--seed S] [--root REPO]
    make corpus N=1000 OUT=/tmp/corpus [SEED=0]

scripts/bench/synthetic.py copies the real articles, so after the first copy the mention
detector's word cache is warm. Here article k is a new text made from seed article
k mod (number of seeds) (every article in articles/ with its curation), so that texts,
lengths, countries, people and numbers differ:

1. Each seed is analysed once. Its body (scripts/body.py) is cut into lines and sentences
   (never inside a quotation, never through a quote). Slots are the words that change:
   every country mention the detector finds in the body, with its form (name, alias,
   adjective, capital, abbreviation) and grammar (case from its parses and the preposition
   or verb before it; gender, number and case of an adjective); past-tense verbs agreeing
   with a country subject ("Москва утвердила"); the names of the people its facts name
   ("Путин|а": a name word and its ending); numbers the curation repeats (a range in km,
   a percentage); the weekday and day of a stated date. Every evidence and citation quote
   is located (with its `occurrence`) as a run of pieces of one sentence.
2. Article k draws, from random.Random(f"{seed}:{k}:{attempt}"): an injective map from
   the seed's countries to a pool of 62 countries; one of VARIANTS invented people (of the
   mapped country) for each person of the seed; a range, a percentage and another day of
   the month; which facts to keep (35-85 %); which sentences without quotes to keep; the
   order of the paragraphs after the lede (a paragraph ending with a colon keeps the next).
3. Each slot is written for the new country in the same form: the country's alias,
   adjective, capital or abbreviation from the lexicon (reference/lexicon/countries.yaml),
   inflected with pymorphy3, or by the rules of its ending for a word pymorphy3 does not
   know ("Эр-Рияда"); verbs follow their subject's new gender or number. A sentence with a
   slot that cannot be written is dropped, and a fact left without evidence with it; a
   region (a subdivision) cannot move, so its sentence goes when its country does. A
   written country word counts as a mention only if the detector finds it, for the new
   country, in its sentence (checked once per slot and country).
4. The curation follows the text: the seed's facts (also those another seed's file
   defines) with the suffix -syn-<k> on every id; requests and events point at the
   entities of the mapped countries (the invented people, the government body and capital
   of the country, appended to reference/entities.yaml); supplier and recipient countries,
   max_range_km and exact dates follow; English summaries get the new names, demonyms,
   capitals and numbers; every quote is the article's text at its pieces, with
   `occurrence` counted again. Citations stay when the kept evidence needs their chain of
   credits. A fact is kept only if each country it involves (registry.involved_countries)
   is mentioned in the kept body, so the build gives no warning; the body scripts/body.py
   finds in the new text must be the one intended, or the article is drawn again.
5. Runs of articles are made on all cores (forked workers inherit the analysis; the
   country words are written and checked before they fork). An article with the same
   bytes as an earlier one is drawn again, in k order. The same seed gives the same bytes.

Only a directory that is new, empty or a corpus made here (it holds .synthetic-corpus) is
written; never the repository or a directory in or above it.

Measured on 2 cores: 1,000 articles in 4-5 s, 10,000 in 18-26 s (peak RSS about 250 MB).

Limits: the words are the seeds' words plus countries, invented names and numbers, so the
corpus vocabulary saturates (two seeds: about 3,000 Russian and 5,000 Ukrainian word forms
by 2,000 articles) and on a large corpus the detector's cache warms up again, later than on
copies; more seed articles widen it. Grammar is right in the common cases, not always: a
noun's case is guessed where its parses disagree and nothing in the sentence decides it;
a preposition's euphonic form ("в"/"во", "у"/"в") and words agreeing with a country outside
its own slot ("Офіційний Сукре") are not adjusted; the sentences kept can leave an
anaphora without its antecedent ("За день до этого ..." without the arrival).

Modules, one job each: words.py (the country pool, cases, invented names, declension by
ending), seeds.py (a seed's slots, units, lines), inflection.py and reading.py (the two
halves of the Analyser in analysis.py: inflecting words, reading a seed), entities.py (people,
governments and capitals of the mapped countries), choices.py (what an article draws),
maker.py (one article and its curation), command.py (the corpus and the command line).
"""
from scripts.bench.corpus.command import MARKER, OutError, generate, main, prepare

__all__ = ["MARKER", "OutError", "generate", "main", "prepare"]
