"""Find direct quotations in the cleaned paragraphs, attribute each to its speaker, merge repeats.

What counts as a quotation:

- text between double quotes, straight or typographic (the two may be mixed: “... ," he added);
- a quotation left open at the end of a paragraph continues in the next paragraph when that one
  opens with a quote mark (wire style for long quotes);
- two pieces split around an attribution (`"We have reversed," he said, "the advances..."`) are one
  quotation when the first piece ends with a comma and the second starts in lower case;
- a quotation that does not begin its sentence (`Kerry said taming IS was "the challenge of our
  time"`) counts only when a speech verb stands before it in the sentence or an attribution follows
  it directly; otherwise it is a scare quote, a term or a title (`the ISIS "brand"`) and is skipped.

Who said it, in order of preference: an attribution right after the closing mark (`," Kerry said`,
`," said Oana Lungescu`, `," a senior official told reporters`), then the nearest speech verb before
the opening mark in the same sentence (`Kerry said ... "`, `Abadi defended ..., saying the "`,
`according to X`). The subject found there is

- a name: resolved to a curated actor through the mentions (or the actors' aliases);
- a description with an article ("a NATO spokeswoman", "the top US diplomat"): kept as written, and
  resolved to a person only where the same source names the holder in apposition
  ("Oana Lungescu, a NATO spokeswoman", "NATO spokeswoman Oana Lungescu");
- a body ("the three-judge panel", "the council"): kept as written, never the antecedent of a
  pronoun;
- a pronoun ("he", "she"): the nearest preceding person in the source, taken from person mentions,
  named or described subjects of speech verbs, and earlier attributions; before anyone is named
  (a feature's opening scene), the first person the source names after it.

A short quoted piece that opens its sentence and runs on into it without punctuation ("“Ruthless”
is the key word") is a word under discussion, not a quotation.

A quotation with no attribution that begins its sentence is given the speaker of the nearest
preceding attribution in the same source (the follow-on paragraph of a long quote).

The same quotation reported more than once (several sources, or a lead that repeats a fragment of
a later quote) becomes one Quote listing every place: texts are compared after folding case and
punctuation, by rapidfuzz ratio, and a quotation of four words or more contained in a longer one
is the same quotation. Quotes with two different curated speakers are never merged.

Attributions in French, German and Spanish copy (`», a déclaré X`, `“, sagte X`, `», dijo X`,
`selon X`, `según X`) are read as their English forms, whose marks («», „“) are read as above.

It does not read indirect speech as quotes, single-quoted headlines, or quotes in HTML markup.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from build_tools import vocab
from build_tools.extract.mentions import build_matcher
from build_tools.extract.speakers import (
    GENDERED_NOUNS,
    HONORIFICS,
    SYNTHETIC,
    Entity,
    capitals_name,
    find_entities,
    given_names,
)
from build_tools.extract.text import LY_ADVERB, find_root, fold, is_ly_adverb, sentence_spans
from build_tools.model import ActorDef, CleanSource, Mention, Quote, RawSource, SourceRef
from build_tools.yamlfile import located

OPENING = "“"
CLOSING = "”"
QUOTE_MARKS = '"“”'

SPEECH_VERBS = vocab.QUOTE_SPEECH_VERBS | vocab.JUDGEMENT_VERBS
ROLE_NOUNS = vocab.ROLE_NOUNS
BODY_NOUNS = vocab.BODY_NOUNS
# A body noun that names what kind of organisation speaks, and the words its name carries.
BODY_NAME_CUES = {
    "newspaper": (
        "post",
        "times",
        "journal",
        "herald",
        "news",
        "tribune",
        "gazette",
        "telegraph",
        "guardian",
        "chronicle",
        "daily",
        "observer",
        "star",
        "mail",
    ),
    "daily": ("post", "times", "journal", "herald", "news", "tribune", "gazette", "daily"),
    "airline": ("air", "airlines", "airways", "jet"),
}
# Body nouns resolved to the nearest organisation named before them ("the group said").
GENERIC_BODIES = frozenset(
    "group company firm report contractor organisation organization movement bank club team charity "
    "insurer lender retailer carrier broadcaster".split()
)
# Titles written with a full stop before a name: "said Dr. Helena Ruiz".
_TITLE = rf"(?:{'|'.join(h.capitalize() for h in vocab.HONORIFICS)})\."
PRONOUNS = frozenset({"he", "she"})
# Pronouns that stand for a body: "it said", "they said".
BODY_PRONOUNS = frozenset({"it", "they"})
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_BODY_KINDS = frozenset({"organisation", "group"})
# Sentence openers and adverbs that sit between a subject and its verb or before a name.
_LEADING_WORDS = frozenset(
    "but and so yet also meanwhile however then still later earlier separately instead "
    "now while when as after before".split()
)
_ADVERBS = frozenset(
    "also later then again earlier previously further once repeatedly allegedly reportedly "
    "publicly privately angrily quietly flatly bluntly simply firmly recently finally initially "
    "subsequently separately immediately candidly proudly tearfully famously".split()
)
_WEEKDAYS = frozenset(vocab.WEEKDAYS["en"])
_CALENDAR_WORDS = _WEEKDAYS | frozenset(vocab.MONTHS["en"]) | {"on", "in", "at"}
# Words of a title written before a name ("Dr.", "Dame", "Foreign Minister").
_TITLE_LEADS = frozenset(HONORIFICS) | vocab.TITLE_QUALIFIERS
# Words for one office: "the head of the UN atomic watchdog" is "the IAEA chief".
_SAME_OFFICE = {word: vocab.HEAD_OF_BODY for word in vocab.HEAD_OF_BODY}
_NAME_PARTICLES = vocab.NAME_PARTICLES | {"of"}

# A quoted piece of at most this many words needs a speech verb to count (scare quotes otherwise).
SHORT_QUOTE_WORDS = 3
# A piece of at least this many words with no verb of its own, after a reported speech in its
# paragraph, is that speaker's.
LONG_PIECE_WORDS = 6
# An attribution after a quote has its verb within this many words of the closing mark.
ATTRIBUTION_WORDS = 9
# ... or up to this many when they are one description opening with an article.
LONG_DESCRIPTION_WORDS = 14
# Merging: whole-text similarity (rapidfuzz ratio, 0-100) and the shortest contained quote.
MERGE_RATIO = 90
CONTAINED_MIN_WORDS = 4
CONTAINED_PARTIAL_RATIO = 96

_TOKEN = re.compile(r"[\w’'-]+")
_TERMINATED = re.compile(r"[.!?…][\"'”’)\]]*$")
_NORMALISE_DROP = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class _Span:
    """A quotation inside one source: where it opens and where it closes."""

    start_para: int
    open_at: int  # offset of the opening mark in the start paragraph
    end_para: int
    close_at: int  # offset of the closing mark in the end paragraph (len(text) if none)
    text: str


@dataclass(frozen=True)
class _Subject:
    kind: str  # "name", "role" (a person described), "body" ("the panel"), "pronoun"
    text: str
    start: int  # absolute offset in the paragraph
    end: int


@dataclass(frozen=True)
class _Speaker:
    actor: str
    text: str
    is_person: bool = True


@dataclass
class _Occurrence:
    source_index: int
    para_index: int
    offset: int
    ref: SourceRef
    text: str
    speaker: str = ""
    speaker_text: str = ""
    attributed: bool = False  # found its own attribution (not inherited)
    curated: bool = False  # set by `attributions:` in sources.yml
    others: list[SourceRef] = field(default_factory=list)


def normalise_quote(text: str) -> str:
    """Fold case, apostrophes and punctuation so that two reports of one quote compare equal."""
    return _SPACES.sub(" ", _NORMALISE_DROP.sub(" ", fold(text))).strip()


_DOUBLED = re.compile(r"''|’’|‘‘|``")
_MARKS_TO_NORMALISE = re.compile(r"''|’’|‘‘|``|[«»„]|\w\?\w")
# An apostrophe lost to a character set and saved as "?" ("Emerson?s family", "It?s up to"):
# a question mark never sits between a word and a contraction's or a possessive's ending.
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\?(?=(?:s|t|re|ll|ve|d|m)\b)")


def _retype_closing(text: str) -> str:
    """An opening mark typed where a closing one belongs, offsets unchanged: a “ while a
    quotation is open, right after its words and before a space, punctuation or the end
    (`“We will win,“ said Ruiz`), closes it."""
    out = list(text)
    open_ = False
    for i, char in enumerate(text):
        if char == OPENING:
            after = text[i + 1 : i + 2]
            before = text[i - 1 : i]
            if open_ and before and not before.isspace() and (not after or after.isspace() or after in ".,;:!?)"):
                out[i] = CLOSING
                open_ = False
            else:
                open_ = True
        elif char == CLOSING:
            open_ = False
        elif char == '"':
            open_ = not open_
    return "".join(out)


_UNCLOSED_BEFORE_SPLIT = re.compile(
    r"((?:^|(?<=[\s(]))[\"“][^\"“”]{10,300}?),"
    r"(\s+(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*\s+(?:said|says|added),\s+[\"“](?=[a-z]))"
)
_SINGLE_AFTER_STOP = re.compile(r"[,.!?]['’](?:\s|$)|[,.]\?(?:\s|$)")


def _retype_single_closing(text: str) -> str:
    """A single mark typed where the double one that closes a quotation belongs, offsets
    unchanged: `"I have a belief ...,' he said.` closes at the `'` after the comma, unless a
    quotation inside the quotation ("He said, 'keep going.'") is open; so does a "?" saved for
    the closing mark after a comma or a full stop (`globally,? Grainge said`)."""
    out = list(text)
    double_open = single_open = False
    for i, char in enumerate(text):
        if char in QUOTE_MARKS:
            double_open = char == OPENING or (char == '"' and not double_open)
            single_open = False
        elif char in "'‘’" and double_open:
            before, after = text[i - 1 : i], text[i + 1 : i + 2]
            if char == "‘" or not before or before.isspace() or before in QUOTE_MARKS:
                single_open = True
            elif single_open:
                if not after.isalnum():
                    single_open = False
            elif before in ",.!?" and (not after or after.isspace()):
                out[i] = CLOSING
                double_open = False
        elif char == "?" and double_open and text[i - 1 : i] in (",", ".") and not text[i + 1 : i + 2].strip():
            out[i] = CLOSING  # `globally,? Grainge said`: the closing mark lost to a character set
            double_open = False
    return "".join(out)


def normalise_marks(text: str) -> str:
    """Agency and European quotation marks as the two typographic ones, offsets unchanged:
    a doubled apostrophe ('' or ’’) is one mark (the second becomes a space), « and „ open, »
    closes (German turns them about: »...« opens with »), the “ that closes a „ becomes ”, and an
    apostrophe saved as "?" ("It?s") is an apostrophe again; an opening mark typed for a closing
    one closes, and so does a single mark after a comma or a stop that ends a quotation opened
    with a double one, or the comma before a split attribution when the closing mark was left out
    (`"We've had success, Treide said, "and we ...`)."""
    if text.count(OPENING) > 1 or (OPENING in text and '"' in text):
        text = _retype_closing(text)
    if _SINGLE_AFTER_STOP.search(text) and (OPENING in text or '"' in text):
        text = _retype_single_closing(text)
    if "said, " in text or "says, " in text or "added, " in text:
        # `"We've had tremendous success with Dell, EMC's Treide said, "and we plan to
        # continue."`: the closing mark left out before a split attribution; the comma closes.
        text = _UNCLOSED_BEFORE_SPLIT.sub(lambda m: m.group(1) + CLOSING + m.group(2), text)
    if not _MARKS_TO_NORMALISE.search(text):
        return text
    text = _LOST_APOSTROPHE.sub("’", text)
    text = _DOUBLED.sub(lambda m: "“ " if m.group(0) in ("‘‘", "``") else '" ', text)
    out: list[str] = []
    low_open = False
    guillemet = ""  # the guillemet that opened the quotation now open, if any
    for i, char in enumerate(text):
        if char == "«":
            char, guillemet = (CLOSING, "") if guillemet == "»" else (OPENING, "«")
        elif char == "»":
            # German »...« when a « follows; else a closing or a stray mark ("Home » News")
            german = guillemet != "«" and "«" in text[i + 1 :]
            char, guillemet = (OPENING, "»") if german else (CLOSING, "")
        elif char == "„":
            char, low_open = OPENING, True
        elif char == OPENING and low_open:
            char, low_open = CLOSING, False
        elif char in '"”':
            low_open = False
        out.append(char)
    return "".join(out)


_SPOKEN_AS = {**vocab.FOREIGN_SPEECH_VERBS, **vocab.PHRASAL_SPEECH_VERBS}
_FOREIGN_VERBS = re.compile(
    r"(?<![\w-])(?:{})(?![\w-])".format("|".join(re.escape(k) for k in sorted(_SPOKEN_AS, key=len, reverse=True))),
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"(?:{})\b".format("|".join(vocab.ACCORDING_TO)), re.IGNORECASE)


def normalise_speech(text: str) -> str:
    """French, German and Spanish speech verbs outside quotation marks as their English form,
    right-aligned in the same width so that offsets stay: `», a déclaré Emmanuel Macron` reads
    as `," said Emmanuel Macron`, `», a-t-il dit` as `," he said`; English phrasal ones as one
    word ("points out that" as "notes that")."""
    if not _FOREIGN_VERBS.search(text):
        return text
    inside = [(o, c if c is not None else len(text)) for o, c in _raw_spans(text)]

    def english(m: re.Match[str]) -> str:
        if any(o < m.start() < c for o, c in inside):
            return m.group(0)
        word = _SPOKEN_AS[m.group(0).lower()]
        return word.rjust(len(m.group(0)))

    return _FOREIGN_VERBS.sub(english, text)


_FEET_INCHES = re.compile(r"\b\d['’]\d{1,2}$")


def _raw_spans(text: str) -> list[tuple[int, int | None]]:
    """(opening offset, closing offset or None) of each quoted piece of one paragraph."""
    spans: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for i, char in enumerate(text):
        if char not in QUOTE_MARKS:
            continue
        if char == '"' and _FEET_INCHES.search(text, max(0, i - 5), i):
            continue  # `the rangy 6'5" world-record holder`: inches, not a mark
        if open_at is None:
            if char == CLOSING:
                continue  # a stray closing mark
            open_at = i
        elif char == OPENING:
            # A new opening mark while one is open: the first was never closed; restart here.
            open_at = i
        else:
            spans.append((open_at, i))
            open_at = None
    if open_at is not None:
        spans.append((open_at, None))
    return spans


def _clean_inner(text: str) -> str:
    return _SPACES.sub(" ", text).strip().rstrip(",").strip()


def _source_spans(texts: Sequence[str]) -> list[_Span]:
    """Quoted pieces of a source, with quotes that run over paragraph ends joined up."""
    raw = [_raw_spans(t) for t in texts]
    spans: list[_Span] = []
    skip_first: set[int] = set()  # paragraphs whose first piece continues the previous paragraph
    for pi, pieces in enumerate(raw):
        for k, (open_at, close_at) in enumerate(pieces):
            if k == 0 and pi in skip_first:
                continue
            if close_at is not None:
                spans.append(_Span(pi, open_at, pi, close_at, texts[pi][open_at + 1 : close_at]))
                continue
            parts = [texts[pi][open_at + 1 :]]
            end_para, end_close = pi, len(texts[pi])
            while (
                end_para + 1 < len(texts)
                and texts[end_para + 1].lstrip()[:1] in tuple(QUOTE_MARKS)
                and raw[end_para + 1]
                and end_close == len(texts[end_para])
            ):
                nxt = end_para + 1
                n_open, n_close = raw[nxt][0]
                skip_first.add(nxt)
                end_para = nxt
                if n_close is None:
                    parts.append(texts[nxt][n_open + 1 :])
                    end_close = len(texts[nxt])
                else:
                    parts.append(texts[nxt][n_open + 1 : n_close])
                    end_close = n_close
            spans.append(_Span(pi, open_at, end_para, end_close, " ".join(parts)))
    return spans


_ASIDE_DASH = re.compile(r"\s[-–—]\s|\s?—\s?")


def _in_aside(text: str, at: int, s0: int, s1: int) -> bool:
    """Offset `at` lies between two dashes, or inside brackets, of the sentence [s0, s1)."""
    before, after = text[s0:at], text[at:s1]
    if before.rfind("(") > before.rfind(")") and ")" in after:
        return True
    return len(_ASIDE_DASH.findall(before)) % 2 == 1 and _ASIDE_DASH.search(after) is not None


def _is_verb(word: str) -> bool:
    return word.lower() in SPEECH_VERBS


# The name opening a paragraph of a transcript: `Paterno: "Said what?"`.
# A subordinate clause going on after the closing mark: the sentence goes on, no attribution.
_GOES_ON_CLAUSE = re.compile(
    r"\s+(?:when|whenever|because|if|after|before|while|since|until|unless|although|though|that|which|where)\b"
)
# `the newspaper quoted Ahmed Ali as saying`: the one quoted.
_QUOTED_AS = re.compile(r"\bquoted\s+([^,;:\"“”]{1,60}?)\s+as\s+$")
# "his lawyer, John Reed": a description, then the name it is given.
_ROLE_THEN_NAME = re.compile(
    r"\s*(?:the|a|an|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}?([a-z][\w-]+),\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})(?=[\s,.;]|$)"
)
# A dateline opening a paragraph: "New Delhi: ", "WASHINGTON -- ", "CORNWALL, Ont. - ".
_DATELINE = re.compile(r"\s*[A-Z][\w.'’]*(?:[ ,]+[A-Z][\w.'’]*){0,3}\s*(?::|--|[-–—])\s*")
_TRANSCRIPT_LABEL = re.compile(r"\s*(?:[A-Z][\w.'’&-]*\s+){0,3}[A-Z][\w.'’&-]*\s*:\s*")
_PASSIVE_SPEECH = frozenset({"asked", "told", "questioned"}) | vocab.JUDGEMENT_VERBS
_PASSIVE_BEFORE = re.compile(
    r"\b(?:when|if|after|before|once|was|were|is|are|be|been|being|get|got|gets)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)


def _passive(text: str, verb: re.Match[str]) -> bool:
    """ "Paterno was asked about it", "When asked about it Friday, Paterno smiled": the one
    asked or told is spoken to, no speaker."""
    return verb.group(0).lower() in _PASSIVE_SPEECH and _PASSIVE_BEFORE.search(text, 0, verb.start()) is not None


_ASIDE = re.compile(
    r",\s+(?:who|which|speaking|asking|requesting|declining|aged|himself|herself|themselves|\d"
    # "The EC, while rejecting his petition, said", "The ministry, in a statement, said"
    r"|while|when|after|before|in|at|however|meanwhile|though|for\s+(?:his|her|its|their)\s+part)"
    r"\b[^,;:\"“”]{0,100},\s*$"
)


# A relative clause with no commas about it: "A California woman whose Facebook post went
# viral told a local news crew".
_RELATIVE = re.compile(r"\s+whose\s[^,;:\"“”]{1,100}$")
# An aside between dashes: "The Alliance - which represents 70 councils - said".
_DASH_ASIDE = re.compile(r"(?:\s[-–—]\s|\s?—\s?)[^-–—;\"“”]{1,120}?(?:\s[-–—]|\s?—)\s*$")


_PLURAL_WHO = re.compile(r"\s*((?:[A-Z][a-z]+\s+)?([A-Z]?[a-z]{3,}(?:ers|ists|ants|ents|iacs|ians|ees|ors)))\s+who\s")


_SHORT_NAME = re.compile(r"\s\([A-Z][A-Za-z.&]{1,9}\)(?=\s)")


def _trailing_subject(text: str, base: int) -> _Subject | None:
    """The subject that ends `text` (see _subject_before), read with the short name in brackets
    a description may hold as blanks ("a senior Pakistan Cricket Board (PCB) official") and
    returned as written."""
    blank = _SHORT_NAME.sub(lambda m: " " * len(m.group(0)), text)
    found = _subject_before(blank, base)
    if found is None or blank == text:
        return found
    return dataclasses.replace(found, text=text[found.start - base : found.end - base])


def _subject_before(text: str, base: int) -> _Subject | None:
    """The subject that ends `text` (the words just before a speech verb), if any.

    `base` is the offset of `text` in its paragraph, so the subject keeps paragraph offsets.
    """
    # "Haemophiliacs who were infected with HIV ... described": a plural noun for people, then
    # a relative clause with no commas, opening the sentence.
    group = _PLURAL_WHO.match(text)
    if group and not re.search(r"[,;:()]", text[group.end() :]) and group.group(2).lower()[:-1] not in given_names():
        return _Subject("role", group.group(1), base + group.start(1), base + group.end(1))
    # A parenthetical between subject and verb: "One resident, who asked not to be named,
    # said", "The official, speaking on condition of anonymity, said".
    aside = _ASIDE.search(text) or _RELATIVE.search(text) or _DASH_ASIDE.search(text)
    if aside is not None and aside.start() > 0:
        inner = _subject_before(text[: aside.start()], base)
        if inner is not None:
            return inner
    end = len(text.rstrip())
    # Strip what may stand between subject and verb: ", who", adverbs, "on Tuesday", commas.
    while True:
        before = end
        stripped = text[:end].rstrip().rstrip(",").rstrip()
        m = re.search(r"(?:^|\s)([\w’'-]+)$", stripped)
        if m and (
            m.group(1).lower() in _ADVERBS | {"who", "which"} | _AUXILIARIES
            or m.group(1).lower() in _WEEKDAYS
            or is_ly_adverb(m.group(1))
        ):
            stripped = stripped[: m.start(1)].rstrip()
            if stripped.lower().endswith(" on"):
                stripped = stripped[:-3].rstrip()
        end = len(stripped)
        if end == before:
            break
    head = text[:end]
    if not head.strip():
        return None
    last = re.search(r"([\w’'-]+)$", head)
    if last is None:
        return None
    if last.group(1).lower() in PRONOUNS | BODY_PRONOUNS:
        return _Subject("pronoun", last.group(1), base + last.start(1), base + end)
    # "Sources close to the talks said", "people familiar with the plan": people by what they know of.
    knowing = _PLURAL_KNOWING.search(head[:end])
    if (
        knowing
        and (_plural_role(knowing.group(2)) or knowing.group(2).lower() == "people")
        and (knowing.group(3).lower(), knowing.group(4).lower()) in _KNOWS_OF
    ):
        return _Subject("role", knowing.group(1), base + knowing.start(1), base + end)
    # "A spokeswoman for the US embassy in Baghdad": a role noun and what it belongs to.
    for m in re.finditer(r"(?:^|\s)(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)\s", head[:end]):
        phrase = head[m.start() : end].strip()
        words = phrase.split()
        if len(words) > 12 or any(c in phrase for c in ",;:()"):
            continue
        for k in range(1, min(len(words) - 1, 5)):
            knows_of = k + 2 < len(words) and (words[k + 1].lower(), words[k + 2].lower()) in _KNOWS_OF
            if _description_kind(words[k], False) and (words[k + 1].lower() in _DESCRIPTION_CUT or knows_of):
                offset = head.index(phrase, m.start())
                return _Subject(_description_kind(words[k], False), phrase, base + offset, base + end)
            if _description_kind(words[k], False) and words[k + 1].lower() in ("who", "that"):
                # "A military spokesman who was not authorized to give his name countered"
                offset = head.index(phrase, m.start())
                short = " ".join(words[: k + 1])
                return _Subject(_description_kind(words[k], False), short, base + offset, base + offset + len(short))
        break
    # People by role and where they work: "analysts at Barclays wrote", "doctors from MSF said",
    # "Doctors at the hospital said", "Officials at the ministry said" (before "the
    # ministry" alone).
    staff = re.search(
        r"(?:^|\s)((?:[A-Za-z][\w-]*\s+)?([A-Za-z][\w-]*s)\s+(?:at|of|from|with)\s+(?:[A-Z]|the\s)[^,;:()]*)$",
        head[:end],
    )
    if staff and _plural_role(staff.group(2)):
        return _Subject("role", staff.group(1), base + staff.start(1), base + end)
    # A description with an article: the nearest article that starts a well-formed description.
    for m in sorted(
        re.finditer(r"\b(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[A-Z][\w-]*[’']s)\s", head),
        key=lambda m: -m.start(),
    ):
        phrase = head[m.start() : end]
        words = phrase.split()
        if len(words) > 8 or any(c in phrase for c in ",;:()"):
            break
        plain = len(words) <= 5 and not any(w.lower() in _NOT_IN_DESCRIPTIONS for w in words[1:])
        kind = _description_kind(words[-1], plural_people=len(words) > 1 and plain)
        if kind:
            part = re.search(
                r"\b(?:[Oo]ne|[Ss]ome|[Mm]any|[Mm]ost|[Tt]wo|[Tt]hree|[Aa]nother)\s+of\s+$", head[: m.start()]
            )
            if part and words[0].lower() in {"the", "his", "her", "its", "their"}:
                # "one of the organisers said": one of them, not all
                return _Subject(kind, head[part.start() : end], base + part.start(), base + end)
            return _Subject(kind, phrase, base + m.start(), base + end)
    # A bare plural description: "Iraqi officials said", "police said".
    bare = re.search(r"((?:\b[\w-]+\s+){0,3}?)\b([\w-]+)$", head[:end])
    if (
        bare
        and _description_kind(bare.group(2), plural_people=False)
        and (bare.group(2).lower() in BODY_NOUNS or _plural_role(bare.group(2)))
    ):
        lead = bare.group(1).split()
        while lead and (
            lead[0].lower() in _LEADING_WORDS
            or lead[0][:1].isupper()
            and not _demonym(lead[0])
            and lead[0].lower() not in BODY_NOUNS
        ):  # but "Police sources said", "Army officers said" keep the body
            lead = lead[1:]
        phrase = " ".join([*lead, bare.group(2)])
        return _Subject(_description_kind(bare.group(2), False) or "role", phrase, base + end - len(phrase), base + end)
    # A name: a run of capitalised words (with particles such as "of", "al-") ending the text.
    tokens = list(re.finditer(r"[^\s,;:()]+", head))
    run: list[re.Match[str]] = []
    for tok in reversed(tokens):
        word = tok.group(0)
        if tok.end() < len(head.rstrip()) and not run:
            break
        capitalised = word[:1].isupper() or re.match(r"(?:al|el|bin|ibn|abu)-[A-Z]", word)
        if not run and re.fullmatch(r"\d{1,3}", word) and len(tokens) > 1:
            # "France 24 notes that", "Channel 4 said": a number closing a name
            before_number = tokens[tokens.index(tok) - 1].group(0)
            if before_number[:1].isupper() and before_number.lower() not in _LEADING_WORDS:
                run.append(tok)
                continue
        if capitalised or (run and word.lower() in _NAME_PARTICLES):
            # Stop at a comma or bracket between tokens: "Brussels, Kerry" is not one name.
            if run and re.search(r"[,;:()]", head[tok.end() : run[-1].start()]):
                break
            run.append(tok)
        else:
            break
    while (
        run
        and run[-1].group(0).lower() in _LEADING_WORDS | _NAME_PARTICLES
        and not capitals_name(run[-1].group(0), head)
    ):
        run.pop()  # sentence-initial "But", "And", a dangling "of"
    if not run:
        # Possessive descriptions ("Iraq's foreign minister") and bare plural subjects are no
        # speakers we can name; the caller treats the attribution as missing.
        return None
    start, stop = run[-1].start(), run[0].end()
    return _Subject("name", head[start:stop], base + start, base + stop)


# Endings of nouns for a person: "coachwoman", "fisherman", "chairperson", "novelist".
_PERSON_ENDINGS = ("woman", "man", "person", "ist")
# A he/she that is the subject of its sentence: "He raises ...", "But she said".
_SUBJECT_PRONOUN = re.compile(r"\s*(?:(?:but|and|so|yet|then|still|now|later)\s+)?(he|she)\b", re.IGNORECASE)
_BODY_SUBJECT_PRONOUN = re.compile(r"\s*(?:(?:but|and|so|yet|then|still|now|later)\s+)?(it|they)\b", re.IGNORECASE)
# "In his Wired 2012 appearance he dug into ...", "To some degree he summed up ...": the subject
# after an opening phrase with no comma and no quotation mark (not "After he left, Smith said").
_OPENING_PRONOUN = re.compile(r"\s*[A-Z][^,;:\"“”]{0,60}?\b(he|she)\s+[a-z]+", re.IGNORECASE)
# A description of a person opening a sentence: "Okafor's spokeswoman", "The prime minister's aide".
_POSSESSIVES = frozenset({"his", "her"})
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|we|our)\b")
_ACTS = re.compile(r"\s+(?:" + LY_ADVERB + r"\s+)?[a-z]{3,}ed\b")
_DESCRIBED_ROLE = re.compile(r"\b((?:[Tt]he)\s+(?:[\w-]+\s+){0,2}?([a-z][\w-]+))\b")
_TELL = frozenset({"told", "tell", "tells", "telling"})
# What ties a description to the matter it knows of: "a source close to the talks", "a person
# familiar with the plan", "officials involved in the negotiations".
_KNOWS_OF = frozenset({("close", "to"), ("familiar", "with"), ("involved", "in"), ("briefed", "on"), ("close", "with")})
_PLURAL_KNOWING = re.compile(
    r"(?:^|\s)((?:[A-Z]?[a-z]+\s+)?([A-Za-z]+s|[Pp]eople)\s+(close|familiar|involved|briefed)\s+(to|with|in|on)\s+[^,;:()\"“”]{1,60})$"
)
# A description that brings in someone new: "Another diplomat added" is not the one just quoted.
_ANOTHER = re.compile(r"(?:another|a\s+second|a\s+third|a\s+fellow|other)\s", re.IGNORECASE)
# "The president's (original) statement", "the minister's words": a role owning what is quoted.
_ROLE_OWNER = re.compile(r"((?:the|The)\s+(?:[\w-]+\s+){0,2}?([\w-]+))['’]s\s+(?:[\w-]+\s+)?[\w-]+\s*:\s*$")
# A speech verb right after a name, an acronym in brackets between: "the Movement ... (MEND) said".
_SPEAKS_NEXT = re.compile(
    r"\)?\s*(?:\([^()]{1,20}\))?,?\s+(?:" + LY_ADVERB + r"\s+)?(?:said|says|told|announced|claimed|warned)\b"
)
_SUBORDINATE = re.compile(
    r"\s*(?:if|when|whenever|while|although|though|as|after|before|once|since|because|unless|until)\s",
    re.IGNORECASE,
)
_DESCRIBED_SUBJECT = re.compile(
    r"((?:The|A|An|One|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}?([a-z][\w-]+))\s+(?!of\b|for\b)[a-z]+"
)
# Documents that speak for their author: "the report said".
_AUTHORED = frozenset("report statement letter study motion affidavit lawsuit filing".split())
_PREPOSITIONS = frozenset("for of at in with from to on".split())
_DESCRIPTION_CUT = _PREPOSITIONS | {"behind"}
_NOT_IN_DESCRIPTIONS = frozenset(
    "which who that has have had was were is are in after before at on with from by".split()
)
# Nouns for someone a report leaves unnamed: never a second reference to a person it names.
_ANONYMOUS_NOUNS = frozenset(
    "source witness eyewitness bystander onlooker passer-by passerby insider informant whistleblower"
    " caller reader viewer listener commenter".split()
)
_AUXILIARIES = frozenset("has have had is was were are will would could can may might".split())


def _plural_role(word: str) -> bool:
    w = word.lower()
    return w.endswith("s") and (
        w[:-1] in ROLE_NOUNS
        or (w.endswith("ies") and w[:-3] + "y" in ROLE_NOUNS)
        or w in {"police", "authorities", "officials", "people"}
    )


def _demonym(word: str) -> bool:
    """ "Iraqi", "Pakistani", "French", "US": a capitalised modifier in a description."""
    return word.isupper() or word.endswith(("i", "ian", "ese", "ish", "ch", "an"))


_AGE_OR_FAMILY = re.compile(r"\d{1,3}-year-old|(?:mother|father|grandmother|grandfather)-of-[a-z]+")


def _person_noun(word: str) -> bool:
    """A noun for one person that is no role: a nationality ("the Briton", "the Frenchman"), a
    party ("the Democrat"), an age ("the 45-year-old") or a family ("the mother-of-two")."""
    w = word.lower()
    return w in vocab.NATIONALITY_NOUNS | vocab.PARTY_MEMBER_NOUNS or _AGE_OR_FAMILY.fullmatch(w) is not None


def _one_person_noun(word: str) -> bool:
    """A noun for one person: a role ("the striker"), a nationality, an age or a family, or a
    compound ending in -man, -woman or -person no list holds ("the rookie defenseman", "the
    linesman")."""
    w = word.lower()
    return (
        w in ROLE_NOUNS
        or _person_noun(w)
        or (w.isalpha() and len(w) > 5 and w.endswith(("man", "woman", "person")) and not w.endswith("human"))
    )


def _person_noun_gender(word: str) -> str:
    w = word.lower()
    if w.endswith("woman") or w.startswith(("mother-", "grandmother-")):
        return "f"
    if w.endswith("man") or w.startswith(("father-", "grandfather-")):
        return "m"
    return ""


# What stands before the subject of an attribution after a quotation: the closing mark and an
# inverted speech verb (`...," said the batsman`).
_AFTER_QUOTE_SUBJECT = re.compile(
    r"[”\"],?\s*(?:(?:said|says|added|adds|told|explained|insisted|replied|continued)\s+)?$"
)
# Offices one person holds at a time, or a player's place in a report on one match: "the
# premier", "the coach" opening a sentence is the holder just named ("an official" may be anyone).
_OFFICES = frozenset(
    """premier president vice-president chancellor mayor governor king queen prince princess emir
    sheikh pope minister secretary senator congressman congresswoman ambassador envoy chairman
    chairwoman ceo founder coach manager captain skipper judge prosecutor sheriff batsman bowler
    chief head director director-general secretary-general commissioner
    striker goalkeeper quarterback pitcher""".split()
)
# Before a description opening its sentence: nothing, a connective, or a short opening clause
# ("Asked about China, ", "Later, ").
_OPENS_SENTENCE = re.compile(r"\s*(?:(?:But|And|Later|Then|Meanwhile|However)\s*,?\s+|[A-Z][^,;:.!?\"“”]{0,50},\s+)?")


def _description_kind(word: str, plural_people: bool) -> str:
    """ "role" for a noun naming people ("spokeswoman", "officials", and after an article any
    plural: "the kidnappers"), "body" for one naming an organisation ("ministry"), else ""."""
    w = word.lower().strip("’'")
    if w in ROLE_NOUNS or _plural_role(w) or (w.isalpha() and w.endswith(_PERSON_ENDINGS) and len(w) > 5):
        return "role"
    if _person_noun(w):
        return "role"
    if w in BODY_NOUNS or (len(w) > 7 and w.endswith("maker") and w.isalpha()):
        return "body"  # "the carmaker", "the chipmaker", "the drugmaker"
    if (
        plural_people
        and len(w) > 4
        and w.endswith("s")
        and not w.endswith(("ss", "'s", "’s", "us"))
        and w.isalpha()
        and word.islower()
    ):
        return "role"
    return ""


def _english_description(text: str) -> tuple[str, str]:
    """A description opening with a French, German or Spanish article in English words ("el
    ministro de Economía" -> "the minister de Economía"), and the gender its forms tell; any
    other text as it is."""
    words = text.split()
    if len(words) < 2 or words[0].lower() not in vocab.FOREIGN_ARTICLES:
        return text, ""
    gender = vocab.FOREIGN_ARTICLES[words[0].lower()]
    out = ["the"]
    for word in words[1:]:
        role = vocab.FOREIGN_ROLE_NOUNS.get(word.lower())
        out.append(role[0] if role else word)
        if role and role[1]:
            gender = role[1]
    return " ".join(out), gender


def _leading_subject(text: str, base: int) -> _Subject | None:
    """The subject that starts `text` (the words just after an inverted "said")."""
    # A title with its full stop may follow a place or a body: "said former Ohio Gov. Peter
    # Hale", "said Harbour Police Const. Dan Reyes".
    m = re.match(rf"\s*((?:[^,;:.!?()]*?(?<![\w.]){_TITLE}\s+)?[^,;:.!?()]+)", text)
    if m is None:
        return None
    phrase = m.group(1).rstrip()
    start = base + m.start(1)
    words = phrase.split()
    if not words:
        return None
    if words[0].lower() in PRONOUNS | BODY_PRONOUNS:
        return _Subject("pronoun", words[0], start, start + len(words[0]))
    if words[0].lower() in vocab.FOREIGN_ARTICLES:
        # `», dijo el ministro`, `», a déclaré la présidente`: a role after the verb
        english = _english_description(phrase)[0].split()
        for k, word in enumerate(english[1:7], start=1):
            if word.lower() in ROLE_NOUNS:
                cut = len(" ".join(words[: k + 1]))
                return _Subject("role", phrase[:cut], start, start + cut)
    if words[0].lower() in {"a", "an", "the"}:
        for k, word in enumerate(words[1:7], start=1):
            if word.lower() in _AUTHORED and k + 2 < len(words) and words[k + 1].lower() in {"from", "by", "of"}:
                # "according to a statement from the ministry": its author
                lead = re.match(rf"(?:\S+\s+){{{k + 2}}}", phrase)
                cut = lead.end() if lead else len(phrase)
                author = _leading_subject(phrase[cut:], start + cut)
                if author is not None:
                    return author
                owned = re.match(r"\s*((?:his|her|their|its)\s+(?:[\w-]+\s+){0,2}?([\w-]+))\s*$", phrase[cut:])
                if owned and _description_kind(owned.group(2), False):
                    # "said a statement from her family": the family, whose person the copy names
                    at = cut + owned.start(1)
                    kind = _description_kind(owned.group(2), False)
                    return _Subject(kind, owned.group(1), start + at, start + at + len(owned.group(1)))
            if word.lower() in ROLE_NOUNS or word.lower() in BODY_NOUNS:
                while k + 1 < len(words) and words[k + 1].lower() in ROLE_NOUNS:
                    k += 1  # "a family spokesman", "a police officer": the last noun of the compound
                word = words[k]
                cut = len(" ".join(words[: k + 1]))
                named = re.match(r"\s+((?:[A-Z][\w.'’&-]*(?:,?\s+|$))+)", phrase[cut:])
                if named and named.group(1).split()[0].strip(",").lower() not in _CALENDAR_WORDS:
                    # "the law firm Walsh, Wilkins, Creighton", "the rights group Amnesty": the name
                    name = named.group(1).rstrip(" ,")
                    at = cut + named.start(1)
                    return _Subject("name", name, start + at, start + at + len(name))
                kind = "role" if word.lower() in ROLE_NOUNS else "body"
                return _Subject(kind, phrase[:cut], start, start + cut)
    if words[0].lower() in {"a", "an", "the"} and words[-1].lower() in ROLE_NOUNS:
        return _Subject("role", phrase, start, start + len(phrase))
    if words[0].lower() in {"a", "an", "the"} and words[-1].lower() in BODY_NOUNS:
        return _Subject("body", phrase, start, start + len(phrase))
    if words[0].lower() == "the" and len(words) <= 5 and words[-1].lower() in vocab.ORG_WORDS:
        return _Subject("body", phrase, start, start + len(phrase))  # "according to the Lebanese army"
    if words[0].lower() == "the" and 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words[1:]):
        # "according to the Pentagon", "said the White House": a name after the article
        at = phrase.index(words[1], len(words[0]))
        return _Subject("name", phrase[at:], start + at, start + len(phrase))
    if words[0].lower() in {"one", "another"} and len(words) > 1:
        words = ["a", *words[1:]]
    if words[0].lower() in {"a", "an", "the"}:
        for k, word in enumerate(words[1:7], start=1):
            if _description_kind(word, False):
                # "a young Turkish coachwoman who came ...", "one Western diplomat in Tehran"
                cut = len(" ".join(phrase.split()[: k + 1]))
                follow = words[k + 1].lower() if k + 1 < len(words) else ""
                if follow in _PREPOSITIONS:
                    cut = len(phrase)
                kind = _description_kind(word, False)
                return _Subject(kind, phrase[:cut], start, start + cut)
    if not phrase[:1].isupper():
        # The name right after a few role words ("centre Daymond Langkow amidst the euphoria
        # ... in Los Angeles"), never one further on.
        lead_name = re.match(r"((?:[a-z][\w’'-]*\s+){0,4}?)((?:[A-Z][\w’'.-]*(?:\s|$)){1,4})", phrase)
        name = None
        if lead_name and not set(lead_name.group(1).lower().split()) & (_PREPOSITIONS | _NOT_IN_DESCRIPTIONS):
            name = re.search(re.escape(lead_name.group(2).strip()), phrase)
        if words[0].lower() in _PREPOSITIONS | {"after", "before", "during", "outside", "inside", "into", "about"}:
            return None  # `," he said to Smith`, `," said in Brussels`: an addressee or a place
        if name and words[0].lower() not in {"a", "an", "the"}:
            # "complained carriage driver Henry": the name after the role words.
            return _Subject("name", name.group(0), start + name.start(), start + name.end())
        kind = _description_kind(words[0], False)
        if kind and len(words) > 1:  # `according to papers filed at the High Court`
            cut = len(words[0])
            return _Subject(kind, phrase[:cut], start, start + cut)
        return None  # `," adding that ...`, `," said in a statement`
    return _Subject("name", phrase, start, start + len(phrase))


