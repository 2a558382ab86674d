"""A source that is already a clean article body loses none of it (issue 11: gold bodies as input).

Each case is a class of wrong removal measured by `bench/clean_quality.py --gold-as-input`: a
paragraph of article prose removed because it looked like a caption (no sentence end) or because a
rule's phrase occurs in it. The captions and prompts those judgements exist for are still removed.
"""

from __future__ import annotations

import pytest

from build_tools.clean import clean_source
from build_tools.model import RawSource

_PROSE = (
    "The council said on Tuesday that the repairs to the bridge would take at least three months, "
    "and that a ferry service would run for the people who cross the river every day to work."
)
_MORE = (
    "Engineers found that two of the supports had cracked after the floods of last winter, and they "
    "warned that the damage was worse than the inspection of the previous year had suggested."
)

_LAST = (
    "Until then the town will pay for the ferry, the mayor said, and the bus that takes the children to "
    "school on the far bank will wait for it on the quay before it leaves each morning at eight."
)


def _page(middle: str) -> RawSource:
    text = f"{_PROSE}\n\n{_MORE}\n\n{middle}\n\n{_LAST}\n"
    return RawSource(id="t", file="t.txt", format="text", text=text, encoding="utf-8")


def _kept(middle: str) -> bool:
    return any(p.text == middle for p in clean_source(_page(middle)).paragraphs)


def _reason(middle: str) -> str:
    return next((r.reason for r in clean_source(_page(middle)).removed if r.text == middle), "")


@pytest.mark.parametrize(
    "paragraph",
    [
        # a quotation, its closing stop lost
        "“We will have the bridge open again before the first snow falls on the valley and the roads close”",
        # the end of a quotation
        "The ferry will run every hour until the repairs are done, the mayor promised, “and it will be free”",
        # a quotation saved without its quote marks' encoding
        "?We will not leave the people of the far bank without a way to reach their work? said the mayor of the town",
        # a sentence cut short where a link was: it ends on a function word or a comma
        "Engineers from the regional office inspected the cracked supports and sent their report to the",
        # two sentences, the last without its stop
        "The ferry runs every hour. Tickets cost nothing for the people who live on the far bank of the river",
    ],
)
def test_prose_without_a_sentence_end_is_not_taken_for_a_caption(paragraph: str) -> None:
    assert _kept(paragraph), _reason(paragraph)


def test_a_short_fragment_of_a_sentence_cut_at_a_link_is_kept() -> None:
    fragment = "A key outcome of the"
    rest = "research is a touch screen that uses capacitive technology, which responds to tiny charges from the"
    src = clean_source(_page(f"{fragment}\n\n{rest}"))
    kept = {p.text for p in src.paragraphs}
    assert fragment in kept and rest in kept, src.removed


def test_a_caption_between_paragraphs_is_still_removed() -> None:
    caption = "The old stone bridge over the river at dawn with the fishing boats moored along the harbour wall"
    assert not _kept(caption)
    assert "caption-like" in _reason(caption)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The company said it had blocked the widget for violating its Terms of Service. Users who had "
        "installed it were told to remove it and to run a scan of their computers for the adware it carried.",
        "The museum opens its doors to visitors on Saturday. Members of the friends' association get instant "
        "access to the new wing from nine, an hour before the doors open to everyone else in the city.",
    ],
)
def test_a_long_prose_paragraph_that_mentions_a_rule_phrase_is_kept(paragraph: str) -> None:
    assert _kept(paragraph), _reason(paragraph)


@pytest.mark.parametrize(
    "prompt",
    [
        "We use cookies to improve your experience. By using this site you accept our use of cookies.",
        "Click here to subscribe to our newsletter and get the latest news from the city every morning.",
        "By continuing you agree to our Terms of Service. See our privacy policy for how we use your data.",
        # prompts of two sentences and more that mention their phrase once: still prompts
        "Get unlimited access to the Gazette for just £1 a week for the first three months, then £7.99 a "
        "month. Cancel any time.",
        "Copyright 2023 Valley News Service. For use by subscribing members only. Not for redistribution. "
        "Contact the desk at 555-0140 with corrections or questions.",
        "Diese Website nutzt Cookies und vergleichbare Technologien. Einige davon sind für den Betrieb der "
        "Seite notwendig, andere helfen uns, die Seite zu verbessern und Ihnen passende Werbung anzuzeigen.",
    ],
)
def test_the_prompts_themselves_are_still_removed(prompt: str) -> None:
    assert not _kept(prompt)
