"""Passages shared by several sources (wire copy): constructed pairs and the seeds."""

from __future__ import annotations

from build_tools.extract.syndication import CONTAINMENT, VERBATIM_RUN, containment, find_shared
from fixtures.extract.seeds import make_source, seed_sources

WIRE = (
    "Flood barriers along the northern river were raised overnight after forecasters warned that "
    "water levels could reach their highest point in forty years, the regional authority said on "
    "Monday, adding that some 3,000 residents had been told to leave their homes."
)
EDITED = (
    "Flood barriers along the northern river were raised overnight after forecasters warned that "
    "water levels could reach their highest level in 40 years, the regional authority said, "
    "adding that some 3,000 residents had been told to leave their homes."
)
SAME_SUBJECT = (
    "Residents of the northern valley spent the night filling sandbags as the river rose, and the "
    "regional authority, which has been criticised for its slow response, promised more pumps and "
    "a review of the flood barriers once the water level drops."
)


def source(sid: str, *paragraphs: str):
    return make_source(sid, "2020-02-03", list(paragraphs))


def test_lightly_edited_wire_paragraph_in_two_sources_is_found():
    (passage,) = find_shared([source("a", "Intro of a.", WIRE), source("b", EDITED, "Other text.")])
    assert [(r.source, r.paragraph) for r in passage.refs] == [("a", "p2"), ("b", "p1")]
    assert passage.similarity >= CONTAINMENT
    assert passage.text.startswith("Flood barriers") and passage.text.endswith("their homes")


def test_two_unrelated_paragraphs_on_the_same_subject_are_not_shared():
    assert find_shared([source("a", WIRE), source("b", SAME_SUBJECT)]) == ()


def test_a_copied_run_of_ten_words_inside_rewritten_paragraphs_is_found():
    run = "through oil sales, extortion, plunder, ransom and the sale of antiquities"
    a = source("a", f"The ministers will study how the group raises money {run}, he said.")
    b = source("b", f"Officials noted the group's income. It currently earns {run}.")
    (passage,) = find_shared([a, b])
    assert passage.text == run
    assert passage.similarity < CONTAINMENT  # found through the verbatim run, not containment


def test_a_common_eight_word_phrase_is_not_syndication():
    phrase = "the US-led coalition against the Islamic State group"
    assert len(phrase.replace("-", " ").split()) < VERBATIM_RUN
    a = source("a", f"Diplomats from {phrase} met in the capital on Monday to plan their next steps.")
    b = source("b", f"Top officials of {phrase} gathered for talks dominated by the threat of returning fighters.")
    assert find_shared([a, b]) == ()


def test_a_passage_carried_by_three_sources_is_one_group():
    (passage,) = find_shared([source("c", WIRE), source("a", EDITED), source("b", WIRE)])
    assert [r.source for r in passage.refs] == ["a", "b", "c"]


def test_repeats_within_one_source_are_not_syndication():
    assert find_shared([source("a", WIRE, WIRE)]) == ()


def test_containment_is_measured_on_the_smaller_set():
    assert containment({1, 2}, {1, 2, 3, 4}) == 1.0
    assert containment(set(), {1}) == 0.0


def test_seeds_share_the_list_of_revenue_sources_between_000_and_003():
    sources = seed_sources()
    files = {s.id: s.file[:3] for s in sources}
    shared = find_shared(sources)
    oil = [p for p in shared if "human trafficking and the sale of Syrian antiquities" in p.text]
    assert len(oil) == 1
    assert sorted(files[r.source] for r in oil[0].refs) == ["000", "003"]
    assert all(len({r.source for r in p.refs}) >= 2 for p in shared)
    assert find_shared(tuple(reversed(sources))) == shared


def test_a_passage_carried_by_two_hundred_sources_is_one_group():
    sources = [source(f"s{i:03d}", f"Dispatch {i}.", WIRE) for i in range(200)]
    (passage,) = find_shared(sources)
    assert len(passage.refs) == 200
    assert {r.paragraph for r in passage.refs} == {"p2"}


def test_a_stock_phrase_in_every_source_costs_comparisons_linear_in_the_sources(monkeypatch):
    from build_tools.extract import syndication

    calls = 0
    real = syndication._link

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(syndication, "_link", counting)
    phrase = "the regional authority said on monday"
    n = 300
    sources = [source(f"s{i:03d}", f"Item {i}: {phrase} that road number {i} would reopen soon.") for i in range(n)]
    assert find_shared(sources) == ()
    # All pairs would be n * (n - 1) / 2 = 44,850 comparisons.
    assert calls <= syndication.REPRESENTATIVES * n


