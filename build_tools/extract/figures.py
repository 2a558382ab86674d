"""Find the figures the sources state (a number with what it counts) and compare them across sources.

A figure is a number as written ("more than 60", "60-odd", "some 900", "$200 million", "up to
5,000", "two", "an estimated 10,000") with the noun it counts. The qualifier is kept as written
(lower-cased), the value is a number, and the counted noun is normalised to one plural form:
"airstrike", "air strikes" and "airstrikes" are all "air strikes" (see QUANTITY_NOUNS, a small
generic table of counted nouns; other nouns are kept in their plural form).

Skipped: dates ("Dec 15", "20 November", "2014-12-03"), times ("2:50 pm", "6 p.m.", "0550 GMT"),
ordinals ("20th"), years standing alone ("the 1979 revolution"), decades and ages ("the 1950s",
"in his 30s"), numbers in names and labels ("Phase 3", "FTSE 250", "day 28"), conversion notes
("($1 = 0.7950 pounds)"), vague amounts ("thousands of", "dozens") and numbers that count nothing
we can name ("One of the three attackers" keeps only "three attackers"; "the two arch-foes" and
"the one before" refer back). A spelled-out number counts a known noun, a plural noun ("six
games") or the noun joined to it ("three-judge panel"). The noun right after a number is what it
counts ("27 votes to 19, with three abstentions"); currency signs, "%", "per cent" and "p"
("71p") give dollars, pounds, percent and pence. A number with no noun of its own inside a list ("12 brigades, nine Iraqi and
four Kurdish") counts what the figure before it in the sentence counts; "21 of some 60 countries"
counts what the figure after "of" counts.

group_figures() puts statements about the same quantity side by side: quantities with the same
group key (GROUP_KEYS: "members" and "countries" of an alliance, strikes and bombs dropped, are
reported interchangeably for the same fact) whose values lie within a factor VALUE_SPREAD of each
other, so "28 members" is not compared with "60 countries". Quantity names one letter apart
("counties"/"countries") are taken as a typo of the more frequent one. A group agrees when every
statement gives the same value.

It does not convert currencies or units, and it does not know what the figure is about beyond the
counted noun and its sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from rapidfuzz.distance import Levenshtein

from build_tools import vocab
from build_tools.extract.text import is_ly_adverb, sentence_at, sentence_spans
from build_tools.model import CleanSource, Event, Figure, FigureGroup, FigureVerdict, SourceRef

# Values within this factor of the smallest one in a group are statements of the same fact:
# reports of one fact differ by rounding ("some 900" / "roughly 1,000"), rarely by a quarter.
VALUE_SPREAD = 1.25
# A counted noun is looked for within this many words after the number.
NOUN_WINDOW = 4

QUALIFIERS = (
    "more than",
    "less than",
    "fewer than",
    "greater than",
    "over",
    "under",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "some",
    "up to",
    "at least",
    "at most",
    "an estimated",
    "estimated",
    "approximately",
    "as many as",
    "as few as",
    "close to",
    "just over",
    "just under",
    "well over",
    "upwards of",
    "all",
    "only",
    "a total of",
    "exactly",
    "within",
)
WORD_NUMBERS = vocab.NUMBER_WORDS
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
# After a currency sign only: "£2.4m", "$650k" ("60m" alone is sixty metres).
CURRENCY_MULTIPLIERS = {"m": 1e6, "k": 1e3}
CURRENCIES = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}
# Suffixes after a hyphen that qualify the number rather than name what it counts.
QUALIFYING_SUFFIXES = {"odd": "-odd", "plus": "-plus", "strong": "-strong"}
# Compounds that label a group by its size ("the 60-member coalition", "a 15-member body", "the
# 18-nation conference"): a round size there is a rounded label (see interval_of).
LABEL_SUFFIXES = frozenset("member members nation nations country countries state party".split())
_SIZE_LABEL = re.compile(r"^[\d,]+-([a-z]+)$", re.IGNORECASE)
# Suffixes that make a fraction, an ordinal or an idiom of a number word: "two-thirds",
# "twenty-first", "one-off", "two-way" count nothing.
NOT_COUNTING_SUFFIXES = frozenset(
    "half halves third thirds quarter quarters fifth fifths sixth sixths tenth tenths first second "
    "fourth seventh eighth ninth off way sided time on star and".split()
)
# Nouns that label an item by number rather than count: "day 28", "phase 2", "page 5".
LABEL_NOUNS = frozenset(
    "day page chapter section article clause item room number no phase stage level round grade "
    "platform gate junction exit route flight episode verse act figure table step".split()
)

# Counted nouns (singular, lower case) -> the quantity they are reported under.
QUANTITY_NOUNS = {
    "airstrike": "air strikes",
    "air strike": "air strikes",
    "air raid": "air strikes",
    "strike": "strikes",
    "raid": "raids",
    "bomb": "bombs",
    "sortie": "sorties",
    "missile": "missiles",
    "rocket": "rockets",
    "attack": "attacks",
    "country": "countries",
    "nation": "countries",
    "member state": "countries",
    "member": "members",
    "people": "people",
    "person": "people",
    "civilian": "civilians",
    "citizen": "citizens",
    "resident": "residents",
    "refugee": "refugees",
    "fighter": "fighters",
    "militant": "militants",
    "jihadist": "jihadists",
    "rebel": "rebels",
    "troop": "troops",
    "soldier": "troops",
    "force": "troops",
    "hostage": "hostages",
    "brigade": "brigades",
    "battalion": "battalions",
    "camp": "camps",
    "dollar": "dollars",
    "euro": "euros",
    "pound": "pounds",
    "year": "years",
    "month": "months",
    "week": "weeks",
    "day": "days",
    "hour": "hours",
    "minute": "minutes",
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
    "death": "deaths",
    "casualty": "casualties",
    "victim": "victims",
    "child": "children",
    "woman": "women",
    "man": "men",
    "attacker": "attackers",
    "official": "officials",
    "minister": "ministers",
    "organisation": "organisations",
    "organization": "organisations",
    "point": "points",
    "time": "times",
    "fold": "times",
    "vote": "votes",
    "penny": "pence",
    "pence": "pence",
    "p": "pence",
    "cent": "cents",
    "foot": "feet",
    "feet": "feet",
    "metre": "metres",
    "meter": "metres",
    "kilometre": "kilometres",
    "kilometer": "kilometres",
    "km": "kilometres",
    "mile": "miles",
    "mph": "mph",
    "kph": "km/h",
    "km/h": "km/h",
    "kg": "kilograms",
    "kilogram": "kilograms",
    "tonne": "tonnes",
    "ton": "tons",
    "inch": "inches",
}
_QUANTITIES = frozenset(QUANTITY_NOUNS.values())
# Quantities that reports use interchangeably for one fact, compared in one group: the
# members of an alliance are its countries. Strikes, bombs and sorties are different things.
GROUP_KEYS = {
    "countries": "countries or members",
    "members": "countries or members",
    "air strikes": "air strikes",
    "strikes": "air strikes",
    "raids": "air strikes",
}
# Statements are compared only when their dates (the date in their sentence, else their
# source's) lie within this many days of each other.
CLOSE_IN_TIME_DAYS = 62
# A number with no noun borrows the noun of a figure at most this many words before it.
BORROW_WORDS = 6
# Exact counts below this are trivial ("two hostages", "three days"): listed, never compared.
TRIVIAL_BELOW = 10
_NEVER_TRIVIAL = frozenset({"percent", "dollars", "euros", "pounds", "pence", "yen", "cents"})

MONTHS = (*vocab.MONTHS["en"], *vocab.MONTH_ABBREVIATIONS_EN)
# Words that end the phrase after a number: what is counted comes before them.
_STOP = frozenset(
    """
    of in on at to from for with by against into inside across over under since after before
    during per than as about through within without between among ago yet now already still
    the a an this that these those which who whom whose where when while because but
    is are was were be been being have has had will would can could may might shall should must
    do does did said says say told have
    there here last next every each and or
    """.split()
)
# Words that qualify a counted noun without being it: "three other Americans".
_MODIFIERS = frozenset("other more new additional extra further separate several".split())
# Adjective endings: "10 operational aircraft" counts aircraft.
_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ic", "ful", "less", "ary", "ian", "ese", "ish", "ed", "ing")

_QUALIFIER = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_WORD_NUMBER = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?<![\w$€£¥.,:-])(?:(?P<qual>{_QUALIFIER})\s+)?(?P<cur>[$€£¥])?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS)})(?![\w])|(?:{_WORD_NUMBER})(?![\w]))"
    rf"(?:\s?(?P<mult>{'|'.join(MULTIPLIERS)})\b|(?(cur)(?P<cmult>[mk])\b|(?!)))?"
    rf"(?:-(?P<suffix>[a-z]+))?(?P<pct>\s?%|\s(?:per\s?cent|percent)\b)?(?P<pence>p\b)?",
    re.IGNORECASE,
)
_WEEKDAYS = frozenset(vocab.WEEKDAYS["en"])
_AFTER_WORD = re.compile(r"\s*([\w’'%-]+|[,;:.!?()\[\]\"“”])")

# A list item's marker ("• " as the HTML cleaner writes <li>, "- ", "* ") is no part of its sentence.
_LIST_MARK = re.compile(r"^(?:[•·▪►▸◦*–-]\s+)+")


def _sentence(text: str, offset: int, spans: tuple[tuple[int, int], ...]) -> str:
    return _LIST_MARK.sub("", sentence_at(text, offset, spans))


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _plural(word: str) -> str:
    if word.endswith("men") or word in ("people", "police", "aircraft", "personnel", "staff"):
        return word
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if re.search(r"(?:ch|sh|ss|x)$", word):
        return word + "es"
    return word if word.endswith("s") else word + "s"


def quantity_of(noun: str) -> str:
    """The normalised quantity for a counted noun: "airstrikes" -> "air strikes"."""
    if noun.lower() in _QUANTITIES:
        return noun.lower()  # already a normalised quantity: "children", "feet", "pence"
    words = noun.lower().replace("’", "'").split()
    singular = " ".join([*words[:-1], _singular(words[-1])]) if words else ""
    if noun.lower() in QUANTITY_NOUNS:
        return QUANTITY_NOUNS[noun.lower()]
    if singular in QUANTITY_NOUNS:
        return QUANTITY_NOUNS[singular]
    return _plural(singular)


def _is_date_or_time(text: str, m: re.Match[str]) -> bool:
    num = m.group("num")
    before = text[max(0, m.start("num") - 12) : m.start("num")].lower()
    after = text[m.end("num") : m.end("num") + 12].lower()
    if re.search(r"(?:{})\.?\s*$".format("|".join(MONTHS)), before):
        return True  # "Dec 15", "Aug. 8"
    if re.match(r"\s*(?:{})\b".format("|".join(MONTHS)), after) and num.isdigit() and int(num) <= 31:
        return True  # "20 November"
    if re.match(r"(?::\d|\s*(?:(?:am|pm|gmt|utc|bst|cet|et|est|edt|pt|pst|pdt)\b|[ap]\.m\.))", after):
        return True  # "2:50 pm", "0550 GMT"
    if re.match(r"(?:st|nd|rd|th)\b", after):
        return True  # ordinals
    if re.match(r"-\d", after) or before.endswith("-"):
        return True  # 2014-12-03
    if num.isdigit() and len(num) == 4 and not m.group("cur") and not m.group("mult"):
        if num.startswith("0") or 1000 <= int(num) <= 2100:
            return True  # a year, or a 24-hour time
    return False


def _noun_after(text: str, pos: int) -> tuple[str, bool]:
    """(counted noun, "of" follows the number) for the words after offset `pos`."""
    words: list[str] = []
    k = 0
    while True:
        abbreviation = re.match(r"\s+((?:[A-Z]\.){2,})", text[pos:])
        if abbreviation is not None and (k > 0 or text[pos : pos + 1].isspace()):
            # "3,200 U.S. Marines": an abbreviation is a modifier.
            words.append(abbreviation.group(1).replace(".", ""))
            pos += abbreviation.end()
            k += 1
            continue
        m = _AFTER_WORD.match(text, pos)
        if m is None:
            break
        if k == 0 and m.start(1) != pos and not text[pos : m.start(1)].isspace():
            break
        word = m.group(1).rstrip("’'") if m.group(1).endswith(("s’", "s'")) else m.group(1)
        low = word.lower()
        if k == 0 and low == "of":
            return "", True
        if low in ("and", "or") and words and all(w[:1].isupper() for w in words):
            pass  # "150,000 US and Nato forces": capitalised modifiers share the noun after "and"
        elif not re.match(r"[\w%]", word) or low in _STOP or low in WORD_NUMBERS or word[:1].isdigit():
            break
        if is_ly_adverb(low):
            break
        if low in ("and", "or") and any(w[:1].islower() and w not in ("and", "or") for w in words):
            # "60 counties and international organisations": the first noun is what is counted.
            break
        words.append(word)
        k += 1
        if len(words) >= NOUN_WINDOW:
            break
        pos = m.end()
    # The last known counted noun of the phrase is its head ("30,000 rebel fighters"); two-word
    # nouns first ("coalition air strikes").
    best = ""
    for i in range(len(words)):
        pair = " ".join(w.lower() for w in words[i : i + 2])
        if len(words[i : i + 2]) == 2 and (pair in QUANTITY_NOUNS or _pair_singular(pair) in QUANTITY_NOUNS):
            best = pair
        elif words[i].lower() in QUANTITY_NOUNS or _singular(words[i].lower()) in QUANTITY_NOUNS:
            if not best.endswith(" " + words[i].lower()):
                best = words[i]
    if best:
        return best, False
    # An unknown noun: the head (last word) of the first run of lower-case words, the plural
    # one if any ("a dozen police vehicles" counts vehicles); capitalised words are modifiers.
    for w in words:
        if w[:1].islower():
            break
        if len(w) > 3 and w.endswith("s") and not w.isupper():
            return w, False  # "3,200 U.S. Marines began": the capitalised plural before any verb
    lower = [w for w in words if w[:1].islower() and w not in ("and", "or") and w.lower() not in _MODIFIERS]
    while len(lower) > 1 and lower[0].lower().endswith(_ADJECTIVE_ENDINGS) and not _looks_plural(lower[0]):
        lower = lower[1:]  # "10 operational aircraft"
    plural = [w for w in lower if _looks_plural(w)]
    if not lower:
        # "3,200 U.S. Marines", "11 Israelis": a capitalised plural is what is counted.
        capital = [w for w in words if w[:1].isupper() and len(w) > 3 and w.endswith("s") and not w.isupper()]
        return (capital[-1:] or [""])[0], False
    return (plural[-1:] or lower or [""])[0], False


def _noun_before(text: str, start: int, spans: tuple[tuple[int, int], ...]) -> str:
    """A count after "rose/fell ... to" counts the sentence's subject: "the number of engineering
    graduates fell by 3% to 12,080", "Graduates in sport science more than doubled to 8,000"."""
    s0 = max((s for s, _ in spans if s <= start), default=0)
    before = text[s0:start]
    if not re.search(
        r"\b(?:rose|fell|grew|increased|decreased|doubled|tripled|dropped|climbed|jumped|declined|soared)\b[^.;]*\bto\s+(?:more than |about |some |nearly )?$",
        before,
        re.IGNORECASE,
    ) and not re.search(r"\band\s+of\s+[^.;]*\bto\s+$", before):
        return ""
    counted = list(re.finditer(r"\bnumber\s+of\s+(?:[a-z-]+\s+){0,2}?([a-z]+s)\b", before))
    if counted:
        return counted[-1].group(1)
    lead = re.match(r"\s*(?:The\s+)?([A-Z][a-z]+s)\b", before)
    return lead.group(1).lower() if lead and _looks_plural(lead.group(1).lower()) else ""


