"""Find the article among a page's blocks: where it starts, where it ends, what inside it is not text.

The rules (`rules.py`) and the scorer (`score.py`) judge blocks one at a time; this module adds the
context that a page's layout gives:

- the article starts at its dateline ("BRUSSELS (AFP) - ...") when it has one, else at the first
  block of good prose; what comes before is title, byline, captions and chrome;
- it ends at a section marker ("Latest News", "Related stories") unless more article prose follows
  the marker (then the marker only opened a box of links inside the article), or at a credit line
  with no prose after it; a tail of headline + one-paragraph teasers that share little vocabulary
  with the article is the related-stories list, not the article;
- inside, short blocks between good blocks are kept (jusText's context smoothing): a short sentence
  is a paragraph, a short line without a sentence end followed by prose is a subheading.

It returns a verdict on every block (its kind, or the reason for its removal) and the metadata it read.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice
from typing import NamedTuple

from .. import vocab
from ..model import DetectedMeta
from . import meta as metaread
from . import settings, span
from .blocks import Block
from .rules import END, READER_ADDRESS, Match, RuleSet
from .score import BAD, GOOD, NEAR_GOOD, RULED, Features, PageWords, Score, page_features, score, words

PARAGRAPH = "paragraph"
HEADING = "heading"

_HEADING_MAX_WORDS = settings.HEADING_MAX_WORDS
_CAPTION_MIN_WORDS = settings.CAPTION_MIN_WORDS
_CUT_MIN_WORDS = settings.CUT_MIN_WORDS
_DATELINE_WITHIN = settings.DATELINE_WITHIN


class _Judged(NamedTuple):
    block: Block
    match: Match | None
    feats: Features
    score: Score
    twin_caption: bool  # repeats a block that is a photo caption
    contained: bool  # a short block whose text is part of a longer one: a pull quote, a headline
    key: str  # the text lower-cased, letters and digits only


_NOT_ALNUM = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


def _keys(texts: list[str], lowered: str | None = None) -> list[str]:
    """`_key` of every text, in one pass over the page (block texts hold no newline).

    `lowered`: the texts joined by newlines and lower-cased, when the caller has it already.

    `[\\W_]` is exactly "not str.isalnum()". The page's few distinct non-ASCII characters that are
    not letters or digits (typographic quotes, dashes) are deleted with str.replace; the ASCII
    ones are deleted from the page's UTF-8 bytes with one `bytes.translate`, which is safe because
    no byte of a multi-byte UTF-8 sequence is ASCII.
    """
    if not texts:
        return []
    page = "\n".join(texts).lower() if lowered is None else lowered
    if not page.isascii():
        drop = [c for c in set(_NON_ASCII.findall(page)) if not c.isalnum()]
        if len(drop) > _REPLACE_AT_MOST:  # one pass over the page rather than one per character
            page = page.translate(dict.fromkeys(map(ord, drop)))
        else:
            for c in drop:
                page = page.replace(c, "")
    raw = page.encode("utf-8", "surrogatepass").translate(None, _ASCII_NOT_ALNUM)
    return raw.decode("utf-8", "surrogatepass").split("\n")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_REPLACE_AT_MOST = 8
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum() and chr(c) != "\n")


def _twins(keys: list[str]) -> dict[str, list[str]]:
    """Keys of 30 characters or more that begin another (a caption printed twice, once with its
    credit) -> the keys they are twins with, the longer and the shorter.

    Equal keys are taken once (a menu line repeated on every card is no twin of itself), and a key
    is compared with at most `_TWIN_SCAN` longer ones. Twins are kept as keys, not as the blocks
    that carry them: a line repeated on every card of a page would otherwise pair every copy with
    every copy of its twin. Linear in the page's length.
    """
    order = sorted({k for k in keys if len(k) >= 30})
    twins: dict[str, list[str]] = {}
    # in sorted order, every key that extends key K follows K directly or after other extensions
    for n, key in enumerate(order):
        for other in order[n + 1 : n + 1 + _TWIN_SCAN]:
            if not other.startswith(key):
                break
            twins.setdefault(key, []).append(other)
            twins.setdefault(other, []).append(key)
    return twins


_TWIN_SCAN = settings.TWIN_SCAN


_FEATURES_KEPT = Features._fields.index("repeated")
assert Features._fields[_FEATURES_KEPT:] == ("repeated", "shared")
_RULED_SCORE = score(RULED)  # the score of a block that a rule matched: never read
_PULL_QUOTE_MIN_CHARS = settings.PULL_QUOTE_MIN_CHARS
_PULL_QUOTE_MAX_WORDS = settings.PULL_QUOTE_MAX_WORDS
_PULL_QUOTE_WITHIN = settings.PULL_QUOTE_WITHIN


def _judge(
    blocks: tuple[Block, ...],
    rules: RuleSet,
    stop: frozenset[str],
    shared: Counter[str],
    words: PageWords | None = None,
) -> list[_Judged]:
    texts = [b.text for b in blocks]
    lowered = "\n".join(texts).lower()  # for the keys and the rules' trigger strings
    keys = _keys(texts, lowered)
    counts = Counter(keys)
    twins = _twins(keys)
    # Keys run together: a pull quote is found inside one paragraph or across two neighbours,
    # among the blocks around it (a page-wide search for every short sentence would be quadratic).
    matches = rules.match_all(texts, lowered)
    # the keys of the blocks a caption rule matched: a block whose twin is one of them repeats a caption
    captions = (
        {keys[j] for j, mj in enumerate(matches) if mj is not None and mj.rule.category == "caption"}
        if twins
        else set()
    )
    # blocks that a rule matched are removed (or end the article) whatever their features say
    feats = page_features(texts, stop, words, matches)
    judged: list[_Judged] = []
    append = judged.append
    new = tuple.__new__  # _Judged(...) without the named tuple's Python-level constructor
    for i, b in enumerate(blocks):
        key = keys[i]
        f0 = feats[i]
        m = matches[i]
        if m is not None:  # the context reads a matched block's rule only
            append(new(_Judged, (b, m, f0, _RULED_SCORE, False, False, key)))
            continue
        count = counts[key]
        # a pull quote is a sentence; a heading may repeat an entry of a list of key events
        contained = (
            f0.sentence_end
            and count == 1
            and len(key) >= _PULL_QUOTE_MIN_CHARS
            and b.text.count(" ") < _PULL_QUOTE_MAX_WORDS  # words: the text is whitespace-collapsed
            and "".join(keys[max(0, i - _PULL_QUOTE_WITHIN) : i + _PULL_QUOTE_WITHIN + 1]).count(key) > 1
        )
        mine = twins.get(key)
        if mine is None and count == 1 and not contained and not shared:  # the commonest case
            append(new(_Judged, (b, m, f0, score(f0), False, False, key)))
            continue
        mine = mine or []
        # of two twins only the shorter is the repeat: the longer may be the paragraph that
        # opens with the headline
        shorter = any(len(other) > len(key) for other in mine)
        repeated = (count > 1 and len(key) > 0) or shorter or contained
        twin_caption = any(other in captions for other in mine)
        # Text on other pages of the publisher is chrome only when it is not a full sentence:
        # two versions of one wire story share whole paragraphs that are article text.
        n_shared = shared.get(key, 0) if shared and (f0.n_words <= 12 or not f0.sentence_end) else 0
        # `f0._replace(repeated=..., shared=...)` without its Python-level constructor: the last two
        # fields are `repeated` and `shared` (on a page of repeated text this runs for most blocks)
        f = new(Features, (*f0[:_FEATURES_KEPT], repeated, n_shared)) if (repeated or n_shared) else f0
        append(_Judged(b, m, f, score(f), twin_caption, contained, key))
    return judged


def _start(judged: list[_Judged], menu: set[int] | None = None) -> tuple[int, tuple[str, str] | None]:
    """Index of the article's first block and its dateline, if any. `menu`: blocks that are the
    page's menu (`_menu_blurbs`), which never open the article."""
    for i, j in enumerate(judged[:_DATELINE_WITHIN]):
        if j.match is None and j.score.label != BAD and j.feats.n_words >= 8 and not (menu and i in menu):
            found = metaread.dateline(j.block.text)
            if found:
                return i, found
    first = next(
        (i for i, j in enumerate(judged) if j.match is None and j.score.label == GOOD and not (menu and i in menu)),
        len(judged),
    )
    # a short lede sentence just before the first good block still opens the article
    while first > 0 and first < len(judged):
        prev = judged[first - 1]
        if (
            prev.match is None
            and judged[first].block.gap_before < 2
            and prev.feats.sentence_end
            and prev.feats.n_words >= 6
            and prev.feats.stop_density >= 0.3
            and not prev.feats.repeated
            and not metaread.byline(prev.block.text)
        ):
            first -= 1
        else:
            break
    return _after_header(judged, first), None


