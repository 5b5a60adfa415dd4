"""Readers of the training pools in ``../shared/train`` and of eventwire's own VOA annotations.

Every reader yields ``Example``s: a text, its label, the pool it came from, a weight and its split.
The split is fixed before anything is tuned: for the shared pools, one sentence in ten (by a hash of
its normalised text) is held out; for the VOA annotations, the story's folder (``train``/``test``)
decides. Deduplication across pools keeps the first occurrence in ``POOL_ORDER``.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

NONE = "NONE"
HELD_OUT_SHARE = 10  # percent
WIKIEVENTS_TYPES = {
    "Conflict.Attack": "ASSAULT",
    "Justice.ArrestJailDetain": "COERCE",
    "Contact.Meet": "CONSULT",
    "Contact.ThreatenCoerce": "THREATEN",
    "Conflict.Demonstrate": "PROTEST",
    "Justice.Convict": "SANCTION",
    "Justice.Sentence": "SANCTION",
}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass
class Example:
    text: str
    label: str
    pool: str
    weight: float = 1.0
    split: str = "train"  # train | heldout
    extra: dict = field(default_factory=dict)  # source/target spans, modality, story id ...


def normalise(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def split_of(text: str) -> str:
    bucket = int(hashlib.sha256(normalise(text).encode()).hexdigest(), 16) % 100
    return "heldout" if bucket < HELD_OUT_SHARE else "train"


def _example(text: str, label: str, pool: str, weight: float = 1.0, **extra) -> Example:
    return Example(text, label, pool, weight, split_of(text), extra)


def plv(root: Path) -> Iterator[Example]:
    """PLOVER-coded sentences with one marked source/target pair each."""
    for name in ("plv_train_nogsr.tsv", "plv_test_nogsr.tsv"):
        with (root / "plv" / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                label = row["gold_root"].strip().upper()
                if label == "YIELD":  # PLV merges CONCEDE and RETREAT: verbal vs material cooperation
                    label = "CONCEDE" if row["gold_penta"].strip() == "1" else "RETREAT"
                yield _example(
                    row["sentence"].strip(), label, "plv", source=row["source"], target=row["target"]
                )


def india_police(root: Path, seed: int, max_none: int) -> Iterator[Example]:
    """Times of India sentences: KILL/FORCE -> ASSAULT, ARREST -> COERCE, no action -> no event."""
    rng = random.Random(seed)
    nones = []
    with (root / "india_police_events" / "sents_train.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 6 or len(row[0].split()) < 6:
                continue
            text, kill, arrest, _fail, force, anything = row[0].strip(), *row[1:6]
            if kill == "1" or force == "1":
                yield _example(text, "ASSAULT", "india_police")
            elif arrest == "1":
                yield _example(text, "COERCE", "india_police")
            elif anything == "0":
                nones.append(text)
    for text in rng.sample(nones, min(max_none, len(nones))):
        yield _example(text, NONE, "india_police")


def bbc_rows(file: Path) -> Iterator[tuple[str, bool]]:
    """(text, political) for each story of a BBC pool file (``text \t 1|0``); other rows skipped."""
    with file.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) == 2 and row[1].strip() in {"0", "1"}:
                yield row[0], row[1].strip() == "1"


def bbc_non_political(root: Path, seed: int, max_sentences: int) -> Iterator[Example]:
    """Sentences of BBC business, sport, tech and entertainment stories: none is a political event."""
    rng = random.Random(seed)
    sentences = []
    for text, political in bbc_rows(root / "bbc_news_politics" / "train.tsv"):
        if not political:
            sentences += [s.strip() for s in text.split(".") if len(s.split()) >= 6]
    for text in rng.sample(sentences, min(max_sentences, len(sentences))):
        yield _example(text, NONE, "bbc")


def bbc_documents(root: Path, split: str = "train") -> Iterator[Example]:
    """Whole BBC stories for the relevance model: 1 politics, 0 business/sport/tech/entertainment
    (``split``: the pool's own ``train`` or ``dev`` file; the dev file is scored, never trained on)."""
    pool = "bbc" if split == "train" else f"bbc_{split}"
    for text, political in bbc_rows(root / "bbc_news_politics" / f"{split}.tsv"):
        yield _example(text, "relevant" if political else "other", pool)


def polnear_documents(root: Path, limit: int) -> Iterator[Example]:
    """PolNeAR training articles: political news, for the relevant side of the relevance model."""
    for path in sorted((root / "polnear_train" / "text").glob("*.txt"))[:limit]:
        yield _example(path.read_text(encoding="utf-8", errors="replace"), "relevant", "polnear")


def wikievents(root: Path) -> Iterator[Example]:
    """Sentences of WikiEvents documents holding a KAIROS event that maps onto a PLOVER type."""
    with (root / "wikievents_dev" / "dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            typed: dict[int, str] = {}
            for mention in doc["event_mentions"]:
                key = ".".join(mention["event_type"].split(".")[:2])
                if key in WIKIEVENTS_TYPES:
                    typed.setdefault(mention["trigger"]["sent_idx"], WIKIEVENTS_TYPES[key])
            for index, label in sorted(typed.items()):
                yield _example(doc["sentences"][index][1], label, "wikievents")


def ngec_synthetic(root: Path, seed: int, limit: int, weight: float) -> Iterator[Example]:
    """First sentence of each synthetic story with the prompt's intended type (noisy: low weight)."""
    rng = random.Random(seed)
    with gzip.open(root / "ngec_synthetic" / "gpt_synthetic_events_2023-10-19.csv.gz", "rt") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("label") and r.get("text")]
    for row in rng.sample(rows, min(limit, len(rows))):
        first = SENTENCE_END.split(row["text"].strip(), maxsplit=1)[0]
        label = row["label"].strip().upper()
        if len(first.split()) >= 6:
            yield _example(first, label, "ngec", weight, mode=(row.get("mode") or "").lower())


def ngec_documents(root: Path, seed: int, limit: int) -> Iterator[Example]:
    rng = random.Random(seed)
    with gzip.open(root / "ngec_synthetic" / "gpt_synthetic_events_2023-10-19.csv.gz", "rt") as handle:
        rows = [r["text"] for r in csv.DictReader(handle) if r.get("text")]
    for text in rng.sample(rows, min(limit, len(rows))):
        yield _example(text, "relevant", "ngec")


def voa_stories(folder: Path) -> Iterator[tuple[str, list[dict], dict, str]]:
    """(story id, sentence labels, meta, part) of every finished VOA annotation."""
    for part in ("train", "test"):
        for labels_path in sorted((folder / part).glob("*.sentences.jsonl")):
            story_id = labels_path.name.removesuffix(".sentences.jsonl")
            meta = json.loads((folder / part / f"{story_id}.meta.json").read_text(encoding="utf-8"))
            if meta.get("relevant") is None:
                continue  # not annotated yet
            labels = [json.loads(row) for row in labels_path.open(encoding="utf-8") if row.strip()]
            yield story_id, labels, meta, part


def voa_sentences(folder: Path, weight: float) -> Iterator[Example]:
    """VOA sentences: the first required (else optional) event's type, or no event."""
    for story_id, labels, meta, part in voa_stories(folder):
        for label in labels:
            events = label.get("events") or []
            events = sorted(events, key=lambda e: not e.get("required"))
            kind = events[0]["type"] if events and meta["relevant"] else NONE
            yield Example(
                label["text"],
                kind,
                "voa",
                weight,
                "heldout" if part == "test" else "train",
                {
                    "story": story_id,
                    "events": events if meta["relevant"] else [],
                    "published": meta["published"],
                },
            )


def voa_documents(folder: Path) -> Iterator[Example]:
    for story_id, labels, meta, part in voa_stories(folder):
        text = " ".join(label["text"] for label in labels)
        label = "relevant" if meta["relevant"] else "other"
        yield Example(text, label, "voa", 3.0, "heldout" if part == "test" else "train", {"story": story_id})


def deduplicate(examples: list[Example]) -> list[Example]:
    """The first example of each normalised text wins (pools are read in order of trust)."""
    seen: set[str] = set()
    kept = []
    for example in examples:
        key = normalise(example.text)
        if key and key not in seen:
            seen.add(key)
            kept.append(example)
    return kept


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
