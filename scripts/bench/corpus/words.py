"""Words the generator writes: the country pool, prepositions and cases, invented
names, declension by ending, and small text helpers."""
from __future__ import annotations

import re

import yaml

from scripts.bench.corpus.seeds import Unit


SUFFIX = "-syn-{k}"
ARTICLES_PER_TASK = 100
VARIANTS = 4          # invented people per (person of a seed, country)
ATTEMPTS = 32         # draws of one article before giving up on it
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# The countries an article may be moved to: English demonym and capital (for the English
# summaries; the Russian and Ukrainian words come from the lexicon). "the": named with it.
POOL: dict[str, tuple[str, str]] = {
    "AF": ("Afghan", "Kabul"), "AM": ("Armenian", "Yerevan"), "AO": ("Angolan", "Luanda"),
    "AR": ("Argentine", "Buenos Aires"), "AZ": ("Azerbaijani", "Baku"),
    "BD": ("Bangladeshi", "Dhaka"), "BO": ("Bolivian", "Sucre"), "BR": ("Brazilian", "Brasília"),
    "BY": ("Belarusian", "Minsk"), "CN": ("Chinese", "Beijing"), "CO": ("Colombian", "Bogotá"),
    "CU": ("Cuban", "Havana"), "DE": ("German", "Berlin"), "DZ": ("Algerian", "Algiers"),
    "EG": ("Egyptian", "Cairo"), "ER": ("Eritrean", "Asmara"), "ET": ("Ethiopian", "Addis Ababa"),
    "FR": ("French", "Paris"), "GB": ("British", "London"), "GE": ("Georgian", "Tbilisi"),
    "GH": ("Ghanaian", "Accra"), "ID": ("Indonesian", "Jakarta"), "IN": ("Indian", "New Delhi"),
    "IQ": ("Iraqi", "Baghdad"), "IR": ("Iranian", "Tehran"), "IT": ("Italian", "Rome"),
    "JP": ("Japanese", "Tokyo"), "KG": ("Kyrgyz", "Bishkek"), "KP": ("North Korean", "Pyongyang"),
    "KR": ("South Korean", "Seoul"), "KZ": ("Kazakh", "Astana"), "LA": ("Lao", "Vientiane"),
    "LY": ("Libyan", "Tripoli"), "MA": ("Moroccan", "Rabat"), "ML": ("Malian", "Bamako"),
    "MM": ("Myanmar", "Naypyidaw"), "MN": ("Mongolian", "Ulaanbaatar"),
    "MZ": ("Mozambican", "Maputo"), "NE": ("Nigerien", "Niamey"), "NG": ("Nigerian", "Abuja"),
    "NI": ("Nicaraguan", "Managua"), "NL": ("Dutch", "Amsterdam"), "PE": ("Peruvian", "Lima"),
    "PH": ("Philippine", "Manila"), "PK": ("Pakistani", "Islamabad"), "PL": ("Polish", "Warsaw"),
    "RS": ("Serbian", "Belgrade"), "RU": ("Russian", "Moscow"), "SA": ("Saudi", "Riyadh"),
    "SD": ("Sudanese", "Khartoum"), "SY": ("Syrian", "Damascus"), "TJ": ("Tajik", "Dushanbe"),
    "TM": ("Turkmen", "Ashgabat"), "TR": ("Turkish", "Ankara"), "UA": ("Ukrainian", "Kyiv"),
    "UG": ("Ugandan", "Kampala"), "US": ("US", "Washington"), "UZ": ("Uzbek", "Tashkent"),
    "VE": ("Venezuelan", "Caracas"), "VN": ("Vietnamese", "Hanoi"),
    "ZA": ("South African", "Pretoria"), "ZW": ("Zimbabwean", "Harare"),
}
THE = frozenset({"US", "GB", "NL", "PH"})

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Cases a preposition governs, most likely first.
PREPOSITIONS = {
    "ru": {"в": ("loct", "accs"), "во": ("loct", "accs"), "на": ("loct", "accs"), "к": ("datv",),
           "ко": ("datv",), "с": ("ablt", "gent"), "со": ("ablt", "gent"), "из": ("gent",),
           "от": ("gent",), "до": ("gent",), "у": ("gent",), "для": ("gent",),
           "против": ("gent",), "между": ("ablt",), "о": ("loct",), "об": ("loct",),
           "по": ("datv",), "за": ("ablt", "accs"), "над": ("ablt",), "под": ("ablt",),
           "перед": ("ablt",), "при": ("loct",), "без": ("gent",), "из-за": ("gent",)},
    "uk": {"в": ("loct", "accs"), "у": ("loct", "accs"), "на": ("loct", "accs"), "до": ("gent",),
           "з": ("gent", "ablt"), "із": ("gent", "ablt"), "зі": ("gent", "ablt"),
           "від": ("gent",), "для": ("gent",), "проти": ("gent",), "між": ("ablt",),
           "про": ("accs",), "по": ("loct", "datv"), "за": ("ablt", "accs"), "над": ("ablt",),
           "під": ("ablt",), "перед": ("ablt",), "при": ("loct",), "без": ("gent",),
           "біля": ("gent",), "к": ("datv",)},
}
CONJUNCTIONS = frozenset({"и", "і", "та", "й", "или", "або"})
# Words after which a bare noun is in the dative ("Венесуэле необходимо").
DATIVE_PREDICATES = frozenset({"необходимо", "нужно", "нужны", "нужен", "нужна", "выгодно",
                               "потрібні", "потрібно", "потрібен", "потрібна", "необхідно",
                               "вигідно"})
