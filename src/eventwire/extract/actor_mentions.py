"""Which tokens head an actor mention, beyond a noun phrase's own head.

The parser and the entity recogniser miss some names: a person after a title that the recogniser
labels a work of art ("Defense Minister Rustem Umerov"), a name hung as a compound on a verb
("as President Donald Trump pushes ..."), a surname tagged as a common noun ("Trump has voiced
..."), and a named body that only modifies another noun ("a U.N. Security Council meeting",
"World Trade Organization dispute consultations"). These helpers find them; ``actors.py`` codes them.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..models import Actor
from ..nlp.lemmas import verb_lemmas
from ..nlp.loader import DEFAULT_MODEL, load_nlp
from ..nlp.pos import doc_lemma_lower
from .actor_lexicon import ActorPatterns, LexEntry
from .base import doc_ents, pos_of, sent_of
from .lexicon import doc_words

NAME_ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
# lexicon kinds that name a body (not a country, a capital or a people) and so stay an actor when
# they only modify another noun
BODY_KINDS = {"igo", "group", "org", "metonym", "in_name"}
# entity labels the recogniser gives names it did not take for a person or a body
STRAY_NAME_LABELS = {"", "WORK_OF_ART", "PRODUCT", "LAW", "EVENT", "PERSON", "ORG"}
# labels of a subject's name that may still be a person's ("Vassily Nebenzia told ...": WORK_OF_ART)
SUBJECT_NAME_LABELS = {"", "WORK_OF_ART", "PRODUCT", "LAW", "EVENT"}


def is_proper(head: Token) -> bool:
    """A proper noun, or a name the tagger took for a common noun ("Trump has voiced ...", tagged
    NOUN but recognised as a named entity)."""
    return pos_of(head) == "PROPN" or (head.ent_type_ in {"PERSON", "ORG"} and head.text[:1].isupper())


def stray_compound(token: Token) -> bool:
    """A name the parser hung as a compound on a verb ("as President Donald Trump pushes to ...",
    "Trump" a compound of "pushes"): no noun phrase of its own would ever be coded otherwise."""
    return pos_of(token.head) in {"VERB", "AUX"} and token.ent_type_ in NAME_ENTITY_LABELS


def named_modifier(token: Token, entry_at: dict[int, tuple[int, int, LexEntry]]) -> bool:
    """The last word of a named body that modifies another noun ("a U.N. Security Council meeting")."""
    hit = entry_at.get(token.i)
    return hit is not None and hit[1] - 1 == token.i and hit[2].kind in BODY_KINDS


def _is_title(token: Token, patterns: ActorPatterns) -> bool:
    """An office or a word for an unnamed person ("Minister", "spokesperson"), not a body
    ("Parliament Road" names no one)."""
    words = {token.lower_, token.lemma_.lower()}
    return bool(words & patterns.titles or words & patterns.anonymous)


def titled_name(
    head: Token, phrase: SpacySpan, patterns: ActorPatterns, place_label: bool = False
) -> str | None:
    """A person's name after a title word that the recogniser did not label a person: "Defense
    Minister Rustem Umerov", "foreign ministry spokesperson Randhir Jaiswal" -> the name. With
    ``place_label``, a name it took for a place too ("presidential adviser Mesut Casin": GPE), for a
    caller that knows no lexicon entry or resolved place lies under it."""
    labels = STRAY_NAME_LABELS | ({"GPE"} if place_label else set())
    if pos_of(head) != "PROPN" or head.ent_type_ not in labels or head.ent_type_ == "PERSON":
        return None
    name: list[Token] = []
    for token in reversed([t for t in phrase if t.i <= head.i]):
        if pos_of(token) != "PROPN" or not token.text[:1].isupper() or _is_title(token, patterns):
            if len(name) > 1 and _is_title(token, patterns):  # a first name and a surname at least
                return " ".join(t.text for t in reversed(name))
            return None
        name.append(token)
    return None


def _name_words(head: Token) -> list[Token] | None:
    """The two to four capitalised proper nouns a name ending at ``head`` is made of (its compounds
    and itself), else None: how a person's name looks when the recogniser did not tag it."""
    name = [head]
    while name[0].i > 0 and (prev := head.doc[name[0].i - 1]).dep_ == "compound" and prev.head.i == head.i:
        name.insert(0, prev)
    if not 2 <= len(name) <= 4 or not all(t.pos_ == "PROPN" and t.is_alpha and t.is_title for t in name):
        return None
    return name


