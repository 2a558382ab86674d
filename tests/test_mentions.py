"""The mention matcher: quality on the hand-labelled seeds, then one test per matching rule."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from work_count import calls_made

from build_tools.extract.mentions import build_matcher, find_mentions, is_short_capitals
from build_tools.extract.text import sentence_at, split_sentences
from build_tools.model import ActorDef, CleanSource, Paragraph

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "dossier" / "sources"
LABELS = ROOT / "tests" / "labels" / "mentions.yml"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def curated_actors() -> tuple[ActorDef, ...]:
    """actors.yml read directly, so these tests do not depend on the loader's validation."""
    items = yaml.safe_load((ROOT / "dossier" / "actors.yml").read_text(encoding="utf-8"))
    return tuple(
        ActorDef(
            id=item.get("id") or _slug(item["name"]),
            name=item["name"],
            kind=item["kind"],
            role=item.get("role", ""),
            aliases=tuple(item.get("aliases") or ()),
            case_sensitive=bool(item.get("case_sensitive", False)),
        )
        for item in items
    )


def seed_source(path: Path) -> CleanSource:
    """A seed split at blank lines, each block a paragraph that remembers its first raw line."""
    paragraphs: list[Paragraph] = []
    block: list[str] = []
    first = 0
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            if not block:
                first = number
            block.append(line.strip())
        elif block:
            paragraphs.append(Paragraph(f"p{len(paragraphs) + 1}", "paragraph", " ".join(block), first))
            block = []
    return CleanSource(
        id=path.stem,
        file=path.name,
        format="text",
        title="",
        publisher="",
        date="",
        url="",
        authors=(),
        paragraphs=tuple(paragraphs),
        removed=(),
    )


def source(*texts: str, sid: str = "s") -> CleanSource:
    paragraphs = tuple(Paragraph(f"p{i}", "paragraph", t, i) for i, t in enumerate(texts, start=1))
    return CleanSource(sid, f"{sid}.txt", "text", "", "", "", "", (), paragraphs, ())


def actor(aid: str, *aliases: str, name: str | None = None, case_sensitive: bool = False) -> ActorDef:
    # The name is an alias too: default it to the first alias so that it adds no other form.
    return ActorDef(aid, name or aliases[0], "organisation", aliases=aliases, case_sensitive=case_sensitive)


def found(text: str, *actors: ActorDef) -> list[tuple[str, str]]:
    return [(m.actor, m.alias) for m in find_mentions([source(text)], actors)]


# --- quality on the labelled seeds ---------------------------------------------------------------


def _in_body(line: int, ranges: list[list[int]]) -> bool:
    return any(lo <= line <= hi for lo, hi in ranges)


def seed_scores() -> tuple[float, float, Counter, Counter]:
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    expected: Counter = Counter()
    got: Counter = Counter()
    actors = curated_actors()
    for entry in labels:
        clean = seed_source(SOURCES / entry["file"])
        for line, pairs in (entry["mentions"] or {}).items():
            assert _in_body(line, entry["body"]), f"{entry['file']}:{line} labelled outside the body"
            for aid, alias in pairs:
                expected[(entry["file"], line, aid, alias)] += 1
        lines = {p.id: p.line for p in clean.paragraphs}
        for m in find_mentions([clean], actors):
            line = lines[m.paragraph]
            if _in_body(line, entry["body"]):
                got[(entry["file"], line, m.actor, m.alias)] += 1
    true_positives = sum((expected & got).values())
    precision = true_positives / max(sum(got.values()), 1)
    recall = true_positives / max(sum(expected.values()), 1)
    return precision, recall, got - expected, expected - got


def test_labels_name_only_curated_actors_and_aliases_they_have():
    actors = {a.id: a for a in curated_actors()}
    for entry in yaml.safe_load(LABELS.read_text(encoding="utf-8")):
        raw = (SOURCES / entry["file"]).read_text(encoding="utf-8").split("\n")
        for line, pairs in entry["mentions"].items():
            for aid, alias in pairs:
                assert aid in actors, f"{entry['file']}:{line}: unknown actor {aid}"
                assert alias in raw[line - 1], f"{entry['file']}:{line}: {alias!r} not on that line"


