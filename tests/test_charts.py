"""The SVG charts: drawn at build time, deterministic, every label escaped, no script; on the
site and in the offline bundle with links that lead to pages that exist."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.model import ActorDef, CleanSource, Config, Dossier, Event, Mention, Paragraph, PartialDate, SourceRef
from build_tools.render.charts import actor_network, co_mentions, timeline_chart

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "Co"'


def dossier() -> Dossier:
    text = "Ana Silva met Rui Costa and the hostile group in Lisbon."
    sources = tuple(
        CleanSource(
            id=f"s{i}",
            file=f"s{i}.txt",
            format="text",
            title=f"Report {i} <b>",
            publisher="Wire",
            date=PartialDate(2020, 5, i),
            url="",
            authors=(),
            paragraphs=(Paragraph("p1", "paragraph", text, 1),),
            removed=(),
        )
        for i in (1, 2, 3)
    )
    actors = (
        ActorDef("ana-silva", "Ana Silva", "person"),
        ActorDef("rui-costa", "Rui Costa", "person"),
        ActorDef("hostile", HOSTILE, "group"),
        ActorDef("lisbon", "Lisbon", "place"),
        ActorDef("nobody", "Nobody", "person"),
    )
    mentions = []
    for s in sources:
        for actor, word in (("ana-silva", "Ana Silva"), ("rui-costa", "Rui Costa"), ("lisbon", "Lisbon")):
            i = text.find(word)
            mentions.append(Mention(actor, SourceRef(s.id, "p1"), word, i, i + len(word), text))
        if s.id != "s3":
            mentions.append(Mention("hostile", SourceRef(s.id, "p1"), "hostile group", 26, 39, text))
    events = (
        Event(PartialDate(2020, 5, 2), "on Saturday", "They met.", SourceRef("s2", "p1")),
        Event(PartialDate(2020, 5), "in May", "Talks.", SourceRef("s1", "p1")),
        Event(PartialDate(1990, 1, 1), "in 1990", "Long ago.", SourceRef("s1", "p1")),
        Event(None, "some day", "Unresolved.", SourceRef("s1", "p1")),
    )
    return Dossier(
        config=Config(title="T"), sources=sources, actors=actors, topics=(), mentions=tuple(mentions), events=events
    )


def svg_of(figure: str) -> ET.Element:
    svg = re.search(r"<svg.*</svg>", figure, re.S).group(0)
    return ET.fromstring(svg)  # well-formed XML, or this raises


def test_co_mentions_count_paragraphs_shared_by_each_pair():
    mentions, pairs = co_mentions(dossier())
    assert mentions["ana-silva"] == 3 and mentions["hostile"] == 2
    assert pairs[("ana-silva", "rui-costa")] == 3 and pairs[("ana-silva", "hostile")] == 2


def test_network_sizes_circles_by_mentions_links_actor_pages_and_escapes_labels():
    figure = actor_network(dossier())
    root = svg_of(figure)
    links = root.findall(f"{SVG}a")
    hrefs = {a.get("href") for a in links}
    assert hrefs == {
        "dossier:actors/ana-silva.md",
        "dossier:actors/rui-costa.md",
        "dossier:actors/hostile.md",
        "dossier:actors/lisbon.md",
    }  # never-mentioned actors are left out
    radius = {a.get("href"): float(a.find(f"{SVG}circle").get("r")) for a in links}
    assert radius["dossier:actors/ana-silva.md"] > radius["dossier:actors/hostile.md"]
    labels = [a.find(f"{SVG}text").text for a in links]
    assert HOSTILE in labels  # the text itself, as text
    assert "<script>" not in figure and "&lt;script&gt;" in figure
    assert not list(root.iter(f"{SVG}script"))
    assert len(root.findall(f"{SVG}g/{SVG}line")) == 6  # four actors, every pair shares a paragraph


def test_charts_are_deterministic():
    assert actor_network(dossier()) == actor_network(dossier())
    assert timeline_chart(dossier()) == timeline_chart(dossier())


def test_timeline_places_sources_and_events_and_leaves_far_events_to_the_timeline_page():
    figure = timeline_chart(dossier())
    root = svg_of(figure)
    dots = [a for a in root.findall(f"{SVG}a") if a.get("href", "").startswith("dossier:sources/")]
    assert [a.get("href") for a in dots] == [f"dossier:sources/s{i}.md" for i in (1, 2, 3)]
    xs = [float(a.find(f"{SVG}circle").get("cx")) for a in dots]
    assert xs == sorted(xs) and len(set(xs)) == 3
    bars = root.findall(f".//{SVG}rect")
    assert len(bars) == 2  # 2020-05-01 (from "2020-05") and 2020-05-02; 1990 is too far
    assert "1 event further away in time is on the timeline page only" in figure
    assert "Report 1 &lt;b&gt;" in figure


def test_nothing_to_draw_gives_no_chart():
    d = dossier()
    from dataclasses import replace

    empty = replace(d, mentions=(), events=(), sources=tuple(replace(s, date=None) for s in d.sources))
    assert actor_network(empty) == "" and timeline_chart(empty) == ""


def _chart_links(html: str) -> list[str]:
    figures = re.findall(r'<figure class="dossier-chart.*?</figure>', html, re.S)
    assert len(figures) == 2, "the timeline and the network"
    return [h for f in figures for h in re.findall(r'href="([^"]*)"', f)]


@pytest.mark.slow
def test_charts_are_on_the_site_with_links_to_pages_that_exist(built_project):
    site = built_project / "site"
    home = site / "index.html"
    links = _chart_links(home.read_text(encoding="utf-8"))
    assert links and not any(h.startswith("dossier:") or h == "#" for h in links)
    for href in links:
        target = (home.parent / href.split("#")[0]).resolve()
        assert (target / "index.html").is_file() or target.is_file(), href
    actors = (site / "actors" / "index.html").read_text(encoding="utf-8")
    assert 'class="dossier-chart dossier-network"' in actors
    assert 'href="john-kerry/"' in actors


@pytest.mark.slow
def test_charts_are_in_the_offline_bundle_with_file_links(offline_bundle):
    _, folder = offline_bundle
    home = Path(folder) / "index.html"
    links = _chart_links(home.read_text(encoding="utf-8"))
    assert any(h.startswith("actors/") and h.endswith(".html") for h in links), links
    for href in links:
        assert (home.parent / href.split("#")[0]).is_file(), href
