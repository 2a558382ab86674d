"""The shared vocabulary: complete, consistent, and in agreement with the modules that read dates."""

from __future__ import annotations

import re

import pytest

from build_tools import vocab
from build_tools.extract import dates, figures
from build_tools.extract.text import sentence_spans


@pytest.mark.parametrize("language", vocab.LANGUAGES)
def test_every_language_has_twelve_months_and_seven_weekdays_lower_case_and_distinct(language):
    months, days = vocab.MONTHS[language], vocab.WEEKDAYS[language]
    assert len(months) == len(set(months)) == 12
    assert len(days) == len(set(days)) == 7
    assert all(w == w.lower() and w.strip() == w for w in months + days)


@pytest.mark.parametrize("language", vocab.LANGUAGES)
def test_month_numbers_follow_the_calendar_and_keep_the_variants(language):
    numbers = vocab.month_numbers(language)
    assert [numbers[m] for m in vocab.MONTHS[language]] == list(range(1, 13))
    for variant, number in vocab.MONTH_VARIANTS.get(language, {}).items():
        assert numbers[variant] == number and variant not in vocab.MONTHS[language]


def test_english_abbreviations_name_the_month_they_start():
    for abbreviation, number in vocab.MONTH_ABBREVIATIONS_EN.items():
        assert vocab.MONTHS["en"][number - 1].startswith(abbreviation)


def test_the_extractors_read_the_shared_months_and_weekdays():
    assert dates.MONTHS["september"] == 9 and dates.MONTHS["sept"] == 9 and "may" in dates.MONTHS
    assert dates.WEEKDAYS[0] == "Monday" and len(dates.WEEKDAYS) == 7
    assert set(figures.MONTHS) == set(vocab.MONTHS["en"]) | set(vocab.MONTH_ABBREVIATIONS_EN)


def test_a_title_abbreviation_does_not_end_a_sentence_but_a_full_stop_after_a_word_does():
    text = "Gen. Austin spoke. Messrs. Smith and Jones left. The talks ended."
    assert len(sentence_spans(text)) == 3


def test_particles_and_connectors_are_lower_case_and_arabic_articles_stay_apart():
    for words in (vocab.NAME_PARTICLES, vocab.NAME_CONNECTORS, vocab.ARABIC_ARTICLES):
        assert all(w == w.lower() for w in words)
    assert not vocab.ARABIC_ARTICLES & vocab.NAME_CONNECTORS
    assert {"of", "de", "van"} <= vocab.NAME_CONNECTORS


def _cleaner_month_regex() -> re.Pattern[str]:
    from build_tools.clean import rules

    return re.compile(rf"(?:{rules._DATE_WORDS}|{rules.MONTHS_OTHER})", re.IGNORECASE)


@pytest.mark.parametrize("language", [x for x in vocab.LANGUAGES if x != "pt"])
def test_the_cleaners_date_lines_know_every_month_of_the_shared_vocabulary(language):
    regex = _cleaner_month_regex()
    assert [m for m in vocab.MONTHS[language] if not regex.fullmatch(m)] == []


def test_the_cleaners_date_lines_know_every_portuguese_month():
    regex = _cleaner_month_regex()
    assert [m for m in vocab.MONTHS["pt"] if not regex.fullmatch(m)] == []


@pytest.mark.parametrize("language", vocab.LANGUAGES)
def test_the_cleaners_publication_dates_read_every_month_of_the_shared_vocabulary(language):
    from build_tools.clean import meta

    for number, month in enumerate(vocab.MONTHS[language], 1):
        assert meta.parse_date(f"3 {month} 2014") == f"2014-{number:02d}-03", month
