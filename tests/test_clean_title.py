"""The title of a text page: the headline just before the article, not the site's furniture."""

from __future__ import annotations

from build_tools.clean import clean_source
from build_tools.model import RawSource, SourceMeta

_PROSE = (
    "The council voted on Tuesday to close the old bridge to traffic while engineers repair the cracked "
    "supports, a job that is expected to take most of the summer and cost the town more than it planned.\n\n"
    "Residents who cross the river every morning said they would have to drive an extra twenty minutes, "
    "and several shop owners on the far bank warned that they could lose a large part of their trade.\n\n"
    "The mayor said the decision had not been taken lightly and that the safety of the people who use the "
    "bridge came before everything else, adding that a temporary footbridge would open within weeks.\n"
)
_HEADLINE = "Council closes the old bridge for summer repairs"


def title_of(head: str, meta: SourceMeta = SourceMeta()) -> str:
    raw = RawSource(id="p", file="page.txt", format="text", text=head + "\n\n" + _PROSE, encoding="utf-8", meta=meta)
    return clean_source(raw).title


def test_headline_after_the_menus_is_the_title_not_the_skip_links():
    head = (
        "Skip to: Search Box Section Navigation Content View the Sitemap\n\n* Home\n* Local\n* Sport\n\n"
        f"{_HEADLINE}\n\nBy Jane Doe\n\nMarch 3, 2014 7:15 AM"
    )
    assert title_of(head) == _HEADLINE


def test_a_welcome_line_or_skip_links_are_not_a_title_even_alone():
    for first in ("Welcome to the Riverside Gazette", "Skip to main content", "Jump to story headline"):
        assert title_of(f"* Home\n\n{first}") == "page", first


def test_site_part_of_a_first_line_is_stripped_when_the_headline_repeats_it():
    for first in (f"{_HEADLINE} - The Riverside Gazette", f"The Riverside Gazette | {_HEADLINE}"):
        assert title_of(f"{first}\n\n* Home\n* Local\n\n{_HEADLINE}") == _HEADLINE


def test_a_headline_line_carrying_the_site_name_loses_it():
    head = f"* Home\n* Local\n\nThe Riverside Gazette\n\n* Sport\n\n{_HEADLINE} | The Riverside Gazette"
    assert title_of(head) == _HEADLINE


def test_the_site_name_alone_on_the_first_line_is_not_a_title():
    assert title_of("Riverside Gazette") == "page"


def test_dates_credits_and_names_between_headline_and_article_are_skipped():
    for line in ("Jane Doe", "Posted by Jane Doe", "By JANE DOE and JOHN ROE", "Photo: Jo Smith / Reuters",
                 "Updated 7:15 AM", "March 3rd, 2014", "Posted by Jane Doe in Local News, Roads and Bridges"):  # fmt: skip
        assert title_of(f"Welcome to the Riverside Gazette\n\n{_HEADLINE}\n\n{line}") == _HEADLINE, line


def test_a_question_headline_is_kept_and_a_sentence_is_not_taken_for_one():
    question = "Will the old bridge ever reopen?"
    assert title_of(f"* Home\n\n{question}\n\nBy Jane Doe") == question
    assert title_of(f"{_HEADLINE}\n\nThe bridge was built in 1890.") == _HEADLINE


def test_a_curated_title_wins_over_the_headline():
    assert title_of(f"* Home\n\n{_HEADLINE}", SourceMeta(title="Bridge closed")) == "Bridge closed"


def test_a_short_prompt_next_to_the_article_gives_way_to_the_headline_above_it():
    assert title_of(f"* Home\n\n{_HEADLINE}\n\nKeep me logged in") == _HEADLINE
    assert title_of("* Home\n\nBridge works reopen") == "Bridge works reopen"  # a short headline alone stays


def _title_bench():
    import importlib.util
    import sys
    from pathlib import Path

    bench_dir = Path(__file__).resolve().parent.parent / "bench"
    for name in ("clean_quality", "title_quality"):
        if name not in sys.modules:
            spec = importlib.util.spec_from_file_location(name, bench_dir / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # dataclasses look their module up there
            spec.loader.exec_module(module)
    return sys.modules["title_quality"]


def test_the_bench_takes_a_gold_first_line_as_reference_only_when_it_is_a_headline():
    bench = _title_bench()
    assert bench.reference(f"\n{_HEADLINE}\nThe council voted.") == _HEADLINE
    for first in ("July 24, 2012 12:11 AM", "24", "By JANE DOE", "The council voted on Tuesday to close it."):
        assert bench.reference(f"{first}\n{_HEADLINE}") == "", first
    assert bench.normalised("Council  closes, the BRIDGE!") == bench.normalised("council closes the bridge")