def apposed_name(head: Token, patterns: ActorPatterns) -> str | None:
    """A person's name in apposition to a title that the recogniser took for a body or nothing
    ("Brazil's foreign minister, Helena Vasconcelos, said ..."): two to four capitalised words, none
    of them a title or a body's kind word, set off after an office."""
    if head.dep_ != "appos" or head.pos_ != "PROPN" or head.ent_type_ not in STRAY_NAME_LABELS - {"PERSON"}:
        return None
    if not _is_title(head.head, patterns) or head.head.pos_ != "NOUN":
        return None
    name = _name_words(head)
    if name is None:
        return None
    kinds = patterns.body_name_sector.keys() | patterns.sector_of.keys()
    if any(t.lower_ in kinds or _is_title(t, patterns) for t in name):
        return None  # "the spokesman, Foreign Ministry ...", "its director, Lakeside Institute"
    return " ".join(t.text for t in name)


def subject_name(head: Token) -> str | None:
    """A clause's subject of two to four capitalised words that the recogniser took for no person
    and no body ("Vassily Nebenzia told the council", labelled a work of art): a person's name."""
    if head.dep_ not in {"nsubj", "nsubjpass"} or pos_of(head) != "PROPN":
        return None
    if head.ent_type_ not in SUBJECT_NAME_LABELS:
        return None
    name = _name_words(head)
    return " ".join(t.text for t in name) if name else None


def whole_entity(head: Token, phrase: SpacySpan) -> SpacySpan:
    """The phrase stretched to the end of the named entity its head starts ("Voice" of "Voice of
    America", whose "of America" the parser hangs on the head as a complement)."""
    if head.ent_type_ not in {"ORG", "PERSON"}:
        return phrase
    ent = next((e for e in doc_ents(head.doc) if e.start <= head.i < e.end), None)
    if ent is None or ent.end <= phrase.end or ent.start < phrase.start:
        return phrase
    end = ent.end
    while end > head.i + 1 and head.doc[end - 1].dep_ == "case":
        end -= 1  # "Osama bin Laden's": the name without its possessive ending
    return head.doc[phrase.start : end]


def _title_word(token: Token, patterns: ActorPatterns) -> bool:
    """A noun that names an office or a role ("ambassador", "chief", "representative")."""
    words = {token.lower_, token.lemma_.lower()}
    return token.pos_ == "NOUN" and bool(words & (patterns.titles | patterns.anonymous | patterns.generic))


def _phrase_top(token: Token) -> Token:
    """The noun a prepositional phrase hangs from: "chief" for "staff" in "army chief of staff"."""
    while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ == "NOUN":
        token = token.head.head
    return token


def _name_start(head: Token) -> int:
    """The first token of the person's name that ends at ``head``."""
    start = head.i
    while start > 0 and head.doc[start - 1].ent_type_ == "PERSON" and head.doc[start - 1].pos_ == "PROPN":
        start -= 1
    return start


def person_titles(head: Token, patterns: ActorPatterns) -> list[Token]:
    """The office nouns a person's name stands beside, which may say whose office it is:
    the noun it is in apposition to ("Kenya's envoy, Jane Doe"), its own appositive ("Jane Doe,
    Kenya's envoy"), a title phrase just before the name that the parser left apart ("Ruritania's
    army chief of staff Jane Doe"), and a title the parser took for a conjunct ("the spokesperson
    for the ministry, Ambassador Jane Doe", with no "and" or "or" between)."""
    found: list[Token] = []
    parent = head.head
    if head.dep_ == "appos" or (
        head.dep_ == "conj" and not any(c.dep_ == "cc" for c in [*parent.children, *head.children])
    ):
        found.append(_phrase_top(parent))  # "the envoy for Libya, X": the parser hangs X on "Libya"
    found += [c for c in head.rights if c.dep_ == "appos"]
    if (name_start := _name_start(head)) > 0:
        before = head.doc[name_start - 1]
        if before.pos_ == "NOUN" and before.head.i != head.i:
            found.append(_phrase_top(before))
    return [t for t in found if t.i != head.i and t.ent_type_ != "PERSON" and _title_word(t, patterns)]