def _pair_singular(pair: str) -> str:
    first, second = pair.split(" ", 1)
    return f"{first} {_singular(second)}"


def _word_value(num: str) -> float | None:
    """The value of a spelled-out number ("six", "twenty-three"), None for digits."""
    if num in WORD_NUMBERS:
        return float(WORD_NUMBERS[num])
    tens, _, units = num.partition("-")
    if tens in WORD_NUMBERS and units in WORD_NUMBERS:
        return float(WORD_NUMBERS[tens] + WORD_NUMBERS[units])
    return None


def _value(m: re.Match[str]) -> float:
    num = m.group("num").lower()
    word = _word_value(num)
    value = word if word is not None else float(num.replace(",", ""))
    if m.group("mult"):
        value *= MULTIPLIERS[m.group("mult").lower()]
    if m.group("cmult"):
        value *= CURRENCY_MULTIPLIERS[m.group("cmult").lower()]
    return value


def _looks_plural(noun: str) -> bool:
    """A lower-case noun in a plural form: "games", "children", "feet"."""
    low = noun.lower()
    if not noun[:1].islower():
        return False
    return (
        low
        in (
            "people",
            "children",
            "men",
            "women",
            "feet",
            "teeth",
            "mice",
            "police",
            "aircraft",
            "personnel",
            "staff",
            "cattle",
            "livestock",
        )
        or low.endswith("men")
        or (low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2)
    )


