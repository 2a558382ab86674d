"""Lookups over a Dossier that several pages need: computed once per render."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..model import ActorDef, CleanSource, Dossier, Mention, Paragraph, TopicDef, TopicHit


def source_order_key(s: CleanSource) -> tuple[str, str]:
    """Sources in date order; undated ones last, then by id."""
    return (s.date.iso if s.date else "9999", s.id)


@dataclass(frozen=True)
class Index:
    sources: dict[str, CleanSource]
    source_order: tuple[str, ...]  # source ids, date order
    source_rank: dict[str, int]  # source id -> position in source_order
    actors: dict[str, ActorDef]
    topics: dict[str, TopicDef]
    paragraph_pos: dict[tuple[str, str], int]  # (source, paragraph) -> position in source
    mentions_by_actor: dict[str, tuple[Mention, ...]]
    mentions_by_para: dict[tuple[str, str], tuple[Mention, ...]]
    hits_by_topic: dict[str, tuple[TopicHit, ...]]
    hits_by_para: dict[tuple[str, str], tuple[TopicHit, ...]]

    @classmethod
    def build(cls, d: Dossier) -> Index:
        sources = {s.id: s for s in d.sources}
        order = tuple(s.id for s in sorted(d.sources, key=source_order_key))
        rank = {sid: i for i, sid in enumerate(order)}
        pos = {(s.id, p.id): i for s in d.sources for i, p in enumerate(s.paragraphs)}

        def mkey(m: Mention) -> tuple:
            return (rank.get(m.source, 0), pos.get((m.source, m.paragraph), 0), m.start)

        by_actor: dict[str, list[Mention]] = defaultdict(list)
        by_para: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        for m in sorted(d.mentions, key=mkey):
            by_actor[m.actor].append(m)
            by_para[(m.source, m.paragraph)].append(m)
        hits: dict[str, list[TopicHit]] = defaultdict(list)
        hits_para: dict[tuple[str, str], list[TopicHit]] = defaultdict(list)
        for h in sorted(
            d.topic_hits, key=lambda h: (rank.get(h.source, 0), pos.get((h.source, h.paragraph), 0), h.topic)
        ):
            hits[h.topic].append(h)
            hits_para[(h.source, h.paragraph)].append(h)
        return cls(
            sources=sources,
            source_order=order,
            source_rank=rank,
            actors={a.id: a for a in d.actors},
            topics={t.id: t for t in d.topics},
            paragraph_pos=pos,
            mentions_by_actor={k: tuple(v) for k, v in by_actor.items()},
            mentions_by_para={k: tuple(v) for k, v in by_para.items()},
            hits_by_topic={k: tuple(v) for k, v in hits.items()},
            hits_by_para={k: tuple(v) for k, v in hits_para.items()},
        )

    def paragraph(self, source: str, paragraph: str) -> Paragraph | None:
        s = self.sources.get(source)
        return s.paragraph(paragraph) if s else None

    def actors_in_source(self, source: str) -> Counter:
        return Counter(
            m.actor for p in self.sources[source].paragraphs for m in self.mentions_by_para.get((source, p.id), ())
        )

    def topics_in_source(self, source: str) -> Counter:
        return Counter(
            h.topic for p in self.sources[source].paragraphs for h in self.hits_by_para.get((source, p.id), ())
        )
