"""Lay out the VOA stories for blind annotation: one sentence per line, a label skeleton, a split.

    python scripts/voa_prepare.py ../shared/corpus/voa/voa_stories.jsonl annotations/voa

Each story goes to ``train/`` or ``test/`` by a hash of its id (about 30% test), decided before anyone
labels or tunes anything, so the test part stays unseen. Sentences are split by a plain rule of our
own (not by eventwire's pipeline), so annotators never see anything eventwire produced. Existing label
files are never overwritten.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

TEST_SHARE = 30  # percent of stories in the test part
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "rep", "sen", "gov", "st", "jr",
    "sr", "no", "vs", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "u.s", "u.n", "u.k", "e.u", "d.c", "a.m", "p.m", "adm", "prof", "rev", "ft", "mt",
}  # fmt: skip
BOUNDARY = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        before = text[start : match.start()].rstrip("\"”’')]")
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        stem = last_word.rstrip(".").lower()
        if stem in ABBREVIATIONS or re.fullmatch(r"[a-z]", stem):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in (" ".join(s.split()) for s in sentences) if s]


def part_of(story_id: str) -> str:
    bucket = int(hashlib.sha256(story_id.encode()).hexdigest(), 16) % 100
    return "test" if bucket < TEST_SHARE else "train"


def prepare(stories: Path, out: Path) -> dict[str, int]:
    counts = {"train": 0, "test": 0}
    for row in stories.open(encoding="utf-8"):
        story = json.loads(row)
        part = part_of(story["id"])
        folder = out / part
        folder.mkdir(parents=True, exist_ok=True)
        counts[part] += 1
        base = folder / story["id"]
        if base.with_suffix(".sentences.jsonl").exists():
            continue
        lines = split_sentences(story["text"])
        base.with_suffix(".txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        meta = {
            "id": story["id"],
            "title": story["title"],
            "url": story["url"],
            "published": story["published"][:10],
            "relevant": None,
        }
        base.with_suffix(".meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        skeleton = [
            json.dumps({"line": n, "text": line, "events": []}, ensure_ascii=False)
            for n, line in enumerate(lines, 1)
        ]
        base.with_suffix(".sentences.jsonl").write_text("\n".join(skeleton) + "\n", encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    print(prepare(args.stories, args.out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
