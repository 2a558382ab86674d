"""Find the dates the sources mention and resolve them against each source's publication date.

Absolute dates ("2014-12-03", "September 23, 2014", "Dec 15", "Aug. 8", "20 November", "in
August", "mid-October", "in late September", "in 1979") and relative ones ("on Wednesday",
"Tuesday's talks", "today", "last week", "next spring") become Events with the sentence, the
source and paragraph, and an explanation of how the date was reached (Event.resolution).

Resolution rules, kept simple on purpose:

- A weekday is the one nearest the publication date (within three days either way); "last" and
  "next" force the direction, and so does the tense of the nearest verb cue in the sentence
  ("said", "was", "-ed" verbs: the one before; "will", "due to", "next": the one after). A weekday
  equal to the publication weekday is the publication day itself.
- A day and month without a year, or a month alone, is the occurrence nearest the publication
  date; when the tense points the other way and the occurrence is in the "wrong" direction, the
  occurrence one year earlier (or later) is taken. A month alone exactly six months away with no
  tense cue is ambiguous and left unresolved.
- A month alone gives a partial date "yyyy-mm"; a year alone or a season gives "yyyy".
- "last week" / "next week" give the Monday of that week; "today", "tonight" the publication date.
- With no (valid) publication date, relative and year-less dates are kept with resolved=False and
  date "": listed, never guessed.
- The tense is read in the date's own clause first (between commas, "which", "than", ...), then
  in the sentence; a verb of planning ("proposed closing from September") points ahead.
- "N days/weeks/months/years ago" counts back from the publication date; "less than three months
  ago" bounds a date without naming one and is skipped.
- Not dates: a year naming an edition ("the 2025 state budget"), an indefinite or weekly weekday
  ("a wet Tuesday evening", "the Tuesday sessions").

It does not read times of day, durations ("two months"), or ranges as intervals.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta

from build_tools import vocab
from build_tools.extract.text import sentence_at, sentence_spans
from build_tools.model import CleanSource, DatePrecision, Event, PartialDate, SourceRef

MONTHS = {**vocab.month_numbers("en"), **vocab.MONTH_ABBREVIATIONS_EN}
WEEKDAYS = tuple(day.capitalize() for day in vocab.WEEKDAYS["en"])
# Month and weekday names in the other languages the cleaner reads (French, Spanish, Italian,
# Dutch and Portuguese write them in lower case, German capitalised): both forms are read.
FOREIGN_MONTHS = {
    name: number
    for language in vocab.LANGUAGES
    if language != "en"
    for name, number in vocab.month_numbers(language).items()
    if name not in MONTHS
}
MONTHS.update(FOREIGN_MONTHS)
FOREIGN_WEEKDAYS = {
    form: index
    for language in vocab.LANGUAGES
    if language != "en"
    for index, name in enumerate(vocab.WEEKDAYS[language])
    for form in (name, name.capitalize())
}
WEEKDAY_INDEX = {**{w: i for i, w in enumerate(WEEKDAYS)}, **FOREIGN_WEEKDAYS}
# "yesterday", "last week" in the other languages: -> the English expression resolved the same way.
FOREIGN_RELATIVE = {
    "aujourd'hui": "today",
    "aujourd’hui": "today",
    "hier": "yesterday",
    "demain": "tomorrow",
    "heute": "today",
    "gestern": "yesterday",
    "hoy": "today",
    "ayer": "yesterday",
    "la semaine dernière": "last week",
    "la semaine prochaine": "next week",
    "cette semaine": "this week",
    "letzte woche": "last week",
    "vergangene woche": "last week",
    "nächste woche": "next week",
    "diese woche": "this week",
    "la semana pasada": "last week",
    "la próxima semana": "next week",
    "esta semana": "this week",
    "le mois dernier": "last month",
    "letzten monat": "last month",
    "el mes pasado": "last month",
    "l'année dernière": "last year",
    "l’année dernière": "last year",
    "letztes jahr": "last year",
    "el año pasado": "last year",
}
# Holidays on a fixed day: (month, day).
HOLIDAYS = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year’s day": (1, 1),
    "new year's eve": (12, 31),
    "new year’s eve": (12, 31),
    "boxing day": (12, 26),
}
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
# Words that tell the tense near a date: the nearest cue to the date decides.
_FUTURE_CUES = r"will|shall|would|next|due|plans?|planned|expected|upcoming|coming|going\s+to"
# A verb of planning points ahead whatever its own tense: "officers had proposed closing from
# September" (written in February) is the September to come.
_PLAN_CUES = (
    r"(?:propos|plann|intend|schedul|expect)(?:e|es|ed|ing|s)?|aims?|aimed|aiming|hopes?|hoped"
    r"|set\s+to"
)
_IRREGULAR_PAST = (
    "met held went came took gave made saw left began sent spoke brought became struck fought "
    "won lost led set put hit cut chose wrote said told found thought knew flew fell rose ran "
    "forecast spent paid built sold bought kept heard"
)
_PAST_CUES = r"was|were|had|did|ago|last|earlier|[a-z]{3,}ed|" + _IRREGULAR_PAST.replace(" ", "|")
# A month alone is a date only after one of these ("in August", "late September", "mid-October").
_MONTH_LEADS = (
    r"in|since|by|until|till|from|during|through|throughout|before|after|of|last|next|this"
    r"|early|late|mid|the|a|en|de|im|seit|bis|depuis|desde|hasta|fin|début"
)

_MONTH = r"(?P<month>{})".format(
    "|".join(sorted({m.capitalize() for m in MONTHS} | set(FOREIGN_MONTHS), key=len, reverse=True))
)
_WEEKDAY = "|".join(sorted(WEEKDAY_INDEX, key=len, reverse=True))
_FOREIGN_REL = "|".join(re.escape(k) for k in sorted(FOREIGN_RELATIVE, key=len, reverse=True))
_HOLIDAY = "|".join(re.escape(k) for k in sorted(HOLIDAYS, key=len, reverse=True))
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    (
        "month_day",
        re.compile(rf"\b{_MONTH}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)(?:,?\s+(?P<year>\d{{4}})\b)?"),
    ),
    (
        "day_month",
        # "20 November 2014", "le 3 décembre 2014", "3. Dezember 2014", "3 de diciembre de 2014"
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?{_MONTH}\b\.?(?:,?\s+(?:de\s+)?(?P<year>\d{{4}})\b)?"
        ),
    ),
    ("holiday", re.compile(rf"(?i:\b(?P<holiday>{_HOLIDAY}))\b")),
    ("month_year", re.compile(rf"\b(?:(?P<mod>early|late|mid)[- ])?{_MONTH}\.?,?\s+(?:de\s+)?(?P<year>\d{{4}})\b")),
    ("month_rel", re.compile(rf"\b{_MONTH}\s+of\s+(?P<rel>this|last|next)\s+year\b")),
    ("year_mod", re.compile(r"(?i:\b(?P<mod>early|late|mid)[- ])(?P<year>(?:19|20)\d{2})\b(?![-/]\d)")),
    (
        "month",
        re.compile(
            # Leads in any case ("In late September"), the month capitalised: "in may" is no date.
            rf"(?i:\b(?:{_MONTH_LEADS})\b[- ](?:(?P<mod>early|late|mid)[- ])?|\b(?P<mod2>mid)-)"
            rf"{_MONTH}\b",
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:in|since|by|until|from|during|of|the|a|before|after|beyond|through|until\s+at\s+least"
            r"|en|im|seit|depuis|desde)\s+"
            r"(?P<year>(?:19|20)\d{2})\b(?![-/]\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<count>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
            r"\s+(?P<unit>day|week|month|year)s?\s+ago\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"(?:\b(?P<wmod>on|last|next|this)\s+)?(?:\b(?P<part>early|late)\s+)?\b(?P<weekday>{_WEEKDAY})(?:['’]s)?\b"
        ),
    ),
    (
        "relative",
        re.compile(
            r"(?<!the\s)\b(?P<rel>today|tonight|yesterday|tomorrow|(?:last|next|this)\s+(?:week|month|year)"
            r"|(?:last|next|this)\s+(?:spring|summer|autumn|fall|winter))\b",
            re.IGNORECASE,
        ),
    ),
    ("foreign_relative", re.compile(rf"(?i:(?<![\w'’])(?P<rel>{_FOREIGN_REL}))(?![\w'’])")),
)

# A list item's marker ("• " as the HTML cleaner writes <li>, "- ", "* ") is no part of its sentence.
_LIST_MARK = re.compile(r"^(?:[•·▪►▸◦*–-]\s+)+")


def _sentence(text: str, offset: int, spans: tuple[tuple[int, int], ...]) -> str:
    return _LIST_MARK.sub("", sentence_at(text, offset, spans))


def _parse_iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


# What ends the clause a date belongs to: punctuation, or a word opening another clause.
_CLAUSE_BREAK = re.compile(r"[,;:()–—]|\b(?:which|who|whom|whose|that|than|but|while|whereas)\b", re.IGNORECASE)


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause of `sentence` holding the date at sentence[start:end]."""
    lo, hi = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _nearest_cue(sentence: str, start: int, end: int, lo: int, hi: int) -> str:
    best: tuple[int, str] | None = None
    for kind, cues in (("future", _PLAN_CUES), ("future", _FUTURE_CUES), ("past", _PAST_CUES)):
        # After "be"/"being" a participle is passive and carries no tense ("will be held").
        passive = r"(?<!\bbe\s)(?<!\bbeing\s)" if kind == "past" else ""
        for m in re.finditer(rf"(?<![\w-]){passive}(?:{cues})\b", sentence, re.IGNORECASE):
            if start <= m.start() < end or m.start() < lo or m.end() > hi:
                continue
            if kind == "past" and m.group(0)[:1].isupper() and m.group(0).lower().endswith("ed"):
                continue  # "United", "Ahmed": a capitalised -ed word is a name
            distance = start - m.end() if m.end() <= start else m.start() - end
            if best is None or distance < best[0]:
                best = (distance, kind)
    return best[1] if best else ""