# Past-tense verbs agree with a country subject across these parts of speech.
SKIPPABLE = frozenset({"ADVB", "PRCL", "CONJ"})

WEEKDAYS = {  # accusative after в / у, Monday first
    "ru": ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"),
    "uk": ("понеділок", "вівторок", "середу", "четвер", "п’ятницю", "суботу", "неділю"),
}
MONTHS = {  # genitive
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
           "вересня", "жовтня", "листопада", "грудня"),
}
RANGES_KM = (300, 400, 500, 600, 700, 800, 900, 1000, 1200, 1500, 1800, 2000, 2500, 3000)

# Syllables of invented names: (Russian, Ukrainian) spellings.
ONSETS = "б в г д з к л м н п р с т ф".split()
VOWELS = (("а", "а"), ("о", "о"), ("у", "у"), ("е", "е"), ("и", "і"))
# Endings after the last syllable (itself ending in a vowel), by how the name declines.
CODAS = {"in": (("вов", "вов"), ("нов", "нов"), ("рин", "рін"), ("лин", "лін"), ("шев", "шев"),
                 ("дов", "дов")),
          "cons": (("с", "с"), ("н", "н"), ("р", "р"), ("л", "л"), ("т", "т"), ("д", "д"),
                   ("м", "м"), ("рт", "рт"), ("нс", "нс")),
          "vowel": (("до", "до"), ("ро", "ро"), ("ле", "ле"), ("ту", "ту"), ("со", "со"),
                    ("ни", "ні"), ("ри", "рі"))}
LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ’'",
                  ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n",
                   "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y",
                   "", "e", "yu", "ya", "i", "yi", "ye", "g", "", ""]))
NAME_SUFFIX_RE = re.compile(r"(?:а|у|ом|ым|им|е|і|ові|ою|ем|ю|я|ові)\Z")
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?…])[\"»”]?\s+(?=[«\"“„(]?[A-ZА-ЯЁІЇЄҐ0-9])")
DATE_RE = {
    "ru": re.compile(r"\b(в|во)\s+(" + "|".join(WEEKDAYS["ru"]) + r"),?\s+(\d{1,2})\s+("
                     + "|".join(MONTHS["ru"]) + r")\b"),
    "uk": re.compile(r"\b(у|в)\s+(" + "|".join(WEEKDAYS["uk"]).replace("’", "[’']") + r"),?\s+(\d{1,2})\s+("
                     + "|".join(MONTHS["uk"]) + r")\b"),
}


