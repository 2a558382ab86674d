"""The cleaner's default rules, as data: named line patterns with a category and an action.

A rule looks at one stripped line (or one joined block) and says what it is: page chrome, a paywall
prompt, a photo caption, a slide counter, a "click here" line, a social or cookie prompt, the start
of a related-links section (everything after it is not the article) or a metadata line (date,
publisher credit). The rules name kinds of boilerplate that recur across publishers; none of them
names a publisher, a story or a subject. What the rules do not catch is left to the statistical
scorer in `score.py`.

This module only declares rules and matches them; it decides nothing about context (whether the
article has started, whether a section marker really ends it): that is `article.py`'s job.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from .. import vocab
from ..model import CleanRules
from . import settings

# What a rule asks the cleaner to do with a matching line.
DROP = "drop"  # remove this line
END = "end"  # remove this line and, once the article has started, everything after it
META = "meta"  # remove this line from the body; `meta.py` reads a value from it
KEEP = "keep"  # the curator says this line is article text, whatever else matches


_PROSE_MENTION_WORDS = settings.PROSE_MENTION_WORDS
# the end of one sentence and the start of the next inside a paragraph
_SENTENCE_BREAK = re.compile(r"[\w%)\]\"”’][.!?][\"”’)]*\s+[\"“‘(]?[A-Z0-9]")


# words with which a prompt, a notice or a policy speaks to its reader or signs as the site, in
# the languages of vocab.LANGUAGES; and the words of a copyright notice
READER_ADDRESS = re.compile(
    r"\b(?:[Yy]ou|[Yy]ours?|[Ww]e|[Oo]urs?|us|[Pp]lease|I"
    r"|[Tt]us?|[Tt]e|[Uu]sted(?:es)?|[Nn]uestr[ao]s?|[Vv]ous|[Vv]otre|[Vv]os|[Nn]ous|[Nn]otre|[Nn]os"
    r"|Sie|Ihnen|Ihre?[nmrs]?|uns|[Uu]nser[em]?[nmrs]?|[Vv]ostr[aoie]|[Nn]ostr[aoie]|[Tt]uo|[Tt]ua"
    r"|[Uu]w|[Oo]nze?|[Vv]ocê|[Nn]osso|[Nn]ossa"
    r"|[Cc]opyright)\b|©"
)


def _mentioned_in_prose(text: str, pattern: re.Pattern[str]) -> bool:
    """A paragraph of two sentences or more that holds the rule's phrase once, inside a sentence
    (a prompt opens its sentence with it: "Get unlimited access", "Create an account"), and does
    not speak to the reader: prose that mentions the phrase, not the prompt."""
    if _SENTENCE_BREAK.search(text) is None or READER_ADDRESS.search(text) is not None:
        return False
    found = list(pattern.finditer(text))
    if len(found) != 1:
        return False
    before = re.split(r"[.!?:]\s", text[: found[0].start()])[-1]
    return len(before.split()) >= 2


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    pattern: str
    action: str = DROP
    whole: bool = False  # the pattern must match the whole line, not just part of it
    max_words: int = 0  # only lines of at most this many words (0: any length)
    ignore_case: bool = True
    # A part-of-a-line rule is only tried when one of these (lower-case) strings is in the line:
    # a cheap test that spares most article paragraphs a dozen regex searches.
    triggers: tuple[str, ...] = ()


_DATE_WORDS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Month names of the other languages the cleaner reads (French, German, Italian, Spanish, Dutch,
# Portuguese; from the shared vocabulary, with the spellings met in print), for the day-month-year
# order they write dates in: "18 septembre 2024", "7. März 2024", "3 de mayo de 2024".
_OTHER_MONTH_NAMES = sorted(
    {name for lang in vocab.LANGUAGES if lang != "en" for name in vocab.MONTHS[lang]}
    | {name for names in vocab.MONTH_VARIANTS.values() for name in names}
    | {"marz"},  # "März" typed without its umlaut
    key=lambda name: (-len(name), name),
)
MONTHS_OTHER = "(?:" + "|".join(map(re.escape, _OTHER_MONTH_NAMES)) + ")"
_NETWORKS = r"facebook|twitter|x|whatsapp|linkedin|reddit|instagram|youtube|telegram|flipboard|pinterest|e-?mail"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
_TIME = r"(?:,?\s*(?:at\s+|um\s+|à\s+|alle\s+|ore\s+|om\s+|a las\s+|às\s+|[-–|·]\s*)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?|\s*uhr)?(?:\s*[A-Z]{2,4}|\s*\(?(?:GMT|UTC)[+-]?\d*\)?)?)"
# A date on its own: "5th Mar 2021", "December 3, 2014", "2014-12-03", "03/12/2014 14:05".
DATE_ONLY = (
    rf"(?:{_WEEKDAY}\s*)?(?:"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_DATE_WORDS},?\s+\d{{4}}"
    rf"|{_DATE_WORDS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:\.|er|º)?\s+(?:de\s+)?{MONTHS_OTHER}\.?(?:\s+de)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:]+Z?)?"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}"
    rf"){_TIME}?"
)

# What introduces a page's own date of publication or update, in the languages above as well.
DATE_LABELS = (
    r"date created|date published|published(?: on)?|first published(?: on)?|posted(?: on)?|"
    r"(?:last )?updated(?: on)?|created|date|"
    r"publié le|modifié le|mis à jour le|pubblicato(?: il)?|aggiornato(?: il| alle)?|ver[öo]ffentlicht(?: am)?|aktualisiert(?: am)?|"
    r"gepubliceerd(?: op)?|bijgewerkt(?: op)?|laatste update|publicado(?: el| em)?|actualizado(?: el)?|atualizado(?: em)?"
)

# What heads a section after the article: related lists, latest news, comments, tags.
_SECTION_AFTER = (
    r"(?:related|latest|top|popular|trending|recommended|sponsored|promoted|more"
    r"|most (?:read|popular|viewed|shared|watched|commented|emailed))"
    r"(?:\s+(?:news|stories|articles?|content|videos?|links|topics|coverage|headlines|posts?|jobs|now|reads|today|for you|on \S+|from \S+(?: \S+)?|in \S+(?: \S+)?))?"
    r"|(?:featured|sponsor) (?:posts?|stories|articles?|jobs)|editor'?s? (?:picks|choice)|you (?:may|might) (?:also )?(?:like|be interested in|have missed)|read (?:more|next|also)"
    r"|(?:what|more) to read next|also (?:read|see|on)|further reading|in other news|other (?:news|stories|headlines)"
    r"|don'?t miss|must reads?"
    r"|from (?:around )?the web|comments?|tags?|topics?|more (?:[\w&-]+ ){0,2}(?:stories|news|videos?|headlines|articles|content) (?:from|on|in|at)\b.*"
    r"|\d+\s+entries|entries\s*\(\d+\)|guest ?book|condolences|written by\s+\S.{0,40}"
    # the closing sections of a reference work or a show's page
    r"|see also|references|external links|bibliography|footnotes|notes and references|credits"
    # the same sections in other languages
    r"|commentaires?|kommentare?|commenti|reacties|comentarios"
    r"|(?:à )?lire (?:aussi|également)|sur le même sujet|les plus (?:lus|partagés)|à la une|mots-clés"
    r"|leggi anche|i più (?:letti|visti)|potrebbe interessarti|argomenti|tag"
    r"|lees ook|ook interessant|meest gelezen|meer (?:uit|over|nieuws)\b.*|onderwerpen"
    r"|meistgelesen|das könnte sie auch interessieren|weitere artikel|schlagwörter|themen"
    r"|lo más (?:leído|visto)|más noticias|etiquetas|temas"
    r"|was this (?:article|story|page|information|guide) (?:helpful|useful)\W*|more (?:on|about) this (?:story|topic|subject)"
)

DEFAULT_RULES: tuple[Rule, ...] = (
    # --- page chrome and navigation
    Rule(
        "skip-link",
        "chrome",
        r"skip (?:to|navigation)\b.*|(?:zum|direkt zum) (?:inhalt|hauptinhalt)(?: springen| wechseln)?|(?:aller|passer|accéder) au contenu\b.*"
        r"|(?:ir|saltar|pasar) al contenido\b.*|(?:vai|salta) al contenuto\b.*|(?:ga |spring )?naar (?:de )?(?:hoofd)?inhoud\b.*",
        whole=True,
        max_words=8,
    ),
    Rule(
        "menu-item",
        "chrome",
        r"(?:main )?menu|navigation|toggle navigation|search|home|close|open|back to top|top|sections?|"
        r"log ?in|log ?out|sign ?in|sign ?up|sign ?out|register|my account|account|subscribe|"
        r"newsletters?|print|e-?mail|share|share this(?: article| story| page)?|"
        r"advertisement|advertising|ad|advertise\W+adchoices|adchoices|loading\W*|show more|see more|"
        r"view (?:all|more)|next|previous|prev|more|edition|choose your edition|"
        # the advertisement label in other languages
        r"publicité|pubblicità|publicidad|publicidade|anzeige|werbung|advertentie|reclame|annonce|reklame|mainos|"
        # the controls of a post, a comment or a player
        r"follow|following|listen|reply|replies|report|respond|like|\d+(?:[.,]\d)?k? likes?|load more(?: comments| replies)?",
        whole=True,
        max_words=4,
    ),
    # a search box's label and button: "Search for:", "Search this site", "Search for: Powered by"
    Rule(
        "search-box",
        "chrome",
        r"\W*search (?:for|this site|the site|our site|the archives?)\W*(?:powered by\b.*|go|search)?\W*",
        whole=True,
        max_words=8,
    ),
    Rule("breadcrumb", "chrome", r"(?:home|news)\s*[>»›/|].*", whole=True, max_words=10),
    # A date and a time hold at most 11 words ("Mon 3 de mayo de 2024 a las 14:05 p.m. GMT"); the bound
    # spares longer lines the pattern, it never changes what matches.
    Rule("page-chrome-date", "chrome", DATE_ONLY, whole=True, max_words=12),
    Rule(
        "reading-time",
        "chrome",
        r"\d+\s*min(?:ute)?s?\.?\s+read|(?:reading time|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|leestijd|lästid|tempo de leitura)\b.*",
        whole=True,
        max_words=6,
    ),
    Rule(
        "table-of-contents",
        "chrome",
        r"in this (?:article|story|guide)|contents|table of contents|inhalt|sommaire|índice",
        whole=True,
        max_words=4,
    ),
    Rule(
        "affiliate-disclosure",
        "chrome",
        r"\bearn (?:a |an )?(?:small |affiliate )?commission\b|\baffiliate (?:links?|commission)\b",
        triggers=("commission", "affiliate"),
    ),
    Rule(
        "newsletter-prompt",
        "chrome",
        r"^\W*newsletter\b|\bsign up (?:for|to) (?:our|the)\b.{0,30}\bnewsletter\b|\bour (?:[\w-]+ ){0,3}newsletters?\b"
        r"|^the newsletter\b|\b(?:delivered|sent|straight|right|direct(?:ly)?) (?:to|in|into) your inbox\b|\blands? in your inbox\b|\bnewsletter\b.{0,80}\binbox\b",
        max_words=45,
        triggers=("newsletter", "inbox"),
    ),
    # a prompt to sign up for the site's mail or feed: "Sign up to receive daily town headlines.",
    # "Sign up for free email updates and ...", "Please check your inbox for a confirmation email.",
    # "Get all our new updates by email:", "Subscribe to the free ... email newsletter", "... RSS Feed"
    Rule(
        "signup-prompt",
        "chrome",
        r"^\W*sign[- ]?up (?:to (?:receive|get)\b|for (?:(?:our|the|your|free|a|daily|weekly|monthly) )+(?:[\w-]+ ){0,4}(?:e-?mails?|updates|alerts|headlines|news|newsletters?|fix)\b)"
        r"|\bcheck your inbox for (?:a|the|your) confirmation\b|\b(?:get|receive) (?:all )?(?:our |my )?(?:new |latest |free )?(?:updates|posts|articles|stories) (?:by|via) e-?mail\b"
        r"|\bsubscribe to (?:the |our |my )?(?:free )?(?:[\w-]+ ){0,3}(?:e-?mail )?newsletter\b|\bby e-?mail every (?:day|week|morning)\b"
        r"|^[^.!?]{0,40}\brss(?: feeds?)?\W*$",
        max_words=30,
        triggers=("sign", "inbox", "e-mail", "email", "newsletter", "rss"),
    ),
    Rule(
        "app-prompt", "chrome", r"\W*(?:download|get|install) (?:the|our)\b.{0,50}\bapps?\b.*", whole=True, max_words=30
    ),
    Rule(
        "form-message",
        "chrome",
        r"\binvalid e-?mail\b|\bsomething went wrong\b.{0,30}\btry again\b|^\W*enter your e-?mail(?: address)?\W*$",
        max_words=20,
        triggers=("invalid", "went wrong", "enter your"),
    ),
    # what a page says when its scripts do not run, and scripts saved as text
    Rule(
        "script-notice",
        "chrome",
        r"\b(?:please )?(?:enable|turn on|activate) (?:your )?javascript\b|\bjavascript (?:is|must be) (?:not )?(?:enabled|disabled|required|turned off)\b"
        # an advertisement's script: "<SCRIPT LANGUAGE='JavaScript1.1'>", "document.write('<SCR' + ..."
        r"|\bdocument\.write\s*\(|<script language\s*="
        # "Get the Flash Player to see this player.", "Media requires JavaScript and Adobe Flash to play."
        r"|\b(?:get|download|install|requires?|need)\b.{0,30}\b(?:flash player|adobe flash)\b",
        triggers=("javascript", "document.write", "<script language", "flash"),
    ),
    Rule(
        "market-data-notice",
        "chrome",
        r"\bquotes (?:are )?delayed\b|\bdelayed (?:by )?(?:a minimum of |at least )?\d+ minutes\b",
        triggers=("delayed",),
    ),
    Rule("reader-address", "chrome", r"\bwe(?:'d|’d| would) (?:like|love) to hear\b", triggers=("hear",)),
    # a newsroom asking for tips: "Know something? Send us your tips!", "Got a news tip?", and for
    # questions: "Got a question or comment about this blog? Send us some email."
    Rule(
        "tips-prompt",
        "chrome",
        r"\bsend us (?:your |a )?(?:news )?tips?\b|\bgot a (?:news |story )?tip\b"
        r"|^\W*(?:got|have) (?:a|any) (?:questions?|comments?)\b.{0,80}\b(?:send|e-?mail|contact|write to|tell|call) us\b",
        max_words=40,
        triggers=("tip", "got a", "have a", "got any", "have any"),
    ),
    Rule(
        "correction-notice",
        "chrome",
        r"\W*(?:[Tt]his (?:article|story|piece|report) (?:was|has been|had been) (?:amended|updated|corrected|changed|edited)"
        r"|[Tt]his (?:article|story|piece) (?:appears|appeared|was published) in (?:the |our )?(?:print|[A-Z])"
        r"|[Aa]n earlier version of this (?:article|story|piece)|[Cc]orrections?\s*:).*",
        whole=True,
        ignore_case=False,
    ),
    # --- live pages: entry times and the page's controls
    Rule(
        "live-entry-time",
        "live",
        r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|BST|CET|CEST|[ECMP][SD]T|UTC|AE[SD]T))?|\d+\s*(?:min|mins|minutes?|hours?|hrs?)\s+ago",
        whole=True,
        max_words=5,  # what the pattern can hold ("12:30 p.m. GMT", "5 hours ago"): a bound, not a filter
    ),
    Rule(
        "live-controls",
        "live",
        r"key (?:events?|moments?|updates?)|pinned(?: post| update)?|refresh|auto-?update\W*(?:on|off)?|show (?:latest|newest)(?: updates| posts)?"
        r"|load (?:more|older|newer|earlier)(?: updates| posts| entries)?|share this (?:update|post|entry)|(?:newest|oldest) first|live",
        whole=True,
        max_words=5,
    ),
    # --- paywalls and subscription prompts
    Rule("free-trial", "paywall", r"\bfree trial\b", triggers=("trial",)),
    Rule(
        "subscribe-prompt",
        "paywall",
        r"^[\W\s]*(?:or\s+)?subscribe\b|\bsubscribe (?:now|today|to (?:read|continue|access|get|our))\b"
        # "Save 30% off the newsstand price. Subscribe to the Post now!"
        r"|\bsubscribe to (?:[\w'’&-]+ ){1,4}now\b|\boff the (?:newsstand|cover) price\b"
        r"|^\W*(?:suscr[íi]bete|abonnez-vous|abonnieren sie|jetzt abonnieren|iscriviti|assine)\b",
        max_words=30,  # a paragraph that talks about subscribing is article text
        triggers=("subscri", "suscr", "abonn", "iscriv", "assine"),
    ),
    Rule(
        "subscriber-only",
        "paywall",
        r"\b(?:subscribers?|members?) only\b|\balready (?:a )?(?:subscriber|member|registered)\b",
        triggers=("only", "already"),
    ),
    Rule(
        "get-access",
        "paywall",
        r"\b(?:get|gain|unlock|enjoy) (?:instant |unlimited |full |digital )*access\b",
        triggers=("access",),
    ),
    Rule("join-today", "paywall", r"\bjoin\b.{1,40}\btoday\b", max_words=8, triggers=("today",)),
    Rule("join-us", "paywall", r"join us|join [\w'’.-]+", whole=True, max_words=3),
    Rule(
        "continue-reading",
        "paywall",
        r"\b(?:to|and) (?:continue|keep) reading\b|\bcontinue reading\b",
        max_words=12,
        triggers=("reading",),
    ),
    Rule("create-account", "paywall", r"\bcreate (?:a |an |your )?(?:free )?account\b", triggers=("account",)),
    Rule(
        "support-journalism",
        "paywall",
        r"\bsupport (?:our |quality |independent |local )+[\w ]{0,25}(?:news|journalism|reporting)\b",
        max_words=12,
        triggers=("support",),
    ),
    Rule("become-member", "paywall", r"\bbecome an? (?:member|subscriber|supporter|patron)\b", triggers=("become",)),
    Rule(
        "paywall-limit",
        "paywall",
        r"\byou(?:'ve|’ve| have) (?:reached|read|used) (?:your|the|\d+|all)\b.{0,40}\b(?:articles?|limit|stories)\b",
        triggers=("you have", "you've", "you’ve"),
    ),
    # "To read this article in full you must have registered", "The full article contains 345
    # words and appears in ...", "Premium Article !"
    Rule(
        "paywall-teaser",
        "paywall",
        r"\bto read (?:this|the) (?:article|story) in full\b|\bthe full (?:article|story|text) contains \d+ words\b"
        r"|^\W*(?:premium|registered|subscriber) (?:article|content|story)\W*$",
        max_words=40,
        triggers=("in full", "full article", "full story", "full text", "premium", "registered", "subscriber"),
    ),
    # a page's tools beside the article: "Printer Friendly Version | E-mail to a Colleague"
    Rule(
        "page-tools",
        "social",
        r"^\W*(?:printer[- ]friendly(?: version| page| format)?|print (?:this )?(?:article|story|page)|e-?mail (?:this )?(?:article|story|page)"
        r"|e-?mail to a (?:friend|colleague))\b",
        max_words=12,
        triggers=("printer", "print ", "mail"),
    ),
    # --- photo captions and credits, slide counters
    Rule(
        "photo-credit",
        "caption",
        r"[-–—]{1,2}\s*photos?\s*:|\((?:[\w .]*\s)?photo\b[^)]*\)|\bphoto(?:graph)?\s*(?:credit)?\s*:|\bimage\s*(?:credit|source)?\s*:"
        r"|\b(?:photo|image|picture) credit\b|\bgetty images\b|\bshutterstock\b",
        triggers=("photo", "image", "getty", "shutterstock"),
    ),
    # "Photo by Jo Smith on Example", "Illustration by Jo Smith", "Photograph courtesy of the museum"
    Rule(
        "photo-by",
        "caption",
        r"(?:[Pp]hoto(?:graph)?s?|[Ii]mages?|[Pp]ictures?|[Ii]llustrations?|[Vv]ideo)\s+(?:by|courtesy(?: of)?)\s+(?:the\s+)?[A-Z][^.!?]*\.?",
        whole=True,
        max_words=12,
        ignore_case=False,
    ),
    # "Foto: Jo Smith", "Bild: dpa", "Quelle: Statistisches Amt · Grafik: SV": credits in other languages
    Rule(
        "credit-line",
        "caption",
        r"(?:fotos?|bild(?:er)?|grafik|grafiek|afbeelding|beeld|imagen|immagine|illustration|quelle|bron|fuente|fonte|crédits?(?: photo)?)\s*:\s*\S.*",
        whole=True,
        max_words=15,
    ),
    # a review's score box: "Score: 8/10", "Rating: 4.5 out of 5", "Note : 4/5"
    Rule(
        "rating",
        "chrome",
        r"(?:(?:our |overall )?(?:score|rating|verdict|note|bewertung|wertung|puntuación|voto|cijfer)\s*:?\s*)?"
        r"\d+(?:[.,]\d)?\s*(?:/|out of|von|sur|de|su|uit)\s*(?:5|10|100)(?:\s*(?:stars?|sterne|points?|punkte))?",
        whole=True,
        max_words=8,
    ),
    Rule(
        "slide-counter",
        "caption",
        r"(?:(?:image|slide|photo|picture)\s*)?\d+\s*(?:/|of)\s*\d+",
        whole=True,
        max_words=6,
    ),
    Rule(
        "gallery-prompt",
        "caption",
        r"(?:view|see|open|launch|enlarge)\s+(?:the\s+)?(?:gallery|slideshow|photos?|images?)|(?:photo|image)\s+gallery",
        whole=True,
        max_words=5,
    ),
    # --- links out of the article
    # a line of more than 35 words holding "click here" is a paragraph with a link in it, not the link
    Rule("click-here", "link", r"\b(?:click|tap) here\b", triggers=("click here", "tap here"), max_words=35),
    Rule(
        "read-more-link",
        "link",
        r"^\W*(?:read|see|watch|listen)(?: to)? (?:more|also|the full|full|next|related|our)\b.*|^\W*(?:related|more|also read|read also)\s*:.*"
        # "Related posts:", "Related content from example.com:", "You may like to read:"
        r"|^\W*(?:related|similar|recent|popular)\s+(?:posts|stories|articles|content|links|news)(?: from \S+)?\s*:$"
        r"|^\W*you (?:may|might) (?:also )?(?:like|enjoy)(?: to read)?\s*:$"
        # "More...", "More Town & Country headlines...", "more Videos »"
        r"|^\W*more(?: [^\s.!?:]+){0,4} ?(?:\.\.\.|…|»|›|>>?)$"
        r"|^\W*(?:auch interessant|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|voir aussi|lee también|leer más|te puede interesar)\b.*",
        max_words=25,
        triggers=(
            "read",
            "see",
            "watch",
            "listen",
            "related",
            "more",
            "also",
            "interessant",
            "lesen",
            "mehr",
            "lire",
            "voir",
            "lee",
            "puede",
            "similar",
            "recent",
            "popular",
            "you may",
            "you might",
        ),
    ),
    # "^ a b Smith (2004). Title. p. 41.": an entry of a wiki's reference list, with its backlinks
    Rule("reference-entry", "link", r"(?:\d{1,3}[.)]?\s+)?[\^↑]\s.*", whole=True),
    Rule("url-line", "link", r"(?:https?://|www\.)\S+", whole=True, max_words=1),
    # --- social and cookie prompts
    Rule(
        "social-prompt",
        "social",
        rf"^\W*(?:share|follow|like|tweet|pin|email)\b.*\b(?:us|{_NETWORKS}|this (?:article|story|page))\b"
        # "Follow @handle", "Enjoy this article? Help vote it up", "Your Facebook Friends will see
        # that you've read this article."
        r"|^\W*follow @\w+\W*$|^\W*(?:did you )?(?:enjoy(?:ed)?|like[ds]?) this (?:article|post|story)\s*\?"
        r"|\bfriends will see that you(?:'ve|’ve| have) read\b|\bif you (?:enjoyed|liked) this (?:article|post|story)\b",
        max_words=14,
        triggers=("share", "follow", "like", "tweet", "pin", "email", "enjoy", "friends will see"),
    ),
    Rule("share-buttons", "social", rf"(?:(?:share(?: this)?|{_NETWORKS}|print|copy link|messenger)\W*)+", whole=True),
    Rule(
        "cookie-prompt",
        "cookie",
        r"\bcookies?\b.*\b(?:use|accept|consent|policy|settings|preferences|agree|utilizamos|usamos|aceptar|akzeptieren|verwenden|nutzen|utilisons|accepter|utilizziamo|accetta)\b|\b(?:utilizamos|usamos|verwenden|nutzen|utilisons|utilizziamo)\b.*\bcookies?\b|\b(?:accept|reject|manage) (?:all )?cookies\b|\bprivacy (?:policy|settings|notice)\b|\bterms (?:of (?:use|service)|and conditions)\b",
        triggers=("cookie", "privacy", "terms"),
    ),
    # "Diese Website nutzt Cookies", "uses cookies", "gebruikt cookies": the verb right before the word;
    # a banner is short, an article paragraph on the subject is seldom this short
    Rule(
        "cookie-notice",
        "cookie",
        r"\b(?:uses?|nutzt|nutzen|verwendet|verwenden|setzt|setzen|gebruikt|gebruiken|utilise|utilisent|utilisons|utiliza|utilizan"
        r"|utilizamos|usamos|utilizza|utilizzano|utilizziamo|använder|bruger|bruker)\s+(?:\w+\s+){0,2}cookies?\b",
        max_words=80,
        triggers=("cookie",),
    ),
    # "You are receiving this email because...", "unsubscribe from this list": an e-mail's footer
    Rule(
        "email-footer",
        "chrome",
        r"\bunsubscribe\b|\bupdate (?:your )?(?:e-?mail )?preferences\b|\byou(?: are|'re|’re) receiving this\b"
        r"|\bour mailing address is\b|\bhow you receive (?:these|our) e-?mails\b|\bforwarded (?:to you|this e-?mail)\b|\bview (?:this e-?mail|this newsletter|it|online version) in (?:your|a|the) browser\b",
        max_words=40,
        triggers=(
            "unsubscribe",
            "preferences",
            "receiving this",
            "mailing address",
            "receive these",
            "receive our",
            "forwarded",
            "browser",
        ),
    ),
    Rule(
        "legal-notice",
        "chrome",
        r"\bis the trading name of\b|\bregistered (?:in england|office|charity)\b|\bcompany (?:number|no\.?|registration)\b|\bcompany limited by guarantee\b"
        # a news agency's terms: "This material may not be published, broadcast, rewritten or
        # redistributed", "Republication or redistribution of ... content ... is expressly prohibited"
        r"|\bmay not be (?:re)?published, broadcast, rewritten\b|\b(?:republication|redistribution)\b.{0,120}\bprohibited without\b"
        r"|\ball rights reserved\W+any (?:reproduction|redistribution|duplication|copying)\b",
        triggers=(
            "trading name",
            "registered",
            "company",
            "broadcast, rewritten",
            "prohibited without",
            "rights reserved",
        ),
    ),
    # a post's tags or categories, with or without where it was filed: "Tags: ferry, council, bridge",
    # "Published on March 17, 2010 in Local News and Transport . Tags: ferry , bridge"
    Rule(
        "tags-line",
        "chrome",
        r"\W*(?:(?:published|posted|filed)(?: on)? .{0,40}\bin .{0,160}\b)?(?:tags?|categor(?:y|ies))\s*:\s*\S.*",
        action=END,
        whole=True,
        max_words=40,
    ),
    # a notice on where the story came from or how to use the page: "This story is sourced direct
    # from an overseas news agency as an additional service to readers", "In the interest of
    # timeliness, this story is fed directly from the wire", "double-click on any word"
    Rule(
        "story-notice",
        "chrome",
        r"\b(?:this|the) (?:story|article|report) (?:is|was|has been) (?:fed|sourced|taken|supplied|provided|received) direct(?:ly)? from\b"
        r"|\bin the interest of timeliness\b|\bdouble-click on any word\b",
        max_words=80,
        triggers=("direct", "timeliness", "double-click"),
    ),
    # a blog post's footer: where it was filed and how to follow it ("This entry was posted on
    # Monday, May 4th, 2015 at 9:10 am and is filed under ...", "Filed under: Gardens",
    # "You can follow any responses to this entry through the RSS 2.0 feed", "Bookmark the permalink")
    Rule(
        "post-footer",
        "chrome",
        r"^\W*this (?:entry|post) was (?:posted|written|filed)\b|^\W*this was written by\b.*\b(?:posted|filed)\b"
        r"|^\W*filed under\b|\byou can follow any responses to this\b|\bbookmark the permalink\b",
        action=END,
        max_words=80,
        triggers=("this entry", "this post", "this was written", "filed under", "follow any responses", "permalink"),
    ),
    Rule(
        "copyright",
        "chrome",
        r"^\W*(?:©|\(c\)\s*\d{4}|copyright\b)|©|\ball rights reserved\b",
        max_words=20,
        triggers=("©", "(c)", "copyright", "rights reserved"),
    ),
    # a teaser's age before its headline, in a list of other stories: "15 hrs ago  Washington girls
    # knock off Lincoln", "* 15 hours ago- Census seeks ...", "3 days ago - Park realizes win" (a
    # sentence, "3 days ago, the council ...", goes on after a comma or ends like one)
    Rule(
        "teaser-age",
        "related",
        r"\W*\d+\s*(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?)\s+ago\b(?!,)(?!.*[.!?]\W*$).*",
        whole=True,
        max_words=20,
    ),
    # --- the start of what follows the article: related lists, latest news, comments
    # the start of the readers' comments: whatever prose follows is theirs, not the article's
    Rule(
        "comments-section",
        "related",
        r"leave a (?:comment|reply)\W*(?:cancel reply)?|join the (?:conversation|discussion)\W*|(?:post a|add a|show) comments?\W*"
        # "What Do You Think? Post Your Comment:", "230 commentsJoin the discussion"
        r"|(?:what do you think\W*)?(?:post|add|leave|write) your comments?\W*|\d+\s+comments?\s*join the (?:conversation|discussion)\W*"
        # reader responses: "Comments (48)", "23 responses", "Reader views (5)", "Add your view"
        # "Comments (3), Blocked Comments (0):", "4 comments:"
        r"|(?:public )?(?:comments?|responses?|replies|reactions|discussion)\s*\(\d+\)(?:,.{0,40})?\W*|\d+\s+(?:comments?|responses?|replies|reactions)\W*"
        r"|(?:readers?'?’?s?'?\s+)?(?:views|opinions)\s*\(\d+\)|add your (?:view|comment|opinion)s?\W*"
        # the count set in brackets: "{ 167 comments }", "[ 12 responses ]"
        r"|[\[{(]\s*(?:\d+\s+)?(?:comments?|responses?|replies)\s*[\]})]"
        # "{ 74 comments… read them below or add one }"
        r"|[\[{(]\s*\d+\s+(?:comments?|responses?|replies)\W+(?:read them|add one|join)[^\]})]{0,40}[\]})]"
        # "34 responses to <the headline>", "12 comments on <the headline>", "One thought on <...>",
        # "8 appreciated comments on <...>"
        r"|(?:\d+|one|no)\s+(?:[a-z]+\s+)?(?:responses?|comments?|replies|thoughts?)\s+(?:to|on)\s+\S.{0,150}"
        r"|(?:commentaires?|kommentare?|commenti|reacties|comentarios)\s*\(\d+\)"
        # "5 comments so far...", "No comments yet", "Comments are now closed for this story"
        r"|(?:(?:\d+|no) )?(?:comments?|responses?|replies) (?:so far|yet|at the moment|at this time)\W*(?:add yours\W*)?"
        r"|comments (?:are|have been) (?:now )?closed(?: for this (?:story|article|post|entry|page))?\W*"
        # a news site's heading over its readers' comments: "Latest Comments:", "Readers' comments"
        r"|(?:latest|readers?'?’?) comments\W*\d*\W*"
        # "Discussions: Be the first to post a comment on this page!"
        r"|(?:discussions?\W*)?be the first to (?:post|leave|add|write)?\s*(?:a )?comment(?: on this (?:page|story|article|post))?\W*"
        # a comment widget's label and its links: "blog comments powered by Disqus", "View all
        # Comments »", "Add Yours »"
        r"|(?:blog )?comments powered by \w+|view (?:all )?comments\W*|add yours\W*",
        action=END,
        whole=True,
        max_words=30,
    ),
    Rule(
        "section-after-article",
        "related",
        _SECTION_AFTER,
        action=END,
        whole=True,
        max_words=7,
    ),
    # a heading of related posts set as a tab, or an item of a list of tabs: "* Popular Posts",
    # "* Related Posts" (a comment count set so, "* 0 comments", is as often the article's share bar)
    Rule(
        "section-tab",
        "related",
        r"[*+•]\s+(?:related|popular|recent|latest|most (?:read|popular|viewed|commented))\s+(?:posts|articles|stories|entries)",
        action=END,
        whole=True,
        max_words=8,
    ),
    # a forum's or a blog's policy set above its comments: "The following comments are owned by
    # whoever posted them.", "Comments are moderated", "Comment policy"
    Rule(
        "comment-policy",
        "related",
        r"\b(?:the following )?comments are (?:owned by|moderated|the (?:sole )?(?:responsibility|property|opinions?))\b"
        r"|\bcomments? policy\b|\bnot responsible for (?:them|the comments|comments|the content of comments)\b"
        # "We welcome your comments on this story. Comments are submitted for possible publication
        # on the condition...", "Comment posters are responsible for the opinions they express"
        r"|\bwe welcome (?:your )?comments\b|\bcomments are submitted for\b|\b(?:comment )?posters are (?:solely )?responsible\b"
        r"|\bcomment moderation is (?:enabled|on|turned on)\b"
        # "Only members of the Club can enter comments.", "All comments are public.", "We encourage
        # lively debate, but please be respectful of others.", "Personal attacks will not be approved."
        r"|\b(?:users|members)\b.{0,30}\bcan (?:enter|post|leave|add|write) comments\b|\ball comments are public\b"
        r"|\bwe encourage (?:lively|open|respectful|civil|healthy) (?:debate|discussion|conversation)\b|\bpersonal attacks (?:are|will) (?:not|be)\b",
        action=END,
        max_words=100,
        triggers=(
            "comments are",
            "comment policy",
            "comments policy",
            "not responsible for",
            "we welcome",
            "posters are",
            "comment moderation",
            "comments",
            "we encourage",
            "personal attacks",
        ),
    ),
    # the form under a thread of comments: "Your email address will not be published", "Remember
    # me - this will save your name...", "Notify me of follow-up comments by email"
    Rule(
        "comment-form",
        "related",
        r"\byour e-?mail(?: address| id)?\W{0,3}will not be (?:published|displayed|shared)\b"
        r"|\bremember me\b.{0,80}\b(?:comments?|name)\b|\(will appear (?:below|with|next to) your comment\W*\)"
        r"|\bnotify me of (?:follow-?up|new) (?:comments|posts|replies)\b|\bsave my name, e-?mail\b"
        # "Full name: Email address: Location (optional) : Your comments: Remember my details"
        r"|\bremember my details\b|\bfull name:.{0,40}\be-?mail(?: address)?:",
        action=END,
        max_words=40,
        triggers=(
            "will not be",
            "remember me",
            "notify me",
            "save my name",
            "remember my",
            "full name:",
            "will appear",
        ),
    ),
    # --- what closes a press release or an article: end markers, notes, boilerplate about the issuer
    Rule(
        "end-marker",
        "related",
        r"-*\s*(?:ENDS?|Ends|###|#\s#\s#|-30-)\s*-*",
        action=END,
        whole=True,
        max_words=6,
        ignore_case=False,
    ),
    Rule(
        "notes-and-about",
        "related",
        r"(?i:notes? (?:to|for) (?:editors?|the editor)\W*|editor'?s'?’? notes?\W*|(?:media|press|investor) (?:contacts?|enquiries|inquiries)(?:\s*:.*)?"
        r"|forward-looking statements|about the authors?|about (?:the|our|this) (?:guests?|hosts?|speakers?|show|podcast|series|contributors?))"
        r"|ABOUT [A-Z].{1,40}|About (?:the |our )?[A-Z][^.!?|:;,]{1,40}",
        action=END,
        whole=True,
        max_words=7,
        ignore_case=False,
    ),
    # the writer's box under a post, its heading run into the bio: "About the author: Ed Avis is a
    # writer and editor in ...", "About Jo Bloggs: Conversation designer and ..."
    Rule(
        "author-box",
        "related",
        r"^\W*(?:(?i:about (?:the )?(?:authors?|writer|contributor))|About [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})\s*:\s+\S",
        max_words=120,
        ignore_case=False,
        triggers=("about",),
    ),
    # --- metadata lines: read by meta.py, never body text
    Rule(
        "publication-date",
        "metadata",
        rf"(?:{DATE_LABELS})\s*:?\s*(?:{DATE_ONLY})(?:\s*[·|,-]?\s*(?:{DATE_LABELS})\s*:?\s*(?:{DATE_ONLY}))?",
        action=META,
        whole=True,
        max_words=34,  # two labels of up to 5 words and two dates: a bound, not a filter
    ),
    # "Published in the Example Ledger on Nov. 2, 2024.", "Posted to the site on 3 May 2021"
    Rule(
        "publication-date-where",
        "metadata",
        rf"(?:first )?(?:published|posted|printed|updated|appeared)\b[^.!?]{{0,60}}?\bon\s+(?:{DATE_ONLY})\.?",
        action=META,
        whole=True,
        max_words=16,
    ),
    Rule("source-credit", "metadata", r"source\s*:\s*\S.*", action=META, whole=True, max_words=15),
    Rule(
        "contributor-credit",
        "metadata",
        r"\b(?:contributed|contributing) (?:to )?(?:this|the) (?:report|story|article)\b|^(?:[A-Z][\w'’.-]+ ){1,3}reported from [A-Z]",
        action=META,
        max_words=40,
        triggers=("contribut", "reported from"),
    ),
    Rule(
        "agency-credit",
        "metadata",
        # "(FRANCE 24 with AP and REUTERS)", "(Reporting by X; Editing by Y)", "(AFP)"
        r"\((?i:[^()]*\b(?:with|reporting|editing|writing|compiled)\b[^()]*)\)|\([A-Z0-9][A-Z0-9 &/.,'-]{1,40}\)",
        action=META,
        whole=True,
        max_words=25,
        ignore_case=False,
    ),
)


class Match(NamedTuple):
    """The rule a line matched. One per rule, built with the rule set: lines share them."""

    rule: Rule
    reason: str  # "category: name", what the removed line says


def _automaton(rules: tuple[Rule, ...]):
    """An Aho-Corasick automaton: trigger string -> the indices of the rules it wakes."""
    import ahocorasick

    wakes: dict[str, set[int]] = {}
    for n, rule in enumerate(rules):
        for trigger in rule.triggers:
            wakes.setdefault(trigger, set()).add(n)
    if not wakes:
        return None
    automaton = ahocorasick.Automaton()
    for trigger, indices in sorted(wakes.items()):
        automaton.add_word(trigger, frozenset(indices))
    automaton.make_automaton()
    return automaton


_ASCII = tuple(map(chr, range(128)))


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The ASCII characters a whole-line match of `pattern` can start with, or None for any.

    Asked of the `regex` library's partial matching (a public API): a character can start a
    match when the one-character string is the beginning of a string the pattern matches whole.
    Letters count in both cases whatever the pattern's flags, so the answer is an over-estimate,
    never an under-estimate; it is only used to skip rules that cannot match a line, so an
    over-estimate costs time, never a match. A pattern `regex` cannot read, or that matches the
    empty line, may start with anything.
    """
    import regex  # type: ignore[import-untyped]

    try:
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)
    except regex.error:
        return None
    if compiled.fullmatch("") is not None:
        return None
    chars = {c for c in _ASCII if compiled.fullmatch(c, partial=True) is not None}
    if any(c.isspace() for c in chars):  # Python's `re` counts \x1c-\x1f as \s, `regex` does not
        chars.update(c for c in _ASCII if c.isspace())
    if len(chars) == len(_ASCII):
        return None
    # Both cases, and the ASCII letters that the four non-ASCII letters matching one under
    # IGNORECASE ("İ", "ı", "ſ", the Kelvin sign) fold to, in both cases too.
    ascii_chars = {v[:1] for c in chars for v in (c, c.lower(), c.upper(), c.casefold())} & set(_ASCII)
    return frozenset(ascii_chars | {c.swapcase() for c in ascii_chars})


