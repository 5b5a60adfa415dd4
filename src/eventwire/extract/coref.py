"""Coreference: pronouns and definite descriptions that point back to an earlier actor of the story.

"He said", "the group claimed", "its forces": such a mention is coded as the nearest compatible
actor before it (a person for "he"/"she", a group or state for "it"/"they"), with
``country_reason = "coreference"``. A mention never reaches back across a paragraph the cleaner
dropped as noise (an advertisement or a "Read more" line between two paragraphs is no part of the
story's thread), and never forward.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.tokens import Token

from ..models import Actor, Article
from .base import Context, derived, pos_of, span_root
from .gazetteer import without_accents
from .lexicon import words_for


def crosses_noise(article: Article, start: int, end: int) -> bool:
    """Whether a dropped (noise) paragraph lies between the kept paragraphs holding two offsets."""
    first = last = None
    for para in article.paragraphs:
        if not para.kept or para.start is None:
            continue
        if para.start <= start <= (para.end or para.start) and first is None:
            first = para.index
        if para.start <= end <= (para.end or para.start):
            last = para.index
    if first is None or last is None or last <= first + 1:
        return False
    return any(not p.kept for p in article.paragraphs if first < p.index < last)


def reachable(ctx: Context, earlier: Actor, offset: int) -> bool:
    """An earlier actor a mention at ``offset`` may refer back to: before it, no noise between."""
    return earlier.start < offset and not crosses_noise(ctx.article, earlier.start, offset)


def is_pronoun_mention(ctx: Context, token: Token) -> bool:
    """A personal ("he", "his") or collective ("they", "its") pronoun that may stand for an actor."""
    if pos_of(token) != "PRON":
        return False  # asked of every token of the story: the tag first
    word = token.lower_
    return word in words_for(ctx, "personal_pronouns") or word in words_for(ctx, "collective_pronouns")


def pronoun_antecedent(
    ctx: Context,
    token: Token,
    earlier: Iterable[Actor],
    reporter: Actor | None = None,
    reporter_personal: bool = False,
) -> Actor | None:
    """The actor a pronoun stands for: the reporting subject ("The ministry said it had ...") when it
    fits, else the nearest earlier compatible actor (a person for "he", a named group or state for
    "they"/"it"; "it" is never a plural phrase), never across a dropped paragraph. An unnamed office
    holder ("The army chief said his forces ...") is a person to "he" when ``reporter_personal``."""
    pronouns = words_for(ctx, "personal_pronouns")  # once, not once per earlier actor
    personal = token.lower_ in pronouns
    as_person = bool(reporter.person) or reporter_personal if reporter is not None else False
    if reporter is not None and as_person == personal and reachable(ctx, reporter, token.idx):
        return reporter
    singular = token.lower_ in {"it", "its"}
    best = None
    for actor in earlier:
        if actor.start >= token.idx:
            break
        if not actor.country or bool(actor.person) != personal or actor.anonymous:
            continue
        if not personal and actor.text.lower() in pronouns:
            continue  # "he" standing for an untitled office holder is no "it"
        if singular and _plural(ctx, actor):
            continue  # "it" is not "two coast guard ships"
        best = actor
    if best is None or crosses_noise(ctx.article, best.start, token.idx):
        return None
    return best


def is_pronoun_actor(ctx: Context, actor: Actor) -> bool:
    """A pronoun's own mention (``mention_of``), as opposed to a named or described actor."""
    if actor.country_reason != "coreference":  # most actors: called for every actor of every event
        return False
    word = actor.text.lower()
    return word in words_for(ctx, "personal_pronouns") or word in words_for(ctx, "collective_pronouns")


def named_actors(ctx: Context) -> tuple[Actor, ...]:
    """The document's actors that are no pronoun mention, once per list of actors (every event's
    role choice and every pronoun asks for them)."""
    actors = ctx.result.actors
    return derived(
        ctx.doc, "named_actors", actors, lambda: tuple(a for a in actors if not is_pronoun_actor(ctx, a))
    )


def mention_of(antecedent: Actor, token: Token) -> Actor:
    """The pronoun's own mention, coded as its antecedent (same name, codes and canonical actor)."""
    return replace(
        antecedent,
        text=token.text,
        start=token.idx,
        end=token.idx + len(token.text),
        country_reason="coreference",
        id=None,
    )


def _plural(ctx: Context, actor: Actor) -> bool:
    root = span_root(ctx.doc, actor.start, actor.end)  # asked for every earlier actor of every "it"
    return root is not None and root.tag_ == "NNS"


def reporting_subject_token(token: Token) -> Token | None:
    """The subject of the verb whose reported clause the pronoun is the subject of, or the possessor
    of that clause's subject ("The Department of Foreign Affairs said it had summoned ...", "The army
    chief said his forces had killed ...")."""
    if token.dep_ == "poss" and token.head.dep_ in {"nsubj", "nsubjpass"}:
        token = token.head  # "his forces had killed": the clause's subject is the pronoun's
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = token.head
    if clause.dep_ != "ccomp" or clause.head.pos_ not in {"VERB", "AUX"}:
        return None
    subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return None if subj is None or subj.pos_ == "PRON" else subj


