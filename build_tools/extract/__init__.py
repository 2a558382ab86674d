"""extract: cleaned sources + curated definitions -> Dossier.

Pure: no I/O. Each kind of finding has its own module (mentions, topics, quotes, figures,
dates, syndication); this module only runs them in order and assembles the model. Everything a
page shows is computed here (figure groups and their verdicts, topic highlight spans, resolved
dates), so that render only formats.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..model import ActorDef, CleanSource, Config, Dossier, TopicDef
from .dates import events_and_warnings
from .figures import find_figures, group_figures
from .mentions import find_mentions
from .quotes import find_quotes
from .syndication import find_shared
from .topics import find_topic_hits

T = TypeVar("T")


def _untimed(_name: str, step: Callable[[], T]) -> T:
    return step()


def build_dossier(
    config: Config,
    sources: Sequence[CleanSource],
    actors: Sequence[ActorDef],
    topics: Sequence[TopicDef],
    timed: Callable[[str, Callable[[], Any]], Any] = _untimed,
) -> Dossier:
    """The Dossier of `sources`. `timed(name, step)` runs each extractor (benchmarks pass one that
    measures it); by default it just calls the step."""
    ordered = tuple(sorted(sources, key=lambda s: s.id))
    mentions = timed("mentions", lambda: find_mentions(ordered, actors))
    topic_hits = timed("topics", lambda: find_topic_hits(ordered, topics))
    quotes = timed("quotes", lambda: find_quotes(ordered, actors, mentions))
    figures = timed("figures", lambda: find_figures(ordered))
    figure_groups = timed("figure groups", lambda: group_figures(figures))
    events, warnings = timed("events", lambda: events_and_warnings(ordered))
    shared = timed("shared", lambda: find_shared(ordered))
    return Dossier(
        config=config,
        sources=ordered,
        actors=tuple(actors),
        topics=tuple(topics),
        mentions=mentions,
        topic_hits=topic_hits,
        quotes=quotes,
        figures=figures,
        figure_groups=figure_groups,
        events=events,
        shared=shared,
        warnings=warnings,
    )
