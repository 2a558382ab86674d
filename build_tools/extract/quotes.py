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

It does not read indirect speech as quotes, single-quoted headlines, or quotes in HTML markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from rapidfuzz import fuzz

from build_tools import vocab
from build_tools.extract.mentions import build_matcher
from build_tools.extract.text import find_root, fold, sentence_spans
from build_tools.model import ActorDef, CleanSource, Mention, Quote, SourceRef

OPENING = "“"
CLOSING = "”"
QUOTE_MARKS = '"“”'

# Verbs that introduce reported speech, in the forms news copy uses.
SPEECH_VERBS = frozenset(
    """
    say says said saying tell tells told telling add adds added adding note notes noted noting
    explain explains explained explaining stress stressed stressing warn warns warned warning ask
    asks asked asking admit admits admitted admitting declare declares declared declaring insist
    insists insisted insisting stated announce announces announced argue argues argued arguing
    conclude concludes concluded acknowledge acknowledges acknowledged remarked replied write
    writes wrote claimed cautioned urged vowed pledged conceded confirm confirms confirmed observed
    recalled suggested suggesting maintained continued promised promising predicted reiterated
    repeated described describing called calling
    """.split()
)
# Left out on purpose: forms that are more often nouns ("states", "notes", "claims", "pledge").
# Nouns naming a single person by role: a description ending in one of them can be a speaker and
# the antecedent of "he"/"she". Generic newsroom vocabulary, not tied to any dossier.
ROLE_NOUNS = frozenset(
    """
    official spokesman spokeswoman spokesperson diplomat minister secretary president
    vice-president premier chancellor ambassador envoy officer commander general admiral colonel
    source aide adviser advisor analyst expert lawyer attorney leader chief director negotiator
    representative witness resident prosecutor judge mayor governor senator lawmaker legislator
    congressman congresswoman mp mep chairman chairwoman chair head researcher professor doctor
    soldier king queen prince emir sheikh cleric imam priest bishop activist campaigner journalist
    reporter correspondent editor executive ceo founder manager coordinator delegate observer
    veteran survivor victim mother father son daughter brother sister woman man member
    handler operator dispatcher worker nurse teacher driver pilot firefighter paramedic neighbour
    neighbor owner student parent farmer guard coach player economist scientist engineer
    councillor commissioner sheriff trustee inspector investigator detective consultant employee
    """.split()
)
# Nouns naming a body that speaks as one: a speaker kept as written, never the antecedent of
# "he"/"she".
BODY_NOUNS = frozenset(
    """
    panel court jury committee board council company firm government ministry department agency
    authority police union commission tribunal inquiry
    """.split()
)
# Titles written with a full stop before a name: "said Dr. Helena Ruiz".
_TITLE = rf"(?:{'|'.join(h.capitalize() for h in vocab.HONORIFICS)})\."
PRONOUNS = frozenset({"he", "she"})
# Sentence openers and adverbs that sit between a subject and its verb or before a name.
_LEADING_WORDS = frozenset(
    "but and so yet also meanwhile however then still later earlier separately instead "
    "now while when as after before".split()
)
_ADVERBS = frozenset("also later then again earlier previously further once repeatedly".split())
_WEEKDAYS = frozenset(vocab.WEEKDAYS["en"])
_NAME_PARTICLES = vocab.NAME_PARTICLES | {"of"}

# A quoted piece of at most this many words needs a speech verb to count (scare quotes otherwise).
SHORT_QUOTE_WORDS = 3
# An attribution after a quote has its verb within this many words of the closing mark.
ATTRIBUTION_WORDS = 9
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
    others: list[SourceRef] = field(default_factory=list)


def normalise_quote(text: str) -> str:
    """Fold case, apostrophes and punctuation so that two reports of one quote compare equal."""
    return _SPACES.sub(" ", _NORMALISE_DROP.sub(" ", fold(text))).strip()


def _raw_spans(text: str) -> list[tuple[int, int | None]]:
    """(opening offset, closing offset or None) of each quoted piece of one paragraph."""
    spans: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for i, char in enumerate(text):
        if char not in QUOTE_MARKS:
            continue
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


def _source_spans(source: CleanSource) -> list[_Span]:
    """Quoted pieces of a source, with quotes that run over paragraph ends joined up."""
    texts = [p.text for p in source.paragraphs]
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


def _is_verb(word: str) -> bool:
    return word.lower() in SPEECH_VERBS