def fold_apostrophe(word: str) -> str:
    return word.replace("’", "'").replace("ʼ", "'")


def match_case(template: str, word: str) -> str:
    """word with the capitalisation of template, part by hyphenated part."""
    parts, shapes = word.split("-"), template.split("-")
    out = []
    for i, part in enumerate(parts):
        shape = shapes[min(i, len(shapes) - 1)]
        out.append(part[:1].upper() + part[1:] if shape[:1].isupper() else part)
    return "-".join(out)


# Declension of a word pymorphy3 does not know, by its ending: (ending, gender, forms by case).
_RULES = {
    "ru": (("ия", "femn", {"gent": "ии", "datv": "ии", "accs": "ию", "ablt": "ией", "loct": "ии"}),
           ("я", "femn", {"gent": "и", "datv": "е", "accs": "ю", "ablt": "ей", "loct": "е"}),
           ("а", "femn", {"gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"}),
           ("й", "masc", {"gent": "я", "datv": "ю", "accs": "й", "ablt": "ем", "loct": "е"}),
           ("ь", None, {}), ("", "masc", {"gent": "а", "datv": "у", "accs": "", "ablt": "ом", "loct": "е"})),
    "uk": (("ія", "femn", {"gent": "ії", "datv": "ії", "accs": "ію", "ablt": "ією", "loct": "ії"}),
           ("я", "femn", {"gent": "і", "datv": "і", "accs": "ю", "ablt": "ею", "loct": "і"}),
           ("а", "femn", {"gent": "и", "datv": "і", "accs": "у", "ablt": "ою", "loct": "і"}),
           ("й", "masc", {"gent": "я", "datv": "ю", "accs": "й", "ablt": "єм", "loct": "ї"}),
           ("ь", None, {}), ("", "masc", {"gent": "а", "datv": "у", "accs": "", "ablt": "ом", "loct": "і"})),
}


def declined(lang: str, word: str, case: str) -> tuple[str | None, str]:
    """The word in `case` by the rules of its ending, and its gender; (None, gender) when it
    does not decline (it ends in a vowel other than а/я) or the rules do not know it."""
    if re.search(r"[оеиуюіэєы]\Z", word):
        return None, "neut"
    for ending, gender, forms in _RULES[lang]:
        if word.endswith(ending):
            if gender is None or case not in forms and case != "nomn":
                return None, gender or "femn"
            if case == "nomn":
                return word, gender
            form = forms[case]
            if lang == "ru" and ending == "а" and case == "gent" and word[-2:-1] in "гкхжшчщ":
                form = "и"  # "Абуджи", not "Абуджы"
            return word[:len(word) - len(ending)] + form, gender
    return None, "neut"


def balanced(prefix: str) -> bool:
    """No quotation left open at the end of prefix."""
    opened = prefix.count("«") - prefix.count("»") + prefix.count("“") - prefix.count("”")
    return opened <= 0 and prefix.count('"') % 2 == 0 and prefix.count("„") <= prefix.count("“")


def merge_for_quotes(units: list, lines: list, quotes: dict, text: str):
    """Merge consecutive units of a line that one quote spans."""
    changed = True
    while changed:
        changed = False
        for start, end in quotes.values():
            first = next((i for i, u in enumerate(units) if u.start <= start < max(u.end, u.start + 1)), None)
            last = next((i for i, u in enumerate(units) if u.start < end <= u.end), None)
            if first is None or last is None or first == last:
                continue
            if units[first].line != units[last].line:
                raise ValueError(f"a quote spans two lines: {text[start:end]!r}")
            line = lines[units[first].line]
            merged = Unit(units[first].start, units[last].end, [], units[first].line)
            position = line.units.index(first)
            count = last - first + 1
            line.units[position:position + count] = [first]
            del line.gaps[position:position + count - 1]
            units[first:last + 1] = [merged]
            for other in lines:  # renumber the units after the merged ones
                other.units = [u if u <= first else u - (count - 1) for u in other.units]
            changed = True
            break
    return units, lines