_HEADER_ITEMS = {"page-chrome-date", "publication-date", "publication-date-where", "reading-time"}
_DATE_RULES = {"publication-date", "publication-date-where"}


def _after_header(judged: list[_Judged], first: int) -> int:
    """Skip a standfirst: prose followed shortly by a byline or a date belongs to the page head.

    Headline, standfirst, byline, date, then the article: when a byline or a date line comes within
    a few blocks after the first good block, with at most two blocks of prose before it, the
    article starts after it.
    """
    header = None
    prose = 0
    for i in range(first, min(first + 6, len(judged))):
        j = judged[i]
        if (j.match is not None and j.match.rule.name in _HEADER_ITEMS) or (
            j.match is None and metaread.byline(j.block.text)
        ):
            header = i
        elif j.match is None and j.feats.sentence_end:
            prose += 1
            if prose > 2:
                break
    if header is None:
        return first
    nxt = next(
        (i for i in range(header + 1, len(judged)) if judged[i].match is None and judged[i].score.label == GOOD), None
    )
    return nxt if nxt is not None else first


_MENU_ENTRY_MAX_WORDS = settings.MENU_ENTRY_MAX_WORDS
_MENU_MIN_ENTRIES = settings.MENU_MIN_ENTRIES


def _menu_blurbs(judged: list[_Judged]) -> set[int]:
    """Long items of the page's menu: a run of bulleted lines with no blank line between them, set
    before any unbulleted prose, most of whose items are a few words each ("* Home", "* Blog",
    "* Ask Bob"), and in which an item right beside one of those runs on into a blurb ("* Books
    July, 2009: The Web Startup Success Guide is out ..."). A list of key points or of the article's
    own items is of long items, or comes after its prose."""
    found: set[int] = set()
    n = len(judged)
    i = 0
    while i < n:
        j = judged[i]
        text = j.block.text
        if j.match is None and j.score.label == GOOD and text[:2] != "* ":
            break  # the article's prose has started: later lists are its own
        if text[:2] != "* ":
            i += 1
            continue
        run = [i]
        k = i + 1
        while k < n and judged[k].block.text[:2] == "* " and judged[k].block.gap_before == 0:
            run.append(k)
            k += 1
        short = [r for r in run if judged[r].block.text.count(" ") <= _MENU_ENTRY_MAX_WORDS]
        if len(short) >= _MENU_MIN_ENTRIES and 2 * len(short) > len(run):
            entries = set(short)
            for r in run:
                if r not in entries and judged[r].match is None and (r - 1 in entries or r + 1 in entries):
                    found.add(r)
        i = k
    return found


