"""``eventwire eval relevance``: asserted events on stories that are not political news.

PATH is a folder of labelled whole stories in either layout (or both):

- BBC-News-style TSV files, ``text \\t label`` with 1 = politics, 0 = business, sport, tech or
  entertainment (``../shared/train/bbc_news_politics``). ``train.tsv`` is skipped: the relevance
  model is trained on it.
- annotated stories: ``ID.txt`` beside ``ID.meta.json``, whose ``relevant`` says whether the story
  is political or conflict news (``annotations/voa/test``, docs/annotation.md).

Three kinds share the scorer: ``relevance`` scores every story of PATH; ``relevance-dev`` and
``relevance-heldout`` score the two halves of it split by a hash of the story id (fixed before
anything was tuned: tune on the dev half, score the held-out half when a change is done).

Every story is scored twice: whole, and as a brief (its opening sentences, about 60 words: the
``brief_`` metrics), since sport results and market notes often come that short.

Metrics: ``nonpolitical_story_violations`` (non-political stories with at least one asserted event)
and ``nonpolitical_event_violations`` (their asserted events in all) are ceilings;
``nonpolitical_clean`` is the share of non-political stories without an asserted event;
``political_kept`` the share of political stories that keep at least one, and
``political_silenced_violations`` counts political stories with none that the story-relevance
judgment silenced (scored below ``min_relevance``): a threshold that silences real politics is
worse than one that lets some sport through.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError, EventwireError
from ..learn.pools import bbc_rows
from ..models import RawDocument
from ..options import Options
from . import kind
from .metrics import safe_div
from .progress import track

TRAINED_ON = {"train.tsv"}  # the relevance model's own training file in the BBC pool
BRIEF_WORDS = 60
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Story:
    id: str
    text: str
    political: bool
    published: str | None = None


def half_of(story_id: str) -> str:
    """``dev`` or ``heldout``: one story in two, by a hash of its id."""
    return "dev" if hashlib.sha256(story_id.encode()).digest()[0] % 2 == 0 else "heldout"


def tsv_stories(file: Path) -> list[Story]:
    stories = []
    for text, political in bbc_rows(file):
        # the id is the text's own hash, so it does not depend on the row's position
        words = " ".join(re.findall(r"[a-z0-9]+", text.lower()))
        stories.append(Story("bbc-" + hashlib.sha256(words.encode()).hexdigest()[:12], text, political))
    return stories


def annotated_stories(folder: Path) -> list[Story]:
    stories = []
    for meta_file in sorted(folder.glob("*.meta.json")):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        text_file = meta_file.with_name(meta_file.name.removesuffix(".meta.json") + ".txt")
        if meta.get("relevant") is None or not text_file.exists():
            continue  # not annotated yet
        text = text_file.read_text(encoding="utf-8")
        stories.append(
            Story(str(meta.get("id") or text_file.stem), text, bool(meta["relevant"]), meta.get("published"))
        )
    return stories


def load_stories(path: Path, half: str | None = None, limit: int | None = None) -> list[Story]:
    files = [path] if path.is_file() else sorted(f for f in path.glob("*.tsv") if f.name not in TRAINED_ON)
    stories = [s for f in files for s in tsv_stories(f)]
    if path.is_dir():
        stories += annotated_stories(path)
    if not stories:
        raise EvalError(f"{path}: no labelled stories (TSV text/label rows or ID.txt + ID.meta.json)")
    if half is not None:
        stories = [s for s in stories if half_of(s.id) == half]
    return stories[:limit] if limit else stories


def story_outcomes(stories: list[Story], options: Options) -> list[tuple[int, float | None]]:
    """(asserted events, relevance score) of every story through the whole pipeline."""
    from ..pipeline import process_documents

    docs = [RawDocument(source=s.id, format="text", content=s.text, published=s.published) for s in stories]
    out: list[tuple[int, float | None]] = []
    for outcome in track(process_documents(docs, options), "relevance", total=len(docs)):
        if isinstance(outcome, EventwireError):  # refused or crashed: no events, no score
            out.append((0, None))
            continue
        asserted = sum(e.modality == "asserted" for e in outcome.extraction.events)
        out.append((asserted, outcome.article.meta.get("relevance")))
    return out


def brief_of(story: Story) -> Story:
    """The story's opening sentences, at least ``BRIEF_WORDS`` words: a news brief of the same kind
    (sport results and market notes often come this short)."""
    taken: list[str] = []
    for sentence in SENTENCE_END.split(story.text.strip()):
        taken.append(sentence)
        if len(" ".join(taken).split()) >= BRIEF_WORDS:
            break
    return Story(story.id, " ".join(taken), story.political, story.published)


def metrics_for(
    stories: list[Story], outcomes: list[tuple[int, float | None]], below: float, prefix: str = ""
) -> dict:
    other = [n for s, (n, _) in zip(stories, outcomes, strict=True) if not s.political]
    political = [(n, r) for s, (n, r) in zip(stories, outcomes, strict=True) if s.political]
    silenced = sum(n == 0 and r is not None and r < below for n, r in political)
    metrics = {
        "nonpolitical_n": len(other),
        "nonpolitical_story_violations": sum(n > 0 for n in other),
        "nonpolitical_event_violations": sum(other),
        "nonpolitical_clean": safe_div(sum(n == 0 for n in other), len(other)),
        "political_n": len(political),
        "political_kept": safe_div(sum(n > 0 for n, _ in political), len(political)),
        "political_silenced_violations": silenced,
    }
    return {prefix + name: value for name, value in metrics.items()}


def score(path: Path, half: str | None, limit: int | None, options: Options) -> tuple[int, dict[str, Any]]:
    from ..extract.coder import coder_settings

    stories = load_stories(path, half, limit)
    briefs = [brief_of(s) for s in stories]
    outcomes = story_outcomes(stories + briefs, options)
    below = coder_settings()["relevance"]["min_relevance"]
    metrics = metrics_for(stories, outcomes[: len(stories)], below)
    return len(stories), metrics | metrics_for(briefs, outcomes[len(stories) :], below, "brief_")


@kind("relevance")
def score_all(path: Path, *, limit: int | None = None, options: Options) -> tuple[int, dict[str, Any]]:
    return score(path, None, limit, options)


@kind("relevance-dev")
def score_dev(path: Path, *, limit: int | None = None, options: Options) -> tuple[int, dict[str, Any]]:
    return score(path, "dev", limit, options)


@kind("relevance-heldout")
def score_heldout(path: Path, *, limit: int | None = None, options: Options) -> tuple[int, dict[str, Any]]:
    return score(path, "heldout", limit, options)
