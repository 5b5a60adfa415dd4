"""``eventwire eval meantime PATH``: time expressions on MEANTIME (NewsReader CAT XML), TempEval-3 style.

PATH is laid out like the shared ``dates/`` folder (``intra-doc_annotation/corpus_*/*.xml``; any
``*.xml`` below PATH is read). For each document:

- The text is rebuilt from the tokens: tokens joined by one space, each sentence on its own line,
  so every token has known character offsets.
- The ``CREATION_TIME`` TIMEX3 gives the publication date (its value's first ten characters) that
  relative expressions are resolved against. Its own tokens (the dateline) are no gold timex, and
  predictions overlapping them are ignored.
- Gold TIMEX3 without tokens (empty, implicit timexes) are skipped.
- MEANTIME annotates only the first sentences of each article (title, dateline and about four
  more): predictions after the last sentence holding any markable are ignored.
- The pipeline runs with cleaning disabled (the times component only).

Metrics (``limit`` = number of documents):
- ``strict_precision/recall/f1``: exact (start, end) extent match.
- ``relaxed_precision/recall/f1``: any overlap, each gold and predicted timex used at most once.
- ``type_accuracy`` and ``value_accuracy``: over the relaxed matches, the share whose TimeML type
  (DATE, TIME, DURATION, SET) and normalised value equal the gold exactly (an unresolved value is
  wrong). Matched pairs are counted in ``n_matched``.
MEANTIME is economic and business news (Wikinews), not political news.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvalError
from ..options import Options
from . import kind
from .geowebnews import original_offsets, parsed_contexts
from .metrics import prf, safe_div


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class MeantimeDoc:
    name: str
    text: str
    published: str | None
    timexes: list[GoldTimex]
    dct_span: tuple[int, int] | None
    annotated_end: int  # MEANTIME annotates only the first sentences: the end of that region


def read_document(file: Path) -> MeantimeDoc:
    root = ET.parse(file).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, str] = {}
    lines: list[str] = []
    position, current_sentence, line = 0, None, []
    for token in root.iter("token"):
        sentence = token.get("sentence")
        if current_sentence is not None and sentence != current_sentence:
            lines.append(" ".join(line))
            position += 1  # the newline
            line = []
        elif line:
            position += 1  # the space
        current_sentence = sentence
        word = token.text or ""
        offsets[token.get("t_id")] = (position, position + len(word))
        sentence_of[token.get("t_id")] = sentence
        position += len(word)
        line.append(word)
    lines.append(" ".join(line))
    timexes, published, dct_span = [], None, None
    for node in root.iter("TIMEX3"):
        anchors = [offsets[a.get("t_id")] for a in node.findall("token_anchor") if a.get("t_id") in offsets]
        span = (min(a[0] for a in anchors), max(a[1] for a in anchors)) if anchors else None
        if node.get("functionInDocument") == "CREATION_TIME":
            published, dct_span = (node.get("value") or "")[:10] or None, span
        elif span is not None:
            timexes.append(GoldTimex(span[0], span[1], node.get("type") or "", node.get("value") or ""))
    text = "\n".join(lines)
    return MeantimeDoc(
        file.stem, text, published, timexes, dct_span, _annotated_end(root, offsets, sentence_of, text)
    )


def _annotated_end(root, offsets: dict, sentence_of: dict, text: str) -> int:
    """End offset of the last sentence holding any markable (the annotated part of the article)."""
    anchored = [a.get("t_id") for a in root.iter("token_anchor") if a.get("t_id") in offsets]
    if not anchored:
        return len(text)
    last = max(anchored, key=lambda t: int(sentence_of[t]))
    end = text.find("\n", offsets[last][1])
    return len(text) if end < 0 else end


def read_corpus(path: Path, limit: int | None = None) -> list[MeantimeDoc]:
    files = sorted(path.rglob("*.xml")) if path.is_dir() else [path]
    if not files:
        raise EvalError(f"no MEANTIME .xml files under {path}")
    return [read_document(f) for f in files[: limit or None]]


def predicted_timexes(
    docs: list[MeantimeDoc], options: Options
) -> list[list[tuple[int, int, str, str | None]]]:
    """Our time expressions per document as (start, end, type, value) in the rebuilt text."""
    out = []
    contexts = parsed_contexts([d.text for d in docs], options, ("times",))
    for doc, (article, ctx) in zip(docs, contexts, strict=True):
        if ctx is None:
            out.append([])
            continue
        # The pipeline parsed the article before we knew the date: resolve again with it.
        article.published = doc.published
        ctx.result.times = []
        from ..extract.times import find_times

        find_times(ctx)
        predicted = []
        for t in ctx.result.times:
            span = original_offsets(article, doc.text, t.start, t.end)
            if span is not None:
                predicted.append((span[0], span[1], t.type, t.value))
        out.append(predicted)
    return out


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@kind("meantime")
def score_meantime(path: Path, *, limit: int | None = None, options: Options) -> tuple[int, dict[str, float]]:
    docs = read_corpus(path, limit)
    predictions = predicted_timexes(docs, options)
    strict = {"tp": 0, "fp": 0, "fn": 0}
    relaxed = {"tp": 0, "fp": 0, "fn": 0}
    type_ok = value_ok = 0
    for doc, predicted in zip(docs, predictions, strict=True):
        predicted = [
            p
            for p in predicted
            if p[0] < doc.annotated_end and not (doc.dct_span and _overlaps(p, doc.dct_span))
        ]
        gold_spans = {(g.start, g.end) for g in doc.timexes}
        exact = gold_spans & {(p[0], p[1]) for p in predicted}
        strict["tp"] += len(exact)
        strict["fp"] += len(predicted) - len(exact)
        strict["fn"] += len(gold_spans) - len(exact)
        unused = list(predicted)
        for gold in doc.timexes:
            match = next((p for p in unused if (p[0], p[1]) == (gold.start, gold.end)), None)
            match = match or next((p for p in unused if _overlaps(p, (gold.start, gold.end))), None)
            if match is None:
                relaxed["fn"] += 1
                continue
            unused.remove(match)
            relaxed["tp"] += 1
            type_ok += match[2] == gold.type
            value_ok += match[3] == gold.value
        relaxed["fp"] += len(unused)
    metrics = {**prf(**strict, prefix="strict_"), **prf(**relaxed, prefix="relaxed_")}
    metrics["type_accuracy"] = safe_div(type_ok, relaxed["tp"])
    metrics["value_accuracy"] = safe_div(value_ok, relaxed["tp"])
    metrics["n_matched"] = relaxed["tp"]
    metrics["n_gold_timexes"] = sum(len(d.timexes) for d in docs)
    return len(docs), metrics
