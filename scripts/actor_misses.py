"""List the gold actors of annotated stories that eventwire misses, bucketed by why.

For every required gold actor with no matching extracted actor (eval/annotated.match_actor), the
extracted actor whose name matches best tells the class of the miss:

  not_extracted   no extracted actor answers to the gold text at all
  wrong_country   one answers to the name, but none has the gold country (bucketed by how its country
                  was found: context, coreference, lexicon, kb, title, located, none)
  wrong_sector    the country is right, the sector is not (bucketed gold sector -> ours)

Tune on DEV only (annotations/voa/train); annotations/voa/test is held out.

    PYTHONPATH=src python scripts/actor_misses.py annotations/voa/train [--list]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from eventwire.eval import annotated
from eventwire.models import Actor
from eventwire.options import Options
from eventwire.pipeline import process_documents


def miss_class(spec: dict, actors: list[Actor]) -> tuple[str, str, Actor | None]:
    """(class, bucket, the closest extracted actor) for a gold actor no extracted one matches."""
    named = [a for a in actors if annotated.actor_names_match(spec["text"], a)]
    named.sort(key=lambda a: abs(len(annotated.normalise(a.text)) - len(annotated.normalise(spec["text"]))))
    if not named:
        return "not_extracted", "-", None
    placed = [a for a in named if annotated.accepted(spec, "country", a.country)]
    if not placed:
        return "wrong_country", named[0].country_reason or "none", named[0]
    want = spec.get("sector", spec.get("sector_any_of"))
    return "wrong_sector", f"{want} -> {placed[0].sector}", placed[0]


def main(folder: Path, show: bool) -> None:
    pairs = annotated.load_annotated(folder)
    classes: Counter = Counter()
    buckets: Counter = Counter()
    required = found = 0
    outcomes = process_documents(annotated.raw_documents(pairs), Options(coder=False))
    for (text_file, expected), outcome in zip(pairs, outcomes, strict=True):
        actors = [] if isinstance(outcome, Exception) else outcome.extraction.actors
        for spec in expected.get("actors", {}).get("required", []):
            required += 1
            if any(annotated.match_actor(spec, a) for a in actors):
                found += 1
                continue
            name, bucket, closest = miss_class(spec, actors)
            classes[name] += 1
            buckets[(name, bucket)] += 1
            if show:
                got = f"{closest.text!r} {closest.country} {closest.sector}" if closest else "-"
                print(
                    f"{text_file.stem}\t{name}\t{spec['text']!r}\t{spec.get('country')}\t{spec.get('sector')}\t{got}"
                )
    print(f"actor recall {found}/{required} = {found / max(required, 1):.4f}; misses {dict(classes)}")
    for (name, bucket), n in buckets.most_common(25):
        print(f"{n:4d}  {name:14s} {bucket}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="annotated stories: NAME.txt + NAME.expected.json")
    parser.add_argument("--list", action="store_true", help="print every miss, one line each")
    args = parser.parse_args()
    if not args.folder.is_dir():
        sys.exit(f"error: {args.folder}: no such folder")
    main(args.folder, args.list)