def _not_a_count(text: str, m: re.Match[str], spans: tuple[tuple[int, int], ...]) -> bool:
    """A number that names, dates or labels rather than counts (see the module docstring)."""
    start, end = m.start("num"), m.end("num")
    if m.group("qual") or m.group("cur"):
        return False
    after = text[end:]
    if re.match(r"['’]?s\b", after):
        return True  # a decade or an age: "the 1950s", "in his 30s"
    if re.match(r"-[a-z]+-old\b|\s+years?\s+old\b", after):
        return True  # an age: "the 44-year-old Austin"
    if text[:start].endswith("/"):
        return True  # "9/11", "24/7"
    num = m.group("num")
    if num.isdigit() and int(num) < 120 and re.search(r"[A-Z][\w’'-]+,\s*$", text[:start]) and re.match(r"\s*,", after):
        return True  # an age after a name: "Chua, 61, apologized"
    if (
        not num[:1].isdigit()
        and num[:1].isupper()
        and re.search(r"\b[a-z]+\s+$", text[:start])
        and re.search(r"\b(?:of|the)\s+$", text[:start])
    ):
        return True  # a number in a name: "the Group of Eight"
    before = re.search(r"([\w’'.-]+)\s+$", text[:start])
    if before is None:
        return False
    word = before.group(1)
    if word.lower().rstrip(".") in LABEL_NOUNS:
        return True  # "day 28", "phase 2", "No. 2"
    if word.endswith(".") or word.lower() in _WEEKDAYS:
        return False  # the end of the sentence before, or "said Sunday 300 people..."
    # The first word of its sentence (or of a list item) is capitalised anyway.
    sentence_start = any(
        s <= before.start(1) < e and not _LIST_MARK.sub("", text[s : before.start(1)]).strip() for s, e in spans
    )
    if word[:1].isupper() and not sentence_start and word.lower().rstrip(".") not in MONTHS and num[:1].isdigit():
        # A capitalised word inside the sentence names the thing the number belongs to:
        # "Phase 3", "FTSE 250", "Boeing 737".
        return word.lower() not in QUALIFIERS and word.lower() not in ("a", "an", "the")
    return False


