"""Kind ``polnear``: quotes and speaker attribution against PolNeAR (political news attribution).

Gold layout: PATH (or one or more split folders under it, e.g. ``PATH/dev``, ``PATH/test``) holds
``text/<doc>.txt`` and ``attributions/<doc>_<annotator>.ann`` (brat standoff), with an optional
``metadata_<split>.tsv`` (or ``metadata.tsv``) whose ``publication_date`` is the document date. Every
folder under PATH containing both ``text/`` and ``attributions/`` is scored.

Protocol:

- One annotator file per document: the lexicographically first ``<doc>_*.ann``.
- Each ``E`` line with a Content is one gold attribution; its Content may be discontinuous.
- The pipeline runs with cleaning off (``clean=False``, so no paragraph is dropped); our offsets
  into ``Article.text`` are mapped back to the source file, undoing the whitespace normalisation of
  ``split_text_paragraphs``. A cue-less continuation quote in the same paragraph as the quote before
  it, with the same speaker, is merged into that quote's attribution ("“X,” she said. “Y.”"), as
  PolNeAR annotates it as one discontinuous Content.
- A predicted quote matches a gold Content when their character-set Jaccard is >= 0.5; matching is
  one-to-one, best overlaps first.
- ``all_*``: precision, recall, F1 over all attributions (direct and indirect).
- ``direct_*``: recall over gold Contents containing a quotation mark (matched by any predicted
  quote); precision over predicted ``direct=True`` quotes (matched to any gold Content).
  ``direct_strict_*`` restricts both sides before matching (a mixed gold Content such as
  ``that it was “true”`` found by an indirect quote then counts as a miss).
- Speaker, over matched pairs whose gold attribution has a Source:
  ``speaker_exact``: our ``speaker_text`` or our local speaker mention equals the gold Source
  (case-insensitive, punctuation and spacing normalised);
  ``speaker_token_f1``: mean of the better token-F1 of those two against the gold Source;
  ``speaker_coref``: share correct via coreference: the gold Source is a pronoun, our local mention
  overlaps it, and our ``speaker_text`` is a name that matches (token-F1 >= 0.5) a non-pronoun gold
  Source that occurs earlier in the same document;
  ``speaker_accuracy``: share with exact OR token-F1 >= 0.5 OR correct via coreference.
  A matched quote with no speaker counts as wrong.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError, EventwireError
from ..models import Article, Quote, RawDocument
from ..options import Options
from . import kind
from .metrics import prf, safe_div, token_f1
from .progress import track

MATCH_JACCARD = 0.5
SPEAKER_F1 = 0.5
_QUOTE_MARKS = re.compile(r'[“”"«»„]')
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200a\u202f]+")  # as in eventwire.clean.split_text_paragraphs
PRONOUNS = frozenset("he she they it i we you him her them his hers their its".split())


@dataclass
class Attribution:
    """One attribution (gold or predicted) as character sets in the source file."""

    content: list[tuple[int, int]]
    direct: bool
    source_text: str = ""
    source_span: tuple[int, int] | None = None
    speaker_text: str | None = None  # predicted only: our fullest speaker mention
    chars: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        self.chars = frozenset(i for s, e in self.content for i in range(s, e))


@dataclass
class GoldDoc:
    name: str
    text: str
    ann: Path
    published: str | None


# --- reading the gold ---------------------------------------------------------------------------


def split_folders(path: Path) -> list[Path]:
    """PATH itself or every folder under it holding ``text/`` and ``attributions/``."""
    candidates = [path, *sorted(p for p in path.rglob("*") if p.is_dir())]
    found = [p for p in candidates if (p / "text").is_dir() and (p / "attributions").is_dir()]
    if not found:
        raise EvalError(f"no PolNeAR split (a folder with text/ and attributions/) under {path}")
    return found


def read_metadata(split: Path, root: Path) -> dict[str, str]:
    """filename -> publication_date from any metadata*.tsv in the split folder or above it."""
    dates: dict[str, str] = {}
    for folder in {split, split.parent, root}:
        for tsv in sorted(folder.glob("metadata*.tsv")):
            with tsv.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    if row.get("filename") and row.get("publication_date"):
                        dates[row["filename"]] = row["publication_date"]
    return dates


def gold_docs(path: Path) -> list[GoldDoc]:
    docs = []
    for split in split_folders(path):
        dates = read_metadata(split, path)
        for txt in sorted((split / "text").glob("*.txt")):
            anns = sorted((split / "attributions").glob(f"{glob_escape(txt.stem)}_*.ann"))
            if anns:
                text = txt.read_text(encoding="utf-8")
                docs.append(GoldDoc(txt.stem, text, anns[0], dates.get(txt.stem)))
    return docs


def glob_escape(name: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", name)


def read_ann(path: Path, text: str) -> list[Attribution]:
    """The gold attributions of one brat file (E lines with a Content)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            offsets = parts[1].split(" ", 1)[1]
            spans[parts[0]] = [(int(a), int(b)) for a, b in (p.split() for p in offsets.split(";"))]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(role.split(":", 1) for role in parts[1].split() if ":" in role))
    gold = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if not content:
            continue
        source = spans.get(roles.get("Source", ""), [])
        source_text = " ".join(text[a:b] for a, b in source)
        source_span = (source[0][0], source[-1][1]) if source else None
        direct = bool(_QUOTE_MARKS.search("".join(text[a:b] for a, b in content)))
        gold.append(Attribution(content, direct, source_text, source_span))
    return gold


