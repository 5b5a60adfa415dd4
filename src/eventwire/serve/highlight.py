"""Cut an article's paragraphs into flat, non-overlapping segments for the article view.

Extractions overlap (an actor inside a quote inside an event's sentence), and HTML elements must
nest, so instead of nesting tags we split the text at every span boundary: each segment carries
the set of layers covering it. The template escapes every segment's text (it is untrusted input);
nothing here builds HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LAYERS = ("sentence", "time", "count", "place", "actor", "quote", "event")


@dataclass
class Span:
    start: int
    end: int
    layer: str
    ref: str  # the record id (event ids also mark the sentence segments, for click-through)
    tip: str


@dataclass
class Segment:
    text: str = ""
    layers: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # events whose evidence sentence covers this segment
    tips: list[str] = field(default_factory=list)
    anchor: str | None = None  # a zero-width target (#event-ID, #quote-ID) placed before the next segment

    @property
    def css(self) -> str:
        return " ".join(f"hl-{layer}" for layer in self.layers)


def _side(name: str | None, code: str | None) -> str:
    return f"{name or '?'}{f' [{code}]' if code else ''}"


def describe_event(ev: dict[str, Any]) -> str:
    mode = f"/{','.join(ev['mode'])}" if ev.get("mode") else ""
    text = f"{ev['type']}{mode}: {_side(ev.get('source_name'), ev.get('source_country'))} → "
    text += _side(ev.get("target_name"), ev.get("target_country"))
    if ev.get("modality") and ev["modality"] != "asserted":
        text += f" ({ev['modality']})"
    return text


def spans_of(article: dict[str, Any]) -> list[Span]:
    spans: list[Span] = []
    for ev in article["events"]:
        spans.append(Span(ev["sentence_start"], ev["sentence_end"], "sentence", ev["id"], ""))
        spans.append(Span(ev["start"], ev["end"], "event", ev["id"], "event " + describe_event(ev)))
    for q in article["quotes"]:
        who = q.get("speaker_text") or "unknown speaker"
        spans.append(Span(q["start"], q["end"], "quote", q["id"], f"quote by {who}"))
    for a in article["actors"]:
        code = "/".join(x for x in (a.get("country"), a.get("sector")) if x)
        spans.append(
            Span(a["start"], a["end"], "actor", a["id"], f"actor {a['name']}{f' [{code}]' if code else ''}")
        )
    for p in article["places"]:
        where = f" ({p['country']})" if p.get("country") else ""
        spans.append(Span(p["start"], p["end"], "place", p["id"], f"place {p['name']}{where}"))
    for c in article["counts"]:
        spans.append(
            Span(
                c["start"],
                c["end"],
                "count",
                c["id"],
                f"count {c.get('category')}={c['value']:g} ({c.get('qualifier') or 'exact'})",
            )
        )
    for t in article["times"]:
        spans.append(Span(t["start"], t["end"], "time", t["id"], f"time {t.get('value') or 'unresolved'}"))
    return [s for s in spans if s.end > s.start]


def segment_paragraph(text: str, start: int, end: int, spans: list[Span]) -> list[Segment]:
    """Segments of ``text[start:end]``; anchors for events and quotes sit where their span begins."""
    local = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(start, min(end, p)) for s in local for p in (s.start, s.end))})
    segments: list[Segment] = []
    anchored: set[str] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        for s in local:
            key = f"{'event' if s.layer == 'sentence' else s.layer}-{s.ref}"
            if s.layer in ("sentence", "quote") and max(s.start, start) == a and key not in anchored:
                anchored.add(key)
                segments.append(Segment(anchor=key))
        covering = [s for s in local if s.start <= a and s.end >= b]
        layers = sorted({s.layer for s in covering}, key=LAYERS.index)
        segments.append(
            Segment(
                text=text[a:b],
                layers=layers,
                events=sorted({s.ref for s in covering if s.layer == "sentence"}),
                tips=[s.tip for s in covering if s.tip],
            )
        )
    return segments


def article_blocks(article: dict[str, Any]) -> list[dict[str, Any]]:
    """Every source paragraph in order: kept ones as segments, dropped ones with their reason."""
    spans = spans_of(article)
    blocks = []
    for para in article["paragraphs"]:
        label = para["line"] if para.get("line") else para["idx"] + 1
        if para["kept"] and para["start"] is not None:
            segments = segment_paragraph(article["text"], para["start"], para["end"], spans)
            blocks.append({"kept": True, "label": label, "segments": segments})
        else:
            blocks.append({"kept": False, "label": label, "text": para["text"], "reason": para.get("reason")})
    return blocks