_CREDIT_RULES = frozenset({"credit-line", "photo-by", "photo-credit"})
_CREDIT_MAX_WORDS = settings.CREDIT_MAX_WORDS
_CAPTION_MAX_WORDS = settings.CAPTION_MAX_WORDS


def _above_credit(judged: list[_Judged], i: int) -> bool:
    """A short block set right above a photo credit line, with no blank line between: its caption."""
    if i + 1 >= len(judged) or judged[i].feats.n_words > _CAPTION_MAX_WORDS or judged[i].block.marked_heading:
        return False
    credit = judged[i + 1]
    return (
        credit.match is not None
        and credit.match.rule.name in _CREDIT_RULES
        and credit.block.gap_before == 0
        and len(credit.block.lines) == 1
        and credit.block.text.count(" ") < _CREDIT_MAX_WORDS
    )


def _heading_like(j: _Judged) -> bool:
    """A subheading: a few words, no sentence end, or a short question ("Iranian airstrikes?")."""
    f = j.feats
    # numbered subheadings ("3. Running costs") are often listed again above as contents
    numbered = f.list_item and j.block.text[:1].isdigit()
    if f.n_words == 0 or f.n_words > _HEADING_MAX_WORDS or (f.list_item and not numbered) or f.link_like:
        return False
    if not (f.sentence_end or f.colon_end):
        return True
    return f.n_words <= 8 and j.block.text.rstrip("\"'”’)").endswith(("?", "!")) and j.block.text[:1].isalnum()


def _prose_run_follows(judged: list[_Judged], i: int) -> bool:
    """Two good blocks in a row (300+ characters) follow block i before the next section marker.

    A marker close under block i and before any good prose ("Related", then "Related in
    Opinion") heads a part of the same box, and the search goes on past it."""
    run, chars = 0, 0
    box = True  # still in the box that block i opens: no good prose seen yet
    for k in range(i + 1, len(judged)):
        j = judged[k]
        if j.match is not None and j.match.rule.action == END and not span.beside_prose(judged, k):  # type: ignore[arg-type]
            if box and k - i <= _BOX_BLOCKS:
                continue
            return False
        if j.match is None and j.score.label == GOOD:
            box = False
            run += 1
            chars += j.feats.n_chars
            if run >= 2 and chars >= 300:
                return True
        elif j.match is None and not span.beside_prose(judged, k):  # type: ignore[arg-type]
            # (a sidebar's line set beside the prose, in a column of its own, does not break the run)
            run, chars = 0, 0
    return False


_BOX_BLOCKS = settings.BOX_BLOCKS


# The rules that open the readers' comments, or sit above or below them: the prose after them is
# the readers', once the article has had its say (`COMMENTS_AFTER_WORDS`).
_COMMENT_MARKERS = frozenset({"comments-section", "comment-policy", "comment-form"})
_COMMENTS_AFTER_WORDS = settings.COMMENTS_AFTER_WORDS
# a section marker that is the word alone: once the article has had its say, the readers' comments
_COMMENTS_HEADINGS = frozenset({"comments", "comment", "readercomments", "yourcomments"})


def _end(judged: list[_Judged], start: int) -> tuple[int, str]:
    """Index just after the article's last block, and what ended it."""
    prose = 0  # words of good prose since the start
    # the last good block of prose: a credit line after it has no prose after it (found once, at
    # the first credit line, not by a scan of the rest of the page for every credit line)
    last_good: int | None = None
    for i in range(start + 1, len(judged)):
        j = judged[i]
        if j.match is None:
            if j.score.label == GOOD:
                prose += j.feats.n_words
            continue
        if (
            j.match.rule.name in _COMMENT_MARKERS or _key(j.block.text) in _COMMENTS_HEADINGS
        ) and prose >= _COMMENTS_AFTER_WORDS:
            return i, f"after the article's end (the readers' comments: {j.match.rule.name} at line {j.block.line})"
        if (
            j.match.rule.action == END
            and not span.beside_prose(judged, i)  # type: ignore[arg-type]
            and not _prose_run_follows(judged, i)
        ):
            return i, f"after the article's end ({j.match.rule.name} at line {j.block.line})"
        if j.match.rule.category == "metadata" and j.match.rule.name not in _DATE_RULES:
            if last_good is None:
                last_good = next(
                    (
                        k
                        for k in range(len(judged) - 1, i, -1)
                        if judged[k].match is None and judged[k].score.label == GOOD
                    ),
                    -1,
                )
            if last_good < i:
                return i, f"after the article's end (credit line at line {j.block.line})"
    return len(judged), ""


def _vocabulary(texts: list[str], stop: frozenset[str]) -> set[str]:
    return {w.lower() for t in texts for w in words(t) if len(w) > 3 and w.lower() not in stop}


def _edit_linked(block: Block) -> bool:
    """A heading saved with a wiki's "[edit]" link, which `blocks.py` took off its text."""
    return block.marked_heading and block.raw[-1].endswith("]") and not block.text.endswith("]")


# a sentence's end after a word of three letters or more, and the next one's start: not "U.S. Judge"
_TWO_SENTENCES = re.compile(r"[a-z]{3}[.!?][\"”’)]*\s+[\"“‘(]?[A-Z]")


