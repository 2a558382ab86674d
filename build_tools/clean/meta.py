"""Read an article's metadata from its own text: byline, dateline, credit line, publication date.

Each reader takes one block's text and returns what it found or nothing. Which block is the title,
and which lines are metadata rather than body, is decided by `article.py`, which calls these.
A date is only a publication date when the text says so ("Date created : 2014-12-03",
"Published on 3 December 2014"); a bare date in the page chrome is the day the page was saved.
"""

from __future__ import annotations

import re

from .. import vocab

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# The other languages' month names, by their first letters where those are unambiguous
_MONTHS_OTHER = {
    "janv": 1, "fév": 2, "fev": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7, "aoû": 8, "aou": 8, "déc": 12,
    "jän": 1, "mär": 3, "okt": 10, "dez": 12,
    "gen": 1, "febb": 2, "marz": 3, "apri": 4, "mag": 5, "giu": 6, "lug": 7, "ago": 8, "set": 9, "ott": 10, "dic": 12,
    "ene": 1, "febr": 2, "abr": 4, "mayo": 5, "juni": 6, "julio": 7, "juli": 7, "sept": 9, "octu": 10, "novi": 11,
    "maa": 3, "mei": 5, "augu": 8, "març": 3, "maio": 5, "junh": 6, "julh": 7, "outu": 10,
}  # fmt: skip
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})"),
    re.compile(rf"{_DAY}\.?\s+(?:of\s+|de\s+)?{_MONTH}(?:\s+de)?,?\s+{_YEAR}"),
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    # 03/12/2014 is read day first only when unambiguous or when the day cannot be a month
    re.compile(r"(?P<day>\d{1,2})[./](?P<mnum>\d{1,2})[./](?P<year>\d{4})"),
)
_DATE_LABEL = re.compile(
    r"^(?P<label>date created|date published|first published|published|posted|created|last updated|updated|date|"
    r"publié|modifié|mis à jour|pubblicato|aggiornato|veröffentlicht|veroffentlicht|aktualisiert|gepubliceerd|bijgewerkt|"
    r"publicado|actualizado|atualizado)"
    r"(?:\s+(?:on|le|il|am|op|el|em))?\s*:?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)


# Full month names in every language of the shared vocabulary, with their variant spellings
_MONTH_NAMES = {name: number for lang in vocab.LANGUAGES for name, number in vocab.month_numbers(lang).items()}


def _month(name: str) -> int:
    low = name.lower()
    if low in _MONTH_NAMES:
        return _MONTH_NAMES[low]
    # abbreviations: "janv.", "févr.", "Dez.", "Sept"
    for n in (4, 3):  # the longer prefix first: "juin" and "juil" share "jui"
        if low[:n] in _MONTHS_OTHER:
            return _MONTHS_OTHER[low[:n]]
    return _MONTHS.get(low[:3], 0)


def parse_date(text: str) -> str:
    """The first full date in `text` as yyyy-mm-dd, or ""."""
    for form in _DATE_FORMS:
        m = form.search(text)
        if not m:
            continue
        parts = m.groupdict()
        if parts.get("mnum"):
            month = int(parts["mnum"])
        else:
            month = _month(parts["month"])
        day, year = int(parts["day"]), int(parts["year"])
        if form is _DATE_FORMS[3] and day <= 12 and month <= 12 and day != month:
            continue  # 03/12/2014: day-first or month-first? Not a date we can state.
        if 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


def labelled_date(text: str) -> tuple[str, str]:
    """("published", "2014-12-03") for a line that states a date with a label; ("", "") otherwise."""
    m = _DATE_LABEL.match(text.strip())
    if not m:
        return "", ""
    date = parse_date(m.group("rest"))
    return (m.group("label").lower(), date) if date else ("", "")


# "BRUSSELS (AFP) -", "London (AFP) -", "WASHINGTON, Dec 3 (Reuters) -", "PARIS — ", "GENEVA, Switzerland --"
_PLACE = r"[A-Z][A-Za-z'’.-]*(?:[ -][A-Z][A-Za-z'’.-]*){0,3}"
_DATELINE_AGENCY = re.compile(
    rf"^(?P<place>{_PLACE})(?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{{1,2}})?(?:,\s*\d{{4}})?)?\s*"
    r"\((?P<agency>[A-Za-z][A-Za-z0-9 &/.-]{0,30})\)\s*[-–—:]+\s+\S"
)
_DATELINE_CAPS = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,3})(?:,\s*[A-Z][A-Za-z. ]{1,30})?\s*(?:[-–—]{1,2}|:)\s+\S"
)


def dateline(text: str) -> tuple[str, str] | None:
    """(place, agency) when `text` opens with a dateline; the agency may be ""."""
    m = _DATELINE_AGENCY.match(text)
    if m:
        return m.group("place"), m.group("agency").strip()
    m = _DATELINE_CAPS.match(text)
    if m and len(m.group("place")) >= 3:
        return m.group("place"), ""
    return None


