"""render: Markdown from templates; source text always escaped; partials overridable."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest

from build_tools.model import (
    ActorDef,
    CleanSource,
    Config,
    Dossier,
    Mention,
    Paragraph,
    PartialDate,
    SourceRef,
    TopicDef,
    TopicHit,
)
from build_tools.render import render_site
from build_tools.render.markdown import escape, highlight, link

GOLDEN = Path(__file__).parent / "fixtures" / "render"
NASTY = "<script>alert(1)</script> *bold* # hash [x](javascript:alert(1)) a|b _u_ `c` &amp;"


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details"])


def small_dossier(text: str = "Ana Silva met the IS envoy in Lisbon.") -> Dossier:
    src = CleanSource(
        id="s1",
        file="s1.txt",
        format="text",
        title="A report",
        publisher="Wire",
        date=PartialDate(2020, 5, 1),
        url="",
        authors=("Jo Bloggs",),
        paragraphs=(Paragraph("p1", "heading", "Talks"), Paragraph("p2", "paragraph", text, 3)),
        removed=(),
    )
    actors = (
        ActorDef("ana-silva", "Ana Silva", "person", role="Minister", aliases=("Ana Silva", "Silva")),
        ActorDef("lisbon", "Lisbon", "place", aliases=("Lisbon",)),
    )
    topics = (TopicDef("talks", "Talks", "Meetings", keywords=("met",)),)
    i = text.find("Ana Silva")
    j = text.find("Lisbon")
    k = text.find("met")
    mentions = tuple(
        m
        for m in (
            Mention("ana-silva", SourceRef("s1", "p2"), "Ana Silva", i, i + 9, text) if i >= 0 else None,
            Mention("lisbon", SourceRef("s1", "p2"), "Lisbon", j, j + 6, text) if j >= 0 else None,
        )
        if m
    )
    return Dossier(
        config=Config(title="Test dossier", description="About *this*."),
        sources=(src,),
        actors=actors,
        topics=topics,
        mentions=mentions,
        topic_hits=(TopicHit("talks", SourceRef("s1", "p2"), "met", "met", ((k, k + 3),) if k >= 0 else ()),),
    )


def test_escape_renders_markdown_and_html_literally():
    html = to_html(escape(NASTY))
    assert "<script>" not in html and "javascript:" not in html.split('href="')[-1][:20]
    assert "<a " not in html and "<strong>" not in html and "<em>" not in html and "<code>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *bold* # hash [x](javascript:alert(1)) a|b _u_ `c` &amp;amp;" in html


@pytest.mark.parametrize("text", ["# Heading", "- item", "+ item", "1. item", "> quote", "    code"])
def test_escape_keeps_block_markers_as_text(text):
    html = to_html(escape(text))
    assert html.startswith("<p>") and text.strip().lstrip(">").strip() in html.replace("&gt;", ">")


def test_highlight_marks_spans_and_escapes_the_rest():
    out = highlight("Silva *met* <b>", [(0, 5)])
    assert out == "<mark>Silva</mark> \\*met\\* &lt;b&gt;"


def test_internal_link_rejects_unsafe_urls():
    with pytest.raises(ValueError):
        link("x", "javascript:alert(1)")


def test_nasty_source_text_is_escaped_on_every_page():
    pages = render_site(small_dossier("Ana Silva said " + NASTY))
    for path, md in pages.items():
        html = to_html(md.split("---", 2)[-1])
        assert "<script>" not in html, path
        assert 'href="javascript' not in html, path


def test_every_page_is_rendered_with_paragraph_anchors():
    pages = render_site(small_dossier())
    assert {
        "index.md",
        "sources/index.md",
        "sources/s1.md",
        "actors/index.md",
        "actors/ana-silva.md",
        "actors/lisbon.md",
        "topics/index.md",
        "topics/talks.md",
        "quotes/index.md",
        "figures/index.md",
        "timeline/index.md",
        "coverage/index.md",
        "tags/index.md",
    } <= set(pages)
    src = pages["sources/s1.md"]
    assert '## Talks {: #p1 .dossier-para data-n="1" }' in src
    assert '<p class="dossier-para" data-n="2" id="p2">' in src
    assert '  - "Ana Silva"' in src  # tags in front matter
    actor = pages["actors/ana-silva.md"]
    assert "<mark>Ana Silva</mark>" in actor and 'href="dossier:sources/s1.md#p2"' in actor
    assert "[Lisbon](<lisbon.md>)" in actor  # mentioned with


def test_template_override_from_dossier_wins(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "excerpt.md.j2").write_text("- OVERRIDDEN {{ item.link }}\n", encoding="utf-8")
    pages = render_site(small_dossier(), tmp_path)
    assert "- OVERRIDDEN <a href=" in pages["actors/ana-silva.md"]
    assert "OVERRIDDEN" not in render_site(small_dossier())["actors/ana-silva.md"]


def test_render_is_deterministic():
    assert render_site(small_dossier()) == render_site(small_dossier())


@pytest.mark.parametrize("page", ["actors/ana-silva.md", "sources/s1.md", "topics/talks.md"])
def test_golden_pages(page):
    """Golden Markdown for a tiny dossier; DOSSIER_UPDATE_GOLDEN=1 rewrites them after a deliberate change."""
    got = render_site(small_dossier())[page]
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("DOSSIER_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_stylesheet_comes_from_the_package_unless_the_dossier_overrides_it(tmp_path):
    css = render_site(small_dossier())["assets/dossier.css"]
    assert ".dossier-para" in css
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "dossier.css").write_text("/* mine */\n", encoding="utf-8")
    assert render_site(small_dossier(), tmp_path)["assets/dossier.css"] == "/* mine */\n"


def test_mentions_are_linked_in_the_text_and_everything_around_them_stays_escaped():
    from build_tools.model import Mention, SourceRef
    from build_tools.render.pages_sources import linked_text

    text = "# Ana Silva met <script>x</script> [y](javascript:z) in Lisbon | *twice*."
    mentions = tuple(
        Mention(a, SourceRef("s1", "p2"), w, text.find(w), text.find(w) + len(w), text)
        for a, w in (("ana-silva", "Ana Silva"), ("lisbon", "Lisbon"))
    )
    md = linked_text(text, mentions + mentions[:1], {"ana-silva", "lisbon"})
    assert md.count("](<../actors/ana-silva.md>)") == 1 and "[Lisbon](<../actors/lisbon.md>)" in md
    html = to_html(md)
    import re as _re

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert _re.findall(r'href="([^"]*)"', html) == ["../actors/ana-silva.md", "../actors/lisbon.md"]
    assert "[y](javascript:z)" in html and "*twice*" in html and "<em>" not in html
    assert html.startswith("<p># ")  # not a heading
    # An actor that is not curated (or a mention past the end of the text) is not linked.
    assert "](<" not in linked_text(text, mentions, set())
