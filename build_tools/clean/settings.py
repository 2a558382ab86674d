"""The cleaner's weights and thresholds, named in one place (as trafilatura's settings.py does).

The scorer (`score.py`), the article's context (`article.py`), the block cutter (`blocks.py`) and
the span model's decoding (`span.py`, whose learned weights are data in `span_model.json`) read
their numbers from here. Change one here and measure with `bench/clean_quality.py`.
"""

from __future__ import annotations

# --- the prose score of one block (score.py): weighted evidence in [0, 1]
STOP_DENSITY_FULL = 0.30  # function words per word at which the function-word evidence is full
STOP_WEIGHT = 0.35
LENGTH_FULL_WORDS = 20  # words at which the length evidence is full
LENGTH_WEIGHT = 0.20
SENTENCE_END_WEIGHT = 0.30
COLON_END_WEIGHT = 0.15
LOWER_CASE_WEIGHT = 0.15  # times the share of words that are not capitalised
LIST_ITEM_PENALTY = 0.15
LINK_PENALTY = 0.35  # link-like, or link texts run together
REPEATED_PENALTY = 0.30  # the same text elsewhere on the page
SHARED_PENALTY = 0.40  # the same text on other pages of the publisher
SHORT_WORDS = 8  # fewer words than this: too short to judge alone, the neighbours decide
BAD_BELOW = 0.45  # a score below this is boilerplate
GOOD_FROM = 0.72  # a score from this on, with a sentence end (or 60 words), is article prose
GOOD_WITHOUT_END_WORDS = 60
URL_IN_PROSE_WORDS = 40  # a block this long holding a web or e-mail address is prose citing it, not a link
CUT_OFF_MAX_WORDS = 20  # a text this short cut off by an ellipsis after a word ("... out of politic...")
CUT_OFF_MIN_BLOCKS = 3  # such texts on a page from which they are teasers cut to length: no sentence end

# --- the article's context (article.py)
HEADING_MAX_WORDS = 14
CAPTION_MIN_WORDS = 12  # a line this long without a sentence end is a caption or a teaser
CUT_MIN_WORDS = 4  # a shorter line ending on a function word is a menu's or a form's, not a cut sentence
DATELINE_WITHIN = 12  # blocks: a dateline further down the page is not the article's opening
TWIN_SCAN = 20  # longer keys a key is compared with, looking for a caption printed twice
PULL_QUOTE_MIN_CHARS = 20  # normalised characters: shorter texts recur by chance ("he said")
PULL_QUOTE_MAX_WORDS = 30
PULL_QUOTE_WITHIN = 60  # blocks: how far from its paragraph a pull quote is looked for
CREDIT_MAX_WORDS = 8  # "Foto: Anke Vollrath", "Photo: Jo Smith/Example Agency"
CAPTION_MAX_WORDS = 40
LINE_ITEM_MAX_WORDS = 15
BIO_MAX_WORDS = 80
COMMENTS_AFTER_WORDS = 80  # words of article prose after which a comments heading ends the article
MENU_ENTRY_MAX_WORDS = 4  # words of a menu's entry ("* Ask Bob"), after its bullet
MENU_MIN_ENTRIES = 4  # short entries a run of bulleted lines needs to be a menu

# --- the rules (rules.py)
PART_RULE_MAX_WORDS = 120  # a default rule matching part of a line applies to blocks this long at most
# A paragraph this long, of two sentences or more, in which a cookie or paywall rule's phrase occurs
# once, and which does not speak to the reader (you, we, please), is prose that mentions it ("blocked
# for violating its Terms of Service"), not the prompt itself.
PROSE_MENTION_WORDS = 20
PROSE_MENTION_CATEGORIES = ("cookie", "paywall")

# --- cutting blocks (blocks.py)
GLUED_MIN_CHARS = 3000  # a line this long holds several paragraphs glued together: cut into sentences
COLUMN_MIN_WORDS = 12  # a segment of a line laid out in columns this long is prose, not a table cell
COLUMN_PROSE_LINES = 3  # lines holding a column of prose after which a run of lines is read column by column

# --- the span model's features (span.py)
HEADER_MAX_WORDS = 40  # a comment or teaser header is a short line
CONTEXT_WINDOW = 6  # blocks each side whose verdicts and scores are averaged
HEADERS_WINDOW = 8  # blocks each side in which comment headers are counted
THREAD_MIN_UNITS = 3  # dated units (comment headers) in a row after the article: a thread, cut
THREAD_MIN_WORDS = 150  # words of article text the span must hold before a thread is cut
THREAD_MARKED_WORDS = 40  # words of article text above a section marker from which it opens a thread under it
THREAD_GAP = 12  # blocks at most from one comment header to the next
THREAD_BODY_WORDS = 8  # words of a comment's body between two headers
NEUTRAL_RUN_MAX = 3  # matched blocks in a row from which the span pays for crossing them
BOX_BLOCKS = 8  # blocks under a section marker within which a second marker heads a part of the same box
