"""A site built from hostile inputs (tests/hostile/, see hostile_project.py): every string from a
source, a saved page's meta tags, a file name or a YAML value reaches the final HTML as text;
nothing outside the project is read; bad definitions give one clear error each.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from hostile_project import (
    HOSTILE_NAMES,
    PAYLOADS,
    SECRET,
    input_markup,
    make_hostile_project,
    site_problems,
)
from lxml import html as lxml_html

from build_tools.check import check_project
from build_tools.load import load_project, slugify
from build_tools.yamlfile import MAX_DEPTH, DossierError, read_yaml

slow = pytest.mark.slow


def _page(root: Path, rel: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring((root / "site" / rel).read_text(encoding="utf-8"))


def _text(el: lxml_html.HtmlElement) -> str:
    """The element's text as a reader sees it, without the headings' permalink signs."""
    return " ".join(el.text_content().split()).replace(" ¶", "").removesuffix("¶")


# --- the final HTML ---------------------------------------------------------------------------

@slow
def test_no_page_holds_an_element_or_attribute_from_the_inputs(hostile_built) -> None:
    root, _ = hostile_built
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 50
    problems = site_problems(root / "site")
    assert problems == [], "\n".join(problems[:40])


def test_the_checker_sees_markup() -> None:
    """input_markup finds what it is meant to find (so that a clean result means something)."""
    for payload in ('<p><img src=x onerror="alert(1)"></p>', '<a href=" javascript:alert(1)">x</a>',
                    '<p onclick="x">a</p>', '<a title="&lt;img src=x&gt;">a</a>', "<script>alert(1)</script>",
                    '<div class="admonition danger"><p class="admonition-title">x</p></div>',
                    "<details><summary>x</summary></details>", "<b>bold</b>"):
        assert input_markup(payload, fragment=True), payload
    assert input_markup("<p>&lt;img src=x onerror=alert(1)&gt; <code>&lt;b&gt;</code></p>", fragment=True) == []


@slow
def test_titles_reach_title_header_nav_and_h1_as_text(hostile_built) -> None:
    root, _ = hostile_built
    first = "<img src=x onerror=alert(101)> Minister <script>alert(102)</script> resigns"
    page = _page(root, "sources/001-first-line/index.html")
    site_name = '<img src=x onerror=alert(301)> Dossier " onmouseover="alert(302)'
    assert page.find(".//title").text == f"{first} - {site_name}"
    assert _text(page.find(".//article//h1")) == first
    assert site_name in _text(page.find(".//header"))
    # the saved page: <title> and og:title after entity decoding, author and site name
    saved = _page(root, "sources/002-saved-page/index.html")
    h1 = _text(saved.find(".//article//h1"))
    assert "<img src=x onerror=alert(203)> Coalition" in h1 or "alert(201)" in h1, h1
    assert "alert(" in _text(saved.find(".//article"))


@slow
def test_yaml_values_and_file_names_reach_pages_as_text(hostile_built) -> None:
    root, _ = hostile_built
    actor = _page(root, f"actors/{slugify('<img src=x onerror=alert(405)>')}/index.html")
    assert _text(actor.find(".//article//h1")) == "<img src=x onerror=alert(405)>"
    acme = _text(_page(root, "actors/acme-corp/index.html").find(".//article"))
    assert "<script>alert(401)</script> maker" in acme
    assert "<img src=x onerror=alert(402)> [x](javascript:alert(403)) {: onclick=alert(404) }" in acme
    topic = _page(root, f"topics/{slugify('<script>alert(501)</script> Talks')}/index.html")
    assert _text(topic.find(".//article//h1")) == "<script>alert(501)</script> Talks"
    for name in HOSTILE_NAMES:
        page = _page(root, f"sources/{slugify(Path(name).stem)}/index.html")
        codes = [_text(c) for c in page.iter("code")]
        assert f"dossier/sources/{name}" in codes, (name, codes)
    note = _text(_page(root, "sources/001-first-line/index.html").find(".//article"))
    assert '<svg onload=alert(605)> **note** [x](javascript:alert(606)) !!! danger "x"' in note


@slow
def test_markdown_constructs_in_sources_stay_literal(hostile_built) -> None:
    root, _ = hostile_built
    texts = []
    for i, payload in enumerate(PAYLOADS):
        page = _page(root, f"sources/1{i:02d}-payload/index.html")
        article = page.find(".//article")
        texts.append(_text(article))
        shown = " ".join(payload.split())
        assert shown.replace("\\", "") in _text(article).replace("\\", "") or \
            any(shown in _text(td) for td in article.iter("td")), payload
    assert not any(re.search(r"\b49\b", t) for t in texts)  # `{{ 7*7 }}` was not evaluated


@slow
def test_front_matter_parses_and_holds_no_control_characters(hostile_built) -> None:
    root, _ = hostile_built
    for md in sorted((root / "docs").rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        values = [meta.get("title", "")] + list(meta.get("tags", []))
        for value in values:
            assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", value), (md, value)
            assert "<" not in value, (md, value)  # HTML text: the theme prints it as it is
    control = _page(root, "sources/200-control/index.html")
    assert _text(control.find(".//article//h1")).startswith("Title with [31m control chars")


@slow
def test_tags_and_tags_index_hold_text(hostile_built) -> None:
    root, _ = hostile_built
    tags = _page(root, "tags/index.html")
    text = _text(tags.find(".//article"))
    assert "<script>alert(501)</script> Talks" in text
    assert "<img src=x onerror=alert(405)>" in text
    page = _page(root, "sources/001-first-line/index.html")
    shown = [_text(t) for t in page.iterfind(".//*[@class]") if "md-tag" in t.get("class", "").split()]
    assert "<img src=x onerror=alert(405)>" in shown, shown


@slow
def test_link_titles_carry_no_markup(hostile_built) -> None:
    root, _ = hostile_built
    # the links of the pages' content (the theme's own, such as the logo's, escape the site name)
    titles = [a.get("title") for page in (root / "site").rglob("*.html")
              for a in lxml_html.document_fromstring(page.read_text(encoding="utf-8")).iterfind(".//article//a")
              if a.get("title")]
    assert any("alert(101)" in t for t in titles)  # the title of the first-line source, shown
    for t in titles:
        assert not re.search(r"[<>&\"`]", t), t


@slow
def test_search_index_holds_escaped_text(hostile_built) -> None:
    root, _ = hostile_built
    docs = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    joined = "\n".join(d["text"] for d in docs)
    assert "&lt;script&gt;alert(104)&lt;/script&gt;" in joined
    assert "<script>alert(" not in joined and "<img src=x" not in joined


# --- nothing outside the dossier ---------------------------------------------------------------

@slow
def test_symlinks_outside_the_project_are_refused_and_dangling_ones_skipped(hostile_built) -> None:
    root, result = hostile_built
    warnings = "\n".join(result.warnings)
    for name in ("300_outside.txt", "301_passwd.txt", "303_relative_escape.txt"):
        if name == "301_passwd.txt" and not Path("/etc/passwd").exists():
            continue
        assert re.search(rf"dossier/sources/{name}: a link to .*, outside the project; refused; skipped", warnings)
    assert "dossier/sources/302_dangling.txt: a symlink to" in warnings and "does not exist; skipped" in warnings
    assert "dossier/overrides/partials/excerpt.md.j2: a link to" in warnings
    ids = {s.id for s in result.dossier.sources}
    assert "304-inside" in ids  # a link that stays inside the project is read
    assert not ids & {"300-outside", "301-passwd", "302-dangling", "303-relative-escape"}
    for folder in ("docs", "site"):
        for path in (root / folder).rglob("*"):
            if path.is_file() and path.suffix in (".md", ".html", ".json", ".js", ".xml"):
                data = path.read_text(encoding="utf-8", errors="replace")
                assert SECRET not in data, path
                assert "root:x:0:0" not in data, path


def test_a_symlinked_sources_folder_outside_the_project_is_refused(tmp_path: Path) -> None:
    root = make_hostile_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    (root / "dossier" / "sources").rename(elsewhere)
    (root / "dossier" / "sources").symlink_to(elsewhere)
    project = load_project(root)
    assert project.sources == ()
    assert any("dossier/sources: a link to" in w and "no sources read" in w for w in project.warnings)


# --- other inputs ------------------------------------------------------------------------------

def test_deeply_nested_yaml_is_a_clear_error(tmp_path: Path) -> None:
    for text in ("a: " + "[" * 5000 + "]" * 5000, "\n".join("  " * i + f"k{i}:" for i in range(400)) + " x",
                 "- " * 300 + "x"):
        path = tmp_path / "actors.yml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DossierError, match=rf"^dossier/actors.yml:\d+: nested more than {MAX_DEPTH} levels deep"):
            read_yaml(path, display="dossier/actors.yml")


def test_deeply_nested_yaml_in_a_project_fails_check_and_build_cleanly(project: Path) -> None:
    from click.testing import CliRunner

    from build_tools.cli import cli

    (project / "dossier" / "topics.yml").write_text("- name: " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    for command in ("check", "build"):
        result = CliRunner().invoke(cli, ["--project", str(project), command])
        assert result.exit_code == 1, result.output
        assert "dossier/topics.yml:1: nested more than" in result.output
        assert "Traceback" not in result.output and "RecursionError" not in result.output


def test_non_latin_names_get_distinct_stable_readable_slugs() -> None:
    names = ["Министерство обороны", "Министерство финансов", "وزارة الدفاع", "وزارة الخارجية", "防衛省", "外務省",
             "東京", "Владимир Путин", "Ελλάδα", "서울", "😀", "★", "Élysée Palace"]
    slugs = [slugify(n) for n in names]
    assert len(set(slugs)) == len(slugs), slugs
    assert slugs == [slugify(n) for n in names]  # stable
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        assert slug != "item"
    assert slugify("Министерство обороны").startswith("ministerstvo-oborony-")
    assert slugify("Élysée Palace") == "elysee-palace"  # Latin keeps its slug, no hash


@slow
def test_non_latin_actors_get_their_own_pages(hostile_built) -> None:
    root, result = hostile_built
    ids = {a.name: a.id for a in result.dossier.actors}
    for name in ("Министерство обороны", "وزارة الدفاع", "防衛省", "外務省"):
        assert (root / "site" / "actors" / ids[name] / "index.html").is_file()
        assert _text(_page(root, f"actors/{ids[name]}/index.html").find(".//article//h1")) == name


def test_check_reports_every_definition_error_in_one_run(project: Path) -> None:
    d = project / "dossier"
    with open(d / "actors.yml", "a", encoding="utf-8") as f:
        f.write("\n- name: Bad One\n  kind: persn\n- name: Bad Two\n  alias: [x]\n  kind: person\n- just text\n")
    (d / "topics.yml").write_text("- name: T\n- name: U\n  keywords: [a]\n  patterns: ['(']\n", encoding="utf-8")
    with open(d / "sources.yml", "a", encoding="utf-8") as f:
        f.write("\nx.txt:\n  url: ftp://x\ny.txt: 3\n")
    (d / "dossier.yml").write_text("title: T\nlanguage: english\n", encoding="utf-8")
    report = check_project(project)
    errors = "\n".join(report.errors)
    assert len(report.errors) >= 7, errors
    for expected in ("dossier/dossier.yml:2: 'language'", "unknown kind 'persn'", "unknown key 'alias'",
                     "dossier/actors.yml: item", "topic 'T' needs at least one keyword",
                     "pattern of 'U'", "url 'ftp://x'", "'y.txt' must map to facts"):
        assert expected in errors, (expected, errors)


def test_check_and_build_print_every_error_one_line_each(project: Path) -> None:
    from click.testing import CliRunner

    from build_tools.cli import cli

    (project / "dossier" / "topics.yml").write_text("- name: T\n- name: U\n  keywords: [a]\n  patterns: ['(']\n",
                                                     encoding="utf-8")
    for command in ("check", "build"):
        result = CliRunner().invoke(cli, ["--project", str(project), command])
        assert result.exit_code == 1
        errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
        assert len(errors) == 2, result.output
        assert errors[0].startswith("error: dossier/topics.yml:1: ")
        assert errors[1].startswith("error: dossier/topics.yml:4: ")


# --- the offline bundle ------------------------------------------------------------------------

@slow
def test_offline_bundle_of_hostile_inputs_holds_only_text(tmp_path: Path) -> None:
    from build_tools.bundle import bundle_project

    root = make_hostile_project(tmp_path / "project")
    result = bundle_project(root, tmp_path / "hostile.zip", strict=True)
    out = tmp_path / "unzipped"
    with zipfile.ZipFile(result.path) as zf:
        zf.extractall(out)
    site = out / result.folder
    assert len(list(site.rglob("*.html"))) > 50
    problems = site_problems(site)
    assert problems == [], "\n".join(problems[:40])
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".json"):
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def test_names_that_are_index_pages_get_their_own_page(project: Path) -> None:
    from build_tools.pipeline import prepare

    sources = project / "dossier" / "sources"
    (sources / "index.txt").write_text((sources / "000_6da2900302d33055.txt").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    with open(project / "dossier" / "actors.yml", "a", encoding="utf-8") as f:
        f.write("\n- name: Index\n  kind: place\n")
    with open(project / "dossier" / "topics.yml", "a", encoding="utf-8") as f:
        f.write("\n- name: INDEX\n  keywords: [coalition]\n")
    prepared = prepare(project)
    dossier, pages = prepared.dossier, prepared.pages
    ids = {s.file: s.id for s in dossier.sources} | {a.name: a.id for a in dossier.actors} | \
        {t.name: t.id for t in dossier.topics}
    for name, folder in (("index.txt", "sources"), ("Index", "actors"), ("INDEX", "topics")):
        assert ids[name].startswith("index-"), ids[name]
        assert f"{folder}/{ids[name]}.md" in pages
        assert pages[f"{folder}/index.md"].startswith("---\ntitle: \"" + folder.capitalize())
    with open(project / "dossier" / "actors.yml", "a", encoding="utf-8") as f:
        f.write("\n- id: index\n  name: Somewhere\n  kind: place\n")
    with pytest.raises(DossierError, match=r"actors.yml:\d+: id 'index' is the name of the actors' index page"):
        load_project(project)
