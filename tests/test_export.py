"""The JSON export: shape checked against its JSON Schema, order and bytes stable."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from build_tools.export import export_dossier, export_json
from build_tools.model import (
    ActorDef,
    CleanSource,
    Config,
    Dossier,
    Event,
    Figure,
    Mention,
    Paragraph,
    PartialDate,
    Quote,
    Removed,
    SharedPassage,
    SourceRef,
    TopicDef,
    TopicHit,
)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "build_tools" / "schema" / "export.schema.json").read_text(encoding="utf-8"))


def validate(data: dict) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def paragraphs(count: int) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(f"p{i}", "paragraph", f"Text {i}.", i * 2) for i in range(1, count + 1))


def small_dossier() -> Dossier:
    a = CleanSource(
        "a",
        "a.txt",
        "text",
        "Title A",
        "AFP",
        PartialDate(2014, 12, 3),
        "",
        ("Jo Bloggs",),
        paragraphs(11),
        (Removed(9, "Click here", "link line"), Removed(1, "Menu", "navigation")),
        detected=("title", "date"),
    )
    b = CleanSource("b", "b.html", "html", "Title B", "", None, "https://example.org/b", (), paragraphs(2), ())
    kerry = ActorDef("kerry", "John Kerry", "person", "Secretary", aliases=("Kerry",))
    iraq = ActorDef("iraq", "Iraq", "country")
    oil = TopicDef("oil", "Oil", keywords=("oil",))
    return Dossier(
        config=Config("A dossier", "About it"),
        sources=(b, a),
        actors=(kerry, iraq),
        topics=(oil, TopicDef("aid", "Aid")),
        mentions=(
            Mention("kerry", SourceRef("a", "p10"), "Kerry", 0, 5, "Kerry spoke."),
            Mention("kerry", SourceRef("a", "p9"), "John Kerry", 3, 13, "So John Kerry."),
            Mention("kerry", SourceRef("a", "p9"), "Kerry", 0, 5, "Kerry first."),
        ),
        topic_hits=(
            TopicHit("oil", SourceRef("b", "p1"), "oil", "oil", ((0, 3),)),
            TopicHit("oil", SourceRef("a", "p2"), "oil", "Oil", ((0, 3),)),
        ),
        quotes=(Quote("We will win", "kerry", "Kerry", (SourceRef("b", "p1"), SourceRef("a", "p1"))),),
        figures=(Figure("countries", 60.0, "more than", "more than 60", SourceRef("a", "p1"), "More than 60 met."),),
        events=(
            Event(None, "on Friday", "On Friday.", SourceRef("a", "p1"), "relative date and no publication date"),
            Event(PartialDate(2014, 12, 3), "Wednesday", "On Wednesday.", SourceRef("a", "p2"), "published"),
        ),
        shared=(SharedPassage((SourceRef("b", "p2"), SourceRef("a", "p3")), "Same text.", 0.93),),
    )


def test_small_dossier_export_validates_against_the_schema():
    validate(export_dossier(small_dossier()))


def test_schema_is_valid_draft_2020_12_and_describes_every_key():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)

    def undocumented(node: dict, path: str) -> list[str]:
        missing = []
        for key, sub in node.get("properties", {}).items():
            if "description" not in sub and "$ref" not in sub:
                missing.append(f"{path}.{key}")
            missing += undocumented(sub, f"{path}.{key}")
            if "items" in sub:
                missing += undocumented(sub["items"], f"{path}.{key}[]")
        return missing

    assert undocumented(SCHEMA, "") == []
    for definition in SCHEMA["$defs"].values():
        assert undocumented(definition, "$defs") == []


def test_schema_rejects_an_unknown_key_and_a_bad_kind():
    data = export_dossier(small_dossier())
    data["actors"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
    data = export_dossier(small_dossier())
    data["sources"][0]["paragraphs"][0]["kind"] = "sidebar"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_lists_are_sorted_by_id_and_reading_order():
    data = export_dossier(small_dossier())
    assert [s["id"] for s in data["sources"]] == ["a", "b"]
    assert [a["id"] for a in data["actors"]] == ["iraq", "kerry"]
    assert [t["id"] for t in data["topics"]] == ["aid", "oil"]
    kerry = data["actors"][1]
    # p9 before p10 (reading order, not string order), then by offset.
    assert [(m["paragraph"], m["start"]) for m in kerry["mentions"]] == [("p9", 0), ("p9", 3), ("p10", 0)]
    assert [r["line"] for r in data["sources"][0]["removed"]] == [1, 9]
    assert [(p["source"], p["paragraph"]) for p in data["topics"][1]["paragraphs"]] == [("a", "p2"), ("b", "p1")]
    assert data["quotes"][0]["sources"] == [{"source": "a", "paragraph": "p1"}, {"source": "b", "paragraph": "p1"}]
    assert [e["date"] for e in data["events"]] == ["2014-12-03", ""]


def test_export_carries_the_fields_of_the_model():
    data = export_dossier(small_dossier())
    assert (data["title"], data["description"]) == ("A dossier", "About it")
    kerry = data["actors"][1]
    assert kerry["aliases"] == ["John Kerry", "Kerry"]
    assert kerry["mentions"][0] == {
        "source": "a",
        "paragraph": "p9",
        "alias": "Kerry",
        "start": 0,
        "end": 5,
        "text": "Kerry first.",
    }
    assert data["actors"][0]["mentions"] == []
    assert data["topics"][0]["paragraphs"] == []
    assert data["figures"][0]["value"] == 60.0 and data["figures"][0]["qualifier"] == "more than"
    assert data["events"][0]["resolved"] is True
    assert data["shared"][0]["refs"][0] == {"source": "a", "paragraph": "p3"}
    assert data["sources"][0]["authors"] == ["Jo Bloggs"]
    assert data["sources"][0]["detected"] == ["date", "title"]


def test_empty_dossier_has_empty_lists():
    data = export_dossier(Dossier(Config("Empty"), (), (), ()))
    validate(data)
    for key in ("sources", "actors", "topics", "quotes", "figures", "events", "shared"):
        assert data[key] == []


def test_json_has_sorted_keys_two_space_indent_and_a_trailing_newline():
    text = export_json(small_dossier())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert text.splitlines()[1].startswith('  "actors"')


def test_json_is_the_same_whatever_the_order_of_the_input():
    d = small_dossier()
    shuffled = Dossier(
        d.config,
        tuple(reversed(d.sources)),
        tuple(reversed(d.actors)),
        tuple(reversed(d.topics)),
        tuple(reversed(d.mentions)),
        tuple(reversed(d.topic_hits)),
        d.quotes,
        d.figures,
        tuple(reversed(d.events)),
        d.shared,
    )
    assert export_json(shuffled) == export_json(d)


def test_seed_dossier_export_validates_and_counts_every_mention():
    from build_tools.clean import clean_all
    from build_tools.extract import build_dossier
    from build_tools.load import load_project

    project = load_project(ROOT)
    cleaned = clean_all(project.sources, project.config.clean)
    dossier = build_dossier(project.config, cleaned, project.actors, project.topics)
    data = json.loads(export_json(dossier))
    validate(data)
    assert len(data["sources"]) == 5
    assert sum(len(a["mentions"]) for a in data["actors"]) == len(dossier.mentions) > 0
    assert sum(len(t["paragraphs"]) for t in data["topics"]) == len(dossier.topic_hits) > 0
    paragraph_ids = {(s["id"], p["id"]) for s in data["sources"] for p in s["paragraphs"]}
    assert all((m["source"], m["paragraph"]) in paragraph_ids for a in data["actors"] for m in a["mentions"])
