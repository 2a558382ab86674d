"""Cut a page saved as text into blocks: the units the cleaner keeps or removes.

A block is one paragraph-sized run of text with the raw lines it came from. Pages saved from a
browser put one paragraph on each line, with or without blank lines between them; pages saved from
e-mail or wire feeds wrap paragraphs at a fixed width. Both are handled: inside a run of non-blank
lines, a line is joined to the previous one only when the run looks hard-wrapped or when the
previous line stops mid-sentence and the next one carries on in lower case. A line laid out in
columns gives a block per column, and a line holding a whole page glued together (thousands of
characters, article and page furniture alike) a block per sentence: the blocks of one raw line.

This module does not judge blocks; it only cuts them and remembers where they were.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import settings

# closing quotes as English, German („so“, ‚so‘, »so«) and French typographies write them
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’“‘»«)\]]*$")
_HEADING_MARK = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
# "- 'Race against time' -": the wire agencies' way of marking a subheading in plain text.
_DASHED_HEADING = re.compile(r"^[-–—]\s+(.{2,100}?)\s+[-–—]$")
# "History[edit]", "Geschichte [Bearbeiten | Quelltext bearbeiten]": a wiki's section heading, saved
# with the link that edits the section; the link is dropped, as "## " is from a marked heading.
_EDIT_LINK = re.compile(
    r"^(.{1,100}?)\s*\[\s*(?:edit(?: source)?|modifier(?: le code)?|bearbeiten|modifica(?: wikitesto)?|bewerken|"
    r"brontekst bewerken|editar(?: código-fonte| código)?|edytuj|redigera|rediger|muokkaa|upravit|szerkesztés)"
    r"(?:\s*\|\s*[^\[\]|]{1,30})*\s*\]$",
    re.IGNORECASE,
)
# A bulleted line: each is its own block, never part of a wrapped paragraph.
_BULLET = re.compile(r"^(?:[•·▪►▸◦*–-]\s)")


_COLUMN_GAP = re.compile(r" {3,}")
# Two spaces around a menu's bulleted item set beside the text ("* Business  He said...", "...the
# summit.  * Chennai"): inscriptis pads a column of links, and two spaces may be all that is left.
_BULLET_GAP = re.compile(r"  (?=[*+o•] )|^([*+o•] (?:[^ ]+ ){0,3}?[^ ]+)  ")
_COLUMN_MIN_WORDS = settings.COLUMN_MIN_WORDS
_GLUED_MIN_CHARS = settings.GLUED_MIN_CHARS
# Where a line holding a whole page glued together is cut: after a sentence's end before a capital
# or an opening quote or bracket, and around a bracketed link ("[ Back To the Homepage ]") or a
# breadcrumb's arrow.
_GLUED_CUT = re.compile(
    r"(?:(?<=[.!?])(?<! \d\.)(?<! \d\d\.)|(?<=[.!?][\"'”’)]))\s+(?=[\[\"“‘(A-Z])|\s+(?=\[ )|(?<= \])\s+|\s+»\s+|(?<=[.!?\w])\s+(?=\d{1,2}\. [A-Z])"
)

_GLUED_BULLET = re.compile(r"\s+(?=\* )")
_GLUED_BULLET_CHARS = 300


def _glued(line: str) -> list[str]:
    """The sentences of a line that holds a whole page glued together, article and page furniture
    alike (a page saved without its line breaks): each is read as a block of its own, so that the
    article's span can be found inside the line."""
    sentences = [s for s in _GLUED_CUT.split(line) if s]
    if line.count("* ") * _GLUED_BULLET_CHARS < len(line):
        return sentences
    # bullets as thick as a menu's (one in every few hundred characters): each item is a block
    return [item for s in sentences for item in _GLUED_BULLET.split(s) if item]


def _columns(line: str) -> list[str]:
    """The columns of a line a browser laid out side by side ("Registration      17:20, Jan 1 2008
    Derby manager Paul Jewell has revealed..."), when one of them is prose: each is read as a block
    of its own. A table's row of short cells stays one line."""
    segments = _COLUMN_GAP.split(line)
    if "  " in line.replace("   ", ""):  # two spaces left, not of a wider gap
        segments = [part for seg in segments for part in _BULLET_GAP.split(seg) if part]
    if len(segments) < 2 or not any(s.count(" ") + 1 >= _COLUMN_MIN_WORDS for s in segments):
        return []
    return [s for s in segments if s]


