"""Turn the blind VOA sentence labels into `annotated` gold sets, and check them.

Annotators write, per story, ``ID.txt`` (one sentence per line), ``ID.sentences.jsonl`` (one label
object per line: events, actors, quotes, counts, places) and ``ID.meta.json`` (published date,
relevance). This script derives ``ID.expected.json`` in the format ``eventwire eval annotated``
scores (``shared/examples/README.md``), so the sentence labels stay the one source of truth:

    python scripts/voa_gold.py annotations/voa/train annotations/voa/test          # write
    python scripts/voa_gold.py --check annotations/voa/train annotations/voa/test  # verify only

Derivation rules (why they are what they are):
- a labelled event is ``required`` or ``optional`` as its annotator said; its type accepts the
  annotator's alternatives; actor countries are checked only where the annotator gave one;
- a non-asserted event also yields a ``forbidden`` item: the same event flagged ``asserted`` is a
  violation (a system must not count "no passengers were killed" as an ASSAULT);
- a story the annotator judged not political (``relevant: false``) forbids every asserted event;
- vague counts ("dozens") are optional: their value is a reading, not a fact of the text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REQUIRED_META = ("id", "published", "relevant")


class LabelError(ValueError):
    """A label file that does not fit its story text."""


def load_story(folder: Path, story_id: str) -> tuple[list[str], list[dict], dict]:
    lines = (folder / f"{story_id}.txt").read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    labels = [
        json.loads(row)
        for row in (folder / f"{story_id}.sentences.jsonl").open(encoding="utf-8")
        if row.strip()
    ]
    meta = json.loads((folder / f"{story_id}.meta.json").read_text(encoding="utf-8"))
    check_story(story_id, lines, labels, meta)
    return lines, labels, meta


def check_story(story_id: str, lines: list[str], labels: list[dict], meta: dict) -> None:
    """Every line has exactly one label object, in order, with the line's exact text."""
    if len(lines) != len(labels):
        raise LabelError(f"{story_id}: {len(lines)} lines but {len(labels)} label rows")
    for number, (line, label) in enumerate(zip(lines, labels, strict=True), start=1):
        if label.get("line") != number or label.get("text") != line:
            raise LabelError(f"{story_id}: label row {number} does not match line {number} of the text")
    missing = [key for key in REQUIRED_META if key not in meta]
    if missing:
        raise LabelError(f"{story_id}: meta.json lacks {', '.join(missing)}")


def event_spec(line: int, event: dict) -> dict:
    spec: dict = {"line": line, "type_any_of": _types(event)}
    if event.get("mode"):
        spec["mode_any_of"] = [event["mode"]]
    for role in ("source", "target"):
        actor = event.get(role) or {}
        role_spec = {key: actor[key] for key in ("country", "sector") if actor.get(key)}
        if actor.get("text"):
            role_spec["name"] = actor["text"]
        if role_spec:
            spec[role] = role_spec
    if event.get("modality"):
        spec["modality"] = event["modality"]
    if event.get("count") and event["count"].get("value") is not None:
        spec["count"] = {k: v for k, v in event["count"].items() if v is not None}
    if event.get("location") and event["location"].get("name"):
        spec["location"] = {k: v for k, v in event["location"].items() if v is not None}
    if event.get("attribution") and event["attribution"].get("speaker"):
        spec["attribution"] = {k: v for k, v in event["attribution"].items() if v is not None}
    return spec


def _types(event: dict) -> list[str]:
    return [event["type"], *[t for t in event.get("type_alternatives") or [] if t != event["type"]]]


def forbidden_asserted(line: int, event: dict) -> dict:
    """The same event flagged ``asserted``: a violation when the text negates or hedges it."""
    return {"line": line, "type_any_of": _types(event), "modality": "asserted", "why": event["modality"]}


def expected_for(lines: list[str], labels: list[dict], meta: dict) -> dict:
    events: dict[str, list] = {"required": [], "optional": [], "forbidden": []}
    quotes: list[dict] = []
    counts: dict[str, list] = {"required": [], "optional": []}
    places: dict[str, dict] = {}
    actors: dict[str, dict] = {}
    for label in labels:
        line = label["line"]
        for event in label.get("events") or []:
            events["required" if event.get("required") else "optional"].append(event_spec(line, event))
            if event.get("modality", "asserted") != "asserted":
                events["forbidden"].append(forbidden_asserted(line, event))
        for quote in label.get("quotes") or []:
            quotes.append({"line": line, **{k: v for k, v in quote.items() if v is not None}})
        for count in label.get("counts") or []:
            part = "optional" if count.get("qualifier") == "vague" else "required"
            counts[part].append({"line": line, **{k: v for k, v in count.items() if v is not None}})
        for place in label.get("places") or []:
            places.setdefault(
                place["name"].lower(), {k: v for k, v in place.items() if k in ("name", "country")}
            )
        for actor in label.get("actors") or []:
            spec = {k: v for k, v in actor.items() if k in ("text", "country", "sector") and v is not None}
            actors.setdefault(actor["text"].lower(), spec)
    if not meta["relevant"]:
        events["forbidden"].append(
            {
                "line_any_of": list(range(1, len(lines) + 1)),
                "modality": "asserted",
                "why": "not political news",
            }
        )
    return {
        "about": f"Blind annotation of VOA story {meta['id']} ({meta.get('title', '')}); derived by "
        "scripts/voa_gold.py from the sentence labels beside this file.",
        "published": str(meta["published"])[:10],
        "noise_lines": [],
        "events": events,
        "quotes": {"required": quotes},
        "counts": counts,
        "places": {"required": list(places.values())},
        "actors": {"required": list(actors.values())},
    }


def story_ids(folder: Path) -> list[str]:
    """Stories whose annotation is finished (``relevant`` decided in meta.json)."""
    ids = []
    for path in sorted(folder.glob("*.sentences.jsonl")):
        story_id = path.name.removesuffix(".sentences.jsonl")
        meta = folder / f"{story_id}.meta.json"
        if meta.exists() and json.loads(meta.read_text(encoding="utf-8")).get("relevant") is not None:
            ids.append(story_id)
    return ids


def render(expected: dict) -> str:
    return json.dumps(expected, ensure_ascii=False, indent=1) + "\n"


def run(folders: list[Path], check: bool) -> list[str]:
    """Write (or, with ``check``, compare) every story's expected.json; returns the problems."""
    problems = []
    for folder in folders:
        for story_id in story_ids(folder):
            try:
                text = render(expected_for(*load_story(folder, story_id)))
            except (LabelError, KeyError, json.JSONDecodeError, FileNotFoundError) as exc:
                problems.append(f"{folder / story_id}: {exc}")
                continue
            target = folder / f"{story_id}.expected.json"
            if check:
                if not target.exists() or target.read_text(encoding="utf-8") != text:
                    problems.append(f"{target}: out of date (run scripts/voa_gold.py {folder})")
            else:
                target.write_text(text, encoding="utf-8")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="verify only; exit 1 when a file is out of date")
    args = parser.parse_args(argv)
    problems = run(args.folders, args.check)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