def _top_level_branches(pattern: str) -> list[str]:
    """`pattern` cut at its top-level "|": the alternatives whose union it is.

    Brackets, groups and escapes are skipped over; a pattern that sets global flags inline is
    kept whole (cutting it would move the flags)."""
    if re.match(r"\(\?[a-zA-Z]+\)", pattern):
        return [pattern]
    branches, depth, start, i, in_set, members = [], 0, 0, 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            in_set = c != "]" or i == members  # a "]" first in a set is one of its members
        elif c == "[":
            in_set = True
            members = i + 2 if pattern[i + 1 : i + 2] == "^" else i + 1  # where the members start
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    branches.append(pattern[start:])
    return branches


# A whole-line rule matched on its own: its index, its compiled pattern's fullmatch, its word limit.
_OnItsOwn = tuple[int, Callable[[str], "re.Match[str] | None"], int]


class RuleSet:
    """Compiled rules: the defaults plus the dossier's own `drop` and `keep` regexes."""

    def __init__(self, rules: tuple[Rule, ...] = DEFAULT_RULES, extra: CleanRules = CleanRules()) -> None:
        custom = tuple(Rule(f"dossier-drop-{i + 1}", "dossier", p, ignore_case=False) for i, p in enumerate(extra.drop))
        # Metadata lines first: "Source: X / Photo Credit: X" is a credit line before it is a caption.
        self.rules = custom + tuple(r for r in rules if r.action == META) + tuple(r for r in rules if r.action != META)
        self._compiled = tuple(
            (rule, re.compile(rule.pattern, re.IGNORECASE if rule.ignore_case else 0)) for rule in self.rules
        )
        self._keep = tuple(re.compile(p) for p in extra.keep)
        self._triggers = _automaton(self.rules)
        self._untriggered = any(not r.whole and not r.triggers for r in self.rules)
        # One anchored alternation of the whole-line rules, one named group per rule: the first
        # alternative that matches the whole line is the first such rule in order. A line of n
        # words gets the alternation of the rules that allow n words, so the rule it names applies
        # as it is; long lines (article paragraphs) try only the few rules without a word limit.
        whole = [(n, r) for n, r in enumerate(self.rules) if r.whole]
        limits = sorted({r.max_words for _, r in whole if r.max_words})
        tiers = {
            limit: self._alternation([(n, r) for n, r in whole if not r.max_words or r.max_words >= limit])
            for limit in [*limits, (limits[-1] if limits else 0) + 1]
        }
        # words in a line -> the alternation for it (index: min(words, the longest limit + 1))
        self._whole_for = [tiers[next((x for x in limits if x >= n), max(tiers))] for n in range(max(tiers) + 1)]
        # The same, narrowed by the line's first character: Python's regex engine tries the
        # alternatives one by one, and most rules cannot start with a given character. A line
        # whose first character is not ASCII gets the full alternation. Narrowed alternations are
        # built on first use (first character -> alternation) and compiling them is slow, so
        # there are two kinds rather than one per word count: for lines within the word limits,
        # every whole-line rule (a line whose first match allows fewer words than it has falls back
        # to its word count's alternation); for longer lines, the rules without a limit.
        self._word_limit = {n: r.max_words for n, r in whole}
        self._bounded = len(self._whole_for) - 1  # a line of this many words or more is beyond every limit
        self._unlimited = [(n, r) for n, r in whole if not r.max_words]
        # per rule: its top-level alternatives, each with the characters it can start with
        self._branches = {n: [(b, _first_chars(b)) for b in _top_level_branches(r.pattern)] for n, r in whole}
        # Rules of one long alternative (the date rules: every label with every date format) gain
        # nothing from the narrowing and make every alternation that holds them slow to compile;
        # they are matched on their own instead, with the pattern compiled above, and only on lines
        # whose first character can start them.
        self._separate = {n for n, r in whole if len(self._branches[n]) == 1 and len(r.pattern) > 1000}
        self._whole_rules = whole
        # first character -> (narrowed alternation, rules matched on their own), filled on first use
        self._short_by_first: dict[str, tuple[re.Pattern[str], list[_OnItsOwn]]] = {}
        self._long_by_first: dict[str, tuple[re.Pattern[str], list[_OnItsOwn]]] = {}
        self._compiled_narrowed: dict[tuple[tuple[int, str], ...], re.Pattern[str]] = {}
        # the rules tried on every line: part-of-a-line rules without triggers (a curator's drops)
        self._always = frozenset(n for n, r in enumerate(self.rules) if not r.whole and not r.triggers)
        self._matches = tuple(Match(r, f"{r.category}: {r.name}") for r in self.rules)
        # A default rule that matches part of a line judges a line, not a paragraph: a long
        # paragraph (or a column of a page laid out in columns) that mentions cookies or a free
        # trial is not a cookie prompt. A curator's own drops apply to any length.
        self._part_limits = tuple(
            r.max_words or (0 if r.category == "dossier" else settings.PART_RULE_MAX_WORDS) for r in self.rules
        )
        # Rules naming a prompt ("click here", "terms of service") that a prose paragraph may mention.
        self._mention_rules = frozenset(
            n for n, r in enumerate(self.rules) if r.category in settings.PROSE_MENTION_CATEGORIES
        )

    @staticmethod
    def _alternation(rules: list[tuple[int, Rule]], patterns: dict[int, str] | None = None) -> re.Pattern[str]:
        """One named group per rule, anchored at the line's end; `patterns`: a rule's pattern narrowed."""
        return re.compile(
            "|".join(
                f"(?P<r{n}>"
                + ("(?i:" if rule.ignore_case else "(?-i:")
                + f"{patterns[n] if patterns else rule.pattern}))\\Z"
                for n, rule in rules
            )
            or "(?!)"
        )

    def _starting(self, rules: list[tuple[int, Rule]], first_char: str) -> tuple[re.Pattern[str], list[_OnItsOwn]]:
        """What a line starting with `first_char` (an ASCII character) is matched with: the
        alternation of `rules` narrowed to it, and the rules matched on their own that it can start
        (index, fullmatch, word limit), in order."""
        separate = [
            (n, self._compiled[n][1].fullmatch, self._word_limit[n])
            for n, _ in rules
            if n in self._separate and ((starts := self._branches[n][0][1]) is None or first_char in starts)
        ]
        return self._narrowed([(n, r) for n, r in rules if n not in self._separate], first_char), separate  # type: ignore[return-value]

    def _narrowed(self, rules: list[tuple[int, Rule]], first_char: str) -> re.Pattern[str]:
        """The alternation of `rules` narrowed to what can match a line starting with `first_char`
        (an ASCII character).

        Each rule keeps only its alternatives that can start with the character: which of a rule's
        alternatives matches never matters, only whether one does.
        """
        narrowed: dict[int, str] = {}
        for n, _ in rules:
            kept = [b for b, starts in self._branches[n] if starts is None or first_char in starts]
            if kept:
                narrowed[n] = "|".join(kept)
        # letters start the same alternatives in both cases: one compiled alternation serves both
        key = tuple(narrowed.items())
        if key not in self._compiled_narrowed:
            self._compiled_narrowed[key] = self._alternation([(n, r) for n, r in rules if n in narrowed], narrowed)
        return self._compiled_narrowed[key]

    def _first_whole_line_rules(self, texts: list[str]) -> list[int]:
        """Per line, the index of the first whole-line rule that matches it (the number of rules
        when none does): one anchored match of the alternatives that can start with the line's
        first character, which fails fast on article paragraphs."""
        n_rules = len(self.rules)
        bounded = self._bounded
        whole_for = self._whole_for
        word_limit = self._word_limit
        first = [n_rules] * len(texts)
        for i, text in enumerate(texts):
            n_words = text.count(" ") + 1  # block texts are whitespace-collapsed
            first_char = text[:1]
            by_first = self._short_by_first if n_words < bounded else self._long_by_first
            found_for = by_first.get(first_char)
            if found_for is None:
                if not (first_char.isascii() and first_char):  # the full alternation, as it is
                    whole = whole_for[n_words if n_words < bounded else bounded].match(text)
                    if whole is not None:
                        first[i] = int(whole.lastgroup[1:])  # type: ignore[index]
                    continue
                found_for = by_first[first_char] = self._starting(
                    self._whole_rules if n_words < bounded else self._unlimited, first_char
                )
            pattern, separate = found_for
            whole = pattern.match(text)
            n = n_rules if whole is None else int(whole.lastgroup[1:])  # type: ignore[index]
            if n < n_rules and word_limit[n] and n_words > word_limit[n]:
                # that rule does not allow so many words: the alternation of those that do
                whole = whole_for[n_words].match(text)
                n = n_rules if whole is None else int(whole.lastgroup[1:])  # type: ignore[index]
            else:
                for other, fullmatch, limit in separate:  # the rules matched on their own
                    if other >= n:
                        break
                    if (not limit or n_words <= limit) and fullmatch(text) is not None:
                        n = other
                        break
            first[i] = n
        return first

    def _part_line_candidates(self, texts: list[str], lowered: str | None) -> dict[int, set[int]]:
        """Per line, the part-of-a-line rules worth trying on it: those whose trigger strings it
        holds (found in one pass over the whole page), and those without triggers."""
        candidates: dict[int, set[int]] = {}
        if self._always:
            candidates = {i: set(self._always) for i in range(len(texts))}
        if self._triggers is not None and texts:
            if lowered is None:
                lowered = "\n".join(texts).lower()
            # where each line starts in the lowered page (lower-casing may change lengths)
            starts = [0, *accumulate(len(line) + 1 for line in lowered.split("\n"))]
            for end, indices in self._triggers.iter(lowered):
                i = bisect_right(starts, end) - 1
                if i in candidates:
                    candidates[i] |= indices
                else:
                    candidates[i] = set(indices)
        return candidates

    def kept_by_curator(self, text: str) -> bool:
        return any(k.search(text) for k in self._keep)

    def match(self, text: str) -> Match | None:
        """The first rule that matches the stripped line, or None. A curator's keep wins over every drop."""
        return self.match_all([text])[0]

    def match_all(self, texts: list[str], lowered: str | None = None) -> list[Match | None]:
        """`match` of every line of a page (lines hold no newline), the page scanned at once.

        `lowered`: the lines joined by newlines and lower-cased, when the caller has it already.

        Whole-line rules share one anchored match per line, of the alternatives that can start with
        the line's first character, which fails fast on article paragraphs.
        The trigger strings of the other rules are found in one pass over the whole page, so only
        the few lines that hold one are searched with those rules' regexes.
        """
        first = self._first_whole_line_rules(texts)
        found = [self._matches[n] if n < len(self.rules) else None for n in first]
        compiled = self._compiled
        part_limits = self._part_limits
        for i, rule_indices in self._part_line_candidates(texts, lowered).items():
            text = texts[i]
            n_words = text.count(" ") + 1
            for n in sorted(rule_indices):
                if n >= first[i]:
                    break
                limit = part_limits[n]
                if (not limit or n_words <= limit) and compiled[n][1].search(text) is not None:
                    if (
                        n_words >= _PROSE_MENTION_WORDS
                        and n in self._mention_rules
                        and _mentioned_in_prose(text, compiled[n][1])
                    ):
                        continue
                    found[i] = self._matches[n]
                    break
        if self._keep:
            found = [
                None if m is not None and self.kept_by_curator(t) else m for t, m in zip(texts, found, strict=False)
            ]
        return found
