"""The CLI's commands beyond build: check, clean, suggest, export (click's CliRunner)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from build_tools.cli import cli

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "dossier" / "sources" / "001_89d00abc43741284.txt"


def project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(REPO / "dossier", root / "dossier")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_check_passes_on_the_embedded_dossier_and_reports_gaps():
    res = CliRunner().invoke(cli, ["--project", str(REPO), "check"])
    assert res.exit_code == 0, res.output
    assert "0 errors" in res.output


def test_check_fails_on_bad_definitions_with_file_and_line(tmp_path):
    root = project_copy(tmp_path)
    (root / "dossier" / "actors.yml").write_text(
        "- name: X\n  kind: person\n  aliases: [Y]\n- name: Z\n  kind: person\n  aliases: [Y]\n"
    )
    res = CliRunner().invoke(cli, ["--project", str(root), "check"])
    assert res.exit_code == 1
    assert "error: dossier/actors.yml:6: alias 'Y'" in res.output


def test_check_reports_unmentioned_actor_and_undated_source_strictly(tmp_path):
    root = project_copy(tmp_path)
    with open(root / "dossier" / "actors.yml", "a", encoding="utf-8") as f:
        f.write("\n- name: Zebulon Quark\n  kind: person\n")
    (root / "dossier" / "sources" / "extra.txt").write_text(
        "Ministers met again on a Monday to discuss the coalition and its plans for the next months of work.\n",
        encoding="utf-8",
    )
    res = CliRunner().invoke(cli, ["--project", str(root), "check", "--strict"])
    assert res.exit_code == 1
    assert "actor 'Zebulon Quark' is never mentioned" in res.output
    assert "dossier/sources/extra.txt: no date" in res.output


def test_clean_text_json_and_diff(tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["--project", str(REPO), "clean", str(SEED)])
    assert res.exit_code == 0
    assert "click here" not in res.output and "Date created" not in res.output
    assert res.output.startswith("The US-led coalition against the Islamic State")
    res = runner.invoke(cli, ["--project", str(REPO), "clean", str(SEED), "--format", "json"])
    record = json.loads(res.output)
    assert record["paragraphs"][0]["id"] == "p1" and record["removed"]
    assert all(r["reason"] for r in record["removed"])
    res = runner.invoke(
        cli, ["--project", str(REPO), "clean", str(SEED), "--format", "diff", "--output-dir", str(tmp_path / "out")]
    )
    assert res.exit_code == 0
    diff = (tmp_path / "out" / (SEED.stem + ".diff")).read_text(encoding="utf-8")
    assert any(line.startswith("-") and "click here" in line for line in diff.splitlines())


def test_clean_refuses_unusable_file_with_its_name(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    res = CliRunner().invoke(cli, ["--project", str(tmp_path), "clean", str(bad)])
    assert res.exit_code == 1 and "empty.txt: empty file" in res.output


def test_suggest_on_empty_actors_proposes_people(tmp_path):
    root = project_copy(tmp_path)
    (root / "dossier" / "actors.yml").write_text("[]\n")
    res = CliRunner().invoke(cli, ["--project", str(root), "suggest"])
    assert res.exit_code == 0, res.output
    for name in ("Kerry", "Abadi", "Hammond"):
        assert name in res.output


def test_export_writes_json_with_documented_keys(tmp_path):
    out = tmp_path / "d.json"
    res = CliRunner().invoke(cli, ["--project", str(REPO), "export", "--output", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"sources", "actors", "topics", "quotes", "figures", "events"} <= set(data)
    assert len(data["sources"]) == 5


def test_build_prints_quiet_stage_lines_and_one_summary_with_plurals_right(tmp_path):
    root = project_copy(tmp_path)
    res = CliRunner().invoke(cli, ["--project", str(root), "build"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert [line.split()[0] for line in lines if line.startswith("[")] == ["[1/5]", "[2/5]", "[3/5]", "[4/5]", "[5/5]"]
    assert "[2/5] clean (5 sources)" in lines
    summary = [line for line in lines if line.startswith("built ")]
    assert len(summary) == 1
    assert re.search(r": 5 sources, \d+ pages, 0 warnings in \d+\.\d s", summary[0]), summary
    assert "INFO" not in res.output and "Documentation built" not in res.output


def test_build_verbose_prints_each_stages_time_not_mkdocs_info(tmp_path):
    root = project_copy(tmp_path)
    res = CliRunner().invoke(cli, ["--project", str(root), "build", "-v"])
    assert res.exit_code == 0, res.output
    for stage in ("load", "clean", "extract", "render", "mkdocs"):
        assert re.search(rf"^  {stage}\s+\d+\.\d\d s", res.output, re.M), stage
    assert "INFO" not in res.output and "Cleaning site directory" not in res.output


def test_the_progress_bar_counts_stages_on_a_terminal():
    import io

    from build_tools.cli import StageProgress

    progress = StageProgress(("load", "clean"), verbose=False, tty=True)
    err = io.StringIO()
    import sys as _sys

    old, _sys.stderr = _sys.stderr, err
    try:
        progress("load", "")
        progress("clean", "1 source")
        progress("done", "")
    finally:
        _sys.stderr = old
    out = err.getvalue()
    assert "[2/2] clean (1 source)" in out and "2/2" in out


def test_a_long_stage_gets_a_bar_of_its_own_on_a_terminal_only():
    import io
    import sys as _sys

    from build_tools.cli import StageProgress

    outputs = []
    for tty in (True, False):
        progress = StageProgress(("load", "mkdocs"), verbose=False, tty=tty)
        err = io.StringIO()
        old, _sys.stderr = _sys.stderr, err
        try:
            progress("load", "")
            progress("mkdocs", "40 pages")
            for done in range(1, 41):
                progress.tick(done, 40)
            progress("done", "")
        finally:
            _sys.stderr = old
        outputs.append(err.getvalue())
    assert "[####################] 40/40" in outputs[0]
    assert "40/40" not in outputs[1] and "#" not in outputs[1]  # a log keeps its one line per stage


def test_plural_says_one_source_and_two_sources():
    from build_tools.cli import plural

    assert plural(1, "source") == "1 source" and plural(2, "source") == "2 sources" and plural(0, "page") == "0 pages"


def test_clean_follows_project_and_a_missing_file_is_one_error_line(tmp_path):
    root = project_copy(tmp_path)
    res = CliRunner().invoke(cli, ["--project", str(root), "clean", f"dossier/sources/{SEED.name}"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("The US-led coalition against the Islamic State")
    res = CliRunner().invoke(cli, ["--project", str(root), "clean", "dossier/sources/nope.txt"])
    assert res.exit_code == 1
    assert res.output.count("\n") == 1 and res.output.startswith("error: ") and "nope.txt: no such file" in res.output


def test_clean_reports_a_broken_dossier_yml_instead_of_ignoring_its_rules(tmp_path):
    root = project_copy(tmp_path)
    (root / "dossier" / "dossier.yml").write_text("title: X\nclean:\n  drop: ['(unclosed']\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["--project", str(root), "clean", f"dossier/sources/{SEED.name}"])
    assert res.exit_code == 1
    assert res.output.startswith("error: dossier/dossier.yml:3:") and "not a valid regular expression" in res.output


def test_suggest_write_adds_actors_and_keywords_keeping_comments_and_order(tmp_path):
    import yaml

    root = project_copy(tmp_path)
    actors_yml = root / "dossier" / "actors.yml"
    topics_yml = root / "dossier" / "topics.yml"
    kept = [a for a in yaml.safe_load(actors_yml.read_text(encoding="utf-8")) if a["name"] != "Jens Stoltenberg"]
    text = "# My actors, by hand.\n" + yaml.safe_dump(kept, sort_keys=False, allow_unicode=True)
    actors_yml.write_text(text, encoding="utf-8")
    topics_before = topics_yml.read_text(encoding="utf-8")
    printed = CliRunner().invoke(cli, ["--project", str(root), "suggest"])
    assert printed.exit_code == 0, printed.output
    res = CliRunner().invoke(cli, ["--project", str(root), "suggest", "--write"])
    assert res.exit_code == 0, res.output
    assert re.search(
        r"added [1-9]\d* actors? to dossier/actors.yml and \d+ keywords? to dossier/topics.yml", res.output
    )
    after = actors_yml.read_text(encoding="utf-8")
    assert after.startswith(text.rstrip("\n")), "what was there stays as it was, first"
    names = [a["name"] for a in yaml.safe_load(after)]
    assert names[: len(kept)] == [a["name"] for a in kept] and "Jens Stoltenberg" in names[len(kept) :]
    topics_after = topics_yml.read_text(encoding="utf-8")
    comments = [line for line in topics_before.splitlines() if line.lstrip().startswith("#")]
    assert all(c in topics_after for c in comments)
    before_kw = {t["name"]: t["keywords"] for t in yaml.safe_load(topics_before)}
    after_kw = {t["name"]: t["keywords"] for t in yaml.safe_load(topics_after)}
    assert list(after_kw) == list(before_kw)
    assert all(after_kw[n][: len(k)] == k for n, k in before_kw.items())
    check = CliRunner().invoke(cli, ["--project", str(root), "check"])
    assert check.exit_code == 0, check.output


def test_every_command_and_option_is_in_the_readme_and_the_picture_is_small():
    import click

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"dossier {name}" in readme, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in readme for opt in param.opts), (name, param.opts)
    picture = re.search(r"!\[[^\]]+\]\(([^)]+\.png)\)", readme).group(1)
    assert not picture.startswith("docs/") and (REPO / picture).stat().st_size < 200_000
    head = readme[: readme.index("## ")]
    assert picture in head and ".venv/bin/python -m pytest" in head  # the picture and the two commands first
    for section in ("## Your own dossier in five minutes", "## Publish your dossier"):
        assert section in readme
