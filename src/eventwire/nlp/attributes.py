"""A faster stand-in for spaCy's ``attribute_ruler`` that assigns exactly what it assigns.

The stock component runs a ``Matcher`` with every one of its ~180 rules over every token of every
document, which costs about a sixth of ``nlp.pipe``. Its rules only test a token's tag, lowercase
form, dependency label and whitespace flag (and, for a few two-token rules, its neighbour's), so the
outcome of every test depends on those few values alone. This component compiles the stock rules
(read from the loaded model, never written here) into tests on those values, memoises what each
combination of values is assigned, and sets the attributes with spaCy's own ``set_token_attrs``.

Equivalence with the stock component, rule for rule:

* a rule's token patterns are conjunctions of tests; a literal compares the value with
  ``vocab.strings.add(literal)``, ``IN``/``NOT_IN`` with ``get_string_id`` of each member and
  ``REGEX`` searches the value's string, as the ``Matcher`` does;
* every match of every pattern is found (the ``Matcher`` does not drop overlapping matches), on the
  attributes as they were before any rule wrote to the document;
* the stock ruler sets a match's attributes in rule order, later rules overwriting earlier ones, so
  the attributes of all the rules that hit a token are merged in rule order and set once.

Rulers that use anything else (operators, other attributes, extension attributes, other predicates)
are not compiled: ``compile_rules`` returns None and the loader keeps the stock component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# The token attributes the compiled tests may read, by the Matcher's (upper-case) key.
SUPPORTED = ("TAG", "LOWER", "DEP", "IS_SPACE", "ORTH")
BOOLEAN = frozenset({"IS_SPACE"})
FACTORY = "eventwire_attributes"
STOCK = "attribute_ruler"
MEMO_LIMIT = 200_000  # distinct word forms remembered per attribute before the memo is emptied

Test = tuple[str, str, Any]  # (attribute key, predicate, compiled value)


class Unsupported(ValueError):
    """The stock ruler uses a pattern feature this component does not reproduce."""


@dataclass
class Rules:
    """The stock rules compiled into atom sets: a token pattern matches when its atoms all hold."""

    keys: tuple[str, ...]  # the attributes read from each token, in column order
    atoms: list[Test]  # every distinct test of every pattern
    single: list[tuple[frozenset[int], int]]  # one-token patterns: (atoms, rule number)
    multi: list[tuple[tuple[frozenset[int], ...], int, int]]  # (atoms per token, target offset, rule)
    attrs: list[dict]  # each rule's normalised attributes, as the stock ruler sets them
    by_key: dict[str, list[int]] = field(default_factory=dict)  # atom numbers testing each key


def compile_rules(ruler: Any) -> Rules | None:
    """The stock ``AttributeRuler``'s rules compiled, or None when one uses something unsupported."""
    try:
        return _compile(ruler)
    except Unsupported:
        return None


def _compile(ruler: Any) -> Rules:
    atoms: list[Test] = []
    seen: dict[tuple, int] = {}
    single: list[tuple[frozenset[int], int]] = []
    multi: list[tuple[tuple[frozenset[int], ...], int, int]] = []
    strings = ruler.vocab.strings
    for number, rule in enumerate(ruler.patterns):
        attrs = ruler.attrs[number]
        if "_" in attrs:
            raise Unsupported("extension attributes")
        for pattern in rule["patterns"]:
            specs = tuple(_spec_atoms(spec, strings, atoms, seen) for spec in pattern)
            index = rule["index"]
            if not specs or not -len(specs) <= index < len(specs):
                raise Unsupported(f"index {index} outside a pattern of {len(specs)} tokens")
            if len(specs) == 1:
                single.append((specs[0], number))
            else:
                multi.append((specs, index % len(specs), number))
    keys = tuple(sorted({a[0] for a in atoms}, key=SUPPORTED.index))
    by_key = {k: [i for i, a in enumerate(atoms) if a[0] == k] for k in keys}
    return Rules(keys, atoms, single, multi, list(ruler.attrs), by_key)


def _spec_atoms(spec: dict, strings: Any, atoms: list[Test], seen: dict[tuple, int]) -> frozenset[int]:
    """One token pattern's tests as atom numbers (new tests are appended to ``atoms``)."""
    from spacy.strings import get_string_id

    found = set()
    for raw_key, value in spec.items():
        key = "ORTH" if raw_key.upper() == "TEXT" else raw_key.upper()
        if key not in SUPPORTED:
            raise Unsupported(f"token attribute {raw_key!r}")
        tests: list[Test] = []
        if key in BOOLEAN:
            if not isinstance(value, bool):
                raise Unsupported(f"{key} must be a boolean")
            tests.append((key, "==", int(value)))
        elif isinstance(value, str):
            tests.append((key, "==", strings.add(value)))
        elif isinstance(value, dict) and value and set(value) <= {"IN", "NOT_IN", "REGEX"}:
            for pred, arg in value.items():
                if pred == "REGEX" and isinstance(arg, str):
                    tests.append((key, pred, arg))
                elif pred != "REGEX" and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                    tests.append((key, pred, frozenset(get_string_id(v) for v in arg)))
                else:
                    raise Unsupported(f"{key} {pred} {arg!r}")
        else:
            raise Unsupported(f"{key}: {value!r}")
        for test in tests:
            if test not in seen:
                seen[test] = len(atoms)
                atoms.append(test)
            found.add(seen[test])
    return frozenset(found)