def _is_note(text: str, pos: int) -> bool:
    """Inside a bracketed conversion note such as "($1 = 0.7950 pounds)"."""
    for m in re.finditer(r"\([^()]*=[^()]*\)", text):
        if m.start() <= pos < m.end():
            return True
    return False


def _same_sentence(spans: tuple[tuple[int, int], ...], a: int, b: int) -> bool:
    return any(s <= a < e and s <= b < e for s, e in spans)


def _paragraph_figures(source: CleanSource, index: int) -> list[Figure]:
    paragraph = source.paragraphs[index]
    text = paragraph.text
    spans = sentence_spans(text)
    found: list[tuple[int, Figure, bool]] = []  # (offset, figure, counts what follows "of")
    for m in _FIGURE.finditer(text):
        if _is_date_or_time(text, m) or _not_a_count(text, m, spans) or _is_note(text, m.start()):
            continue
        num = m.group("num").lower()
        is_word = _word_value(num) is not None
        suffix = (m.group("suffix") or "").lower()
        qualifier = (m.group("qual") or "").lower()
        end = m.end()
        noun, of_next = "", False
        if (is_word and suffix in NOT_COUNTING_SUFFIXES) or suffix in ("and", "on", "star", "time"):
            continue
        if num == "one" and suffix and suffix not in QUALIFYING_SUFFIXES:
            continue  # "one-person, one-fare", "one-off": a kind, not a count
        if suffix in QUALIFYING_SUFFIXES:
            qualifier = (qualifier + " " + QUALIFYING_SUFFIXES[suffix]).strip()
        elif suffix:
            noun = suffix  # "60-member coalition", "14-day trial", "three-judge panel"
        if m.group("cur"):
            noun = CURRENCIES[m.group("cur")]
        elif m.group("pct"):
            noun = "%"
        elif m.group("pence"):
            noun = "p"  # "71p", "20p an hour"
        if not noun:
            noun, of_next = _noun_after(text, end)
        if not noun and not of_next:
            noun = _noun_before(text, m.start(), spans)
        if of_next and num != "one":
            # "four of its Southeast Asian neighbors": what the "of" phrase counts.
            owned = re.match(
                r"\s+of\s+(?:its|their|his|her|our|the)\s+((?:[A-Za-z-]+\s+){0,3}?)([a-z]+s)\b", text[end:]
            )
            if owned and _looks_plural(owned.group(2)) and not re.search(r"\d", owned.group(1)):
                noun, of_next = owned.group(2), False
        known = bool(noun) and quantity_of(noun) in QUANTITY_NOUNS.values()
        # A plural noun of its own ("three abstentions", "six games") is what is counted.
        plural = bool(noun) and not of_next and _looks_plural(noun.split()[-1])
        determiner = re.search(
            r"\b(the|these|those|this|that|each|every|no|any|which)\s+$", text[: m.start()], re.IGNORECASE
        )
        if is_word and determiner and not known and not suffix:
            # "the two arch-foes", "the one before": a reference to what the text has named.
            continue
        # "12 brigades, nine local and four ...": a bare word after a number in a list that
        # already counted something borrows that noun (see _fill_quantities).
        listed = bool(found) and _same_sentence(spans, found[-1][0], m.start())
        if not known and not plural and listed and not of_next and len(noun.split()) <= 1 and not suffix:
            first = _AFTER_WORD.match(text, end)
            after = _AFTER_WORD.match(text, first.end()) if first else None
            if not noun or after is None or after.group(1).lower() in ("and", "or", ",", ".", ";"):
                noun = ""
        elliptic = not noun and not of_next
        if is_word and not (known or elliptic or (plural and num != "one") or (suffix and num != "one")):
            # A spelled-out number counts a known noun, a plural noun or the noun joined to it
            # ("three-judge"): "one kind or another" is no figure.
            continue
        shown = text[m.start() : end].strip()
        sentence = _sentence(text, m.start(), spans)
        figure = Figure(
            quantity=quantity_of(noun) if noun else "",
            value=_value(m),
            qualifier=qualifier,
            text=shown,
            ref=SourceRef(source.id, paragraph.id),
            sentence=sentence,
        )
        found.append((m.start(), figure, of_next))
    return _fill_quantities(_ranges(found, text, spans), text, spans)


