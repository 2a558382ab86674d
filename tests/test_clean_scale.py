"""The cleaner is linear in a page's length: a page four times as long takes about four times the work.

Checked by the ratio of the function calls made on two sizes (never a timed bound, which a busy
machine breaks); the MB/s figures are printed by `bench/clean_speed.py --big`.
"""

from __future__ import annotations

from work_count import calls_made

from build_tools.clean import clean_source
from build_tools.model import RawSource

_UNIT = (
    "* Home\n* World\n* Sport\n\n"
    "Council approves the new bridge number {n:06d}\n\n"
    "By Jo Smith, 12 March 2016\n\n"
    "The council approved the new bridge over the river on Tuesday, after a debate that lasted {n} hours "
    "and drew residents from both banks of the town.\n"
    "The mayor said that the work would begin in the spring and that the bridge would open two years later.\n\n"
    "Read more: Council news {n:06d}\n\n"
    "Jo says:\nI think it is about time they built it.\nReply\n\n"
    "Share this article\n\n"
)


def _page(units: int) -> RawSource:
    text = "".join(_UNIT.format(n=n) for n in range(units))
    return RawSource(id="big", file="big.txt", format="text", text=text, encoding="utf-8")


def test_cleaning_work_grows_linearly_with_the_page():
    small, large = _page(250), _page(1000)  # about 125 kB and 0.5 MB
    assert len(large.text) > 3.9 * len(small.text)
    clean_source(_page(20))  # warm-up: stoplists, rules
    ratio = calls_made(lambda: clean_source(large)) / calls_made(lambda: clean_source(small))
    # linear growth gives about 4 times the calls; quadratic growth would give about 16
    assert ratio < 6, f"4x the text made {ratio:.1f}x the calls"


def test_a_long_page_keeps_its_article_text_and_loses_its_chrome():
    src = clean_source(_page(200))
    body = "\n".join(p.text for p in src.paragraphs)
    assert "approved the new bridge" in body
    assert "Share this article" not in body


_CAPTION = "The old quay at dawn on Monday, seen from the harbour wall"
_CAPTION_UNIT = (
    f"{_CAPTION}\n\n{_CAPTION} (Photo: Jo Smith)\n\n"
    "The council approved the new bridge over the river on Tuesday, after a debate that lasted {n} hours "
    "and drew residents from both banks of the town.\n\n"
)


def _caption_page(units: int) -> RawSource:
    text = "".join(_CAPTION_UNIT.format(n=n) for n in range(units))
    return RawSource(id="captions", file="captions.txt", format="text", text=text, encoding="utf-8")


def test_a_caption_printed_twice_on_every_card_is_found_in_linear_work():
    # every copy of the caption is a twin of every copy of its credited version: pairing the
    # copies one by one is quadratic, pairing their texts is not
    small, large = _caption_page(250), _caption_page(1000)
    clean_source(_caption_page(20))
    ratio = calls_made(lambda: clean_source(large)) / calls_made(lambda: clean_source(small))
    assert ratio < 6, f"4x the text made {ratio:.1f}x the calls"
    src = clean_source(_caption_page(30))
    reasons = [r.reason for r in src.removed if r.text == _CAPTION]
    assert len(reasons) == 30 and reasons.count("caption: repeated caption") >= 29
