"""Figures (numbers with what they count) and their grouping across sources."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from build_tools.extract.figures import Figure, find_figures, group_figures, quantity_of
from fixtures.extract.seeds import make_source, paragraph_at_line, seed_sources

LABELS = Path(__file__).parent / "labels" / "figures.yml"


def figures_of(*paragraphs: str, sid: str = "s1") -> tuple[Figure, ...]:
    return find_figures([make_source(sid, "2020-05-06", list(paragraphs))])


def one(text: str) -> Figure:
    found = figures_of(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "sentence, value, qualifier, quantity",
    [
        ("Delegates from more than 60 countries met.", 60, "more than", "countries"),
        ("The 60-odd members of the alliance met.", 60, "-odd", "members"),
        ("The 60-member alliance met.", 60, "", "members"),
        ("To date, some 900 bombs have been dropped.", 900, "some", "bombs"),
        ("Roughly 1,000 coalition air strikes were flown.", 1000, "roughly", "air strikes"),
        ("They launched more than 1,000 airstrikes.", 1000, "more than", "air strikes"),
        ("A single airstrike hit 5 houses.", 5, "", "houses"),
        ("Police say up to 5,000 EU citizens left.", 5000, "up to", "citizens"),
        ("There are around 30,000 rebel fighters.", 30000, "around", "fighters"),
        ("An estimated 10,000 foreign fighters joined.", 10000, "an estimated", "fighters"),
        ("They demand a $200 million ransom.", 200_000_000, "", "dollars"),
        ("The plan will take up to one year.", 1, "up to", "years"),
        ("Turnout rose to 45% in the north.", 45, "", "percent"),
    ],
)
def test_figure_keeps_qualifier_value_and_normalised_quantity(sentence, value, qualifier, quantity):
    f = one(sentence)
    assert (f.value, f.qualifier, f.quantity) == (value, qualifier, quantity)
    assert f.sentence == sentence


def test_singular_plural_and_compound_nouns_normalise_to_one_quantity():
    assert quantity_of("airstrike") == quantity_of("air strikes") == quantity_of("Airstrikes")
    assert quantity_of("brigade") == quantity_of("brigades") == "brigades"
    assert quantity_of("casualties") == quantity_of("casualty")


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministers meet in Marrakesh on Dec 15 to talk.",
        "Since Aug. 8 the bridge has been closed.",
        "He spoke on Thursday (20 November) in a statement.",
        "The deadline expires at 2:50 pm (0550 GMT) on Friday.",
        "It was created on 2014-12-03 by the board.",
        "The 1979 revolution changed the country.",
        "He was the 20th speaker of the day.",
        "Thousands of fighters and dozens of countries took part.",
        "It is one of the longest problems of one kind or another.",
    ],
)
def test_dates_times_years_ordinals_and_vague_amounts_are_not_figures(sentence):
    assert figures_of(sentence) == ()


def test_first_noun_is_counted_not_a_later_one_joined_by_and():
    f = one("Diplomats from more than 60 states and international organisations gathered.")
    assert f.quantity == "states"


def test_numbers_in_a_list_borrow_the_noun_of_the_first():
    found = figures_of("The plan is to create 12 brigades, nine local and four from the north.")
    assert [(f.value, f.quantity) for f in found] == [(12, "brigades"), (9, "brigades"), (4, "brigades")]


def test_n_of_some_m_counts_what_m_counts():
    found = figures_of("Talks involving 21 of some 60 countries began.")
    assert [(f.value, f.quantity, f.qualifier) for f in found] == [(21, "countries", ""), (60, "countries", "some")]
    assert found[0].text == "21 of some 60"


def test_group_marks_disagreement_and_keeps_distant_values_apart():
    a = figures_of("The alliance of 60 members met. It has all 28 members of the old pact.", sid="a")
    b = figures_of("Delegates of 62 countries came.", sid="b")
    groups = group_figures(a + b)
    size = next(g for g in groups if 60 in g.values)
    assert size.values == (60, 62) and size.agree is False and size.verdict == "conflicting"
    assert {f.source for f in size.figures} == {"a", "b"}
    assert 28 not in size.values
    assert any(g.values == (28,) for g in groups)


def test_group_agrees_when_every_source_gives_the_same_value():
    a = figures_of("Some 40 hostages were freed.", sid="a")
    b = figures_of("About 40 hostages were released.", sid="b")
    (group,) = group_figures(a + b)
    assert group.agree is True and group.values == (40,) and len(group.figures) == 2
    assert group.verdict == "consistent"


@pytest.mark.parametrize(
    "stated, low, high, bounds",
    [
        ("more than 60 countries", 60, math.inf, "()"),
        ("60-odd countries", 60, 70, "[)"),
        ("some 60 countries", 54, 66, "[]"),
        ("about 60 countries", 54, 66, "[]"),
        ("up to 5,000 people", 0, 5000, "[]"),
        ("at least 12 people", 12, math.inf, "[)"),
        ("fewer than 300 people", 0, 300, "[)"),
        ("62 countries", 62, 62, "[]"),
        ("100-odd countries", 100, 200, "[)"),
        # a group labelled by its size: a round size is rounded, any other exact
        ("the 60-member coalition", 55, 65, "[]"),
        ("the 18-nation conference", 18, 18, "[]"),
        ("the 15-member council", 15, 15, "[]"),
        ("the 275-member parliament", 275, 275, "[]"),
        ("a 200-strong group", 180, 220, "[]"),
        ("a 1,000-member party", 900, 1100, "[]"),
    ],
)
def test_each_figure_is_a_range(stated, low, high, bounds):
    (f,) = figures_of(f"Delegates said {stated} took part.")
    assert (f.low, f.high, f.bounds) == (pytest.approx(low), high, bounds)


def test_ranges_that_overlap_are_consistent_and_exact_values_that_differ_conflict():
    a = figures_of("More than 60 countries met.", sid="a")
    b = figures_of("Delegates of 62 countries came.", sid="b")
    c = figures_of("The 60-odd countries of the coalition met.", sid="c")
    (group,) = group_figures(a + b + c)
    assert group.verdict == "consistent" and group.conflicts == ()
    d = figures_of("Delegates of 60 countries came.", sid="d")
    (group,) = group_figures(b + d)
    assert group.verdict == "conflicting" and len(group.conflicts) == 1


def test_bombs_are_not_compared_with_strikes_nor_brigades_with_fighters():
    a = figures_of("Some 900 bombs have been dropped. There are 12 brigades.", sid="a")
    b = figures_of("Roughly 1,000 air strikes were flown. About 1,100 fighters joined.", sid="b")
    groups = group_figures(a + b)
    assert all(len({f.quantity for f in g.figures}) == 1 for g in groups)
    assert all(g.verdict == "single" for g in groups)


def test_trivial_counts_stay_out_of_comparisons():
    a = figures_of("Two hostages were freed after nearly two months.", sid="a")
    b = figures_of("Three hostages were freed.", sid="b")
    groups = group_figures(a + b)
    assert all(g.verdict == "single" and len(g.figures) == 1 for g in groups)


def test_statements_far_apart_in_time_are_not_compared():
    a = [replace(f, ref=replace(f.ref, source="a")) for f in figures_of("Delegates of 60 countries came.", sid="a")]
    b = figures_of("Delegates of 62 countries came.", sid="b")
    sources = [make_source("a", "2014-01-05", ["x"]), make_source("b", "2014-12-03", ["y"])]
    groups = group_figures([*a, *b], sources)
    assert len(groups) == 2 and all(g.verdict == "single" for g in groups)


def test_group_treats_a_one_letter_typo_in_the_noun_as_the_same_quantity():
    a = figures_of("Delegates of 60 countries came.", sid="a")
    b = figures_of("Delegates of 61 counties came.", sid="b")
    c = figures_of("Ministers of 60 countries spoke.", sid="c")
    groups = group_figures(a + b + c)
    assert len(groups) == 1 and groups[0].values == (60, 61)


@pytest.mark.parametrize(
    "sentence, value, qualifier, quantity",
    [
        ("Social care takes up 71p of every pound it spends.", 71, "", "pence"),
        ("Parking charges rise by 20p an hour.", 20, "", "pence"),
        ("A final dividend of 14.2 pence per share was proposed.", 14.2, "", "pence"),
        ("Council tax rises by 4.9 per cent this year.", 4.9, "", "percent"),
        ("He stole more than £2.4m from the charity.", 2_400_000, "more than", "pounds"),
        ("Twenty-three volunteers went out into the storm.", 23, "", "volunteers"),
        ("The three-judge panel ruled for the owners.", 3, "", "judges"),
        ("It followed a four-hour debate.", 4, "", "hours"),
        ("Antibodies rose 3.1-fold in the blood.", 3.1, "", "times"),
        ("The breach was about 60 feet wide.", 60, "about", "feet"),
        ("It was accurate to eight metres.", 8, "", "metres"),
        ("Winds were gusting to 60mph.", 60, "", "mph"),
        ("She won six games in the evening.", 6, "", "games"),
        ("Side effects resolved within three days.", 3, "within", "days"),
    ],
)
def test_units_pence_compound_and_spelled_out_numbers(sentence, value, qualifier, quantity):
    f = one(sentence)
    assert (f.value, f.qualifier, f.quantity) == (value, qualifier, quantity)


def test_the_noun_right_after_the_number_wins_over_a_list_neighbour():
    found = figures_of("The budget was passed by 27 votes to 19, with three abstentions.")
    assert [(f.value, f.quantity) for f in found] == [(27, "votes"), (19, "votes"), (3, "abstentions")]
    found = figures_of("It beat the 590 million pounds expected by a consensus of 14 analysts.")
    assert [(f.value, f.quantity) for f in found] == [(590e6, "pounds"), (14, "analysts")]


@pytest.mark.parametrize(
    "sentence",
    [
        "It will start a Phase 3 efficacy trial soon.",
        "Shares were the top gainers on the FTSE 250 midcap index.",
        "Antibodies were measured at day 28 of the trial.",
        "A man in his 30s was lost on the ridge.",
        "The levee was built in the 1950s by the county.",
        "Nobody sends email after 6 p.m. at the firm.",
        "The threat has brought the two arch-foes together.",
        "Its last posting drew more applicants than the one before.",
        "Two-thirds of the members agreed.",
        "($1 = 0.7950 pounds)",
    ],
)
def test_names_labels_decades_times_references_and_conversion_notes_are_not_figures(sentence):
    assert figures_of(sentence) == ()


def test_a_list_item_marker_is_not_part_of_the_sentence():
    f = one("• A 3% increase in the payroll tax threshold")
    assert (f.value, f.quantity) == (3, "percent")
    assert f.sentence == "A 3% increase in the payroll tax threshold"


# -- the seed sources -----------------------------------------------------------------------------


def labels() -> list[dict]:
    return yaml.safe_load(LABELS.read_text(encoding="utf-8"))


def label_keys() -> set[tuple]:
    sources = seed_sources()
    return {
        (*paragraph_at_line(sources, lab["file"], lab["line"]), float(lab["value"]), lab["quantity"], lab["qualifier"])
        for lab in labels()
    }


def found_keys() -> set[tuple]:
    return {(f.source, f.paragraph, f.value, f.quantity, f.qualifier) for f in find_figures(seed_sources())}


def test_every_labelled_seed_figure_is_found():
    missing = label_keys() - found_keys()
    assert not missing


def test_no_unlabelled_figure_is_found_on_the_seeds():
    extra = found_keys() - label_keys()
    assert not extra


def test_seeds_show_the_coalition_size_disagreement():
    groups = group_figures(find_figures(seed_sources()))
    size = next(g for g in groups if 62 in g.values)
    assert not size.agree
    texts = sorted(f.text for f in size.figures)
    assert texts == sorted(["60-member", "more than 60", "some 60", "62", "60-odd"])
    assert len({f.source for f in size.figures}) == 5


def test_seeds_compare_air_strikes_but_not_bombs_with_them():
    groups = group_figures(find_figures(seed_sources()))
    strikes = next(g for g in groups if 1000 in g.values and g.quantity == "air strikes")
    assert sorted(f.qualifier for f in strikes.figures) == ["more than", "roughly"]
    assert strikes.verdict == "consistent"  # "more than 1,000" and "roughly 1,000" can both be true
    bombs = next(g for g in groups if 900 in g.values)
    assert bombs.quantity == "bombs" and bombs.verdict == "single" and len(bombs.figures) == 1


def test_seeds_coalition_size_is_consistent_with_the_60_member_label_read_as_rounded():
    groups = group_figures(find_figures(seed_sources()))
    size = next(g for g in groups if 62 in g.values)
    # "the 60-member coalition" is a rounded label (55 to 65): it agrees with "more than 60" and
    # with 62, as "some 60" and "60-odd" do; nothing in the group excludes anything else.
    assert size.verdict == "consistent" and size.conflicts == ()
    label = next(f for f in size.figures if f.text == "60-member")
    assert (label.low, label.high) == (55, 65)


def test_an_exact_60_still_conflicts_with_62_and_with_more_than_60():
    a = figures_of("Delegates of 60 countries came.", sid="a")
    b = figures_of("Delegates of 62 countries came.", sid="b")
    c = figures_of("Delegates of more than 60 countries came.", sid="c")
    (group,) = group_figures(a + b + c)
    pairs = {tuple(sorted((group.figures[i].text, group.figures[j].text))) for i, j in group.conflicts}
    assert group.verdict == "conflicting" and pairs == {("60", "62"), ("60", "more than 60")}


def test_figures_are_sorted_and_independent_of_source_order():
    sources = seed_sources()
    assert find_figures(tuple(reversed(sources))) == find_figures(sources)


# -- ten pages on other subjects (tests/labels/other/) ------------------------------------------


def test_precision_and_recall_on_pages_about_other_subjects():
    from fixtures.extract.other import other_sources
    from fixtures.extract.scoring import score_figures

    score, qualifiers = score_figures(find_figures(other_sources()))
    assert score.precision >= 0.95 and score.recall >= 0.95, score
    assert qualifiers >= 0.95


@pytest.mark.parametrize(
    "sentence, text, low, high, quantity",
    [
        ("The country has 30 to 40 warheads.", "30 to 40", 30, 40, "warheads"),
        (
            "It expects to lose between 35 million and 50 million pounds.",
            "between 35 million and 50 million",
            35e6,
            50e6,
            "pounds",
        ),
        ("I saw about 50 to 60 injured police.", "about 50 to 60", 50, 60, "police"),
    ],
)
def test_a_stated_range_is_one_figure(sentence, text, low, high, quantity):
    (f,) = figures_of(sentence)
    assert (f.text, f.low, f.high, f.quantity) == (text, low, high, quantity)


def test_figure_nouns_in_real_copy():
    assert [(f.value, f.quantity) for f in figures_of("It has only 10 operational aircraft.")] == [(10, "aircraft")]
    assert [(f.value, f.quantity) for f in figures_of("The dispatch of 3,200 U.S. Marines began.")] == [
        (3200, "marines")
    ]
    assert [(f.value, f.quantity) for f in figures_of("Escorted by more than a dozen police vehicles.")] == [
        (12, "vehicles")
    ]
    assert figures_of("Chua, 61, apologized after the 9/11 attacks to the 44-year-old Austin.") == ()
    assert figures_of("He wanted the Group of Eight to meet.") == ()


def test_a_count_after_rose_or_fell_to_counts_the_subject():
    found = figures_of(
        "The number of engineering graduates fell by 3% to 12,080 and of computer science graduates by 27% to 11,400."
    )
    assert [(f.value, f.quantity) for f in found] == [
        (3, "percent"),
        (12080, "graduates"),
        (27, "percent"),
        (11400, "graduates"),
    ]
    found = figures_of("Graduates in sport science more than doubled to more than 8,000 between 2003 and 2010.")
    assert [(f.text, f.quantity) for f in found] == [("more than 8,000", "graduates")]


def test_n_of_their_nouns_counts_the_nouns():
    found = figures_of("The disputes between China and four of its Southeast Asian neighbors grew.")
    assert [(f.value, f.quantity) for f in found] == [(4, "neighbors")]


@pytest.mark.parametrize(
    "sentence, quantity",
    [
        ("Twelve family members were killed in the strike.", "members"),
        ("The army said 40 elderly residents were moved.", "residents"),
    ],
)
def test_an_adjective_or_noun_in_ly_is_part_of_what_is_counted(sentence, quantity):
    assert one(sentence).quantity == quantity
