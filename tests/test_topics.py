"""Topic evidence: which paragraphs belong to which topic, and why."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools.extract.topics import find_topic_hits, first_match, keyword_pattern
from build_tools.model import CleanSource, Paragraph, TopicDef

ROOT = Path(__file__).resolve().parent.parent


def source(*texts: str, sid: str = "s") -> CleanSource:
    paragraphs = tuple(Paragraph(f"p{i}", "paragraph", t, i) for i, t in enumerate(texts, start=1))
    return CleanSource(sid, f"{sid}.txt", "text", "", "", "", "", (), paragraphs, ())


def topic(tid: str, keywords: tuple[str, ...] = (), patterns: tuple[str, ...] = ()) -> TopicDef:
    return TopicDef(tid, tid.title(), keywords=keywords, patterns=patterns)


def matched(text: str, *keywords: str) -> str | None:
    result = first_match(text, topic("t", keywords))
    return None if result is None else result[1]


@pytest.mark.parametrize(
    "keyword, text",
    [
        ("strike", "strikes"),
        ("strike", "striking"),
        ("strike", "strike"),
        ("fighter", "fighters"),
        ("finance", "financing"),
        ("finance", "finances"),
        ("refinery", "refineries"),
        ("recruit", "recruited"),
        ("plot", "plotting"),
        ("air strike", "air-strikes"),
        ("air strike", "Air  strikes"),
    ],
)
def test_keyword_matches_simple_inflections(keyword, text):
    assert matched(f"Then {text} happened.", keyword) == text


@pytest.mark.parametrize(
    "keyword, text",
    [("oil", "turmoil"), ("oil", "oilfield"), ("aid", "said"), ("strike", "strikingly"), ("fund", "refund")],
)
def test_keyword_matches_whole_words_only(keyword, text):
    assert matched(f"Then {text} happened.", keyword) is None


def test_keyword_ignores_case():
    assert matched("HUMANITARIAN aid", "humanitarian") == "HUMANITARIAN"


def test_capitalised_keyword_is_a_name_and_is_not_inflected():
    assert keyword_pattern("Iran").endswith(r"Iran(?!\w)")
    assert matched("Iran and Irans", "Iran") == "Iran"


def test_pattern_is_a_case_insensitive_regex():
    t = topic("t", patterns=(r"\bplot to (?:kill|bomb)\b",))
    assert first_match("A Plot to kill police.", t) == (r"\bplot to (?:kill|bomb)\b", "Plot to kill")
    assert first_match("They plot a way forward.", t) is None


def test_one_hit_per_topic_and_paragraph_with_the_earliest_keyword():
    t = topic("money", ("ransom", "oil"))
    hits = find_topic_hits([source("Oil sales, ransom and more oil.", "Nothing here.")], [t])
    assert len(hits) == 1
    (hit,) = hits
    assert (hit.topic, hit.paragraph, hit.keyword, hit.matched) == ("money", "p1", "oil", "Oil")


def test_at_the_same_position_the_longer_keyword_wins():
    t = topic("t", ("foreign", "foreign fighter"))
    assert first_match("foreign fighters came", t) == ("foreign fighter", "foreign fighters")


def test_a_paragraph_may_belong_to_several_topics():
    hits = find_topic_hits(
        [source("Air strikes hit oil refineries.")], [topic("war", ("strike",)), topic("money", ("oil",))]
    )
    assert sorted(h.topic for h in hits) == ["money", "war"]


def test_hits_are_sorted_by_topic_source_and_paragraph_order():
    topics = [topic("b", ("x",)), topic("a", ("x",))]
    sources = [source("x", "y", "x", sid="z"), source("x", sid="m")]
    hits = find_topic_hits(sources, topics)
    assert [(h.topic, h.source, h.paragraph) for h in hits] == [
        ("a", "m", "p1"),
        ("a", "z", "p1"),
        ("a", "z", "p3"),
        ("b", "m", "p1"),
        ("b", "z", "p1"),
        ("b", "z", "p3"),
    ]


def test_invalid_pattern_gives_no_hit_instead_of_crashing():
    assert find_topic_hits([source("text (")], [topic("t", patterns=("(",))]) == ()


def test_curated_topics_find_each_line_of_effort_in_the_seeds():
    items = yaml.safe_load((ROOT / "dossier" / "topics.yml").read_text(encoding="utf-8"))
    topics = [
        TopicDef(i["id"], i["name"], keywords=tuple(i.get("keywords") or ()), patterns=tuple(i.get("patterns") or ()))
        for i in items
    ]
    texts = []
    for path in sorted((ROOT / "dossier" / "sources").glob("*.txt")):
        texts.extend(b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip())
    hits = find_topic_hits([source(*texts)], topics)
    by_topic = {t.id: sum(1 for h in hits if h.topic == t.id) for t in topics}
    assert all(count >= 3 for count in by_topic.values()), by_topic
    # "to plot a way forward" is not a terror plot; "foiled a plot to kill police" is.
    diplomats = next(i for i, t in enumerate(texts, start=1) if "plot a way forward" in t)
    raids = next(i for i, t in enumerate(texts, start=1) if "plot to kill" in t)
    threat = {h.paragraph for h in hits if h.topic == "home-grown-threat"}
    assert f"p{diplomats}" not in threat
    assert f"p{raids}" in threat


def test_match_spans_finds_every_keyword_occurrence_without_overlap():
    from build_tools.extract.topics import match_spans

    topic = TopicDef(id="money", name="Money", keywords=("oil", "oil sales", "ransom"))
    text = "Oil sales, ransom and more oil."
    spans = match_spans(text, topic)
    assert [text[a:b] for a, b in spans] == ["Oil sales", "ransom", "oil"]


def test_the_word_prefilter_never_hides_a_match_that_ignorecase_finds():
    from build_tools.extract.topics import first_match, word_prefixes
    from build_tools.model import TopicDef

    topic = TopicDef(
        id="t",
        name="T",
        keywords=("istanbul talks", "sun", "kelvin scale", "air strike", "ban"),
        patterns=(r"no-travel lists?",),
    )
    for text in (
        "Talks in İSTANBUL TALKS resumed.",
        "The ſun rose.",
        "On the \u212aelvin scale.",
        "An air-strike hit.",
        "They banned it.",
        "A no-travel list grew.",
        "Nothing here.",
    ):
        assert first_match(text, topic, word_prefixes(text)) == first_match(text, topic), text
