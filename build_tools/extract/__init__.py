"""extract: cleaned sources + curated definitions -> Dossier.

Pure: no I/O. Each kind of finding has its own module (mentions, topics, quotes, figures,
dates, syndication); this module only runs them in order and assembles the model. Everything a
page shows is computed here (figure groups and their verdicts, topic highlight spans, resolved
dates), so that render only formats.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import ActorDef, CleanSource, Config, Dossier, TopicDef
from .dates import events_and_warnings
from .figures import find_figures, group_figures
from .mentions import find_mentions
from .quotes import find_quotes
from .syndication import find_shared
from .topics import find_topic_hits


def build_dossier(
    config: Config, sources: Sequence[CleanSource], actors: Sequence[ActorDef], topics: Sequence[TopicDef]
) -> Dossier:
    ordered = tuple(sorted(sources, key=lambda s: s.id))
    mentions = find_mentions(ordered, actors)
    figures = find_figures(ordered)
    events, warnings = events_and_warnings(ordered)
    return Dossier(
        config=config,
        sources=ordered,
        actors=tuple(actors),
        topics=tuple(topics),
        mentions=mentions,
        topic_hits=find_topic_hits(ordered, topics),
        quotes=find_quotes(ordered, actors, mentions),
        figures=figures,
        figure_groups=group_figures(figures),
        events=events,
        shared=find_shared(ordered),
        warnings=warnings,
    )