# Verbs that are more often nouns ("states", "claims") but speak when they follow the closing
# mark: `...," the brief states`, `...," Salo offered`.
# A title before a name with no clause: "... chairman and chief executive Lucian Grainge".
_TITLED_NAME = re.compile(r"\s*[^,;:.!?\"“”]*?\b([a-z]+)\s+(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w'’-]+\s*")
# A name right after a speech verb or "to": the one spoken of or to ("referred to Swamy as",
# "called Okafor", "told Lind").
_OBJECT_OF_SPEECH = re.compile(
    r"\b(?:referred\s+to|refers\s+to|called|calling|labelled|labelling|labeled|described|describing|branded|"
    r"branding|dubbed|told|telling)\s+$"
)
# The attribution that closes a sentence of reported speech: ", she said.", ", Okafor added."
_CLOSING_ATTRIBUTION = re.compile(
    r",\s+((?:[Hh]e|[Ss]he)|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+(?:"
    + LY_ADVERB
    + r"\s+)?(?:said|says|added|adds|explained|noted|argued|insisted|stressed|told\s+[a-z]+)\s*[.!?]?\s*$"
)
AFTER_QUOTE_VERBS = frozenset("states claims reads offered offers ventured mused".split())


# Forms more often nouns that speak before a quotation when "that" or a colon follows them:
# `The report claims that "..."`, `the brief states: "..."`.
_NOUN_VERBS = frozenset("claims states notes pledges concludes".split())
_THAT_OR_COLON = re.compile(r"\s+that\b|\s*:")