def test_precision_and_recall_on_labelled_seeds_are_at_least_098():
    precision, recall, extra, missed = seed_scores()
    assert precision >= 0.98, f"precision {precision:.3f}; spurious: {sorted(extra)}"
    assert recall >= 0.98, f"recall {recall:.3f}; missed: {sorted(missed)}"


# --- word boundaries, possessives, hyphens -------------------------------------------------------


def test_alias_matches_whole_words_only():
    iraq = actor("iraq", "Iraq")
    assert found("Iraqi forces and Iraqis", iraq) == []
    assert found("Iraq, again", iraq) == [("iraq", "Iraq")]


def test_possessive_forms_are_mentions():
    kerry, iraq, isis = actor("kerry", "Kerry"), actor("iraq", "Iraq"), actor("is", "ISIS")
    text = "Kerry's remarks, Iraq’s army and ISIS' income"
    assert found(text, kerry, iraq, isis) == [("kerry", "Kerry"), ("iraq", "Iraq"), ("is", "ISIS")]


def test_hyphenated_US_led_mentions_US_and_anti_IS_mentions_IS():
    us, group = actor("us", "US"), actor("is", "IS")
    assert found("the US-led coalition", us, group) == [("us", "US")]
    assert found("Anti-IS coalition talks", us, group) == [("is", "IS")]


def test_alias_inside_a_longer_word_is_not_a_mention():
    us = actor("us", "US")
    assert found("USA and USSR and BUS", us) == []


# --- case ---------------------------------------------------------------------------------------


def test_alias_IS_does_not_match_lowercase_is_or_capitalised_Is():
    group = actor("islamic-state", "IS", name="Islamic State")
    assert found("It is what it is. Is it? IS is not", group) == [("islamic-state", "IS")]


def test_short_capital_aliases_match_only_in_capitals():
    us, un, eu = actor("us", "US"), actor("un", "UN"), actor("eu", "EU")
    assert found("let us go; un peu; Eu and eu", us, un, eu) == []
    assert found("the US, the UN and the EU", us, un, eu) == [("us", "US"), ("un", "UN"), ("eu", "EU")]


def test_dotted_short_alias_U_S_matches_in_capitals_only():
    us = actor("us", "U.S.")
    assert found("the U.S. said, not the u.s.", us) == [("us", "U.S.")]


def test_longer_aliases_ignore_case():
    nato = actor("nato", "Nato")
    assert found("NATO, Nato and nato", nato) == [("nato", "NATO"), ("nato", "Nato"), ("nato", "nato")]


def test_case_sensitive_actor_matches_only_as_written():
    greens = actor("greens", "Greens", case_sensitive=True)
    assert found("the Greens voted; greens are vegetables", greens) == [("greens", "Greens")]


def test_short_capitals_rule():
    assert is_short_capitals("IS") and is_short_capitals("NATO") and is_short_capitals("U.S.")
    assert not is_short_capitals("ISISX") and not is_short_capitals("Nato") and not is_short_capitals("Kerry")


# --- overlaps -----------------------------------------------------------------------------------


def test_longest_alias_wins_islamic_state_group_over_islamic_state():
    group = actor("is", "Islamic State", "Islamic State group")
    assert found("the Islamic State group's leaders", group) == [("is", "Islamic State group")]


def test_title_alias_of_a_person_absorbs_the_country_in_it():
    us = actor("us", "US")
    kerry = actor("kerry", "Kerry", "US Secretary of State John Kerry", name="John Kerry")
    assert found("US Secretary of State John Kerry spoke", us, kerry) == [("kerry", "US Secretary of State John Kerry")]


def test_al_abadi_and_abadi_are_one_actor_and_one_mention_each():
    abadi = actor("abadi", "al-Abadi", "Abadi", name="Haider al-Abadi")
    result = found("Haider al-Abadi met Kerry. Abadi said no.", abadi)
    assert result == [("abadi", "Haider al-Abadi"), ("abadi", "Abadi")]


