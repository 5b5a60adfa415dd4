"""Score eventwire's actor coder on the actor-coding suite (dev.tsv, heldout.tsv).

Each row: text, the phrase to find, expected country, expected sector (``|`` separates accepted
values; ``-`` accepts no sector), the class of phrase, and the publication date. The actor scored is
the extracted one overlapping the phrase's first occurrence most; none found counts as wrong on both.
The rows were written for eventwire and split into dev and held-out halves by an MD5 hash of text and
phrase; tune on dev only.

    python tests/data/actor_suite/score.py [dev|heldout] [--errors]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent


def read_suite(split: str) -> list[list[str]]:
    lines = (HERE / f"{split}.tsv").read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


def _accepts(expected: str, value: str | None) -> bool:
    return (value or "-") in expected.split("|")


def code_phrase(text: str, phrase: str, published: str):
    from eventwire.options import Options
    from eventwire.pipeline import process_text

    actors = process_text(text, published=published, options=Options(clean=False)).extraction.actors
    start = text.find(phrase)
    end = start + len(phrase)
    overlaps = [(min(end, a.end) - max(start, a.start), a) for a in actors]
    overlaps = [o for o in overlaps if o[0] > 0]
    return max(overlaps, key=lambda o: o[0])[1] if overlaps else None


def score(split: str) -> dict:
    rows = read_suite(split)
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    errors = []
    for text, phrase, country, sector, kind, published in rows:
        actor = code_phrase(text, phrase, published)
        got_country, got_sector = (actor.country, actor.sector) if actor else (None, None)
        ok_c, ok_s = _accepts(country, got_country), _accepts(sector, got_sector)
        tally = by_class[kind]
        tally[0] += ok_c
        tally[1] += 1
        tally[2] += ok_s
        tally[3] += 1
        if not (ok_c and ok_s):
            errors.append(
                (kind, phrase, country, sector, got_country, got_sector, actor.text if actor else None)
            )
    n = len(rows)
    return {
        "n": n,
        "country_accuracy": round(sum(t[0] for t in by_class.values()) / n, 3),
        "sector_accuracy": round(sum(t[2] for t in by_class.values()) / n, 3),
        "by_class": {
            k: (round(t[0] / t[1], 2), round(t[2] / t[3], 2), t[1]) for k, t in sorted(by_class.items())
        },
        "errors": errors,
    }


if __name__ == "__main__":
    split = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "dev"
    result = score(split)
    print(
        split, "n =", result["n"], "country", result["country_accuracy"], "sector", result["sector_accuracy"]
    )
    for kind, (c, s, n) in result["by_class"].items():
        print(f"  {kind:8} country {c:.2f}  sector {s:.2f}  (n={n})")
    if "--errors" in sys.argv:
        for err in result["errors"]:
            print("  ", err)