def _find_verb(text: str, last: bool, extra: frozenset[str] = frozenset()) -> re.Match[str] | None:
    hits = [m for m in re.finditer(r"[\w’'-]+", text) if _is_verb(m.group(0)) or m.group(0) in extra]
    if not hits:
        return None
    return hits[-1] if last else hits[0]


class _SourceReader:
    """Attributes the quotations of one source."""

    def __init__(
        self,
        index: int,
        source: CleanSource,
        actors: dict[str, ActorDef],
        matcher: object,
        mentions: Sequence[Mention],
    ) -> None:
        self.index = index
        self.source = source
        raw = [normalise_speech(normalise_marks(p.text)) for p in source.paragraphs]
        # Pieces of one sentence that links cut into paragraphs are read as one paragraph: the
        # joined paragraphs, where each piece starts in them, and each piece's place.
        self.texts: list[str] = []
        self.kinds: list[str] = []
        self._pieces: list[list[tuple[int, int]]] = []
        placed: dict[int, tuple[int, int]] = {}
        for group in _link_pieces(raw, [p.kind for p in source.paragraphs]):
            text, pieces = "", []
            for i in group:
                if text:
                    text = text.rstrip() + ("" if raw[i].lstrip()[:1] in ",;:.)" or text.endswith("(") else " ")
                pieces.append((i, len(text)))
                placed[i] = (len(self.texts), len(text))
                text += raw[i]
            self.texts.append(text)
            kinds = {source.paragraphs[i].kind for i in group}
            self.kinds.append(source.paragraphs[group[0]].kind if len(kinds) == 1 else "paragraph")
            self._pieces.append(pieces)
        self.actors = actors
        self.matcher = matcher
        self.spans = _source_spans(self.texts)
        self.inside: dict[int, list[tuple[int, int]]] = {}
        self._inside_starts: dict[int, list[int]] = {}
        for span in self.spans:
            for pi in range(span.start_para, span.end_para + 1):
                lo = span.open_at if pi == span.start_para else 0
                hi = span.close_at if pi == span.end_para else len(self.texts[pi])
                self.inside.setdefault(pi, []).append((lo, hi + 1))
        pindex = {p.id: i for i, p in enumerate(source.paragraphs)}
        given: dict[int, list[tuple[int, int, str]]] = {}
        for m in mentions:
            if m.source == source.id and m.paragraph in pindex:
                given.setdefault(pindex[m.paragraph], []).append((m.start, m.end, m.actor))
        self.mentions: dict[int, list[tuple[int, int, str]]] = {pi: [] for pi in range(len(self.texts))}
        for i, piece in enumerate(raw):
            pi, shift = placed[i]
            found = given[i] if i in given else list(matcher.find(piece))  # type: ignore[attr-defined]
            self.mentions[pi] += [(s + shift, e + shift, a) for s, e, a in found]
        self.actors = dict(actors)
        self.gender: dict[str, str] = {}
        self.entities: dict[str, Entity] = {}
        self.roles_of: dict[str, set[str]] = {}  # curated person -> role keys written before the name
        self._add_entities()
        self.roles = self._appositions()
        # (position, speaker) of everyone "he"/"she" may refer to, and of speech attributions.
        self.people: list[tuple[tuple[int, int], _Speaker]] = []
        self.speech: list[tuple[tuple[int, int], _Speaker]] = []
        self.bodies: list[tuple[tuple[int, int], _Speaker]] = []
        self._open = (-1, -1)  # the opening mark of the quotation being attributed
        self._named_inside: frozenset[str] = frozenset()  # the actors that quotation names

    def _add_entities(self) -> None:
        """People and bodies the source names that no curated actor covers (see speakers.py);
        a curated actor takes the gender and roles of the names it covers."""
        entities, found = find_entities(self.texts, self._quoted)
        used: set[str] = set()
        for pi, hits in found.items():
            curated = self.mentions.setdefault(pi, [])
            given = sorted(curated)
            given_starts = [s for s, _e, _a in given]
            for f in hits:
                ent = entities[f.entity]
                near = given[
                    max(0, bisect.bisect_left(given_starts, f.start) - 4) : bisect.bisect_left(given_starts, f.end)
                ]
                over = [a for s, e, a in near if s < f.end and e > f.start]
                if over:
                    for actor in over:
                        if self.actors[actor].kind != "person":
                            continue
                        if ent.gender:
                            self.gender.setdefault(actor, ent.gender)
                        self.roles_of.setdefault(actor, set()).update(ent.roles)
                    continue
                curated.append((f.start, f.end, ent.id))
                used.add(ent.id)
            curated.sort()
        for key in sorted(used):
            ent = entities[key]
            self.entities[key] = ent
            self.actors[key] = ActorDef(
                id=key, name=ent.name, kind="person" if ent.kind == "person" else "organisation"
            )
            if ent.gender:
                self.gender[key] = ent.gender

    def _gender_of(self, speaker: _Speaker) -> str:
        if speaker.actor and speaker.actor in self.gender:
            return self.gender[speaker.actor]
        words = speaker.text.lower().split()
        return GENDERED_NOUNS.get(words[-1], "") if words else ""

    def _antecedent(self, pi: int, at: int, pronoun: str, depth: int = 0, max_back: int = 3) -> _Speaker | None:
        """The nearest compatible speaker before (pi, at): sentence by sentence back, the first
        (the subject) in each sentence; he/she a person of that gender (or of none known),
        it/they a body. A sentence whose subject is the same he/she before anyone it names
        continues the chain: its pronoun's antecedent is this one's ("He raises the same points
        when advising East African governments ... "...," he said")."""
        word = pronoun.lower()
        body = word in BODY_PRONOUNS
        gender = _PRONOUN_GENDER.get(word, "")
        pool = [
            (p, s)
            for p, s in (self.speech if body else self.people)
            if (not s.is_person) == body or (body and s.actor and self.actors[s.actor].kind in _BODY_KINDS)
        ]
        if body:
            pool += self.bodies
        back = 0
        for para in range(pi, -1, -1):
            if back > max_back:
                break
            text = self.texts[para]
            limit = at if para == pi else len(text)
            if para != pi and (self._wholly_quoted(para) or self.kinds[para] == "heading"):
                # The speaker's own words stand for no one: a quotation running on over
                # paragraphs is not counted as distance ("He will ... and says ...", four
                # paragraphs of his words, then `"...," he said`). Nor is a heading, whose
                # names are no sentence's subject ("Troy Carter Hallway Interview").
                continue
            back += 1
            spans = [sp for sp in sentence_spans(text) if sp[0] < limit]
            for s0, s1 in reversed(spans):
                hits = [
                    (p, s)
                    for p, s in pool
                    if p[0] == para
                    and s0 <= p[1] < min(s1, limit)
                    and not self._quoted(para, p[1])
                    # "Gordon Brown's spokesman said": the owner is not the one speaking (but
                    # "Kemble's tenure got off to a disastrous start. He said ..." is Kemble)
                    and not self._owner_of_person(text, p[1], s.text)
                ]
                if not body:
                    # `"Mr Al Fayed is a very persuasive man ...," he said`: someone the quoted
                    # words speak of in the third person is not their speaker.
                    hits = [
                        (p, s)
                        for p, s in hits
                        if s.is_person
                        and (not gender or self._gender_of(s) in ("", gender))
                        and s.actor not in self._named_inside
                    ]
                    lead = _SUBJECT_PRONOUN.match(text, s0) or _OPENING_PRONOUN.match(text, s0, min(s1, limit))
                    if (
                        lead
                        and (lead.group(1).lower() == word or word == "one")  # "the Israeli": he or she
                        and depth < 4
                        and (para, lead.start(1)) < (pi, at)
                        and not self._quoted(para, lead.start(1))
                        and not any(p[1] < lead.start(1) for p, _s in hits)
                    ):
                        comma = text.find(",", lead.end(1), min(s1, limit))
                        later = [(p, s) for p, s in hits if comma >= 0 and p[1] > comma]
                        if later and _SUBORDINATE.match(text, s0):
                            # "If he keeps his position, it might be a good omen for Choi": the
                            # pronoun of an opening clause looks ahead to the main clause's person.
                            return min(later, key=lambda item: item[0])[1]
                        return self._antecedent(para, lead.start(1), lead.group(1), depth + 1)
                if body:
                    # `It said ads for its Zango Astrology application ... "...," it said`: a
                    # sentence opened by the same "it" goes on with that one's antecedent, and
                    # what "its" owns is no speaker.
                    hits = [
                        (p, s) for p, s in hits if not re.search(r"\b(?:its|their)\s+$", text[max(0, p[1] - 7) : p[1]])
                    ]
                    lead = _BODY_SUBJECT_PRONOUN.match(text, s0)
                    if (
                        lead
                        and lead.group(1).lower() == word
                        and depth < 4
                        and (para, lead.start(1)) < (pi, at)
                        and not self._quoted(para, lead.start(1))
                        and not any(p[1] < lead.start(1) for p, _s in hits)
                    ):
                        return self._antecedent(para, lead.start(1), lead.group(1), depth + 1)
                if para == pi and self._open[0] == para and s0 <= self._open[1] < s1:
                    # `Mr ElBaradei should "be careful ...," he said`: someone the quoted words
                    # are about, not its speaker, unless a speech verb stands between.
                    hits = [
                        (p, s)
                        for p, s in hits
                        if p[1] > self._open[1]
                        or any(_is_verb(m.group(0)) for m in _TOKEN.finditer(text[p[1] : self._open[1]]))
                    ]
                if hits:
                    # "The way is clear for Bennett's involvement ... after club boss Bruno Cullen
                    # said ...": the one the sentence makes speak, else its first person.
                    # Someone named in an aside between dashes or brackets is not the one the
                    # sentence is about ("... for Hodgson - his predecessor Lawrie Sanchez
                    # insisted on ... - but ...").
                    main = [(p, s) for p, s in hits if not _in_aside(text, p[1], s0, s1)]
                    speaking = [
                        (p, s)
                        for p, s in main
                        if not body
                        and s.text.split()[0].lower() not in {"the", "a", "an"}
                        and self._speaks_after(text, p[1], s.text)
                    ]
                    return min(speaking or main or hits, key=lambda item: item[0])[1]
        return None

    @staticmethod
    def _speaks_after(text: str, at: int, name: str) -> bool:
        """A speech verb follows the name at `at` ("Cullen said", "Cullen reportedly told")."""
        if not text[at:].startswith(name):
            return False
        nxt = re.match(r"\s+(?:" + LY_ADVERB + r"\s+)?([\w’'-]+)", text[at + len(name) :])
        return nxt is not None and _is_verb(nxt.group(1))

    # -- lookups -----------------------------------------------------------------------------

    @staticmethod
    def _owner_of_person(text: str, at: int, name: str) -> bool:
        """The name at `at` owns a person named by role: "Gordon Brown's (official) spokesman"."""
        rest = text[at + len(name) :] if text[at:].startswith(name) else ""
        owned = re.match(r"[\w.-]*['’]s\b((?:\s+[\w-]+){1,3})", rest)
        if not owned:
            return bool(re.match(r"[\w.-]*['’]s\b", rest))
        words = [w.lower() for w in owned.group(1).split()]
        return any(w in ROLE_NOUNS or w.rstrip("s") in ROLE_NOUNS for w in words)

    def _wholly_quoted(self, pi: int) -> bool:
        """The paragraph is a quotation from its first word to its last."""
        text = self.texts[pi]
        words = [m.start() for m in _TOKEN.finditer(text)]
        return bool(words) and all(self._quoted(pi, w) for w in words)

    def _quoted(self, pi: int, pos: int) -> bool:
        spans = self.inside.get(pi)
        if not spans:
            return False
        starts = self._inside_starts.get(pi)
        if starts is None or len(starts) != len(spans):
            spans.sort()
            starts = self._inside_starts[pi] = [lo for lo, _ in spans]
        k = bisect.bisect_right(starts, pos) - 1
        # Spans do not overlap but for a rare unclosed mark: look at the few before too.
        return any(spans[j][0] <= pos < spans[j][1] for j in range(max(0, k - 2), k + 1))

    def _actor_in(self, pi: int, start: int, end: int) -> tuple[str, str] | None:
        """(actor id, text) of the curated actor named within [start, end), people first."""
        hits = [(s, e, a) for s, e, a in self.mentions.get(pi, ()) if s < end and e > start]
        if not hits:
            return None
        hits.sort(key=lambda h: (self.actors[h[2]].kind != "person", -h[1]))
        s, e, actor = hits[0]
        return actor, self.texts[pi][s:e]

    def _person_in_sentence_before(self, pi: int, at: int) -> _Speaker | None:
        """The last curated person named, outside quotes, in the sentence before offset `at`."""
        text = self.texts[pi]
        start = self._sentence_start(pi, max(0, at - 1))
        hits = [
            (s, e, a)
            for s, e, a in self.mentions.get(pi, ())
            if start <= s
            and e <= at
            and self.actors[a].kind == "person"
            and not self._quoted(pi, s)
            # "... and referred to Swamy as an "ajube"": the one spoken of or to is no speaker
            and not _OBJECT_OF_SPEECH.search(text, start, s)
        ]
        if not hits:
            # "She blamed ... and said it would ..." : a pronoun opening the sentence speaks.
            lead = re.match(r"\s*(\w+)\b", text[start:at])
            if lead and lead.group(1).lower() in PRONOUNS:
                return self._speaker_of(
                    pi, _Subject("pronoun", lead.group(1), start + lead.start(1), start + lead.end(1))
                )
            # "The Congress was dismissive ... and referred to Swamy as ...": the body that
            # opens the sentence.
            for s, e, actor in sorted(self.mentions.get(pi, ())):
                if start <= s < at and not self._quoted(pi, s):
                    opens = text[start:s].strip() in ("", "The", "the")
                    if opens and self.actors[actor].kind in _BODY_KINDS:
                        return _Speaker(actor, text[s:e], is_person=False)
                    break
            return None
        s, e, actor = min(hits)  # "Galanter called Pereira ... and said": the sentence's subject
        return _Speaker(actor, text[s:e], True)

    def _subject_mention(self, pi: int, at: int) -> _Speaker | None:
        """The first person or body named, outside quotes and not after a preposition, in the
        sentence before offset `at`: the sentence's subject."""
        text = self.texts[pi]
        start = self._sentence_start(pi, max(0, at - 1))
        for s, e, actor in sorted(self.mentions.get(pi, ())):
            if not start <= s < at or self._quoted(pi, s) or self.actors[actor].kind not in ("person", *_BODY_KINDS):
                continue
            if re.search(
                r"\b(?:of|for|from|to|by|with|in|at|about|on|against|like|and)\s+(?:[\w'’-]+\s+){0,2}$", text[start:s]
            ):
                continue
            return _Speaker(actor, text[s:e], self.actors[actor].kind == "person")
        return None

    def _colon_lead(self, pi: int) -> _Speaker | None:
        """The speaker a paragraph ending in a colon introduces for the quotation paragraph `pi`:
        the person or body that opens its last sentence ("Carter's comments ... focused on ...:"),
        or the first he/she in it ("To some degree he summed up that perspective ...:")."""
        if pi == 0:
            return None
        prev = pi - 1
        text = self.texts[prev].rstrip()
        if not text.endswith(":") or self._wholly_quoted(prev):
            return None
        s0 = self._sentence_start(prev, len(text) - 1)
        lead = re.match(r"\s*(?:(?:{})\s+)*".format("|".join(sorted(_LEADING_WORDS))), text[s0:], re.IGNORECASE)
        first = s0 + (lead.end() if lead else 0)
        for s, e, actor in sorted(self.mentions.get(prev, ())):
            if s == first and self.actors[actor].kind in ("person", *_BODY_KINDS) and not self._quoted(prev, s):
                return _Speaker(actor, text[s:e], self.actors[actor].kind == "person")
        described = _ROLE_OWNER.match(text, s0 + (len(text[s0:]) - len(text[s0:].lstrip())))
        if described and described.group(2).lower() in ROLE_NOUNS:
            # "The president's original statement:": the holder of the role the copy has named.
            subject = _Subject("role", described.group(1), described.start(1), described.end(1))
            found = self._speaker_of(prev, subject)
            if found is not None and found.actor:
                return found
        for m in re.finditer(r"\b(he|she)\b", text[s0:], re.IGNORECASE):
            if not self._quoted(prev, s0 + m.start()):
                return self._speaker_of(prev, _Subject("pronoun", m.group(1), s0 + m.start(1), s0 + m.end(1)))
        return None

    def _sentence_attribution(self, spans: list[_Span], k: int) -> _Subject | None:
        """The attribution after the last quotation of the sentence that quotation `k` is in."""
        pi = spans[k].end_para
        text = self.texts[pi]
        j = k
        while (
            j + 1 < len(spans)
            and spans[j + 1].start_para == pi
            and not re.search(r"[.!?;]", text[spans[j].close_at + 1 : spans[j + 1].open_at])
            and not _TERMINATED.search(spans[j].text.rstrip())
        ):
            j += 1
        if j == k:
            return self._closing_attribution(spans[k])
        next_open = spans[j + 1].open_at if j + 1 < len(spans) and spans[j + 1].start_para == pi else len(text)
        found = self._after(pi, spans[j].close_at, next_open)
        return found if found is not None and found.kind in ("name", "pronoun") else None

    def _closing_attribution(self, span: _Span) -> _Subject | None:
        """`encouraging the country's "moderate center" to play a role, and promoting
        development, she said.`: a piece of reported speech quoted inside a sentence that an
        attribution closes (he or she, or a name, and a speech verb after its last comma)."""
        pi = span.end_para
        text = self.texts[pi]
        end = next((e for s0, e in sentence_spans(text) if s0 <= span.close_at < e), len(text))
        tail = text[span.close_at + 1 : end]
        if any(mark in tail for mark in QUOTE_MARKS):
            return None
        m = _CLOSING_ATTRIBUTION.search(tail)
        if m is None:
            return None
        at = span.close_at + 1 + m.start(1)
        kind = "pronoun" if m.group(1).lower() in PRONOUNS else "name"
        return _Subject(kind, m.group(1), at, at + len(m.group(1)))

    def _pronoun_told(self, pi: int, at: int) -> tuple[tuple[int, int], _Speaker] | None:
        """`She said small businesses were hard hit.` earlier in the paragraph: the speech of a
        sentence opened by he/she and a speech verb, as (position, speaker)."""
        text = self.texts[pi]
        for s0, _s1 in reversed([sp for sp in sentence_spans(text) if sp[0] < at]):
            lead = re.match(r"\s*(he|she)\s+(?:" + LY_ADVERB + r"\s+)?([\w’'-]+)", text[s0:at], re.IGNORECASE)
            if lead and _is_verb(lead.group(2)) and not self._quoted(pi, s0 + lead.start(1)):
                pronoun = _Subject("pronoun", lead.group(1), s0 + lead.start(1), s0 + lead.end(1))
                found = self._speaker_of(pi, pronoun)
                return ((pi, pronoun.start), found) if found is not None and found.is_person else None
        return None

    def _acting_before(self, pi: int, at: int = 0) -> _Speaker | None:
        """`When asked about it Friday, Paterno smiled and shrugged it off.` closing the paragraph
        before a paragraph of quotation that says nothing of its speaker (or the sentence before
        such a quotation in its paragraph, at offset `at`): the person that sentence, which
        quotes no one, is about."""
        if at:
            prev = pi
            text = self.texts[pi][:at].rstrip()
        else:
            if pi == 0:
                return None
            prev = pi - 1
            text = self.texts[prev].rstrip()
        if not text or text.endswith(":") or self._wholly_quoted(prev) or self.kinds[prev] == "heading":
            return None
        s0 = self._sentence_start(prev, len(text) - 1)
        if any(c in text[s0:] for c in QUOTE_MARKS) or any(
            _is_verb(m.group(0)) and not _passive(text, m) for m in _TOKEN.finditer(text, s0)
        ):
            return None  # (a sentence that reports speech has its speaker already)
        for s, e, actor in sorted(self.mentions.get(prev, ())):
            if s < s0:
                continue
            if self.actors[actor].kind != "person" or not _OPENS_SENTENCE.fullmatch(text[s0:s]):
                return None
            return _Speaker(actor, text[s:e], True)
        return None

    def _first_person_after(self, pos: tuple[int, int]) -> _Speaker | None:
        """A pronoun before anyone is named (a feature's opening scene: "a girl ... she says"):
        the first curated person the source names after it."""
        later = sorted(
            ((pi, s), e, actor)
            for pi, found in self.mentions.items()
            for s, e, actor in found
            if (pi, s) > pos and self.actors[actor].kind == "person" and not self._quoted(pi, s)
        )
        if not later:
            return None
        (pi, s), e, actor = later[0]
        return _Speaker(actor, self.texts[pi][s:e], True)

    def _mentioned(self, pi: int, verb_at: int, lo: int = 0, appositive_only: bool = False) -> _Subject | None:
        """A mention that ends just before a speech verb ("the harbourmaster said"), or that opens
        the clause with an appositive between it and the verb ("Akhtar Zamin, the home minister
        for southern Sindh province, said"): a person, or else a body."""
        text = self.texts[pi]
        adverbs = r"(?:(?:was|were|is|are)\s+quoted\s+as\s+)?(?:on\s+)?(?:\w+day\s+)?(?:(?:{}|{})\s+)?".format(
            "|".join(sorted(_ADVERBS)), LY_ADVERB
        )
        hits = sorted(
            (m for m in self.mentions.get(pi, ()) if lo <= m[0] and m[1] <= verb_at and not self._quoted(pi, m[0])),
            key=lambda m: -m[1],
        )
        for s, e, actor in hits:
            if self.actors[actor].kind not in ("person", *_BODY_KINDS):
                continue
            if not appositive_only and self.actors[actor].kind != "person":
                # "Eric Poklar of the Governor's Office of Health Transformation told": the
                # person the body follows speaks for it.
                owner = [
                    (ps, pe)
                    for ps, pe, pa in hits
                    if pe <= s
                    and self.actors[pa].kind == "person"
                    and re.fullmatch(r",?\s+(?:of|from|at|with)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}", text[pe:s])
                ]
                if owner and re.fullmatch(r"[\s,]*" + adverbs, text[e:verb_at]):
                    ps, pe = max(owner)
                    return _Subject("name", text[ps:pe], ps, pe)
            if appositive_only or (
                re.match(r"\w+ing\b", text[verb_at:]) and not text[:verb_at].rstrip().endswith(" as")
            ):
                break  # ", saying": the participle's subject is the sentence's
            if self.actors[actor].kind != "person" and text[lo:s].strip(" ,").lower() not in ("", "the"):
                break  # "efforts to repel IS, saying": an object, not the subject
            gap = text[e:verb_at]
            if "," in gap and any(h[0] < s for h in hits):
                break  # "Smit, who had never met De Villiers, said": the clause's head speaks
            if re.fullmatch(r"[\s,]*" + adverbs, gap) and not re.search(
                r"\b(?:of|for|at|from|to)\s+(?:the\s+)?(?:[\w'’-]+\s+)?$", text[lo:s]
            ):
                for hs, he, ha in sorted(hits):
                    if (
                        he <= s
                        and self.actors[ha].kind == "person"
                        and self._unclosed_appositive(text[he:verb_at], adverbs)
                    ):
                        return _Subject("name", text[hs:he], hs, he)  # the head of the appositive
                return _Subject("name", text[s:e], s, e)
            break
        for s, e, actor in sorted(hits):
            if self.actors[actor].kind not in ("person", *_BODY_KINDS):
                continue
            gap = text[e:verb_at]
            raw_lead = text[lo:s].rstrip(' :;–—-"”')
            lead = raw_lead.strip(' ,:;–—-"”')
            gap = re.sub(r"\b[A-Z][a-z]{0,3}\.", "U", gap)  # "the U.S. attorney"
            # What may stand before the head: nothing, "the ...,", or an opening phrase and a
            # comma ("A week later, Colleen Swords, now head of ..., wrote").
            opened = raw_lead.endswith(",") and not any(_is_verb(w.group(0)) for w in _TOKEN.finditer(lead))
            if _DATELINE.fullmatch(text[lo:s]):
                lead = ""  # "New Delhi: State Bank of India (SBI), the lead bank ..., cautioned"
            if lead and all(w.lower().rstrip(".") in _TITLE_LEADS for w in lead.split()):
                # "Dr. Jane Smith, a surgeon at the hospital, told", "Dame Mary Marsh, director
                # and chief executive of the NSPCC, said": the title is no lead
                lead = ""
            if (lead == "" or opened or re.fullmatch(r"(?:the|a|an)\s[\w\s'’-]{1,40},", lead, re.IGNORECASE)) and (
                re.fullmatch(r"(?:\s*\([^()]{1,20}\))?\s*,\s*[^\"“”;.!?]{1,160}?,\s*" + adverbs, gap)
                or self._unclosed_appositive(gap, adverbs)
            ):
                return _Subject("name", text[s:e], s, e)
            if not opened:
                break
        return None

    @staticmethod
    def _unclosed_appositive(gap: str, adverbs: str) -> bool:
        """`Habeeb Nizamudin, a growth officer of the agency Lodestar Universal said:` an
        appositive whose closing comma the copy left out: "a/an/the" and a role noun in it."""
        m = re.fullmatch(r"\s*,\s*(?:a|an|the)\s([^\"“”;.!?,]{1,120}?)\s+" + adverbs, gap, re.IGNORECASE)
        return m is not None and any(w.lower() in ROLE_NOUNS for w in _TOKEN.findall(m.group(1)))

    def _named_subject(self, pi: int, verb_at: int, lo: int, subject: _Subject | None) -> _Subject | None:
        """A named mention before the verb (see _mentioned) over the subject the clause's words
        gave, unless it sits inside that description ("A spokeswoman for the US embassy in
        Baghdad said"); a pronoun stays."""
        if subject is not None and subject.kind == "pronoun":
            return subject
        named = self._mentioned(pi, verb_at, lo)
        if named is None or (
            subject is not None and subject.kind != "name" and subject.start <= named.start < subject.end
        ):
            return subject
        return named

    def _appositions(self) -> dict[str, str]:
        """Description -> person id, where the source names the holder in apposition."""
        found: dict[str, set[str]] = {}
        self.apposed: dict[str, list[tuple[tuple[int, int], str]]] = {}
        role = r"((?:[\w’'.-]+\s+){{0,5}}?(?:{}))\b".format("|".join(sorted(ROLE_NOUNS)))
        for pi, text in enumerate(self.texts):
            for s, e, actor in self.mentions.get(pi, ()):
                if self.actors[actor].kind != "person":
                    continue
                after = re.match(r",\s+(?:a|an|the)\s+" + role, text[e:], re.IGNORECASE)
                follow = _TOKEN.match(text, e + after.end() + 1) if after else None
                if after and not (follow and _is_verb(follow.group(0))):
                    # ("Stephanie, the President said, dropped": an attribution, not an apposition)
                    found.setdefault(_role_key(after.group(1)), set()).add(actor)
                    self.apposed.setdefault(_role_key(after.group(1)), []).append(((pi, s), actor))
                before = re.search(
                    r"(?:^|\b(?:a|an|the)\s+|,\s*)" + role + r",?\s+$", text[max(0, s - 80) : s], re.IGNORECASE
                )
                if before:
                    found.setdefault(_role_key(before.group(1)), set()).add(actor)
                    if re.fullmatch(r"(?:a|an|the)\s+[\w’'.-]+(?:\s+[\w’'.-]+)*,\s+", before.group(0), re.IGNORECASE):
                        # "The judge, Colleen Kollar-Kotelly, said": a description, then the name
                        self.apposed.setdefault(_role_key(before.group(1)), []).append(((pi, s), actor))
        return {key: next(iter(ids)) for key, ids in sorted(found.items()) if len(ids) == 1}

    def _speaker_of(self, pi: int, subject: _Subject) -> _Speaker | None:
        if subject.kind == "pronoun":
            pos = (pi, subject.start)
            found = self._antecedent(pi, subject.start, subject.text)
            if found is not None:
                return found
            if subject.text.lower() in BODY_PRONOUNS:
                return None
            earlier = [
                (p, s)
                for p, s in self.people
                if p < pos and s.is_person and self._gender_of(s) in ("", _PRONOUN_GENDER.get(subject.text.lower(), ""))
            ]
            if earlier:
                return max(earlier, key=lambda item: item[0])[1]
            return self._first_person_after(pos)
        # In a description ("a US state department official") a named actor is a modifier.
        named = self._actor_in(pi, subject.start, subject.end) if subject.kind == "name" else None
        if named is not None:
            actor, text = named
            return _Speaker(actor, text, self.actors[actor].kind == "person")
        if subject.kind == "role":
            actor = (
                self._apposed_before(pi, subject)
                or self.roles.get(_role_key(subject.text), "")
                or self._holder(pi, subject, person=True)
            )
            if not actor:
                actor = self._described(pi, subject)
            return _Speaker(actor, subject.text)
        if subject.kind == "body":
            head = subject.text.lower().split()[-1] if subject.text.split() else ""
            apposed = self._body_apposed_before(pi, subject, head)
            if apposed is not None:
                return apposed
            holder = self._holder(pi, subject, person=False)
            if not holder and subject.text.lower().startswith("the ") and head in GENERIC_BODIES:
                # "Greenpeace protested outside the plant." then `"...," the group said`: the
                # body that no list knows but the copy made the subject just before.
                opener = self._subject_name_before(pi, subject.start)
                if opener:
                    return _Speaker("", opener, is_person=False)
            return _Speaker(holder, subject.text, is_person=False)
        return _Speaker("", subject.text)

    def _body_apposed_before(self, pi: int, subject: _Subject, head: str) -> _Speaker | None:
        """The body the copy has just written with this description in apposition ("Acme Corp,
        the carmaker, cut jobs ... the carmaker said"), in this paragraph or the two before."""
        if not subject.text.lower().startswith("the ") or not head.isalpha():
            return None
        appos = re.compile(
            rf"([A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|and|&))*),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{head},"
        )
        for p in range(pi, max(-1, pi - 3), -1):
            text = self.texts[p]
            limit = subject.start if p == pi else len(text)
            hits = [
                m
                for m in appos.finditer(text, 0, limit)
                if not self._quoted(p, m.start())
                and m.group(1).split()[0].lower() not in _PREPOSITIONS | _LEADING_WORDS | _CALENDAR_WORDS
            ]
            if not hits:
                continue
            m = hits[-1]
            for s, e, actor in self.mentions.get(p, ()):
                if m.start(1) <= s < m.end(1) and self.actors[actor].kind in _BODY_KINDS:
                    return _Speaker(actor, text[s:e], is_person=False)
            return _Speaker("", m.group(1), is_person=False)
        return None

    def _apposed_before(self, pi: int, subject: _Subject) -> str:
        """The person the copy has just written in apposition with this definite description, in
        this paragraph or the one before ("The judge, Colleen Kollar-Kotelly, said ... The judge
        said"), however many others hold the same role in the source."""
        if not subject.text.lower().startswith("the "):
            return ""
        key = _role_key(subject.text).split()
        if not key:
            return ""
        here = (pi, subject.start)
        # "the minister" after "Tom Okafor, the defence minister,": the same head, fewer words
        near = [
            (at, actor)
            for apposed, found in self.apposed.items()
            if apposed.split()[-1] == key[-1] and set(key) <= set(apposed.split())
            for at, actor in found
            if pi - 1 <= at[0] and at < here
        ]
        return max(near)[1] if near else ""

    def _described(self, pi: int, subject: _Subject) -> str:
        """A definite description no role names ("the Blackburn manager said", "the former
        Leeds striker said"): news copy's second reference to the person it has just named (in
        the sentence, or right after a quotation in this paragraph or the one before), unless
        that person is written with another role."""
        english, foreign_gender = _english_description(subject.text)
        words = [w.lower().strip("’'") for w in english.split()]
        # "the man behind atebits", "the president of the club": the noun before the preposition
        cut = next((k for k, w in enumerate(words) if k >= 2 and w in _DESCRIPTION_CUT), len(words))
        words = words[:cut]
        text = self.texts[pi]
        opens_at = subject.start
        if (
            len(words) >= 2
            and re.fullmatch(r"[A-Z][\w.-]*['’]s", subject.text.split()[0])
            and subject.text.split()[-1].islower()
        ):
            # "The Scuderia's president explained": the office of a body is held by the person
            # the copy has just named; "Brown's spokesman" (a person's) is someone else, and
            # "Pund-IT's King" a name.
            owner = self._actor_in(pi, subject.start, subject.start + len(subject.text.split()[0]))
            if owner is not None and self.actors[owner[0]].kind == "person":
                return ""
            words = ["the", *words[1:]]
            article = re.search(r"\b[Tt]he\s+$", text[: subject.start])
            opens_at = article.start() if article else subject.start
        if len(words) < 2 or words[0] != "the" or _plural_role(words[-1]) or not _one_person_noun(words[-1]):
            return ""
        head = words[-1]
        if head in _ANONYMOUS_NOUNS:
            return ""  # "the source said", "the witness said": someone the copy does not name
        gender = GENDERED_NOUNS.get(head, "") or _person_noun_gender(head) or foreign_gender
        pronoun = {"m": "he", "f": "she"}.get(gender, "one")
        # `...," the former Leeds striker said` or `...," said the batsman`
        after_quote = _AFTER_QUOTE_SUBJECT.search(text[: subject.start]) is not None
        found = None
        if after_quote:
            # whoever the copy has just named
            found = self._antecedent(pi, subject.start, pronoun, max_back=1)
        else:
            # "Hughes is a candidate, but the Blackburn manager said": named in the sentence.
            found = self._person_in_sentence_before(pi, subject.start)
            s0 = self._sentence_start(pi, max(0, subject.start - 1))
            if (
                found is None
                and (
                    head in _OFFICES
                    or _person_noun(head)
                    # "The BMW driver also admitted": "also" goes on with the one just quoted
                    or re.match(r"\s+also\b", text[subject.end :]) is not None
                )
                and _OPENS_SENTENCE.fullmatch(text[s0:opens_at])
            ):
                # "Asked about China, the premier said:" opening its sentence: the person just
                # named or quoted (in this paragraph or the two before: a link may have cut one
                # in pieces), unless the copy has written the role of someone else since
                # ("Howard met the premier.").
                found = self._antecedent(pi, subject.start, pronoun, max_back=2)
                named = max(
                    (p for p, sp in self.people if found and sp.actor == found.actor and p < (pi, s0)), default=None
                )
                if named is not None:
                    since = self.texts[named[0]][named[1] + len(found.text if found else "") :]
                    since = since[: subject.start] if named[0] == pi else since + " " + text[: subject.start]
                    if re.search(rf"\b{re.escape(head)}\b", since.lower()):
                        found = None
        if found is None or not found.actor:
            return ""
        candidates = [found]
        if after_quote:
            # `Redknapp did not appear at the conference, which was taken by his assistant Joe
            # Jordan. "...," the former Leeds striker said`: when the one just named first
            # holds another role, the others named there, the latest first.
            before = (pi, subject.start)
            candidates += [
                sp
                for p, sp in reversed(self.people)
                if p < before and p[0] >= pi - 1 and sp.actor and sp.actor != found.actor and not self._quoted(*p)
            ]
        for cand in candidates:
            ent = self.entities.get(cand.actor)
            roles = {r for r in (ent.roles if ent else self.roles_of.get(cand.actor, ())) if r}
            same = _SAME_OFFICE.get(head, frozenset({head}))
            if not roles or any(same & set(r.split()) for r in roles) or _person_noun(head):
                return cand.actor  # (a nationality or an age is no role: "the Israeli", a "boss")
        return ""

    def _author(self, pi: int, subject: _Subject, noun: str) -> str:
        """Who wrote "the report" / "Roger's motion": the possessor, or the one who "said in a
        new report" or whose "report, by the International Crisis Group" the source named before."""
        text = self.texts[pi]
        for s, e, actor in self.mentions.get(pi, ()):
            if s == subject.start and re.match(r"['’]s\b", text[e:]):
                return actor  # "Roger's three-page motion alleges"
        here = (pi, subject.start)
        found: list[tuple[tuple[int, int], str]] = []
        for p in range(0, pi + 1):  # the report the source introduced, however far back
            t = self.texts[p]
            for s, e, actor in self.mentions.get(p, ()):
                if (p, s) >= here or self._quoted(p, s):
                    continue
                after, before = t[e : e + 90], t[max(0, s - 70) : s]
                if (
                    re.match(rf"['’]s\s+(?:[\w-]+\s+){{0,2}}?{noun}s?\b", after)
                    or re.match(
                        rf"[^.;]{{0,40}}?\b(?:said|wrote|stated|noted|warned|found)\s+in\s+(?:a|an|his|her|its|their|the)\s+(?:[\w-]+\s+){{0,2}}?{noun}\b",
                        after,
                    )
                    # "Fantino responded to the study with an open letter", "the union issued a
                    # statement": the one who put the document out.
                    or re.match(
                        r"[^.;\"“”]{0,30}?\b(?:responded|replied|issued|released|sent|published|wrote|penned|signed)\b"
                        rf"[^.;\"“”]{{0,40}}?\b(?:a|an|his|her|its|their)\s+(?:[\w-]+\s+){{0,2}}?{noun}\b",
                        after,
                    )
                    or re.search(rf"\b{noun},?\s+(?:released\s+)?by\s+(?:the\s+)?$", before[-40:])
                    # "The ruling released Thursday by the Canadian Transportation Agency"
                    # "the front-page claim made on Saturday by sports daily AS"
                    or re.search(
                        r"\b(?:ruling|decision|report|study|statement|claim|story|article)\s+"
                        r"(?:released|issued|published|made|carried|run)\s+(?:[\w-]+\s+){0,3}?by\s+(?:the\s+)?"
                        r"(?:[a-z][\w-]*\s+){0,2}$",
                        before,
                    )
                ):
                    found.append(((p, s), actor))
        return max(found)[1] if found else ""

    def _holder(self, pi: int, subject: _Subject, person: bool) -> str:
        """The actor a definite description stands for, named in the same source: "the defence
        secretary" the person written with that role ("Defence Secretary Gotabhaya Rajapakse",
        or a curated actor whose role has the noun), "the agency" / "the newspaper" / "the
        group" the organisation whose name carries the noun (any organisation for "group",
        "company", "report"), nearest before the description first. An indefinite one ("a
        senior official") stands for nobody named."""
        words = [w.lower().strip("’'") for w in _english_description(subject.text)[0].split()]
        if not words:
            return ""
        if words[0] in {"a", "an"}:
            # "A leading Nigerian militant group said ...", the wire lead, then "the Movement for
            # the Emancipation of the Niger Delta (MEND) said": a body described before it is named.
            if not person:
                return self._named_later(pi, subject, words[-1]) if pi <= 1 else ""
            return self._person_named_later(pi, subject) if pi == 0 else ""
        if not person and words[0] in _POSSESSIVES and len(words) == 2:
            # "Her foundation said": the body whose name carries the name of the person "her"
            # stands for ("Sally Ride Science").
            owned = self._owned_body(pi, subject, words[0])
            if owned:
                return owned
        if not person and words[-1] in _AUTHORED:
            named = self._actor_in(pi, subject.start, subject.end)
            if named is not None and self.actors[named[0]].kind in _BODY_KINDS:
                return named[0]  # "the OLPC statement said", "a Pentagon report found": its body
            author = self._author(pi, subject, words[-1])
            if author:
                return author

        head = words[-1].removesuffix("’s").removesuffix("'s")
        wanted = set(words[1:]) - {"the"}
        scored: list[tuple[int, tuple[int, int], str]] = []
        for p, found in self.mentions.items():
            for s, _e, actor in found:
                definition = self.actors[actor]
                if person != (definition.kind == "person") or self._quoted(p, s):
                    continue
                if person:
                    ent = self.entities.get(actor)
                    roles = set(ent.roles) if ent else set(self.roles_of.get(actor, ()))
                    if definition.role:
                        roles.add(definition.role.lower())
                    keys = [r.split() for r in roles if r]
                    if not any(head in k for k in keys):
                        continue
                    overlap = max(len(wanted & set(k)) for k in keys if head in k)
                else:
                    if definition.kind not in _BODY_KINDS:
                        continue
                    name = (definition.name + " " + definition.role).lower().split()
                    cues = BODY_NAME_CUES.get(head, (head,))
                    if any(c in name for c in cues):
                        overlap = 2
                    elif head in GENERIC_BODIES:
                        overlap = 1
                    else:
                        continue
                scored.append((overlap, (p, s), actor))
        if not scored:
            return ""
        here = (pi, subject.start)
        if not person:
            # "the group", "the contractor": the organisation the source speaks of most.
            counts: dict[str, int] = {}
            for _o, at, actor in scored:
                if at < here:
                    counts[actor] = counts.get(actor, 0) + 1
            scored = [(o * 100 + counts.get(a, 0), at, a) for o, at, a in scored]
        before = [x for x in scored if x[1] < here]
        if before:
            best = max(x[0] for x in before)
            return max((x for x in before if x[0] == best), key=lambda x: x[1])[2]
        best = max(x[0] for x in scored)
        return min((x for x in scored if x[0] == best), key=lambda x: x[1])[2]

    def _named_later(self, pi: int, subject: _Subject, head: str) -> str:
        """The first body named after an indefinite description in the lead that speaks itself
        within the next paragraphs ("the Movement ... (MEND) said it sponsored ...") and whose
        name carries the description's noun (any body for "group", "company", ...)."""
        if head not in GENERIC_BODIES and head not in BODY_NAME_CUES:
            return ""
        cues = BODY_NAME_CUES.get(head, (head,))
        here = (pi, subject.end)
        for p in range(pi, min(len(self.texts), pi + 4)):
            text = self.texts[p]
            for s, e, actor in sorted(self.mentions.get(p, ())):
                definition = self.actors[actor]
                if (p, s) < here or self._quoted(p, s) or definition.kind not in _BODY_KINDS:
                    continue
                name = definition.name.lower().split()
                if head not in GENERIC_BODIES and not any(c in name for c in cues):
                    continue
                if _SPEAKS_NEXT.match(text, e):
                    # "... Niger Delta (MEND) said": the short name in brackets, which the copy
                    # goes on using, over the tail of the long one.
                    short = [a for ms, _me, a in self.mentions.get(p, ()) if ms == e + 2 and text[e : e + 2] == " ("]
                    return short[0] if short and self.actors[short[0]].kind in _BODY_KINDS else actor
        return ""

    def _person_named_later(self, pi: int, subject: _Subject) -> str:
        """`... as a senior Cabinet ally warned that Tory messages were "resonating"`, the lead,
        then "Justice Secretary Jack Straw conceded ... and warned that ...": the person the
        copy names later saying the same thing, with the same speech verb, in their sentence."""
        text = self.texts[pi]
        verb = re.match(r"\s+(?:" + LY_ADVERB + r"\s+)?([\w’'-]+)", text[subject.end :])
        if verb is None or not _is_verb(verb.group(1)):
            return ""
        word = verb.group(1).lower()
        for p in range(pi + 1, min(len(self.texts), pi + 7)):
            t = self.texts[p]
            for s0, s1 in sentence_spans(t):
                people = [
                    (s, e, a)
                    for s, e, a in self.mentions.get(p, ())
                    if s0 <= s < s1 and self.actors[a].kind == "person" and not self._quoted(p, s)
                ]
                if len(people) != 1:
                    continue
                _s, e, actor = people[0]
                after = t[e:s1]
                said = re.search(rf"\b{re.escape(word)}\b", after)
                if said and not self._quoted(p, e + said.start()) and len(after[: said.start()].split()) <= 20:
                    return actor
        return ""

    def _acting_subject(self, pi: int, at: int) -> _Subject | None:
        """The first person or body named, or person described ("the president"), in the
        sentence before offset `at` that a verb in the past tense follows: the one who acts."""
        text = self.texts[pi]
        s0 = self._sentence_start(pi, max(0, at - 1))
        found: list[_Subject] = []
        for s, e, actor in self.mentions.get(pi, ()):
            if s0 <= s < at and not self._quoted(pi, s) and self.actors[actor].kind in ("person", *_BODY_KINDS):
                if _ACTS.match(text, e):
                    found.append(_Subject("name", text[s:e], s, e))
        for m in _DESCRIBED_ROLE.finditer(text, s0, at):
            if m.group(2).lower() in ROLE_NOUNS and _ACTS.match(text, m.end()):
                found.append(_Subject("role", m.group(1), m.start(1), m.end(1)))
        return min(found, key=lambda sub: sub.start) if found else None

    def _owned_body(self, pi: int, subject: _Subject, possessive: str) -> str:
        """The organisation the source names whose name holds the surname of the person the
        possessive stands for ("her foundation": Sally Ride -> "Sally Ride Science")."""
        pronoun = {"his": "he", "her": "she"}.get(possessive, "")
        owner = self._antecedent(pi, subject.start, pronoun) if pronoun else None
        if owner is None or not owner.actor:
            return ""
        full = self.actors[owner.actor].name
        surname = full.split()[-1].lower()
        for p in sorted(self.mentions):
            for _s, _e, actor in self.mentions[p]:
                name = self.actors[actor].name
                if actor == owner.actor:
                    continue
                if self.actors[actor].kind in _BODY_KINDS and surname in name.lower().split():
                    return actor
                if name.startswith(full + " ") and len(name.split()) > len(full.split()):
                    return actor  # the full name and more words: a body named after the person
        return ""

    # -- attribution -------------------------------------------------------------------------

    def _after(self, pi: int, close_at: int, next_open: int, short: bool = False) -> _Subject | None:
        """Attribution right after a closing mark: `," Kerry said` or `," said Kerry`."""
        text = self.texts[pi]
        tail = text[close_at + 1 : next_open]
        if _GOES_ON_CLAUSE.match(tail):
            return None  # `there will be an "explosion in innovation" when Apple ...`: no attribution
        signed = re.match(r"\s*[—–]\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*(?:,|\.?$)", tail)
        if signed:
            # `"We will not give up" — Tom Hardy, union leader.`: signed with a dash
            at = close_at + 1 + signed.start(1)
            return _Subject("name", signed.group(1), at, at + len(signed.group(1)))
        spans = sentence_spans(tail)
        clause = tail[: spans[0][1]] if spans else tail
        lead = re.match(r"[\s,:;–—-]*", clause)
        offset = lead.end() if lead else 0
        verb = _find_verb(clause[offset:], last=False, extra=AFTER_QUOTE_VERBS)
        if verb is None:
            according = _ACCORDING.match(clause, offset)
            if according:
                return _leading_subject(clause[according.end() :], close_at + 1 + according.end())
            return None
        before = clause[offset : offset + verb.start()]
        base = close_at + 1 + offset
        quoted_as = _QUOTED_AS.search(before)
        if quoted_as and verb.group(0).lower() in {"saying", "telling"}:
            # `...," the newspaper quoted Ahmed Ali as saying`: the one quoted speaks
            at = base + quoted_as.start(1)
            named = self._actor_in(pi, at, base + quoted_as.end(1))
            if named is not None:
                s0 = text.index(named[1], at)
                return _Subject("name", named[1], s0, s0 + len(named[1]))
            return _leading_subject(quoted_as.group(1), at)
        if short and "," in before and not re.search(r"[,.!?…]\s*$", text[:close_at]):
            # `the harbour "brand", which attracts tourists, officials added`: a term, and a
            # clause about it before the attribution of the sentence.
            return self._mentioned(pi, base + verb.start(), base, appositive_only=True)
        # `...," a youth wing division of the opposition Pan-Malaysian Islamic Party said`: one
        # long description, no clause, may take a few more words.
        description = re.fullmatch(r"\s*(?:a|an|the)\s[^,;:.!?\"“”]+", before, re.IGNORECASE) is not None
        # `...," Universal Music Group International chairman and chief executive Lucian Grainge
        # said`: a long title, then the name, with no clause either.
        title = _TITLED_NAME.fullmatch(before)
        titled = title is not None and title.group(1) in ROLE_NOUNS
        limit = LONG_DESCRIPTION_WORDS if description or titled else ATTRIBUTION_WORDS
        # `...," Gotabhaya Rajapakse, who is the president's younger brother, told`: an aside
        # about the subject is not counted.
        aside = _ASIDE.search(before)
        counted = before[: aside.start()] if aside is not None and aside.start() > 0 else before
        if len(counted.split()) > limit or re.search(r"[.!?]", re.sub(r"\b[A-Z][a-z]{0,3}\.", "", before)):
            return self._mentioned(pi, base + verb.start(), base, appositive_only=True)
        if (
            before.rstrip().endswith(",")
            and not verb.group(0).lower().endswith("ing")
            and verb.group(0).lower() not in _TELL
            and re.search(r"\b[a-z]{3,}\b", before)
        ):
            # (`..., a senior official, speaking on condition of anonymity, told AFP`: whoever
            # is told is addressed, never the speaker.)
            # `"... corruption" aimed at her government, said Adil Najam`: the inverted subject.
            after = self._inverted(pi, text, base + verb.end(), clause[offset + verb.end() :])
            if after is not None:
                return after
        if not before.strip():
            if verb.group(0).lower().endswith("ing"):
                # `...," adding that ...`: the subject of the sentence the quote sits in.
                s0 = self._sentence_start(pi, max(0, close_at - 1))
                for ms, me, actor in sorted(self.mentions.get(pi, ())):
                    if (
                        s0 <= ms < close_at
                        and not self._quoted(pi, ms)
                        and self.actors[actor].kind in ("person", *_BODY_KINDS)
                    ):
                        return _Subject("name", text[ms:me], ms, me)
                return (
                    _sentence_subject(text[s0:], s0)
                    if s0 < close_at and not text[s0:].lstrip().startswith(tuple(QUOTE_MARKS))
                    else None
                )
            # `," said lawyer Khurram Latif Khosa`: the subject after the verb (never "said to Smith").
            return self._inverted(pi, text, base + verb.end(), clause[offset + verb.end() :])
        return self._mentioned(pi, base + verb.start(), base) or _trailing_subject(before, base)

    def _inverted(self, pi: int, text: str, lead_from: int, rest: str) -> _Subject | None:
        """The subject after an inverted verb (`said Adil Najam, a professor`), a person first."""
        phrase = re.match(r"[^,;:.!?()]*", text[lead_from:])
        stop = lead_from + (phrase.end() if phrase else 0)
        inside = [
            (self.actors[a].kind != "person", ms, me)
            for ms, me, a in self.mentions.get(pi, ())
            if lead_from <= ms < stop
            and self.actors[a].kind in ("person", *_BODY_KINDS)
            and not re.search(r"\b(?:to|at|with|about|for)\s+(?:the\s+)?$", text[lead_from:ms])
            # `," wrote one user on Sina's Weibo`: a body after the subject's preposition is where
            # it was written, not who wrote (but `," chimed in Ovechkin` is Ovechkin)
            and not re.search(r"(?:^|\s)[a-z]+\s+(?:on|in|of|from|by)\s", text[lead_from:ms])
        ]
        if inside:
            _k, ms, me = min(inside)
            return _Subject("name", text[ms:me], ms, me)
        named = _ROLE_THEN_NAME.match(text, lead_from)
        if named and named.group(1).lower() in ROLE_NOUNS:
            # `," said his lawyer, John Reed`: the name the description is given
            return _Subject("name", named.group(2), named.start(2), named.end(2))
        return _leading_subject(rest, lead_from)

    def _before(self, pi: int, open_at: int, prev_close: int) -> tuple[bool, _Subject | None, bool]:
        """(begins its sentence, subject, a speech verb stands before it) for an opening mark."""
        text = self.texts[pi]
        pre = text[prev_close:open_at]
        stripped = pre.rstrip()
        if not stripped.strip() or _TERMINATED.search(stripped):
            return True, None, False
        spans = sentence_spans(stripped)
        s0 = spans[-1][0] if spans else 0
        clause = stripped[s0:]
        base = prev_close + s0
        according = list(_ACCORDING.finditer(clause))
        verbs = [
            m
            for m in _TOKEN.finditer(clause)
            if _is_verb(m.group(0)) or (m.group(0) in _NOUN_VERBS and _THAT_OR_COLON.match(clause, m.end()))
        ]
        verbs = [m for m in verbs if not _intention(clause[: m.start()]) and not _passive(clause, m)]
        # `He said the music by Tesori, who wrote melodies for ..., has ... "some good rock"`:
        # the verb of a relative clause inside the reported sentence is not its speech verb.
        verbs = [m for k, m in enumerate(verbs) if not (k and re.search(r"\b(?:who|which)\s+$", clause[: m.start()]))]
        verb = verbs[-1] if verbs else None
        if according and (verb is None or according[-1].start() > verb.start()):
            m = according[-1]
            return False, _leading_subject(clause[m.end() :], base + m.end()), True
        if verb is None:
            return False, None, False
        if verb.group(0).lower().endswith("ing") and not clause[: verb.start()].strip():
            # `Declaring it a "massive fraud", Facebook is demanding`: the subject follows.
            spans_all = sentence_spans(text)
            s1 = next((e for s, e in spans_all if s <= base < e), len(text))
            rest = text[base:s1]
            opener = re.match(r"\s*\w+ing\b.*?,[\"”’]?\s*(?=[A-Z])", rest)
            if opener:
                after = _sentence_subject(rest[opener.end() :], base + opener.end())
                if after is not None:
                    return False, self._mentioned(pi, after.end + 1, after.start) or after, True
        subject = _subject_for(clause, verb, base)
        subject = self._mentioned(pi, base + verb.start(), base, appositive_only=True) or subject
        return False, self._named_subject(pi, base + verb.start(), base, subject), True

    # -- the walk ----------------------------------------------------------------------------

    def read(self) -> list[_Occurrence]:
        self._collect_people()
        found: list[_Occurrence] = []
        spans = self._join_split(self.spans)
        last: tuple[int, int, _Speaker] | None = None  # the previous quotation, when attributed
        for k, span in enumerate(spans):
            prev_close = 0
            if k and spans[k - 1].end_para == span.start_para:
                prev_close = spans[k - 1].close_at + 1
            next_open = len(self.texts[span.end_para])
            if k + 1 < len(spans) and spans[k + 1].start_para == span.end_para:
                next_open = spans[k + 1].open_at
            words = len(span.text.split())
            initial, pre_subject, pre_verb = self._before(span.start_para, span.open_at, prev_close)
            # `He said Britain had "stepped up to the plate" and plays a "significant role"`: a
            # second piece of one reported sentence, with no verb of its own, has its speaker.
            same_sentence = (
                k > 0
                and prev_close > 0
                and not initial
                and not pre_verb
                and last is not None
                and last[0] == span.start_para
                and last[1] == spans[k - 1].open_at
                and not re.search(r"[.!?;]", self.texts[span.start_para][prev_close : span.open_at])
                and not re.search(r"[.!?…]\W*$", spans[k - 1].text)  # `... goal." The group cited "..."`
            )
            if same_sentence:
                pre_verb = True
            colon = (
                not initial
                and not pre_verb
                and (
                    words > SHORT_QUOTE_WORDS
                    # `Paterno: "Said what?"`: a transcript's speaker, however short the words
                    or (prev_close == 0 and _TRANSCRIPT_LABEL.fullmatch(self.texts[span.start_para][: span.open_at]))
                )
                and re.search(r":\s*$", self.texts[span.start_para][prev_close : span.open_at]) is not None
            )
            post_subject = None
            closed = self.texts[span.end_para][: span.close_at]
            ends_sentence = re.search(r"(?<!\.)\.\s*$", closed) is not None and not re.match(
                r"[\s,]*[a-z]", self.texts[span.end_para][span.close_at + 1 :]
            )
            if span.close_at < len(self.texts[span.end_para]) and not ends_sentence:
                # `"...Colorado." They said`: after a full stop the next sentence is no attribution.
                post_subject = self._after(span.end_para, span.close_at, next_open, words <= SHORT_QUOTE_WORDS)
            self._open = (span.start_para, span.open_at)
            self._named_inside = self._named_in(span)
            subject, where = (post_subject, span.end_para) if post_subject else (pre_subject, span.start_para)
            # `..., Olander said. Plus, everyone can see your wrist and "you want to have this
            # as a symbol of your goal."`: a long quoted piece with no verb of its own, in a
            # paragraph that has just reported someone's speech, goes on with that speaker.
            told = None
            title_case = sum(w[:1].isupper() for w in span.text.split()) * 2 >= words
            if (
                subject is None
                and not initial
                and not pre_verb
                and not colon
                and (
                    words >= LONG_PIECE_WORDS
                    # `She provided a loan fund, "but some will never come back."`: a piece that
                    # ends the reported sentence
                    or (
                        words > SHORT_QUOTE_WORDS and span.text[:1].islower() and _TERMINATED.search(span.text.rstrip())
                    )
                )
                and not title_case  # "A Study of Harbour Fees in the North": a title
            ):
                here = (span.start_para, span.open_at)
                told = max(
                    ((p, sp) for p, sp in self.speech if p[0] == span.start_para and p < here and sp.is_person),
                    key=lambda item: item[0],
                    default=None,
                )
                if told is None:
                    told = self._pronoun_told(span.start_para, span.open_at)
            if (
                subject is None
                and not initial
                and not pre_verb
                and not colon
                and told is None
                and words > SHORT_QUOTE_WORDS
                and not title_case
                and _FIRST_PERSON.search(span.text)
            ):
                # `the president slammed Mitt Romney, accusing him of "knowingly twisting my words
                # ..."`: words in the first person are someone's speech, the sentence subject's.
                subject, where = self._acting_subject(span.start_para, span.open_at), span.start_para
            if subject is None and not initial and not pre_verb and not colon and told is None and not title_case:
                # `While the risk is "low" the matter is taken "extremely seriously", he said.`:
                # the attribution closing the sentence after a later quotation in it
                later = self._sentence_attribution(spans, k)
                if later is not None:
                    subject, where = later, span.end_para
            if subject is None and not initial and not pre_verb and not colon and told is None:
                continue  # a scare quote, a term or a title
            if subject is None and not initial and words <= SHORT_QUOTE_WORDS and not pre_verb and not colon:
                continue
            if (
                subject is None
                and initial
                and words <= SHORT_QUOTE_WORDS
                and not pre_verb
                and (
                    span.start_para == span.end_para
                    and not re.search(r"[,.!?…]$", span.text.rstrip())
                    and re.match(r"\s+[a-z]", self.texts[span.end_para][span.close_at + 1 :])
                )
            ):
                continue  # "“Ruthless” is the key word": a word under discussion, not speech
            piece, offset = self._piece_at(span.start_para, span.open_at)
            occ = _Occurrence(
                self.index,
                piece,
                offset,
                SourceRef(self.source.id, self.source.paragraphs[piece].id),
                _clean_inner(span.text),
            )
            if not occ.text:
                continue
            pos = (span.start_para, span.open_at)
            speaker = self._speaker_of(where, subject) if subject else None
            if subject is not None and subject.kind == "role" and last is not None and last[0] >= span.start_para - 1:
                # `The former astronaut, who was married to Ride, added: "..."`: "added" goes on
                # with the speaker just quoted.
                t = self.texts[where]
                if (
                    last[2].is_person
                    and not _ANOTHER.match(subject.text)
                    and (_GOES_ON_AFTER.match(t, subject.end) or _GOES_ON_BEFORE.search(t, 0, subject.start))
                ):
                    speaker = last[2]
            if speaker is None and told is not None:
                speaker = told[1]
            if speaker is None and same_sentence and last is not None:
                speaker = last[2]
            if speaker is None and pre_verb:
                # "Priya Shah welcomed the plan but said it came "too late"": the speech verb
                # has no subject of its own; the person named earlier in the sentence speaks.
                speaker = self._person_in_sentence_before(span.start_para, span.open_at)
            if (
                speaker is None
                and subject is None
                and initial
                and not self.texts[span.start_para][: span.open_at].strip()
            ):
                # `... he summed it up in a hallway interview:` closing the paragraph before, then
                # a paragraph of quotation: the words of the one who opens that sentence.
                speaker = self._colon_lead(span.start_para)
            unnamed = None
            if speaker is None and colon:
                # `... in a press release from the office of Bill Graham: "It is ..."`: a whole
                # sentence after a colon is the words of the sentence's subject.
                speaker = self._subject_mention(span.start_para, span.open_at)
                if speaker is None:
                    # `The Texas A&M student used this as part of his rant to the crowd: "..."`:
                    # the description that opens the sentence.
                    s0 = self._sentence_start(span.start_para, max(0, span.open_at - 1))
                    described = _sentence_subject(self.texts[span.start_para][s0 : span.open_at], s0)
                    if described is not None and described.kind == "role":
                        unnamed = self._speaker_of(span.start_para, described)
                        if unnamed is not None and unnamed.actor:
                            speaker = unnamed
            if speaker is not None:
                occ.attributed = True
            elif initial or subject is None:
                # An unresolved "he"/"she" is a person: it never inherits a body's words.
                pronoun = subject is not None and subject.kind == "pronoun"
                # Never someone the quotation speaks of in the third person ("Joe Paterno's on
                # his death bed!").
                earlier = [
                    (p, s)
                    for p, s in self.speech
                    if p < pos and (s.is_person or not pronoun) and s.actor not in self._named_inside
                ]
                last_said = max(earlier, key=lambda item: item[0]) if earlier else None
                speaker = last_said[1] if last_said else unnamed
                if (
                    last_said is not None
                    and speaker is not None
                    and not speaker.actor
                    and speaker.text.lower().startswith("the ")
                ):
                    # `"...," he said. The BMW driver also admitted ...`, then a paragraph of
                    # quotation: the description read again, now that the quotations before it
                    # have their speakers.
                    (sp, at), text_of = last_said[0], speaker.text
                    actor = self._described(sp, _Subject("role", text_of, at, at + len(text_of)))
                    if actor:
                        speaker = _Speaker(actor, text_of)
                opens_paragraph = not self.texts[span.start_para][: span.open_at].strip()
                if initial and (opens_paragraph or speaker is None):
                    # the paragraph before a paragraph of quotation, or `Hardy was blunt. "The
                    # plan is deeply flawed."` in one paragraph
                    acting = self._acting_before(span.start_para, 0 if opens_paragraph else span.open_at)
                    if acting is not None and acting.actor not in self._named_inside:
                        speaker = acting
            if speaker is not None:
                occ.speaker, occ.speaker_text = speaker.actor, speaker.text
                if speaker.actor.startswith(SYNTHETIC):
                    occ.speaker_text = self.actors[speaker.actor].name
                mark = (where, subject.start) if subject else pos
                self.speech.append((mark, speaker))
                if speaker.is_person:
                    self.people.append((mark, speaker))
                    self.people.sort(key=lambda item: item[0])
            found.append(occ)
            last = (span.start_para, span.open_at, speaker) if speaker is not None and occ.attributed else None
        _merge_unnamed(found)
        return found

    def _named_in(self, span: _Span) -> frozenset[str]:
        """The people a quotation names in the third person (not as "I" or "we", which have no
        mention), read from the mentions inside its marks."""
        named: set[str] = set()
        for pi in range(span.start_para, span.end_para + 1):
            lo = span.open_at if pi == span.start_para else 0
            hi = span.close_at if pi == span.end_para else len(self.texts[pi])
            named.update(a for s, _e, a in self.mentions.get(pi, ()) if lo < s < hi and self.actors[a].kind == "person")
        return frozenset(named)

    def _join_split(self, spans: list[_Span]) -> list[_Span]:
        """Join `"We have reversed," he said, "the advances..."` into one span."""
        joined: list[_Span] = []
        for span in spans:
            if joined:
                prev = joined[-1]
                between = self.texts[span.start_para][prev.close_at + 1 : span.open_at]
                if (
                    prev.end_para == span.start_para
                    and prev.text.rstrip().endswith(",")
                    and span.text.lstrip()[:1].islower()
                    and len(between.split()) <= ATTRIBUTION_WORDS
                    and _find_verb(between, last=False) is not None
                    and between.rstrip().endswith(",")
                ):
                    # Keep the attribution visible to _after(): it is read from the first piece.
                    joined[-1] = _Span(
                        prev.start_para,
                        prev.open_at,
                        prev.end_para,
                        prev.close_at,
                        prev.text.rstrip() + " " + span.text.lstrip(),
                    )
                    continue
            joined.append(span)
        return joined

    def _subject_name_before(self, pi: int, at: int) -> str:
        """The capitalised name that opens the sentence before offset `at` (this paragraph or
        the one before), when no person, given name or common word: "Greenpeace protested"."""
        for para in range(pi, max(-1, pi - 2), -1):
            text = self.texts[para]
            limit = at if para == pi else len(text)
            for s0, _s1 in reversed([sp for sp in sentence_spans(text) if sp[0] < limit]):
                m = re.match(r"\s*(?:The\s+)?([A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,3})\s+[a-z]", text[s0:limit])
                if m is None or self._quoted(para, s0 + m.start(1)):
                    continue
                first = m.group(1).split()[0].lower()
                named = self._actor_in(para, s0 + m.start(1), s0 + m.end(1))
                if (
                    first in given_names()
                    or first in vocab.STOPWORDS_EN
                    or first in _WEEKDAYS
                    or (named is not None and self.actors[named[0]].kind == "person")
                ):
                    return ""
                return named[1] if named is not None else m.group(1)
        return ""

    def _piece_at(self, pi: int, pos: int) -> tuple[int, int]:
        """The source paragraph and offset in it of offset `pos` of (joined) paragraph `pi`."""
        index, start = max((p for p in self._pieces[pi] if p[1] <= pos), key=lambda p: p[1])
        return index, pos - start

    def _sentence_end(self, pi: int, pos: int) -> int:
        """Where the sentence holding offset `pos` ends."""
        spans = sentence_spans(self.texts[pi])
        k = bisect.bisect_right([s for s, _ in spans], pos) - 1
        return spans[k][1] if k >= 0 else len(self.texts[pi])

    def _sentence_start(self, pi: int, pos: int) -> int:
        """Where the sentence holding offset `pos` starts (the paragraph's spans, computed once)."""
        spans = sentence_spans(self.texts[pi])
        k = bisect.bisect_right([s for s, _ in spans], pos) - 1
        return spans[k][0] if k >= 0 else 0

    def _collect_people(self) -> None:
        """Person mentions and named or described subjects of speech verbs, outside quotes, and
        descriptions of a person opening a sentence ("Okafor's spokeswoman condemned ...")."""
        for pi, text in enumerate(self.texts):
            for s0, _s1 in sentence_spans(text):
                if self._quoted(pi, s0):
                    continue
                lead = _DESCRIBED_SUBJECT.match(text, s0)
                if lead and _description_kind(lead.group(2), False) == "role":
                    self.people.append(
                        (
                            (pi, s0),
                            _Speaker(
                                self._holder(pi, _Subject("role", lead.group(1), s0, lead.end(1)), person=True),
                                lead.group(1),
                            ),
                        )
                    )
            for s, e, actor in self.mentions.get(pi, ()):
                if self._quoted(pi, s):
                    continue
                if self.actors[actor].kind == "person":
                    self.people.append(((pi, s), _Speaker(actor, text[s:e])))
                elif self.actors[actor].kind in _BODY_KINDS:
                    self.bodies.append(((pi, s), _Speaker(actor, text[s:e], is_person=False)))
            for verb in _TOKEN.finditer(text):
                if not _is_verb(verb.group(0)) or self._quoted(pi, verb.start()):
                    continue
                s0 = self._sentence_start(pi, verb.start())
                closing = max(text.rfind(c, s0, verb.start()) for c in '”"')
                if closing >= s0 and not self._quoted(pi, verb.start()):
                    s0 = closing + 1  # `"...," Blanco, the governor ..., told`: after the quotation
                clause = text[s0:]
                if _intention(clause[: verb.start() - s0]) or _passive(text, verb):
                    continue
                if (
                    _SUBORDINATE.match(clause)
                    and "," not in clause[: verb.start() - s0]
                    and "," in text[verb.end() : self._sentence_end(pi, verb.start())]
                    and not any(c in text[verb.end() : self._sentence_end(pi, verb.start())] for c in QUOTE_MARKS)
                ):
                    # "When a reporter asked about it, he brushed it off": the question of an
                    # opening clause is not the speech the paragraphs after it go on with.
                    continue
                local = _TOKEN.match(clause, verb.start() - s0)
                subject = _subject_for(clause, local, s0) if local else None
                subject = self._mentioned(pi, verb.start(), s0, appositive_only=True) or subject
                subject = self._named_subject(pi, verb.start(), s0, subject)
                if subject is None or subject.kind == "pronoun":
                    continue
                speaker = self._speaker_of(pi, subject)
                if speaker is None:
                    continue
                self.speech.append(((pi, subject.start), speaker))
                if speaker.is_person and (subject.kind == "role" or speaker.actor or _looks_like_person(subject.text)):
                    self.people.append(((pi, subject.start), speaker))
        self.people.sort(key=lambda item: item[0])
        self.speech.sort(key=lambda item: item[0])


