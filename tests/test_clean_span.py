"""The article's span (span.py and its weights), columns laid out side by side, and the rules' engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.clean import clean_source, span
from build_tools.clean.report import as_diff
from build_tools.clean.rules import _first_chars
from build_tools.model import RawSource

CLEAN = Path(__file__).resolve().parent.parent / "build_tools" / "clean"

ARTICLE = [
    "The council approved the new bridge over the river on Tuesday, after a debate that lasted "
    "four hours and drew residents from both banks of the town to the public gallery.",
    "The mayor said that the work would begin in the spring and that the bridge would open two "
    "years later, once the old ferry landing had been cleared and the approach roads widened.",
    "Opponents had argued that the cost, which has risen by a third since the plan was first put "
    "to the council, would be better spent on the schools and on the town's two clinics.",
    "The engineers who drew up the plan told the meeting that the design could carry buses and "
    "lorries, and that a footpath and a cycle lane would run along both sides of the deck.",
    "A final vote on the budget for the first phase of the work is expected at the council's "
    "next meeting in March, when the contracts for the foundations will also be discussed.",
]
COMMENTS = [
    (
        "Heather on March 3rd, 2016 1:37 pm",
        "I think it is about time they built it, we have waited for years and the ferry is always late.",
    ),
    (
        "Kate on March 3rd, 2016 1:38 pm",
        "The cost is far too high for a town of this size, and nobody asked the people who live by the river.",
    ),
    (
        "Chloe on March 3rd, 2016 1:41 pm",
        "My children will be able to cycle to school at last, which is the best news I have heard all year.",
    ),
    (
        "Erica on March 3rd, 2016 1:43 pm",
        "I would rather they mended the roads we have before they start building new ones across the river.",
    ),
    (
        "Sheryl on March 3rd, 2016 1:45 pm",
        "Does anyone know whether the footpath will be open at night, or will it close with the bridge gates?",
    ),
]


def _page() -> RawSource:
    parts = [
        "Council approves the new bridge",
        "By Jo Smith",
        *ARTICLE,
        "5 responses to Council approves the new bridge",
    ]
    for header, body in COMMENTS:
        parts += [header, body]
    text = "\n\n".join(parts) + "\n"
    return RawSource(id="t", file="t.txt", format="text", text=text, encoding="utf-8")


def test_the_shipped_weights_name_the_features_of_this_version():
    model = span.load_model()
    assert model is not None
    assert len(model.weights) == len(span.FEATURES)
    assert 0 < model.threshold < 1


def test_a_comment_thread_after_the_article_is_removed_with_its_reason():
    raw = _page()
    src = clean_source(raw)
    kept = [p.text for p in src.paragraphs]
    assert kept == ARTICLE
    reasons = {r.text: r.reason for r in src.removed}
    for header, body in COMMENTS:
        assert header in reasons and body in reasons
    # the comments' prose goes because of where it is, and the reason says so in words
    assert all(reasons[body].startswith(("outside the article", "after the article's end")) for _, body in COMMENTS)
    diff = as_diff(raw, src).splitlines()
    for _, body in COMMENTS:  # the diff shows every comment removed, with that reason
        assert any(line.startswith("-") and body in line and reasons[body] in line for line in diff)


def test_dated_units_need_to_recur_to_count():
    from build_tools.clean.span import _unit_shape

    assert _unit_shape("2. Kate on October 23rd, 2012 1:38 pm") == _unit_shape("17. Jan on October 22nd, 2011 12:05 am")
    assert _unit_shape("The mayor said so.") != _unit_shape("2. Kate on October 23rd, 2012 1:38 pm")


def test_decoding_finds_the_best_run_and_ignores_blocks_a_rule_removes():
    probs = [0.1, 0.9, 0.9, 0.05, 0.9, 0.1]
    sizes = [5, 30, 30, 1, 30, 5]
    assert span.decode(probs, sizes, 0.5, 1.0) == (1, 5)  # a one-word label does not break the run
    assert span.decode(probs, sizes, 0.5, 1.0, frozenset({3})) == (1, 5)
    assert span.decode([0.9, 0.0, 0.9], [10, 100, 10], 0.5, 1.0) in ((0, 1), (2, 3))
    assert span.decode([], [], 0.5, 1.0) == (0, 0)


def test_a_line_laid_out_in_columns_is_read_column_by_column_and_the_diff_shows_each():
    lede = (
        "Derby manager Paul Jewell has revealed he has almost completed a deal to sign a striker "
        "who currently plays in Mexico, where he is the club's top scorer this season."
    )
    more = (
        "The player will be in England next week for a medical, and the club expects to announce "
        "the signing before the weekend if the work permit is granted in time."
    )
    text = f"Registration            {lede}\n\n{more}\n"
    raw = RawSource(id="t", file="t.txt", format="text", text=text, encoding="utf-8")
    src = clean_source(raw)
    assert [p.text for p in src.paragraphs] == [lede, more]
    assert [(r.line, r.text) for r in src.removed] == [(1, "Registration")]
    diff = as_diff(raw, src).splitlines()
    assert diff[0].startswith("-1 Registration  [")
    assert diff[1] == f"+1 {lede}"


def test_a_page_glued_into_one_line_is_read_sentence_by_sentence_and_its_furniture_removed():
    furniture = "[ Back To the Homepage ] Discussions: Be the first to post a comment on this page! " + " ".join(
        f"{k}. Company {k} Announces Quarterly Results for the Year" for k in range(1, 40)
    )
    article = " ".join(ARTICLE * 6)
    line = f"{article} {furniture}"
    assert len(line) >= 3000  # a line this long is cut; shorter lines stay whole
    raw = RawSource(id="t", file="t.txt", format="text", text=line + "\n", encoding="utf-8")
    src = clean_source(raw)
    assert " ".join(p.text for p in src.paragraphs) == article
    assert src.removed and {r.line for r in src.removed} == {1}
    assert src.removed[0].text == "[ Back To the Homepage ]"
    assert any("comments-section" in r.reason for r in src.removed)
    diff = as_diff(raw, src).splitlines()
    assert diff[0].startswith("-1 [ Back To the Homepage ]  [")
    assert diff[-1] == f"+1 {article}"


def _beside_headlines(paragraphs: list[str]) -> str:
    """An article laid out beside a column of headlines, as a browser saves it: line by line, one
    paragraph set beside each headline and a headline alone between them."""
    headlines = [f"* Rovers sign a new goalkeeper from the league, part {k}" for k in range(2 * len(paragraphs))]
    lines = ["Sports Headlines"]
    for k, paragraph in enumerate(paragraphs):
        lines.append(f"{headlines[2 * k]}          {paragraph}")
        lines.append(headlines[2 * k + 1])
    return "\n".join(lines) + "\n"


def test_an_article_beside_a_column_of_headlines_is_read_column_by_column():
    from build_tools.clean.blocks import split_blocks

    text = _beside_headlines(ARTICLE[:3])
    order = [b.text for b in split_blocks(text)]
    # what comes before the first paragraph stays; then the article's paragraphs in a row, and
    # the rest of the headlines' column after them
    assert order[:2] == ["Sports Headlines", "* Rovers sign a new goalkeeper from the league, part 0"]
    assert order[2:5] == ARTICLE[:3]
    assert len(order) == 10 and all(t.startswith("* Rovers") for t in order[5:])
    assert [b.index for b in split_blocks(text)] == list(range(len(order)))
    raw = RawSource(id="t", file="t.txt", format="text", text=text + "\n" + ARTICLE[3] + "\n", encoding="utf-8")
    src = clean_source(raw)
    assert [p.text for p in src.paragraphs] == ARTICLE[:4]
    assert all(r.text.startswith(("* Rovers", "Sports")) for r in src.removed)


def test_two_lines_in_columns_keep_the_page_order():
    from build_tools.clean.blocks import split_blocks

    # a forum's poster details beside two posts, or a caption beside a paragraph: too few lines
    # of prose in a column to read the run column by column
    text = _beside_headlines(ARTICLE[:2])
    lines = [b.line for b in split_blocks(text)]
    assert lines == sorted(lines)


def test_a_table_row_of_short_cells_stays_one_line():
    from build_tools.clean.blocks import split_blocks

    blocks = split_blocks("Team        Won    Lost\nRovers      12     3\n")
    assert [b.text for b in blocks] == ["Team Won Lost", "Rovers 12 3"]


def test_rules_are_read_without_the_regex_engines_private_parser():
    for path in CLEAN.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\bre\._parser\b|from re import _parser|\bsre_parse\b|\bsre_compile\b", source), path.name


def test_first_characters_of_a_pattern_are_an_over_estimate_never_an_under_estimate():
    assert _first_chars("foo|bar") == frozenset("fFbB")
    assert _first_chars("(?:ab)?c") == frozenset("aAcC")
    digits = _first_chars(r"\d+ comments")
    assert digits is not None and set("0123456789") <= digits and not any(c.isalpha() for c in digits)
    assert _first_chars(".*x") is None  # may start with anything
    assert _first_chars("x?") is None  # matches the empty line
    spaces = _first_chars(r"\s*end")
    assert spaces is not None and {" ", "\t", "e", "E"} <= spaces


def test_a_live_page_s_timed_entries_are_no_comment_thread():
    entries = [
        (
            "16:55 BST",
            "The wind has swung round to the south-west and the umpires have held the next final for ten minutes.",
        ),
        (
            "16:40 BST",
            "The quad sculls final is under way, and the three crews are level as they pass the first marker.",
        ),
        (
            "16:25 BST",
            "Spectators are lining both banks for the last races of the day, the biggest crowd of the regatta.",
        ),
        (
            "16:10 BST",
            "The organisers say the programme will finish on time despite the wind, with two finals to come.",
        ),
    ]
    parts = ["Regatta finals: live", *ARTICLE]
    for time, body in entries:
        parts += [time, body]
    raw = RawSource(id="t", file="t.txt", format="text", text="\n\n".join(parts) + "\n", encoding="utf-8")
    kept = [p.text for p in clean_source(raw).paragraphs]
    assert all(body in kept for _, body in entries)


NAMED = [
    ("* Alayna F", "Do not worry, everyone has a hard year now and then, and you will get back on track soon enough."),
    ("* http://twitter.com/danamac Dana McMahan", "I wish you well, and thanks for calling it like you see it here."),
    ("* hicham", "Could not agree more with every word of this, it is the same story for all of us in the end."),
    ("* Karen Reyburn", "Thanks for sharing this with us, it takes courage to write about it in the open like that."),
    ("* DerKrieger", "Starve the beast, I say, and let the states pay for what they have chosen to run themselves."),
]


def _text(parts: list[str]) -> RawSource:
    text = "\n\n".join(parts) + "\n"
    return RawSource(id="t", file="t.txt", format="text", text=text, encoding="utf-8")


def test_a_thread_of_comments_under_their_writers_names_ends_the_article():
    # no date and no "N comments" heading: only the names, one list item each, over unbulleted prose
    parts = ["Council approves the new bridge", *ARTICLE, "Tweet"]
    for name, body in NAMED:
        parts += [name, body]
    src = clean_source(_text(parts))
    assert [p.text for p in src.paragraphs] == ARTICLE
    reasons = {r.text: r.reason for r in src.removed}
    for name, body in NAMED:  # the name goes with its comment
        assert "a thread of comments, each under its writer's name, from line" in reasons[body]
        assert name in reasons


def test_bulleted_section_titles_over_prose_are_no_comment_thread():
    # "* Employment" over its section is a title, not a commenter: the article stays whole
    sections = [
        (
            "* Working Conditions",
            "Most caretakers work outdoors in all weather, and the work with the animals can be hard and dirty.",
        ),
        (
            "* Employment",
            "Animal caretakers held about a hundred thousand jobs, and one in five of them was self-employed then.",
        ),
        (
            "* Earnings",
            "The pay of beginners is low, but those who run their own shops and kennels earn a good deal more.",
        ),
        (
            "* Outlook",
            "The number of jobs is expected to grow faster than the average as more households keep their pets.",
        ),
    ]
    parts = ["Council approves the new bridge", *ARTICLE]
    for title, body in sections:
        parts += [title, body]
    src = clean_source(_text(parts))
    kept = " ".join(p.text for p in src.paragraphs)
    assert all(body in kept for _, body in sections)
    assert not any("thread" in r.reason for r in src.removed)


MORE = [
    "The first of the public hearings on the route of the approach roads will be held in the old "
    "town hall in April, and the plans will be on show in the library for a month before it.",
    "Residents of the streets near the landing have asked for a noise barrier, which the engineers "
    "said could be added to the design at little cost if the council agreed to it this year.",
    "The ferry will keep running until the bridge opens, and its crew will be offered other work "
    "with the council's transport department once the last crossing has been made in two years.",
    "The town's shopkeepers said they hoped the bridge would bring trade back to the high street, "
    "which has lost a number of shops since the bypass opened on the far side of the river.",
]


def test_a_column_of_archive_months_beside_the_article_is_no_comment_thread():
    # an archive's months set in a column beside the paragraphs, one month on each raw line:
    # dates recurring down the page, but the article's neighbours, not a thread's headers
    months = iter(f"+ {m} 2012" for m in ("December", "November", "October", "September", "August", "July",
                                          "June", "May", "April", "March", "February", "January"))  # fmt: skip
    lines = ["Council approves the new bridge", "", *ARTICLE[:3], ""]
    for para in ARTICLE[3:] + MORE:
        lines += [f"{para:<200}    {next(months)}", f"{'':<200}    {next(months)}"]
    raw = RawSource(id="t", file="t.txt", format="text", text="\n".join(lines) + "\n", encoding="utf-8")
    src = clean_source(raw)
    kept = " ".join(p.text for p in src.paragraphs)
    assert all(para in kept for para in ARTICLE + MORE)
    assert not any("thread" in r.reason for r in src.removed)


def test_a_long_run_of_furniture_is_not_crossed_by_the_span_for_free():
    from build_tools.clean import settings

    matched = span.FEATURES.index("matched by a rule")
    # blocks 1 and 2: an ad label and a share bar inside the article; blocks 4 to 7: a sidebar's
    # furniture, one rule after another; block 8: a section marker
    flags = [0, 1, 1, 0, 1, 1, 1, 1, 1, 0]
    markers = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    columns = [[0.0] * len(flags) for _ in span.FEATURES]
    columns[matched] = [float(f) for f in flags]
    columns[matched + 1] = [float(m) for m in markers]
    assert settings.NEUTRAL_RUN_MAX <= 5
    assert span.neutral_blocks(columns) == frozenset({1, 2})
    # the decoding pays for the sidebar: the span does not reach across it to a stray line
    probs = [0.9, 0.05, 0.05, 0.9, 0.05, 0.05, 0.05, 0.05, 0.05, 0.7]
    sizes = [60, 0, 0, 60, 0, 0, 0, 0, 0, 12]
    start, end = span.decode_around(probs, sizes, 0.3, 10.0, span.neutral_blocks(columns))
    assert (start, end) == (0, 4)


_SHORT_LINES = [
    "Jo on October 23rd, 2012 1:37 pm",
    "3 hours ago",
    "3 HOURS AGO",
    "chicago 5",
    "Posted 12 Jan 2009",
    "Item 123:45",
    "x1999 and 2031",
    "Reply",
    "Sept. 4",
    "mär 3",
    "by jo",
    "Report comment | Permalink",
    "19 people like this",
    "A1 2 jan",
    "ſep 4",
    "no date here",
]


def _lines_and_starts(lines: list[str]) -> tuple[str, list[int]]:
    page = "\n".join(lines)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    return page, starts


def test_dated_lines_are_those_the_whole_date_pattern_finds():
    lower = [line.lower() for line in _SHORT_LINES]
    for lines in (_SHORT_LINES, lower, _SHORT_LINES[::-1]):
        page, starts = _lines_and_starts(lines)
        every = list(range(len(lines)))
        expected = sorted({k for k, line in enumerate(lines) if span._DATED.search(line)})
        assert expected  # the sample holds dated lines and others
        assert expected != every
        assert span._dated_lines(page, starts, lines, every) == expected


def test_trigger_lines_are_found_in_one_pass_as_by_each_trigger():
    lines = [line.lower() for line in _SHORT_LINES]
    page, starts = _lines_and_starts(lines)
    found = span._lines_holding(page, starts)
    for pattern, triggers in span._TRIGGERS.items():
        if not triggers:
            continue
        expected = [
            k
            for k, line in enumerate(lines)
            if any((line.startswith(t[1:]) if t[0] == "\n" else t in line) for t in triggers)
        ]
        assert expected
        assert found[pattern] == expected


MENU = [
    "* Home",
    "* Consulting “Trying to get my own business going, both time and money were short. I booked an "
    "hour with Jo and came away with a plan for the whole year, which was worth every penny.”",
    "* Podcast",
    "* Blog",
    "* Books March, 2011: The Small Shop Guide is out and selling! Below is a list of its chapters "
    "and the first of them to read for free.",
    "* Ask Jo",
]


def test_a_menu_whose_entries_run_into_blurbs_is_not_the_article():
    # the blurbs are long prose, but each is an entry of a list of short menu items before the article
    text = "\n".join(MENU) + "\n\n" + "\n\n".join(["Council approves the new bridge", *ARTICLE]) + "\n"
    src = clean_source(RawSource(id="t", file="t.txt", format="text", text=text, encoding="utf-8"))
    assert [p.text for p in src.paragraphs] == ARTICLE
    reasons = {r.text: r.reason for r in src.removed}
    assert reasons[MENU[1]].startswith("menu: ")
    assert reasons[MENU[4]].startswith("menu: ")


def test_a_list_of_long_points_after_a_menu_is_kept():
    # the article's key points, each a sentence, set as a list of their own: not a menu's entries
    points = [f"* {sentence}" for sentence in ARTICLE[:3]]
    short = ["* Home", "* News", "* Sport", "* Weather", "* Contact"]
    text = "\n".join(short) + "\n\n" + "\n".join(points) + "\n\n" + "\n\n".join(ARTICLE[3:]) + "\n"
    src = clean_source(RawSource(id="t", file="t.txt", format="text", text=text, encoding="utf-8"))
    kept = [p.text for p in src.paragraphs]
    assert all(point in kept for point in points)
    assert not any(r.reason.startswith("menu: ") for r in src.removed)


@pytest.mark.parametrize(
    ("footer", "rule"),
    [("Filed under: Town news, Bridges", "post-footer"), ("Tags: Town news, Bridges", "tags-line")],
)
def test_a_post_footer_or_its_tags_line_ends_the_article(footer, rule):
    # "Filed under: ...", "Tags: ..." close a blog's post: a video's blurb after it, sharing the
    # article's words, is the sidebar's, not the article's
    blurb = (
        "The council of the town approved the new bridge over the river on Tuesday, and the mayor said "
        "that the work would begin in the spring."
    )
    parts = ["Council approves the new bridge", *ARTICLE, footer, "Send us your tips!"]
    parts += ["Town news in your inbox", "Bridge council votes – Video", blurb, "* Ferry times", "* Road works"]
    src = clean_source(_text(parts))
    assert [p.text for p in src.paragraphs] == ARTICLE
    reasons = {r.text: r.reason for r in src.removed}
    assert reasons[blurb].startswith(f"after the article's end ({rule}")


def test_a_comments_heading_over_a_dated_thread_opens_the_thread():
    # a short post, "Comments", then comments signed under their bodies: the first one's header
    # is not of the thread's shape, but the heading just above the thread opens it
    first = [
        "Yes, it is a bridge, but it is as much a bridge of the council as of the county, and the county "
        "will pay for the approach roads, which nobody at the meeting wanted to talk about at all.",
        "And whether the cost of the bridge is even slightly warranted depends a lot on how many people "
        "will really use it every day, which the council never asked the residents of either bank about.",
        "Posted by: Jo at March 3, 2016 1:20 PM",
    ]
    parts = ["Council approves the new bridge", ARTICLE[0], ARTICLE[4], "Comments", *first]
    for header, body in COMMENTS:
        parts += [body, "Posted by: " + header.replace(" on ", " at ")]
    src = clean_source(_text(parts))
    assert [p.text for p in src.paragraphs] == [ARTICLE[0], ARTICLE[4]]
    reasons = {r.text: r.reason for r in src.removed}
    assert all("a thread of dated comments" in reasons[line] for line in first)


def test_a_passage_the_page_prints_twice_is_kept_once():
    # a page whose whole text is printed twice (a print copy under the article): every block is
    # repeated, none passes as prose alone, and the span's text is kept once
    parts = ["* Home", "* News", "Council approves the new bridge", "BY JO SMITH", ARTICLE[0], ARTICLE[1]]
    parts += ["BY JO SMITH", ARTICLE[0], ARTICLE[1], "Copyright 2012 The Town Paper. All Rights Reserved"]
    src = clean_source(_text(parts))
    kept = [p.text for p in src.paragraphs]
    assert kept.count(ARTICLE[0]) == 1 and kept.count(ARTICLE[1]) == 1
    assert sum(r.reason == "repeated on the page: a passage printed twice" for r in src.removed) == 2


def test_a_passage_repeats_only_with_its_neighbours():
    from build_tools.clean.article import _passage_repeats

    assert _passage_repeats(["a", "b", "c", "a", "b"]) == {3, 4}
    assert _passage_repeats(["a", "a", "a"]) == set()  # one paragraph printed again in a row
    assert _passage_repeats(["a", "b", "a", "c"]) == set()  # a line met twice, with other neighbours
    assert _passage_repeats(["a", "b", "a", "b", "a", "b"]) == set()  # met more than twice


def test_short_asides_of_two_sentences_at_the_end_are_no_teasers():
    # "Dude. A ferry? Seriously?" over a paragraph is the writer's aside, not another story's
    # headline: a headline is one sentence
    asides = [
        "Dude. A ferry? Seriously?",
        "Whoever wrote that press release has never crossed anything wider than a puddle, and it shows "
        "in every single line of it.",
        "Longtime fans of ferries. Seriously?",
        "The only redeeming quality of this plan would be a toll booth staffed by the old captain himself, "
        "which would just be amazing.",
    ]
    parts = ["Council approves the new bridge", *ARTICLE, *asides, "Tags: Town news, Bridges", "Share on Tumblr"]
    src = clean_source(_text(parts))
    kept = [p.text for p in src.paragraphs]
    assert kept[: len(ARTICLE)] == ARTICLE
    assert all(aside in kept for aside in asides)


def test_a_run_of_one_sentence_headlines_and_their_ledes_at_the_end_is_still_teasers():
    # the same layout with headlines of one sentence each ("U.S. Judge ...") stays a run of teasers
    teasers = [
        "U.S. Judge Grants Injunction Against Ferry Operator",
        "Whoever wrote that press release has never crossed anything wider than a puddle, and it shows "
        "in every single line of it.",
        "Mr. Rourke Signs For Action Thriller",
        "The only redeeming quality of this film would be a toll booth staffed by the old captain himself, "
        "which would just be amazing.",
    ]
    parts = ["Council approves the new bridge", *ARTICLE, *teasers, "Share on Tumblr"]
    src = clean_source(_text(parts))
    assert [p.text for p in src.paragraphs] == ARTICLE