def _counting_reads(monkeypatch):
    from build_tools.extract import syndication

    reads: list[str] = []
    real = syndication._paragraph

    def counting(source_index, source, para_index, seen):  # noqa: ANN001, ANN202
        reads.append(source.id)
        return real(source_index, source, para_index, seen)

    monkeypatch.setattr(syndication, "_paragraph", counting)
    return reads


def test_a_run_handed_the_memo_of_its_first_sources_equals_a_run_from_nothing(monkeypatch):
    """The incremental path: the memo of a run over the first sources (by id) lets a run over
    them and more read only the paragraphs of the sources after them (and of those it must
    compare again), with the result of a run from nothing."""
    from build_tools.extract.syndication import find_shared_keeping

    seeds = seed_sources()
    added = [
        source("zz1", "A dispatch of its own.", EDITED),
        source("zz2", f"Officials noted it. {WIRE}", "Through oil sales, extortion, plunder, ransom and the sale."),
        source("zz3", "Nothing anyone else wrote about the harbour's new cranes."),
    ]
    first = [*seeds, source("wire-a", WIRE), source("wire-b", "Intro.", EDITED), source("wire-c", SAME_SUBJECT)]
    before, memo = find_shared_keeping(first)
    assert before == find_shared(first)
    old_paragraphs = sum(len(s.paragraphs) for s in first)
    reads = _counting_reads(monkeypatch)
    after, kept = find_shared_keeping(first + added, memo)
    assert {"zz1", "zz2", "zz3"} <= set(reads)
    assert sum(1 for r in reads if not r.startswith("zz")) < old_paragraphs / 2
    assert after == find_shared([*reversed(added), *first]) and after != before
    reads.clear()
    again, _ = find_shared_keeping(first + added, kept)
    assert again == after and reads == []  # nothing new: nothing read


def test_a_memo_of_other_sources_is_ignored(monkeypatch):
    """A source changed, or one added that sorts before the others: the memo is not the run's
    prefix, and the run reads everything again, with the same result."""
    from build_tools.extract.syndication import find_shared_keeping

    base = [source("b", WIRE), source("c", "Intro.", EDITED), source("d", SAME_SUBJECT)]
    _, memo = find_shared_keeping(base)
    for changed in ([source("a", EDITED), *base], [base[0], source("c", SAME_SUBJECT), base[2]]):
        expected = find_shared(changed)
        _, memo = find_shared_keeping(base)
        assert find_shared_keeping(changed, memo)[0] == expected


def test_a_shingle_the_new_sources_make_widely_held_changes_the_pairs_as_from_nothing():
    """Twelve sources hold a stock phrase (every pair of them compared); two more make it held
    by fourteen, compared through representatives from then on. The pairs its earlier holders
    made through it alone are dropped, those they make through a rarer shingle are kept: the
    result and the pairs are those of a run from nothing."""
    from build_tools.extract.syndication import find_shared_keeping

    phrase = "the regional authority said on monday"
    rare = "that the northern harbour cranes would be replaced by the end of the decade"
    old = [
        source(f"s{i:02d}", f"Item {i}: {phrase} w{i}a w{i}b w{i}c." + (f" Officials said {rare}." if i < 2 else ""))
        for i in range(12)
    ]
    new = [source(f"t{i:02d}", f"Note {i}: {phrase} v{i}a v{i}b v{i}c.") for i in range(2)]
    _, memo = find_shared_keeping(old)
    wide = " ".join(phrase.split()[:5])
    assert wide not in memo.wide
    after, kept = find_shared_keeping(old + new, memo)
    fresh, whole = find_shared_keeping(old + new)
    assert after == fresh and len(after) == 1
    assert kept.pairs == whole.pairs and kept.wide == whole.wide and wide in kept.wide
    # of the 66 pairs of the twelve, only the one sharing the rare run is left (and the items and
    # notes of the same number share the words around it)
    assert len(memo.pairs) == 66 and [p for p in kept.pairs if p >> 32 < 12 and p & 0xFFFFFFFF < 12] == [1]