# --- our predictions, in source offsets ----------------------------------------------------------


def source_offsets(raw: str, article: Article) -> list[int]:
    """For each character of ``article.text``, its offset in the raw file (newlines included)."""
    line_starts, offset = [], 0
    for line in raw.splitlines(keepends=True):
        line_starts.append(offset)
        offset += len(line)
    lines = raw.splitlines()
    mapping: list[int] = []
    for para in article.paragraphs:
        if not para.kept or para.line is None:
            continue
        if mapping:
            mapping.append(mapping[-1] + 1)  # the "\n" joining paragraphs
        raw_line = lines[para.line - 1]
        mapping.extend(line_starts[para.line - 1] + i for i in _kept_positions(raw_line, para.text))
    return mapping


def _kept_positions(raw_line: str, cleaned: str) -> list[int]:
    """Positions in ``raw_line`` of the characters kept by the whitespace normalisation."""
    pieces = list(re.finditer(rf"{_SPACES.pattern}|.", raw_line, flags=re.S))
    normalised = "".join(" " if _SPACES.fullmatch(m.group()) else m.group() for m in pieces)
    lead = len(normalised) - len(normalised.lstrip())
    if normalised.strip() != cleaned:
        raise EvalError("could not map the cleaned text back to its source line")
    return [m.start() for m in pieces[lead : lead + len(cleaned)]]


def predicted(quotes: list[Quote], article: Article, mapping: list[int]) -> list[Attribution]:
    """Our quotes as attributions in source offsets, continuation quotes merged into their lead."""
    out: list[Attribution] = []
    last: Quote | None = None
    for quote in sorted(quotes, key=lambda q: q.start):
        span = (mapping[quote.start], mapping[quote.end - 1] + 1)
        mention = None
        if quote.speaker_start is not None and quote.speaker_end is not None:
            mention = (mapping[quote.speaker_start], mapping[quote.speaker_end - 1] + 1)
        mention_text = article.text[quote.speaker_start : quote.speaker_end] if mention else ""
        if last is not None and _continues(last, quote, article.text):
            prev = out[-1]
            out[-1] = Attribution(
                prev.content + [span], prev.direct, prev.source_text, prev.source_span, prev.speaker_text
            )
        else:
            out.append(Attribution([span], quote.direct, mention_text, mention, quote.speaker_text))
        last = quote
    return out


def _continues(previous: Quote, quote: Quote, text: str) -> bool:
    same_paragraph = "\n" not in text[previous.end : quote.start]
    return (
        quote.cue is None
        and quote.direct
        and previous.direct
        and same_paragraph
        and quote.speaker_text == previous.speaker_text
    )


# --- scoring -----------------------------------------------------------------------------------


def jaccard(a: Attribution, b: Attribution) -> float:
    union = len(a.chars | b.chars)
    return len(a.chars & b.chars) / union if union else 0.0


