"""The dossier's plain data: frozen dataclasses that flow between the stages.

load -> RawSource, ActorDef, TopicDef, Config
clean -> CleanSource (paragraphs, removed lines, metadata)
extract -> Dossier (mentions, topic evidence, quotes, figures, events, shared passages)
render -> {path: markdown}

Nothing here does I/O. Tuples, not lists, so that every value is hashable and immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ACTOR_KINDS = ("person", "organisation", "country", "group", "place")
PARAGRAPH_KINDS = ("paragraph", "heading")


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


@dataclass(frozen=True)
class SourceMeta:
    """Curated facts from sources.yml. Empty string / empty tuple means 'not curated'."""

    title: str = ""
    publisher: str = ""
    date: str = ""  # ISO yyyy-mm-dd
    url: str = ""
    authors: tuple[str, ...] = ()
    note: str = ""
    # Fields above whose value was recorded as detected (`detected:` in sources.yml), not curated.
    detected: tuple[str, ...] = ()


@dataclass(frozen=True)
class RawSource:
    id: str  # stable id: the file stem, slugified
    file: str  # file name inside dossier/sources/
    format: str  # "text" or "html"
    text: str  # decoded (and NFC-normalised) content, unmodified otherwise
    encoding: str
    meta: SourceMeta = field(default_factory=SourceMeta)


@dataclass(frozen=True)
class Paragraph:
    id: str  # "p1", "p2", ... in reading order; the anchor on the source page
    kind: str  # one of PARAGRAPH_KINDS
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
    format: str
    # merged metadata: curated wins, detected fills gaps; `detected` names the fields that came
    # from the text rather than from sources.yml
    title: str
    publisher: str
    date: str
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
    kind: str
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
class Mention:
    actor: str  # ActorDef.id
    source: str  # CleanSource.id
    paragraph: str  # Paragraph.id
    alias: str  # as written in the text
    start: int  # offsets in the paragraph text
    end: int
    sentence: str  # the sentence containing it


@dataclass(frozen=True)
class TopicHit:
    topic: str
    source: str
    paragraph: str
    keyword: str  # the keyword or pattern that matched
    matched: str = ""  # the text it matched


@dataclass(frozen=True)
class SourceRef:
    source: str
    paragraph: str


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str  # ActorDef.id, or "" when not a curated actor
    speaker_text: str  # as written: "Kerry", "a senior State Department official"
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Figure:
    quantity: str  # what it counts, normalised: "countries", "air strikes", "dollars", ...
    value: float
    qualifier: str  # "more than", "some", "up to", "roughly", "" ...
    text: str  # as stated: "more than 60"
    source: str
    paragraph: str
    sentence: str = ""


@dataclass(frozen=True)
class Event:
    date: str  # ISO: yyyy-mm-dd, yyyy-mm or yyyy; "" when unresolved
    date_text: str  # as written: "on Wednesday", "Dec 15"
    text: str  # the sentence
    source: str
    paragraph: str
    resolved: bool
    resolution: str = ""  # how it was resolved: "Wednesday before/after 2014-12-03 (published)"


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
