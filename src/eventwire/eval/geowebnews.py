"""``eventwire eval geowebnews PATH``: toponyms and geocoding on GeoWebNews (Gritta et al. 2019).

PATH is a folder holding ``GWN.xml`` or the XML file itself. Each article's ``<text>`` runs through
the pipeline with cleaning disabled; our place offsets (into ``Article.text``) are mapped back to
the original text by ``original_offsets``: each kept paragraph is one source line whose runs of
spaces the cleaner collapsed and whose ends it stripped.

Metrics:
- What is scored: ``Extraction.places`` plus ``extract.places.associative_places`` (demonyms and
  place adjectives such as "Iranian", "Europeans", and place names inside other names such as
  "Washington" in "Washington Post"), which GeoWebNews counts as associative toponyms but which
  are no places of ours and never an event location (see docs/eval-geo.md).
  ``toponym_f1_places_only`` scores the places alone.
- ``toponym_precision/recall/f1``: exact ``(start, end)`` span match. Gold counts the literal and
  associative toponym types (Literal, Literal_Modifier, Embedded_Literal, Mixed, Coercion,
  Metonymic, Non_Literal_Modifier, Embedded_Non_Lit, Demonym) and leaves out ``Non_Toponym``,
  ``Homonym`` and ``Language``, and also the two *expression* types (``Literal_Expression``,
  ``Non_Lit_Expression``): those mark common nouns ("the city", "experts"), which GeoWebNews
  annotates for completeness but which are no toponyms. A predicted span that overlaps a left-out
  gold span is ignored (neither right nor wrong). ``toponym_f1_with_expressions`` scores the same
  predictions with the expression types counted, for comparison.
- ``toponym_overlap_f1``: the same with any character overlap counting as a match (one-to-one).
- ``geocode_acc_161km`` and ``geocode_median_km``: over gold toponyms with coordinates whose span
  we also found (overlap), the share we placed within 161 km (100 miles) and the median error. A
  found toponym we could not geocode counts as wrong, with an error of half the Earth's
  circumference.
- ``n_gold_toponyms``: the counted gold toponyms. ``limit`` is a number of articles.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvalError
from ..models import Article, RawDocument
from ..options import Options
from . import kind
from .metrics import prf, safe_div

_SPACES = re.compile(r"[ \t\u00a0\u2009\u200a\u202f]+")  # what the cleaner collapses
EXCLUDED_TYPES = {"Non_Toponym", "Homonym", "Language", "Literal_Expression", "Non_Lit_Expression"}
EXPRESSION_TYPES = {"Literal_Expression", "Non_Lit_Expression"}
HALF_EARTH_KM = 20037.5


@dataclass
class GoldToponym:
    start: int
    end: int
    type: str
    lat: float | None
    lon: float | None


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym]


def read_gwn(path: Path, limit: int | None = None) -> list[GoldArticle]:
    file = path / "GWN.xml" if path.is_dir() else path
    if not file.is_file():
        raise EvalError(f"no GWN.xml in {path}")
    articles = []
    for node in ET.parse(file).getroot().iter("article"):
        toponyms = [_gold_toponym(t) for t in node.iter("toponym")]
        articles.append(
            GoldArticle(node.get("file", str(len(articles))), node.findtext("text") or "", toponyms)
        )
        if limit and len(articles) >= limit:
            break
    return articles


def _gold_toponym(node) -> GoldToponym:
    lat, lon = node.findtext("latitude"), node.findtext("longitude")
    return GoldToponym(
        int(node.findtext("start")),
        int(node.findtext("end")),
        node.findtext("type") or "",
        float(lat) if lat else None,
        float(lon) if lon else None,
    )


def parsed_contexts(texts: list[str], options: Options, produce: tuple[str, ...]):
    """(Article, Context) per text with cleaning disabled, running only the extractor components
    that ``produce`` needs (``extract.base.needed_for``: places and times need no actors or events;
    skipping them keeps evals fast). An article the cleaner rejects (empty, not English) yields
    (None, None)."""
    from ..clean import clean_document
    from ..errors import EventwireError, InternalError
    from ..extract.base import Context, needed_for
    from ..models import Span
    from ..nlp import load_nlp
    from ..pipeline.failures import announce

    options = options.with_(clean=False)
    articles = []
    for i, text in enumerate(texts):
        try:
            articles.append(
                clean_document(RawDocument(source=f"eval:{i}", format="text", content=text), options)
            )
        except EventwireError:
            articles.append(None)
    needed = needed_for(produce)
    nlp = load_nlp(options.model)
    docs = iter(nlp.pipe((a.text for a in articles if a is not None), batch_size=options.batch_size))
    for article in articles:
        if article is None:
            yield None, None
            continue
        doc = next(docs)
        ctx = Context(doc=doc, article=article, options=options)
        ctx.result.sentences = [Span(s.start_char, s.end_char) for s in doc.sents]
        try:
            for comp in needed:
                run_component(comp, ctx)
        except Exception as exc:  # a crashing gold item: no prediction (scored as wrong), named
            announce(InternalError.from_exception(exc, stage="extract", source=article.source))
            yield None, None
            continue
        yield article, ctx


def run_component(comp, ctx) -> None:
    try:
        comp.func(ctx)
    except Exception as exc:
        exc.eventwire_component = comp.name
        raise


def predicted_places(articles: list[GoldArticle], options: Options) -> tuple[list, list]:
    """Per article, our toponyms (``scored_places``) and our places alone, each as a list of
    (start, end, lat, lon) in the original text's offsets."""
    scored, alone = [], []
    for gold, (article, ctx) in zip(
        articles, parsed_contexts([a.text for a in articles], options, ("places",)), strict=True
    ):
        scored.append(_mapped(article, gold.text, scored_places(ctx)) if ctx is not None else [])
        alone.append(_mapped(article, gold.text, ctx.result.places) if ctx is not None else [])
    return scored, alone


