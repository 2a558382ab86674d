"""Shared vocabulary: the words several stages need, kept in one place. Data only, no I/O.

Month and weekday names come in the languages the cleaner reads (English, French, German,
Spanish, Italian, Dutch and Portuguese), lower-cased, in calendar order (January and Monday
first). Everything else (honorifics, title words, name particles, stopwords) is English, the
language of the extractors, down to the newsroom words that quote attribution and the finding of
people and organisations read (speech verbs, role nouns, body nouns, organisation and place words,
gendered nouns), but for the speech verbs of French, German and Spanish copy; each list says what it is for, and the modules that use it pick
what they need from it rather than keeping a copy of their own.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

LANGUAGES: Final = ("en", "fr", "de", "es", "it", "nl", "pt")

MONTHS: Final = MappingProxyType(
    {
        "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"),
        "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre"),
        "de": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
               "oktober", "november", "dezember"),
        "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
               "octubre", "noviembre", "diciembre"),
        "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
               "settembre", "ottobre", "novembre", "dicembre"),
        "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
               "oktober", "november", "december"),
        "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
               "outubro", "novembro", "dezembro"),
    }
)  # fmt: skip
# Other spellings met in print: without accents (as typed on an English keyboard), regional.
MONTH_VARIANTS: Final = MappingProxyType(
    {
        "fr": {"fevrier": 2, "aout": 8, "decembre": 12},
        "de": {"maerz": 3, "jänner": 1, "janner": 1},
        "es": {"setiembre": 9},
        "pt": {"marco": 3},
    }
)  # fmt: skip
# English abbreviations, as in "Dec 15", "Aug. 8", "Sept 3" ("may" is the month itself).
MONTH_ABBREVIATIONS_EN: Final = MappingProxyType(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
     "nov": 11, "dec": 12}
)  # fmt: skip

WEEKDAYS: Final = MappingProxyType(
    {
        "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
        "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
        "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
        "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
        "pt": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"),
    }
)  # fmt: skip
# Days named from today in English news copy.
RELATIVE_DAYS_EN: Final = ("today", "yesterday", "tomorrow")


def month_numbers(language: str = "en") -> dict[str, int]:
    """Month name -> number (1-12) in `language`, with its variant spellings."""
    numbers = {name: i for i, name in enumerate(MONTHS[language], 1)}
    numbers.update(MONTH_VARIANTS.get(language, {}))
    return numbers


# Honorifics written before a name, often with a full stop: "Dr. Helena Ruiz", "Gen Austin".
HONORIFICS: Final = ("mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "rev",
                     "supt", "insp", "const", "cst", "det", "cpl", "pte", "spc")  # fmt: skip
# Other abbreviations of ranks and titles seen before a name ("Adm.", "Messrs."), and of place
# words before a place's name ("St.", "Mt.", "Ft."): a full stop after one ends no sentence.
RANK_ABBREVIATIONS: Final = ("cmdr", "adm", "maj", "pres", "fr", "messrs")
PLACE_ABBREVIATIONS: Final = ("st", "mt", "ft")

# Words in front of a person's name that say who they are; the name is what follows.
PERSON_TITLES: Final = frozenset(
    """president vice prime minister secretary secretary-general general gen chancellor king queen
    prince princess emir sheikh pope ambassador envoy commander spokesman spokeswoman spokesperson
    chief senator sen governor mayor deputy mep mp dr prof mr mrs ms lord lady colonel col captain
    lieutenant major admiral sergeant director chairman chairwoman leader""".split()
)

# Lower-case particles inside Arabic, Dutch, French, German, Iberian and Italian names:
# "Haider al-Abadi", "bin Laden", "Herman van Rompuy", "Ursula von der Leyen", "dos Santos".
NAME_PARTICLES: Final = frozenset("al el bin ibn abu de da di du dos van von der den la le del".split())
# The forms "al" takes before some consonants ("as-Sisi", "ash-Shabab"): particles only as the
# first part of a name, never between two names.
ARABIC_ARTICLES: Final = frozenset("ad as ash at az".split())
# Particles that join two capitalised parts of one name ("Bank of England", "Charles de Gaulle").
NAME_CONNECTORS: Final = frozenset("of de du van von der den bin la le del da di".split())

# English function words and reporting verbs: frequent in every text, so never a name or a keyword.
STOPWORDS_EN: Final = frozenset(
    """a about above after again against all also although am an and any are as at be because been
    before being below between both but by can could did do does doing down during each either
    even ever every few for from further had has have having he her here hers herself him himself
    his how however i if in into is it its itself just least less like many may me meanwhile might
    more most much must my myself neither no nor not now of off on once one only or other others
    our ours ourselves out over own per perhaps rather same separately several she should since so
    some such than that the their theirs them themselves then there these they this those though
    through thus to too under until up upon us very via was we were what when where whether which
    while who whom whose why will with within without would yet you your yours yourself
    said says say told added according including including mr mrs ms""".split()
)

# Numbers written as words, as counts are written in English news copy ("two hostages", "a dozen").
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}

# -- newsroom vocabulary of the extractors (quote attribution and the people a source names) --

# Verbs that introduce reported speech, in the forms news copy uses.
SPEECH_VERBS: Final = frozenset(
    """
    say says said saying tell tells told telling add adds added adding note notes noted noting
    explain explains explained explaining stress stressed stressing warn warns warned warning ask
    asks asked asking admit admits admitted admitting declare declares declared declaring insist
    insists insisted insisting stated announce announces announced argue argues argued arguing
    conclude concludes concluded acknowledge acknowledges acknowledged remarked replied write
    writes wrote claimed cautioned urged vowed pledged conceded confirm confirms confirmed observed
    recalled suggested suggesting maintained continued promised promising predicted reiterated
    repeated described describing called calling
    yell yells yelled yelling shout shouts shouted shouting scream screamed cry cried exclaimed
    tweet tweets tweeted tweeting testify testifies testified testifying recount recounts
    recounted recounting allege alleges alleged alleging opined complained complaining
    responded responding answered quipped joked contended countered asserted asserting boasted
    lamented emphasised emphasized emphasising emphasizing demanded demanding pleaded whispered
    posted remarks says wrote writing insist declares reports reported reporting questioned
    appealed appealing denied denies denying bragged speculated proclaimed proclaims
    contends contend calls describes dubbed dubs referred refers labelled labeled branded
    chimed chimes commented sighed laughed gushed fumed snapped elaborated chanted chanting
    mentioned
    """.split()
)
# ... and the rarer forms that only the quote reader takes for speech verbs ("promises Thrasher",
# "labelling EMI 'boring'"); the cleaner's test of a line cut short keeps to the list above.
QUOTE_SPEECH_VERBS: Final = SPEECH_VERBS | frozenset(
    """
    describe labelling labeling branding dubbing termed terming promises conceding concedes
    claiming complains predicts predicting replies replying responds suggests urges urging vows
    vowing recalls recalling reiterates reiterating boasts boasting quips maintains maintaining
    acknowledging announcing confirming contending observing pleading pledging talked
    """.split()
)
# Verbs of judgement: `Treasurer Andrew Sidamon-Eristoff blamed it on the "severe weather."`
# quotes the one who blames (never the one blamed: "was blamed for" is passive).
JUDGEMENT_VERBS: Final = frozenset(
    "blamed criticised criticized condemned praised slammed dismissed hailed welcomed denounced mocked ridiculed".split()
)
# Speech verbs of French, German and Spanish copy, as the English verb the attribution reader
# knows; never longer than the words they stand for, so that offsets stay (see quotes.py). An
# inverted French pronoun ("a-t-il dit") becomes the pronoun and the verb.
FOREIGN_SPEECH_VERBS: Final = MappingProxyType(
    {
        # French: the passé composé ("a déclaré"), the inverted form and the present
        "a déclaré": "said", "a affirmé": "said", "a dit": "said", "a expliqué": "explained",
        "a ajouté": "added", "a souligné": "stressed", "a indiqué": "said", "a estimé": "said",
        "a assuré": "said", "a précisé": "said", "a lancé": "said", "a confié": "said",
        "a martelé": "said", "a insisté": "insisted", "a averti": "warned", "a répondu": "replied",
        "a-t-il dit": "he said", "a-t-elle dit": "she said", "a-t-il déclaré": "he said",
        "a-t-elle déclaré": "she said", "a-t-il ajouté": "he added", "a-t-elle ajouté": "she added",
        "a-t-il affirmé": "he said", "a-t-elle affirmé": "she said", "a-t-il expliqué": "he said",
        "a-t-elle expliqué": "she said", "a-t-il souligné": "he said", "a-t-elle souligné": "she said",
        "déclare": "says", "affirme": "says", "explique": "explains", "ajoute": "adds",
        "souligne": "stresses", "estime": "says", "précise": "says",
        # German
        "sagte": "said", "sagt": "says", "erklärte": "said", "erklärt": "says", "betonte": "said",
        "betont": "says", "meinte": "said", "sagten": "said", "erklärten": "said", "warnte": "warned",
        "antwortete": "replied", "sagte er": "he said", "sagte sie": "she said", "sagt er": "he says",
        "sagt sie": "she says", "erklärte er": "he said", "erklärte sie": "she said", "betonte er": "he said",
        "betonte sie": "she said", "meinte er": "he said", "meinte sie": "she said",
        # Spanish
        "dijo": "said", "afirmó": "said", "declaró": "said", "explicó": "said", "añadió": "added",
        "aseguró": "said", "señaló": "said", "indicó": "said", "manifestó": "said", "subrayó": "said",
        "sostuvo": "said", "advirtió": "warned", "agregó": "added", "respondió": "said",
        "afirma": "says", "asegura": "says",
    }
)  # fmt: skip
# English phrasal speech verbs, read as the one-word verb of the same width or less: "points out
# that" speaks like "notes that".
PHRASAL_SPEECH_VERBS: Final = MappingProxyType(
    {
        "pointed out": "noted",
        "points out": "notes",
        "pointing out": "noting",
        "point out": "note",
        # wire copy: `," Ruiz was quoted as saying by the agency`
        "was quoted as saying": "said",
        "is quoted as saying": "says",
        "were quoted as saying": "said",
    }
)
# "According to" in those languages ("selon", "d'après", "según", "laut").
ACCORDING_TO: Final = ("according to", "selon", "d'après", "d’après", "según", "laut")
# Left out on purpose: forms that are more often nouns ("states", "notes", "claims", "pledge").
# Nouns naming a single person by role: a description ending in one of them can be a speaker and
# the antecedent of "he"/"she". Generic newsroom vocabulary, not tied to any dossier.
ROLE_NOUNS: Final = frozenset(
    """
    official spokesman spokeswoman spokesperson diplomat minister secretary president
    vice-president premier chancellor ambassador envoy officer commander general admiral colonel
    source aide adviser advisor analyst expert lawyer attorney leader chief director negotiator
    representative witness resident prosecutor judge mayor governor senator lawmaker legislator
    congressman congresswoman mp mep chairman chairwoman chair head researcher professor doctor
    soldier king queen prince emir sheikh cleric imam priest bishop activist campaigner journalist
    reporter correspondent editor executive ceo founder manager coordinator delegate observer
    veteran survivor victim mother father son daughter brother sister woman man member
    handler operator dispatcher worker nurse teacher driver pilot firefighter paramedic neighbour
    neighbor owner student parent farmer guard coach player economist scientist engineer
    councillor commissioner sheriff trustee inspector investigator detective consultant employee
    coastguard bystander passenger tourist fan eyewitness insider
    striker defender midfielder goalkeeper forward winger quarterback pitcher batsman bowler
    skipper captain rookie champion actor actress singer comedian presenter host author
    boss rider runner golfer astronaut entrepreneur designer architect photographer filmmaker
    producer writer poet politician surgeon physician lecturer scholar historian principal pastor
    rabbi dean regulator trader banker investor broker ally relative
    shopkeeper protester protestor demonstrator colleague passer-by onlooker shopper customer voter
    villager commuter motorist pedestrian rescuer volunteer organiser organizer supporter critic
    opponent teammate referee umpire mediator lobbyist caller patient cousin uncle aunt
    husband wife boyfriend girlfriend grandmother grandfather nephew niece widow widower classmate
    spectator clerk staffer trooper constable crowd friend acquaintance user reader commenter
    viewer listener netizen follower subscriber""".split()
)
# Role nouns of French, German and Spanish copy, as the English role noun and the gender the
# form tells ("" for none): "dijo el ministro", "a déclaré la présidente", "sagte die Kanzlerin".
FOREIGN_ROLE_NOUNS: Final = MappingProxyType(
    {
        # Spanish
        "ministro": ("minister", "m"), "ministra": ("minister", "f"), "presidente": ("president", ""),
        "presidenta": ("president", "f"), "portavoz": ("spokesperson", ""), "alcalde": ("mayor", "m"),
        "alcaldesa": ("mayor", "f"), "gobernador": ("governor", "m"), "gobernadora": ("governor", "f"),
        "secretario": ("secretary", "m"), "secretaria": ("secretary", "f"), "canciller": ("chancellor", ""),
        "embajador": ("ambassador", "m"), "embajadora": ("ambassador", "f"), "juez": ("judge", ""),
        "jueza": ("judge", "f"), "entrenador": ("coach", "m"), "entrenadora": ("coach", "f"),
        "director": ("director", "m"), "directora": ("director", "f"),
        "jefe": ("chief", "m"), "jefa": ("chief", "f"), "diputado": ("lawmaker", "m"),
        "diputada": ("lawmaker", "f"), "senador": ("senator", "m"), "senadora": ("senator", "f"),
        "rey": ("king", "m"), "reina": ("queen", "f"),
        # French
        "ministre": ("minister", ""), "président": ("president", "m"), "présidente": ("president", "f"),
        "porte-parole": ("spokesperson", ""), "maire": ("mayor", ""), "chancelier": ("chancellor", "m"),
        "chancelière": ("chancellor", "f"), "ambassadeur": ("ambassador", "m"),
        "ambassadrice": ("ambassador", "f"), "juge": ("judge", ""), "procureur": ("prosecutor", ""),
        "entraîneur": ("coach", "m"), "entraîneuse": ("coach", "f"), "directeur": ("director", "m"),
        "directrice": ("director", "f"), "député": ("lawmaker", "m"), "députée": ("lawmaker", "f"),
        "sénateur": ("senator", "m"), "sénatrice": ("senator", "f"), "roi": ("king", "m"),
        "reine": ("queen", "f"), "pape": ("pope", "m"), "premier": ("premier", "m"),
        # German
        "minister": ("minister", "m"), "ministerin": ("minister", "f"), "präsident": ("president", "m"),
        "präsidentin": ("president", "f"), "kanzler": ("chancellor", "m"), "kanzlerin": ("chancellor", "f"),
        "sprecher": ("spokesman", "m"), "sprecherin": ("spokeswoman", "f"),
        "bürgermeister": ("mayor", "m"), "bürgermeisterin": ("mayor", "f"), "botschafter": ("ambassador", "m"),
        "botschafterin": ("ambassador", "f"), "richter": ("judge", "m"), "richterin": ("judge", "f"),
        "staatsanwalt": ("prosecutor", "m"), "staatsanwältin": ("prosecutor", "f"),
        "trainer": ("coach", "m"), "trainerin": ("coach", "f"), "abgeordnete": ("lawmaker", ""),
        "abgeordneter": ("lawmaker", "m"),
    }
)  # fmt: skip
# Their definite articles, standing for "the", and the gender each tells ("" for none).
FOREIGN_ARTICLES: Final = MappingProxyType({"el": "m", "la": "f", "le": "m", "der": "m", "die": "f", "das": ""})
# Nouns for the one who heads a body, one office whichever the copy writes ("the head of the UN
# atomic watchdog" ... "the IAEA chief").
HEAD_OF_BODY: Final = frozenset("chief head leader boss director director-general".split())
# Nouns for a person by nationality: "the Briton said", "the Frenchman added" refer back to the
# person just named, like a role.
NATIONALITY_NOUNS: Final = frozenset(
    """
    briton englishman englishwoman scot scotsman scotswoman welshman welshwoman irishman irishwoman
    frenchman frenchwoman dutchman dutchwoman spaniard swede dane finn pole czech slovak hungarian
    german austrian swiss italian portuguese belgian norwegian icelander greek turk cypriot russian
    ukrainian belarusian georgian armenian serb croat bosnian slovenian romanian bulgarian albanian
    american canadian mexican brazilian argentine argentinian chilean colombian peruvian venezuelan
    cuban jamaican australian kiwi zealander israeli palestinian lebanese syrian iraqi iranian saudi
    jordanian egyptian moroccan algerian tunisian libyan nigerian ghanaian kenyan ethiopian
    ugandan zimbabwean zambian cameroonian ivorian senegalese afghan pakistani indian bangladeshi
    sri lankan nepali chinese japanese korean taiwanese thai vietnamese filipino indonesian
    malaysian singaporean
    """.split()
)
# Nouns for one member of a party, capitalised like a name: "the Democrat added", "the Tory said"
# is a second reference to someone the copy has named, as "the Briton" is.
PARTY_MEMBER_NOUNS: Final = frozenset("democrat republican tory".split())
# Nouns naming a body that speaks as one: a speaker kept as written, never the antecedent of
# "he"/"she".
BODY_NOUNS: Final = frozenset(
    """
    panel court jury committee board council company firm government ministry department agency
    authority police union commission tribunal inquiry group report airline newspaper daily
    contractor organisation organization movement bank party office statement network channel
    documents papers affidavit lawsuit filing foundation division wing branch unit motion study letter
    brief memo indictment complaint ruling verdict editorial release family club team charity
    insurer lender retailer broadcaster
    website site page post blog survey poll document notice message email magazine journal
    army navy military embassy consulate regime administration parliament cabinet coalition
    alliance federation association institute league university school hospital prosecution
    opposition campaign
    """.split()
)
# Words ending in -ly that are no adverbs: nouns ("the family said", "a close ally", "the daily",
# "the assembly"), adjectives ("the elderly", "friendly fire") and months or countries. An adverb
# may stand between a subject and its verb ("allegedly told"); these may not be skipped as one.
NOT_ADVERBS_LY: Final = frozenset(
    """
    family ally rally tally sally folly holly jolly lily belly bully jelly gully dolly filly hilly
    assembly anomaly monopoly homily melancholy panoply italy july reply supply apply comply imply
    rely multiply fly butterfly gadfly firefly ugly holy oily wily silly curly burly surly bubbly
    woolly wobbly grizzly friendly unfriendly lonely lovely lively elderly orderly disorderly costly
    deadly ghastly manly womanly motherly fatherly brotherly sisterly scholarly cowardly daily
    weekly fortnightly monthly quarterly yearly nightly hourly biweekly bimonthly
    """.split()
)
# Role and rank words written before a name ("Insp Nasim Ahmed", "coach Bob Stoops") besides
# the honorifics and person titles above.
TITLE_WORDS: Final = frozenset(
    """professor senator rep governor cmdr lieutenant general captain sergeant maj adm rev reverend
    insp inspector detective det judge justice mayor premier envoy chair officer official critic
    attorney lawyer correspondent reporter editor anchor host campaigner activist eyewitness witness
    head adviser advisor aide executive ceo founder analyst economist researcher candidate lawmaker
    councillor commissioner sheriff prosecutor superintendent treasurer speaker coach manager
    bishop rabbi""".split()
)
# Title words that qualify a role ("Health Minister", "Secretary of State", "Vice President").
TITLE_QUALIFIERS: Final = frozenset(
    "state defence defense foreign interior health justice information finance prime first "
    "acting former deputy assistant general attorney district national senior executive "
    "opposition olympics home trade education energy transport culture economy".split()
)
# Nouns for a person that tell their gender ("spokeswoman", "chairman").
GENDERED_NOUNS: Final = MappingProxyType(
    {
        "spokeswoman": "f",
        "chairwoman": "f",
        "congresswoman": "f",
        "businesswoman": "f",
        "woman": "f",
        "mother": "f",
        "wife": "f",
        "widow": "f",
        "daughter": "f",
        "sister": "f",
        "girl": "f",
        "grandmother": "f",
        "actress": "f",
        "queen": "f",
        "princess": "f",
        "spokesman": "m",
        "chairman": "m",
        "congressman": "m",
        "businessman": "m",
        "man": "m",
        "father": "m",
        "husband": "m",
        "widower": "m",
        "son": "m",
        "brother": "m",
        "boy": "m",
        "grandfather": "m",
        "actor": "m",
        "king": "m",
        "prince": "m",
    }
)
# Words that make a capitalised run an organisation.
ORG_WORDS: Final = frozenset(
    """
    movement party agency office ministry group air company corp corporation inc ltd llc plc bank
    council committee association commission department university institute foundation society
    center centre court service services administration authority board union organisation
    organization front army navy police force forces airlines airline airways news post times
    journal herald press television radio network tv reuters afp xinhua government congress
    parliament senate cabinet fund trust club federation league alliance coalition brigade
    brigades watch capital partners holdings industries systems laboratories labs media
    magazine tribune chronicle gazette telegraph guardian daily observer broadcasting channel
    commerce chamber assembly program programme project initiative campaign network tigers
    house coastguard guard guards studio studios reporter taliban hamas hezbollah qaeda farc
    """.split()
)
# Words that make a capitalised run a place.
PLACE_WORDS: Final = frozenset(
    """
    city county street road avenue river sea ocean island islands province state states bay
    valley mountain mountains park square airport stadium lake reef shoal coast district
    region village town market strait gulf peninsula desert hills beach harbour harbor port
    east west north south kingdom republic arena theater theatre gardens
    """.split()
)