_PARTICLE = {
    "al",
    "el",
    "de",
    "da",
    "di",
    "du",
    "van",
    "von",
    "der",
    "den",
    "la",
    "le",
    "bin",
    "ibn",
    "ben",
    "del",
    "dos",
    "st",
}
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-zà-ÿ'’]*\.?|[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)+|[A-Z]{2,}|(?:al|el|Al|El)-[A-Z][a-zà-ÿ]+|[A-Z][a-zà-ÿ]*[A-Z][a-zà-ÿ]+)$"
)
_BY = re.compile(r"^(?:by|written by|words by|von|par|por|di)\s+(?P<names>.+)$", re.IGNORECASE)
# Trailing affiliation: "By James Pheby, AFP", "By Jo Smith | Reuters", "By Jo Smith in Washington"
_AFFILIATION = re.compile(
    r"\s*(?:[|•·–—-]\s*[\w .&]+|,\s*[A-Z]{2,}[\w .&]*|\s+in\s+[A-Z][\w .-]+|,\s*(?:staff|special|senior|chief)\b.*)$"
)


def _is_name(part: str) -> bool:
    tokens = part.split()
    if not 2 <= len(tokens) <= 4:
        return False
    named = [t for t in tokens if t.lower() not in _PARTICLE]
    return len(named) >= 2 and all(_NAME_TOKEN.match(t) for t in named) and not all(t.isupper() for t in named)


_NAME_SEPARATOR = re.compile(r",|\band\b|&|\bund\b|\bet\b|\by\b")
_SEPARATOR_WORDS = frozenset({"and", "und", "et", "y"})


def _has_common_word(text: str) -> bool:
    """A lower-case word that is neither a particle nor a separator: no list of names has one.

    Such a word (letters only, so no separator cuts it) is a token of some part, and a name token
    never starts in lower case: a cheap way to dismiss sentences before splitting them.
    """
    for word in text.split():
        if word[0].islower() and word.isalpha() and word not in _SEPARATOR_WORDS and word.lower() not in _PARTICLE:
            return True
    return False


def by_label(text: str) -> bool:
    """The line opens with a byline's label ("By", "Written by", "Von"...) and a name after it."""
    return _BY.match(text.strip()) is not None


def name_alone(text: str) -> bool:
    """The line is one person's name and nothing else ("Jo Smith"): an author, not a title. Two
    words only: three or four capitalised words are as often a headline ("Just Keep Going")."""
    text = text.strip()
    return len(text.split()) == 2 and _is_name(text)


def byline(text: str) -> tuple[str, ...]:
    """The authors' names when the block is a byline: "By A and B", "A, B"; () otherwise."""
    text = text.strip()
    # Every byline has at least three words: a label and a two-word name, or two such names, which
    # need a space each even when a separator is glued to them ("A B,C D"). Most one- and
    # two-word lines of a page's head (menu entries, section names) end here.
    if len(text.split(None, 2)) < 3:
        return ()
    m = _BY.match(text)
    labelled = bool(m)
    if not labelled and _has_common_word(text):
        return ()
    names = m.group("names") if m else text
    if labelled:
        names = _AFFILIATION.sub("", names)
    parts = [p.strip() for p in _NAME_SEPARATOR.split(names) if p.strip()]
    if not parts or len(parts) > 6:
        return ()
    if all(_is_name(p) for p in parts):
        # a bare list of names is a byline only when there are at least two of them or a label
        # says so: one capitalised pair alone ("New York", "White House") is too weak
        if labelled or len(parts) >= 2:
            return tuple(parts)
    return ()


_NEXT_FIELD = re.compile(
    r"\s+(?:posted|published|updated|filed|last updated|date|dated|written|photo|category|categories|tags?)"
    r"(?: (?:on|under|in|by|at))?\s?:\s",
    re.IGNORECASE,
)


def credit_publisher(text: str) -> str:
    """The publisher named by a credit line: "(FRANCE 24 with AP and REUTERS)", "Source: Yahoo News"."""
    text = text.strip()
    m = re.match(r"^source\s*:\s*(?P<pub>[^/|;]+)", text, re.IGNORECASE)
    if m:
        # the credit's line may run on into the next labelled field of the page's head, joined
        # into one block: "Source: WENN Posted on: December 28, 2007 Filed under: Pop"
        return _NEXT_FIELD.split(m.group("pub"), maxsplit=1)[0].strip(" .")
    m = re.fullmatch(r"\((?P<pub>[^()]+)\)", text)
    if m and not re.match(r"(?i)(?:additional )?(?:reporting|editing|writing|compiled)\b", m.group("pub")):
        return m.group("pub").strip()
    return ""