def scored_places(ctx) -> list:
    """What the toponym metrics score: the places plus the associative mentions (demonyms and
    place names inside other names), which GeoWebNews counts but which are no places of ours."""
    from ..extract.places import associative_places

    return list(ctx.result.places) + associative_places(ctx)


def _mapped(article: Article, original: str, places) -> list[tuple[int, int, float | None, float | None]]:
    mapped, cache = [], {}
    for place in places:
        span = original_offsets(article, original, place.start, place.end, cache)
        if span is not None:
            mapped.append((span[0], span[1], place.lat, place.lon))
    return mapped


@kind("geowebnews")
def score_geowebnews(
    path: Path, *, limit: int | None = None, options: Options
) -> tuple[int, dict[str, float]]:
    articles = read_gwn(path, limit)
    predictions, places_alone = predicted_places(articles, options)
    tally = {"tp": 0, "fp": 0, "fn": 0, "otp": 0, "ofp": 0, "ofn": 0}
    with_expr, alone = dict(tally), dict(tally)
    errors: list[float] = []
    for article, predicted, only in zip(articles, predictions, places_alone, strict=True):
        _score_article(article, predicted, tally, errors, EXCLUDED_TYPES)
        _score_article(article, predicted, with_expr, [], EXCLUDED_TYPES - EXPRESSION_TYPES)
        _score_article(article, only, alone, [], EXCLUDED_TYPES)
    metrics = prf(tally["tp"], tally["fp"], tally["fn"], prefix="toponym_")
    overlap = prf(tally["otp"], tally["ofp"], tally["ofn"])
    metrics["toponym_overlap_f1"] = overlap["f1"]
    metrics["toponym_overlap_precision"] = overlap["precision"]
    metrics["toponym_overlap_recall"] = overlap["recall"]
    metrics["toponym_f1_with_expressions"] = prf(with_expr["tp"], with_expr["fp"], with_expr["fn"])["f1"]
    metrics["toponym_f1_places_only"] = prf(alone["tp"], alone["fp"], alone["fn"])["f1"]
    metrics["geocode_acc_161km"] = safe_div(sum(e <= 161 for e in errors), len(errors))
    metrics["geocode_median_km"] = statistics.median(errors) if errors else 0.0
    metrics["geocode_n"] = len(errors)
    counted = sum(1 for a in articles for t in a.toponyms if t.type not in EXCLUDED_TYPES)
    metrics["n_gold_toponyms"] = counted
    return len(articles), metrics


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_article(
    article: GoldArticle, predicted, tally: dict[str, int], errors: list[float], excluded
) -> None:
    gold = [t for t in article.toponyms if t.type not in excluded]
    ignored = [(t.start, t.end) for t in article.toponyms if t.type in excluded]
    gold_spans = {(t.start, t.end) for t in gold}
    kept = [
        p for p in predicted if (p[0], p[1]) in gold_spans or not any(_overlaps(p[:2], s) for s in ignored)
    ]
    exact = {(p[0], p[1]) for p in kept} & gold_spans
    tally["tp"] += len(exact)
    tally["fp"] += len({(p[0], p[1]) for p in kept}) - len(exact)
    tally["fn"] += len(gold_spans) - len(exact)
    unused = list(kept)
    for toponym in gold:
        match = next((p for p in unused if _overlaps(p[:2], (toponym.start, toponym.end))), None)
        if match is None:
            tally["ofn"] += 1
            continue
        unused.remove(match)
        tally["otp"] += 1
        if toponym.lat is not None and toponym.lon is not None:
            errors.append(_error_km(match, toponym))
    tally["ofp"] += len(unused)