def _teaser_tail(verdicts: list[tuple[int, str]], judged: list[_Judged], stop: frozenset[str]) -> int:
    """How many kept blocks at the end are headline + one-paragraph teasers for other stories.

    `verdicts` are the kept (index, kind) pairs in order. A real closing section (subheading and
    one paragraph) shares the article's vocabulary; teasers for other stories do not, and come in
    twos or more, or after a wide gap.
    """
    pairs = []
    k = len(verdicts)
    # numbered or timed headings ("4. When ...", "12:30") are the article's own sequence, and so
    # are a wiki's sections, whose headings carry an edit link; a headline is one sentence, and a
    # short line of two ("Dude. Java Heat? Seriously?") is the writer's aside
    while (
        k >= 3
        and verdicts[k - 1][1] == PARAGRAPH
        and verdicts[k - 2][1] == HEADING
        and not judged[verdicts[k - 2][0]].block.text[:1].isdigit()
        and not _edit_linked(judged[verdicts[k - 2][0]].block)
        and _TWO_SENTENCES.search(judged[verdicts[k - 2][0]].block.text) is None
    ):
        pairs.append((k - 2, k - 1))
        k -= 2
    if not pairs:
        return 0
    first_heading = judged[verdicts[pairs[-1][0]][0]].block
    if len(pairs) < 2 and first_heading.gap_before < 2:
        return 0
    # headings that all open with the same word ("l'express Nord", "l'express Est") are a menu's
    # items set between the article's paragraphs, not the headlines of other stories
    firsts = {judged[verdicts[h][0]].block.text.split(None, 1)[0].lower() for h, _ in pairs}
    if len(pairs) >= 2 and len(firsts) == 1:
        return 0
    body = _vocabulary([judged[i].block.text for i, _ in verdicts[:k]], stop)
    cut = 0
    for h, p in pairs:  # from the end backwards
        teaser = _vocabulary([judged[verdicts[h][0]].block.text, judged[verdicts[p][0]].block.text], stop)
        if not teaser or len(teaser & body) / len(teaser) >= 0.25:
            break
        cut += 2
    return cut


def _same_title(key: str, title_key: str) -> bool:
    """A heading that is the page's title, or the title with its subtitle (or without it)."""
    if key == title_key:
        return True
    shorter, longer = sorted((key, title_key), key=len)
    return len(shorter) >= 15 and longer.startswith(shorter)


def _teaser_after_marker(j: _Judged) -> bool:
    """The block after a "Related" marker inside the article: one headline or teaser line."""
    return j.match is None and not j.block.marked_heading and 0 < j.feats.n_words <= 50


_LINE_ITEM_MAX_WORDS = settings.LINE_ITEM_MAX_WORDS


def _asks(text: str) -> bool:
    return text.rstrip("\"'”’)").endswith("?")


def _introduced_lists(judged: list[_Judged], kinds: dict[int, str], start: int, end: int) -> list[int]:
    """Bulleted items that belong to the article: a run right after kept text ending in a colon.

    "These districts announced closures:" and its list are article text, whatever the items
    look like (names, fragments); menus and link lists are not introduced by a sentence. Items
    without a bullet count too when they are short lines set one under the other with no blank
    line between them ("Kaltmiete: 8,40 Euro", "Spanne: 7,10 bis 9,85 Euro"), two or more.
    """
    found: list[int] = []
    i = start
    while i < end:
        j = judged[i]
        # a question introduces a bulleted list too: "Would you dare to read any of these titles?"
        asks = i + 1 < end and judged[i + 1].feats.list_item and _asks(j.block.text)
        if not (kinds.get(i) == PARAGRAPH and (j.feats.colon_end or asks)):
            i += 1
            continue
        k = i + 1
        run: list[int] = []
        unbulleted = 0
        while k < end and judged[k].match is None:
            f = judged[k].feats
            if f.link_like or f.repeated or f.shared:
                break
            if not f.list_item:
                if not (
                    0 < f.n_words <= _LINE_ITEM_MAX_WORDS
                    and not f.sentence_end
                    and (not run or judged[k].block.gap_before == 0)
                ):
                    break
                unbulleted += 1
            run.append(k)
            k += 1
        if unbulleted and (len(run) < 2 or judged[run[1]].block.gap_before or not j.feats.colon_end):
            run = []  # a single short line after a colon is no list, nor are lines without bullets after a question
        found.extend(n for n in run if n not in kinds)
        i = k if k > i + 1 else i + 1
    return found


# "Jo Smith is a writer at…", "Smith covers climate for…", "Jo Smith can be reached at…",
# "The Example Trust is a charity…": who wrote the piece or who issued it, not the story.
_BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]*,?\s+){1,5}(?:"
    r"(?:is|was|has been)\s+(?:an?|the)\s+(?:[\w-]+,?\s+){0,5}?"
    r"(?:writer|journalist|correspondent|editor|reporter|columnist|critic|professor|lecturer|fellow|researcher|founder|"
    r"co-founder|director|executive|author|contributor|economist|analyst|consultant|historian|scientist|photographer|"
    r"charity|organi[sz]ation|non-?profit|company|campaign group)s?\b"
    r"|(?:covers|writes about|reports on)\b|can be (?:reached|contacted)\b|is (?:the )?(?:co-)?author of\b)"
)
_BIO_MAX_WORDS = settings.BIO_MAX_WORDS


