"""People and organisations a source names, found without curated definitions, for quote attribution.

A source names people in a few regular ways: a run of capitalised words ("Jack Layton", "Abdul-
Qader al-Obeidi", "Benigno S. Aquino III"), often after a title or a role ("Mr", "Dr.", "Justice
Minister", "Inspector General of Punjab Police"), then by surname alone ("Layton", "Mr
Gachechiladze"). Organisations carry a telling word ("Movement for the Emancipation of the Niger
Delta", "Canadian Transportation Agency", "the Washington Post") or are written in capitals
("MEND", "G4S").

find_entities() reads the paragraphs of one source and returns what it finds: each person or
organisation once (Entity: a synthetic id, the fullest name, kind, gender when the text tells it,
the title or role written before the name), and every place it is mentioned, by full name or by
short form (the surname, a slightly misspelt surname, an acronym). Gender comes from honorifics
("Mr", "Mrs", "Ms"), gendered role nouns ("spokeswoman", "chairman") and the pronouns of
sentences that name only that person. Runs after a preposition of place ("in Southern
California", "from New York") and runs with a place word ("Harrington Lake", "Bakara market") are
places, not speakers.

The vocabulary (honorifics, titles, organisation and place words) is generic newsroom English,
kept here in one place.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from build_tools import vocab
from build_tools.extract.text import LY_ADVERB, sentence_spans

# Honorifics, ranks and titles written before a name (the shared ones from build_tools.vocab),
# with the gender they tell ("" for none).
_GENDER_OF_TITLE: dict[str, str] = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "mme": "f",
    "madame": "f",
    "sir": "m",
    "dame": "f",
    "lady": "f",
    "lord": "m",
    "fr": "m",
    "father": "m",
    "sister": "f",
    "brother": "m",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "sheikh": "m",
    "emir": "m",
    "pope": "m",
    "cardinal": "m",
    "imam": "m",
    "ayatollah": "m",
    "chairman": "m",
    "chairwoman": "f",
    "spokesman": "m",
    "spokeswoman": "f",
}
HONORIFICS: dict[str, str] = {
    word: _GENDER_OF_TITLE.get(word, "")
    for word in sorted(
        set(vocab.HONORIFICS)
        | set(vocab.RANK_ABBREVIATIONS)
        | vocab.PERSON_TITLES
        | vocab.TITLE_WORDS
        | set(_GENDER_OF_TITLE)
    )
}
_TITLE_QUALIFIERS = vocab.TITLE_QUALIFIERS
GENDERED_NOUNS = vocab.GENDERED_NOUNS
ORG_WORDS = vocab.ORG_WORDS
PLACE_WORDS = vocab.PLACE_WORDS
# First words of place names: "New York", "San Pedro", "Upper West Side".
_PLACE_FIRST = frozenset(
    "new san santa los las st saint fort port mount lake north south east west upper lower "
    "central greater la el".split()
)
_PLACE_PREPOSITIONS = frozenset(
    "in at from to near across outside inside into of through toward towards around via".split()
)
# Capitalised words that start sentences (among them the imperatives that send the reader on:
# "Read Kyle's post here", "Follow Smith on Twitter") or name days and months, never people.
_NOT_NAMES = frozenset(
    """
    the a an but and or so yet also meanwhile however then still later earlier separately instead
    read see watch click follow listen visit share subscribe
    now while when as after before if in on at for from with by of to this that these those
    there here it its he she they we i you his her their our my your who what where why how
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec christmas easter god year years day days eve another every each
    selon según laut d'après d’après
    """.split()
)
_SPEAKERS_VERBS = r"(?:said|says|told|added|adds|wrote|writes|asked|explained|insisted|warned|replied)"
_SPEAKING_SINGLE = re.compile(
    rf"\b([A-Z][a-z][\w'’-]+) {_SPEAKERS_VERBS}\b|\b{_SPEAKERS_VERBS} ([A-Z][a-z][\w'’-]+)(?=[.,;:!?]|\s*$)"
    r"|\b(?:Mr|Mrs|Ms|Dr)\.? ([A-Z][a-z][\w'’-]+)\b(?! [A-Z])"
)
_SPEECH_BEFORE = re.compile(rf"\b{_SPEAKERS_VERBS}\s+$")
_ROLE_WORDS = vocab.ROLE_NOUNS | vocab.TITLE_WORDS
# A lower-case role (one qualifier before it at most) and a capitalised name after a run:
# "Real coach Bernd", "Honda team boss Ross".
_QUALIFIES_ROLE = re.compile(
    r"\s+(?:[a-z][\w-]*\s+)?(?P<role>[a-z][\w-]*)\s+[A-Z][a-z]",
)
# Months that are also given names: "April Galway", "June Carter".
_AMBIGUOUS_TITLES = frozenset({"of", "general", "justice", "lt", "prime"})
_MONTH_GIVEN_NAMES = frozenset({"april", "may", "june", "august"})
# What follows a month written as a surname: no day of the month ("Theresa May said", not "May 5").
_MONTH_SURNAME = re.compile(r"(?![\s,]*\d)")
_PARTICLES = vocab.NAME_PARTICLES | vocab.ARABIC_ARTICLES | {"ter", "y"}
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
_TOKEN = re.compile(r"[\w][\w'’.-]*")
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}

_GIVEN_NAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "given_names.tsv"


@lru_cache(maxsize=1)
def given_names() -> dict[str, float]:
    """Given names (lower case) and the share of their bearers who are men, from the US Census 1990
    first-name lists and, for other countries, Faker's lists (build_tools/data/given_names.tsv,
    made by bench/given_names.py)."""
    table: dict[str, float] = {}
    for line in _GIVEN_NAMES_FILE.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and not line.startswith("#"):
            table[parts[0]] = float(parts[1])
    return table


def gender_of_given_name(word: str) -> str:
    """ "m" or "f" for a given name borne (nearly) only by men or by women, else ""."""
    share = given_names().get(word.lower().rstrip("."))
    if share is None:
        return ""
    return "m" if share >= 0.95 else "f" if share <= 0.05 else ""


# What a source writes about a person right after their name: speaks ("Fazl Rahim said"),
# an age ("Rahim (43)", "Rahim, 43,"), a relative clause for people ("Rahim, who"), a pronoun
# for the next sentence or clause ("..., he said", ". She ...").
_PERSON_AFTER = re.compile(
    r"(?:\s+of\s+[^,.\"“”]{1,60})?(?:,\s[^,\"“”]{1,80}(?:,\s[^,\"“”]{1,40})?,)?\s+(?:"
    + LY_ADVERB
    + r"\s+)?(?:said|says|told|added|adds|wrote|writes|asked|explained"
    r"|insisted|warned|replied|recalled|recounted|tweeted|testified|noted|argued|stated|declared)\b"
    r"|\s*\(\d{1,3}\)|,\s+\d{1,3}(?:,|\s+years?\b)|,?\s+(?:who|whose)\b"
    r"|[^.!?\"“”]{0,160}?\b(?:he|she|him|his|himself|herself)\b"
    r"|[^.!?]{0,200}?[.!?][\"”’]?\s+(?:He|She|His|Her)\b"
)
_PRONOUN_OR_NAME = re.compile(r"\b(he|she|He|She)\b|\b[A-Z][a-z]+ [A-Z][a-z]+")
_APPOSITIVE = re.compile(r",\s+(?:a|an|the|its|his|her)\s+((?:[\w'’-]+\s+){0,5}[\w-]+)")

SYNTHETIC = "~"  # prefix of the ids of entities found here (never a curated actor id)


@dataclass
class Entity:
    id: str
    name: str
    kind: str  # "person" or "organisation"
    gender: str = ""  # "m", "f" or ""
    roles: set[str] = field(default_factory=set)  # role keys written before the name
    votes: dict[str, int] = field(default_factory=dict)
    proven: bool = True  # False: a run of capitalised words with nothing yet telling a person

    @property
    def surname(self) -> str:
        words = [w for w in self.name.split() if w.lower().strip(".") not in _SUFFIXES]
        return words[-1] if words else self.name


@dataclass(frozen=True)
class Found:
    entity: str  # Entity.id
    start: int
    end: int


_ARABIC_NAME = re.compile(r"(?:al|el|bin|ibn|abu)-[A-Z]")
_BODY_BEFORE_NAME = re.compile(
    r"\b(?:firm|company|maker|vendor|startup|retailer|carrier|airline|bank|giant|outfit|developer)\s+([A-Z][\w&-]+)\b(?!\s+[A-Z])"
)
_BODY_WHICH = re.compile(
    r"(?<![Tt]he )(?<![\w,] )\b([A-Z][\w&-]+),\s+which\s+(?:[a-z]+ly\s+)?(?:disputes|denies|says|claims|makes|sells|"
    r"owns|runs|operates|employs|produces|publishes|develops|provides|offers)\b"
)
# "Zento, a Chinese web portal,", "Sina published a message on its official account": one word
# that the sentence describes as a body, or goes on to call "its", opening the sentence.
_BODY_APPOSED = re.compile(
    r"(?:^|(?<=[.!?] ))([A-Z][\w&-]+),\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:firm|company|maker|vendor|startup|retailer|carrier|airline|bank|giant|outfit|developer|portal|"
    r"website|site|group|network|broadcaster|insurer|lender|agency|operator|provider|publisher|service)\b"
)
_BODY_ITS = re.compile(
    r"(?:^|(?<=[.!?] ))([A-Z][\w&-]+)\s+(?:[a-z]+ly\s+)?(?:published|posted|issued|released|said|announced|"
    r"confirmed|denied|reported|launched|updated)\b[^.!?\"“”]{0,60}?\b(?:on|in|via|through)\s+its\b"
)
# A given name joined to the particle that follows it: "Inzamam-ul", "Zia-ul", "Nasir-ud".
_JOINED_GIVEN = re.compile(r"([A-Z][a-z]{2,})-(?:ul|ud|ur|us|al|el|ad)")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1] in "aebi" and _ARABIC_NAME.match(word) is not None)


def _is_acronym(word: str) -> bool:
    core = word.rstrip(".")
    return 2 <= len(core) <= 6 and core.isupper() and any(c.isalpha() for c in core) and core.isalnum()


def capitals_name(word: str, text: str) -> bool:
    """A common word written in capitals in a text that is not ("the Spanish sports daily AS",
    "IT said"): an acronym or a title, not the word "as" or "it"."""
    if len(word) < 2 or not word.isupper() or not word.isalpha():
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) < 20 or sum(c.isupper() for c in letters) < len(letters) / 2


_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
_PLACE_INITIALS = frozenset({"U.S.", "U.K.", "U.N.", "E.U.", "N.Y.", "D.C.", "L.A."})


def _initials(word: str) -> bool:
    """A person's initials before the surname ("K.J. Choi", "J.R. Smith"), not a place's."""
    return _INITIALS.fullmatch(word) is not None and word not in _PLACE_INITIALS


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of capitalised tokens (particles inside) separated by single spaces only."""
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    for tok in _TOKEN.finditer(text):
        word = tok.group(0)
        joined = bool(run) and text[run[-1].end() : tok.start()] == " "
        if run and not joined:
            runs.append(run)
            run = []
        if _capitalised(word) or (run and word.lower() in _PARTICLES) or (run and word.lower() == "of"):
            run.append(tok)
            if word.endswith(("'s", "’s")) or (
                word.endswith(".")
                and len(word.rstrip(".")) > 1
                and word.lower() not in {h + "." for h in HONORIFICS}
                and not _is_acronym(word)
                and not _initials(word)
            ):
                runs.append(run)
                run = []
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


