"""Extraction quality on real news articles: quote attribution, figures and dates, in one run.

Usage: python bench/extraction_quality.py [LABELS.yml] [--show | --show=PART] [--no-held]

The labels (default bench/labels/extraction.yml) name real articles of the shared corpora
(../shared/corpora relative to the repository, read only; never copied here) by corpus folder and
id, with every direct quotation (its first words, its speaker, its kind), the figures and the
dates labelled by hand. Each article's gold body becomes a raw text source with the article's
date and publisher as curated facts, and goes through the public stages: clean_source(), then
build_dossier() with no curated actors (what the tool finds on its own). A second quote figure
runs the same with the labelled speakers' names curated as actors (name only, no aliases; a
name with an organisation word, in capitals or of one word is curated as an organisation).

Scores, per part of the fixed split (tune: the part the extractors may be tuned on; new: a second
batch from other publishers, labelled and scored before any change made for it, tuned on since;
fresh: a third batch, labelled after the changes made for the second and scored before any
change made for it, tuned on since; fourth: a fourth batch, labelled after the changes made for the
third and scored before any change made for it, tuned on since; fifth: a fifth batch, labelled after
the changes made for the fourth and scored before any change made for it, tuned on since; sixth:
a sixth batch, labelled after the changes made for the fifth, tuned on once the ninth was
labelled; seventh: a seventh batch from publishers not in the set before, labelled after the
changes made for the fifth and scored before any change made for it, tuned on since; eighth: an
eighth batch from publishers not in the set before, labelled after the changes made for the
seventh, tuned on once the ninth was labelled; ninth: a ninth batch from publishers not in the set
before, labelled before any change made after the eighth and scored before any change made for
it, tuned on since; tenth: a tenth batch from publishers not in the set before, labelled
before any change made after the ninth and scored before any change made for it, tuned on since;
eleventh: an eleventh batch from publishers not in the set before, labelled before any change made
after the tenth and scored before any change made for it, tuned on since; held: the held-out
part, never tuned on) and overall:

- quote attribution accuracy: labelled quotations found with the right speaker / labelled
  quotations, overall and per kind (a quotation not found counts as wrong);
- figures: precision (over articles whose figures are all labelled) and recall of the number as
  written with what it counts;
- dates: recall (labelled date expressions found), resolved right (labelled expressions found
  with the labelled value / labelled expressions) and precision of resolution (right value /
  labelled expressions found). Date labels are not exhaustive: events that match no label are
  listed by --show, not scored.

--show lists every miss of the parts that may be tuned on (never of the held-out part, whose
totals alone are printed); --show=PART lists those of one part; --no-held leaves the held-out part out of the run (while iterating). Skips cleanly (exit 0, a message) when the corpora are absent.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from build_tools.clean import clean_source
from build_tools.extract import build_dossier
from build_tools.extract.figures import quantity_of
from build_tools.model import ActorDef, Config, Dossier, Event, Figure, PartialDate, RawSource, SourceMeta
from build_tools.vocab import ORG_WORDS

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
LABELS = ROOT / "bench" / "labels" / "extraction.yml"
KINDS = ("name", "pronoun", "role", "split", "multi", "unnamed")
PARTS = ("tune", "new", "fresh", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "held")
# Parts whose misses --show never lists: their totals alone are printed.
NEVER_TUNED = frozenset({"held"})

_TITLES = frozenset(
    "mr mrs ms dr sen rep gov cmdr lt gen prof col capt sgt rev sir lord lady president minister "
    "secretary chancellor premier king queen prince".split()
)
_CUT = re.compile(r"\s+(?:for|of|at|filed|wearing|who|from|in|with)\s+", re.IGNORECASE)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _apostrophes(text: str) -> str:
    """Labels give a quotation's first words as the body writes them, an apostrophe lost to a
    character set as "?" ("it?s"); the extractor reads it as an apostrophe again."""
    return re.sub(r"(?<=[a-z])\?(?=[a-z])", "'", text)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", fold(text))


def _singular(word: str) -> str:
    word = word.removesuffix("'s").removesuffix("'")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@dataclass
class Article:
    corpus: str
    id: str
    part: str
    date: str
    publisher: str
    quotes: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    figures_complete: bool
    dates: list[dict[str, Any]]
    body: str = ""


@dataclass
class Tally:
    quotes: Counter[str] = field(default_factory=Counter)  # kind -> labelled
    right: Counter[str] = field(default_factory=Counter)  # kind -> right speaker
    fig_tp: int = 0
    fig_fn: int = 0
    fig_fp: int = 0
    fig_fp_tp: int = 0  # true positives in complete articles (precision's numerator)
    date_labels: int = 0
    date_found: int = 0
    date_right: int = 0
    events: int = 0  # events found in articles with date labels
    events_right: int = 0


def load_articles(path: Path) -> list[Article]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for a in data["articles"]:
        out.append(
            Article(
                corpus=str(a["corpus"]),
                id=str(a["id"]),
                part=str(a["split"]),
                date=str(a.get("date", "")),
                publisher=str(a.get("publisher", "")),
                quotes=list(a.get("quotes", [])),
                figures=list(a.get("figures", [])),
                figures_complete=bool(a.get("figures_complete", False)),
                dates=list(a.get("dates", [])),
            )
        )
    return out


def run_article(article: Article, actors: tuple[ActorDef, ...]) -> Dossier:
    raw = RawSource(
        id="article",
        file="article.txt",
        format="text",
        text=article.body,
        encoding="utf-8",
        meta=SourceMeta(date=PartialDate.parse_or_none(article.date), publisher=article.publisher),
    )
    source = clean_source(raw)
    return build_dossier(Config(title="bench"), [source], actors, ())


# -- quotes ---------------------------------------------------------------------------------------


def _name_matches(label: str, detected: str) -> bool:
    """A detected speaker text names the labelled person or body: "Mr Gachechiladze", "Kerry",
    "Justice Minister Ekaterine Tkeshelashvili", "Pat Danforth of the Council ..." for their
    labels; never "Gordon Brown's spokesman" for Gordon Brown."""
    if fold(label) == fold(detected):
        return True
    got = [w.strip(".") for w in _words(detected)]
    want = [w.strip(".") for w in _words(label)]
    if not got or not want:
        return False
    if len(want) == 1 or want[-1] in {"iii", "jr", "sr"}:
        key = want[0]
    else:
        key = want[-1]
    for i, word in enumerate(got):
        bare = word.removesuffix("'s") if not key.endswith("'s") else word
        if fuzz.ratio(bare, key) < 85:
            continue
        if bare != word:
            return False  # "Gordon Brown's spokesman"
        rest = got[i + 1 :]
        return not rest or rest[0] in {"of", "iii", "jr", "sr"} or all(w in want for w in rest)
    return False


def _head(description: str) -> str:
    cut = _CUT.split(description, maxsplit=1)[0]
    words = _words(cut)
    return _singular(words[-1]) if words else ""


def speaker_right(label: dict[str, Any], detected_text: str, detected_name: str) -> bool:
    names = [str(label["speaker"])] + [str(a) for a in label.get("aka", [])]
    for text in (detected_name, detected_text):
        if not text:
            continue
        if label["kind"] == "unnamed" or (str(label["speaker"])[:1].islower()):
            head = _head(str(label["speaker"]))
            got = [_singular(w) for w in _words(text)]
            if head and head in got and not any(w.endswith("'s") for w in _words(text)[-1:]):
                return True
            continue
        if any(_name_matches(n, text) for n in names):
            return True
    return False


def quote_results(article: Article, dossier: Dossier) -> list[tuple[dict[str, Any], str, bool]]:
    """(label, what was detected, right) for each labelled quotation of the article."""
    names = {a.id: a.name for a in dossier.actors}
    found = [(_apostrophes(fold(q.text)), q) for q in dossier.quotes]
    out = []
    for label in article.quotes:
        start = _apostrophes(fold(str(label["start"]))).strip("\"' ")
        hit = next((q for text, q in found if text.strip("\"' ([").startswith(start)), None)
        if hit is None:
            hit = next((q for text, q in found if start in text), None)
        if hit is None:
            out.append((label, "(not found)", False))
            continue
        name = names.get(hit.speaker, "")
        right = speaker_right(label, hit.speaker_text, name)
        out.append((label, f"{hit.speaker_text!r}" + (f" [{name}]" if name else ""), right))
    return out


# -- figures --------------------------------------------------------------------------------------


def _number_key(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text).replace("per cent", "percent")).strip(" .,")


def _counts_match(label: str, figure: Figure) -> bool:
    """What the figure counts, as labelled ("stink bombs" is counted as bombs): the head noun."""
    head = label.lower().split()[-1]
    return quantity_of(head) == figure.quantity or _singular(head) == _singular(figure.quantity.split()[-1])


def figure_results(article: Article, figures: list[Figure]) -> tuple[int, int, int, list[str]]:
    """(true positives, false negatives, false positives, notes). Labels are matched one to one:
    first the figures stated exactly as labelled, then those whose text contains the label's
    number or is contained in it."""
    unused = list(figures)
    matched: dict[int, Figure] = {}
    labels = article.figures
    for exact in (True, False):
        for i, label in enumerate(labels):
            if i in matched:
                continue
            key = _number_key(str(label["number"]))
            for f in unused:
                text = _number_key(f.text)
                same = text == key if exact else (key in text or text in key)
                if same and _counts_match(str(label["counts"]), f):
                    matched[i] = f
                    unused.remove(f)
                    break
    tp = sum(1 for i in matched if not labels[i].get("optional"))
    fn = 0
    notes: list[str] = []
    for i, label in enumerate(labels):
        if i in matched or label.get("optional"):
            continue
        fn += 1
        key = _number_key(str(label["number"]))
        near = [f"{f.text}/{f.quantity}" for f in figures if key.split()[-1] in _number_key(f.text)]
        notes.append(f"  missed figure {label['number']!r} {label['counts']!r}  (found: {near})")
    fp = len(unused) if article.figures_complete else 0
    if article.figures_complete:
        notes += [f"  extra figure {f.text!r} {f.quantity!r} in {f.sentence[:80]!r}" for f in unused]
    return tp, fn, fp, notes


# -- dates ----------------------------------------------------------------------------------------


def event_value(event: Event) -> str:
    """The event's date in the labels' notation (week:, early:/mid:/late: kept when the model
    carries them)."""
    if event.date is None:
        return ""
    period = str(getattr(event, "period", "") or "")
    if period in {"week", "early", "mid", "late"}:
        return f"{period}:{event.date.iso}"
    return event.date.iso


def date_results(article: Article, events: list[Event]) -> tuple[int, int, int, int, list[str]]:
    """(labels found, labels resolved right, events found, events right, notes)."""
    unused = list(events)
    found = right = 0
    notes: list[str] = []
    matched: list[tuple[Event, bool]] = []
    for label in article.dates:
        text = fold(str(label["text"]))

        def overlap(e: Event, text: str = text) -> int:
            """How much of the labelled expression the event's date text covers, in its sentence."""
            sentence, said = fold(e.text), fold(e.date_text)
            if text in sentence and said in sentence:
                a, b = sentence.index(text), sentence.index(said)
                return max(0, min(a + len(text), b + len(said)) - max(a, b))
            return len(said) if said in text or text in said else 0

        scored = sorted(((overlap(e), -k, e) for k, e in enumerate(unused)), key=lambda x: (x[0], x[1]), reverse=True)
        hit = scored[0][2] if scored and scored[0][0] > 0 else None
        if hit is None:
            notes.append(f"  missed date {label['text']!r} = {label['value']}")
            continue
        unused.remove(hit)
        found += 1
        ok = event_value(hit) == str(label["value"])
        right += ok
        matched.append((hit, ok))
        if not ok:
            notes.append(f"  wrong date {label['text']!r}: {event_value(hit) or '(unresolved)'} for {label['value']}")
    notes += [f"  unlabelled date {e.date_text!r} = {event_value(e)} in {e.text[:70]!r}" for e in unused]
    return found, right, found, right, notes