def _error_km(predicted, toponym: GoldToponym) -> float:
    if predicted[2] is None or predicted[3] is None:
        return HALF_EARTH_KM
    return haversine_km(predicted[2], predicted[3], toponym.lat, toponym.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


# --- mapping cleaned offsets back to the source text ---------------------------------------------


def line_char_maps(original: str) -> list[tuple[int, list[int]]]:
    """Per source line (1-based index - 1): (line start offset, cleaned index → offset in line)."""
    maps, offset = [], 0
    for raw_line in original.splitlines(keepends=True):
        line = raw_line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        maps.append((offset, _collapse_map(line)))
        offset += len(raw_line)
    return maps


def _collapse_map(line: str) -> list[int]:
    """Index map of ``_SPACES.sub(" ", line).strip()`` into ``line`` (plus one end position)."""
    positions: list[int] = []
    last = 0
    for m in _SPACES.finditer(line):
        positions.extend(range(last, m.start()))
        positions.append(m.start())
        last = m.end()
    positions.extend(range(last, len(line)))
    collapsed = _SPACES.sub(" ", line)
    lead = len(collapsed) - len(collapsed.lstrip())
    kept = positions[lead : len(collapsed.rstrip())]
    return kept + [kept[-1] + 1 if kept else 0]


def original_offsets(
    article: Article, original: str, start: int, end: int, _cache: dict | None = None
) -> tuple[int, int] | None:
    """(start, end) in ``original`` of the cleaned-text span [start, end), or None when it spans
    paragraphs or its paragraph has no source line."""
    kept = [p for p in article.paragraphs if p.kept and p.start is not None]
    index = bisect.bisect_right([p.start for p in kept], start) - 1
    if index < 0:
        return None
    para = kept[index]
    if para.line is None or end > para.end:
        return None
    key = id(original)
    maps = _cache.get(key) if _cache is not None else None
    if maps is None:
        maps = line_char_maps(original)
        if _cache is not None:
            _cache[key] = maps
    line_start, char_map = maps[para.line - 1]
    local_start, local_end = start - para.start, end - para.start
    return line_start + char_map[local_start], line_start + char_map[local_end - 1] + 1