def _trailing_subject(text: str, base: int) -> _Subject | None:
    """The subject that ends `text` (the words just before a speech verb), if any.

    `base` is the offset of `text` in its paragraph, so the subject keeps paragraph offsets.
    """
    end = len(text.rstrip())
    # Strip what may stand between subject and verb: ", who", adverbs, "on Tuesday", commas.
    while True:
        before = end
        stripped = text[:end].rstrip().rstrip(",").rstrip()
        m = re.search(r"(?:^|\s)([\w’'-]+)$", stripped)
        if m and (m.group(1).lower() in _ADVERBS | {"who"} or m.group(1).lower() in _WEEKDAYS):
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
    if last.group(1).lower() in PRONOUNS:
        return _Subject("pronoun", last.group(1), base + last.start(1), base + end)
    # A description with an article: the nearest article that starts a well-formed description.
    for m in sorted(re.finditer(r"\b(?:[Aa]n?|[Tt]he|[A-Z][\w-]*[’']s)\s", head), key=lambda m: -m.start()):
        phrase = head[m.start() : end]
        words = phrase.split()
        if len(words) > 8 or any(c in phrase for c in ",;:()"):
            break
        if words[-1].lower().strip("’'") in ROLE_NOUNS:
            return _Subject("role", phrase, base + m.start(), base + end)
        if words[-1].lower() in BODY_NOUNS:
            return _Subject("body", phrase, base + m.start(), base + end)
    # A name: a run of capitalised words (with particles such as "of", "al-") ending the text.
    tokens = list(re.finditer(r"[^\s,;:()]+", head))
    run: list[re.Match[str]] = []
    for tok in reversed(tokens):
        word = tok.group(0)
        if tok.end() < len(head.rstrip()) and not run:
            break
        capitalised = word[:1].isupper() or re.match(r"(?:al|el|bin|ibn|abu)-[A-Z]", word)
        if capitalised or (run and word.lower() in _NAME_PARTICLES):
            # Stop at a comma or bracket between tokens: "Brussels, Kerry" is not one name.
            if run and re.search(r"[,;:()]", head[tok.end() : run[-1].start()]):
                break
            run.append(tok)
        else:
            break
    while run and (run[-1].group(0).lower() in _LEADING_WORDS | _NAME_PARTICLES):
        run.pop()  # sentence-initial "But", "And", a dangling "of"
    if not run:
        # Possessive descriptions ("Iraq's foreign minister") and bare plural subjects are no
        # speakers we can name; the caller treats the attribution as missing.
        return None
    start, stop = run[-1].start(), run[0].end()
    return _Subject("name", head[start:stop], base + start, base + stop)


def _leading_subject(text: str, base: int) -> _Subject | None:
    """The subject that starts `text` (the words just after an inverted "said")."""
    m = re.match(rf"\s*((?:{_TITLE}\s+)?[^,;:.!?()]+)", text)
    if m is None:
        return None
    phrase = m.group(1).rstrip()
    start = base + m.start(1)
    words = phrase.split()
    if not words:
        return None
    if words[0].lower() in PRONOUNS:
        return _Subject("pronoun", words[0], start, start + len(words[0]))
    if words[0].lower() in {"a", "an", "the"} and words[-1].lower() in ROLE_NOUNS:
        return _Subject("role", phrase, start, start + len(phrase))
    if words[0].lower() in {"a", "an", "the"} and words[-1].lower() in BODY_NOUNS:
        return _Subject("body", phrase, start, start + len(phrase))
    return _Subject("name", phrase, start, start + len(phrase))