def title_holders(title: Token) -> list[Token]:
    """Whose office a title is: the title itself ("Kenya's envoy"), then its possessor ("Ontario's
    premier") and the body after "of"/"for" ("the spokesperson for the ministry")."""
    found = [title, *(c for c in title.children if c.dep_ == "poss" and c.pos_ == "PROPN")]
    preps = doc_words(title.doc, "office_holder_preps")
    for prep in (c for c in title.rights if c.dep_ == "prep" and c.lower_ in preps):
        found += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
    return found


def named_after_title(head: Token, by_head: dict[int, Actor], titles: frozenset[str]) -> Actor | None:
    """The unnamed office holder a person is first named after: the subject of the sentence just
    before, when the person is the subject of this one ("Ruritania's U.N. ambassador told reporters
    ... / Jane Doe blamed ..."), the news style that names the holder once the office is given."""
    if head.dep_ not in {"nsubj", "nsubjpass"} or head.sent.start == 0:
        return None
    first = head.doc[head.sent.start - 1].sent.start
    for i, actor in by_head.items():
        token = head.doc[i]
        if (
            first <= i < head.sent.start
            and token.dep_ in {"nsubj", "nsubjpass"}
            and token.tag_ == "NN"
            and not actor.person
            and actor.country
            and {token.lower_, token.lemma_.lower()} & titles
        ):
            return actor
    return None


def described_as(head: Token) -> list[Token]:
    """What a name is said to be: "X is the director of Y", "X, who served as the special envoy":
    the predicate says as much as an apposition would."""
    verbs = doc_words(head.doc, "copula_verbs")
    clauses = [c for c in head.rights if c.dep_ == "relcl" and c.lemma_.lower() in verbs]
    if head.dep_ == "nsubj" and head.head.lemma_.lower() in verbs and head.head.i > head.i:
        clauses.append(head.head)
    found: list[Token] = []
    for clause in clauses:
        for child in clause.rights:
            if child.dep_ == "attr":
                found.extend(child.subtree)
            elif child.dep_ == "prep" and child.lower_ == "as":
                found.extend(t for t in child.subtree if t.i != child.i)
    return found


def others_of(head: Token) -> bool:
    """ "Ukraine's partners", "its rivals": others than the possessor, who the phrase does not say.
    A group of states ("its allies") is an actor of its own all the same: governments of no one
    country (see state_group), never the possessor's."""
    return relational(head) and any(c.dep_ == "poss" for c in head.children) and not state_group(head)


def clause_opener(token: Token) -> bool:
    """A sentence's first word that opens a clause, not the phrase the parser hung it on: a
    participle tagged as a name ("Underlining India's concerns, ...": the phrase is "India") or an
    adverb on a noun ("Previously foreign nationals resident in Italy ...")."""
    if not token.text[:1].isupper() or token.i != sent_of(token).start:  # sent_of: Token.sent walks the Doc
        return False
    if token.pos_ == "ADV":
        return token.head.pos_ == "NOUN"
    word = token.lower_
    return token.pos_ in {"PROPN", "NOUN"} and word.endswith("ing") and _verb_stem(word[:-3], token)


def _verb_stem(stem: str, token: Token) -> bool:
    """The stem of an "-ing" form is a verb's lemma ("underlin" -> "underline", "cit" -> "cite",
    "stopp" -> "stop"), by the stock lemmatizer's list of verbs; "Beijing", "Sterling" are none."""
    forms = {stem, stem + "e"}
    if stem[-1:] == stem[-2:-1]:
        forms.add(stem[:-1])  # a doubled consonant
    return len(stem) > 1 and bool(forms & _verb_lemmas(token))


