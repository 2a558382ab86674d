"""Curation suggestions: uncovered names and missing topic keywords."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from build_tools.extract.topics import find_topic_hits
from build_tools.model import ActorDef, CleanSource, Paragraph, TopicDef
from build_tools.suggest import Suggestion, suggest_actors, suggest_keywords, suggestions_yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "dossier" / "sources"


def body_sources() -> list[CleanSource]:
    """The seeds split at blank lines, keeping the labelled body paragraphs only."""
    labels = yaml.safe_load((ROOT / "tests" / "labels" / "mentions.yml").read_text(encoding="utf-8"))
    result = []
    for entry in labels:
        blocks = re.split(r"\n\s*\n", (SOURCES / entry["file"]).read_text(encoding="utf-8"))
        line, paragraphs = 1, []
        for block in blocks:
            first = line + len(block) - len(block.lstrip("\n"))
            if block.strip() and any(lo <= first <= hi for lo, hi in entry["body"]):
                text = " ".join(block.split())
                paragraphs.append(Paragraph(f"p{len(paragraphs) + 1}", "paragraph", text, first))
            line += block.count("\n") + 2
        sid = Path(entry["file"]).stem
        result.append(CleanSource(sid, entry["file"], "text", "", "", "", "", (), tuple(paragraphs), ()))
    return result


def source(*texts: str, sid: str = "s") -> CleanSource:
    paragraphs = tuple(Paragraph(f"p{i}", "paragraph", t, i) for i, t in enumerate(texts, start=1))
    return CleanSource(sid, f"{sid}.txt", "text", "", "", "", "", (), paragraphs, ())


def names(suggestions: list[Suggestion]) -> dict[str, Suggestion]:
    return {s.name: s for s in suggestions}


def test_body_sources_start_where_the_labels_say():
    first_lines = {s.id[:3]: s.paragraphs[0].line for s in body_sources()}
    assert first_lines == {"000": 6, "001": 1, "002": 10, "003": 5, "004": 7}


def test_with_no_actors_the_people_named_in_the_seeds_are_proposed():
    found = names(suggest_actors(body_sources(), []))
    people = [
        "John Kerry",
        "Haider al-Abadi",
        "Philip Hammond",
        "Jens Stoltenberg",
        "Oana Lungescu",
        "Federica Mogherini",
        "David Cameron",
        "Fumio Kishida",
        "Shinzo Abe",
        "Walid al-Moualem",
        "John Allen",
        "Jan Phillip Albrecht",
    ]
    missing = [p for p in people if p not in found]
    assert missing == []
    assert all(found[p].kind == "person" for p in people)


def test_lone_surname_is_folded_into_the_full_name():
    found = names(suggest_actors(body_sources(), []))
    assert "Abadi" not in found and "Kerry" not in found
    assert "Abadi" in found["Haider al-Abadi"].aliases
    assert "Kerry" in found["John Kerry"].aliases
    assert found["John Kerry"].count >= 20
    assert len(found["John Kerry"].sources) == 4  # every seed but 004


def test_titles_are_stripped_from_people_names():
    found = names(suggest_actors(body_sources(), []))
    assert not any(
        n.startswith(("US Secretary", "Prime Minister", "Foreign Minister", "NATO Secretary")) for n in found
    )


def test_weekdays_adjectives_and_sentence_openers_are_not_proposed():
    found = names(suggest_actors(body_sources(), []))
    for word in ("Wednesday", "Tuesday", "Iraqi", "Syrian", "Iranian", "Japanese", "But", "The", "Officials"):
        assert word not in found, word


def test_names_covered_by_an_alias_are_not_proposed():
    kerry = ActorDef("john-kerry", "John Kerry", "person", aliases=("Kerry", "US Secretary of State John Kerry"))
    found = names(suggest_actors(body_sources(), [kerry]))
    assert not any("Kerry" in n for n in found)
    assert "Haider al-Abadi" in found


def test_with_the_curated_actors_nothing_from_the_body_is_left():
    items = yaml.safe_load((ROOT / "dossier" / "actors.yml").read_text(encoding="utf-8"))
    actors = [
        ActorDef(
            i["id"],
            i["name"],
            i["kind"],
            aliases=tuple(i.get("aliases") or ()),
            case_sensitive=bool(i.get("case_sensitive")),
        )
        for i in items
    ]
    assert [s.name for s in suggest_actors(body_sources(), actors)] == []


def test_min_count_filters_names_seen_once_without_title():
    sources = [source("Talks with Zorblat Quux went well.", "Later Zorblat Quux left. Mandelbrot Inc. hired.")]
    assert "Zorblat Quux" in names(suggest_actors(sources, [], min_count=2))
    assert "Zorblat Quux" not in names(suggest_actors(sources, [], min_count=3))
    assert "Mandelbrot Inc" not in names(suggest_actors(sources, [], min_count=2))


def test_a_person_introduced_with_a_title_is_proposed_once_seen():
    found = names(suggest_actors([source("Foreign Minister Ana Petrova arrived.")], []))
    assert found["Ana Petrova"].titled and found["Ana Petrova"].kind == "person"


def test_keywords_suggested_are_frequent_in_the_topic_and_not_yet_keywords():
    sources = [
        source(
            "Oil smuggling grew. Smuggling networks sold oil.",
            "Smuggling of oil continued through tankers.",
            "Tankers and smuggling again with oil.",
            "The weather was fine and the weather held.",
        )
    ]
    topics = [TopicDef("money", "Money", keywords=("oil",))]
    hits = find_topic_hits(sources, topics)
    suggested = dict(suggest_keywords(sources, topics, hits)["money"])
    assert suggested["smuggling"] == 3
    assert suggested["tankers"] == 2
    assert "oil" not in suggested and "weather" not in suggested and "the" not in suggested


def test_yaml_output_parses_as_actor_entries_with_comments_for_counts():
    suggestions = suggest_actors(body_sources(), [])
    keywords = {"money": [("smuggling", 3)]}
    text = suggestions_yaml(suggestions, keywords)
    entries = yaml.safe_load(text)
    assert [e["name"] for e in entries] == [s.name for s in suggestions]
    assert all(e["kind"] in ("person", "organisation", "country", "group", "place") for e in entries)
    assert set().union(*(e.keys() for e in entries)) <= {"name", "kind", "aliases"}
    kerry = next(e for e in entries if e["name"] == "John Kerry")
    assert "Kerry" in kerry["aliases"]
    assert re.search(r"# \d+ mentions in 4 sources, e\.g\. .*\n- name: \"John Kerry\"", text)
    assert '# money: "smuggling" (3)' in text


def test_yaml_quotes_names_yaml_would_misread():
    text = suggestions_yaml([Suggestion("No", "place", ("On",), 2, ("a",), "No is a place.")])
    (entry,) = yaml.safe_load(text)
    assert entry["name"] == "No" and entry["aliases"] == ["On"]


def test_a_name_seen_in_capitals_in_a_dateline_is_proposed_in_ordinary_case():
    found = names(
        suggest_actors(
            [
                source(
                    "MADRID (Reuters) - Ministers met to discuss the drought on Tuesday afternoon.",
                    "Farmers marched through the streets of Madrid to ask for water.",
                )
            ],
            [],
        )
    )
    assert "Madrid" in found and "MADRID" not in found
    assert found["Madrid"].aliases == ("MADRID",)


def test_the_first_name_in_front_of_a_curated_alias_is_not_a_name_of_its_own():
    actors = [ActorDef("pere-aragones", "Aragonès", "person")]
    found = names(
        suggest_actors(
            [
                source(
                    "On Monday morning, Pere Aragonès asked Madrid for money for the reservoirs.",
                    "Later that day, Pere Aragonès said that Madrid had not answered him yet.",
                )
            ],
            actors,
        )
    )
    assert "Pere" not in found and "Madrid" in found