def _bio_tail(ordered: list[tuple[int, str]], judged: list[_Judged]) -> list[int]:
    """Kept blocks at the very end that introduce the author or the issuer, with a name line above."""
    cut: list[int] = []
    k = len(ordered)
    while k > 1:
        i, kind = ordered[k - 1]
        j = judged[i]
        if kind == PARAGRAPH and j.feats.n_words <= _BIO_MAX_WORDS and _BIO.match(j.block.text):
            cut.append(i)
        elif cut and not j.feats.sentence_end and j.feats.n_words <= 4:
            cut.append(i)  # the author's name set above the bio, or the heading of the box
        else:
            break
        k -= 1
    # a subheading left with nothing after it
    while cut and k > 1 and ordered[k - 1][1] == HEADING:
        cut.append(ordered[k - 1][0])
        k -= 1
    return cut


class Verdicts(NamedTuple):
    """The rules' and the scorer's verdicts on a page, before the span model's: what it reads."""

    judged: list[_Judged]
    kinds: dict[int, str]  # kept block -> PARAGRAPH or HEADING
    reasons: dict[int, str]  # removed block -> why
    start: int
    end: int
    found_dateline: tuple[str, str] | None
    title: str
    authors: tuple[str, ...]
    words: PageWords | None = None  # the page's words, when split already


def _inside(judged: list[_Judged], start: int, end: int, title_key: str) -> tuple[dict[int, str], dict[int, str]]:
    """Kinds and reasons of the blocks between the article's start and end."""
    reasons: dict[int, str] = {}
    kinds: dict[int, str] = {}
    good = [i for i in range(start, end) if judged[i].match is None and judged[i].score.label == GOOD]
    last_good = good[-1] if good else start
    kept: list[int] = []
    seen_keys: set[str] = set()
    last_unmatched = -1  # the last block before i that no rule removed
    for i in range(start, end):
        j = judged[i]
        if j.match is not None:
            reasons[i] = j.match.reason
            if (
                j.match.rule.action == END
                and i + 1 < end
                and _teaser_after_marker(judged[i + 1])
                and not span.beside_prose(judged, i)  # type: ignore[arg-type]
            ):
                # the marker did not end the article (prose follows): it opened a box of links
                reasons[i + 1] = f"link: teaser after '{j.block.text}' inside the article"
            continue
        if i in reasons:
            continue
        anchor = last_unmatched
        last_unmatched = i
        named = _named_removal(judged, i, seen_keys, title_key)
        if named:
            reasons[i] = named
            continue
        # live-page times, "Advertisement" and the like between two entries do not break the text
        after_kept = bool(kept) and kept[-1] == anchor
        prev_kept = bool(kept) and kept[-1] == i - 1
        kind, reason = _smoothed(judged, i, start, end, last_good, after_kept, prev_kept)
        if kind:
            kinds[i] = kind
            kept.append(i)
            seen_keys.add(j.key)
        else:
            reasons[i] = reason
    return kinds, reasons


def _named_removal(judged: list[_Judged], i: int, seen_keys: set[str], title_key: str) -> str:
    """The reason a block no rule matched is still removed by name (caption, pull quote, title)."""
    j = judged[i]
    if j.twin_caption:
        return "caption: repeated caption"
    if j.contained:
        return "pull quote: repeats a passage of the page"
    if _above_credit(judged, i):
        return "caption: the line above a photo credit"
    if j.feats.repeated and j.key in seen_keys:
        return "repeated on the page"
    if title_key and not j.feats.sentence_end and _same_title(j.key, title_key):
        return "metadata: title"
    return ""


def _smoothed(
    judged: list[_Judged], i: int, start: int, end: int, last_good: int, after_kept: bool, prev_kept: bool
) -> tuple[str, str]:
    """(kind, "") for a kept block, ("", reason) for a removed one: its score and its neighbours'."""
    j = judged[i]
    f = j.feats
    nxt = judged[i + 1] if i + 1 < end else None
    next_prose = (
        nxt is not None
        and nxt.match is None
        and not nxt.contained
        and nxt.score.label in (GOOD, NEAR_GOOD)
        and (nxt.feats.sentence_end or nxt.feats.colon_end)
    )
    next_removed = nxt is None or nxt.match is not None or nxt.score.label == BAD
    if j.block.marked_heading and f.n_words <= 2 * _HEADING_MAX_WORDS:
        return HEADING, ""
    if _heading_like(j) and (after_kept or f.repeated) and next_prose and i < last_good:
        return HEADING, ""
    if j.score.label == GOOD:
        return PARAGRAPH, ""
    if j.score.label == BAD:
        return "", j.score.reason()
    if (
        f.sentence_end
        or f.colon_end
        or (f.n_words >= _CAPTION_MIN_WORDS and _prose_without_end(j.block.text, f))
        or (f.n_words >= _CUT_MIN_WORDS and _cut_short(j.block.text))
    ):
        # short blocks take their neighbours' side (jusText's context smoothing): a short
        # sentence next to article text is article text; between two removed blocks it is not
        if (
            (prev_kept or i == start)
            and (i < last_good or j.block.gap_before < 2)
            or (not next_removed and i < last_good)
        ):
            return PARAGRAPH, ""
        return "", j.score.reason() + ", between removed blocks"
    if f.n_words >= _CAPTION_MIN_WORDS:
        return "", j.score.reason() + ", caption-like"
    return "", j.score.reason() + ", not followed by article text"


