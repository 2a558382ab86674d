"""The merge of quotations across the dossier does work in proportion to the quotations, not to
their square: counted (tests/work_count.py), not timed."""

from __future__ import annotations

import random

from work_count import calls_made

from build_tools.extract.quotes import _merge, _Occurrence
from build_tools.model import SourceRef

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _occurrences(families: int, vocabulary: list[str]) -> list[_Occurrence]:
    """Each quotation of `families` three times: carried as is by a second outlet, and with one
    word changed by a third. Its words are drawn from one vocabulary, as a dossier's are: the
    more quotations, the more of them hold each word."""
    rng = random.Random(families)
    found: list[_Occurrence] = []
    for f in range(families):
        words = rng.choices(vocabulary, k=12)
        edited = list(words)
        edited[rng.randrange(12)] = rng.choice(vocabulary)
        for copy, text in enumerate((words, words, edited)):
            index = 3 * f + copy
            ref = SourceRef(source=f"s{index:06d}", paragraph="p1")
            found.append(_Occurrence(source_index=index, para_index=0, offset=0, ref=ref, text=" ".join(text) + "."))
    return found


def test_quote_merge_work_grows_with_the_quotations_not_their_square():
    rng = random.Random(7)
    vocabulary = sorted({"".join(rng.choices(LETTERS, k=rng.randint(5, 9))) for _ in range(1500)})
    small, large = _occurrences(300, vocabulary), _occurrences(1200, vocabulary)
    # Every quotation is found once, its copy and its edited rendering merged into it.
    assert len(_merge(list(small))) == 300
    assert len(_merge(list(large))) == 1200
    ratio = calls_made(lambda: _merge(list(large))) / calls_made(lambda: _merge(list(small)))
    assert ratio < 4 * 1.3, ratio
