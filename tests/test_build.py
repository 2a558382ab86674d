"""publish: the real mkdocs build of a copy of the embedded dossier, end to end."""

from __future__ import annotations

import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.load import load_project
from build_tools.publish import build_project
from build_tools.yamlfile import DossierError

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "dossier", dest / "dossier", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "docs").mkdir()
    for name in ("about.md", "method.md", "assets"):
        src = REPO / "docs" / name
        if src.is_dir():
            shutil.copytree(src, dest / "docs" / name)
        elif src.exists():
            shutil.copy2(src, dest / "docs" / name)
    return dest


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if d.get("id"):
            self.ids.add(d["id"])
        if tag == "a" and d.get("href"):
            self.hrefs.append(d["href"])


def parse(path: Path) -> _Anchors:
    p = _Anchors()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("project"))
    result = build_project(root, strict=True)
    return root, result


def test_site_has_home_sources_and_a_page_per_actor_and_topic(built):
    root, result = built
    site = root / "site"
    project = load_project(root)
    assert (site / "index.html").is_file()
    assert len(list((site / "sources").glob("*/index.html"))) == 5 + 0  # one per source
    for a in project.actors:
        assert (site / "actors" / a.id / "index.html").is_file(), a.id
    for t in project.topics:
        assert (site / "topics" / t.id / "index.html").is_file(), t.id
    for page in ("actors", "topics", "quotes", "figures", "timeline", "coverage", "tags", "about", "method"):
        assert (site / page / "index.html").is_file(), page


def test_every_excerpt_link_lands_on_an_existing_paragraph_anchor(built):
    root, _ = built
    site = root / "site"
    checked = 0
    cache: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("index.html")):
        for href in parse(page).hrefs:
            m = re.match(r"^(\.\./)*sources/([^/#]+)/#(p\d+)$", href)
            if not m:
                continue
            target = (page.parent / href.split("#")[0]).resolve() / "index.html"
            if target not in cache:
                cache[target] = parse(target).ids
            assert m.group(3) in cache[target], f"{page}: {href}"
            checked += 1
    assert checked > 100


def test_home_page_lists_every_source_with_date_and_publisher(built):
    root, result = built
    html = (root / "site" / "index.html").read_text(encoding="utf-8")
    for s in result.dossier.sources:
        assert f'href="sources/{s.id}/"' in html
    assert "2015-01-22" in html and "FRANCE 24" in html and "EUobserver" in html


def test_second_build_changes_no_byte(built, tmp_path):
    root, _ = built
    docs_before, site_before = tree_digest(root / "docs"), tree_digest(root / "site")
    build_project(root, strict=True)
    assert tree_digest(root / "docs") == docs_before
    assert tree_digest(root / "site") == site_before


def test_failed_build_keeps_previous_docs_and_site(built):
    root, _ = built
    docs_before, site_before = tree_digest(root / "docs"), tree_digest(root / "site")
    actors = root / "dossier" / "actors.yml"
    original = actors.read_text(encoding="utf-8")
    try:
        actors.write_text(original + "\n- name: Broken\n  kind: planet\n", encoding="utf-8")
        with pytest.raises(DossierError, match=r"actors.yml:\d+: unknown kind 'planet'"):
            build_project(root, strict=True)
        actors.write_text(original, encoding="utf-8")
        (root / "docs" / "about.md").write_text("# About\n\n[broken](nowhere.md)\n", encoding="utf-8")
        with pytest.raises(DossierError, match="mkdocs build failed"):
            build_project(root, strict=True)
    finally:
        actors.write_text(original, encoding="utf-8")
        shutil.copy2(REPO / "docs" / "about.md", root / "docs" / "about.md")
    assert tree_digest(root / "site") == site_before
    assert tree_digest(root / "docs") == docs_before
    assert not list(root.glob(".dossier-build-*"))


def test_sources_are_never_modified_by_a_build(built):
    root, _ = built
    for p in (REPO / "dossier" / "sources").iterdir():
        assert (root / "dossier" / "sources" / p.name).read_bytes() == p.read_bytes()


