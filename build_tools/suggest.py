"""Suggest curation: names no actor alias covers yet, and keywords a topic could add.

`suggest_actors` reads the cleaned paragraphs for capitalised word sequences ("Jens Stoltenberg",
"Al Mayadeen TV", "Anbar Province") that no curated alias covers, strips the titles in front of
people's names ("NATO Secretary-General Jens Stoltenberg" -> "Jens Stoltenberg"), folds a lone
surname into the full name it belongs to ("Abadi" -> "Haider al-Abadi") and keeps the names that
recur, plus people introduced once with a title. `suggest_keywords` lists the words that are
frequent in a topic's paragraphs and rare elsewhere. `suggestions_yaml` prints both: actor
entries that can be pasted or appended as they are, keywords as one comment line per topic.
`write_suggestions` (`dossier suggest --write`) adds them to actors.yml and topics.yml with a
round-trip edit that keeps the curator's comments and order.

The guesses of kind are heuristics for a curator to check.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from build_tools import vocab
from build_tools.extract.mentions import build_matcher
from build_tools.extract.text import sentence_at, sentence_spans
from build_tools.extract.topics import keyword_pattern
from build_tools.model import ActorDef, CleanSource, TopicDef, TopicHit


@dataclass(frozen=True)
class Suggestion:
    name: str
    kind: str  # a guess: person, organisation, country, group or place
    aliases: tuple[str, ...]  # other forms seen (a lone surname, an acronym)
    count: int  # occurrences, all forms together
    sources: tuple[str, ...]  # ids of the sources it occurs in
    example: str  # the first sentence it occurs in
    titled: bool = False  # introduced with a title ("Prime Minister ...")


STOPWORDS = vocab.STOPWORDS_EN

# Words in front of a person's name that say who they are; the name is what follows.
TITLES = vocab.PERSON_TITLES

# Nationality and other adjectives written with a capital: not names of actors on their own.
ADJECTIVES = frozenset(
    """arab arabic western eastern northern southern british english french german dutch kurdish
    sunni shia shiite muslim christian jewish islamist jihadist european african asian american
    gulf""".split()
)

# Frequent in any news text, so never a topic's keyword.
GENERIC = frozenset(
    """across around already another back being came come going good great help last made make
    many part people really said says still take taken time took using want well went year years
    week weeks month months told asked added""".split()
)

CALENDAR = frozenset(
    (*vocab.WEEKDAYS["en"], *vocab.MONTHS["en"], *vocab.MONTH_ABBREVIATIONS_EN, *vocab.RELATIVE_DAYS_EN)
)

ORGANISATION_WORDS = frozenset(
    """department ministry council agency union parliament party organisation organization court
    group army forces committee commission bank news tv times post press office police service
    services alliance coalition network institute university foundation association federation
    company corporation inc ltd brigade brigades militia front movement""".split()
)
PLACE_WORDS = frozenset("province city region street square river mountains valley island state".split())

# Particles inside Arabic, Dutch, French ... names: "al-Abadi", "bin Laden", "van Rompuy".
PARTICLES = vocab.NAME_PARTICLES | vocab.ARABIC_ARTICLES
CONNECTORS = vocab.NAME_CONNECTORS
PREFIXES = frozenset("anti pro non ex post pre neo".split())

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def _name_part(token: str) -> tuple[str, bool]:
    """The part of a word that can belong to a name, and whether the name may go on after it.

    "US-led" -> ("US", False); "Anti-ISIS" -> ("ISIS", True); "al-Abadi" -> ("al-Abadi", True).
    """
    parts = re.split(r"(-)", token)
    words = parts[::2]
    if len(words) > 1 and words[0].lower() in PREFIXES and _is_capitalised(words[1]):
        words = words[1:]
    if len(words) > 1 and words[0].lower() in PARTICLES and _is_capitalised(words[1]):
        kept = [words[0]]
        rest = words[1:]
    else:
        kept = []
        rest = words
    for word in rest:
        if not _is_capitalised(word):
            return "-".join(kept), False
        kept.append(word)
    return "-".join(kept), True


def _strip_possessive(token: str) -> str:
    for ending in ("'s", "’s", "'", "’"):
        if token.endswith(ending) and len(token) > len(ending) + 1:
            return token[: -len(ending)]
    return token


@dataclass(frozen=True)
class _Occurrence:
    tokens: tuple[str, ...]
    initial: bool  # the sequence starts its sentence
    titled: bool
    source: str
    sentence: str
    before: str  # the word before the name, lower-cased
    after: str  # the word after the name, as written


def _is_headline(text: str) -> bool:
    words = _WORD.findall(text)
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if _is_capitalised(w) or w.lower() in STOPWORDS)
    return capitalised == len(words) and sum(1 for w in words if _is_capitalised(w)) >= len(words) * 0.6


def _sequences(text: str) -> list[tuple[list[str], int, int, str, str]]:
    """Capitalised runs in `text`: (tokens, start, end, word before the run, word after it)."""
    runs: list[tuple[list[str], int, int, str]] = []
    current: list[str] = []
    start = 0
    end = 0
    previous_word = ""
    before = ""
    last_end = -1

    def close() -> None:
        while current and current[-1].lower() in CONNECTORS | {"the"}:
            current.pop()
        if current:
            runs.append((list(current), start, end, before))
        current.clear()

    for match in _WORD.finditer(text):
        token = _strip_possessive(match.group(0))
        gap = text[last_end : match.start()] if last_end >= 0 else " "
        adjacent = last_end >= 0 and gap.strip() == ""
        if current and not adjacent:
            close()
        part, goes_on = _name_part(token)
        if part and _is_capitalised(part.split("-")[-1]):
            if not current:
                start, before = match.start(), previous_word
            current.append(part)
            end = match.end()
            if not goes_on or token != match.group(0):
                # "US-led", "Kerry's": the name ends inside this word.
                close()
        elif (
            current
            and token.lower() in CONNECTORS | {"the"}
            and (token.lower() != "the" or current[-1].lower() == "of")
        ):
            current.append(token)
        else:
            close()
        previous_word = token
        last_end = match.end()
    close()
    result = []
    for tokens, s, e, b in runs:
        following = _WORD.search(text, e)
        adjacent = following is not None and text[e : following.start()].strip() == ""
        result.append((tokens, s, e, b, following.group(0) if following is not None and adjacent else ""))
    return result


def _occurrences(sources: Sequence[CleanSource], actors: Sequence[ActorDef]) -> list[_Occurrence]:
    matcher = build_matcher(actors)
    found: list[_Occurrence] = []
    for source in sorted(sources, key=lambda s: s.id):
        for paragraph in source.paragraphs:
            if paragraph.kind == "heading" or _is_headline(paragraph.text):
                continue
            text = paragraph.text
            # Mask what curated aliases already cover, so only uncovered names remain.
            for start, end, _ in matcher.find(text):
                text = text[:start] + "|" * (end - start) + text[end:]
            spans = sentence_spans(text)
            starts = {s for s, _ in spans}
            for tokens, start, end, before, after in _sequences(text):
                if text[end:].lstrip(" ").startswith("|") and text[end : end + 1] == " ":
                    # Right before a curated alias: the first name of a curated person ("Pere"
                    # of "Pere Aragonès" when "Aragonès" is the alias), not a name of its own.
                    continue
                opened = text[:start].rstrip()
                # After an opening quote (one preceded by a space), not after a closing one.
                initial = start in starts or (
                    opened.endswith(('"', "“", "‘", "'", "(")) and (len(opened) == 1 or opened[-2].isspace())
                )
                titled = before.lower() in TITLES
                # Drop a sentence-initial function word ("The", "But") or participle ("Speaking").
                while tokens and (
                    tokens[0].lower() in STOPWORDS
                    or (initial and len(tokens) > 1 and tokens[0].lower().endswith(("ing", "ly", "ed")))
                ):
                    tokens = tokens[1:]
                    initial = False
                title_at = max((i for i, t in enumerate(tokens) if t.lower() in TITLES), default=-1)
                if title_at >= 0 and title_at < len(tokens) - 1:
                    rest = tokens[title_at + 1 :]
                    if rest[0].lower() == "of":
                        rest = rest[2:]
                    if rest and any(_is_capitalised(t) for t in rest):
                        tokens, titled, initial = rest, True, False
                elif title_at == len(tokens) - 1:
                    continue  # only a title: "Prime Minister"
                if titled and "of" in tokens:
                    # A person's name does not go on with "of": "Stoltenberg of Baghdad's plan".
                    tokens = tokens[: tokens.index("of")]
                if not tokens:
                    continue
                sentence = sentence_at(paragraph.text, start, sentence_spans(paragraph.text))
                found.append(_Occurrence(tuple(tokens), initial, titled, source.id, sentence, before.lower(), after))
    return found


PLACE_PREPOSITIONS = frozenset("in from to across into near outside inside throughout".split())
ADJECTIVE_ENDINGS = ("i", "ian", "ean", "ese", "ish")


def _guess_kind(tokens: tuple[str, ...], seen: Sequence[_Occurrence], has_surname: bool) -> str:
    lowered = {t.lower() for t in tokens}
    if lowered & ORGANISATION_WORDS or (len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 1):
        return "organisation"
    if lowered & PLACE_WORDS:
        return "place"
    if 2 <= len(tokens) <= 4 and "of" not in lowered and (any(o.titled for o in seen) or has_surname):
        return "person"
    if len(tokens) == 1 or any(o.before in PLACE_PREPOSITIONS for o in seen):
        return "place"
    return "organisation"


def _core(token: str) -> str:
    """A surname without its particle: "al-Abadi" -> "abadi"."""
    parts = token.split("-")
    if len(parts) > 1 and parts[0].lower() in PARTICLES:
        parts = parts[1:]
    return "-".join(parts).lower()


def _is_noise(name: tuple[str, ...], seen: Sequence[_Occurrence], known: set[str], lower_words: set[str]) -> bool:
    """Capitalised words that are not names: weekdays, adjectives, sentence openers."""
    if all(t.lower() in CALENDAR | ADJECTIVES | STOPWORDS | TITLES for t in name):
        return True
    if len(name) > 1:
        return False
    word = name[0]
    if all(o.initial for o in seen) and not any(o.titled for o in seen):
        # Only ever first in a sentence: "Meanwhile", "Officials", "Dozens".
        return True
    if word.lower() in lower_words and all(o.initial for o in seen):
        return True
    if word.lower().endswith(ADJECTIVE_ENDINGS):
        # "Iraqi" beside "Iraq", "Iranian" beside "Iran": a nationality adjective.
        if any(
            word.lower() != other and word.lower().startswith(other[:-1]) and len(word) - len(other) <= 3
            for other in known
            if len(other) >= 4
        ):
            return True
        # "Yemeni intelligence", "Japanese hostages": always in front of a common noun.
        return all(o.after[:1].islower() and o.after.lower() not in STOPWORDS for o in seen)
    return False


def _shouted(tokens: tuple[str, ...]) -> bool:
    """Written in capitals although longer than an acronym ("MADRID", "BRUSSELS")."""
    return any(len(t) > 4 and t.isupper() for t in tokens)


def suggest_actors(sources: Sequence[CleanSource], actors: Sequence[ActorDef], min_count: int = 2) -> list[Suggestion]:
    """Names that occur at least `min_count` times (or once with a title) and no alias covers.

    Sorted by count (most frequent first), then name.
    """
    occurrences = _occurrences(sources, actors)
    lower_words = {w for s in sources for p in s.paragraphs for w in _WORD.findall(p.text) if not _is_capitalised(w)}
    # Spellings that differ only in case ("NATO", "Nato") are one name: the commonest form leads.
    by_key: dict[tuple[str, ...], list[_Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        by_key[tuple(t.casefold() for t in occurrence.tokens)].append(occurrence)
    # "Later Zorblat Quux left": a sentence-initial word in front of a name seen elsewhere is
    # not part of it.
    for key in sorted(by_key):
        if len(key) > 1 and key[1:] in by_key and all(o.initial for o in by_key[key]):
            for o in by_key.pop(key):
                by_key[key[1:]].append(replace(o, tokens=o.tokens[1:], initial=False))
    forms_of: dict[tuple[str, ...], Counter[tuple[str, ...]]] = {
        key: Counter(o.tokens for o in seen) for key, seen in by_key.items()
    }
    known = {" ".join(key) for key in by_key if len(key) == 1}
    known |= {alias.casefold() for a in actors for alias in (a.name, *a.aliases)}
    kept = {
        key: seen
        for key, seen in by_key.items()
        if not _is_noise(tuple(o for o in seen[0].tokens), seen, known, lower_words)
    }
    # A lone surname ("Abadi", "Kerry") joins the one person-like full name that ends with it.
    full_names: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in kept:
        if 2 <= len(key) <= 4 and not set(key) & CONNECTORS:
            full_names[_core(key[-1])].append(key)
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in sorted(kept):
        owners = full_names.get(_core(key[0]), []) if len(key) == 1 else []
        groups[owners[0] if len(owners) == 1 else key].append(key)

    suggestions: list[Suggestion] = []
    for key, members in groups.items():
        seen = [o for member in members for o in kept[member]]
        titled = any(o.titled for o in seen)
        if len(seen) < min_count and not (titled and len(key) >= 2):
            continue
        # On a tie, the form in ordinary case leads: "Madrid" rather than a dateline's "MADRID".
        name = " ".join(sorted(forms_of[key].items(), key=lambda f: (-f[1], _shouted(f[0]), f[0]))[0][0])
        variants = {" ".join(form) for member in members for form in forms_of[member]}
        suggestions.append(
            Suggestion(
                name=name,
                kind=_guess_kind(tuple(name.split()), seen, len(members) > 1),
                aliases=tuple(sorted(variants - {name})),
                count=len(seen),
                sources=tuple(sorted({o.source for o in seen})),
                # The shortest sentence reads best as a one-line comment; ties go to the first.
                example=min((o.sentence for o in seen), key=len),
                titled=titled,
            )
        )
    suggestions.sort(key=lambda s: (-s.count, s.name))
    return suggestions


def _terms(text: str) -> list[str]:
    words = [w.lower().strip("'’") for w in _WORD.findall(text)]
    return [
        w for w in words if len(w) >= 4 and w not in STOPWORDS | CALENDAR | GENERIC and not any(c.isdigit() for c in w)
    ]


def suggest_keywords(
    sources: Sequence[CleanSource],
    topics: Sequence[TopicDef],
    topic_hits: Sequence[TopicHit],
    *,
    limit: int = 10,
    min_count: int = 2,
) -> dict[str, list[tuple[str, int]]]:
    """For each topic, up to `limit` (term, paragraph count) pairs not yet among its keywords.

    A term qualifies when it occurs in at least `min_count` of the topic's paragraphs and at least
    half of the paragraphs holding it belong to the topic (so "coalition" is not suggested
    everywhere).
    """
    terms_of: dict[tuple[str, str], set[str]] = {}
    everywhere: Counter[str] = Counter()
    for source in sources:
        for paragraph in source.paragraphs:
            terms = set(_terms(paragraph.text))
            terms_of[(source.id, paragraph.id)] = terms
            everywhere.update(terms)
    paragraphs_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for hit in topic_hits:
        paragraphs_of[hit.topic].add((hit.source, hit.paragraph))
    result: dict[str, list[tuple[str, int]]] = {}
    for topic in sorted(topics, key=lambda t: t.id):
        # A word of a keyword ("air" of "air strike") or an inflection of one is known already.
        words = {w for k in topic.keywords for w in k.split()}
        known = [re.compile(keyword_pattern(w), re.IGNORECASE) for w in sorted(words)]
        counts: Counter[str] = Counter()
        for key in paragraphs_of.get(topic.id, ()):
            counts.update(terms_of.get(key, ()))
        proposed = [
            (term, count)
            for term, count in counts.items()
            if count >= min_count
            and count * 2 >= everywhere[term]
            and not any(regex.fullmatch(term) for regex in known)
        ]
        proposed.sort(key=lambda item: (-item[1], item[0]))
        result[topic.id] = proposed[:limit]
    return result


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "item"


def _quoted(text: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar, whatever it contains ("No", "On: x").
    return json.dumps(text, ensure_ascii=False)


def _shorten(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def writable_actors(actor_suggestions: Sequence[Suggestion], actors: Sequence[ActorDef]) -> list[Suggestion]:
    """The suggestions that can join actors.yml as they are: no name or alias already claimed
    (by a curated actor or an earlier suggestion), no id twice."""
    claimed = {a.casefold() for actor in actors for a in (actor.name, *actor.aliases)}
    ids = {actor.id for actor in actors}
    out: list[Suggestion] = []
    for suggestion in actor_suggestions:
        forms = [suggestion.name, *suggestion.aliases]
        sid = _slug(suggestion.name)
        if sid in ids or any(f.casefold() in claimed for f in forms):
            continue
        kept = tuple(
            a
            for i, a in enumerate(suggestion.aliases)
            if a.casefold() != suggestion.name.casefold()
            and a.casefold() not in {x.casefold() for x in suggestion.aliases[:i]}
        )
        out.append(replace(suggestion, aliases=kept))
        ids.add(sid)
        claimed.update(f.casefold() for f in forms)
    return out


def _where(suggestion: Suggestion) -> str:
    n, k = suggestion.count, len(suggestion.sources)
    return (
        f"{n} mention{'s' if n != 1 else ''} in {k} source{'s' if k != 1 else ''}, e.g. {_shorten(suggestion.example)}"
    )


def actor_entry(suggestion: Suggestion) -> dict[str, object]:
    """A suggestion as an actors.yml item: name, kind (a guess), aliases."""
    entry: dict[str, object] = {"name": suggestion.name, "kind": suggestion.kind}
    if suggestion.aliases:
        entry["aliases"] = list(suggestion.aliases)
    return entry


def suggestions_yaml(
    actor_suggestions: Sequence[Suggestion],
    keyword_suggestions: Mapping[str, Sequence[tuple[str, int]]] | None = None,
    topic_names: Mapping[str, str] | None = None,
) -> str:
    """Actor entries that can be pasted, or appended as they are, into a filled actors.yml;
    keyword suggestions follow as comments, one line per topic. `dossier suggest --write`
    adds both to the files."""
    lines = [
        "# Suggested actors for dossier/actors.yml: names in the sources that no alias covers.",
        "# Check each kind (a guess) and add a role; 'dossier suggest --write' adds them all.",
    ]
    if not actor_suggestions:
        lines.append("# (none)")
    for suggestion in actor_suggestions:
        lines.append(f"# {_where(suggestion)}")
        lines.append(f"- name: {_quoted(suggestion.name)}")
        lines.append(f"  kind: {suggestion.kind}")
        if suggestion.aliases:
            lines.append(f"  aliases: [{', '.join(_quoted(a) for a in suggestion.aliases)}]")
    if keyword_suggestions and any(keyword_suggestions.values()):
        lines.append("")
        lines.append("# Suggested keywords for dossier/topics.yml (paragraphs of the topic holding each):")
        for topic_id in sorted(keyword_suggestions):
            terms = keyword_suggestions[topic_id]
            if terms:
                name = (topic_names or {}).get(topic_id, topic_id)
                lines.append(f"# {name}: " + ", ".join(f"{_quoted(t)} ({c})" for t, c in terms))
    return "\n".join(lines) + "\n"


def write_suggestions(
    root: Path,
    actor_suggestions: Sequence[Suggestion],
    actors: Sequence[ActorDef],
    keyword_suggestions: Mapping[str, Sequence[tuple[str, int]]],
    topics: Sequence[TopicDef],
) -> tuple[int, int]:
    """Add the suggested actors at the end of actors.yml and the suggested keywords to their
    topics in topics.yml, keeping comments and order. Returns (actors added, keywords added)."""
    from build_tools.yamledit import append_items, extend_lists

    writable = writable_actors(actor_suggestions, actors)
    added = append_items(
        root / "dossier" / "actors.yml",
        "dossier/actors.yml",
        [actor_entry(s) for s in writable],
        [f"suggested ({_where(s)})" for s in writable],
    )
    position = {t.id: i for i, t in enumerate(topics)}
    additions = {
        position[tid]: [t for t, _ in terms] for tid, terms in keyword_suggestions.items() if terms and tid in position
    }
    words = (
        extend_lists(root / "dossier" / "topics.yml", "dossier/topics.yml", "keywords", additions) if additions else 0
    )
    return added, words