def _find_verb(text: str, last: bool) -> re.Match[str] | None:
    hits = [m for m in re.finditer(r"[\w’'-]+", text) if _is_verb(m.group(0))]
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
        self.texts = [p.text for p in source.paragraphs]
        self.actors = actors
        self.matcher = matcher
        self.spans = _source_spans(source)
        self.inside: dict[int, list[tuple[int, int]]] = {}
        for span in self.spans:
            for pi in range(span.start_para, span.end_para + 1):
                lo = span.open_at if pi == span.start_para else 0
                hi = span.close_at if pi == span.end_para else len(self.texts[pi])
                self.inside.setdefault(pi, []).append((lo, hi + 1))
        pindex = {p.id: i for i, p in enumerate(source.paragraphs)}
        self.mentions: dict[int, list[tuple[int, int, str]]] = {}
        for m in mentions:
            if m.source == source.id and m.paragraph in pindex:
                self.mentions.setdefault(pindex[m.paragraph], []).append((m.start, m.end, m.actor))
        for pi, text in enumerate(self.texts):
            if pi not in self.mentions:
                self.mentions[pi] = list(matcher.find(text))  # type: ignore[attr-defined]
        self.roles = self._appositions()
        # (position, speaker) of everyone "he"/"she" may refer to, and of speech attributions.
        self.people: list[tuple[tuple[int, int], _Speaker]] = []
        self.speech: list[tuple[tuple[int, int], _Speaker]] = []

    # -- lookups -----------------------------------------------------------------------------

    def _quoted(self, pi: int, pos: int) -> bool:
        return any(lo <= pos < hi for lo, hi in self.inside.get(pi, ()))

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
        spans = sentence_spans(text[:at])
        start = spans[-1][0] if spans else 0
        hits = [(s, e, a) for s, e, a in self.mentions.get(pi, ())
                if start <= s and e <= at and self.actors[a].kind == "person" and not self._quoted(pi, s)]
        if not hits:
            # "She blamed ... and said it would ..." : a pronoun opening the sentence speaks.
            lead = re.match(r"\s*(\w+)\b", text[start:at])
            if lead and lead.group(1).lower() in PRONOUNS:
                return self._speaker_of(pi, _Subject("pronoun", lead.group(1), start + lead.start(1), start + lead.end(1)))
            return None
        s, e, actor = max(hits)
        return _Speaker(actor, text[s:e], True)

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

    def _mentioned(self, pi: int, verb_at: int) -> _Subject | None:
        """A person mention that ends just before a speech verb ("the harbourmaster said")."""
        text = self.texts[pi]
        for s, e, actor in sorted(self.mentions.get(pi, ()), key=lambda m: -m[1]):
            if e <= verb_at and self.actors[actor].kind == "person":
                gap = text[e:verb_at]
                if re.fullmatch(r"[\s,]*(?:(?:%s)\s+)?" % "|".join(sorted(_ADVERBS)), gap):
                    return _Subject("name", text[s:e], s, e)
                return None
        return None

    def _appositions(self) -> dict[str, str]:
        """Description -> person id, where the source names the holder in apposition."""
        found: dict[str, set[str]] = {}
        role = r"((?:[\w’'.-]+\s+){0,5}?(?:%s))\b" % "|".join(sorted(ROLE_NOUNS))
        for pi, text in enumerate(self.texts):
            for s, e, actor in self.mentions.get(pi, ()):
                if self.actors[actor].kind != "person":
                    continue
                after = re.match(r",\s+(?:a|an|the)\s+" + role, text[e:], re.IGNORECASE)
                if after:
                    found.setdefault(_role_key(after.group(1)), set()).add(actor)
                before = re.search(r"(?:^|\b(?:a|an|the)\s+|,\s*)" + role + r",?\s+$",
                                   text[max(0, s - 80) : s], re.IGNORECASE)
                if before:
                    found.setdefault(_role_key(before.group(1)), set()).add(actor)
        return {key: next(iter(ids)) for key, ids in sorted(found.items()) if len(ids) == 1}

    def _speaker_of(self, pi: int, subject: _Subject) -> _Speaker | None:
        if subject.kind == "pronoun":
            pos = (pi, subject.start)
            earlier = [(p, s) for p, s in self.people if p < pos and s.is_person]
            if earlier:
                return max(earlier, key=lambda item: item[0])[1]
            return self._first_person_after(pos)
        # In a description ("a US state department official") a named actor is a modifier.
        named = self._actor_in(pi, subject.start, subject.end) if subject.kind == "name" else None
        if named is not None:
            actor, text = named
            return _Speaker(actor, text, self.actors[actor].kind == "person")
        if subject.kind == "role":
            return _Speaker(self.roles.get(_role_key(subject.text), ""), subject.text)
        if subject.kind == "body":
            return _Speaker("", subject.text, is_person=False)
        return _Speaker("", subject.text)

    # -- attribution -------------------------------------------------------------------------

    def _after(self, pi: int, close_at: int, next_open: int) -> _Subject | None:
        """Attribution right after a closing mark: `," Kerry said` or `," said Kerry`."""
        text = self.texts[pi]
        tail = text[close_at + 1 : next_open]
        spans = sentence_spans(tail)
        clause = tail[: spans[0][1]] if spans else tail
        lead = re.match(r"[\s,:;–—-]*", clause)
        offset = lead.end() if lead else 0
        verb = _find_verb(clause[offset:], last=False)
        if verb is None:
            if re.match(r"according to\b", clause[offset:], re.IGNORECASE):
                return _leading_subject(clause[offset + 12 :], close_at + 1 + offset + 12)
            return None
        before = clause[offset : offset + verb.start()]
        if len(before.split()) > ATTRIBUTION_WORDS or re.search(r"[.!?]", before):
            return None
        base = close_at + 1 + offset
        if not before.strip():
            return _leading_subject(clause[offset + verb.end() :], base + verb.end())
        return self._mentioned(pi, base + verb.start()) or _trailing_subject(before, base)

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
        according = list(re.finditer(r"according to\b", clause, re.IGNORECASE))
        verbs = [m for m in _TOKEN.finditer(clause) if _is_verb(m.group(0))]
        verbs = [m for m in verbs if not _intention(clause[: m.start()])]
        verb = verbs[-1] if verbs else None
        if according and (verb is None or according[-1].start() > verb.start()):
            m = according[-1]
            return False, _leading_subject(clause[m.end() :], base + m.end()), True
        if verb is None:
            return False, None, False
        subject = _subject_for(clause, verb, base)
        if subject is None or subject.kind == "name":
            subject = self._mentioned(pi, base + verb.start()) or subject
        return False, subject, True

    # -- the walk ----------------------------------------------------------------------------

    def read(self) -> list[_Occurrence]:
        self._collect_people()
        found: list[_Occurrence] = []
        spans = self._join_split(self.spans)
        for k, span in enumerate(spans):
            prev_close = 0
            if k and spans[k - 1].end_para == span.start_para:
                prev_close = spans[k - 1].close_at + 1
            next_open = len(self.texts[span.end_para])
            if k + 1 < len(spans) and spans[k + 1].start_para == span.end_para:
                next_open = spans[k + 1].open_at
            words = len(span.text.split())
            initial, pre_subject, pre_verb = self._before(span.start_para, span.open_at, prev_close)
            post_subject = None
            if span.close_at < len(self.texts[span.end_para]):
                post_subject = self._after(span.end_para, span.close_at, next_open)
            subject, where = (post_subject, span.end_para) if post_subject else (pre_subject, span.start_para)
            if subject is None and not initial and not pre_verb:
                continue  # a scare quote, a term or a title
            if subject is None and not initial and words <= SHORT_QUOTE_WORDS and not pre_verb:
                continue
            if subject is None and initial and words <= SHORT_QUOTE_WORDS and not pre_verb and (
                span.start_para == span.end_para
                and not re.search(r"[,.!?…]$", span.text.rstrip())
                and re.match(r"\s+[a-z]", self.texts[span.end_para][span.close_at + 1 :])
            ):
                continue  # "“Ruthless” is the key word": a word under discussion, not speech
            occ = _Occurrence(
                self.index, span.start_para, span.open_at,
                SourceRef(self.source.id, self.source.paragraphs[span.start_para].id),
                _clean_inner(span.text),
            )
            if not occ.text:
                continue
            pos = (span.start_para, span.open_at)
            speaker = self._speaker_of(where, subject) if subject else None
            if speaker is None and pre_verb:
                # "Priya Shah welcomed the plan but said it came "too late"": the speech verb
                # has no subject of its own; the person named earlier in the sentence speaks.
                speaker = self._person_in_sentence_before(span.start_para, span.open_at)
            if speaker is not None:
                occ.attributed = True
            elif initial or subject is None:
                # An unresolved "he"/"she" is a person: it never inherits a body's words.
                pronoun = subject is not None and subject.kind == "pronoun"
                earlier = [(p, s) for p, s in self.speech if p < pos and (s.is_person or not pronoun)]
                speaker = max(earlier, key=lambda item: item[0])[1] if earlier else None
            if speaker is not None:
                occ.speaker, occ.speaker_text = speaker.actor, speaker.text
                mark = (where, subject.start) if subject else pos
                self.speech.append((mark, speaker))
                if speaker.is_person:
                    self.people.append((mark, speaker))
                    self.people.sort(key=lambda item: item[0])
            found.append(occ)
        return found

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
                        prev.start_para, prev.open_at, prev.end_para, prev.close_at,
                        prev.text.rstrip() + " " + span.text.lstrip(),
                    )
                    continue
            joined.append(span)
        return joined

    def _collect_people(self) -> None:
        """Person mentions and named or described subjects of speech verbs, outside quotes."""
        for pi, text in enumerate(self.texts):
            for s, e, actor in self.mentions.get(pi, ()):
                if self.actors[actor].kind == "person" and not self._quoted(pi, s):
                    self.people.append(((pi, s), _Speaker(actor, text[s:e])))
            for verb in _TOKEN.finditer(text):
                if not _is_verb(verb.group(0)) or self._quoted(pi, verb.start()):
                    continue
                head = text[: verb.start()]
                spans = sentence_spans(head)
                s0 = verb.start() if not spans or _TERMINATED.search(head.rstrip()) else spans[-1][0]
                clause = text[s0:]
                if _intention(clause[: verb.start() - s0]):
                    continue
                local = _TOKEN.match(clause, verb.start() - s0)
                subject = _subject_for(clause, local, s0) if local else None
                if subject is None or subject.kind == "pronoun":
                    continue
                speaker = self._speaker_of(pi, subject)
                if speaker is None:
                    continue
                self.speech.append(((pi, subject.start), speaker))
                if speaker.is_person and (
                    subject.kind == "role" or speaker.actor or _looks_like_person(subject.text)
                ):
                    self.people.append(((pi, subject.start), speaker))
        self.people.sort(key=lambda item: item[0])
        self.speech.sort(key=lambda item: item[0])