@lru_cache(maxsize=65536)
def _plural_name(word: str) -> bool:
    """A capitalised word in the plural form of a team's, a band's or a party's name ("Canadiens",
    "Stones", "Raptors"); after "the", even a surname in s names no one person ("the Williams sisters")."""
    return (
        len(word) > 3
        and word[-1] == "s"
        and word[-2].islower()
        and not word.endswith(("ss", "us", "is", "os", "'s", "’s"))
        and word.lower() not in vocab.NATIONALITY_NOUNS
    )


def _bare(word: str) -> str:
    """The word without a possessive, a closing single quote or a full stop after it: "Smith's",
    "the 'Dominican Post'." give Smith, Post; an initial ("J.") keeps its stop."""
    if re.fullmatch(r"[A-Z]\.", word) or _initials(word):
        return word
    word = re.sub(r"['’]s?$", "", word.rstrip(".,"))
    return word.rstrip(".,") if not re.fullmatch(r"[A-Z]\.", word) else word


def role_key(words: Sequence[str]) -> str:
    return " ".join(w.lower().strip(".") for w in words if w.lower().strip(".") not in {"mr", "mrs", "ms"})


class _Finder:
    def __init__(self, texts: Sequence[str], quoted: Callable[[int, int], bool]) -> None:
        self.texts = texts
        self.quoted = quoted
        self.entities: dict[str, Entity] = {}
        self.found: dict[int, list[Found]] = {}
        self.singles: list[tuple[int, int, int, str, str]] = []  # (pi, start, end, word, gender)

    def _entity(self, name: str, kind: str) -> Entity:
        key = SYNTHETIC + kind[:3] + ":" + name.lower()
        if key not in self.entities:
            self.entities[key] = Entity(key, name, kind)
        return self.entities[key]

    def _add(self, pi: int, entity: Entity, start: int, end: int) -> None:
        self.found.setdefault(pi, []).append(Found(entity.id, start, end))

    def read_runs(self) -> None:
        # Surnames the source makes speak or titles on their own ("Thakkar said", "said
        # Thakkar", "Mr Thakkar"): a run ending in one names a person even after "to" or "in".
        self.speaking: set[str] = set()
        for text in self.texts:
            for m in _SPEAKING_SINGLE.finditer(text):
                self.speaking.add(m.group(1) or m.group(2) or m.group(3))
        # Capitalised words the source also writes on their own ("Trahan was surprised"):
        # a surname after initials ("DJ Trahan") rather than an acronym's word ("US Open").
        self.alone: set[str] = set()
        for text in self.texts:
            for run in _runs(text):
                if len(run) == 1:
                    word = _bare(run[0].group(0))
                    self.alone.add(word)
                    if word.lower() not in _NOT_NAMES and _PERSON_AFTER.match(text, run[0].start() + len(word)):
                        self.speaking.add(word)  # "Romney who recently accused", "Rahim, 43,"
        for pi, text in enumerate(self.texts):
            starts = {s for s, _ in sentence_spans(text)}
            for run in _runs(text):
                self._read_run(pi, text, run, run[0].start() in starts or not text[: run[0].start()].strip(" \"“‘'(«"))

    def _read_run(self, pi: int, text: str, run: list[re.Match[str]], initial: bool, works_at: bool = False) -> None:
        words = [_bare(t.group(0)) for t in run]
        if (
            len(words) == 2
            and words[0].lower() in _MONTH_GIVEN_NAMES
            and words[1].lower() not in _NOT_NAMES | ORG_WORDS | PLACE_WORDS
            and (
                words[1] in self.speaking
                or re.match(r",\s+(?:a|an|the)\s|\s+(?:said|says|told)\b", text[run[-1].end() :]) is not None
            )
        ):
            self._person(pi, run, words, "", [])  # "April Galway, a lifelong resident ..., said"
            return
        while run and words[0].lower() in _NOT_NAMES and not capitals_name(words[0], text):
            run, words = run[1:], words[1:]
        while run and words[-1].lower() in _PARTICLES | {"of"} and not capitals_name(words[-1], text):
            run, words = run[:-1], words[:-1]
        if not run:
            return
        before = text[max(0, run[0].start() - 40) : run[0].start()].rstrip()
        prev = re.search(r"([\w'’]+)$", before)
        after_place_prep = prev is not None and prev.group(1).lower() in _PLACE_PREPOSITIONS
        lower = [w.lower().strip(".") for w in words]
        joint = next((w for w in ("of", "at") if w in lower[1:-1]), "")
        if joint and (joint == "of" or lower.index("at") >= 2):
            k = lower.index(joint)
            left = lower[:k]
            # "Katya Malofeeva of Renaissance Capital", "Steve Kroft at CBS News"
            if not any(w in ORG_WORDS or w in HONORIFICS or w in _TITLE_QUALIFIERS or w in PLACE_WORDS for w in left):
                # "Katya Malofeeva of Renaissance Capital": a person, then where she works.
                self._read_run(pi, text, run[:k], initial, works_at=True)
                self._read_run(pi, text, run[k + 1 :], False)
                return
        # The title: everything up to the last honorific or rank, with "of State" after it.
        title_end, gender = 0, ""
        for i, w in enumerate(lower[:-1]):
            if w in HONORIFICS:
                title_end = i + 1
                gender = HONORIFICS[w] or gender
        while (
            title_end
            and title_end < len(lower) - 1
            and (lower[title_end] == "of" or lower[title_end] in _TITLE_QUALIFIERS)
        ):
            title_end += 1
        org_at = [i for i, w in enumerate(lower) if w in ORG_WORDS and i >= title_end]
        if any(w in PLACE_WORDS for w in lower[title_end:]) and not org_at:
            return
        role = _QUALIFIES_ROLE.match(text, run[-1].end())
        if role and role.group("role") in _ROLE_WORDS and all(w in _ROLE_WORDS | _TITLE_QUALIFIERS for w in lower):
            return  # "Chief executive Ana Ruiz", "Deputy head coach": words of the role itself
        if not title_end and role and role.group("role") in _ROLE_WORDS:
            # "Real coach Bernd Schuster", "Under-siege Kiwis coach Gary Kemble", "Conservative
            # leader David Cameron": the team, party or country a role belongs to, not a person.
            name = " ".join(words)
            ent = self._entity(name, "organisation")
            self._add(pi, ent, run[0].start(), run[-1].start() + len(words[-1]))
            return
        if org_at:
            last_org = org_at[-1]
            rest = run[last_org + 1 :]
            rest_words = words[last_org + 1 :]
            if len(rest) >= 2 and not any(w.lower() in ORG_WORDS | PLACE_WORDS | _NOT_NAMES for w in rest_words):
                # "Punjab Police Nasim Ahmed": the person after the body.
                self._person(pi, rest, rest_words, gender, words[: last_org + 1])
                return
            end = (
                len(run)
                if last_org == title_end or (last_org + 1 < len(run) and lower[last_org + 1] == "of")
                else last_org + 1
            )  # "Air Canada", "State Bank of India"
            core = run[title_end:end]
            name = " ".join(words[title_end:end])
            ent = self._entity(name, "organisation")
            self._add(pi, ent, core[0].start(), core[-1].start() + len(words[end - 1]))
            return
        core, core_words = run[title_end:], words[title_end:]
        if not core:
            return
        if len(core) > 1 and any(ch.isdigit() for w in core_words for ch in w):
            return  # "the Dell AX4-5", "Clariion CX3": a product's model, no one's name
        if (
            not title_end
            and len(core) > 1
            and prev is not None
            and prev.group(1) in ("the", "The")
            and _plural_name(core_words[-1])
        ):
            # "the Montreal Canadiens", "the Rolling Stones": a team or a band in the plural, never
            # a person that "he" or "she" could stand for.
            name = " ".join(core_words)
            self._add(pi, self._entity(name, "organisation"), core[0].start(), core[-1].start() + len(core_words[-1]))
            return
        if len(core) == 1:
            word = core_words[0]
            if _is_acronym(word):
                if not after_place_prep:
                    ent = self._entity(word, "organisation")
                    self._add(pi, ent, core[0].start(), core[0].start() + len(word))
                return
            surname = word.lower() in _MONTH_GIVEN_NAMES and _MONTH_SURNAME.match(text, core[0].start() + len(word))
            if (
                word.lower() in _NOT_NAMES and not capitals_name(word, text) and not (surname and title_end)
            ) or word.lower() in vocab.NATIONALITY_NOUNS | vocab.PARTY_MEMBER_NOUNS:
                return  # (nor "the Briton said": a second reference, no name; but "Mrs May said")
            self.singles.append((pi, core[0].start(), core[0].start() + len(word), word, gender))
            if title_end:
                # "Mr Gachechiladze": a person by surname; linked to the full name later.
                self._titled_single = getattr(self, "_titled_single", [])
                self._titled_single.append((pi, core[0].start(), word, gender, words[:title_end]))
            return
        initials = (
            len(core_words) == 2
            and re.fullmatch(r"[A-Z]{2}", core_words[0]) is not None
            and core_words[1] in self.alone
            and not _is_acronym(core_words[1])
        )  # "DJ Trahan", "AJ Smith"
        if after_place_prep and not title_end and not initials and core_words[-1] not in self.speaking:
            return  # "in Southern California", but "my question to Ashish Thakkar"
        if (
            len(core) > 5
            or any(
                w.lower() in _NOT_NAMES
                # "Theresa May", but not "Tuesday May 5"
                and not (
                    k == len(core_words) - 1
                    and w.lower() in _MONTH_GIVEN_NAMES
                    and core_words[0].lower() in given_names()
                    and _MONTH_SURNAME.match(text, core[-1].start() + len(w))
                )
                for k, w in enumerate(core_words[1:], start=1)
            )
        ):
            return
        if not initials and any(
            _is_acronym(w) and not re.fullmatch(r"[A-Z]\.?", w) and w.lower() not in _SUFFIXES for w in core_words
        ):
            return
        self._person(pi, core, core_words, gender, words[:title_end], needs_evidence=not initials and not works_at)

    def _evidence(self, pi: int, start: int, end: int, words: list[str], before: str) -> bool:
        """Whether a run of capitalised words names a person rather than a body or a place
        ("Great Britain", "Y Combinator", "Lodestar Universal"): a known given name first, an
        initial, a particle or a suffix ("Benigno S. Aquino III", "Abdul-Qader al-Obeidi"), a
        role noun before it, a surname the source makes speak, or what the text says next."""
        if words[0].lower() in given_names() or before in vocab.ROLE_NOUNS or before in GENDERED_NOUNS:
            return True
        if before in ORG_WORDS:
            return False  # "the media planning agency Lodestar Universal said"
        if words[-1] in self.speaking:
            return True
        if any(
            re.fullmatch(r"[A-Z]\.", w)
            or _initials(w)
            or (i and (re.fullmatch(r"[A-Z]", w) or w.lower() in _PARTICLES))
            for i, w in enumerate(words)
        ) or any(w.lower().strip(".") in _SUFFIXES or _ARABIC_NAME.match(w) for w in words):
            return True
        text = self.texts[pi]
        if _SPEECH_BEFORE.search(text[:start]) and re.match(r"[.,;:!?]|\s*$", text[end:]):
            return True
        if _PERSON_AFTER.match(text, end):
            return True
        # 'Katya Malofeeva met the board.' then '"...," she said.': he or she before anyone else
        # is named, in the rest of the paragraph or at the start of the next.
        tail = text[end:] + (" " + self.texts[pi + 1][:300] if pi + 1 < len(self.texts) else "")
        first = _PRONOUN_OR_NAME.search(tail)
        if first is not None and first.group(1) is not None:
            return True
        after = _APPOSITIVE.match(text, end)  # "Habeeb Nizamudin, a growth officer of ..."
        return after is not None and any(
            w in vocab.ROLE_NOUNS or w in GENDERED_NOUNS for w in after.group(1).lower().split()
        )

    def _person(
        self,
        pi: int,
        core: list[re.Match[str]],
        words: list[str],
        gender: str,
        title: list[str],
        needs_evidence: bool = False,
    ) -> None:
        if words[0].lower() in _PLACE_FIRST and not title:
            return  # "New York", "San Pedro", "Upper West Side"
        before = re.search(r"([a-z]+)\s+$", self.texts[pi][max(0, core[0].start() - 40) : core[0].start()])
        if before and before.group(1) in GENDERED_NOUNS and not gender:
            gender = GENDERED_NOUNS[before.group(1)]  # "spokeswoman Dana Perino"
        name = " ".join(words)
        fresh = SYNTHETIC + "per:" + name.lower() not in self.entities
        ent = self._entity(name, "person")
        end = core[-1].start() + len(words[-1])
        proven = (
            not needs_evidence
            or bool(title)
            or bool(gender)
            or self._evidence(pi, core[0].start(), end, words, before.group(1) if before else "")
        )
        ent.proven = proven if fresh else ent.proven or proven
        given = gender_of_given_name(words[0])
        if fresh and given:
            ent.votes[given] = ent.votes.get(given, 0) + 2  # "Geoffrey Berman": a man, unless the text says
        if before and before.group(1) in vocab.ROLE_NOUNS:
            ent.roles.add(before.group(1))  # "principal Fazl Rahim": "the principal said" later
        if gender:
            ent.votes[gender] = ent.votes.get(gender, 0) + 3
        if title:
            ent.roles.add(role_key(title))
            head = title[-1].lower().strip(".")
            if head in GENDERED_NOUNS:
                g = GENDERED_NOUNS[head]
                ent.votes[g] = ent.votes.get(g, 0) + 3
        self._add(pi, ent, core[0].start(), end)

    def settle_kinds(self) -> None:
        """A run with no sign of a person in any of its mentions is a body, a place or a thing."""
        for ent in self.entities.values():
            if ent.kind == "person" and not ent.proven:
                ent.kind = "organisation"
                ent.votes.clear()

    def link_singles(self) -> None:
        people = [e for e in self.entities.values() if e.kind == "person"]
        order: dict[str, tuple[int, int]] = {}
        for pi, found in sorted(self.found.items()):
            for f in found:
                order.setdefault(f.entity, (pi, f.start))
        by_surname: dict[str, list[Entity]] = {}
        by_first: dict[str, list[Entity]] = {}
        for e in people:
            by_surname.setdefault(_bare(e.surname).lower(), []).append(e)
            if len(e.name.split()) > 1:
                first = e.name.split()[0]
                by_first.setdefault(first.lower(), []).append(e)
                joined = _JOINED_GIVEN.fullmatch(first)
                if joined:
                    # "Inzamam-ul Haq", then "Inzamam": the given name before the joined particle
                    by_first.setdefault(joined.group(1).lower(), []).append(e)
        # "President Obama", but not "Professor of Physics", "General Motors", "Justice Law",
        # "Prime Ministers", "LT Cortesia" (a ship), "General Hospital".
        titled = {
            (pi, start)
            for pi, start, word, _g, title in getattr(self, "_titled_single", [])
            if title
            and title[-1].lower().strip(".") not in _AMBIGUOUS_TITLES
            and word.lower() not in ORG_WORDS | PLACE_WORDS
        }
        # "security appliance firm Fortinet", "Zango, which disputes": one word naming a body
        bodies = {m.group(1) for text in self.texts for m in _BODY_BEFORE_NAME.finditer(text)}
        bodies |= {m.group(1) for text in self.texts for m in _BODY_WHICH.finditer(text)}
        bodies |= {m.group(1) for text in self.texts for m in _BODY_APPOSED.finditer(text)}
        bodies |= {m.group(1) for text in self.texts for m in _BODY_ITS.finditer(text)}
        for pi, start, end, word, gender in self.singles:
            if word in bodies and not gender and not self.quoted(pi, start) and word.lower() not in by_surname:
                self._add(pi, self._entity(word, "organisation"), start, end)
                continue
            matches = list(by_surname.get(word.lower(), ()))
            if not matches and len(word) >= 6:
                matches = [
                    e for e in people if len(e.surname) >= 6 and fuzz.ratio(e.surname.lower(), word.lower()) >= 85
                ]
            if not matches:
                firsts = by_first.get(word.lower(), [])
                matches = firsts if len(firsts) == 1 else []
            speaks = re.match(
                r"(?:,\s[^,\"“”]{1,60},)?\s+(?:"
                + LY_ADVERB
                + r"\s+)?(?:said|says|told|added|adds|wrote|writes|asked|explained|insisted|warned|replied|bragged|spoke|"
                r"responded|admitted|conceded|argued|stressed|was\s+asked|is\s+asked)\b",
                self.texts[pi][end:],
            )
            if not speaks:
                speaks = _SPEECH_BEFORE.search(self.texts[pi][:start]) and re.match(
                    r"[.,;:!?]|\s*$", self.texts[pi][end:]
                )
                # `," said Thakkar.`
            # "first-grader Saeedullah", "his wife Sharon": one name after a lower-case noun for
            # a person (mononyms are common in South Asian copy).
            noun = re.search(r"\b([a-z][a-z-]+)\s+$", self.texts[pi][max(0, start - 40) : start])
            described = noun is not None and (
                noun.group(1) in GENDERED_NOUNS
                or re.fullmatch(r"[a-z]+-(?:grader|year-old)", noun.group(1)) is not None
                or (noun.group(1) in vocab.ROLE_NOUNS and word.lower() in given_names())
            )
            if not matches and (speaks or described) and not self.quoted(pi, start) and word.lower() not in HONORIFICS:
                # "Koenigs said": a person named by surname only; "Fortinet claimed" a body
                ent = self._entity(word, "organisation" if word in bodies and not gender else "person")
                self._add(pi, ent, start, end)
                continue
            if not matches:
                if gender or (
                    (pi, start) in titled and word.lower() not in HONORIFICS and word.lower() not in _ROLE_WORDS
                ):
                    # "Mr Rücker", "President Obama" with no full name in the source: a person
                    # all the same.
                    ent = self._entity(word, "person")
                    if gender:
                        ent.votes[gender] = ent.votes.get(gender, 0) + 3
                    self._add(pi, ent, start, end)
                continue
            if len(matches) > 1:
                earlier = [e for e in matches if order.get(e.id, (1 << 30, 0)) < (pi, start)]
                pick = (
                    max(earlier, key=lambda e: order[e.id])
                    if earlier
                    else min(matches, key=lambda e: order.get(e.id, (0, 0)))
                )
            else:
                pick = matches[0]
            if gender:
                pick.votes[gender] = pick.votes.get(gender, 0) + 3
            self._add(pi, pick, start, end)
        for pi, start, _word, _gender, title in getattr(self, "_titled_single", []):
            for f in self.found.get(pi, []):
                if f.start == start and title:
                    self.entities[f.entity].roles.add(role_key(title))

    def _other_names(self, pi: int, s: int, e: int, found: list[Found]) -> bool:
        """A capitalised word in the sentence that no entity covers: someone the pronouns of
        the sentence may stand for."""
        text = self.texts[pi]
        for tok in _TOKEN.finditer(text, s, e):
            word = _bare(tok.group(0))
            if not word[:1].isupper() or word.lower() in _NOT_NAMES or tok.start() == s:
                continue
            k = bisect.bisect_right([f.start for f in found], tok.start()) - 1 if found else -1
            if self.quoted(pi, tok.start()) or (k >= 0 and found[k].start <= tok.start() < found[k].end):
                continue
            return True
        return False

    def genders(self) -> None:
        for pi, text in enumerate(self.texts):
            found = sorted(self.found.get(pi, []), key=lambda f: f.start)
            starts = [f.start for f in found]
            for s, e in sentence_spans(text):
                inside = [
                    f
                    for f in found[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]
                    if not self.quoted(pi, f.start) and self.entities[f.entity].kind == "person"
                ]
                if len({f.entity for f in inside}) != 1 or self._other_names(pi, s, e, found):
                    continue
                ent = self.entities[inside[0].entity]
                tail = text[inside[0].end : e]
                # Only "he"/"she": "Hoffman said her death ..." speaks of someone else.
                for m in re.finditer(r"\b(he|himself|she|herself)\b", tail, re.IGNORECASE):
                    if not self.quoted(pi, inside[0].end + m.start()):
                        g = _PRONOUNS[m.group(1).lower()]
                        ent.votes[g] = ent.votes.get(g, 0) + 1
                after = re.match(r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?([\w-]+)\b", text[inside[0].end : e])
                if after and after.group(1).lower() in GENDERED_NOUNS:
                    g = GENDERED_NOUNS[after.group(1).lower()]
                    ent.votes[g] = ent.votes.get(g, 0) + 2
        for ent in self.entities.values():
            if ent.votes:
                best = max(ent.votes.values())
                top = [g for g, v in ent.votes.items() if v == best]
                ent.gender = top[0] if len(top) == 1 else ""


def find_entities(
    texts: Sequence[str], quoted: Callable[[int, int], bool]
) -> tuple[dict[str, Entity], dict[int, list[Found]]]:
    """People and organisations named in one source's paragraphs, and where (see module doc)."""
    finder = _Finder(texts, quoted)
    finder.read_runs()
    finder.settle_kinds()
    finder.link_singles()
    finder.genders()
    for found in finder.found.values():
        found.sort(key=lambda f: (f.start, -f.end))
    return finder.entities, finder.found