def _ranges(
    found: list[tuple[int, Figure, bool]], text: str, spans: tuple[tuple[int, int], ...]
) -> list[tuple[int, Figure, bool]]:
    """ "30 to 40 warheads", "between 35 million and 50 million pounds": one statement of a range."""
    out: list[tuple[int, Figure, bool]] = []
    k = 0
    while k < len(found):
        offset, first, of_next = found[k]
        if k + 1 < len(found):
            nxt_offset, second, nxt_of = found[k + 1]
            between = text[offset + len(first.text) : nxt_offset]
            opened = re.search(r"\bbetween\s+$", text[:offset], re.IGNORECASE)
            joined = re.fullmatch(r"\s*(?:to|–|—)\s*", between) or (opened and re.fullmatch(r"\s*and\s*", between))
            if (
                joined
                and _same_sentence(spans, offset, nxt_offset)
                and second.value > first.value
                and (not first.quantity or first.quantity == second.quantity)
            ):
                start = opened.start() if opened else offset
                merged = replace(
                    second,
                    value=first.value,
                    qualifier="range",
                    text=text[start : nxt_offset + len(second.text)].strip(),
                    low=first.value,
                    high=second.value,
                    bounds="[]",
                )
                out.append((start, merged, nxt_of))
                k += 2
                continue
        out.append((offset, first, of_next))
        k += 1
    return out