def _link_pieces(texts: Sequence[str], kinds: Sequence[str]) -> list[list[int]]:
    """Groups of paragraphs that are pieces of one sentence a link cut ("Now, though, reports",
    "France 24", `, "Several experts fear ..."`): a paragraph goes on from the one before when
    that one ends with no full stop and this one starts with a comma, a stop or a lower-case
    word, or is a few words with no full stop of its own. Headings stand alone."""
    groups: list[list[int]] = []
    for i, text in enumerate(texts):
        heading = kinds[i] == "heading" or (bool(groups) and kinds[groups[-1][-1]] == "heading")
        if groups and _goes_on(texts[groups[-1][-1]], text, heading):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


# Words no sentence or title ends with: the paragraph after goes on with it ("An editorial in
# the Beirut-based", then "Daily Star points out ...").
_UNFINISHED = frozenset("the a an of in to for with by from at on and or but that his her its their".split())


def _goes_on(before: str, text: str, heading: bool) -> bool:
    before, text = before.rstrip(), text.strip()
    if not before or not text or re.search(r"[.!?…:;\"”’]$", before):
        return False
    last = before.split()[-1].lower()
    if text[:1] in ",;:.)" or before.endswith(("(", ",")) or text[:1].islower():
        return True
    if last in _UNFINISHED or last.endswith("-based"):
        return True
    return (
        not heading and len(text.split()) <= 4 and not re.search(r"[.!?…:\"”]$", text) and text[:1] not in QUOTE_MARKS
    )