def test_longest_wins_even_when_a_shorter_alias_starts_earlier():
    short = actor("a", "New York")
    long = actor("b", "York Times Company")
    assert found("New York Times Company", short, long) == [("b", "York Times Company")]


def test_alias_shared_by_two_actors_goes_to_the_first_deterministically():
    first, second = actor("first", "Alliance"), actor("second", "alliance")
    assert found("the Alliance met", first, second) == [("first", "Alliance")]
    assert found("the Alliance met", second, first) == [("second", "Alliance")]


def test_exact_case_alias_beats_a_folded_one_of_the_same_length():
    group = actor("is", "IS")
    verb = actor("verb", "Is")  # case-insensitive, so it would also match "IS"
    assert found("IS fighters", verb, group) == [("is", "IS")]


# --- output ---------------------------------------------------------------------------------------


def test_mention_records_offsets_and_its_sentence():
    kerry = actor("kerry", "Kerry")
    text = "Talks began on Dec. 15 in Brussels. Kerry spoke first. Then others."
    (mention,) = find_mentions([source(text)], [kerry])
    assert text[mention.start : mention.end] == "Kerry"
    assert mention.sentence == "Kerry spoke first."


def test_output_is_sorted_by_source_paragraph_and_offset_whatever_the_input_order():
    kerry, us = actor("kerry", "Kerry"), actor("us", "US")
    b = source("US and Kerry", "Kerry", sid="b")
    a = source("Kerry then US", sid="a")
    result = find_mentions([b, a], [us, kerry])
    assert [(m.source, m.paragraph, m.alias) for m in result] == [
        ("a", "p1", "Kerry"),
        ("a", "p1", "US"),
        ("b", "p1", "US"),
        ("b", "p1", "Kerry"),
        ("b", "p2", "Kerry"),
    ]
    assert result == find_mentions([a, b], [kerry, us])


def test_no_actors_means_no_mentions():
    assert find_mentions([source("Kerry and the US")], []) == ()


def test_matching_work_grows_linearly_with_text_size():
    actors = curated_actors()
    build_matcher(actors)
    paragraph = " ".join(p.text for p in seed_source(SOURCES / "000_6da2900302d33055.txt").paragraphs)

    def work(copies: int) -> int:
        clean = source(*([paragraph] * copies))
        return calls_made(lambda: find_mentions([clean], actors))

    work(5)
    small, large = work(20), work(160)
    # Eight times the text should cost about eight times as many calls, far from quadratic (64x).
    assert large / small < 12, f"8x the text made {large / small:.1f}x the calls"


# --- sentences ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Since Aug. 8 the US has struck. Iraq agrees.", ("Since Aug. 8 the US has struck.", "Iraq agrees.")),
        ("They meet on Dec. 15 in Marrakesh. Kerry goes.", ("They meet on Dec. 15 in Marrakesh.", "Kerry goes.")),
        ("The U.S. Army said so. Next.", ("The U.S. Army said so.", "Next.")),
        ("He lives in the U.S. The talks ended.", ("He lives in the U.S.", "The talks ended.")),
        ("John F. Kennedy spoke. It cost 1.5 million.", ("John F. Kennedy spoke.", "It cost 1.5 million.")),
        ('"We will win." He left. "Did they?" he asked.', ('"We will win."', "He left.", '"Did they?" he asked.')),
        ("Gen. Allen said so. Done.", ("Gen. Allen said so.", "Done.")),
        ("the recruitment. ... And these", ("the recruitment. ...", "And these")),
    ],
)
def test_sentence_splitter_copes_with_abbreviations_initials_and_quotes(text, expected):
    assert split_sentences(text) == expected


def test_sentence_at_returns_the_sentence_holding_an_offset():
    text = "First one. Second one here."
    assert sentence_at(text, text.index("here")) == "Second one here."
    assert sentence_at(text, 0) == "First one."


def test_short_alias_in_a_line_set_in_capitals_is_not_trusted():
    group, us = actor("is", "IS"), actor("us", "US")
    assert found("WHY IS THE US FAILING", group, us) == []
    assert found("BRUSSELS (AFP) - US officials said IS fighters left", group, us) == [("us", "US"), ("is", "IS")]