def _fill_quantities(
    found: list[tuple[int, Figure, bool]], text: str, spans: tuple[tuple[int, int], ...]
) -> list[Figure]:
    """Give list members and "N of M" figures the quantity of their neighbour in the sentence."""
    result: list[Figure] = []

    def sentence_index(offset: int) -> int:
        return max((k for k, (s, _) in enumerate(spans) if s <= offset), default=0)

    for k, (offset, figure, of_next) in enumerate(found):
        if figure.quantity:
            result.append(figure)
            continue
        same = [f for o, f, _ in found if sentence_index(o) == sentence_index(offset)]
        donor: Figure | None = None
        if of_next and k + 1 < len(found) and found[k + 1][1].quantity:
            donor = found[k + 1][1]
            nxt_offset = found[k + 1][0]
            figure = Figure(
                figure.quantity,
                figure.value,
                figure.qualifier,
                text[offset : nxt_offset + len(donor.text)].strip(),
                figure.ref,
                figure.sentence,
            )
        elif not of_next:
            # "12 brigades, nine Iraqi and four Kurdish": a count close after another one in a
            # list; never a unit ("fell by 3% to 12,080" counts no percent).
            earlier = [(o, f) for o, f, _ in found[:k] if f.quantity and f in same]
            donor = None
            if earlier:
                o, f = earlier[-1]
                gap = text[o + len(f.text) : offset]
                if len(gap.split()) <= BORROW_WORDS and f.quantity not in _NEVER_TRIVIAL:
                    donor = f
        if donor is None:
            continue
        result.append(Figure(donor.quantity, figure.value, figure.qualifier, figure.text, figure.ref, figure.sentence))
    return result


