"""Word classes: every closed English word list of the extractor lives in ``data/word_classes.yaml``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

from eventwire.extract.lexicon import DATA_DIR, word_class
from eventwire.options import Options

EXTRACT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "extract"
WORD = re.compile(r"^[a-z]+$")
# Parser labels (spaCy's lower-case dependency relations) are not word lists.
PARSER_LABELS = set(GLOSSARY) | {"obj", "flat", "punct", "nmod", "case"}
# Literals of lower-case words that are not English word lists, with why.
ALLOWED = {
    ("coder.py", frozenset({"events", "actors", "places", "times", "counts", "quotes"})),  # component names
    ("events.py", frozenset({"actors", "places", "times", "counts"})),  # component names
    ("counts.py", frozenset({"dead", "injured", "arrested"})),  # count categories (count_nouns.yaml)
    ("gazetteer.py", frozenset({"s", "sh", "ch"})),  # spelling endings that take "-es", not words
    ("places.py", frozenset({"facility", "country", "city", "region", "water"})),  # Place.kind values
    ("places.py", frozenset({"country", "region", "city", "water"})),  # Place.kind values
    ("places.py", frozenset({"country", "region", "water"})),  # Place.kind values
    ("places.py", frozenset({"igo", "org", "group"})),  # Actor.kind values
    ("actor_mentions.py", frozenset({"igo", "group", "org", "metonym"})),  # LexEntry.kind values
    ("actor_code.py", frozenset({"lexicon", "kb", "modifier"})),  # Actor.country_reason values
    ("actor_rows.py", frozenset({"country", "short", "capital", "metonym"})),  # LexEntry.kind values
    ("places.py", frozenset({"country", "city", "region", "water", "facility"})),  # Place.kind -> precision
    ("gazetteer.py", frozenset({"curated", "country", "city", "admin", "alternate"})),  # GazEntry.source
}


def _word_literals(path: Path) -> list[tuple[int, frozenset[str]]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts  # a table's words are its keys
            words = {
                e.value
                for e in items
                if isinstance(e, ast.Constant) and isinstance(e.value, str) and WORD.match(e.value)
            }
            words -= PARSER_LABELS
            if len(words) >= 3:
                found.append((node.lineno, frozenset(words)))
    return found


def test_no_english_word_list_is_written_in_extractor_code():
    modules = sorted(EXTRACT.glob("*.py"))
    assert modules
    offenders = [
        f"{path.name}:{line}: {sorted(words)}"
        for path in modules
        for line, words in _word_literals(path)
        if (path.name, words) not in ALLOWED
    ]
    assert not offenders, "move these word lists to data/word_classes.yaml:\n" + "\n".join(offenders)


def test_the_scan_finds_a_word_list(tmp_path):
    module = tmp_path / "m.py"
    lines = ['PREPS = {"in", "at", "near"}', 'DEPS = {"nsubj", "dobj", "pobj"}']
    lines.append('N = {"one": 1, "two": 2, "ten": 10}')
    module.write_text("\n".join(lines) + "\n")
    assert _word_literals(module) == [
        (1, frozenset({"in", "at", "near"})),
        (3, frozenset({"one", "two", "ten"})),
    ]


def test_every_word_class_is_a_documented_list_of_lower_case_words():
    text = (DATA_DIR / "word_classes.yaml").read_text(encoding="utf-8")
    names = re.findall(r"^([a-z_]+):", text, re.M)
    assert len(names) == len(set(names)) > 20  # one definition per class
    for name in names:
        assert re.search(rf"^# .*\n{name}:", text, re.M), f"{name} has no comment"
        words = word_class(name)
        assert words and all(w == w.lower() and w.strip() == w for w in words), name
    assert {"on", "off"} <= word_class("locative_preps")  # quoted, not read as YAML booleans


def test_a_lexicon_dir_extends_a_word_class(tmp_path):
    (tmp_path / "word_classes.yaml").write_text("locative_preps: [beside]\n", encoding="utf-8")
    extended = word_class("locative_preps", (str(tmp_path),))
    assert extended == word_class("locative_preps") | {"beside"}
    assert "beside" not in word_class("locative_preps")
    with pytest.raises(KeyError):
        word_class("no_such_class")


def test_a_user_locative_preposition_changes_where_an_event_happened(nlp, tmp_path):
    from eventwire.pipeline import process_text

    (tmp_path / "word_classes.yaml").write_text("locative_preps: [beside]\n", encoding="utf-8")
    text = "Russian forces shelled villages beside Kharkiv in Ukraine on Monday."

    def location(options: Options) -> str | None:
        events = process_text(text, published="2024-04-14", options=options).extraction.events
        assert events
        return events[0].location and events[0].location.name

    assert location(Options()) == "Ukraine"
    assert location(Options(lexicon_dirs=(str(tmp_path),))) == "Kharkiv"


@pytest.mark.parametrize("content", ["region_words: 5\n", "region_words: [state\n"])
def test_a_broken_user_word_class_file_is_one_error_before_any_article(tmp_path, capsys, content):
    from eventwire.cli.main import main

    lexicon = tmp_path / "lex"
    lexicon.mkdir()
    (lexicon / "word_classes.yaml").write_text(content, encoding="utf-8")
    story = tmp_path / "a.txt"
    story.write_text("Police arrested 12 men in Borno state on Monday.\n", encoding="utf-8")
    db = str(tmp_path / "news.db")
    assert main(["ingest", str(story), "--db", db, "--lexicon-dir", str(lexicon)]) == 1
    err = capsys.readouterr().err
    assert "word_classes.yaml" in err and "[EW100]" in err
    assert "internal error" not in err and "Traceback" not in err