# A column's segment or a line that reads as a paragraph of prose: long enough, or a sentence.
_PROSE_END = re.compile(r"[.!?][\"'”’)]*$")
_PROSE_MIN_WORDS = 4


def _prose_piece(text: str) -> bool:
    words = text.count(" ") + 1
    return not _BULLET.match(text) and (
        words >= _COLUMN_MIN_WORDS or (words >= _PROSE_MIN_WORDS and _PROSE_END.search(text) is not None)
    )


def _column_order(blocks: list[Block], from_columns: set[int]) -> list[Block]:
    """Blocks in reading order when the page was laid out in columns.

    A browser saving such a page as text writes the columns side by side, line by line: an article
    set beside a list of headlines or a table reads as one of its paragraphs, then a headline, then
    the next paragraph. In a run of lines with no blank line between them, where at least
    `COLUMN_PROSE_LINES` lines hold a column of prose, the prose is read first, from the run's first
    paragraph on, and the other column after it: each column top to bottom.
    """
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i + 1
        while j < len(blocks) and blocks[j].gap_before == 0 and blocks[j].line <= blocks[j - 1].line + 1:
            j += 1
        run = blocks[i:j]
        prose = [_prose_piece(b.text) for b in run]
        column_prose = len({b.line for b, p in zip(run, prose, strict=True) if p and b.index in from_columns})
        if column_prose >= _COLUMN_PROSE_LINES:
            first = prose.index(True)
            run = (
                run[:first]
                + [b for b, p in zip(run[first:], prose[first:], strict=True) if p]
                + [b for b, p in zip(run[first:], prose[first:], strict=True) if not p]
            )
        out.extend(run)
        i = j
    return [_new_tuple(Block, (k, *b[1:])) for k, b in enumerate(out)]  # `b._replace(index=k)`, cheaper


_COLUMN_PROSE_LINES = settings.COLUMN_PROSE_LINES


class Block(NamedTuple):
    """A named tuple: one is built for every paragraph of every page, so it is kept cheap."""

    index: int  # type: ignore[assignment]  # position among the page's blocks (shadows tuple.index)
    line: int  # 1-based raw line where it starts
    lines: tuple[int, ...]  # every raw line it covers
    raw: tuple[str, ...]  # those lines as written (stripped)
    text: str  # the lines joined, whitespace collapsed, heading marks removed
    gap_before: int  # blank lines before it (a page's sections are often set apart by 2+)
    marked_heading: bool  # "## Title" or "- Title -" in the text, or <h2> in HTML


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _is_wrapped(lines: list[str]) -> bool:
    """A run of 3+ lines of near-equal width is a paragraph wrapped at a fixed column.

    Wrapping moves a word to the next line only when it does not fit: so each line but the last,
    with the next line's first word added, is wider than the widest line. A list of short lines
    ("Rent: 8.40 euros a square metre", "Range: 7.10 to 9.85 euros") fails that test.
    """
    if len(lines) < 3:
        return False
    widths = list(map(len, lines[:-1]))
    widest = max(widths)
    return (
        40 <= widest <= 100
        and min(widths) >= 0.6 * widest
        and len(lines[-1]) <= widest + 2
        and sum(1 for s in lines if _BULLET.match(s)) < 2  # the regex last: most runs fail above
        and sum(
            1 for width, nxt in zip(widths, lines[1:], strict=False) if width + 1 + len(nxt.split(" ", 1)[0]) <= widest
        )
        <= len(widths) // 5
    )


def _continues(prev: str, nxt: str) -> bool:
    """The next line carries on the previous one's sentence."""
    return nxt[:1].islower() and not _SENTENCE_END.search(prev) and not _BULLET.match(nxt)


_MARK_START = frozenset("#-–—")  # the first character of a marked heading
_new_tuple = tuple.__new__


