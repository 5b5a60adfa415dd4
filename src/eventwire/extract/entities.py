"""Named entities from spaCy's NER, kept as plain records."""

from __future__ import annotations

from ..models import Entity
from .base import Context, component, doc_ents


@component("entities", order=10, assigns=("entities",))
def find_entities(ctx: Context) -> None:
    ctx.result.entities = [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc_ents(ctx.doc)]