_DESCRIPTION_NOISE = frozenset("a an the senior top former us u.s. uk british american new".split())


def _description_words(text: str) -> frozenset[str]:
    return frozenset(w for w in normalise_quote(text).split() if w not in _DESCRIPTION_NOISE)


def _merge_unnamed(found: list[_Occurrence]) -> None:
    """One unnamed speaker per source under one name: "A US state department official" after
    "a senior State Department official" is the same official (same words once articles,
    "senior", "US" and case are set aside, or one description's words inside the other's with
    the same last noun)."""
    seen: list[tuple[frozenset[str], str, str]] = []  # (words, last noun, first text)
    for occ in found:
        if (
            occ.speaker
            or not occ.speaker_text
            or occ.speaker_text[:1].isupper()
            and not re.match(r"(?:A|An|The)\s", occ.speaker_text)
        ):
            continue
        words = _description_words(occ.speaker_text)
        last = normalise_quote(occ.speaker_text).split()[-1:] or [""]
        if _ANOTHER.match(occ.speaker_text):
            seen.append((words, last[0], occ.speaker_text))  # "another diplomat": someone new
            continue
        for other, other_last, text in seen:
            if other_last == last[0] and (words <= other or other <= words):
                occ.speaker_text = text
                break
        else:
            seen.append((words, last[0], occ.speaker_text))