def _intention(before: str) -> bool:
    """ "plans to ask", "is expected to say": a speech verb after "to" reports no speech."""
    return re.search(r"\bto\s*$", before) is not None


def _sentence_subject(clause: str, base: int) -> _Subject | None:
    """The subject that opens a clause: "Abadi defended ..., saying" -> "Abadi"."""
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
                return _Subject(
                    "role", clause[first.start() : tok.end()], base + first.start(), base + tok.end()
                )
        return None
    run = []
    for tok in tokens[k:]:
        word = tok.group(0)
        if word[:1].isupper() or re.match(r"(?:al|el|bin|ibn|abu)-[A-Z]", word) or (
            run and word.lower() in _NAME_PARTICLES
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


def _subject_for(clause: str, verb: re.Match[str], base: int) -> _Subject | None:
    """Who speaks through the speech verb `verb` of `clause` (offsets relative to `base`)."""
    before = clause[: verb.start()]
    if verb.group(0).lower().endswith("ing") and not before.rstrip().lower().endswith(
        tuple(PRONOUNS)
    ):
        # ", saying" / "by saying": the speaker is the subject of the sentence.
        return _sentence_subject(clause, base)
    if not before.strip():
        return _leading_subject(clause[verb.end() :], base + verb.end())  # "said Kerry, ..."
    return _trailing_subject(before, base)


def _looks_like_person(name: str) -> bool:
    """An uncurated name that may be a person: two or more capitalised words."""
    return len([w for w in name.split() if w[:1].isupper()]) >= 2


def _role_key(description: str) -> str:
    words = normalise_quote(description).split()
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
# A key held by more quotations than this is too common to find renderings of one quotation by
# (the work would grow with the square of the dossier): a quotation made only of such words is
# merged with its identical copies, not with its variants.
MAX_POSTING = 200


def _keys(norm: str) -> set[str]:
    # The first four letters of each word: "brand" and "brands" share a key, so do most typos.
    return {w[:4] for w in norm.split()} or {""}


def _candidate_pairs(norms: list[str]) -> list[tuple[int, int]]:
    """Pairs (i < j) that may be the same quotation, in the order a full comparison would take.

    Comparing every pair grows with the square of the number of quotations (a dossier of a
    thousand sources has tens of thousands). Two renderings of one quotation share most of
    their words, and a quotation contained in another shares all of them, so each is only
    compared with the quotations that hold one of its few rarest word keys.
    """
    keys = [_keys(n) for n in norms]
    postings: dict[str, list[int]] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            postings.setdefault(k, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i, ks in enumerate(keys):
        rare = [k for k in sorted(ks, key=lambda k: (len(postings[k]), k)) if len(postings[k]) <= MAX_POSTING]
        for k in rare[:RARE_KEYS]:
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
        if named:
            counts: dict[str, int] = {}
            for o in named:
                counts[o.speaker] = counts.get(o.speaker, 0) + 1
            speaker = min(counts, key=lambda s: (-counts[s], s))
            chosen = next(o for o in named if o.speaker == speaker and o.attributed) if any(
                o.speaker == speaker and o.attributed for o in named
            ) else next(o for o in named if o.speaker == speaker)
            speaker_text = chosen.speaker_text
        else:
            speaker = ""
            speaker_text = next((o.speaker_text for o in members if o.speaker_text), "")
        refs: list[SourceRef] = []
        for o in members:
            if o.ref not in refs:
                refs.append(o.ref)
        first = members[0]
        quotes.append(((first.source_index, first.para_index, first.offset),
                       Quote(text=text, speaker=speaker, speaker_text=speaker_text, sources=tuple(refs))))
    quotes.sort(key=lambda item: item[0])
    return tuple(q for _, q in quotes)


def find_quotes(
    sources: Sequence[CleanSource], actors: Sequence[ActorDef], mentions: Sequence[Mention]
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
        occurrences.extend(_SourceReader(index, source, by_id, matcher, known.get(source.id, [])).read())
    return _merge(occurrences)