_QUOTE_OPEN = '"“‘«„?'  # a text saved without its quotes' encoding opens a quotation on "?"
_QUOTE_CLOSE = '"”’»'
# an English function word or speech verb, written in lower case, does not end a caption: the
# sentence goes on (in a link the text saved without it, or on the next line)
_CUT_WORDS = vocab.STOPWORDS_EN | vocab.SPEECH_VERBS
_READER_ADDRESS = READER_ADDRESS
_INNER_SENTENCE = re.compile(r"[\w%)][.!?][\"”’)]*\s+[\"“‘(]?[A-Z0-9]")


def _cut_short(text: str) -> bool:
    """A sentence cut short: it ends on a comma or a function word, as text before a link does."""
    text = text.strip()
    return text[-1:] in ",;:(-–—" or (text.rsplit(None, 1)[-1] if text else "") in _CUT_WORDS


def _prose_without_end(text: str, f: Features) -> bool:
    """A block with no sentence end that is still prose, not a caption: a quotation, or the end of
    one; a sentence cut short (it ends on a comma or a function word, as text before a link does);
    or two sentences or more that do not speak to the reader (as advertising copy does)."""
    text = text.strip()
    last = text.rsplit(None, 1)[-1] if text else ""
    return (
        text[-1:] in ",;:(-–—"
        or last in _CUT_WORDS
        or text[:1] in _QUOTE_OPEN
        or text[-1:] in _QUOTE_CLOSE
        or (
            _INNER_SENTENCE.search(text) is not None
            and (f.n_words > _CAPTION_MAX_WORDS or _READER_ADDRESS.search(text) is None)
        )
    )


def _tails(judged: list[_Judged], kinds: dict[int, str], reasons: dict[int, str], stop: frozenset[str]) -> None:
    """Remove the related-story teasers and the author's bio that close the kept text."""
    ordered = [(i, kinds[i]) for i in sorted(kinds)]
    cut = _teaser_tail(ordered, judged, stop)
    for i, _ in ordered[len(ordered) - cut :] if cut else ():
        del kinds[i]
        reasons[i] = "related story teaser (headline and one paragraph, little shared vocabulary)"
    ordered = ordered[: len(ordered) - cut]
    for i in _bio_tail(ordered, judged):
        del kinds[i]
        reasons[i] = "author bio or boilerplate about the publisher after the article"


def _outside(
    judged: list[_Judged], start: int, end: int, end_reason: str, reasons: dict[int, str]
) -> tuple[str, tuple[str, ...]]:
    """Reasons for the blocks before the start and after the end; the title and byline found there."""
    title = ""
    authors: tuple[str, ...] = ()
    for i in range(0, start):
        j = judged[i]
        if j.match is not None:
            reasons[i] = j.match.reason
            continue
        names = metaread.byline(j.block.text)
        if names and not authors:
            authors = names
            reasons[i] = "metadata: byline"
            continue
        if (
            not title
            and not j.feats.sentence_end
            and 2 <= j.feats.n_words <= 30
            and not j.feats.repeated
            and not j.feats.shared
            and not j.feats.link_like
            and not j.feats.list_item
        ):
            title = j.block.text
            reasons[i] = "metadata: title"
            continue
        reasons[i] = j.score.reason() + ", before the article starts"
    for i in range(end, len(judged)):
        j = judged[i]
        reasons[i] = j.match.reason if j.match is not None else end_reason
    return title, authors


def _page_meta(judged: list[_Judged]) -> tuple[str, str]:
    """The publisher (from a credit line) and the publication date (from a labelled date line)."""
    publisher, date, date_rank = "", "", 99
    for j in judged:
        if j.match is None or j.match.rule.category != "metadata":
            continue
        if j.match.rule.name in _DATE_RULES:
            label, found = metaread.labelled_date(j.block.text)
            rank = 1 if label in ("updated", "last updated") else 0
            if found and rank < date_rank:
                date, date_rank = found, rank
        elif not publisher:
            publisher = metaread.credit_publisher(j.block.text)
    return publisher, date


def rules_verdicts(
    blocks: tuple[Block, ...],
    rules: RuleSet,
    stop: frozenset[str],
    shared: Counter[str] | None = None,
    title: str = "",
    words: PageWords | None = None,
) -> Verdicts:
    """The first pass: start and end from datelines and section markers, the score inside."""
    judged = _judge(blocks, rules, stop, shared or Counter(), words)
    menu = _menu_blurbs(judged)
    start, found_dateline = _start(judged, menu)
    end, end_reason = _end(judged, start)
    kinds, reasons = _inside(judged, start, end, _key(title))
    for i in _introduced_lists(judged, kinds, start, end):
        kinds[i] = PARAGRAPH
        reasons.pop(i, None)
    _tails(judged, kinds, reasons, stop)
    found_title, authors = _outside(judged, start, end, end_reason, reasons)
    for i in menu:
        kinds.pop(i, None)
        reasons[i] = "menu: an entry run into its blurb, among a list of short entries"
    return Verdicts(judged, kinds, reasons, start, end, found_dateline, found_title, authors, words)


# Reasons the span model never overrides inside the span: removals by name, not by score.
_NAMED_REASONS = (
    "menu",
    "caption",
    "pull quote",
    "metadata",
    "repeated on the page",
    "author bio",
    "link: teaser",
    "related story",
)


def _restorable(reason: str) -> bool:
    """A removal the span model may undo inside the span: one by score, not by name. A long line
    without a sentence end the scorer took for a caption is one by score: a paragraph that lost
    its full stop, when the model is sure of it."""
    return not reason.startswith(_NAMED_REASONS) and "repeated" not in reason


