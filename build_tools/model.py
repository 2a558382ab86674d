"""The dossier's plain data: frozen dataclasses that flow between the stages.

load -> RawSource, ActorDef, TopicDef, Config
clean -> CleanSource (paragraphs, removed lines, metadata)
extract -> Dossier (mentions, topic evidence with highlight spans, quotes, figures and their
           groups with a verdict, events, shared passages, warnings)
render -> {path: markdown}

This module is the whole contract between the stages: everything a page shows is computed by
extract and stored here, so that render only formats and `dossier export` carries every fact.
Nothing here does I/O. Tuples, not lists, so that every value is hashable and immutable.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

ActorKind = Literal["person", "organisation", "country", "group", "place"]
ParagraphKind = Literal["paragraph", "heading"]
SourceFormat = Literal["text", "html"]
DatePrecision = Literal["year", "month", "day"]
# A figure group: several sources state the same value, several sources state different
# values, or only one source states it.
# A figure group: the statements' ranges overlap (they can all be true), they cannot all be
# true, or only one source states it.
FigureVerdict = Literal["consistent", "conflicting", "single"]
# How a quotation's speaker was found: read from the text, or set in sources.yml.
AttributionOrigin = Literal["detected", "curated"]

ACTOR_KINDS: tuple[ActorKind, ...] = get_args(ActorKind)
PARAGRAPH_KINDS: tuple[ParagraphKind, ...] = get_args(ParagraphKind)

_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day: "2014", "2014-11", "2014-11-05".

    0 stands for an unknown month or day, so that dates sort as their ISO strings do. Parsed
    once, where a date enters the dossier (sources.yml, the cleaner's reading of the text, an
    event's resolution); every later stage uses this type, never the string.
    """

    year: int
    month: int = 0
    day: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month == 0:
            if self.day:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"there is no month {self.month:02d}")
        if self.day and not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
            raise ValueError(f"{calendar.month_name[self.month]} {self.year} has no day {self.day}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """ "yyyy", "yyyy-mm" or "yyyy-mm-dd"; ValueError (saying why) for anything else."""
        m = _PARTIAL_DATE.fullmatch(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = m.groups()
        if month == "00":
            raise ValueError("there is no month 00")
        if day == "00":
            raise ValueError("there is no day 00")
        return cls(int(year), int(month or 0), int(day or 0))

    @classmethod
    def parse_or_none(cls, text: str) -> PartialDate | None:
        """`parse`, with None for "" or an impossible date."""
        try:
            return cls.parse(text) if text else None
        except ValueError:
            return None

    @classmethod
    def of(cls, day: date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> DatePrecision:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> date:
        """The first day it can stand for: 2014-11 -> 2014-11-01, 2014 -> 2014-01-01."""
        return date(self.year, self.month or 1, self.day or 1)

    def as_date(self) -> date | None:
        """The day itself, or None when only the month or the year is known."""
        return date(self.year, self.month, self.day) if self.day else None

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True)
class CleanRules:
    """Extra patterns from dossier.yml (`clean: {drop: [...], keep: [...]}`): regexes on a line."""

    drop: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    title: str
    description: str = ""
    language: str = "en"
    site_url: str = ""
    clean: CleanRules = field(default_factory=CleanRules)
    # from this many sources on, the hosted site searches with Pagefind instead of material's
    # lunr index (dossier.yml `search: {pagefind_from: N}`); the offline bundle keeps lunr
    pagefind_from: int = 1000


@dataclass(frozen=True)
class SourceMeta:
    """Curated facts from sources.yml. Empty string / empty tuple means 'not curated'."""

    title: str = ""
    publisher: str = ""
    date: PartialDate | None = None
    url: str = ""
    authors: tuple[str, ...] = ()
    note: str = ""
    # Fields above whose value was recorded as detected (`detected:` in sources.yml), not curated.
    detected: tuple[str, ...] = ()
    # `attributions:` of sources.yml: (the first words of a quotation, the actor id who said it);
    # wins over the speaker found in the text.
    attributions: tuple[tuple[str, str], ...] = ()
    attribution_lines: tuple[int, ...] = ()  # the line in sources.yml of each attribution


@dataclass(frozen=True)
class RawSource:
    id: str  # stable id: the file stem, slugified
    file: str  # file name inside dossier/sources/
    format: SourceFormat
    text: str  # decoded (and NFC-normalised) content, unmodified otherwise
    encoding: str
    meta: SourceMeta = field(default_factory=SourceMeta)


@dataclass(frozen=True)
class Paragraph:
    id: str  # "p1", "p2", ... in reading order; the anchor on the source page
    kind: ParagraphKind
    text: str
    line: int = 0  # 1-based line in the raw text where it starts (0 for HTML sources)


@dataclass(frozen=True)
class Removed:
    line: int  # 1-based line in the raw text
    text: str
    reason: str  # rule name, or "score=0.12 (short, no sentence end)" for the scorer


@dataclass(frozen=True)
class DetectedMeta:
    """What the cleaner read from the text itself. Empty means not found."""

    title: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""  # ISO
    publisher: str = ""  # "FRANCE 24 with AP and REUTERS", "Yahoo News"
    dateline_place: str = ""  # "BRUSSELS"
    dateline_agency: str = ""  # "AFP"


@dataclass(frozen=True)
class CleanSource:
    id: str
    file: str
    format: SourceFormat
    # merged metadata: curated wins, detected fills gaps; `detected` names the fields that came
    # from the text rather than from sources.yml
    title: str
    publisher: str
    date: PartialDate | None
    url: str
    authors: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removed, ...]
    detected_meta: DetectedMeta = field(default_factory=DetectedMeta)
    detected: tuple[str, ...] = ()
    encoding: str = "utf-8"
    note: str = ""

    def paragraph(self, pid: str) -> Paragraph | None:
        for p in self.paragraphs:
            if p.id == pid:
                return p
        return None


@dataclass(frozen=True)
class ActorDef:
    id: str
    name: str
    kind: ActorKind
    role: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()  # the name itself is always an alias too
    case_sensitive: bool = False
    line: int = 0  # line in actors.yml, for messages


@dataclass(frozen=True)
class TopicDef:
    id: str
    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()  # regexes
    line: int = 0


@dataclass(frozen=True)
class SourceRef:
    """A paragraph of a source: what every finding points at."""

    source: str  # CleanSource.id
    paragraph: str  # Paragraph.id


class AtParagraph:
    """What is found in one paragraph: its `ref`, and the source and paragraph ids it names."""

    ref: SourceRef

    @property
    def source(self) -> str:
        return self.ref.source

    @property
    def paragraph(self) -> str:
        return self.ref.paragraph


@dataclass(frozen=True)
class Mention(AtParagraph):
    actor: str  # ActorDef.id
    ref: SourceRef
    alias: str  # as written in the text
    start: int  # offsets in the paragraph text
    end: int
    sentence: str  # the sentence containing it


@dataclass(frozen=True)
class TopicHit(AtParagraph):
    topic: str
    ref: SourceRef
    keyword: str  # the keyword or pattern that matched first
    matched: str = ""  # the text it matched
    # every non-overlapping match of the topic in the paragraph: what its page highlights
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str  # ActorDef.id, or "" when not a curated actor
    speaker_text: str  # as written: "Kerry", "a senior State Department official"
    sources: tuple[SourceRef, ...]
    origin: AttributionOrigin = "detected"  # "curated": set by `attributions:` in sources.yml


@dataclass(frozen=True)
class Figure(AtParagraph):
    quantity: str  # what it counts, normalised: "countries", "air strikes", "dollars", ...
    value: float
    qualifier: str  # "more than", "some", "up to", "roughly", "" ...
    text: str  # as stated: "more than 60"
    ref: SourceRef
    sentence: str = ""
    # The range the statement allows: "more than 60" (60, inf), "60-odd" [60, 70), "some 60"
    # [54, 66], "up to 5,000" [0, 5000], an exact number [v, v]. `bounds` says which ends
    # belong to it, in interval notation: "[]", "[)", "(]" or "()".
    low: float = 0.0
    high: float = 0.0
    bounds: str = "[]"

    def overlaps(self, other: Figure) -> bool:
        """Both statements can be true at once: their ranges share a number."""
        lo, lo_in = max(
            (self.low, self.bounds[0] == "["), (other.low, other.bounds[0] == "["), key=lambda b: (b[0], not b[1])
        )
        hi, hi_in = min(
            (self.high, self.bounds[1] == "]"), (other.high, other.bounds[1] == "]"), key=lambda b: (b[0], b[1])
        )
        return lo < hi or (lo == hi and lo_in and hi_in)


@dataclass(frozen=True)
class FigureGroup:
    """Statements of one quantity across the sources, with whether they agree."""

    quantity: str  # the group key: "countries or members", "strikes", "fighters", ...
    figures: tuple[Figure, ...]  # in source and reading order
    values: tuple[float, ...]  # the distinct values, ascending
    verdict: FigureVerdict
    # pairs of statements (indices into `figures`) whose ranges cannot both be true
    conflicts: tuple[tuple[int, int], ...] = ()

    @property
    def agree(self) -> bool:
        """Every statement gives the same value (whatever the number of sources)."""
        return len(self.values) == 1

    @property
    def sources(self) -> int:
        return len({f.source for f in self.figures})


@dataclass(frozen=True)
class Event(AtParagraph):
    date: PartialDate | None  # None when unresolved
    date_text: str  # as written: "on Wednesday", "Dec 15"
    text: str  # the sentence
    ref: SourceRef
    resolution: str = ""  # how it was resolved, or why not: "Wednesday before 2014-12-03 (publication date)"
    # A vague date keeps its vagueness: "week" (`date` is the Monday of that week: "last
    # week"), "early", "mid" or "late" (of the month or year in `date`: "in late September");
    # "" for a date as precise as `date` itself.
    period: str = ""

    @property
    def resolved(self) -> bool:
        return self.date is not None

    @property
    def iso(self) -> str:
        """The date as ISO text, "" when unresolved."""
        return self.date.iso if self.date else ""


@dataclass(frozen=True)
class SharedPassage:
    """A passage carried by several sources (same wire copy, lightly edited)."""

    refs: tuple[SourceRef, ...]
    text: str  # the text as in the first ref
    similarity: float


@dataclass(frozen=True)
class Dossier:
    config: Config
    sources: tuple[CleanSource, ...]
    actors: tuple[ActorDef, ...]
    topics: tuple[TopicDef, ...]
    mentions: tuple[Mention, ...] = ()
    topic_hits: tuple[TopicHit, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()
    shared: tuple[SharedPassage, ...] = ()
    figure_groups: tuple[FigureGroup, ...] = ()  # most widely reported first
    # what extract skipped and the curator may want to know ("file:line: impossible date ...")
    warnings: tuple[str, ...] = ()