def _unmark(text: str) -> tuple[str, bool]:
    if text[-1:] == "]":
        m = _EDIT_LINK.match(text)
        if m:
            return m.group(1), True
    if text[:1] not in "#-–—":
        return text, False
    m = _HEADING_MARK.match(text) or _DASHED_HEADING.match(text)
    if m:
        return m.group(m.lastindex or 1), True
    return text, False


def _groups(run: list[tuple[int, str]], headings: frozenset[int]) -> list[list[tuple[int, str]]]:
    """How a run of lines between blank lines makes blocks: one hard-wrapped paragraph, a heading
    set right above one, or one block per line, a line that carries on the previous one joined to it."""
    if len(run) == 1:  # the commonest case: one line between blank lines
        return [run]
    if _is_wrapped([t for _, t in run]):
        return [run]
    if len(run) >= 4 and _is_wrapped([t for _, t in run[1:]]):
        return [run[:1], run[1:]]  # a heading set right above a wrapped paragraph
    groups: list[list[tuple[int, str]]] = []
    for item in run:
        # only a line that starts in lower case can carry on the previous one
        if groups and item[1][0].islower() and _continues(groups[-1][-1][1], item[1]) and item[0] not in headings:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _block(index: int, group: list[tuple[int, str]], gap: int, headings: frozenset[int]) -> Block:
    """The block of one group of (line number, line) pairs."""
    if len(group) == 1:
        number, line = group[0]
        # `_unmark(_collapse(line))` spelt out, and the tuple built without the named tuple's
        # keyword-handling constructor: this runs for most blocks of every page. Every whitespace
        # character but the ASCII space is non-printable, so a printable line without two spaces
        # in a row has nothing to collapse (two C-level scans).
        body = line if line.isprintable() and "  " not in line else " ".join(line.split())
        marked = False
        if body[0] in _MARK_START or body[-1] == "]":
            body, marked = _unmark(body)
        return _new_tuple(Block, (index, number, (number,), (line,), body, gap, marked or number in headings))
    numbers, lines = zip(*group, strict=False)
    body, marked = _unmark(_collapse(" ".join(lines)))
    # index, line, lines, raw, text, gap_before, marked_heading
    return _new_tuple(Block, (index, numbers[0], numbers, lines, body, gap, marked or numbers[0] in headings))


def _add_run(blocks: list[Block], run: list[tuple[int, str]], gap: int, headings: frozenset[int]) -> None:
    """Append the blocks of a run of lines; `gap`: the blank lines before it."""
    for group in _groups(run, headings):
        blocks.append(_block(len(blocks), group, gap, headings))
        gap = 0  # a run's later blocks follow the first without a blank line


def split_blocks(text: str, headings: frozenset[int] = frozenset()) -> tuple[Block, ...]:
    """Blocks of `text` in reading order. `headings`: lines known to be headings (from HTML).

    Lines are cut into runs at blank lines; a line laid out in columns gives one block per column.
    """
    blocks: list[Block] = []
    run: list[tuple[int, str]] = []
    from_columns: set[int] = set()  # the blocks cut from a line laid out in columns
    gap = 0
    for number, line in enumerate(map(str.strip, text.splitlines()), 1):
        if line:
            if len(line) >= _GLUED_MIN_CHARS:
                if run:
                    _add_run(blocks, run, gap, headings)
                    run, gap = [], 0
                for sentence in _glued(" ".join(line.split())):
                    blocks.append(_block(len(blocks), [(number, sentence)], gap, headings))
                    gap = 0
                continue
            if "  " in line:
                columns = _columns(line)
                if columns:
                    if run:
                        _add_run(blocks, run, gap, headings)
                        run, gap = [], 0
                    for column in columns:
                        from_columns.add(len(blocks))
                        _add_run(blocks, [(number, column)], gap, headings)
                        gap = 0
                    continue
            run.append((number, line))
            continue
        if run:
            _add_run(blocks, run, gap, headings)
            run, gap = [], 0
        gap += 1
    if run:
        _add_run(blocks, run, gap, headings)
    if from_columns:
        return tuple(_column_order(blocks, from_columns))
    return tuple(blocks)