def tense_near(sentence: str, start: int, end: int) -> str:
    """ "past", "future" or "" from the verb cue nearest to sentence[start:end].

    The date's own clause is read first ("larger than the $2.7bn forecast in December": the
    forecast was made; "which officers had proposed closing from September": a plan), the rest of
    the sentence only when that clause has no cue.
    """
    lo, hi = _clause(sentence, start, end)
    return _nearest_cue(sentence, start, end, lo, hi) or _nearest_cue(sentence, start, end, 0, len(sentence))


def resolve_weekday(weekday: int, published: date, modifier: str, tense: str) -> tuple[date, str]:
    """The date of `weekday` (0 = Monday) relative to `published`, with the reason."""
    name = WEEKDAYS[weekday]
    forward = (weekday - published.weekday()) % 7
    backward = forward - 7 if forward else 0
    if modifier == "last":
        delta, why = (backward or -7), f"{name} before"
    elif modifier == "next":
        delta, why = (forward or 7), f"{name} after"
    elif forward == 0:
        delta, why = 0, f"{name} of"
    elif tense == "past":
        delta, why = backward, f"{name} before (past tense)"
    elif tense == "future":
        delta, why = forward, f"{name} after (future tense)"
    else:
        delta = forward if forward <= 3 else backward
        why = f"{name} nearest"
    return published + timedelta(days=delta), f"{why} {published.isoformat()} (publication date)"