@dataclass
class Entry:
    """What one combination of attribute values leads to."""

    attrs: dict | None  # the merged attributes of the one-token rules that hit, None when none does
    rules: tuple[int, ...]  # those rules' numbers, in order
    holds: frozenset[int]  # the atoms that hold
    starts: tuple[int, ...]  # multi-token patterns whose first token matches


class FastAttributeRuler:
    """The compiled rules as a pipeline component (see the module docstring)."""

    def __init__(self, vocab: Any, rules: Rules) -> None:
        self.vocab = vocab
        self.rules = rules
        self._value_atoms: dict[str, dict[int, frozenset[int]]] = {k: {} for k in rules.keys}
        self._entries: dict[tuple, Entry] = {}
        self._regex = {i: re.compile(a[2]) for i, a in enumerate(rules.atoms) if a[1] == "REGEX"}

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import IDS
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        # Column by column, each value's atoms; then each token's tuple of them is its memo key.
        per_key = [[frozenset()] * len(doc)]  # rules that test nothing (``{}``) match every token
        if self.rules.keys:
            array = doc.to_array([IDS[k] for k in self.rules.keys]).reshape(len(doc), -1)
            for key, column in zip(self.rules.keys, array.T.tolist(), strict=True):
                memo = self._value_atoms[key]
                per_key.append([memo[v] if v in memo else self._learn_value(key, memo, v) for v in column])
        entries = self._entries
        found = [entries[k] if k in entries else self._learn_entry(k) for k in zip(*per_key, strict=True)]
        extra = self._multi_hits(found)
        for i, entry in enumerate(found):
            if i in extra:
                attrs = self._merge(sorted(set(entry.rules) | extra[i]))
            else:
                attrs = entry.attrs
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc

    def _multi_hits(self, found: list[Entry]) -> dict[int, set[int]]:
        """Token position -> rules of multi-token patterns whose match targets it."""
        extra: dict[int, set[int]] = {}
        n = len(found)
        for start, entry in enumerate(found):
            for p in entry.starts:
                specs, offset, rule = self.rules.multi[p]
                if start + len(specs) <= n and all(
                    spec <= found[start + j].holds for j, spec in enumerate(specs)
                ):
                    extra.setdefault(start + offset, set()).add(rule)
        return extra

    def _learn_value(self, key: str, memo: dict[int, frozenset[int]], value: int) -> frozenset[int]:
        """The atoms on ``key`` that hold for ``value``, remembered."""
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        holds = set()
        for i in self.rules.by_key[key]:
            _, pred, arg = self.rules.atoms[i]
            if pred == "==":
                ok = value == arg
            elif pred == "IN":
                ok = value in arg
            elif pred == "NOT_IN":
                ok = value not in arg
            else:
                ok = bool(self._regex[i].search(self.vocab.strings[value]))
            if ok:
                holds.add(i)
        memo[value] = result = frozenset(holds)
        return result

    def _learn_entry(self, key: tuple) -> Entry:
        holds = frozenset().union(*key)
        rules = tuple(sorted({r for spec, r in self.rules.single if spec <= holds}))
        starts = tuple(p for p, (specs, _, _) in enumerate(self.rules.multi) if specs[0] <= holds)
        if len(self._entries) >= MEMO_LIMIT:
            self._entries.clear()
        entry = self._entries[key] = Entry(self._merge(rules) or None, rules, holds, starts)
        return entry

    def _merge(self, rules: Any) -> dict:
        """The attributes of ``rules`` merged in rule order: a later rule's value wins, as in the
        stock ruler."""
        merged: dict = {}
        for r in rules:
            merged.update(self.rules.attrs[r])
        return merged


def make_fast_attribute_ruler(nlp: Any, name: str) -> FastAttributeRuler:
    """spaCy factory: compile the stock ruler already in ``nlp``'s pipeline."""
    rules = compile_rules(nlp.get_pipe(STOCK))
    if rules is None:
        raise Unsupported("the stock attribute_ruler uses features this component does not reproduce")
    return FastAttributeRuler(nlp.vocab, rules)


def use_fast_attribute_ruler(nlp: Any) -> bool:
    """Put the compiled component in the stock ruler's place; False (nothing changed) when it can't."""
    from spacy.language import Language

    if STOCK not in nlp.pipe_names or compile_rules(nlp.get_pipe(STOCK)) is None:
        return False
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, assigns=_ASSIGNS)(make_fast_attribute_ruler)
    nlp.add_pipe(FACTORY, after=STOCK)
    nlp.remove_pipe(STOCK)
    return True


# What the stock attribute_ruler may write (the union of what its rules set).
_ASSIGNS = ["token.tag", "token.pos", "token.morph", "token.lemma", "token.dep"]
