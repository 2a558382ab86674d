"""The cleaner is linear in a page's length: a page four times as long takes about four times as long.

Checked by a ratio of two sizes measured in the same run (never a timed bound); the 50 MB figure
itself is printed by `bench/clean_speed.py --big`.
"""

from __future__ import annotations

import time

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


def _seconds(raw: RawSource) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        clean_source(raw)
        best = min(best, time.perf_counter() - t0)
    return best


def test_cleaning_time_grows_linearly_with_the_page():
    small, large = _page(1000), _page(4000)  # about 0.5 MB and 2 MB
    assert len(large.text) > 3.9 * len(small.text)
    _seconds(_page(100))  # warm-up: stoplists, rules
    ratio = _seconds(large) / _seconds(small)
    # linear growth gives about 4; quadratic growth would give about 16
    assert ratio < 7, f"4x the text took {ratio:.1f}x the time"


def test_a_long_page_keeps_its_article_text_and_loses_its_chrome():
    src = clean_source(_page(200))
    body = "\n".join(p.text for p in src.paragraphs)
    assert "approved the new bridge" in body
    assert "Share this article" not in body