# The tense of a sentence moves a day and month to the year before or after only when that
# occurrence lies within this many days; a date six weeks ahead stays ahead whatever the verb.
TENSE_REACH_DAYS = 200


def _nearest_year(month: int, day: int, published: date, tense: str) -> tuple[int | None, str]:
    """The year putting month/day nearest the publication date, adjusted by tense."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            when = date(year, month, min(day, 28) if month == 2 else day)
        except ValueError:
            continue
        options.append(((when - published).days, year))
    options.sort(key=lambda o: (abs(o[0]), o[0]))
    delta, year = options[0]
    tie = len(options) > 1 and abs(options[1][0]) == abs(delta)
    if tense == "past" and delta > 0:
        earlier = max(o for o in options if o[0] <= 0)
        if -earlier[0] <= TENSE_REACH_DAYS or delta > TENSE_REACH_DAYS:
            return earlier[1], "nearest before"
    if tense == "future" and delta < 0:
        later = min(o for o in options if o[0] >= 0)
        if later[0] <= TENSE_REACH_DAYS or -delta > TENSE_REACH_DAYS:
            return later[1], "nearest after"
    if tie:
        if tense == "past":
            return min(options[:2])[1], "nearest before"
        if tense == "future":
            return max(options[:2])[1], "nearest after"
        return None, "as far before as after"
    return year, "nearest"


def _nearest_month(month: int, published: date, tense: str) -> tuple[int | None, str]:
    """The year putting a month alone nearest the publication month, adjusted by tense."""
    here = published.year * 12 + published.month - 1
    years = (published.year - 1, published.year, published.year + 1)
    options = sorted(((year * 12 + month - 1 - here, year) for year in years), key=lambda o: (abs(o[0]), o[0]))
    delta, year = options[0]
    if tense == "past" and delta > 0:
        return max(o for o in options if o[0] <= 0)[1], "nearest before"
    if tense == "future" and delta < 0:
        return min(o for o in options if o[0] >= 0)[1], "nearest after"
    if abs(options[1][0]) == abs(delta) and delta:
        if tense == "past":
            return year, "nearest before"
        if tense == "future":
            return options[1][1], "nearest after"
        return None, "as far before as after"
    return year, "nearest"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# "two weeks ago", "a month earlier": counts of up to twelve.
_COUNTS = {"a": 1, "an": 1, **{w: n for w, n in vocab.NUMBER_WORDS.items() if n <= 12 and w != "dozen"}}


def _ago(count: str, unit: str, published: date, pub: str) -> tuple[str, str]:
    """ "two years ago" -> the year, "three months ago" -> the month, "a week ago" -> its Monday."""
    n = int(count) if count.isdigit() else _COUNTS[count]
    why = f"{n} {unit}(s) before {pub} (publication date)"
    if unit == "year":
        return f"{published.year - n:04d}", why
    if unit == "month":
        index = published.year * 12 + published.month - 1 - n
        return f"{index // 12:04d}-{index % 12 + 1:02d}", why
    if unit == "week":
        return _monday(published - timedelta(weeks=n)).isoformat(), why
    return (published - timedelta(days=n)).isoformat(), why


# The resolution of a date the text states but the calendar does not have ("31 February 2016"):
# such an event is dropped with a warning, not listed.
IMPOSSIBLE = "impossible date"
_RANK: dict[DatePrecision, int] = {"year": 1, "month": 2, "day": 3}


def _needs(kind: str, groups: dict[str, str | None]) -> DatePrecision | None:
    """How much of the publication date a match needs to be resolved (None: nothing)."""
    if kind in ("iso", "month_year", "year", "year_mod"):
        return None
    if kind == "holiday":
        return "month"
    if kind == "month_rel":
        return "year"
    if kind == "foreign_relative":
        groups = {"rel": FOREIGN_RELATIVE.get((groups.get("rel") or "").lower(), "")}
    if kind in ("month_day", "day_month"):
        return None if groups.get("year") else "month"
    if kind == "month":
        return "month"
    if kind == "ago":
        unit = (groups.get("unit") or "").lower()
        return "year" if unit == "year" else "month" if unit == "month" else "day"
    if kind == "weekday":
        return "day"
    rel = (groups.get("rel") or "").lower().split()
    unit = rel[-1] if rel else ""
    return (
        "year"
        if unit == "year"
        else "day"
        if unit in ("week", "today", "tonight", "yesterday", "tomorrow")
        else "month"
    )


def _unknown(kind: str, needs: DatePrecision, published: PartialDate | None) -> str:
    """Why a match stays unresolved: no publication date, or one that says too little."""
    if published is None:
        return (
            "no year and no publication date"
            if kind in ("month_day", "day_month", "month")
            else "relative date and no publication date"
        )
    return f"the publication date {published} names no {needs}"


def _anchor(published: PartialDate) -> date:
    """The day a partial publication date is read from: itself, or the middle of its month."""
    return published.as_date() or date(published.year, published.month or 1, 15 if published.month else 1)


def _resolve(
    kind: str, m: re.Match[str], sentence: str, at: tuple[int, int], published: PartialDate | None
) -> tuple[str, str]:
    """(ISO date or "", explanation) for one match, resolved within what the publication
    date says: "2014-11" places "in December" but not "on Wednesday"."""
    groups = m.groupdict()
    needs = _needs(kind, groups)
    if needs is not None and (published is None or _RANK[published.precision] < _RANK[needs]):
        return "", _unknown(kind, needs, published)
    pub = str(published) if published else ""
    anchor = _anchor(published) if published else None
    if kind == "iso":
        when = _parse_iso(m.group(0))
        return (when.isoformat(), "as written") if when else ("", IMPOSSIBLE)
    if kind in ("month_day", "day_month", "month_year", "month", "year", "year_mod"):
        return _resolve_calendar(kind, groups, sentence, at, anchor, pub)
    if kind == "month_rel":
        assert anchor is not None
        month = MONTHS[(groups["month"] or "").lower()]
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[(groups["rel"] or "").lower()]
        return f"{year:04d}-{month:02d}", f"{(groups['rel'] or '').lower()} year from {pub} (publication date)"
    if kind == "holiday":
        assert anchor is not None
        month, day = HOLIDAYS[(groups["holiday"] or "").lower()]
        guess, how = _nearest_year(month, day, anchor, tense_near(sentence, *at))
        if guess is None:
            return "", f"year unclear: {how} {pub}"
        return date(guess, month, day).isoformat(), f"year of the occurrence {how} {pub} (publication date)"
    assert anchor is not None  # every other kind needs a publication date
    if kind == "ago":
        return _ago((groups["count"] or "").lower(), (groups["unit"] or "").lower(), anchor, pub)
    if kind == "weekday":
        weekday = WEEKDAY_INDEX[groups["weekday"] or ""]
        modifier = (groups.get("wmod") or "").lower()
        when, how = resolve_weekday(weekday, anchor, modifier, tense_near(sentence, *at))
        return when.isoformat(), how
    rel = re.sub(r"\s+", " ", (groups["rel"] or "").lower())
    return _resolve_relative(FOREIGN_RELATIVE.get(rel, rel), anchor, pub)


def _resolve_calendar(
    kind: str, groups: dict[str, str | None], sentence: str, at: tuple[int, int], anchor: date | None, pub: str
) -> tuple[str, str]:
    """A date named by its month, day or year ("Dec 15", "20 November 2014", "in August")."""
    month = MONTHS.get((groups.get("month") or "").lower().rstrip("."), 0)
    year = int(groups["year"] or 0) if groups.get("year") else None
    if kind in ("year", "year_mod"):
        return groups["year"] or "", "year as written"
    if kind == "month_year":
        return f"{year:04d}-{month:02d}", "month as written"
    if kind == "month":
        assert anchor is not None
        guess, how = _nearest_month(month, anchor, tense_near(sentence, *at))
        if guess is None:
            return "", f"year unclear: month {how} {pub}"
        return f"{guess:04d}-{month:02d}", f"month {how} {pub} (publication date)"
    day = int(groups["day"] or 0)
    if year is not None:
        try:
            return date(year, month, day).isoformat(), "as written"
        except ValueError:
            return "", IMPOSSIBLE
    if not 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1]):
        return "", IMPOSSIBLE  # "June 31" in no year
    assert anchor is not None
    guess, how = _nearest_year(month, day, anchor, tense_near(sentence, *at))
    if guess is None:
        return "", f"year unclear: {how} {pub}"
    try:
        return date(guess, month, day).isoformat(), f"year of the occurrence {how} {pub} (publication date)"
    except ValueError:
        return "", f"no 29 February in {guess}, the year {how} {pub}"


def _resolve_relative(rel: str, published: date, pub: str) -> tuple[str, str]:
    """ "today", "yesterday", "last week", "next month", "this year", "next spring"."""
    if rel in ("today", "tonight"):
        return pub, "publication date"
    if rel in ("yesterday", "tomorrow"):
        when = published + timedelta(days=-1 if rel == "yesterday" else 1)
        return when.isoformat(), f"{rel} of {pub} (publication date)"
    step, unit = rel.split(" ")
    shift = {"last": -1, "this": 0, "next": 1}[step]
    if unit == "week":
        monday = _monday(published) + timedelta(weeks=shift)
        return monday.isoformat(), f"the week of {monday.isoformat()}, {step} week from {pub} (publication date)"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + shift
        return f"{index // 12:04d}-{index % 12 + 1:02d}", f"{rel} from {pub} (publication date)"
    if unit == "year":
        return f"{published.year + shift:04d}", f"{rel} from {pub} (publication date)"
    # A season: "next spring" is the first such season after the publication date.
    start_month = SEASONS[unit]
    year = published.year + (shift if shift else 0)
    if step == "next" and (published.month < start_month or unit == "winter"):
        year = published.year if unit != "winter" else published.year + 1
    if step == "last" and published.month > start_month + 2:
        year = published.year
    return f"{year:04d}", f"{rel} from {pub} (publication date)"


# A year before one of these nouns names an edition, not a date: "the 2025 state budget".
_EDITION_NOUNS = frozenset(
    "budget budgets season seasons edition version model models report accounts plan strategy "
    "estimates forecast forecasts target targets guidelines fiscal financial tax academic school "
    "calendar cycle intake cohort".split()
)
# Words between "a"/"every" and a weekday that leave it indefinite: "on a wet Tuesday evening".
_NOT_ADJECTIVES = frozenset("on by until from since before after last next this the week".split())


# "a statement Tuesday", "a call late Thursday": a noun of something that happened on the day.
_EVENT_NOUNS = frozenset(
    "statement interview speech call meeting briefing conference visit vote ruling hearing session "
    "report release announcement appearance letter message".split()
)


def _names_no_date(text: str, start: int, end: int, kind: str) -> bool:
    """A match that names no single date: an edition year, "a Tuesday", "the Tuesday sessions"."""
    if kind == "ago":
        # "less than three months ago" bounds a date without naming one.
        return (
            re.search(
                r"\b(?:less|more|fewer)\s+than\s+$|\b(?:over|under|within|at\s+least)\s+$", text[:start], re.IGNORECASE
            )
            is not None
        )
    if kind == "year":
        after = re.match(r"\s+([a-z]+)(?:\s+([a-z]+))?", text[end:])
        return after is not None and bool({after.group(1), after.group(2)} & _EDITION_NOUNS)
    if kind != "weekday" or re.match(r"(?:on|last|next|this)\s", text[start:end], re.IGNORECASE):
        return False
    before = re.search(r"\b(a|an|every|each|the)\s+((?:[a-z-]+\s+){0,2})$", text[:start], re.IGNORECASE)
    if before is None:
        return False
    between = before.group(2).split()
    if any(w.lower() in _NOT_ADJECTIVES for w in between):
        return False
    if before.group(1).lower() in ("a", "an") and (
        len(between) >= 2
        or any(w.lower() in _EVENT_NOUNS for w in between)
        or re.match(r"(?:early|late)\s", text[start:end], re.IGNORECASE)
        or re.search(r"\b(?:in|at|during|after|before)\s+$", text[: before.start()], re.IGNORECASE)
    ):
        return False  # "in a statement Tuesday", "a call late Thursday": a day, not any Tuesday
    if before.group(1).lower() != "the":
        return True  # "a wet Tuesday evening", "every Friday"
    # "the Tuesday sessions": a weekly habit; "the Tuesday before the vote" is one day.
    return (
        not between
        and re.match(r"\s+[a-z]+[^s\W]?s\b", text[end:]) is not None
        and not re.match(r"\s+(?:was|is|has|as)\b", text[end:])
    )


def _matches(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Every date expression of `text` as (start, end, kind, match), in reading order: the more
    specific pattern wins where two overlap; restated weekdays and non-dates are left out."""
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te, _, _ in taken):
                continue  # an earlier, more specific pattern already read this text
            taken.append((s, e, kind, m))
    # "Thursday (20 November)": the weekday only restates the date that follows.
    absolute = [(s, e) for s, e, k, _ in taken if k in ("iso", "month_day", "day_month")]
    taken = [t for t in taken if not (t[2] == "weekday" and any(0 <= s - t[1] <= 3 for s, _ in absolute))]
    taken = [t for t in taken if not _names_no_date(text, t[0], t[1], t[2])]
    return sorted(taken, key=lambda t: t[0])


