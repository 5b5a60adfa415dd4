"""CAMEO verb dictionary (PETRARCH2's CAMEO.2.0) as PLOVER-typed features for the event coder.

``build_rows`` compiles the dictionary into ``learn/data/cameo_verbs.tsv`` (run by ``make train``):
one row per verb lemma and pattern word with the PLOVER type its CAMEO code maps to through the
CAMEO→PLOVER table. ``cameo_table`` loads that file at run time; ``../shared`` is never read then.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "cameo_verbs.tsv"
BLOCK = re.compile(r"^---\s+([A-Z_]+)\s+\[([0-9-]+)[^\]]*\]\s+---")
PATTERN = re.compile(r"^-\s+(.*?)\s*\[([0-9]{2,4})[^\]]*\]")
VERB_LINE = re.compile(r"^([A-Z][A-Z_]*)\b")
WORD = re.compile(r"[A-Z][A-Z]+")
ANY = "*"  # the pattern word of a verb's own default code


def plover_of(code: str, table: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code: its own row, else its parent's (0314 -> 031 -> 03)."""
    for cut in range(len(code), 1, -1):
        if code[:cut] in table:
            return table[code[:cut]]
    return None


def read_cameo2plover(text: str) -> dict[str, str]:
    table = {}
    for line in text.splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            table[match.group(1)] = match.group(2)
    return table


def build_rows(cameo_text: str, mapping_text: str) -> list[tuple[str, str, str, int]]:
    """(verb lemma, pattern word or '*', PLOVER type, patterns seen), sorted, deterministic."""
    table = read_cameo2plover(mapping_text)
    counts: Counter[tuple[str, str, str]] = Counter()
    verbs: list[str] = []
    default: str | None = None
    in_patterns = False
    for raw in cameo_text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        block = BLOCK.match(line)
        if block:
            verbs, in_patterns = [], False
            default = plover_of(block.group(2), table) if block.group(2) != "---" else None
            continue
        pattern = PATTERN.match(line)
        if pattern:
            in_patterns = True
            kind = plover_of(pattern.group(2), table)
            words = [w for w in WORD.findall(pattern.group(1)) if len(w) > 2]
            if kind and words:
                for verb in verbs:
                    counts[(verb, words[0].lower(), kind)] += 1
            continue
        verb = VERB_LINE.match(line)
        if verb and not in_patterns and "_" not in verb.group(1):
            lemma = verb.group(1).lower()
            verbs.append(lemma)
            if default:
                counts[(lemma, ANY, default)] += 1
    return sorted((v, w, k, n) for (v, w, k), n in counts.items())


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, dict[str, set[str]]]:
    """verb lemma -> pattern word ('*' for the verb alone) -> PLOVER types."""
    table: dict[str, dict[str, set[str]]] = {}
    if not DATA.exists():
        return table
    for row in DATA.read_text(encoding="utf-8").splitlines()[1:]:
        verb, word, kind, _ = row.split("\t")
        table.setdefault(verb, {}).setdefault(word, set()).add(kind)
    return table