def _intention(before: str) -> bool:
    """ "plans to ask", "is expected to say": a speech verb after "to" reports no speech."""
    return re.search(r"\bto\s*$", before) is not None


def _sentence_subject(clause: str, base: int) -> _Subject | None:
    """The subject that opens a clause: "Abadi defended ..., saying" -> "Abadi"."""
    opener = re.match(r"\s*[A-Z]\w+ing\b[^,]*,\s*", clause)
    if opener:
        # `Declaring it a "massive fraud", Facebook is demanding`: the subject after the opener.
        return _sentence_subject(clause[opener.end() :], base + opener.end())
    tokens = list(re.finditer(r"[^\s,;:()]+", clause))
    k = 0
    while k < len(tokens) and tokens[k].group(0).lower() in _LEADING_WORDS:
        k += 1
    if k >= len(tokens):
        return None
    first = tokens[k]
    if first.group(0).lower() in PRONOUNS:
        return _Subject("pronoun", first.group(0), base + first.start(), base + first.end())
    if first.group(0).lower() in {"a", "an", "the"}:
        for tok in tokens[k + 1 : k + 8]:
            if "," in clause[first.start() : tok.end()]:
                break
            if tok.group(0).lower() in ROLE_NOUNS:
                return _Subject("role", clause[first.start() : tok.end()], base + first.start(), base + tok.end())
        return None
    run: list[re.Match[str]] = []
    for tok in tokens[k:]:
        word = tok.group(0)
        if (
            word[:1].isupper()
            or re.match(r"(?:al|el|bin|ibn|abu)-[A-Z]", word)
            or (run and word.lower() in _NAME_PARTICLES)
        ):
            if run and re.search(r"[,;:()]", clause[run[-1].end() : tok.start()]):
                break
            run.append(tok)
        else:
            break
    while run and run[-1].group(0).lower() in _NAME_PARTICLES:
        run.pop()
    if not run:
        return None
    start, end = run[0].start(), run[-1].end()
    return _Subject("name", clause[start:end], base + start, base + end)


