"""extract: cleaned sources + curated definitions -> Dossier.

Pure: no I/O. Each kind of finding has its own module (mentions, topics, quotes, figures,
dates, syndication); this module only runs them in order and assembles the model.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import ActorDef, CleanSource, Config, Dossier, TopicDef
from .dates import find_events
from .figures import find_figures
from .mentions import find_mentions
from .quotes import find_quotes
from .syndication import find_shared
from .topics import find_topic_hits


def build_dossier(config: Config, sources: Sequence[CleanSource], actors: Sequence[ActorDef],
                  topics: Sequence[TopicDef]) -> Dossier:
    sources = tuple(sorted(sources, key=lambda s: s.id))
    mentions = find_mentions(sources, actors)
    return Dossier(
        config=config,
        sources=sources,
        actors=tuple(actors),
        topics=tuple(topics),
        mentions=mentions,
        topic_hits=find_topic_hits(sources, topics),
        quotes=find_quotes(sources, actors, mentions),
        figures=find_figures(sources),
        events=find_events(sources),
        shared=find_shared(sources),
    )