# What a qualifier allows around the stated value v: (low, high, bounds) as factors of v, or
# None for an unbounded end. "about 60" is 60 give or take a tenth.
_ABOVE = ("more than", "over", "greater than", "just over", "well over", "upwards of")
_AT_LEAST = ("at least", "-plus")
_BELOW = ("less than", "fewer than", "under", "just under")
_AT_MOST = ("at most", "up to", "as many as", "within")
_NEARLY = ("nearly", "almost", "close to")
_ROUGHLY = ("about", "around", "roughly", "some", "approximately", "an estimated", "estimated", "as few as")
ROUGHLY = 0.1


def interval_of(qualifier: str, value: float, text: str = "") -> tuple[float, float, str]:
    """The range a statement allows: "more than 60" (60, inf), "60-odd" [60, 70), "some 60"
    [54, 66], "nearly 60" [54, 60), "up to 5,000" [0, 5000], "60-member" [55, 65] but "15-member"
    [15, 15], an exact number [v, v]."""
    words = qualifier.split()
    has = lambda options: any(q in qualifier for q in options if " " in q) or any(q in words for q in options)  # noqa: E731
    label = _SIZE_LABEL.search(text)
    if (label and label.group(1).lower() in LABEL_SUFFIXES and not qualifier) or "-strong" in words:
        # A group labelled by its size: exact when the size is not round ("the 15-member
        # Security Council", "the 275-member parliament", "the 303-member Central Committee"),
        # a rounded label when it is ("the 60-member coalition" of 62 countries, "a 200-strong
        # group"): true to its last significant digit, and at most as loose as "some".
        step = 1.0
        while value and value % (step * 10) == 0:
            step *= 10
        if step == 1:
            return value, value, "[]"
        half = min(step / 2, value * ROUGHLY)
        return value - half, value + half, "[]"
    if "-odd" in words:
        # 60-odd: from 60 to the next step of its last significant digit (60-odd < 70).
        step = 1.0
        while value and value % (step * 10) == 0:
            step *= 10
        return value, value + step, "[)"
    if has(_ABOVE):
        return value, math.inf, "()"
    if has(_AT_LEAST):
        return value, math.inf, "[)"
    if has(_BELOW):
        return 0.0, value, "[)"
    if has(_AT_MOST):
        return 0.0, value, "[]"
    if has(_NEARLY):
        return value * (1 - ROUGHLY), value, "[)"
    if has(_ROUGHLY):
        return value * (1 - ROUGHLY), value * (1 + ROUGHLY), "[]"
    return value, value, "[]"


def find_figures(sources: Sequence[CleanSource]) -> tuple[Figure, ...]:
    """Every figure of every paragraph, in source id and reading order, with its range."""
    figures: list[Figure] = []
    for source in sorted(sources, key=lambda s: s.id):
        for index in range(len(source.paragraphs)):
            for f in _paragraph_figures(source, index):
                if f.qualifier != "range":  # a range ("30 to 40") has its ends already
                    low, high, bounds = interval_of(f.qualifier, f.value, f.text)
                    f = replace(f, low=low, high=high, bounds=bounds)
                figures.append(f)
    return tuple(figures)


def _typo_map(quantities: Sequence[str]) -> dict[str, str]:
    """Quantity -> the more frequent quantity one letter away from it ("counties" -> "countries")."""
    counts: dict[str, int] = {}
    for q in quantities:
        counts[q] = counts.get(q, 0) + 1
    ranked = sorted(counts, key=lambda q: (-counts[q], q))
    mapping: dict[str, str] = {}
    for q in ranked:
        for better in ranked:
            if better == q or counts[better] < counts[q] or better in mapping:
                continue
            if counts[better] == counts[q] and better > q:
                continue
            if min(len(q), len(better)) >= 6 and Levenshtein.distance(q, better) == 1:
                mapping[q] = better
                break
    return mapping


def _order(figure: Figure) -> tuple[str, int, str]:
    digits = re.sub(r"\D", "", figure.paragraph)
    return (figure.source, int(digits) if digits else 0, figure.paragraph)


