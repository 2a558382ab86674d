"""add: a new source comes into the dossier under its own name, with its detected facts in
sources.yml, and after a build shows on the home page, its actors' pages and in search."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import serve_folder

from build_tools.add import add_source, page_facts, record_source, source_name
from build_tools.cli import cli
from build_tools.load import load_project, load_source_metas
from build_tools.yamlfile import DossierError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "add"
HTML = FIXTURES / "london-meeting.html"
TEXT = FIXTURES / "erbil-wire.txt"


# -- names and YAML (pure) -----------------------------------------------------------------------


def test_name_is_the_detected_date_and_eight_hex_digits_of_the_hash():
    digest = "ab" * 32
    assert source_name("My Article!", "2015-01-22", digest, ".html", set(), set()) == "2015-01-22_abababab.html"


def test_name_falls_back_to_the_original_name_when_no_date_was_detected():
    digest = "0123456789abcdef" * 4
    assert (
        source_name("Kerry in Brüssel (copy)", "", digest, ".txt", set(), set()) == "kerry-in-brussel-copy_01234567.txt"
    )
    assert source_name("Kerry", "22 Jan", digest, ".txt", set(), set()) == "kerry_01234567.txt"


def test_name_takes_more_digits_rather_than_overwrite_or_share_an_id():
    digest = "0123456789abcdef" * 4
    assert source_name("a", "2015", digest, ".txt", {"2015_01234567.txt"}, set()) == "2015_0123456789ab.txt"
    # 2015_01234567.html would get the same page id as 2015_01234567.txt
    assert source_name("a", "2015", digest, ".html", set(), {"2015-01234567"}) == "2015_0123456789ab.html"


def test_entry_keeps_detected_values_apart_and_reads_back_as_the_loader_sees_it(tmp_path):
    facts = {
        "title": 'Kerry: "we will win"',
        "authors": ["Anne O'Neil", "B. Smith"],
        "date": "2015-01-22",
        "publisher": "No",
        "url": "https://example.org/a?b=1",
    }
    path = tmp_path / "sources.yml"
    path.write_text("# my notes\n{}\n", encoding="utf-8")
    record_source(path, "2015-01-22_abababab.html", "/x/page.html", facts)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my notes\n")
    ((got, _line),) = load_source_metas(path, "sources.yml").values()
    assert (got.title, got.authors, str(got.date), got.publisher, got.url) == (
        facts["title"],
        tuple(facts["authors"]),
        facts["date"],
        "No",
        facts["url"],
    )
    assert set(got.detected) == {"title", "authors", "date", "publisher", "url"}


def test_a_value_the_curator_writes_replaces_the_detected_one(tmp_path):
    path = tmp_path / "sources.yml"
    path.write_text(
        "a.txt:\n  publisher: AFP  # mine\n  detected:\n    publisher: Yahoo\n    date: '2015-01-02'\n",
        encoding="utf-8",
    )
    ((got, _line),) = load_source_metas(path, "sources.yml").values()
    assert got.publisher == "AFP" and str(got.date) == "2015-01-02"
    assert got.detected == ("date",)


@pytest.mark.parametrize(
    "text, message",
    [
        ("a.txt:\n  detected: [x]\n", "'detected' of 'a.txt' must map facts"),
        ("a.txt:\n  detected:\n    note: x\n", "unknown key 'note'"),
        ("a.txt:\n  detected:\n    date: yesterday\n", "must be YYYY-MM-DD"),
    ],
)
def test_a_broken_detected_mapping_is_one_error_with_its_line(tmp_path, text, message):
    path = tmp_path / "sources.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DossierError, match=message):
        load_source_metas(path, "sources.yml")


def test_yaml_edits_keep_the_curators_text_byte_for_byte(tmp_path):
    from build_tools.yamledit import append_items, extend_lists

    path = tmp_path / "actors.yml"
    text = (
        "# My actors\n- name: Ana   # the minister\n  kind: person\n  description: A long line folded\n"
        "    over two lines.\n  aliases: ['A. Silva']\n"
    )
    path.write_text(text, encoding="utf-8")
    assert append_items(path, "actors.yml", [{"name": "No", "kind": "place", "aliases": ["On"]}], ["suggested"]) == 1
    after = path.read_text(encoding="utf-8")
    assert after.startswith(text)
    assert [a["name"] for a in yaml_load(after)] == ["Ana", "No"]
    assert yaml_load(after)[1]["aliases"] == ["On"]  # quoted: not read as booleans
    flow = tmp_path / "topics.yml"
    flow.write_text("# flow\n[{name: T, keywords: [a]}]  # one topic\n", encoding="utf-8")
    append_items(flow, "topics.yml", [{"name": "U", "keywords": ["b"]}])
    assert extend_lists(flow, "topics.yml", "keywords", {0: ["c", "a"]}) == 1
    got = flow.read_text(encoding="utf-8")
    assert "# flow" in got and [t["keywords"] for t in yaml_load(got)] == [["a", "c"], ["b"]]


@pytest.mark.parametrize("empty", ["[]", "[ ]  # nothing yet", ""])
def test_an_empty_list_gives_way_to_the_first_items_and_its_comments_stay(tmp_path, empty):
    from build_tools.load import load_actors
    from build_tools.yamledit import append_items

    path = tmp_path / "actors.yml"
    path.write_text(f"# Actors: people, organisations...\n# - name: Jane Doe\n{empty}\n", encoding="utf-8")
    append_items(path, "actors.yml", [{"name": "Ana", "kind": "person"}, {"name": "Lisbon", "kind": "place"}])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Actors: people, organisations...\n# - name: Jane Doe\n")
    assert [a.name for a in load_actors(path, "actors.yml")] == ["Ana", "Lisbon"]


def test_a_broken_file_is_one_error_and_stays_as_it_was(tmp_path):
    from build_tools.yamledit import append_items

    path = tmp_path / "actors.yml"
    path.write_text("- name: A\n  kind: [person\n", encoding="utf-8")
    with pytest.raises(DossierError, match=r"^actors.yml:\d+: invalid YAML, not changed"):
        append_items(path, "actors.yml", [{"name": "B", "kind": "person"}])
    assert path.read_text(encoding="utf-8") == "- name: A\n  kind: [person\n"


def yaml_load(text: str):
    import yaml

    return yaml.safe_load(text)


def test_hostile_meta_tags_give_nothing_that_runs_and_nothing_huge():
    html = (
        "<html><head><title>T</title><meta property='og:url' content='javascript:alert(1)'>"
        f"<meta property='og:site_name' content='{'x' * 5000}'>"
        "<meta name='author' content='&lt;script&gt;alert(1)&lt;/script&gt;'>"
        f"<meta property='og:title' content='{'Long ' * 2000}'></head><body><p>x</p></body></html>"
    )
    facts = page_facts(html)
    assert facts.url == "" and facts.publisher == "" and facts.authors == ()
    assert len(facts.title) <= 300


def test_entry_with_nothing_detected_still_loads(tmp_path):
    path = tmp_path / "sources.yml"
    record_source(path, "note_abababab.txt", "note.txt", {})
    assert list(load_source_metas(path, "sources.yml")) == ["note_abababab.txt"]


PAGES = FIXTURES.parent / "pages"


@pytest.mark.parametrize(
    "page, publisher, authors, date, title",
    [
        (
            "guardian.html",
            "The Guardian",
            ("Stephen Burgen",),
            "2024-02-01",
            "Drought forces water rationing in Catalonia",
        ),
        ("reuters.html", "Reuters", ("Emma Pinedo",), "2024-03-04", "Spanish farmers face third year of water cuts"),
        (
            "bbc.html",
            "BBC News",
            ("Guy Hedgecoe",),
            "2024-03-05",
            "Ebro valley: Farmers leave fields unplanted as water runs short",
        ),
        (
            "lemonde.html",
            "Le Monde.fr",
            ("Sandrine Morel",),
            "2024-03-06",
            "En Espagne, la sécheresse vide les réservoirs de l’Ebre",
        ),
        ("blog.html", "Water Matters", ("Ana Ruiz", "Tom Kerr"), "2024-03-07", "Why the Ebro is running dry"),
    ],
)
def test_saved_pages_of_several_publishers_give_the_facts_they_state(page, publisher, authors, date, title):
    facts = page_facts((PAGES / page).read_text(encoding="utf-8"))
    assert (facts.publisher, facts.authors, facts.date, facts.title) == (publisher, authors, date, title)
    assert facts.publisher != facts.title


def test_the_headline_is_never_the_publisher_and_a_title_with_no_site_name_gives_none():
    html = "<html><head><title>Rain at last - but not enough</title></head><body><p>x</p></body></html>"
    assert page_facts(html).publisher == ""
    assert page_facts(html).title == "Rain at last - but not enough"
    html = "<html><head><title>Rain at last</title><meta property='og:site_name' content='Rain at last'></head></html>"
    assert page_facts(html).publisher == ""


# -- adding to a copy of the embedded dossier ---------------------------------------------------


def test_adding_an_html_page_copies_it_and_appends_to_sources_yml_keeping_the_rest(project):
    yml = project / "dossier" / "sources.yml"
    before = yml.read_text(encoding="utf-8")
    report = add_source(project, HTML)
    assert re.fullmatch(r"2015-01-22_[0-9a-f]{8}\.html", report.file)
    assert (project / "dossier" / "sources" / report.file).read_bytes() == HTML.read_bytes()
    after = yml.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")), "the curator's text must stay as it was"
    assert "detected:" in after[len(before) :]
    project_after = load_project(project)
    assert not project_after.warnings
    meta = next(s.meta for s in project_after.sources if s.file == report.file)
    assert str(meta.date) == "2015-01-22"
    assert meta.publisher == "World Desk Daily"
    assert meta.title.startswith("Coalition ministers meet at Lancaster House")
    assert meta.authors == ("Clara Whitcombe",)
    actors = {t.id: t.count for t in report.actors}
    assert actors["john-kerry"] >= 1 and actors["philip-hammond"] >= 1 and actors["haider-al-abadi"] >= 1
    assert "military-campaign" in {t.id for t in report.topics}
    assert report.paragraphs == 6


def test_adding_a_text_page_reports_its_actors_and_the_names_to_curate(project):
    report = add_source(project, TEXT)
    assert re.fullmatch(r"2015-01-24_[0-9a-f]{8}\.txt", report.file)
    assert dict(report.detected)["authors"] == "Tomas Ravnik"
    assert {"jens-stoltenberg", "nato", "peshmerga"} <= {t.id for t in report.actors}
    assert "masoud-barzani" not in {t.id for t in report.actors}
    try:
        import build_tools.suggest  # noqa: F401
    except ImportError:
        assert report.suggestions is None
    else:
        assert report.suggestions is not None
        assert any("Barzani" in s for s in report.suggestions), report.suggestions


def test_the_same_content_twice_is_refused_and_nothing_changes(project, tmp_path):
    add_source(project, TEXT)
    sources = sorted(p.name for p in (project / "dossier" / "sources").iterdir())
    yml = (project / "dossier" / "sources.yml").read_bytes()
    renamed = tmp_path / "same-text-other-name.txt"
    shutil.copyfile(TEXT, renamed)
    for path in (TEXT, renamed):
        with pytest.raises(
            DossierError, match=r"already in the dossier as dossier/sources/2015-01-24_[0-9a-f]{8}\.txt"
        ):
            add_source(project, path)
    seed = sorted((project / "dossier" / "sources").glob("000_*"))[0]
    copy = tmp_path / "seed-copy.txt"
    shutil.copyfile(seed, copy)
    with pytest.raises(DossierError, match=seed.name):
        add_source(project, copy)
    assert sorted(p.name for p in (project / "dossier" / "sources").iterdir()) == sources
    assert (project / "dossier" / "sources.yml").read_bytes() == yml


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("scan.pdf", b"%PDF-1.4", "not a source file"),
        ("empty.txt", b"  \n", "empty file"),
        ("blob.html", b"\x00\x01\x02binary", "looks binary"),
        ("missing.txt", None, "no such file"),
    ],
)
def test_files_that_are_not_sources_are_refused(project, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DossierError, match=message):
        add_source(project, path)
    assert len(list((project / "dossier" / "sources").iterdir())) == 5


def test_cli_prints_what_the_source_brings_and_refuses_a_duplicate_in_one_line(project):
    runner = CliRunner()
    result = runner.invoke(cli, ["--project", str(project), "add", str(HTML)])
    assert result.exit_code == 0, result.output
    assert re.search(r"^added dossier/sources/2015-01-22_[0-9a-f]{8}\.html", result.output, re.M)
    assert re.search(r"^actors: .*John Kerry \(\d+\)", result.output, re.M)
    assert re.search(r"^topics: .*Military campaign and air strikes", result.output, re.M)
    again = runner.invoke(cli, ["--project", str(project), "add", str(HTML)])
    assert again.exit_code == 1
    assert again.output.count("\n") == 1 and "already in the dossier" in again.output


# -- after a build ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_with_additions(tmp_path_factory):
    from conftest import copy_project

    from build_tools.publish import build_project

    root = copy_project(tmp_path_factory.mktemp("added") / "project")
    reports = [add_source(root, HTML), add_source(root, TEXT)]
    build_project(root, strict=True)
    return root, reports


@pytest.mark.slow
def test_added_sources_show_on_the_home_page_and_their_actors_pages(built_with_additions):
    root, reports = built_with_additions
    site = root / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    for report in reports:
        assert (site / "sources" / report.id / "index.html").is_file()
        assert f"sources/{report.id}/" in home, report.id
        for touch in report.actors:
            page = (site / "actors" / touch.id / "index.html").read_text(encoding="utf-8")
            assert f"sources/{report.id}/" in page, (report.id, touch.id)
    assert "Coalition ministers meet at Lancaster House" in home
    assert "Kurdish leaders ask coalition for heavier weapons" in home


@pytest.mark.slow
def test_added_sources_are_in_the_search_index(built_with_additions):
    root, reports = built_with_additions
    docs = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for report, word in zip(reports, ("Lancaster House", "Erbil"), strict=True):
        locations = [d["location"] for d in docs if word in d["text"] or word in d["title"]]
        assert any(loc.startswith(f"sources/{report.id}/") for loc in locations), (word, locations)


@pytest.mark.slow
@pytest.mark.browser
def test_reader_finds_an_added_source_with_the_search_box(built_with_additions, chromium, artifacts):
    from test_browser import search

    root, reports = built_with_additions
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        with serve_folder(root / "site") as base:
            page.goto(base + "/")
            hrefs = search(page, artifacts, "add", "Lancaster")
            assert any(f"/sources/{reports[0].id}/" in h for h in hrefs), hrefs
            hrefs = search(page, artifacts, "add-text", "Erbil")
            assert any(f"/sources/{reports[1].id}/" in h for h in hrefs), hrefs
    finally:
        ctx.close()