def _verb_lemmas(token: Token) -> frozenset[str]:
    """The verb list of the pipeline that parsed the token's document; a Doc from elsewhere (built
    by hand on another vocab) reads the default pipeline's. Never loads a second pipeline for a
    parsed document: the pipeline caches by its arguments, so ``load_nlp()`` is not the pipeline's
    own ``load_nlp(options.model)``."""
    verbs = verb_lemmas(token.doc.vocab)
    if verbs is None:
        verbs = verb_lemmas(load_nlp(DEFAULT_MODEL).vocab)
    return verbs or frozenset()


def no_actor_noun(head: Token) -> bool:
    """A noun that names no actor whatever its words' sectors say: a piece of a sea's or a river's
    name, a struggle rather than the people in it. (An institution named as a place, "freed from
    prison", stays an actor until the event roles give such a release its freed person without
    it: dropping it lost the held-out story's only argument of "after being freed from prison".)"""
    if head.lemma_.lower() in doc_words(head.doc, "abstract_agent_nouns"):
        return True  # "fighting a deadly insurgency against the state"
    return (
        _feature_name(head) or _office_name_part(head) or _states_named_before(head) or _bare_group_name(head)
    )


def _bare_group_name(head: Token) -> bool:
    """ "Moved further West": a group of states named by a proper noun alone is one only with its
    article ("the West"); without it the word is a direction. A longer name ("United Nations") is
    another body's."""
    if head.tag_ != "NNP" or not state_group(head):  # "Alliance of Democracies": a plural is a name's
        return False
    return not any(c.dep_ in GROUP_NAME_DEPS for c in head.children)


# links a proper noun's article or name words hang by ("the West", "United Nations")
GROUP_NAME_DEPS = {"det", "compound", "amod", "nmod", "poss"}


def state_group(head: Token) -> bool:
    """ "Western nations", "donors", "other countries": several states acting together, which are of
    no one state's country unless their own words say so ("European countries")."""
    return head.lower_ in doc_words(head.doc, "state_group_nouns")


def relational(head: Token) -> bool:
    """ "allies", "partners", "rivals": a noun for others a possessor is related to."""
    return head.lemma_.lower() in doc_words(head.doc, "relational_nouns")


def others_named(head: Token) -> bool:
    """ "Russia's allies", "the allies of Tehran": the state the phrase names is the one the group
    stands by, not one of the group, so its country is none of theirs."""
    if any(c.dep_ == "poss" for c in head.children):
        return True
    return relational(head) and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)


def _states_named_before(head: Token) -> bool:
    """ "Both countries", "the two nations": the states the sentence has just named, not a group of
    others ("Western nations", "35 countries", "the 27 nations of the bloc" are one)."""
    if not state_group(head):
        return False
    if any(c.dep_ == "prep" for c in head.children):
        return False  # "the 27 nations of the bloc": its members
    words = {c.lower_ for c in head.children if c.dep_ in {"det", "predet", "amod"}}
    if words & doc_words(head.doc, "named_group_words"):
        return True
    numbered = any(c.dep_ == "nummod" for c in head.children)
    return numbered and bool(words & doc_words(head.doc, "named_group_determiners"))


def _office_name_part(head: Token) -> bool:
    """ "State" of "Secretary of State" or "heads of state": a word of an office's name."""
    if head.dep_ != "pobj" or head.lower_ not in doc_words(head.doc, "office_of_objects"):
        return False
    prep = head.head
    return prep.lower_ == "of" and prep.head.lemma_.lower() in doc_words(head.doc, "office_of_heads")


def _feature_name(head: Token) -> bool:
    """A name that is part of a geographic feature's: "South China" of "the South China Sea",
    "Japan" of "the Sea of Japan"."""
    features = doc_words(head.doc, "feature_nouns")
    lemmas = doc_lemma_lower(head.doc)
    if head.i + 1 < len(lemmas) and lemmas[head.i + 1] in features:
        return True
    if head.dep_ != "pobj":
        return False
    prep = head.head  # a new Token: built only for an object of a preposition
    return prep.lower_ == "of" and prep.head.lemma_.lower() in features and prep.head.text[:1].isupper()