def is_trivial(figure: Figure) -> bool:
    """A small count ("two hostages", "nearly two months"): no fact to compare across sources."""
    return figure.value < TRIVIAL_BELOW and figure.quantity not in _NEVER_TRIVIAL


def _when(figure: Figure, dates: dict[str, date], events: dict[tuple[str, str], list[Event]]) -> date | None:
    """When a statement was made: its source's date; for an undated source, the day named in
    its sentence ("since Aug. 8" dates what is counted, not the statement, when a date is known)."""
    if figure.source in dates:
        return dates[figure.source]
    for e in events.get((figure.source, figure.paragraph), ()):
        if e.date is not None and e.text == figure.sentence and e.date.precision == "day":
            return e.date.first_day()
    return None


def group_figures(
    figures: Sequence[Figure], sources: Sequence[CleanSource] = (), events: Sequence[Event] = ()
) -> tuple[FigureGroup, ...]:
    """Statements of the same quantity across sources, most widely reported first.

    Grouped together: statements counting the same thing (one quantity, or quantities of one
    GROUP_KEYS entry), close in time (CLOSE_IN_TIME_DAYS) and of values within VALUE_SPREAD of
    each other. A group is consistent when some number lies in every statement's range,
    conflicting when none does (its `conflicts` name the pairs that cannot both be true), single
    when one source states it. Trivial counts (is_trivial) stay single.
    """
    typos = _typo_map([f.quantity for f in figures])
    dates = {s.id: s.date.first_day() for s in sources if s.date is not None}
    by_paragraph: dict[tuple[str, str], list[Event]] = {}
    for e in events:
        by_paragraph.setdefault((e.source, e.paragraph), []).append(e)
    by_key: dict[str, list[Figure]] = {}
    groups: list[FigureGroup] = []
    for f in figures:
        if is_trivial(f):
            groups.append(FigureGroup(f.quantity, (f,), (f.value,), "single"))
            continue
        quantity = typos.get(f.quantity, f.quantity)
        by_key.setdefault(GROUP_KEYS.get(quantity, quantity), []).append(f)
    for key, members in by_key.items():
        for in_time in _time_clusters(members, dates, by_paragraph):
            in_time.sort(key=lambda f: (f.value, _order(f)))
            clusters: list[list[Figure]] = []
            for f in in_time:
                if clusters and f.value <= clusters[-1][0].value * VALUE_SPREAD:
                    clusters[-1].append(f)
                else:
                    clusters.append([f])
            for cluster in clusters:
                groups.append(_verdict(key, cluster))
    groups.sort(key=lambda g: (-g.sources, g.quantity, g.values, [_order(f) for f in g.figures]))
    return tuple(groups)


def _time_clusters(
    members: list[Figure], dates: dict[str, date], events: dict[tuple[str, str], list[Event]]
) -> list[list[Figure]]:
    """Statements split where their dates are more than CLOSE_IN_TIME_DAYS apart (undated
    statements go with every cluster's first)."""
    dated = sorted(
        ((_when(f, dates, events), f) for f in members), key=lambda x: (x[0] is None, x[0] or date.min, _order(x[1]))
    )
    clusters: list[list[Figure]] = []
    start: date | None = None
    for when, f in dated:
        if when is None:
            if not clusters:
                clusters.append([])
            clusters[0].append(f)
            continue
        if clusters and start is not None and (when - start).days <= CLOSE_IN_TIME_DAYS:
            clusters[-1].append(f)
        else:
            clusters.append([f])
            start = when
    return clusters


def _verdict(key: str, cluster: list[Figure]) -> FigureGroup:
    ordered = tuple(sorted(cluster, key=_order))
    values = tuple(sorted({f.value for f in ordered}))
    conflicts = tuple(
        (i, j)
        for i in range(len(ordered))
        for j in range(i + 1, len(ordered))
        if ordered[i].source != ordered[j].source and not ordered[i].overlaps(ordered[j])
    )
    verdict: FigureVerdict
    if len({f.source for f in ordered}) == 1:
        verdict = "single"
    elif _all_overlap(ordered):
        verdict = "consistent"
    else:
        verdict = "conflicting"
    return FigureGroup(key, ordered, values, verdict, conflicts)


def _all_overlap(figures: Sequence[Figure]) -> bool:
    """Some number lies in every range: on a line, that is every two ranges overlapping."""
    return all(a.overlaps(b) for k, a in enumerate(figures) for b in figures[k + 1 :])