_WITH_SUBJECT = re.compile(r"\bwith\s+((?:[\w'’-]+\s+){0,2}?([a-z]+s)(?:\s+(?:of|from|in)(?:\s+[\w'’-]+){1,5}?)?)\s*$")


def _subject_for(clause: str, verb: re.Match[str], base: int) -> _Subject | None:
    """Who speaks through the speech verb `verb` of `clause` (offsets relative to `base`)."""
    before = clause[: verb.start()]
    quoted_as = re.search(r"\bquoted\s+((?:an?|the|one)\s+[^,;:\"“”]{1,60}?)\s+as\s+$", before, re.IGNORECASE)
    if quoted_as and verb.group(0).lower() == "saying":
        # "State television quoted an unnamed Guards source as saying": the one quoted speaks.
        phrase = quoted_as.group(1)
        return _Subject("role", phrase, base + quoted_as.start(1), base + quoted_as.end(1))
    closing = max(before.rfind(c) for c in '”"')
    if closing >= 0 and verb.group(0).lower().endswith("ing"):
        # `...," Simpson is quoted as saying`: the clause starts after the quotation.
        rest = clause[closing + 1 :]
        local = _TOKEN.match(rest, verb.start() - closing - 1)
        if local is not None:
            return _subject_for(rest, local, base + closing + 1)
    absolute = _WITH_SUBJECT.search(before)
    if verb.group(0).lower().endswith("ing") and absolute and _description_kind(absolute.group(2), True) == "role":
        # "..., with three members of the Hall of Fame calling for": the noun phrase before
        # the participle is its subject.
        return _Subject("role", absolute.group(1), base + absolute.start(1), base + absolute.end(1))
    if verb.group(0).lower().endswith("ing") and not before.rstrip().lower().endswith(tuple(PRONOUNS)):
        # ", saying" / "by saying": the speaker is the subject of the sentence.
        return _sentence_subject(clause, base)
    if not before.strip():
        return _leading_subject(clause[verb.end() :], base + verb.end())  # "said Kerry, ..."
    if before.rstrip().endswith(",") and _INVERTED_ASIDE.fullmatch(clause[verb.end() :]):
        # `Current pricing practices, said the report, "represent ..."`: an inverted aside
        return _leading_subject(clause[verb.end() :], base + verb.end())
    return _trailing_subject(before, base)