def match(pred: list[Attribution], gold: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs with Jaccard >= 0.5, best overlaps first."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if p.chars & g.chars:
                score = jaccard(p, g)
                if score >= MATCH_JACCARD:
                    pairs.append((score, i, j))
    used_p, used_g, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def speaker_scores(p: Attribution, g: Attribution, earlier_sources: list[str]) -> tuple[bool, float, bool]:
    """(exact, token-F1, correct via coreference) of our speaker against one gold Source."""
    ours = [t for t in (p.speaker_text, p.source_text) if t]
    exact = any(_norm(t) == _norm(g.source_text) for t in ours)
    f1 = max((token_f1(t, g.source_text) for t in ours), default=0.0)
    coref = False
    if _norm(g.source_text) in PRONOUNS and p.source_span and g.source_span and p.speaker_text:
        overlaps = p.source_span[0] < g.source_span[1] and g.source_span[0] < p.source_span[1]
        named = _norm(p.speaker_text) not in PRONOUNS
        coref = overlaps and named and any(token_f1(p.speaker_text, s) >= SPEAKER_F1 for s in earlier_sources)
    return exact, f1, coref


@dataclass
class Tally:
    counts: dict[str, float] = field(default_factory=dict)

    def add(self, key: str, value: float = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + value

    def get(self, key: str) -> float:
        return self.counts.get(key, 0)


def score_doc(pred: list[Attribution], gold: list[Attribution], tally: Tally) -> None:
    pairs = match(pred, gold)
    tally.add("pred", len(pred))
    tally.add("gold", len(gold))
    tally.add("tp", len(pairs))
    tally.add("pred_direct", sum(p.direct for p in pred))
    tally.add("gold_direct", sum(g.direct for g in gold))
    tally.add("tp_pred_direct", sum(pred[i].direct for i, _ in pairs))
    tally.add("tp_gold_direct", sum(gold[j].direct for _, j in pairs))
    strict = match([p for p in pred if p.direct], [g for g in gold if g.direct])
    tally.add("tp_strict_direct", len(strict))
    for i, j in pairs:
        g = gold[j]
        if not g.source_text:
            continue
        earlier = [
            x.source_text
            for x in gold
            if x.source_span
            and g.source_span
            and x.source_span[0] < g.source_span[0]
            and _norm(x.source_text) not in PRONOUNS
        ]
        exact, f1, coref = speaker_scores(pred[i], g, earlier)
        tally.add("speaker_n")
        tally.add("speaker_exact", exact)
        tally.add("speaker_f1", f1)
        tally.add("speaker_coref", coref)
        tally.add("speaker_ok", exact or f1 >= SPEAKER_F1 or coref)


def metrics_from(t: Tally) -> dict[str, float]:
    g = t.get
    metrics = prf(int(g("tp")), int(g("pred") - g("tp")), int(g("gold") - g("tp")), "all_")
    p = safe_div(g("tp_pred_direct"), g("pred_direct"))
    r = safe_div(g("tp_gold_direct"), g("gold_direct"))
    metrics.update(
        {
            "direct_precision": p,
            "direct_recall": r,
            "direct_f1": safe_div(2 * p * r, p + r),
            "direct_gold": int(g("gold_direct")),
            "direct_predicted": int(g("pred_direct")),
        }
    )
    strict = int(g("tp_strict_direct"))
    metrics.update(
        prf(strict, int(g("pred_direct")) - strict, int(g("gold_direct")) - strict, "direct_strict_")
    )
    n = g("speaker_n")
    metrics.update(
        {
            "speaker_n": int(n),
            "speaker_exact": safe_div(g("speaker_exact"), n),
            "speaker_token_f1": safe_div(g("speaker_f1"), n),
            "speaker_coref": safe_div(g("speaker_coref"), n),
            "speaker_accuracy": safe_div(g("speaker_ok"), n),
        }
    )
    return metrics


def _processed(docs: list[GoldDoc], options: Options) -> Iterator[tuple[GoldDoc, object]]:
    from ..pipeline import process_documents

    raws = [
        RawDocument(source=str(d.ann), format="text", content=d.text, published=d.published) for d in docs
    ]
    yield from zip(docs, process_documents(raws, options.with_(clean=False)), strict=True)


@kind("polnear")
def score_polnear(path: Path, *, limit: int | None = None, options: Options) -> tuple[int, dict[str, float]]:
    docs = gold_docs(path)[:limit] if limit else gold_docs(path)
    tally = Tally()
    for doc, outcome in track(_processed(docs, options), "polnear", total=len(docs)):
        gold = read_ann(doc.ann, doc.text)
        if isinstance(outcome, EventwireError):  # refused or crashed: no prediction
            score_doc([], gold, tally)
            continue
        article, extraction = outcome.article, outcome.extraction
        mapping = source_offsets(doc.text, article)
        score_doc(predicted(extraction.quotes, article, mapping), gold, tally)
    return len(docs), metrics_from(tally)
