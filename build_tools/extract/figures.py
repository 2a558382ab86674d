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

import re
from typing import Sequence

from rapidfuzz.distance import Levenshtein

from build_tools import vocab
from build_tools.extract.text import sentence_at, sentence_spans
from build_tools.model import CleanSource, Figure, FigureGroup, FigureVerdict, SourceRef

# Values within this factor of the smallest one in a group are statements of the same fact:
# reports of one fact differ by rounding ("some 900" / "roughly 1,000"), rarely by a quarter.
VALUE_SPREAD = 1.25
# A counted noun is looked for within this many words after the number.
NOUN_WINDOW = 4

QUALIFIERS = (
    "more than", "less than", "fewer than", "greater than", "over", "under", "nearly", "almost",
    "about", "around", "roughly", "some", "up to", "at least", "at most", "an estimated",
    "estimated", "approximately", "as many as", "as few as", "close to", "just over",
    "just under", "well over", "upwards of", "all", "only", "a total of", "exactly", "within",
)
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
# After a currency sign only: "£2.4m", "$650k" ("60m" alone is sixty metres).
CURRENCY_MULTIPLIERS = {"m": 1e6, "k": 1e3}
CURRENCIES = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}
# Suffixes after a hyphen that qualify the number rather than name what it counts.
QUALIFYING_SUFFIXES = {"odd": "-odd", "plus": "-plus", "strong": "-strong"}
# Suffixes that make a fraction, an ordinal or an idiom of a number word: "two-thirds",
# "twenty-first", "one-off", "two-way" count nothing.
NOT_COUNTING_SUFFIXES = frozenset(
    "half halves third thirds quarter quarters fifth fifths sixth sixths tenth tenths first second "
    "fourth seventh eighth ninth off way sided".split()
)
# Nouns that label an item by number rather than count: "day 28", "phase 2", "page 5".
LABEL_NOUNS = frozenset(
    "day page chapter section article clause item room number no phase stage level round grade "
    "platform gate junction exit route flight episode verse act figure table step".split()
)

# Counted nouns (singular, lower case) -> the quantity they are reported under.
QUANTITY_NOUNS = {
    "airstrike": "air strikes", "air strike": "air strikes", "air raid": "air strikes",
    "strike": "strikes", "raid": "raids", "bomb": "bombs", "sortie": "sorties",
    "missile": "missiles", "rocket": "rockets", "attack": "attacks",
    "country": "countries", "nation": "countries", "member state": "countries",
    "member": "members", "people": "people", "person": "people", "civilian": "civilians",
    "citizen": "citizens", "resident": "residents", "refugee": "refugees",
    "fighter": "fighters", "militant": "militants", "jihadist": "jihadists", "rebel": "rebels",
    "troop": "troops", "soldier": "troops", "force": "troops", "hostage": "hostages",
    "brigade": "brigades", "battalion": "battalions", "camp": "camps", "dollar": "dollars",
    "euro": "euros", "pound": "pounds", "year": "years", "month": "months", "week": "weeks",
    "day": "days", "hour": "hours", "minute": "minutes", "percent": "percent",
    "per cent": "percent", "%": "percent", "death": "deaths", "casualty": "casualties",
    "victim": "victims", "child": "children", "woman": "women", "man": "men",
    "attacker": "attackers", "official": "officials", "minister": "ministers",
    "organisation": "organisations", "organization": "organisations", "point": "points",
    "time": "times", "fold": "times", "vote": "votes", "penny": "pence", "pence": "pence",
    "p": "pence", "cent": "cents", "foot": "feet", "feet": "feet", "metre": "metres",
    "meter": "metres", "kilometre": "kilometres", "kilometer": "kilometres", "km": "kilometres",
    "mile": "miles", "mph": "mph", "kph": "km/h", "km/h": "km/h", "kg": "kilograms",
    "kilogram": "kilograms", "tonne": "tonnes", "ton": "tons", "inch": "inches",
}
_QUANTITIES = frozenset(QUANTITY_NOUNS.values())
# Quantities that reports use interchangeably for one fact, compared in one group.
GROUP_KEYS = {
    "countries": "countries or members", "members": "countries or members",
    "air strikes": "strikes", "strikes": "strikes", "bombs": "strikes", "raids": "strikes",
    "sorties": "strikes",
}