def _by_a_rule(judged: list[_Judged], i: int) -> bool:
    """A block set next to one a rule removed: the paywall's or the ad's own heading, not restored."""
    return (i > 0 and judged[i - 1].match is not None) or (i + 1 < len(judged) and judged[i + 1].match is not None)


def _apply_span(v: Verdicts, title: str) -> None:
    """The second pass: the span model's article run; outside it everything goes, inside it only
    what a rule names or what the model is sure is not article text."""
    model = span.load_model()
    if model is None or not v.judged:
        return
    lows = v.words.lows if v.words is not None else None
    columns = span.features(v.judged, v.kinds, v.start, v.end, title or v.title, lows)  # type: ignore[arg-type]
    probs = span.probabilities(columns, model.weights)
    sizes = [j.feats.n_words for j in v.judged]
    s, e = span.DECODERS[model.decoder](probs, sizes, model.threshold, model.min_words, span.neutral_blocks(columns))
    names = span.name_units(v.judged)  # type: ignore[arg-type]
    thread = span.thread_start(columns, probs, sizes, s, e, model.threshold, names)
    what = "comments, each under its writer's name," if thread < e and names[thread] else "dated comments or items"
    kinds, reasons = v.kinds, v.reasons
    for i, j in enumerate(v.judged):
        p = probs[i]
        if thread < e and i >= thread:
            if j.match is None:
                kinds.pop(i, None)
                line = v.judged[thread].block.line
                reasons[i] = f"outside the article, after its end: a thread of {what} from line {line}"
            continue
        if not s <= i < e:
            if i in kinds and p < model.outside:
                del kinds[i]
                where = "before its start" if i < s else "after its end"
                reasons[i] = f"outside the article, {where}: {span.evidence(span.row(columns, i), model.weights)}"
            continue
        if i in kinds:
            if p < model.inside and j.match is None:
                del kinds[i]
                reasons[i] = f"not article text: {span.evidence(span.row(columns, i), model.weights)}"
        elif (
            i < v.end
            and j.match is None
            and p >= model.restore
            and _restorable(reasons.get(i, ""))
            and not _by_a_rule(v.judged, i)
        ):
            kinds[i] = (
                HEADING if _heading_like(j) and not j.feats.sentence_end and j.block.marked_heading else PARAGRAPH
            )
            reasons.pop(i, None)
    if not kinds:
        # Nothing passed as prose (a language without spaces or function words, a page of short
        # lines): the span's blocks that no rule removed are the article, rather than nothing;
        # a passage the page prints twice, once.
        free = [i for i in range(s, min(e, thread)) if v.judged[i].match is None]
        again = _passage_repeats([v.judged[i].key for i in free])
        for k, i in enumerate(free):
            if k in again:
                reasons[i] = "repeated on the page: a passage printed twice"
            else:
                kinds[i] = PARAGRAPH
                reasons.pop(i, None)


def _passage_repeats(keys: list[str]) -> set[int]:
    """Positions of `keys` that repeat a passage above in the same order: a key met twice, the
    second time with a neighbour (before or after) that is also the neighbour of its first
    occurrence, and differs from it. A paragraph printed twice in a row alone ("A A") is not such
    a passage, nor is text met more than twice (a refrain, a page of one text over and over)."""
    first: dict[str, int] = {}
    counts = Counter(keys)
    out: set[int] = set()
    n = len(keys)
    for t, key in enumerate(keys):
        u = first.setdefault(key, t)
        if u == t or not key or counts[key] != 2:
            continue
        after = t + 1 < n and u + 1 < t and keys[u + 1] == keys[t + 1] != key
        before = t > 0 and u > 0 and keys[u - 1] == keys[t - 1] != key
        if after or before:
            out.add(t)
    return out


def find_article(
    blocks: tuple[Block, ...],
    rules: RuleSet,
    stop: frozenset[str],
    shared: Counter[str] | None = None,
    title: str = "",
    words: PageWords | None = None,
) -> tuple[dict[int, str], dict[int, str], DetectedMeta, tuple[str, ...]]:
    """The verdicts on the blocks, the metadata read from the page, and the field names found.

    The verdicts are two maps of block indices: the kept blocks to their kind (PARAGRAPH or
    HEADING), and the removed ones to the reason (the caller builds output for each block once,
    so no per-block verdict object is built here).

    `title`: the page's title when known from elsewhere (HTML metadata); a heading repeating it is
    the headline, not a subheading. `words`: the blocks' `page_words`, when already computed.
    """
    v = rules_verdicts(blocks, rules, stop, shared, title, words)
    _apply_span(v, title)
    at, found_title = headline(v)
    if found_title:
        _relabel_title(v, at)
        v = v._replace(title=found_title)
    elif v.title and (
        _meta_like(v.title) or (v.title == v.judged[0].block.text and v.judged[0].feats.n_words <= _SITE_NAME_WORDS)
    ):
        v = v._replace(title="")  # a date, a byline, a welcome line, or the site's name alone
    publisher, date = _page_meta(v.judged)
    dateline = v.found_dateline
    detected = DetectedMeta(
        title=v.title,
        authors=v.authors,
        date=date,
        publisher=publisher,
        dateline_place=dateline[0] if dateline else "",
        dateline_agency=dateline[1] if dateline else "",
    )
    fields = tuple(
        name
        for name in ("title", "authors", "date", "publisher", "dateline_place", "dateline_agency")
        if getattr(detected, name)
    )
    return v.kinds, v.reasons, detected, fields


# The headline: how far before the article's first kept block it is looked for, and its length.
_HEADLINE_WINDOW = 16
_HEADLINE_WORDS = (2, 30)
# "<headline> - <site>", "<site> | <headline>": the separators a page's title line uses.
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—:•·»]|::)\s+")


