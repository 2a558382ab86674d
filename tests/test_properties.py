"""Property-based tests: arbitrary text through the cleaner, the extractors and the renderer.

Whatever the text (control characters, lone surrogates excepted since no decoder yields them,
any script, payloads cut and mixed), nothing raises, and no `<` of the input comes out as
markup: in the Markdown pages every `<` opens one of the few tags that the templates write, and
in the HTML that Python-Markdown makes of them (with the site's extensions) no element or
attribute comes from the input.

Profiles: the default runs a few hundred examples in all (100 whole pipelines of text sources,
50 of saved pages, 500 of the escaping functions); `HYPOTHESIS_PROFILE=thorough` runs 10,000
whole pipelines of text sources, 2,500 of saved pages and 50,000 of the escaping functions.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest
from hostile_project import PAYLOADS, input_markup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import build_tools
from build_tools.clean import clean_all
from build_tools.clean.html import extract_html
from build_tools.extract import build_dossier
from build_tools.load import slugify
from build_tools.model import ActorDef, Config, RawSource, SourceMeta, TopicDef
from build_tools.render import render_site
from build_tools.render.markdown import escape, html_text, title_text

settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile(
    "thorough",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Pieces that make text dangerous when cut and mixed: markup, Markdown and theme syntax.
PIECES = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "`",
    "\\",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "{:",
    "|",
    "!!!",
    "???+",
    "#",
    "- ",
    "1. ",
    "    ",
    "\n",
    "\n\n",
    "---",
    "===",
    ":",
    "~~~",
    "<!--",
    "-->",
    "&lt;",
    "&#60;",
    "javascript:",
    "onerror=",
    "\x7f",
    "\x1b",
    "\x0b",
    "\u2028",
    "\u00a0",
    "John Kerry",
    "Islamic State",
    "said",
    "on 3 December 2014",
    '"We will win," he said.',
    "45 million dollars",
    *PAYLOADS,
]
# No lone surrogates: decode_bytes never yields them (a file's bytes are decoded with errors replaced).
CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(CHARS, max_size=30)), max_size=40).map("".join)

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "pymdownx.details", "toc"]
# Every `<` a template may write in a page's Markdown: the tags that the templates and the render
# modules write (read from their source), the HTML comments of ours (the tags page's, and the lines
# around a raw HTML block, see mkdocs_hooks.py), and the angle brackets around
# a link's URL (`](<...>)`). Any other `<` in a page came from an input.
_RENDER = Path(build_tools.__file__).parent
_TEMPLATE_TAGS = sorted(
    {
        m.group(1).lower()
        for f in [*(_RENDER / "templates").rglob("*.j2"), *(_RENDER / "render").glob("*.py")]
        for m in re.finditer(r"</?([a-zA-Z][a-zA-Z0-9]*)[\s>/]", f.read_text(encoding="utf-8"))
    }
    - {"script", "img", "iframe", "object", "embed", "style", "link", "meta", "base", "b"}
)
_OUR_TAGS = re.compile(
    rf"</?(?:{'|'.join(_TEMPLATE_TAGS)})[\s>/]|<!-- material/tags -->|^<!-- /?dossier:html -->$", re.IGNORECASE | re.M
)
_LINK_URL = re.compile(r"\]\(<[^<>\s]*>")


def stray_angle_brackets(page: str) -> list[str]:
    """The `<` of a Markdown page that no template wrote (each with some context)."""
    cleaned = _LINK_URL.sub("](", page)
    cleaned = _OUR_TAGS.sub("", cleaned)
    return [cleaned[max(0, m.start() - 30) : m.start() + 30] for m in re.finditer("<", cleaned)]


def _file_name(text: str) -> str:
    name = re.sub(r"[/\x00]", "", text)[:60].strip() or "x"
    return f"{name}.txt"


def _pipeline(text: str, name: str, actor: str, topic: str, html: bool = False):
    fmt = "html" if html else "text"
    raw = RawSource(
        id=slugify(name),
        file=name if not html else name[:-4] + ".html",
        format=fmt,
        text=text,
        encoding="utf-8",
        meta=SourceMeta(),
    )
    other = RawSource(
        id="other",
        file="other.txt",
        format="text",
        encoding="utf-8",
        text="Other report\n\nJohn Kerry said on 3 December 2014 that the coalition would meet.\n",
    )
    actors = [ActorDef(id="john-kerry", name="John Kerry", kind="person", aliases=("John Kerry", "Kerry"), line=1)]
    if actor.strip() and slugify(actor) != "john-kerry":
        actors.append(
            ActorDef(
                id=slugify(actor),
                name=actor,
                kind="group",
                role=actor,
                description=actor,
                aliases=(actor.strip(), "Islamic State"),
                line=2,
            )
        )
    topics = [
        TopicDef(
            id=slugify(topic) if topic.strip() else "t",
            name=topic.strip() or "T",
            description=topic,
            keywords=("coalition", "said"),
            line=1,
        )
    ]
    cleaned = clean_all([raw, other])
    dossier = build_dossier(Config(title=actor or "T", description=topic), cleaned, actors, topics)
    return dossier, render_site(dossier)


_MARKDOWN = markdown.Markdown(extensions=EXTENSIONS)


def _to_html(text: str) -> str:
    return _MARKDOWN.reset().convert(text)


def _check_pages(pages: dict[str, str]) -> None:
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        stray = stray_angle_brackets(page)
        assert stray == [], (path, stray[:5])
        body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
        produced = _to_html(body)
        problems = input_markup(produced, fragment=True, where=path)
        assert problems == [], problems[:5]


@given(text=TEXT, name=TEXT, actor=TEXT, topic=TEXT)
def test_text_sources_render_as_text(text: str, name: str, actor: str, topic: str) -> None:
    _, pages = _pipeline(text, _file_name(name), actor.strip()[:80], topic[:80])
    _check_pages(pages)


@given(body=TEXT, title=TEXT)
@settings(max_examples=max(50, settings().max_examples // 4))
def test_saved_pages_render_as_text(body: str, title: str) -> None:
    import html as html_lib

    page = (
        f"<html><head><title>{html_lib.escape(title)}</title>"
        f'<meta property="og:title" content="{html_lib.escape(title)}"></head>'
        f"<body><article><h1>{html_lib.escape(title)}</h1><p>{body}</p>"
        f"<p>{html_lib.escape(body)}</p></article></body></html>"
    )
    extract_html(page)  # trafilatura on arbitrary markup: no exception
    _, pages = _pipeline(page, "saved.txt", "", "")
    _check_pages(pages)


@given(TEXT)
@settings(max_examples=settings().max_examples * 5)
def test_escape_functions_leave_no_markup(text: str) -> None:
    md = escape(text)
    assert "<" not in md and ">" not in md and "\n" not in md
    assert not re.search(r"[\x00-\x08\x0e-\x1f\x7f]", md)
    produced = _to_html(f"{md}\n{{: #p1 }}\n")
    assert input_markup(produced, fragment=True) == []
    assert not re.search(r"<(?!/?p\b|/?code\b)", produced.replace('<p id="p1">', "<p>")), produced
    assert "<" not in html_text(text) and '"' not in html_text(text)
    assert not re.search(r"[<>&\"\\`]", title_text(text))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_as_a_whole_source(payload: str) -> None:
    _, pages = _pipeline(
        f"{payload}\n\n{payload} John Kerry said so.\n\n{payload}", _file_name(payload), payload, payload
    )
    _check_pages(pages)
