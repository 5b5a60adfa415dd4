"""The one loader of the extractor's data files (``extract/data/*.yaml`` and ``*.tsv``).

Every word list, trigger table, number word or curated place the extractor knows is read here and
nowhere else: ``load_yaml`` and ``load_tsv`` find the bundled file plus the file of the same name in
each ``--lexicon-dir`` folder (``Options.lexicon_dirs``), parse them, and merge them by one rule:

* YAML lists: the union, bundled items first, in order, each item once;
* YAML mappings: merged key by key, recursively (a user ``verbs:`` adds verbs, it does not replace
  the table); a key only the user file has is added;
* YAML scalars (a trigger's PLOVER type, a number's value): the user's value wins;
* a user value of another kind than the bundled one (a word for a list) is an ``InputError``;
* TSV: the rows of every file, in order; a user row replaces the earlier rows with the same first
  column (the phrase or place name).

Results are cached per ``lexicon_dirs`` tuple, so the files are read once per process and run. A file
that does not parse is one ``InputError`` naming it. The word classes of ``word_classes.yaml`` (closed
lists such as locative prepositions, each defined once there) are read through ``word_class`` and
``words_for`` (an extraction context) or ``doc_words`` (a parsed document).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from .base import doc_lexicon_dirs

DATA_DIR = Path(__file__).parent / "data"
WORD_CLASSES_YAML = "word_classes.yaml"

Dirs = tuple[str, ...]


def data_files(name: str, lexicon_dirs: Dirs | list[str] = ()) -> list[Path]:
    """The bundled data file ``name`` followed by the files of the same name in ``lexicon_dirs``."""
    paths = [DATA_DIR / name] + [Path(d) / name for d in lexicon_dirs]
    return [p for p in paths if p.is_file()]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the data file: {exc}", source=str(path)) from None


def _parse_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(_read_text(path))
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {' '.join(str(exc).split())}", source=str(path)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("a data file must be a mapping of names to lists or tables", source=str(path))
    return data


def _kind(value: Any) -> str:
    return "mapping" if isinstance(value, dict) else "list" if isinstance(value, list) else "value"


def merge(base: dict, extra: dict, source: str, where: str = "") -> dict:
    """``extra`` merged into a copy of ``base`` by the rule of this module's docstring."""
    out = dict(base)
    for key, value in extra.items():
        name = f"{where}{key}"
        if key not in out or out[key] is None or value is None:
            out[key] = out.get(key) if value is None else value
        elif _kind(out[key]) != _kind(value):
            raise InputError(
                f"{name!r} must be a {_kind(out[key])}, as in the bundled file, not a {_kind(value)}",
                source=source,
            )
        elif isinstance(value, dict):
            out[key] = merge(out[key], value, source, f"{name}.")
        elif isinstance(value, list):
            old = out[key]
            out[key] = old + [v for i, v in enumerate(value) if v not in old and v not in value[:i]]
        else:
            out[key] = value
    return out


@lru_cache(maxsize=64)
def load_yaml(name: str, lexicon_dirs: Dirs = ()) -> dict:
    """The YAML data file ``name`` merged with the user files of that name (read-only: shared)."""
    data: dict = {}
    for path in data_files(name, lexicon_dirs):
        data = merge(data, _parse_yaml(path), str(path))
    return data


@lru_cache(maxsize=32)
def load_tsv(name: str, lexicon_dirs: Dirs = (), columns: int = 1) -> tuple[tuple[str, ...], ...]:
    """The rows of the TSV data file ``name`` and the user files of that name, cells stripped; blank
    lines and ``#`` comments dropped. A row replaces earlier files' rows with the same first cell.
    A row with fewer than ``columns`` cells is an error naming the file and line, not a row lost."""
    rows: list[tuple[str, ...]] = []
    for path in data_files(name, lexicon_dirs):
        numbered = [
            (n, ln)
            for n, ln in enumerate(_read_text(path).splitlines(), 1)
            if ln.strip() and not ln.startswith("#")
        ]
        try:
            own = [
                tuple(cell.strip() for cell in row)
                for row in csv.reader((ln for _, ln in numbered), delimiter="\t")
            ]
        except csv.Error as exc:
            raise InputError(f"not valid TSV: {exc}", source=str(path)) from None
        for (line_no, _), row in zip(numbered, own, strict=True):
            if len(row) < columns:
                raise InputError(
                    f"line {line_no} has {len(row)} tab-separated column(s); {name} needs {columns}",
                    source=str(path),
                )
        keys = {row[0] for row in own}
        rows = [row for row in rows if row[0] not in keys] + own
    return tuple(rows)


@lru_cache(maxsize=16)
def _word_classes(lexicon_dirs: Dirs) -> dict[str, frozenset[str]]:
    classes: dict = {}
    for path in data_files(WORD_CLASSES_YAML, lexicon_dirs):  # checked file by file, to name the bad one
        data = _parse_yaml(path)
        for name, words in data.items():
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise InputError(
                    f"word class {name!r} must be a list of words (quote yes/no/on/off)", source=str(path)
                )
        classes = merge(classes, data, str(path))
    return {name: frozenset(w.lower() for w in words) for name, words in classes.items()}


def word_class(name: str, lexicon_dirs: Dirs | list[str] = ()) -> frozenset[str]:
    """The words of class ``name``: the bundled list plus the user lists in ``lexicon_dirs``."""
    words = _word_classes(tuple(lexicon_dirs)).get(name)  # one lookup: rules ask ~150,000 times a pass
    if words is None:
        raise KeyError(f"no word class {name!r} in {WORD_CLASSES_YAML}")
    return words


def dirs_of(ctx) -> Dirs:
    """The ``lexicon_dirs`` of an extraction context's options, as a cache key."""
    options = getattr(ctx, "options", None)
    return tuple(getattr(options, "lexicon_dirs", ()) or ())


def words_for(ctx, name: str) -> frozenset[str]:
    """The words of class ``name`` for an extraction context: with its options' ``lexicon_dirs``."""
    return word_class(name, dirs_of(ctx))


def doc_words(doc, name: str) -> frozenset[str]:
    """The words of class ``name`` for a parsed document, with the lexicon dirs of the run
    extracting it (for rules that are handed tokens, not the context)."""
    dirs = doc_lexicon_dirs(doc)  # a tuple already: the cache key word_class would build
    words = _word_classes(dirs).get(name)  # word_class inlined: ~170,000 calls a pass
    return words if words is not None else word_class(name, dirs)  # an unknown name raises there