_SHORT_SKIP = 1  # how many short lines next to the article a longer headline above may pass
_SITE_NAME_WORDS = 4  # a page's first line this short is the site's name, not the headline


def _title_like(j: _Judged) -> bool:
    """A block that can be a headline: a few words, no rule matched, not a sentence (a question or
    an exclamation may be), not a link, list item, byline or text shared with the publisher's
    other pages."""
    f, text = j.feats, j.block.text
    return (
        j.match is None
        and _HEADLINE_WORDS[0] <= f.n_words <= _HEADLINE_WORDS[1]
        and (not f.sentence_end or text.rstrip("\"'”’)").endswith(("?", "!")))
        and not (f.link_like or f.list_item or f.shared or f.colon_end)
        and (text[:1].isalnum() or text[:1] in _QUOTE_OPEN)
        and not text[:1].islower()
        and not metaread.byline(text)
        and not _meta_like(text)
    )


# A time of day ("7:00 AM"), a credit ("Nasa / Reuters"), a label with names in capitals.
_CLOCK = re.compile(r"\b\d{1,2}:\d\d\b")
_CREDIT = re.compile(r"\S\s+/\s+\S")
_BY_NAME = re.compile(r"\bby\s+[A-Z]")  # "Posted by Jo Smith", "View all posts by Jo"
_POSTED_BY = re.compile(r"\b(?:posted|written|filed)\s+by\b", re.IGNORECASE)
# a site's welcome and its skip links: "Welcome to PerthNow. Skip to: Search Box ..."
_FURNITURE_OPENER = re.compile(r"(?:welcome to|skip to|jump to|go to)\b", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _meta_like(text: str) -> bool:
    """A line of the article's head that is not its headline: a date or time, a photo credit, a
    byline in capitals, an author's name alone, a site's welcome or skip links, or a line with
    fewer than two words of letters."""
    return bool(
        metaread.parse_date(text)
        or _CLOCK.search(text)
        or (_CREDIT.search(text) and len(text.split()) <= 6)
        # "By" and names: no lower-case word after the label but "and" (words with other signs in
        # them, markup or an e-mail address, say nothing either way)
        or (metaread.by_label(text) and not any(w.isalpha() and w.islower() and w != "and" for w in text.split()[1:]))
        or metaread.name_alone(text)
        or (_BY_NAME.search(text) is not None and len(text.split()) <= 6)
        or _POSTED_BY.search(text) is not None
        or _FURNITURE_OPENER.match(text) is not None
        or len(_LETTERS.findall(text)) < 2
    )


def _site_part(title: str, judged: list[_Judged]) -> str:
    """`title` without its site part when it reads "<headline> - <site>" or "<site> | <headline>"
    and the site part stands alone elsewhere on the page (its masthead or its first line)."""
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) != 2:
        return title
    keys = {j.key for j in judged if j.block.text != title}
    rest = [p for p in parts if _key(p) not in keys]
    if len(rest) == 1 and len(rest[0].split()) >= _HEADLINE_WORDS[0]:
        return rest[0].strip()
    return title


def _first_line_headline(judged: list[_Judged], first: int) -> int:
    """The block repeating one side of a first line "<headline> - <site>" or "<site> | <headline>"
    (the page's title) before the article or as its first block; -1 when there is none."""
    if not judged or judged[0].match is not None:
        return -1
    parts = _TITLE_SEPARATOR.split(judged[0].block.text)
    if len(parts) < 2:
        return -1
    keys = {_key(p) for p in parts if len(p.split()) >= _HEADLINE_WORDS[0]}
    for i in range(1, min(first + 1, len(judged))):
        if judged[i].key in keys and _title_like(judged[i]):
            return i
    return -1


def _relabel_title(v: Verdicts, at: int) -> None:
    """The block found as the headline is the title removed; the one first guessed is not."""
    for i, reason in list(v.reasons.items()):
        if reason == "metadata: title" and i != at:
            v.reasons[i] = v.judged[i].score.reason() + ", before the article starts"
    if at >= 0 and at not in v.kinds:
        v.reasons[at] = "metadata: title"


def headline(v: Verdicts) -> tuple[int, str]:
    """The article's headline: the last title-like block shortly before the first kept block (or
    that block itself, a heading), with a site part stripped; (-1, "") when there is none."""
    if not v.kinds:
        return -1, ""
    first = min(v.kinds)
    repeated = _first_line_headline(v.judged, first)
    if repeated >= 0:
        return repeated, v.judged[repeated].block.text
    # only the first `_SHORT_SKIP + 1` title-like blocks counting back are ever read: the search
    # stops there rather than testing the whole window
    found = list(
        islice(
            (
                i
                for i in range(first - 1, max(-1, first - 1 - _HEADLINE_WINDOW), -1)
                if _title_like(v.judged[i]) and not (i == 0 and v.judged[0].feats.n_words <= _SITE_NAME_WORDS)
            ),
            _SHORT_SKIP + 1,
        )
    )
    if found:
        # a short line next to the article (a prompt, a label) gives way to a longer one above it
        long = [i for i in found[: _SHORT_SKIP + 1] if v.judged[i].feats.n_words > _SITE_NAME_WORDS]
        i = long[0] if long else found[0]
        return i, _site_part(v.judged[i].block.text, v.judged)
    if v.kinds[first] == HEADING and _title_like(v.judged[first]):
        return first, _site_part(v.judged[first].block.text, v.judged)
    return -1, ""
