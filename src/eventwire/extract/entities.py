"""Named entities from spaCy's NER, kept as plain records."""

from __future__ import annotations

from ..models import Entity
from .base import Context, component, doc_ents, span_text


@component("entities", order=10, assigns=("entities",))
def find_entities(ctx: Context) -> None:
    ents = doc_ents(ctx.doc)
    ctx.result.entities = [Entity(span_text(e), e.label_, e.start_char, e.end_char) for e in ents]