def test_hand_written_pages_are_kept_and_stale_generated_pages_removed(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "docs" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    build_project(root)
    stale = root / "docs" / "actors" / "someone-removed.md"
    stale.write_text("# stale\n", encoding="utf-8")
    build_project(root)
    assert (root / "docs" / "notes.md").read_text(encoding="utf-8") == "# Notes\n"
    assert not stale.exists()
    assert (root / "site" / "notes" / "index.html").is_file()


def test_hostile_source_renders_literally_in_html(tmp_path):
    root = copy_project(tmp_path / "p")
    hostile = (
        "A hostile page\n\n"
        "LISBON (Wire) - Ana Silva wrote <script>alert('x')</script> in a memo on Monday, and the ministry "
        "later said the page had been defaced by people who wanted to test the newsroom's systems.\n\n"
        "The memo also contained *stars* and a link written as [click](javascript:alert(1)), which the "
        "ministry's staff described as harmless, according to people familiar with the matter.\n\n"
        "Officials added a table row with a | pipe and # hash and <img src=x onerror=alert(1)>, said John Kerry, "
        "who was visiting the city for talks with the government on Tuesday afternoon.\n"
    )
    (root / "dossier" / "sources" / "hostile.txt").write_text(hostile, encoding="utf-8")
    build_project(root, strict=True)
    for page in [root / "site/sources/hostile/index.html", root / "site/actors/john-kerry/index.html"]:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
        assert 'href="javascript' not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html and "with a | pipe and # hash" in html
    html = (root / "site/sources/hostile/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in html and "*stars*" in html and "[click](javascript:alert(1))" in html


def test_cli_new_project_builds_empty_and_with_a_source(tmp_path):
    runner = CliRunner()
    target = tmp_path / "x"
    res = runner.invoke(cli, ["new", str(target), "--title", "No"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["--project", str(target), "build", "--strict"])
    assert res.exit_code == 0, res.output
    shutil.copy2(REPO / "dossier/sources/000_6da2900302d33055.txt", target / "dossier/sources/first.txt")
    res = runner.invoke(cli, ["--project", str(target), "build", "--strict"])
    assert res.exit_code == 0, res.output
    assert ": 1 source, " in res.output  # one source, not "1 sources"
    assert (target / "site/sources/first/index.html").is_file()
    assert "<title>" in (target / "site/index.html").read_text(encoding="utf-8")
    assert runner.invoke(cli, ["new", str(target)]).exit_code == 1


def test_cli_bad_input_is_one_line_without_traceback(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "dossier" / "topics.yml").write_text("- name: T\n  keywords: [a]\n  keywrds: [b]\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["--project", str(root), "build"])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    assert res.output.strip().splitlines()[-1].startswith("error: dossier/topics.yml:3: unknown key 'keywrds'")
    res = CliRunner().invoke(cli, ["--project", str(tmp_path / "nowhere"), "build"])
    assert res.exit_code == 1 and "not a dossier project" in res.output


def test_cli_help_and_version():
    runner = CliRunner()
    res = runner.invoke(cli, ["--version"])
    assert res.exit_code == 0 and "dossier" in res.output
    for cmd in cli.commands:
        res = runner.invoke(cli, [cmd, "--help"])
        assert res.exit_code == 0 and "Usage:" in res.output, cmd


def test_analysis_pages_cite_a_source_paragraph_on_every_item(built):
    root, result = built
    docs = root / "docs"
    for page in ("quotes/index.md", "timeline/index.md"):
        items = [line for line in (docs / page).read_text(encoding="utf-8").splitlines() if line.startswith("- ")]
        assert items, page
        for line in items:
            assert re.search(r"\(<\.\./sources/[^>]+#p\d+>", line), f"{page}: {line}"
    rows = [
        line
        for line in (docs / "figures/index.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and not line.startswith(("| As stated", "| Counts", "| ---"))
    ]
    assert len(rows) == len(result.dossier.figures)
    for line in rows:
        assert re.search(r"\(<\.\./sources/[^>]+#p\d+>", line), line


def test_analysis_pages_show_the_seed_findings(built):
    root, result = built
    site = root / "site"
    quotes = (site / "quotes/index.html").read_text(encoding="utf-8")
    kerry = quotes.split('id="john-kerry"')[1].split("<h2")[0] if 'id="john-kerry"' in quotes else quotes
    assert "for as long as it takes" in kerry
    figures = (site / "figures/index.html").read_text(encoding="utf-8")
    assert "conflicting" in figures and "consistent" in figures and "60-odd" in figures and "some 900" in figures
    timeline = (site / "timeline/index.html").read_text(encoding="utf-8")
    for day in ("2014-12-03", "2014-12-15", "2015-01-22", "2014-08"):
        assert f'id="{day}"' in timeline, day
    # headings say the date once; how a date was read is a tooltip, not a line under each event
    assert "(2014-12-03)" not in timeline and "<small>" not in timeline
    assert 'class="dossier-when" title="' in timeline
    assert "Late September 2014" in timeline
    page = (root / "docs" / "timeline" / "index.md").read_text(encoding="utf-8")
    for section in page.split("\n## ")[1:]:
        cites = re.findall(r"\(<\.\./sources/([\w.-]+\.md#p\d+)>", section)
        assert len(cites) == len(set(cites)), section.splitlines()[0]  # one entry per paragraph
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<strong>{len(result.dossier.shared)}</strong> passages shared" in home
    assert len(result.dossier.shared) >= 1


def test_home_page_lists_where_the_sources_differ_with_working_anchors(built):
    root, result = built
    home = (root / "docs" / "index.md").read_text(encoding="utf-8")
    conflicting = [g for g in result.dossier.figure_groups if g.verdict == "conflicting"]
    if not conflicting:
        # Only what cannot all be true is listed: the seeds' coalition sizes ("the 60-member
        # coalition", a rounded label, "more than 60", 62, "60-odd", "some 60") and strike
        # counts all agree, and bombs are not strikes, so the home page has no such section.
        assert "## Where the sources differ" not in home
        return
    section = home.split("## Where the sources differ")[1].split("\n## ")[0]
    assert "60-odd" not in section and "some 900" not in section
    # --strict already fails on a missing anchor; check the target exists in the HTML too.
    figures = parse(root / "site" / "figures" / "index.html").ids
    for anchor in re.findall(r"figures/index\.md#([\w-]+)", section):
        assert anchor in figures