MONTHS = (*vocab.MONTHS["en"], *vocab.MONTH_ABBREVIATIONS_EN)
# Words that end the phrase after a number: what is counted comes before them.
_STOP = frozenset(
    """
    of in on at to from for with by against into inside across over under since after before
    during per than as about through within without between among ago yet now already still
    the a an this that these those which who whom whose where when while because but
    is are was were be been being have has had will would can could may might shall should must
    do does did said says say told have
    """.split()
)

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
    if re.search(r"(?:%s)\.?\s*$" % "|".join(MONTHS), before):
        return True  # "Dec 15", "Aug. 8"
    if re.match(r"\s*(?:%s)\b" % "|".join(MONTHS), after) and num.isdigit() and int(num) <= 31:
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
    for k, m in enumerate(_AFTER_WORD.finditer(text, pos)):
        if m.start() != pos and k == 0 and not text[pos:m.start()].isspace():
            break
        word = m.group(1)
        low = word.lower()
        if k == 0 and low == "of":
            return "", True
        if not re.match(r"[\w%]", word) or low in _STOP or low in WORD_NUMBERS or word[:1].isdigit():
            break
        if low.endswith("ly") and len(low) > 4:
            break
        if low in ("and", "or") and any(w[:1].islower() and w not in ("and", "or") for w in words):
            # "60 counties and international organisations": the first noun is what is counted;
            # "150,000 US and Nato forces": capitalised modifiers share the noun after "and".
            break
        words.append(word)
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
    # An unknown noun: the first plural-looking lower-case word ("60 counties came"), else the
    # first lower-case word; capitalised words are modifiers ("US and Nato").
    lower = [w for w in words if w[:1].islower() and w not in ("and", "or")]
    plural = [w for w in lower if w.endswith("s") and not w.endswith("ss")]
    return (plural or lower or [""])[0], False


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
    return low in ("people", "children", "men", "women", "feet", "teeth", "mice", "police") or (
        low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2
    )


def _not_a_count(text: str, m: re.Match[str], spans: tuple[tuple[int, int], ...]) -> bool:
    """A number that names, dates or labels rather than counts (see the module docstring)."""
    start, end = m.start("num"), m.end("num")
    if m.group("qual") or m.group("cur"):
        return False
    after = text[end:]
    if re.match(r"['’]?s\b", after):
        return True  # a decade or an age: "the 1950s", "in his 30s"
    before = re.search(r"([\w’'.-]+)\s+$", text[:start])
    if before is None:
        return False
    word = before.group(1)
    if word.lower() in LABEL_NOUNS:
        return True  # "day 28", "phase 2"
    if word.endswith(".") or word.lower() in _WEEKDAYS:
        return False  # the end of the sentence before, or "said Sunday 300 people..."
    # The first word of its sentence (or of a list item) is capitalised anyway.
    sentence_start = any(
        s <= before.start(1) < e and not _LIST_MARK.sub("", text[s : before.start(1)]).strip()
        for s, e in spans
    )
    if word[:1].isupper() and not sentence_start and word.lower().rstrip(".") not in MONTHS:
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
        if is_word and suffix in NOT_COUNTING_SUFFIXES:
            continue
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
        known = bool(noun) and quantity_of(noun) in QUANTITY_NOUNS.values()
        # A plural noun of its own ("three abstentions", "six games") is what is counted.
        plural = bool(noun) and not of_next and _looks_plural(noun.split()[-1])
        determiner = re.search(r"\b(the|these|those|this|that|each|every|no|any|which)\s+$",
                               text[: m.start()], re.IGNORECASE)
        if is_word and determiner and not known and not suffix:
            # "the two arch-foes", "the one before": a reference to what the text has named.
            continue
        # "12 brigades, nine local and four ...": a bare word after a number in a list that
        # already counted something borrows that noun (see _fill_quantities).
        listed = bool(found) and _same_sentence(spans, found[-1][0], m.start())
        if not known and not plural and listed and not of_next and len(noun.split()) <= 1:
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
    return _fill_quantities(found, text, spans)


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
            figure = Figure(figure.quantity, figure.value, figure.qualifier,
                            text[offset : nxt_offset + len(donor.text)].strip(), figure.ref,
                            figure.sentence)
        elif not of_next:
            earlier = [f for o, f, _ in found[:k] if f.quantity and f in same]
            donor = earlier[-1] if earlier else None
        if donor is None:
            continue
        result.append(Figure(donor.quantity, figure.value, figure.qualifier, figure.text,
                             figure.ref, figure.sentence))
    return result


def find_figures(sources: Sequence[CleanSource]) -> tuple[Figure, ...]:
    """Every figure of every paragraph, in source id and reading order."""
    figures: list[Figure] = []
    for source in sorted(sources, key=lambda s: s.id):
        for index in range(len(source.paragraphs)):
            figures.extend(_paragraph_figures(source, index))
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


def group_figures(figures: Sequence[Figure]) -> tuple[FigureGroup, ...]:
    """Statements of the same quantity across sources, most widely reported first."""
    typos = _typo_map([f.quantity for f in figures])
    by_key: dict[str, list[Figure]] = {}
    for f in figures:
        quantity = typos.get(f.quantity, f.quantity)
        by_key.setdefault(GROUP_KEYS.get(quantity, quantity), []).append(f)
    groups: list[FigureGroup] = []
    for key, members in by_key.items():
        members.sort(key=lambda f: (f.value, _order(f)))
        clusters: list[list[Figure]] = []
        for f in members:
            if clusters and f.value <= clusters[-1][0].value * VALUE_SPREAD:
                clusters[-1].append(f)
            else:
                clusters.append([f])
        for cluster in clusters:
            values = tuple(sorted({f.value for f in cluster}))
            ordered = tuple(sorted(cluster, key=_order))
            verdict: FigureVerdict = (
                "single" if len({f.source for f in ordered}) == 1 else "agree" if len(values) == 1 else "differ"
            )
            groups.append(FigureGroup(key, ordered, values, verdict))
    groups.sort(key=lambda g: (-g.sources, g.quantity, g.values))
    return tuple(groups)
