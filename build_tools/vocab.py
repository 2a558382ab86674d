"""Shared vocabulary: the words several stages need, kept in one place. Data only, no I/O.

Month and weekday names come in the languages the cleaner reads (English, French, German,
Spanish, Italian, Dutch and Portuguese), lower-cased, in calendar order (January and Monday
first). Everything else (honorifics, title words, name particles, stopwords) is English, the
language of the extractors; each list says what it is for, and the modules that use it pick
what they need from it rather than keeping a copy of their own.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

LANGUAGES: Final = ("en", "fr", "de", "es", "it", "nl", "pt")

MONTHS: Final = MappingProxyType(
    {
        "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"),
        "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre"),
        "de": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
               "oktober", "november", "dezember"),
        "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
               "octubre", "noviembre", "diciembre"),
        "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
               "settembre", "ottobre", "novembre", "dicembre"),
        "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
               "oktober", "november", "december"),
        "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
               "outubro", "novembro", "dezembro"),
    }
)  # fmt: skip
# Other spellings met in print: without accents (as typed on an English keyboard), regional.
MONTH_VARIANTS: Final = MappingProxyType(
    {
        "fr": {"fevrier": 2, "aout": 8, "decembre": 12},
        "de": {"maerz": 3, "jänner": 1, "janner": 1},
        "es": {"setiembre": 9},
        "pt": {"marco": 3},
    }
)  # fmt: skip
# English abbreviations, as in "Dec 15", "Aug. 8", "Sept 3" ("may" is the month itself).
MONTH_ABBREVIATIONS_EN: Final = MappingProxyType(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
     "nov": 11, "dec": 12}
)  # fmt: skip

WEEKDAYS: Final = MappingProxyType(
    {
        "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
        "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
        "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
        "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
        "pt": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"),
    }
)  # fmt: skip
# Days named from today in English news copy.
RELATIVE_DAYS_EN: Final = ("today", "yesterday", "tomorrow")


def month_numbers(language: str = "en") -> dict[str, int]:
    """Month name -> number (1-12) in `language`, with its variant spellings."""
    numbers = {name: i for i, name in enumerate(MONTHS[language], 1)}
    numbers.update(MONTH_VARIANTS.get(language, {}))
    return numbers


# Honorifics written before a name, often with a full stop: "Dr. Helena Ruiz", "Gen Austin".
HONORIFICS: Final = ("mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "rev",
                     "supt", "insp")  # fmt: skip
# Other abbreviations of ranks and titles seen before a name ("Adm.", "Messrs."), and of place
# words before a place's name ("St.", "Mt.", "Ft."): a full stop after one ends no sentence.
RANK_ABBREVIATIONS: Final = ("cmdr", "adm", "maj", "pres", "fr", "messrs")
PLACE_ABBREVIATIONS: Final = ("st", "mt", "ft")

# Words in front of a person's name that say who they are; the name is what follows.
PERSON_TITLES: Final = frozenset(
    """president vice prime minister secretary secretary-general general gen chancellor king queen
    prince princess emir sheikh pope ambassador envoy commander spokesman spokeswoman spokesperson
    chief senator sen governor mayor deputy mep mp dr prof mr mrs ms lord lady colonel col captain
    lieutenant major admiral sergeant director chairman chairwoman leader""".split()
)

# Lower-case particles inside Arabic, Dutch, French, German, Iberian and Italian names:
# "Haider al-Abadi", "bin Laden", "Herman van Rompuy", "Ursula von der Leyen", "dos Santos".
NAME_PARTICLES: Final = frozenset("al el bin ibn abu de da di du dos van von der den la le del".split())
# The forms "al" takes before some consonants ("as-Sisi", "ash-Shabab"): particles only as the
# first part of a name, never between two names.
ARABIC_ARTICLES: Final = frozenset("ad as ash at az".split())
# Particles that join two capitalised parts of one name ("Bank of England", "Charles de Gaulle").
NAME_CONNECTORS: Final = frozenset("of de du van von der den bin la le del da di".split())

# English function words and reporting verbs: frequent in every text, so never a name or a keyword.
STOPWORDS_EN: Final = frozenset(
    """a about above after again against all also although am an and any are as at be because been
    before being below between both but by can could did do does doing down during each either
    even ever every few for from further had has have having he her here hers herself him himself
    his how however i if in into is it its itself just least less like many may me meanwhile might
    more most much must my myself neither no nor not now of off on once one only or other others
    our ours ourselves out over own per perhaps rather same separately several she should since so
    some such than that the their theirs them themselves then there these they this those though
    through thus to too under until up upon us very via was we were what when where whether which
    while who whom whose why will with within without would yet you your yours yourself
    said says say told added according including including mr mrs ms""".split()
)

# Numbers written as words, as counts are written in English news copy ("two hostages", "a dozen").
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