# Verbs that go on with the speaker just quoted: "the former astronaut added", "added the aide".
_GOES_ON_AFTER = re.compile(r"(?:,[^,\"“”]{1,100},)?\s*(?:" + LY_ADVERB + r"\s+)?(?:added|adds|continued|continues)\b")
_GOES_ON_BEFORE = re.compile(r"\b(?:added|adds|continued|continues)\s+$")
_INVERTED_ASIDE = re.compile(r"\s+(?:the|a|an)\s+[\w'’ -]{1,40}?,\s*", re.IGNORECASE)


def _looks_like_person(name: str) -> bool:
    """An uncurated name that may be a person: two or more capitalised words."""
    return len([w for w in name.split() if w[:1].isupper()]) >= 2


def _role_key(description: str) -> str:
    words = normalise_quote(_SHORT_NAME.sub(" ", _english_description(description)[0])).split()
    while words and words[0] in {"a", "an", "the", "new", "senior", "top", "former"}:
        words = words[1:]
    return " ".join(words)


def _same_quote(a: str, b: str) -> bool:
    if a == b:
        return True
    if fuzz.ratio(a, b) >= MERGE_RATIO:
        return True
    short, long = sorted((a, b), key=len)
    if len(short.split()) < CONTAINED_MIN_WORDS:
        return False
    if f" {short} " in f" {long} ":
        return True
    return fuzz.partial_ratio(short, long) >= CONTAINED_PARTIAL_RATIO


RARE_KEYS = 3  # each quotation is compared with those sharing one of its rarest word keys
# A key held by more quotations than this is too common to find renderings of one quotation by:
# the work of each quotation is at most RARE_KEYS * MAX_POSTING comparisons, whatever the size
# of the dossier. A quotation made only of such keys is merged with its identical copies, not
# with its variants.
MAX_POSTING = 50
SHINGLE_WORDS = 2


def _keys(norm: str) -> set[str]:
    """Each run of two words, by their first four letters ("brand" and "brands" share a key, so
    do most typos): pairs of words are rare where single words are common ("it", "said"), so
    their holders are few, and two renderings of one quotation still share most of them."""
    words = [w[:4] for w in norm.split()]
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[k : k + SHINGLE_WORDS]) for k in range(len(words) - SHINGLE_WORDS + 1)}


def _candidate_pairs(norms: list[str]) -> list[tuple[int, int]]:
    """Pairs (i < j) that may be the same quotation, in the order a full comparison would take.

    Comparing every pair grows with the square of the number of quotations (a dossier of a
    thousand sources has tens of thousands). Two renderings of one quotation share most of
    their word pairs, and a quotation contained in another shares all of them, so each is only
    compared with the quotations that hold one of its few rarest keys held by another, and
    no key held by more than MAX_POSTING quotations is used: the pairs grow with the number
    of quotations, not with its square.
    """
    keys = [_keys(n) for n in norms]
    postings: dict[str, list[int]] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            postings.setdefault(k, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i, ks in enumerate(keys):
        shared = [k for k in ks if 1 < len(postings[k]) <= MAX_POSTING]
        for k in sorted(shared, key=lambda k: (len(postings[k]), k))[:RARE_KEYS]:
            for j in postings[k]:
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def _merge(occurrences: list[_Occurrence]) -> tuple[Quote, ...]:
    parent = list(range(len(occurrences)))

    norms = [normalise_quote(o.text) for o in occurrences]
    # The curated speakers of each group, kept at its root: two groups whose speakers differ
    # are never joined.
    speakers: dict[int, set[str]] = {i: {o.speaker} if o.speaker else set() for i, o in enumerate(occurrences)}
    # Identical renderings by the same speaker (wire copy carried by several outlets) are one
    # quotation at once; only the first of them takes part in the fuzzy comparisons.
    first_of: dict[tuple[str, str], int] = {}
    distinct: list[int] = []
    for i, o in enumerate(occurrences):
        key = (norms[i], o.speaker)
        if key in first_of:
            parent[i] = first_of[key]
            speakers.pop(i)
        else:
            first_of[key] = i
            distinct.append(i)
    for di, dj in _candidate_pairs([norms[i] for i in distinct]):
        i, j = distinct[di], distinct[dj]
        a, b = occurrences[i], occurrences[j]
        if a.speaker and b.speaker and a.speaker != b.speaker:
            continue
        ri, rj = find_root(parent, i), find_root(parent, j)
        if ri != rj and _same_quote(norms[i], norms[j]) and len(speakers[ri] | speakers[rj]) <= 1:
            keep, gone = min(ri, rj), max(ri, rj)
            parent[gone] = keep
            speakers[keep] |= speakers.pop(gone)
    groups: dict[int, list[_Occurrence]] = {}
    for i, occ in enumerate(occurrences):
        groups.setdefault(find_root(parent, i), []).append(occ)
    quotes: list[tuple[tuple[int, int, int], Quote]] = []
    for members in groups.values():
        members.sort(key=lambda o: (o.source_index, o.para_index, o.offset))
        text = max(members, key=lambda o: (len(o.text), -o.source_index, -o.para_index)).text
        named = [o for o in members if o.speaker]
        curated = [o for o in members if o.curated]
        if curated:
            named = curated  # a curated speaker wins over every detected one
        if named:
            counts: dict[str, int] = {}
            for o in named:
                counts[o.speaker] = counts.get(o.speaker, 0) + 1
            speaker = min(counts, key=lambda s: (-counts[s], s))
            chosen = (
                next(o for o in named if o.speaker == speaker and o.attributed)
                if any(o.speaker == speaker and o.attributed for o in named)
                else next(o for o in named if o.speaker == speaker)
            )
            speaker_text = chosen.speaker_text
        else:
            speaker = ""
            speaker_text = next((o.speaker_text for o in members if o.speaker_text), "")
        refs: list[SourceRef] = []
        for o in members:
            if o.ref not in refs:
                refs.append(o.ref)
        first = members[0]
        quotes.append(
            (
                (first.source_index, first.para_index, first.offset),
                Quote(
                    text=text,
                    speaker="" if speaker.startswith(SYNTHETIC) else speaker,
                    speaker_text=speaker_text,
                    sources=tuple(refs),
                    origin="curated" if curated else "detected",
                ),
            )
        )
    quotes.sort(key=lambda item: item[0])
    return tuple(q for _, q in quotes)


def _apply_curated(found: list[_Occurrence], curated: Sequence[tuple[str, str]], actors: dict[str, ActorDef]) -> None:
    """`attributions:` of sources.yml: a quotation starting with the curated words is the
    curated actor's, whoever the text seemed to name."""
    for start, actor in curated:
        key = normalise_quote(start)
        for occ in found:
            if key and normalise_quote(occ.text).startswith(key) and actor in actors:
                occ.speaker, occ.speaker_text = actor, actors[actor].name
                occ.attributed = occ.curated = True


def unmatched_attributions(sources: Sequence[RawSource], quotes: Sequence[Quote]) -> tuple[str, ...]:
    """A warning for each `attributions:` entry of sources.yml whose first words start no
    quotation found in its source (a typo, or a quotation the text no longer has), naming
    sources.yml and the entry's line."""
    starts: dict[str, list[str]] = {}
    for q in quotes:
        norm = normalise_quote(q.text)
        for ref in q.sources:
            starts.setdefault(ref.source, []).append(norm)
    out: list[str] = []
    for raw in sources:
        meta = raw.meta
        lines = meta.attribution_lines or (0,) * len(meta.attributions)
        for (start, _actor), line in zip(meta.attributions, lines, strict=False):
            key = normalise_quote(start)
            if not key or not any(text.startswith(key) for text in starts.get(raw.id, ())):
                out.append(
                    located(
                        "dossier/sources.yml",
                        line,
                        f"the attribution {start!r} of '{raw.file}' starts no quotation found in the source; ignored",
                    )
                )
    return tuple(out)


def find_quotes(
    sources: Sequence[CleanSource],
    actors: Sequence[ActorDef],
    mentions: Sequence[Mention],
    attributions: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> tuple[Quote, ...]:
    """Every direct quotation with its speaker, repeats merged, in source and reading order.

    `mentions` are the actor mentions of the same sources; where a paragraph has none, the
    actors' aliases are matched here instead, so the function also works on its own.
    """
    ordered = sorted(sources, key=lambda s: s.id)
    by_id = {a.id: a for a in actors}
    matcher = build_matcher(tuple(actors))
    known: dict[str, list[Mention]] = {}  # by source: each source reads only its own mentions
    for m in mentions:
        if m.actor in by_id:
            known.setdefault(m.source, []).append(m)
    occurrences: list[_Occurrence] = []
    for index, source in enumerate(ordered):
        found = _SourceReader(index, source, by_id, matcher, known.get(source.id, [])).read()
        _apply_curated(found, (attributions or {}).get(source.id, ()), by_id)
        occurrences.extend(found)
    return _merge(occurrences)
