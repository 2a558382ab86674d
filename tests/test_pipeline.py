"""One pipeline, one model: dates parsed once, the model carrying what pages show, render
formatting only. Real projects on disk, the real CLI, the real renderer."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.export import export_dossier
from build_tools.extract.dates import find_events
from build_tools.load import load_project
from build_tools.model import CleanSource, Paragraph, PartialDate
from build_tools.pipeline import model, prepare
from build_tools.publish import build_epoch
from build_tools.yamlfile import DossierError

REPO = Path(__file__).resolve().parents[1]
BUILD_TOOLS = REPO / "build_tools"


def tiny_project(root: Path, text: str, sources_yml: str = "") -> Path:
    """A project with no actors or topics and one text source, `text`."""
    (root / "dossier" / "sources").mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "dossier" / "dossier.yml").write_text("title: Dates\n", encoding="utf-8")
    (root / "dossier" / "sources" / "talks.txt").write_text(text, encoding="utf-8")
    (root / "dossier" / "sources.yml").write_text(sources_yml, encoding="utf-8")
    return root


# --- PartialDate -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, precision", [("2014", "year"), ("2014-11", "month"), ("2016-02-29", "day")])
def test_partial_date_keeps_what_it_says_and_prints_as_written(text, precision):
    when = PartialDate.parse(text)
    assert when.precision == precision and str(when) == text


@pytest.mark.parametrize(
    "text, why",
    [
        ("2014-13-45", "no month 13"),
        ("2099-02-30", "no day 30"),
        ("2099-00", "no month 00"),
        ("2015-02-29", "no day 29"),
        ("2014-11-00", "no day 00"),
        ("14-11-05", "is not YYYY"),
        ("２０１４-11", "is not YYYY"),
    ],
)
def test_partial_date_refuses_what_the_calendar_has_not(text, why):
    with pytest.raises(ValueError, match=why):
        PartialDate.parse(text)


def test_partial_dates_sort_as_their_iso_text():
    texts = ["2014-11-05", "2014", "2015-01", "2014-11", "2014-02-28"]
    assert [str(d) for d in sorted(PartialDate.parse(t) for t in texts)] == sorted(texts)


def test_build_epoch_reads_the_newest_date_whatever_its_precision():
    def source(sid: str, when: str) -> CleanSource:
        return CleanSource(sid, f"{sid}.txt", "text", "", "", PartialDate.parse(when), "", (), (), ())

    from build_tools.model import Config, Dossier

    d = Dossier(Config("t"), (source("a", "2014-12-03"), source("b", "2015-01")), (), ())
    assert build_epoch(d) == 1420070400  # 2015-01-01


# --- curated dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2014-13-45", "2099-02-30", "2099-00"])
def test_an_impossible_curated_date_is_an_error_naming_sources_yml_and_its_line(tmp_path, bad):
    root = tiny_project(
        tmp_path, "Talks resumed in Paris.\n", f'# facts\ntalks.txt:\n  publisher: AFP\n  date: "{bad}"\n'
    )
    with pytest.raises(DossierError, match=rf"^dossier/sources.yml:4: date '{bad}' of 'talks.txt' is not a date"):
        load_project(root)
    res = CliRunner().invoke(cli, ["--project", str(root), "check"])
    assert res.exit_code == 1
    assert f"error: dossier/sources.yml:4: date '{bad}'" in res.output
    assert "Traceback" not in res.output


def sentence_events(published: str, text: str):
    source = CleanSource(
        "s", "s.txt", "text", "", "", PartialDate.parse(published), "", (), (Paragraph("p1", "paragraph", text, 3),), ()
    )
    return {e.date_text: e for e in find_events([source])}


def test_a_curated_month_still_places_a_month_and_leaves_a_weekday_unresolved_with_its_reason():
    events = sentence_events("2014-11", "The ministers will meet in December, officials said on Wednesday.")
    assert str(events["in December"].date) == "2014-12"
    assert "2014-11" in events["in December"].resolution
    wednesday = events["on Wednesday"]
    assert wednesday.date is None and not wednesday.resolved
    assert wednesday.resolution == "the publication date 2014-11 names no day"


def test_a_curated_month_resolves_what_needs_a_month_or_a_year_only():
    events = sentence_events("2014-11", "Talks began three months ago and end next year; a vote comes on Dec 15.")
    assert str(events["three months ago"].date) == "2014-08"
    assert str(events["next year"].date) == "2015"
    assert str(events["Dec 15"].date) == "2014-12-15"
    events = sentence_events("2014", "Talks end next year and began in March.")
    assert str(events["next year"].date) == "2015"
    assert events["in March"].date is None
    assert events["in March"].resolution == "the publication date 2014 names no month"


def test_a_curated_month_reaches_the_timeline_page(tmp_path):
    root = tiny_project(
        tmp_path,
        "Talks in Paris\n\nThe ministers will meet in December, officials said on Wednesday.\n",
        'talks.txt:\n  date: "2014-11"\n',
    )
    prepared = prepare(root)
    assert prepared.dossier.sources[0].date == PartialDate(2014, 11)
    timeline = prepared.pages["timeline/index.md"]
    assert "## December 2014" in timeline
    # the reason it stays unresolved is the date's tooltip
    assert (
        'title="the publication date 2014-11 names no day">on Wednesday</span>**'
        in timeline.split("## Not resolved", 1)[1]
    )
    (wednesday,) = [e for e in export_dossier(prepared.dossier)["events"] if e["date_text"] == "on Wednesday"]
    assert (wednesday["date"], wednesday["resolved"]) == ("", False)
    assert wednesday["resolution"] == "the publication date 2014-11 names no day"


# --- dates in the text -------------------------------------------------------------------------


def test_an_impossible_date_in_the_text_is_ignored_with_a_warning_naming_file_and_line(tmp_path):
    root = tiny_project(
        tmp_path,
        "Talks in Paris\n\nThe ministers met on 31 February 2016 in Paris, and again on 2016-02-31.\n"
        "\nThey meet again on 3 March 2016.\n",
        'talks.txt:\n  date: "2016-03-01"\n',
    )
    project, dossier = model(root)
    assert [e.date_text for e in dossier.events] == ["3 March 2016"]
    assert dossier.warnings == (
        "dossier/sources/talks.txt:3: impossible date '31 February 2016' in the text; ignored",
        "dossier/sources/talks.txt:3: impossible date '2016-02-31' in the text; ignored",
    )
    res = CliRunner().invoke(cli, ["--project", str(root), "check"])
    assert res.exit_code == 0, res.output
    assert "dossier/sources/talks.txt:3: impossible date '31 February 2016'" in res.output


def test_a_day_no_month_has_is_ignored_even_without_a_year(tmp_path):
    events = sentence_events("2014-12-03", "The report was due on June 31 and then on 30 February.")
    assert events == {}


def test_an_impossible_publication_date_in_the_text_is_a_warning_not_a_traceback(tmp_path):
    root = tiny_project(
        tmp_path,
        "Talks in Paris\n\nPublished: 31 February 2016\n\n"
        "The ministers met in Paris to talk about the coalition and its plans.\n",
    )
    project, dossier = model(root)
    assert dossier.sources[0].date is None
    assert any(
        re.match(r"dossier/sources/talks.txt:3: impossible publication date 2016-02-31", w) for w in dossier.warnings
    ), dossier.warnings
    res = CliRunner().invoke(cli, ["--project", str(root), "export"])
    assert res.exit_code == 0 and "Traceback" not in res.output


# --- the model carries what the pages show -----------------------------------------------------


def test_render_imports_nothing_from_extract():
    offenders = []
    for path in sorted((BUILD_TOOLS / "render").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                name = ("." * node.level) + (node.module or "")
                if "extract" in name.split("."):
                    offenders.append(f"{path.name}: {name}")
            elif isinstance(node, ast.Import):
                offenders += [f"{path.name}: {a.name}" for a in node.names if "extract" in a.name.split(".")]
    assert offenders == []


def figures_page_groups(page: str) -> list[tuple[str, str, list[str]]]:
    """(anchor, verdict, stated texts) of each compared group on the figures page."""
    groups = []
    for block in re.split(
        r"\n(?=### )", page.split("## Compared across sources", 1)[1].split("## Reported by one", 1)[0]
    ):
        head = re.match(r"### .*\{: #([\w-]+) \}", block)
        if not head:
            continue
        verdict = "consistent" if "sources, consistent" in block else "conflicting"
        stated = [
            row.split(" | ")[0].lstrip("| ").strip()
            for row in block.splitlines()
            if row.startswith("| ") and not row.startswith(("| As stated", "| ---"))
        ]
        groups.append((head.group(1), verdict, stated))
    return groups


def test_export_carries_the_figure_groups_the_figures_page_shows():
    from build_tools.render.compare import figure_anchor
    from build_tools.render.markdown import escape

    prepared = prepare(REPO)
    data = export_dossier(prepared.dossier)
    page = prepared.pages["figures/index.md"]
    shown = figures_page_groups(page)
    assert len(shown) >= 2  # the seeds compare several quantities
    exported = [g for g in data["figure_groups"] if g["verdict"] != "single"]
    by_model = {figure_anchor(g): g for g in prepared.dossier.figure_groups}
    assert [(a, v) for a, v, _ in shown] == [
        (figure_anchor(g), g.verdict) for g in prepared.dossier.figure_groups if g.verdict != "single"
    ]
    assert [g["verdict"] for g in exported] == [v for _, v, _ in shown]
    for (anchor, _, stated), group in zip(shown, exported, strict=True):
        # the same statements, in the page's order (source date order) or the export's (source id)
        assert sorted(stated) == sorted(escape(f["text"]) for f in group["figures"]), anchor
        assert by_model[anchor].quantity == group["quantity"]
    assert {v for _, v, _ in shown} <= {"consistent", "conflicting"}
    # single-source figures are listed once each on the page too
    singles = sum(len(g["figures"]) for g in data["figure_groups"] if g["verdict"] == "single")
    assert page.split("## Reported by one source", 1)[1].count("\n| ") - 2 == singles


def test_export_carries_the_topic_highlight_spans_the_topic_pages_mark():
    prepared = prepare(REPO)
    data = export_dossier(prepared.dossier)
    texts = {(s["id"], p["id"]): p["text"] for s in data["sources"] for p in s["paragraphs"]}
    marked = 0
    for topic in data["topics"]:
        page = prepared.pages[f"topics/{topic['id']}.md"]
        for hit in topic["paragraphs"]:
            assert hit["spans"], hit
            text = texts[(hit["source"], hit["paragraph"])]
            for start, end in hit["spans"]:
                assert f"<mark>{text[start:end]}</mark>" in page or "\\" in text[start:end]
                marked += 1
    assert marked > 50


def test_every_warning_of_every_stage_reaches_the_build_result(tmp_path):
    root = tiny_project(
        tmp_path,
        "Talks in Paris\n\nThe ministers met in Paris on 31 February 2016 to talk about the coalition.\n",
        'talks.txt:\n  date: "2016-03-01"\ngone.txt:\n  date: "2016-03-01"\n',
    )
    prepared = prepare(root)
    assert any("no source file 'gone.txt'" in w for w in prepared.warnings)
    assert any("impossible date '31 February 2016'" in w for w in prepared.warnings)
    assert json.loads(json.dumps(export_dossier(prepared.dossier)))["events"] == []


@pytest.mark.slow
def test_a_build_with_impossible_dates_in_the_text_warns_and_builds(tmp_path):
    text = (
        "Talks in Paris\n\nPublished: 31 February 2016\n\n"
        "The ministers met in Paris on 30 February 2016 to talk about the coalition and its plans.\n"
    )
    root = tiny_project(tmp_path, text)
    res = CliRunner().invoke(cli, ["--project", str(root), "build"])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    assert "warning: dossier/sources/talks.txt:3: impossible publication date 2016-02-31" in res.output
    assert "warning: dossier/sources/talks.txt:5: impossible date '30 February 2016' in the text; ignored" in res.output
    assert (root / "site" / "timeline" / "index.html").is_file()


def test_the_cleaners_json_report_writes_the_date_as_sources_yml_does():
    seed = REPO / "dossier" / "sources" / "000_6da2900302d33055.txt"
    res = CliRunner().invoke(cli, ["--project", str(REPO), "clean", str(seed), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["date"] == "2014-12-03"


def test_partial_date_accepts_exactly_the_days_of_the_calendar():
    from datetime import date

    for year in (1900, 1999, 2000, 2016, 2099, 2100):
        for month in range(0, 14):
            for day in range(0, 33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                try:
                    date(year, month, day)
                    real = True
                except ValueError:
                    real = False
                try:
                    parsed = PartialDate.parse(text)
                except ValueError:
                    parsed = None
                assert (parsed is not None) == real, text
                if parsed is not None:
                    assert parsed.iso == text and parsed.as_date() == date(year, month, day)
            month_text = f"{year:04d}-{month:02d}"
            assert (PartialDate.parse_or_none(month_text) is not None) == (1 <= month <= 12), month_text


def test_an_impossible_date_in_an_html_source_is_placed_by_its_paragraph(tmp_path):
    root = tiny_project(tmp_path, "unused\n")
    (root / "dossier" / "sources" / "talks.txt").unlink()
    (root / "dossier" / "sources" / "talks.html").write_text(
        "<html><head><title>Talks in Paris</title></head><body><article><h1>Talks in Paris</h1>"
        "<p>The ministers met in Paris on 31 February 2016 to talk about the coalition and its plans for"
        " the months to come, officials said.</p></article></body></html>",
        encoding="utf-8",
    )
    _, dossier = model(root)
    (warning,) = [w for w in dossier.warnings if "impossible date" in w]
    assert re.fullmatch(
        r"dossier/sources/talks.html: paragraph p\d+: impossible date '31 February 2016' in the text; ignored", warning
    ), warning


# --- the raw texts let go after cleaning -------------------------------------------------------


def test_the_model_without_raw_texts_equals_the_one_made_with_them(tmp_path):
    """model() lets the raw texts go once cleaned (the impossible-date warnings found first):
    the dossier, its warnings in their order included, is the one extract makes from the whole
    project, over the embedded dossier and a project whose text dates a source impossibly."""
    from build_tools.pipeline import clean_stage, extract_stage, load_stage

    dated = tiny_project(
        tmp_path,
        "Talks in Paris\n\nPublished: 31 February 2016\n\n"
        "The ministers met in Paris on 30 February 2016 to talk about the coalition and its plans.\n",
    )
    for root in (REPO, dated):
        whole = load_stage(root)
        old = extract_stage(whole, clean_stage(whole))
        project, light = model(root)
        assert light == old
        assert all(r.text == "" for r in project.sources) and any(r.text for r in whole.sources)
        assert [r.meta for r in project.sources] == [r.meta for r in whole.sources]
    assert any("impossible publication date 2016-02-31" in w for w in light.warnings)


def test_rendered_pages_are_held_as_utf8_and_read_back_as_the_same_texts():
    from build_tools.render.store import Pages, encoded

    pages = Pages()
    pages.add("b.md", "“Curly” quotes ünd 𝔘nicode\n")
    pages.add("a.md", "plain\n")
    with pytest.raises(ValueError):
        pages.add("a.md", "again\n")
    ordered = pages.sorted()
    assert list(ordered) == ["a.md", "b.md"]
    assert ordered == {"a.md": "plain\n", "b.md": "“Curly” quotes ünd 𝔘nicode\n"}
    assert encoded(ordered, "b.md") == "“Curly” quotes ünd 𝔘nicode\n".encode()
    assert encoded({"x.md": "é"}, "x.md") == "é".encode()
    ordered.release()
    assert len(ordered) == 0 and "a.md" not in ordered
