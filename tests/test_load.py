"""load: YAML definitions validated with file:line messages; sources read, never written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.load import load_actors, load_config, load_project, load_source_metas, load_topics, slugify
from build_tools.yamlfile import DossierError

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def error_of(fn, *args) -> str:
    with pytest.raises(DossierError) as exc:
        fn(*args)
    return str(exc.value)


def test_embedded_dossier_loads_all_five_sources_with_curated_facts():
    project = load_project(REPO)
    assert [s.file for s in project.sources] == sorted(p.name for p in (REPO / "dossier/sources").glob("*.txt"))
    assert len(project.sources) == 5
    by_file = {s.file: s for s in project.sources}
    assert by_file["001_89d00abc43741284.txt"].meta.publisher == "FRANCE 24"
    assert by_file["004_af6b88c2dd49f5ac.txt"].meta.date.iso.startswith("2014-11")
    assert project.warnings == ()


def test_sources_are_read_byte_for_byte_from_the_seeds():
    seeds = REPO.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared seeds not beside the repository")
    for seed in seeds.iterdir():
        assert (REPO / "dossier/sources" / seed.name).read_bytes() == seed.read_bytes()


def test_title_no_is_text_not_a_boolean(tmp_path):
    cfg = load_config(write(tmp_path, "dossier.yml", "title: No\ndescription: off\n"), "dossier.yml")
    assert cfg.title == "No"
    assert cfg.description == "off"


def test_title_true_fails_with_file_and_line(tmp_path):
    msg = error_of(load_config, write(tmp_path, "dossier.yml", "description: x\ntitle: true\n"), "dossier.yml")
    assert msg.startswith("dossier.yml:2:") and "quotes" in msg


def test_missing_title_is_an_error_naming_the_file(tmp_path):
    msg = error_of(load_config, write(tmp_path, "dossier.yml", "description: x\n"), "dossier.yml")
    assert "dossier.yml" in msg and "title" in msg


def test_unknown_key_suggests_the_right_one(tmp_path):
    msg = error_of(load_config, write(tmp_path, "dossier.yml", "title: T\ndescripton: x\n"), "dossier.yml")
    assert msg.startswith("dossier.yml:2:") and "did you mean 'description'" in msg


def test_invalid_yaml_reports_the_line(tmp_path):
    msg = error_of(load_config, write(tmp_path, "dossier.yml", "title: T\ndescription: [unclosed\n"), "dossier.yml")
    assert msg.startswith("dossier.yml:") and "invalid YAML" in msg


def test_bad_clean_regex_is_reported(tmp_path):
    msg = error_of(
        load_config, write(tmp_path, "dossier.yml", "title: T\nclean:\n  drop: ['(unclosed']\n"), "dossier.yml"
    )
    assert msg.startswith("dossier.yml:3:") and "regular expression" in msg


def test_dates_stay_text_and_are_validated(tmp_path):
    metas = load_source_metas(write(tmp_path, "sources.yml", "a.txt:\n  date: 2014-12-03\n"), "sources.yml")
    assert str(metas["a.txt"][0].date) == "2014-12-03"
    msg = error_of(load_source_metas, write(tmp_path, "s2.yml", "a.txt:\n  date: 3 Dec 2014\n"), "sources.yml")
    assert msg.startswith("sources.yml:2:") and "YYYY-MM-DD" in msg


def test_actor_unknown_kind_with_did_you_mean(tmp_path):
    msg = error_of(load_actors, write(tmp_path, "actors.yml", "- name: A\n  kind: persn\n"), "actors.yml")
    assert msg.startswith("actors.yml:2:") and "did you mean 'person'" in msg


def test_actor_duplicate_id_names_both_lines(tmp_path):
    text = "- name: John Kerry\n  kind: person\n- name: John  Kerry\n  id: john-kerry\n  kind: person\n"
    msg = error_of(load_actors, write(tmp_path, "actors.yml", text), "actors.yml")
    assert "duplicate actor id 'john-kerry'" in msg and "line 1" in msg and msg.startswith("actors.yml:3:")


def test_alias_claimed_by_two_actors_is_rejected(tmp_path):
    text = "- name: Islamic State\n  kind: group\n  aliases: [IS]\n- name: Iceland\n  kind: country\n  aliases: [IS]\n"
    msg = error_of(load_actors, write(tmp_path, "actors.yml", text), "actors.yml")
    assert "alias 'IS'" in msg and "islamic-state" in msg and msg.startswith("actors.yml:6:")


def test_empty_alias_is_rejected(tmp_path):
    msg = error_of(
        load_actors, write(tmp_path, "actors.yml", "- name: A\n  kind: group\n  aliases: ['', B]\n"), "actors.yml"
    )
    assert msg.startswith("actors.yml:3:") and "empty" in msg


def test_actor_unknown_key_with_did_you_mean(tmp_path):
    msg = error_of(load_actors, write(tmp_path, "actors.yml", "- name: A\n  kind: group\n  alias: [B]\n"), "actors.yml")
    assert msg.startswith("actors.yml:3:") and "did you mean 'aliases'" in msg


def test_alias_no_stays_text(tmp_path):
    actors = load_actors(
        write(tmp_path, "actors.yml", "- name: Norway\n  kind: country\n  aliases: [NO, No]\n"), "actors.yml"
    )
    assert actors[0].aliases == ("Norway", "NO", "No")


def test_topic_needs_a_keyword_and_valid_patterns(tmp_path):
    msg = error_of(load_topics, write(tmp_path, "topics.yml", "- name: T\n  description: d\n"), "topics.yml")
    assert msg.startswith("topics.yml:1:") and "keyword" in msg
    msg = error_of(load_topics, write(tmp_path, "t2.yml", "- name: T\n  patterns: ['a(']\n"), "topics.yml")
    assert msg.startswith("topics.yml:2:")


def test_unusable_sources_are_skipped_with_a_warning(tmp_path):
    shutil.copytree(REPO / "dossier", tmp_path / "dossier")
    src = tmp_path / "dossier/sources"
    (src / "empty.txt").write_bytes(b"")
    (src / "image.png").write_bytes(b"\x89PNG\r\n")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (src / ".hidden.txt").write_text("ignored")
    project = load_project(tmp_path)
    assert len(project.sources) == 5
    joined = "\n".join(project.warnings)
    assert "dossier/sources/empty.txt: empty file" in joined
    assert "dossier/sources/image.png: not a source" in joined
    assert "dossier/sources/binary.txt: looks binary" in joined
    assert ".hidden" not in joined


def test_curated_entry_for_a_missing_file_warns_with_line(tmp_path):
    shutil.copytree(REPO / "dossier", tmp_path / "dossier")
    with open(tmp_path / "dossier/sources.yml", "a", encoding="utf-8") as f:
        f.write("gone.txt:\n  publisher: X\n")
    project = load_project(tmp_path)
    assert any(w.startswith("dossier/sources.yml:") and "gone.txt" in w for w in project.warnings)


def test_not_a_project_is_a_clear_error(tmp_path):
    msg = error_of(load_project, tmp_path)
    assert "not a dossier project" in msg and "dossier new" in msg


def test_slugify_is_ascii_and_stable():
    assert slugify("Haider al-Abadi") == "haider-al-abadi"
    assert slugify("Orbán's EPP") == "orban-s-epp"
    assert slugify("000_6da2900302d33055") == "000-6da2900302d33055"