def _period(kind: str, m: re.Match[str]) -> str:
    """The vagueness a date expression keeps: "week" for "last week", "early"/"mid"/"late" for
    "in late September", "mid-2008"; "" for a precise one."""
    groups = m.groupdict()
    if kind in ("relative", "foreign_relative"):
        rel = re.sub(r"\s+", " ", (groups.get("rel") or "").lower())
        return "week" if FOREIGN_RELATIVE.get(rel, rel).endswith(" week") else ""
    if kind in ("month", "month_year", "year_mod"):
        return (groups.get("mod") or groups.get("mod2") or "").lower()
    return ""


def _paragraph_events(source: CleanSource, index: int, published: PartialDate | None) -> tuple[list[Event], list[str]]:
    """The paragraph's events, and a warning for each impossible date it states."""
    paragraph = source.paragraphs[index]
    text = paragraph.text
    spans = sentence_spans(text)
    events: list[Event] = []
    warnings: list[str] = []
    for s, e, kind, m in _matches(text):
        sentence_span = next(((a, b) for a, b in spans if a <= s < b), (0, len(text)))
        sentence = text[sentence_span[0] : sentence_span[1]]
        at = (s - sentence_span[0], e - sentence_span[0])
        when, how = _resolve(kind, m, sentence, at, published)
        try:
            resolved = PartialDate.parse(when) if when else None
        except ValueError:
            how = IMPOSSIBLE
        if how == IMPOSSIBLE:
            file = f"dossier/sources/{source.file}"
            # An HTML source's paragraphs have no line of their own: the paragraph's anchor says where.
            where = f"{file}:{paragraph.line}" if paragraph.line else f"{file}: paragraph {paragraph.id}"
            warnings.append(f"{where}: impossible date {m.group(0)!r} in the text; ignored")
            continue
        events.append(
            Event(
                date=resolved,
                date_text=m.group(0),
                text=_sentence(text, s, spans),
                ref=SourceRef(source.id, paragraph.id),
                resolution=how,
                period=_period(kind, m) if resolved else "",
            )
        )
    return events, warnings


def events_and_warnings(sources: Sequence[CleanSource]) -> tuple[tuple[Event, ...], tuple[str, ...]]:
    """Every dated mention, resolved where possible, sorted by date with the unresolved ones
    last; and a warning (file:line) for each impossible date, which is left out."""
    keyed: list[tuple[tuple[bool, str, str, int, int], Event]] = []
    warnings: list[str] = []
    for source in sorted(sources, key=lambda s: s.id):
        for index in range(len(source.paragraphs)):
            events, skipped = _paragraph_events(source, index, source.date)
            warnings.extend(skipped)
            for k, event in enumerate(events):
                iso = event.date.iso if event.date else ""
                keyed.append(((event.date is None, iso, source.id, index, k), event))
    keyed.sort(key=lambda item: item[0])
    return tuple(event for _, event in keyed), tuple(warnings)


def find_events(sources: Sequence[CleanSource]) -> tuple[Event, ...]:
    """Every dated mention, resolved where possible; sorted by date, unresolved ones last."""
    return events_and_warnings(sources)[0]
