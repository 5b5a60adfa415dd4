"""Every extractor data file is read by one loader and extended by ``--lexicon-dir``.

For each file in ``extract/data`` a user file of the same name changes what is extracted from a
sentence: the behaviour is absent with the bundled data and present with the user folder.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.extract import check_user_data
from eventwire.extract.lexicon import DATA_DIR, load_tsv, load_yaml, merge
from eventwire.options import Options

EXTRACT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "extract"
PUBLISHED = "2024-04-15"


def _counts(r):
    return [(c.value, c.unit, c.category) for c in r.counts]


def _times(r):
    return [(t.text, t.value) for t in r.times]


def _places(r):
    return [(p.text, p.country, p.kind) for p in r.places]


def _events(r):
    return [(e.type, e.source and (e.source.text, e.source.country, e.source.sector)) for e in r.events]


def _modes(r):
    return [(e.type, e.modality) for e in r.events]


def _quotes(r):
    return [(q.text, q.speaker_text, q.cue, q.anonymous) for q in r.quotes]


def _actors(r):
    return [(a.text, a.country, a.sector) for a in r.actors]


# file -> (user file content, text, what to look at, what the user file adds)
CASES = {
    "count_nouns.yaml": (
        "categories:\n  weapon:\n    nouns: [catapult]\n",
        "The rebels fired 12 catapults at the town on Monday.",
        _counts,
        (12.0, "catapult", "weapon"),
    ),
    "number_words.yaml": (
        "units:\n  eleventy: 110\n",
        "Police arrested eleventy protesters in Lagos on Monday.",
        _counts,
        (110.0, "arrested", "arrested"),
    ),
    "time_words.yaml": (
        "extra_phrases: [yestereve]\nrelative_days:\n  yestereve: -1\n",
        "Police arrested 12 protesters in Lagos yestereve.",
        _times,
        ("yestereve", "2024-04-14"),
    ),
    "places_curated.tsv": (
        "Fort Zubrovka\t\tUKR\t48.5\t35.0\tfacility\n",
        "Russian missiles struck Fort Zubrovka on Monday.",
        _places,
        ("Fort Zubrovka", "UKR", "facility"),
    ),
    "event_triggers.yaml": (
        "verbs:\n  pummel: ASSAULT\n",
        "Russian forces pummeled Kharkiv on Monday.",
        _events,
        ("ASSAULT", ("Russian forces", "RUS", "MIL")),
    ),
    "modality.yaml": (
        "alleged:\n  adverbs: [ostensibly]\n",
        "Police ostensibly arrested 12 protesters in Lagos on Monday.",
        _modes,
        ("COERCE", "alleged"),
    ),
    "reporting_verbs.yaml": (
        "verbs: [thunder]\n",
        '"We will never surrender," the general thundered on Monday.',
        _quotes,
        ("We will never surrender", "the general", "thundered", False),
    ),
    "quote_speakers.yaml": (
        "anonymous_heads: [bystander]\n",
        '"The soldiers opened fire," a bystander said.',
        _quotes,
        ("The soldiers opened fire", "a bystander", "said", True),
    ),
    "actors.tsv": (
        "Zorbanian Liberation Front\tZOR\tREB\tgroup\n",
        "The Zorbanian Liberation Front attacked a police station in Lagos on Monday.",
        _actors,
        ("The Zorbanian Liberation Front", "ZOR", "REB"),
    ),
    "actor_patterns.yaml": (
        "people:\n  Jane Zorbison: NGA GOV\n",
        "Jane Zorbison condemned the attack on Monday.",
        _actors,
        ("Jane Zorbison", "NGA", "GOV"),
    ),
    "word_classes.yaml": (  # a word class read where a rule sees only tokens (quote_speakers.py)
        "non_speaker_words: [everyone]\n",
        '"We will win," everyone said on Monday.',
        _quotes,
        ("We will win", None, "said", False),
    ),
}


def test_every_data_file_has_a_lexicon_dir_case():
    bundled = {p.name for p in DATA_DIR.iterdir() if p.suffix in {".yaml", ".tsv"}}
    assert bundled == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_user_data_file_changes_what_is_extracted(nlp, tmp_path, name):
    from eventwire.pipeline import process_text

    content, text, view, added = CASES[name]
    (tmp_path / name).write_text(content, encoding="utf-8")

    def seen(options: Options) -> list:
        return view(process_text(text, published=PUBLISHED, options=options).extraction)

    assert added not in seen(Options())
    assert added in seen(Options(lexicon_dirs=(str(tmp_path),)))
    assert added not in seen(Options())  # the bundled data is untouched by the user's run


@pytest.mark.parametrize("name", sorted(n for n in CASES if n.endswith(".yaml")))
def test_a_broken_user_yaml_file_is_one_error_naming_it(tmp_path, name):
    (tmp_path / name).write_text("verbs: [attack\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        check_user_data(Options(lexicon_dirs=(str(tmp_path),)))
    assert caught.value.source == str(tmp_path / name)
    assert name in str(caught.value)


@pytest.mark.parametrize(
    ("name", "row", "message"),
    [
        ("places_curated.tsv", "Springfield\tUSA\t39.8\n", "line 1 has 3 tab-separated column(s)"),
        ("actors.tsv", "Springfield council\n", "line 1 has 1 tab-separated column(s)"),
        ("places_curated.tsv", "Springfield\t\tUSA\tnorth\t-89.6\tcity\n", "'north' is no number of degrees"),
    ],
)
def test_a_user_tsv_row_that_cannot_be_read_is_an_error_not_a_lost_row(tmp_path, name, row, message):
    (tmp_path / name).write_text(row, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        check_user_data(Options(lexicon_dirs=(str(tmp_path),)))
    assert message in str(caught.value) and name in str(caught.value)


def test_a_user_value_of_the_wrong_kind_is_an_error_naming_the_file(tmp_path):
    (tmp_path / "reporting_verbs.yaml").write_text("verbs: thunder\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_yaml("reporting_verbs.yaml", (str(tmp_path),))
    assert caught.value.source == str(tmp_path / "reporting_verbs.yaml")
    assert "'verbs' must be a list" in str(caught.value)


def test_the_merge_rule():
    base = {"words": ["a", "b"], "table": {"x": 1, "inner": {"y": [1]}}, "value": "old"}
    extra = {"words": ["b", "c", "c"], "table": {"z": 2, "inner": {"y": [2]}}, "value": "new", "more": [1]}
    merged = merge(base, extra, "user.yaml")
    assert merged == {
        "words": ["a", "b", "c"],  # lists: union in order, each item once
        "table": {"x": 1, "z": 2, "inner": {"y": [1, 2]}},  # mappings: key by key, recursively
        "value": "new",  # scalars: the user's value wins
        "more": [1],
    }
    assert base["words"] == ["a", "b"] and base["table"]["inner"] == {"y": [1]}  # inputs untouched


def test_a_user_tsv_row_replaces_the_bundled_row_of_the_same_phrase(tmp_path):
    bundled = {row[0]: row for row in load_tsv("actors.tsv")}
    assert bundled["Hamas"][1:3] != ("XYZ", "GOV")
    (tmp_path / "actors.tsv").write_text("# a comment\n\nHamas\tXYZ\tGOV\tgroup\n", encoding="utf-8")
    rows = load_tsv("actors.tsv", (str(tmp_path),))
    assert [row for row in rows if row[0] == "Hamas"] == [("Hamas", "XYZ", "GOV", "group")]
    assert len(rows) == len(load_tsv("actors.tsv"))  # replaced, not added


def test_loaded_data_is_cached_per_lexicon_dirs(tmp_path):
    from eventwire.extract.counts import count_lexicon
    from eventwire.extract.timex import time_words

    dirs = (str(tmp_path),)
    assert count_lexicon(dirs) is count_lexicon(dirs) and time_words(dirs) is time_words(dirs)
    assert load_yaml("count_nouns.yaml", dirs) is load_yaml("count_nouns.yaml", dirs)


# Modules of extract/ that may read a file, with why. Everything under extract/data goes through
# lexicon.py; the coder reads its tuned thresholds from learn/data (no word list, not user data).
FILE_READERS = {"lexicon.py", "coder.py"}
_READ_CALLS = {"safe_load", "load", "read_text", "read_bytes", "open", "reader", "DictReader"}


def _file_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{node.lineno}: imports {n}" for n in names if n in {"yaml", "csv"}]
        elif isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "attr", None) or getattr(func, "id", "")
            if name in _READ_CALLS:
                found.append(f"{node.lineno}: calls {name}")
    return found


def test_only_the_loader_reads_data_files():
    offenders = [
        f"{path.name}:{hit}"
        for path in sorted(EXTRACT.glob("*.py"))
        if path.name not in FILE_READERS
        for hit in _file_reads(path)
    ]
    assert not offenders, "read data files through extract/lexicon.py:\n" + "\n".join(offenders)


def test_the_reader_scan_finds_a_direct_read(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('import yaml\nDATA = yaml.safe_load(open("x.yaml"))\n', encoding="utf-8")
    assert _file_reads(module) == ["1: imports yaml", "2: calls safe_load", "2: calls open"]
