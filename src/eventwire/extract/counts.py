"""Counts: how many people died, were arrested or marched, how many missiles were fired.

A count is a number (``numbers.read_number``) with a qualifier ("at least", "or so"), the counted
thing (``unit``: the head noun with its common modifiers, or the verb the counted people
undergo, "killed") and a category from ``data/count_nouns.yaml``. Numbers that measure or date
something are left out: ages, years, times, percentages, money, scores, distances, ordinals. The
word lists are read per set of lexicon dirs (``Options.lexicon_dirs``), passed down as ``dirs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..models import Count
from .base import Context, component, doc_text, doc_tokens
from .lexicon import Dirs, dirs_of, load_yaml, word_class
from .numbers import NumberMatch, number_words, read_number, starts_number

COUNT_NOUNS_YAML = "count_nouns.yaml"
# spaCy entity types whose numbers are never counts.
NOT_COUNT_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
# Categories whose unit is the verb the counted people undergo ("12 people were killed" → killed).
_VERB_UNIT_CATEGORIES = {"dead", "injured", "arrested"}


@dataclass(frozen=True)
class CountLexicon:
    noun_category: dict[str, str]
    verb_category: dict[str, str]
    people_nouns: frozenset[str]
    not_count_units: frozenset[str]
    not_count_before: frozenset[str]
    not_count_after: frozenset[str]
    lemma_fixes: dict[str, str]
    model_numbers: tuple[re.Pattern[str], ...] = ()  # names with a number in them: "737 Max", "F-16"
    participles: dict[str, str] = field(default_factory=dict)  # irregular ones: "slay" -> "slain"
    fillers: frozenset[str] = frozenset()  # between a number and its noun, adding nothing: "four more"


def _lower_table(table: dict | None) -> dict[str, str]:
    return {str(k).lower(): str(v).lower() for k, v in (table or {}).items()}


@lru_cache(maxsize=8)
def count_lexicon(dirs: Dirs = ()) -> CountLexicon:
    data = load_yaml(COUNT_NOUNS_YAML, dirs)
    nouns: dict[str, str] = {}
    verbs: dict[str, str] = {}
    for category, entry in data["categories"].items():
        nouns.update({str(n).lower(): category for n in entry.get("nouns") or ()})
        verbs.update({str(v).lower(): category for v in entry.get("verbs") or ()})
    return CountLexicon(
        noun_category=nouns,
        verb_category=verbs,
        people_nouns=frozenset(str(n).lower() for n in data["people_nouns"]),
        not_count_units=frozenset(str(n).lower() for n in data["not_count_units"]),
        not_count_before=frozenset(str(n).lower() for n in data["not_count_before"]),
        not_count_after=frozenset(str(n).lower() for n in data["not_count_after"]),
        lemma_fixes=_lower_table(data.get("lemma_fixes")),
        model_numbers=tuple(re.compile(str(p)) for p in data.get("model_numbers") or ()),
        participles={
            str(k).lower(): str(v).lower() for k, v in (data.get("irregular_participles") or {}).items()
        },
        fillers=word_class("count_fillers", dirs),
    )


@component("counts", order=40, version="0.3", assigns=("counts",))
def find_counts(ctx: Context) -> None:
    found: list[Count] = []
    dirs = dirs_of(ctx)
    tokens = doc_tokens(ctx.doc)
    for sent in ctx.doc.sents:
        found.extend(_counts_in_tokens(list(tokens[sent.start : sent.end]), dirs))
    ctx.result.counts = found


def counts_for(ctx: Context, sent_span) -> list[Count]:
    """Counts inside a (start, end) character span or a spaCy Span."""
    start, end = (sent_span.start_char, sent_span.end_char) if hasattr(sent_span, "start_char") else sent_span
    return [c for c in ctx.result.counts if c.start >= start and c.end <= end]


def _counts_in_tokens(tokens: list, dirs: Dirs = ()) -> list[Count]:
    counts, i = [], 0
    models: list[tuple[int, int]] | None = None  # read at the first number: most sentences hold none
    while i < len(tokens):
        match = read_number(tokens, i, dirs) if starts_number(tokens[i].lower_, dirs) else None
        if match is None:
            i += 1
            continue
        if models is None:
            models = _model_spans(tokens, dirs)
        count = _build_count(tokens, match, models, dirs)
        i = max(match.end, i + 1)
        if count is not None:
            counts.append(count)
            while i < len(tokens) and tokens[i].idx < count.end:
                i += 1  # past the whole count ("20 to 30 protesters")
    return counts


def _model_spans(tokens: list, dirs: Dirs = ()) -> list[tuple[int, int]]:
    """Character spans of model names and product numbers in these tokens ("737 Max", "Boeing
    787", "F-16", "Leopard 2"): the ``model_numbers`` patterns of ``data/count_nouns.yaml``."""
    patterns = count_lexicon(dirs).model_numbers
    if not tokens or not patterns:
        return []
    start = tokens[0].idx
    text = doc_text(tokens[0].doc)[start : tokens[-1].idx + len(tokens[-1].text)]
    return [(start + m.start(), start + m.end()) for p in patterns for m in p.finditer(text)]


def _in_model(token, models: list[tuple[int, int]]) -> bool:
    return any(a <= token.idx and token.idx + len(token.text) <= b for a, b in models)


def _build_count(
    tokens: list, match: NumberMatch, models: list[tuple[int, int]] = (), dirs: Dirs = ()
) -> Count | None:
    lex = count_lexicon(dirs)
    in_model = any(_in_model(t, models) for t in tokens[match.start : match.end])
    if in_model or _is_not_a_count(tokens, match, dirs):
        return None
    qualifier, start = _qualifier_before(tokens, match.start, dirs)
    end, value_high = match.end, None
    after_qualifier, end = _qualifier_after(tokens, end, dirs)
    if after_qualifier is None:
        value_high, end = _range_end(tokens, match, end, dirs)
        if value_high is not None and start == match.start > 0 and tokens[start - 1].lower_ == "between":
            start -= 1  # the text is the whole range: "between 20 and 30 people"
    qualifier = _combine_qualifiers(qualifier, after_qualifier, match, value_high)
    head, unit, unit_end = _unit(tokens, end, models, lex)
    if head is not None and _lemma(head, lex) in lex.not_count_units:
        return None
    category, verb_unit = _category(tokens, match, head, lex)
    if verb_unit and (unit is None or _lemma(head, lex) in lex.people_nouns):
        unit = verb_unit
    if match.value == 1 and not match.fraction and category not in _VERB_UNIT_CATEGORIES:
        return None  # "one senior official": a pronoun-like "one", not a count
    last = tokens[max(unit_end, end) - 1]
    first = tokens[start]
    text = doc_text(first.doc)[first.idx : last.idx + len(last.text)]
    return Count(
        match.value, first.idx, last.idx + len(last.text), text, qualifier, unit, category, value_high
    )


def _is_not_a_count(tokens: list, match: NumberMatch, dirs: Dirs = ()) -> bool:
    lex = count_lexicon(dirs)
    first, last = tokens[match.start], tokens[match.end - 1]
    if first.ent_type_ in NOT_COUNT_ENTS or last.ent_type_ in NOT_COUNT_ENTS:
        return not _mislabelled_date(tokens, match, dirs)
    before = tokens[match.start - 1].lower_ if match.start > 0 else ""
    after = tokens[match.end].lower_ if match.end < len(tokens) else ""
    if before in lex.not_count_before or after in lex.not_count_after or after.startswith("-year"):
        return not _is_range_dash(tokens, match.end)
    if first.lower_ == "one" and after == "of":
        return True  # "one of the officials"
    text = first.text
    if match.end - match.start == 1 and text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100:
        return True  # a year
    return False


def _mislabelled_date(tokens: list, match: NumberMatch, dirs: Dirs = ()) -> bool:
    """spaCy often tags a sentence-initial "Between 20 and 30" as a DATE: a DATE entity of bare
    numbers and range words followed by a counted noun ("... people were killed") is a count."""
    if tokens[match.start].ent_type_ != "DATE":
        return False
    i = match.start
    while i > 0 and tokens[i].ent_iob_ == "I":
        i -= 1  # the entity's first token
    j = i + 1
    while j < len(tokens) and tokens[j].ent_iob_ == "I":
        j += 1  # past its last token
    words = number_words(dirs).range_words | {"between"}
    if j >= len(tokens) or not all(t.like_num or t.lower_ in words for t in tokens[i:j]):
        return False
    lex, noun = count_lexicon(dirs), tokens[j]
    lemma = _lemma(noun, lex)
    return (
        noun.pos_ == "NOUN"
        and lemma not in lex.not_count_units
        and (lemma in lex.people_nouns or lemma in lex.noun_category)
    )


def _is_range_dash(tokens: list, i: int) -> bool:
    """ "20-30 people": a dash between two numbers followed by a noun (a score has no noun)."""
    if i + 2 >= len(tokens) or tokens[i].text not in {"-", "–"}:
        return False
    return tokens[i + 1].like_num and tokens[i + 2].pos_ in {"NOUN", "ADJ"}


def _qualifier_before(tokens: list, start: int, dirs: Dirs = ()) -> tuple[str, int]:
    words = number_words(dirs)
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        key = tuple(t.lower_ for t in tokens[start - size : start])
        if key in words.qualifiers_before:
            return words.qualifiers_before[key], start - size
    return "exact", start


def _qualifier_after(tokens: list, end: int, dirs: Dirs = ()) -> tuple[str | None, int]:
    words = number_words(dirs)
    for size in (2, 1):
        key = tuple(t.lower_ for t in tokens[end : end + size])
        if len(key) == size and key in words.qualifiers_after:
            return words.qualifiers_after[key], end + size
    return None, end


def _range_end(tokens: list, match: NumberMatch, end: int, dirs: Dirs = ()) -> tuple[float | None, int]:
    """ "20 to 30", "20-30", "between 20 and 30": the high value and the new end."""
    if end + 1 >= len(tokens) or tokens[end].lower_ not in number_words(dirs).range_words:
        return None, end
    joiner = tokens[end].lower_
    if joiner == "and" and (match.start == 0 or tokens[match.start - 1].lower_ != "between"):
        return None, end
    high = read_number(tokens, end + 1, dirs) if starts_number(tokens[end + 1].lower_, dirs) else None
    if high is None or high.vague or high.value <= match.value:
        return None, end
    return high.value, high.end


def _combine_qualifiers(before: str, after: str | None, match: NumberMatch, value_high) -> str:
    if value_high is not None:
        return "range"
    if match.vague:  # "dozens" codes its lower bound: at least 24 ("more than dozens": more than)
        return "more_than" if before == "more_than" else "at_least"
    if after is not None and before == "exact":
        return after
    return before


def _unit(
    tokens: list, i: int, models: list[tuple[int, int]] = (), lex: CountLexicon | None = None
) -> tuple[object | None, str | None, int]:
    """The counted noun after the number: (head token, unit text, end index). A model name in
    between belongs to the counted thing ("24 Leopard 2 tanks", "two F-16 jets")."""
    lex = lex or count_lexicon()
    while i < len(tokens) and tokens[i].lower_ in lex.fillers:
        i += 1
    if i < len(tokens) and tokens[i].lower_ == "of":  # "two of the regime's air bases"
        i = _skip_partitive(tokens, i + 1)
    run = []
    while (
        i < len(tokens)
        and (tokens[i].pos_ in {"ADJ", "NOUN", "PROPN", "VERB"} or _in_model(tokens[i], models))
        and len(run) < 5
    ):
        run.append(tokens[i])
        if tokens[i].pos_ == "NOUN" and (i + 1 >= len(tokens) or tokens[i + 1].pos_ not in {"NOUN", "PROPN"}):
            break
        i += 1
    nouns = [t for t in run if t.pos_ == "NOUN" and not _in_model(t, models)]
    if not nouns:
        known = [t for t in run if t.lower_ in lex.noun_category]
        if not known:
            return None, None, i
        return known[0], known[0].lower_, known[0].i - tokens[0].i + 1
    head = nouns[-1]
    modifiers = [t.lower_ for t in run[: run.index(head)] if _is_common_modifier(t)]
    unit = " ".join([*modifiers, _lemma(head, lex)])
    return head, unit, min(i + 1, len(tokens))  # the run may end at the sentence's last token


def _lemma(token, lex: CountLexicon) -> str:
    return lex.lemma_fixes.get(token.lower_, token.lemma_.lower())


def _skip_partitive(tokens: list, i: int) -> int:
    """Past "the", "their" or "the regime's" after "of"."""
    for j in range(i, min(i + 4, len(tokens))):
        if tokens[j].tag_ == "POS":
            return j + 1
    while i < len(tokens) and tokens[i].pos_ in {"DET", "PRON"}:
        i += 1
    return i


def _is_common_modifier(token) -> bool:
    """Lower-case adjectives and noun compounds: "ballistic" yes, "Iranian" no."""
    if token.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or token.pos_ == "PROPN":
        return False
    return token.pos_ in {"ADJ", "NOUN", "VERB"} and not token.is_title and not token.like_num


def _category(tokens: list, match: NumberMatch, head, lex: CountLexicon) -> tuple[str, str | None]:
    """(category, verb unit): from the counted noun, else from the verb the count hangs from."""
    lemma = _lemma(head, lex) if head is not None else None
    if lemma and lemma not in lex.people_nouns and lemma in lex.noun_category:
        return lex.noun_category[lemma], None
    anchor = head if head is not None else tokens[match.end - 1]
    verb = _governing_verb(anchor)
    if verb is not None and verb.lemma_.lower() in lex.verb_category:
        category = lex.verb_category[verb.lemma_.lower()]
        return category, _participle(verb, lex) if category in _VERB_UNIT_CATEGORIES else None
    if lemma and lemma in lex.noun_category:
        return lex.noun_category[lemma], None
    return "other", None


def _governing_verb(token):
    """The verb a counted noun is subject or object of ("12 people were killed", "killing 12")."""
    for _ in range(3):
        if token.pos_ in {"VERB"} and token.dep_ != "amod":
            return token
        if token.head.i == token.i:
            return None
        if token.dep_ in {"acl", "relcl"}:
            return token.head if token.head.pos_ == "VERB" else None
        token = token.head
    return token if token.pos_ == "VERB" else None


def _participle(verb, lex: CountLexicon) -> str:
    lemma = verb.lemma_.lower()
    if verb.tag_ in {"VBN", "VBD"}:
        return verb.lower_
    if lemma in lex.participles:
        return lex.participles[lemma]
    return lemma + "d" if lemma.endswith("e") else lemma + "ed"