def reporting_subject(token: Token, actor_of: Callable[[Token], Actor | None]) -> Actor | None:
    """The actor of ``reporting_subject_token``, when it has a country ("it" is no plural subject)."""
    subj = reporting_subject_token(token)
    if subj is None:
        return None
    actor = actor_of(subj)
    if actor is None or not actor.country or (token.lower_ in {"it", "its"} and subj.tag_ == "NNS"):
        return None
    return actor


COREFERENT_SECTORS = {"REB", "OPP", "CRM", "NGO", "UAF", "PTY", "IMG"}  # what "the group" may be
MAX_COREF_SENTENCES = 3
SENT_STARTS_KEY = "eventwire_sent_starts"


def description_antecedent(
    ctx: Context, head: Token, by_head: dict[int, Actor], sector: str | None
) -> Actor | None:
    """ "The group", "the rebels", "the ministry", "the judges": the nearest earlier actor of the
    description's sector (a non-state one for "the group") within the last few sentences, the
    nearest earlier subject first ("The Malian junta expelled the French ambassador. The ministry
    said ..." is the junta's ministry); never across a dropped paragraph."""
    first_sentence = max(0, _sentence_number(head) - MAX_COREF_SENTENCES)
    earlier = [
        a
        for i, a in _earlier_coded(ctx, head, by_head, head.i)
        if _sentence_number(head.doc[i]) >= first_sentence
    ]
    sector = None if sector == "UNK" else sector
    subjects = {a.start for i, a in by_head.items() if head.doc[i].dep_ in {"nsubj", "nsubjpass"}}
    for actor in sorted(earlier, key=lambda a: (a.start not in subjects, -a.start)):
        if (sector is not None and actor.sector == sector) or (
            sector is None and actor.sector in COREFERENT_SECTORS
        ):
            return actor
    return None


def _sentence_number(token: Token) -> int:
    """Index of the token's sentence; the sentence starts are listed once per Doc."""
    starts = token.doc.user_data.get(SENT_STARTS_KEY)
    if starts is None:
        starts = token.doc.user_data[SENT_STARTS_KEY] = [s.start for s in token.doc.sents]
    return bisect.bisect_right(starts, token.i) - 1


def same_noun_antecedent(ctx: Context, head: Token, by_head: dict[int, Actor]) -> Actor | None:
    """ "The council" after "the U.N. Security Council": the nearest earlier actor whose head is the
    description's noun and whose words hold the description's other words before its head ("the
    security council" is that council too, "the city council" is not), never across a dropped
    paragraph. The same noun names the same body however far back the story named it in full."""
    word = head.lemma_.lower()
    modifiers = {c.lower_ for c in head.lefts if c.dep_ in {"compound", "amod", "nmod"}}
    for i, actor in sorted(_earlier_coded(ctx, head, by_head, head.left_edge.i), reverse=True):
        if head.doc[i].lemma_.lower() == word and modifiers <= {w.lower() for w in actor.text.split()}:
            return actor
    return None


def _earlier_coded(
    ctx: Context, head: Token, by_head: dict[int, Actor], before: int
) -> list[tuple[int, Actor]]:
    """The actors a definite description may stand for: headed before token ``before``, with a
    country, and reachable from the description (no dropped paragraph between). Both kinds of
    description walk back over these; they differ only in which one they take."""
    return [(i, a) for i, a in by_head.items() if i < before and a.country and reachable(ctx, a, head.idx)]


def plain_name(name: str) -> str:
    """A name in lower case with its accents dropped: "Moïse" and "Moise" are one name, as a story's
    transliterations vary from one mention to the next."""
    return without_accents(name.lower())


def person_key(person: str) -> str:
    """A person's surname as later mentions write it (see plain_name)."""
    return plain_name(person.split()[-1] if person.split() else person)


def share_stated_countries(actors: list[Actor], guessed: set[str], said: set[str]) -> list[Actor]:
    """Give every mention of a person that only the story's context coded (a ``guessed`` reason) the
    country another mention of them states (a ``said`` reason: "Khalid Doe ... Doe, who is
    Ruritanian, said"): a nationality said anywhere in the story holds for the whole of it. Only
    when the stated mentions agree on one country; returns the mentions changed (now coreference)."""
    stated: dict[str, set[str]] = {}
    for actor in actors:
        if actor.person and actor.country and actor.country_reason in said:
            stated.setdefault(person_key(actor.person), set()).add(actor.country)
    changed = []
    for actor in actors:
        if not actor.person or actor.country_reason not in guessed:
            continue
        countries = stated.get(person_key(actor.person), set())
        if len(countries) == 1 and (country := next(iter(countries))) != actor.country:
            actor.country, actor.country_reason = country, "coreference"
            changed.append(actor)
    return changed
