"""Kind ``extraction``: how well the cleaner turns web pages into article bodies.

Gold layout (the Article Extraction Benchmark): ``html/<id>.html.gz`` plus ``ground-truth.json``
mapping each id to ``{"articleBody": ..., "url": ...}``. The metric is the benchmark's, written
afresh: tokens ``\\w+``, multisets of 4-token shingles, per-document TP/FP/FN normalised by their
sum, averaged over documents; precision, recall and F1 from the averages; accuracy = share of
documents whose token sequence equals the gold's exactly.

Three systems are scored side by side on the same pages: eventwire's cleaner (``clean_document``,
no spaCy), trafilatura alone (``trafilatura.extract`` with its defaults), and, in the noisy-text
mode, a naive HTML-to-text pass with and without eventwire's text cleaner on top.
"""

from __future__ import annotations

import gzip
import html as html_lib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import EvalError, EventwireError
from ..models import RawDocument
from ..options import Options
from . import kind
from .progress import track

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def shingles(text: str, n: int = SHINGLE) -> Counter:
    """Multiset of n-token shingles; a text shorter than n tokens is one shingle of all its tokens."""
    toks = _TOKEN.findall(text or "")
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def doc_counts(predicted: str, gold: str) -> tuple[float, float, float]:
    """One document's TP, FP, FN over shingles, normalised so that they sum to 1."""
    pred, ref = shingles(predicted), shingles(gold)
    tp = sum((pred & ref).values())
    fp = sum((pred - ref).values())
    fn = sum((ref - pred).values())
    total = tp + fp + fn
    if not total:  # both empty: nothing to find and nothing found
        return 1.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def exact_tokens(predicted: str, gold: str) -> bool:
    return _TOKEN.findall(predicted or "") == _TOKEN.findall(gold or "")


def shingle_scores(pairs: Iterable[tuple[str, str]], prefix: str = "") -> dict[str, float]:
    """Precision, recall, F1 (from averaged normalised counts) and exact-match accuracy."""
    tps, fps, fns, exact, n = 0.0, 0.0, 0.0, 0, 0
    for predicted, gold in pairs:
        tp, fp, fn = doc_counts(predicted, gold)
        tps, fps, fns, n = tps + tp, fps + fp, fns + fn, n + 1
        exact += exact_tokens(predicted, gold)
    if not n:
        return {f"{prefix}{m}": 0.0 for m in ("precision", "recall", "f1", "accuracy")}
    tp, fp, fn = tps / n, fps / n, fns / n
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        f"{prefix}precision": precision,
        f"{prefix}recall": recall,
        f"{prefix}f1": f1,
        f"{prefix}accuracy": exact / n,
    }


# --- the systems -------------------------------------------------------------------------------


def eventwire_body(html: str, url: str | None = None, options: Options | None = None) -> str:
    """Our cleaned body of an HTML page ("" when the cleaner rejects the page)."""
    return _clean(RawDocument(source=url or "<html>", format="html", content=html, url=url), options)


def eventwire_text_body(text: str, options: Options | None = None) -> str:
    """Our cleaner applied to plain text (one paragraph per line)."""
    return _clean(RawDocument(source="<text>", format="text", content=text), options)


def _clean(raw: RawDocument, options: Options | None) -> str:
    from ..clean import clean_document

    # The language check is the ingest's business, not the cleaner's: score every page.
    opts = (options or Options()).with_(min_english_ratio=0.0)
    try:
        return clean_document(raw, opts).text
    except EventwireError:
        return ""


def trafilatura_body(html: str, url: str | None = None) -> str:
    """trafilatura alone, with its defaults."""
    import trafilatura

    try:
        return trafilatura.extract(html, url=url) or ""
    except Exception:  # trafilatura raises assorted lxml errors on broken markup
        return ""


_DROP_BLOCKS = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.I | re.S)
_COMMENTS = re.compile(r"<!--.*?-->", re.S)
_BLOCK_TAGS = re.compile(
    r"<\s*(br|/?p|/?div|/?li|/?ul|/?ol|/?h[1-6]|/?tr|/?table|/?section|/?article|/?header|/?footer|"
    r"/?nav|/?aside|/?blockquote|/?figure|/?figcaption|/?title|/?form|/?main)\b[^>]*>",
    re.I,
)
_TAGS = re.compile(r"<[^>]+>")


def naive_text(html: str) -> str:
    """A naive HTML-to-text pass: drop scripts and styles, break lines at block tags, strip tags.

    It stands for text scraped without a content extractor: navigation, footers and widgets stay.
    """
    text = _COMMENTS.sub(" ", _DROP_BLOCKS.sub(" ", html))
    text = html_lib.unescape(_TAGS.sub(" ", _BLOCK_TAGS.sub("\n", text)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --- the gold set ------------------------------------------------------------------------------


def load_pages(path: Path, limit: int | None = None) -> list[tuple[str, str, str, str | None]]:
    """``(id, html, gold_body, url)`` for each page, in ground-truth order, up to ``limit``."""
    truth_file = path / "ground-truth.json"
    if not truth_file.is_file() or not (path / "html").is_dir():
        raise EvalError(f"{path} is not an extraction gold set (expected ground-truth.json and html/)")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = []
    for page_id, record in truth.items():
        page = path / "html" / f"{page_id}.html.gz"
        if not page.is_file():
            continue
        pages.append((page_id, read_page(page), record.get("articleBody") or "", record.get("url")))
        if limit and len(pages) >= limit:
            break
    return pages


def read_page(page: Path) -> str:
    """Decode a (gzipped) page the way trafilatura would, honouring the declared charset."""
    from trafilatura.utils import decode_file

    data = page.read_bytes()
    if page.suffix == ".gz":
        data = gzip.decompress(data)
    return decode_file(data)


System = Callable[[str, str | None], str]


@kind("extraction")
def score_extraction(path: Path, *, limit: int | None = None, options: Options) -> tuple[int, dict]:
    pages = load_pages(path, limit)
    systems: dict[str, System] = {
        "eventwire_": lambda h, u: eventwire_body(h, u, options),
        "trafilatura_": trafilatura_body,
        "noisy_eventwire_": lambda h, u: eventwire_text_body(naive_text(h), options),
        "noisy_baseline_": lambda h, u: naive_text(h),
    }
    predictions: dict[str, list[tuple[str, str]]] = {name: [] for name in systems}
    for _page_id, html, gold, url in track(pages, "extraction"):
        for name, system in systems.items():
            predictions[name].append((system(html, url), gold))
    metrics: dict[str, float] = {}
    for name in ("eventwire_", "trafilatura_"):
        metrics.update(shingle_scores(predictions[name], prefix=name))
    for name in ("noisy_eventwire_", "noisy_baseline_"):
        metrics[f"{name}f1"] = shingle_scores(predictions[name])["f1"]
    return len(pages), metrics
