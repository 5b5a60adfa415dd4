"""One loader for the word classes in ``data/word_classes.yaml``.

A word class is a closed list of lower-case English words a rule tests tokens against (locative
prepositions, personal pronouns, quantity words, ...). Each is defined once, in the data file, with a
comment saying what it is for and which modules read it. A ``word_classes.yaml`` in a ``--lexicon-dir``
folder (``Options.lexicon_dirs``) extends the bundled classes: its words are added to the class of the
same name.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import InputError

DATA_DIR = Path(__file__).parent / "data"
WORD_CLASSES_YAML = "word_classes.yaml"


def data_files(name: str, lexicon_dirs: tuple[str, ...] | list[str] = ()) -> list[Path]:
    """The bundled data file ``name`` followed by the files of the same name in ``lexicon_dirs``."""
    paths = [DATA_DIR / name] + [Path(d) / name for d in lexicon_dirs]
    return [p for p in paths if p.is_file()]


@lru_cache(maxsize=16)
def _word_classes(lexicon_dirs: tuple[str, ...]) -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for path in data_files(WORD_CLASSES_YAML, lexicon_dirs):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"not valid YAML: {' '.join(str(exc).split())}", source=str(path)) from None
        for name, words in data.items():
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise InputError(
                    f"word class {name!r} must be a list of words (quote yes/no/on/off)", source=str(path)
                )
            classes.setdefault(name, set()).update(w.lower() for w in words)
    return {name: frozenset(words) for name, words in classes.items()}


def word_class(name: str, lexicon_dirs: tuple[str, ...] | list[str] = ()) -> frozenset[str]:
    """The words of class ``name``: the bundled list plus the user lists in ``lexicon_dirs``."""
    classes = _word_classes(tuple(lexicon_dirs))
    if name not in classes:
        raise KeyError(f"no word class {name!r} in {WORD_CLASSES_YAML}")
    return classes[name]


def words_for(ctx, name: str) -> frozenset[str]:
    """The words of class ``name`` for an extraction context: with its options' ``lexicon_dirs``."""
    options = getattr(ctx, "options", None)
    return word_class(name, getattr(options, "lexicon_dirs", ()) or ())