# -- the run --------------------------------------------------------------------------------------


def curated_actors(article: Article) -> tuple[ActorDef, ...]:
    seen: dict[str, ActorDef] = {}
    for q in article.quotes:
        name = str(q["speaker"])
        if q["kind"] == "unnamed" or name[:1].islower() or name in seen:
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "x"
        words = [w.strip(".'’s").lower() for w in name.split()]
        body = name.isupper() or any(w in ORG_WORDS for w in words) or len(words) == 1
        seen[name] = ActorDef(id=slug, name=name, kind="organisation" if body else "person")
    return tuple(seen.values())


def pct(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def main(argv: list[str]) -> int:
    show = "--show" in argv or any(a.startswith("--show=") for a in argv)
    # --show=PART lists the misses of that part alone.
    show_parts = {a.split("=", 1)[1] for a in argv if a.startswith("--show=")}
    args = [a for a in argv if not a.startswith("--")]
    labels = Path(args[0]) if args else LABELS
    if not CORPORA.is_dir():
        print(f"skipped: {CORPORA} not found (the shared corpora are not on this machine)")
        return 0
    articles = load_articles(labels)
    missing = 0
    for a in articles:
        path = CORPORA / a.corpus / "truth" / f"{a.id}.txt"
        if path.is_file():
            a.body = path.read_text(encoding="utf-8", errors="replace")
        else:
            missing += 1
    articles = [a for a in articles if a.body and not ("--no-held" in argv and a.part == "held")]
    if not articles:
        print(f"skipped: none of the labelled articles is in {CORPORA}")
        return 0
    tallies = {p: Tally() for p in PARTS}
    curated = {p: Tally() for p in PARTS}
    for a in articles:
        t = tallies.setdefault(a.part, Tally())
        dossier = run_article(a, ())
        lines: list[str] = []
        for label, got, ok in quote_results(a, dossier):
            t.quotes[label["kind"]] += 1
            t.right[label["kind"]] += ok
            if not ok:
                lines.append(f"  quote {label['start']!r} ({label['kind']}): {label['speaker']!r} <- {got}")
        ct = curated.setdefault(a.part, Tally())
        for label, _got, ok in quote_results(a, run_article(a, curated_actors(a))):
            ct.quotes[label["kind"]] += 1
            ct.right[label["kind"]] += ok
        tp, fn, fp, notes = figure_results(a, list(dossier.figures))
        t.fig_tp += tp
        t.fig_fn += fn
        t.fig_fp += fp
        if a.figures_complete:
            t.fig_fp_tp += tp
        lines += notes
        if a.dates:
            found, right, n_events, n_right, dnotes = date_results(a, list(dossier.events))
            t.date_labels += len(a.dates)
            t.date_found += found
            t.date_right += right
            t.events += n_events
            t.events_right += n_right
            lines += dnotes
        if show and lines and a.part not in NEVER_TUNED and (not show_parts or a.part in show_parts):
            print(f"{a.corpus}/{a.id} [{a.part}]")
            print("\n".join(lines))
    total = Tally()
    for src in (tallies,):
        for p in PARTS:
            tt = src[p]
            total.quotes.update(tt.quotes)
            total.right.update(tt.right)
            for f in (
                "fig_tp",
                "fig_fn",
                "fig_fp",
                "fig_fp_tp",
                "date_labels",
                "date_found",
                "date_right",
                "events",
                "events_right",
            ):
                setattr(total, f, getattr(total, f) + getattr(tt, f))
    ctotal = Tally()
    for p in PARTS:
        ctotal.quotes.update(curated[p].quotes)
        ctotal.right.update(curated[p].right)
    counts = Counter(a.part for a in articles)
    print(
        f"data set: {len(articles)} real news articles from ../shared/corpora (l3s, dragnet), labels {labels.name}"
        + (f"; {missing} labelled articles not found" if missing else "")
    )
    print(
        f"parts: tune {counts['tune']} articles (tuned on), new {counts['new']} articles (second batch, tuned on"
        f" after its first score), fresh {counts['fresh']} articles (third batch, likewise), fourth {counts['fourth']}"
        f" articles (fourth batch, likewise), fifth {counts['fifth']} articles (fifth batch, likewise), sixth {counts['sixth']} articles (sixth batch, tuned on since the ninth was labelled), seventh {counts['seventh']} articles (seventh batch, tuned on after its first score), eighth {counts['eighth']} articles (eighth batch, likewise), ninth {counts['ninth']} articles (ninth batch, tuned on after its first score), tenth {counts['tenth']} articles (tenth batch, likewise), eleventh {counts['eleventh']} articles (eleventh batch, likewise), held {counts['held']} articles"
        " (held out, never tuned on)"
    )
    header = f"{'':34}" + "".join(f"{p:>16}" for p in (*PARTS, "all"))
    print(header)
    rows = {**{p: tallies[p] for p in PARTS}, "all": total}
    crow = {**{p: curated[p] for p in PARTS}, "all": ctotal}

    def line(name: str, cells: list[str]) -> None:
        print(f"{name:34}" + "".join(f"{c:>16}" for c in cells))

    def acc(t: Tally, kind: str | None = None) -> str:
        n = sum(t.quotes.values()) if kind is None else t.quotes[kind]
        r = sum(t.right.values()) if kind is None else t.right[kind]
        return f"{pct(r, n)} ({r}/{n})"

    line("quote attribution, no actors", [acc(rows[p]) for p in rows])
    for kind in KINDS:
        line(f"  {kind}", [acc(rows[p], kind) for p in rows])
    line("quote attribution, speakers curated", [acc(crow[p]) for p in crow])
    line(
        "figures precision",
        [f"{pct(t.fig_fp_tp, t.fig_fp_tp + t.fig_fp)} ({t.fig_fp_tp}/{t.fig_fp_tp + t.fig_fp})" for t in rows.values()],
    )
    line(
        "figures recall",
        [f"{pct(t.fig_tp, t.fig_tp + t.fig_fn)} ({t.fig_tp}/{t.fig_tp + t.fig_fn})" for t in rows.values()],
    )
    line(
        "dates found (recall)",
        [f"{pct(t.date_found, t.date_labels)} ({t.date_found}/{t.date_labels})" for t in rows.values()],
    )
    line(
        "dates resolved right",
        [f"{pct(t.date_right, t.date_labels)} ({t.date_right}/{t.date_labels})" for t in rows.values()],
    )
    line(
        "dates resolution precision",
        [f"{pct(t.events_right, t.events)} ({t.events_right}/{t.events})" for t in rows.values()],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
