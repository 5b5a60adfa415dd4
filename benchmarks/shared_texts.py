"""Every text of every gold and training set in ../shared, as (dataset, source, format, text).

Used by ``benchmarks/robustness.py`` (each text through the whole pipeline once) and by
``tests/test_fuzz.py`` (real sentences as seeds for mutations). Nothing is copied from ../shared:
the texts are read where they lie. Readers are generic by file type (one article per .txt file,
the text column of a TSV/CSV, the text field of a JSONL record, tokens joined for token lists and
CoNLL, the pages of .html.gz, the documents of the MEANTIME and GeoWebNews XML), so a new pool
with a familiar layout is picked up without code.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POOLS = ("gold", "train")
TEXT_COLUMNS = ("text", "sentence", "EventSnippet", "articleBody", "title")
SKIP_NAMES = {"README.md", "README.txt", "LICENSE.txt", "MANIFEST.json", "LICENSE-NOTE.md"}
Text = tuple[str, str, str, str]  # dataset, source, format (text | html), text

csv.field_size_limit(sys.maxsize)


def iter_shared_texts(shared: Path = SHARED) -> Iterator[Text]:
    """Every text under ``shared``/gold and ``shared``/train, dataset by dataset, in file order."""
    for pool in POOLS:
        root = shared / pool
        if not root.is_dir():
            continue
        for dataset in sorted(p for p in root.iterdir() if p.is_dir()):
            name = f"{pool}/{dataset.name}"
            for file in sorted(f for f in dataset.rglob("*") if f.is_file() and f.name not in SKIP_NAMES):
                for source, fmt, text in _texts_of(file):
                    if text and text.strip():
                        yield name, source, fmt, text


def _texts_of(file: Path) -> Iterator[tuple[str, str, str]]:
    name = file.name.lower()
    if name.endswith(".html.gz"):
        yield str(file), "html", gzip.decompress(file.read_bytes()).decode("utf-8", "replace")
    elif name.endswith((".tsv", ".csv", ".csv.gz")):
        yield from _table_texts(file)
    elif name.endswith((".jsonl", ".jsonl.gz")):
        yield from _jsonl_texts(file)
    elif name.endswith(".json"):
        yield from _json_texts(file)
    elif name.endswith(".txt"):
        yield from _txt_texts(file)
    elif name.endswith(".xml"):
        yield from _xml_texts(file)


def _read_text(file: Path) -> str:
    data = file.read_bytes()
    if file.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")


def _table_texts(file: Path) -> Iterator[tuple[str, str, str]]:
    text = _read_text(file)
    delimiter = "\t" if ".tsv" in file.name else ","
    first = text.split("\n", 1)[0]
    header = next(csv.reader([first], delimiter=delimiter))
    column = next((c for c in TEXT_COLUMNS if c in header), None)
    if column is None:  # no header (bbc, india police, conflibert): the first column is the text
        for i, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
            if row:
                yield f"{file}:{i + 1}", "text", row[0]
        return
    for i, row in enumerate(csv.DictReader(io.StringIO(text), delimiter=delimiter)):
        yield f"{file}:{i + 2}", "text", row.get(column) or ""


def _record_text(record: dict) -> str | None:
    for key in TEXT_COLUMNS:
        if isinstance(record.get(key), str):
            return record[key]
    tokens = record.get("tokens")
    if isinstance(tokens, list) and all(isinstance(t, str) for t in tokens):
        return " ".join(tokens)
    return None


def _jsonl_texts(file: Path) -> Iterator[tuple[str, str, str]]:
    for i, line in enumerate(_read_text(file).splitlines(), start=1):
        if line.strip():
            text = _record_text(json.loads(line))
            if text:
                yield f"{file}:{i}", "text", text


def _json_texts(file: Path) -> Iterator[tuple[str, str, str]]:
    data = json.loads(_read_text(file))
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict) and (text := _record_text(value)):
                yield f"{file}#{key}", "text", text


def _txt_texts(file: Path) -> Iterator[tuple[str, str, str]]:
    text = _read_text(file)
    lines = text.splitlines()[:50]
    conll = lines and sum(len(line.split()) == 2 for line in lines) > 0.8 * sum(
        bool(x.strip()) for x in lines
    )
    if not conll:
        yield str(file), "text", text
        return
    sentence: list[str] = []
    n = 0
    for line in text.splitlines() + [""]:
        if line.strip():
            sentence.append(line.split()[0])
        elif sentence:
            n += 1
            yield f"{file}#{n}", "text", " ".join(sentence)
            sentence = []


def _xml_texts(file: Path) -> Iterator[tuple[str, str, str]]:
    """MEANTIME (one document of <token>s) or GeoWebNews (many <article>s with <text>)."""
    import xml.etree.ElementTree as ET

    root = ET.parse(file).getroot()
    tokens = [t.text or "" for t in root.iter("token")]
    if tokens:
        yield str(file), "text", " ".join(tokens)
        return
    for i, node in enumerate(root.iter("text")):
        text = "".join(node.itertext())
        if text.strip():
            yield f"{file}#{i}", "text", text
