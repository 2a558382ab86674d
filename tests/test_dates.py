"""Dates in the text, resolved against the publication date: constructed cases and the seeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from build_tools.extract.dates import find_events, resolve_weekday, tense_near
from build_tools.model import Event
from fixtures.extract.seeds import make_source, paragraph_at_line, seed_sources

LABELS = Path(__file__).parent / "labels" / "events.yml"
WEDNESDAY = "2014-12-03"


def events_of(text: str, published: str = WEDNESDAY) -> tuple[Event, ...]:
    return find_events([make_source("s1", published, [text])])


def one(text: str, published: str = WEDNESDAY) -> Event:
    found = events_of(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The report was released on 2014-12-03 in full.", "2014-12-03"),
        ("The video was posted on September 23, 2014 online.", "2014-09-23"),
        ("Ministers are due to meet on Dec 15 in Rabat.", "2014-12-15"),
        ("Strikes have continued since Aug. 8 without pause.", "2014-08-08"),
        ("He spoke on Thursday (20 November) in a statement.", "2014-11-20"),
        ("The first strikes came in August.", "2014-08"),
        ("In late September the strikes were extended.", "2014-09"),
        ("He said so in mid-October in a speech.", "2014-10"),
        ("The bank collapsed in 1998 after a run.", "1998"),
        ("The unit may be deployed next spring.", "2015"),
        ("Today, the mayor opened the bridge.", WEDNESDAY),
    ],
)
def test_dates_resolve_against_the_publication_date(sentence, expected):
    event = one(sentence)
    assert event.resolved and event.iso == expected
    assert event.text == sentence


def test_weekday_equal_to_the_publication_weekday_is_the_publication_day():
    event = one("The mayor on Wednesday hosts the first meeting.")
    assert event.iso == WEDNESDAY
    assert event.resolution == f"Wednesday of {WEDNESDAY} (publication date)"


def test_weekday_in_a_past_tense_sentence_is_the_one_before():
    event = one("The interview was broadcast on Friday by a local channel.")
    assert event.iso == "2014-11-28"
    assert "before" in event.resolution and WEDNESDAY in event.resolution


def test_weekday_in_a_future_tense_sentence_is_the_one_after():
    assert one("The deadline will expire on Monday at noon.").iso == "2014-12-08"


def test_weekday_without_tense_is_the_nearest():
    assert one("Tuesday: talks with the unions.").iso == "2014-12-02"
    assert one("Friday: talks with the unions.").iso == "2014-12-05"


def test_last_and_next_force_the_direction():
    assert one("It rained last Wednesday.").iso == "2014-11-26"
    assert one("It will rain next Wednesday.").iso == "2014-12-10"


def test_year_of_a_day_without_year_follows_the_tense_across_new_year():
    # Published in January: "Dec 20" in the past is last December, not next December.
    assert one("The talks were held on Dec 20 in Paris.", "2015-01-05").iso == "2014-12-20"
    assert one("The talks will be held on Jan 3 in Paris.", "2014-12-28").iso == "2015-01-03"


def test_last_week_is_the_monday_of_the_week_before():
    event = one("Police raided the flat last week.")
    assert event.iso == "2014-11-24"


def test_without_publication_date_relative_dates_are_listed_unresolved():
    found = events_of("He spoke on Tuesday, and the vote is on Dec 15. It began on 2014-08-08.", "")
    by_text = {e.date_text: e for e in found}
    assert by_text["on Tuesday"].resolved is False and by_text["on Tuesday"].iso == ""
    assert by_text["Dec 15"].resolved is False
    assert by_text["2014-08-08"].iso == "2014-08-08"
    assert found[-1].iso == ""  # unresolved ones come last


def test_month_exactly_six_months_away_without_tense_is_left_unresolved():
    event = one("Elections in June.", "2014-12-15")
    assert not event.resolved and event.iso == ""


def test_times_durations_and_the_next_year_are_not_dates():
    assert events_of("The deadline expires at 2:50 pm (0550 GMT).") == ()
    assert events_of("A resolution may come within the next year or two months.") == ()


def test_tense_near_reads_the_nearest_cue():
    sentence = "He said the meeting will take place on Friday."
    start = sentence.index("on Friday")
    assert tense_near(sentence, start, start + 9) == "future"
    assert tense_near("United they fought on Friday.", 19, 28) == "past"


def test_resolve_weekday_explains_itself():
    when, how = resolve_weekday(4, date(2014, 12, 3), "", "")
    assert when == date(2014, 12, 5)
    assert how == "Friday nearest 2014-12-03 (publication date)"


def test_a_plan_points_ahead_whatever_the_tense_of_its_verb():
    text = "The meeting concerned the leisure centre, which officers had proposed closing from September to save money."
    assert one(text, "2025-02-27").iso == "2025-09"


def test_the_dates_own_clause_decides_before_the_rest_of_the_sentence():
    text = (
        "The Treasurer has confirmed the budget will be in deficit in the coming financial "
        "year, larger than the $2.7bn forecast in December."
    )
    assert one(text, "2025-05-13").iso == "2024-12"


def test_a_year_naming_an_edition_is_no_date_but_a_year_before_an_event_is():
    assert events_of("Welcome to our coverage of the 2025 state budget.", "2025-05-13") == ()
    assert one("The levee was flagged in a 2019 inspection.", "2023-04-09").iso == "2019"
    assert one("The 1979 revolution changed the country.").iso == "1979"


def test_an_indefinite_or_weekly_weekday_names_no_day():
    assert events_of("On a wet Tuesday evening, a girl is playing six games at once.") == ()
    assert events_of("She needed more than the Tuesday sessions could give her.") == ()
    assert one("The vote came on the Tuesday before the summit.").iso == "2014-12-02"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Two years ago, the company moved to a four-day week.", "2012"),
        ("The shop closed three months ago.", "2014-09"),
        ("He left a week ago.", "2014-11-24"),
        ("The bridge reopened 10 days ago.", "2014-11-23"),
    ],
)
def test_n_units_ago_count_back_from_the_publication_date(sentence, expected):
    assert one(sentence).iso == expected


def test_less_than_n_months_ago_bounds_a_date_without_naming_one():
    assert events_of("The coalition was created less than three months ago.") == ()


def test_a_list_item_marker_is_not_part_of_the_event_text():
    assert one("• Fares capped from next week").text == "Fares capped from next week"


# -- the seed sources -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_events() -> tuple[Event, ...]:
    return find_events(seed_sources())


def test_seed_events_match_the_labels(seed_events):
    sources = seed_sources()
    expected = sorted(
        (*paragraph_at_line(sources, lab["file"], lab["line"]), lab["date_text"], lab["date"])
        for lab in yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    )
    found = sorted((e.source, e.paragraph, e.date_text, e.iso) for e in seed_events)
    assert found == expected


def test_seed_timeline_has_the_meetings_and_the_start_of_strikes(seed_events):
    def dated(day: str, *words: str) -> bool:
        return any(e.iso == day and all(w in e.text for w in words) for e in seed_events)

    assert dated("2014-12-03", "Brussels")
    assert dated("2014-12-15", "Marrakesh")
    assert dated("2015-01-22", "London")
    assert dated("2014-08", "strikes") or dated("2014-08-08", "airstrikes")


def test_seed_events_are_sorted_by_date(seed_events):
    dates = [e.iso for e in seed_events]
    assert dates == sorted(dates, key=lambda d: (d == "", d))
    assert find_events(tuple(reversed(seed_sources()))) == seed_events


# -- ten pages on other subjects (tests/labels/other/) ------------------------------------------


def test_precision_and_recall_on_pages_about_other_subjects():
    from fixtures.extract.other import other_sources
    from fixtures.extract.scoring import score_events

    found, dated = score_events(find_events(other_sources()))
    assert found.precision >= 0.92 and found.recall >= 0.95, found
    assert dated.precision >= 0.92 and dated.recall >= 0.95, dated


# -- vague dates keep their vagueness; other languages -------------------------------------------


def _one(text: str, published: str = "2014-12-03"):
    (event,) = [e for e in find_events([make_source("s", published, [text])])]
    return event


def test_last_week_is_the_week_not_a_day():
    e = _one("The ministers met last week in Brussels.")
    assert (e.iso, e.period) == ("2014-11-24", "week")


def test_late_september_keeps_its_vagueness():
    e = _one("The strikes began in late September.")
    assert (e.iso, e.period) == ("2014-09", "late")
    e = _one("A review is due by mid-2015.")
    assert (e.iso, e.period) == ("2015", "mid")


def test_month_with_a_comma_before_the_year_and_month_of_this_year():
    assert _one("He paid $100,000 in August, 1993 to the firm.").iso == "1993-08"
    assert _one("In March of this year, she spoke.").iso == "2014-03"


def test_a_day_and_month_weeks_ahead_stays_ahead_whatever_the_tense():
    assert _one("The delay of the elections until February 18 has hurt the party.", "2008-01-10").iso == "2008-02-18"


def test_a_weekday_after_a_statement_noun_is_one_day():
    assert _one("In a statement Tuesday, the board resigned.").iso == "2014-12-02"
    assert _one("He did not return a call late Thursday.", "2008-01-18").iso == "2008-01-17"


def test_holidays_on_a_fixed_day():
    assert _one("They left San Jose on Christmas Day.", "2008-01-18").iso == "2007-12-25"


@pytest.mark.parametrize(
    "text, iso",
    [
        ("La réunion a eu lieu le 3 décembre 2014 à Bruxelles.", "2014-12-03"),
        ("Die Minister trafen sich am 3. Dezember 2014 in Brüssel.", "2014-12-03"),
        ("Los ministros se reunieron el 3 de diciembre de 2014 en Bruselas.", "2014-12-03"),
        ("Les ministres se sont réunis mercredi à Bruxelles.", "2014-12-03"),
        ("Die Minister trafen sich am Montag in Brüssel.", "2014-12-01"),
        ("Los ministros se reunieron ayer en Bruselas.", "2014-12-02"),
        ("Les ministres se sont réunis la semaine dernière.", "2014-11-24"),
    ],
)
def test_dates_in_french_german_and_spanish(text, iso):
    assert _one(text).iso == iso
