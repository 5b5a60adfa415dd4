"""Quotes and who said them: direct quotations, their continuations, and indirect reported speech.

How a quote is found:

1. Quotation-mark spans (``quote_spans``) are candidates. One is speech when a cue verb from
   ``data/reporting_verbs.yaml`` governs it or stands right beside it (``quote_cues``); a
   quotation of four words or more with a verb and no cue of its own is speech too when it follows
   another quote (a continuation: it inherits that speaker) or a cue sentence ("Trump said:").
   Shorter quotations without a cue beside them are scare quotes or titles, and are skipped,
   except (``quote_cues.label_quote``) a quoted label the subject gives ("called X “Y”",
   "described X as “Y”": a mixed quote of object and label, ``direct=False``) or the whole quoted
   object of a speech verb ("chanted “U-S-A!”", direct). A passive ("is described as “ironclad”")
   or a quoted modifier ("a very “direct” manner") has no speaker and stays out.
   "“X,” he said, “Y”" is one utterance: the second half gets no cue of its own (a continuation).
   Layouts name speakers without a verb: transcript turns ("PENCE: …", ``quote_spans``), "“…” ―
   Name" and "Name, 34: “…”".
2. Indirect quotes are the complements of cue verbs ("X said that Y"), the clauses that parenthetical
   cues hang from ("Y, sources said") and "according to X" clauses; they get ``direct=False``.
   When an indirect quote mostly consists of a quotation, the direct quote stands instead; when
   a short quotation sits inside a longer reported clause, the clause is the quote.
3. Speakers are resolved in text order (``quote_speakers``): pronouns and back references ("the
   official", "this person") take the latest fitting earlier speaker.

Offsets: ``start``/``end`` cover the quoted words (marks excluded; for indirect quotes the reported
clause). ``speaker_start``/``speaker_end`` cover the LOCAL speaker mention (the subject of the cue,
e.g. "this person"), while ``speaker_text`` is the speaker at its fullest mention ("a senior
administration official"); a continuation quote points at its predecessor's speaker mention.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..models import Actor, Quote
from .actors import code_actor_span
from .base import Context, component, doc_text
from .quote_cues import Cue, direct_cue, indirect_quotes, label_quote, previous_sentence_cue
from .quote_lexicon import QuoteLexicon, load_quote_lexicon
from .quote_spans import QuoteSpan, byline_name, find_quote_spans, transcript_turns, word_count
from .quote_speakers import Speaker, SpeakerMemory

MIN_UNCUED_WORDS = 4  # a quotation without a cue beside it must be at least a short clause


@dataclass
class Candidate:
    """A quote before its speaker is resolved."""

    start: int  # character offsets of the quoted words / reported clause
    end: int
    direct: bool
    paragraph: int
    cue: Cue | None = None
    continuation: bool = False  # no cue: the speaker carries over from the quote before
    named: tuple[int, int] | None = None  # a speaker named by the layout ("PENCE: …", "“…” ― Name")


@component("quotes", order=60, version="0.3", requires=("actors", "actor_index"), assigns=("quotes",))
def find_quotes(ctx: Context) -> None:
    lex = load_quote_lexicon(tuple(ctx.options.lexicon_dirs))
    candidates = _candidates(ctx.doc, ctx.article.text, lex)
    ctx.result.quotes = _resolve(ctx, candidates, lex)


def _candidates(doc: Doc, text: str, lex: QuoteLexicon) -> list[Candidate]:
    spans = find_quote_spans(text)
    outers = [doc.char_span(s.open_mark, s.outer_end, alignment_mode="expand") for s in spans]
    blocked = {i for outer in outers if outer is not None for i in range(outer.start, outer.end)}
    direct = _turns(doc, text)
    for span, outer in zip(spans, outers, strict=True):
        if any(span.start < t.end and t.start < span.end for t in direct):
            continue  # a quotation inside a transcript turn
        cand = _byline(doc, text, span)
        cand = cand or _direct(doc, span, outer, blocked, lex)
        if cand is None and direct and _second_half(doc, direct[-1], span):
            cand = Candidate(span.start, span.end, True, span.paragraph)
        if cand is None and outer is not None:
            cand = _label(doc, span, outer, blocked, lex)
            if cand is not None and direct and _overlaps(direct[-1], cand):
                direct[-1].start, direct[-1].end = (
                    min(direct[-1].start, cand.start),
                    max(direct[-1].end, cand.end),
                )
                direct[-1].direct = direct[-1].direct and cand.direct
                continue  # a second quoted label of the same object ("a “liar” and a “bully”")
        if cand is not None and direct and _shares_cue(direct[-1], cand):
            cand.cue = None  # "“X,” he said, “Y”": one utterance split around its cue
        if cand is not None:
            direct.append(cand)
    indirect = []
    for item in indirect_quotes(doc, lex, set()):
        clause = doc[item.start : item.end]
        paragraph = text.count("\n", 0, clause.start_char)
        indirect.append(Candidate(clause.start_char, clause.end_char, False, paragraph, item.cue))
    return _merge(direct, indirect, text)


def _named(doc: Doc, start: int, end: int) -> bool:
    """A layout label names a person: a proper noun, or a surname the article also names a person by."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if any(t.ent_type_ == "PERSON" for t in span):
        return True
    last = span[-1].lower_
    return span[-1].is_upper and any(t.ent_type_ == "PERSON" and t.lower_ == last for t in doc)


def _turns(doc: Doc, text: str) -> list[Candidate]:
    """Interview transcript turns ("PENCE: Well, look, …") whose label names a person or recurs."""
    turns = transcript_turns(text)
    labels = Counter(text[slice(*t.label)] for t in turns)
    return [
        Candidate(t.content[0], t.content[1], True, t.paragraph, named=t.label)
        for t in turns
        if labels[text[slice(*t.label)]] > 1 or _named(doc, *t.label)
    ]


def _byline(doc: Doc, text: str, span: QuoteSpan) -> Candidate | None:
    """A quotation whose paragraph names its speaker ("Maria Lopez, 34: “…”", "“…” ― Oscar Quintero")."""
    name = byline_name(text, span)
    if name is None or not _named(doc, *name):
        return None
    return Candidate(span.start, span.end, True, span.paragraph, named=name)


def _direct(
    doc: Doc, span: QuoteSpan, outer: Span | None, blocked: set[int], lex: QuoteLexicon
) -> Candidate | None:
    quoted = doc.char_span(span.start, span.end, alignment_mode="expand")
    if outer is None or quoted is None:
        return None
    cue = direct_cue(doc, quoted, outer, blocked, lex)
    words = word_count(doc_text(doc)[span.start : span.end])
    clause_like = words >= MIN_UNCUED_WORDS and any(t.pos_ in ("VERB", "AUX") for t in quoted)
    if cue is not None and (cue.linked and clause_like or _stands_alone(doc, span, outer, cue)):
        return Candidate(span.start, span.end, True, span.paragraph, cue)
    if clause_like:
        return Candidate(span.start, span.end, True, span.paragraph)
    return None


def _label(doc: Doc, span: QuoteSpan, outer: Span, blocked: set[int], lex: QuoteLexicon) -> Candidate | None:
    """A quoted label or quoted object (``label_quote``): a direct quote when the quotation is the
    whole content, else a mixed quote (object and label, marks kept) with ``direct=False``."""
    quoted = doc.char_span(span.start, span.end, alignment_mode="expand")
    found = label_quote(quoted, outer, blocked, lex) if quoted is not None else None
    if found is None:
        return None
    content = doc[found.start : found.end]
    text = doc_text(doc)
    own = word_count(
        text[content.start_char : span.open_mark] + " " + text[span.outer_end : content.end_char]
    )
    if own == 0:
        return Candidate(span.start, span.end, True, span.paragraph, found.cue)
    return Candidate(content.start_char, content.end_char, False, span.paragraph, found.cue)


def _second_half(doc: Doc, first: Candidate, span: QuoteSpan) -> bool:
    """A short quotation right after a cue that split the utterance ("“X,” she said. “Y.”")."""
    if first.cue is None or first.paragraph != span.paragraph:
        return False
    cue_at = first.cue.token.idx
    return first.end < cue_at < span.open_mark and span.open_mark - cue_at < 80


def _shares_cue(first: Candidate, second: Candidate) -> bool:
    return (
        first.cue is not None
        and second.cue is not None
        and first.paragraph == second.paragraph
        and first.cue.token.i == second.cue.token.i
    )


def _stands_alone(doc: Doc, span: QuoteSpan, outer: Span, cue: Cue) -> bool:
    """A short quotation is speech only when it is the whole reported utterance ("“No,” he said")."""
    text = doc_text(doc)
    if cue.token.i >= outer.end:
        if span.close_mark is None:
            return False
        inside_end = text[span.close_mark - 1 : span.close_mark]
        after = text[span.close_mark + 1 : span.close_mark + 2]
        return inside_end in (",", "!", "?") or after in (",", "!", "?")
    before = text[: span.open_mark].rstrip()[-1:]
    return before in (":", ",")


def _merge(direct: list[Candidate], indirect: list[Candidate], text: str) -> list[Candidate]:
    """Reconcile quotations with the reported clauses around them, then sort by position.

    A clause that is only its quotation leaves the quotation standing (lending it its cue); a clause
    with words of its own around a quotation ("With X, “Y,” he said") is a mixed quote and replaces
    the quotation, as an indirect quote whose text keeps the marks.
    """
    kept_indirect = []
    dropped: set[int] = set()
    direct_cues = {d.cue.token.i for d in direct if d.cue is not None}
    for clause in indirect:
        _absorb_tails(clause, direct, text)
        inside = [i for i, d in enumerate(direct) if clause.start <= d.start and d.end <= clause.end]
        if any(_overlaps(clause, d) for i, d in enumerate(direct) if i not in inside):
            continue  # a reported clause cutting through a quotation is a misparse
        if not inside and clause.cue is not None and clause.cue.token.i in direct_cues:
            continue
        if inside and _own_words(clause, [direct[i] for i in inside], text) == 0:
            for i in inside:
                if direct[i].cue is None and (clause.cue is None or clause.cue.token.i not in direct_cues):
                    direct[i].cue = clause.cue  # (not the cue of a split utterance's first half)
            continue
        dropped.update(inside)
        kept_indirect.append(clause)
    kept = [d for i, d in enumerate(direct) if i not in dropped] + kept_indirect
    return sorted(kept, key=lambda c: c.start)


def _absorb_tails(clause: Candidate, direct: list[Candidate], text: str) -> None:
    """Stretch a reported clause over the wordless tail of a quotation it ends in (“… economy.”)."""
    for d in direct:
        if clause.start <= d.start < clause.end < d.end and word_count(text[clause.end : d.end]) == 0:
            clause.end = d.end


def _own_words(clause: Candidate, quotations: list[Candidate], text: str) -> int:
    """Words of a reported clause outside the quotations it contains."""
    pieces, at = [], clause.start
    for q in sorted(quotations, key=lambda q: q.start):
        pieces.append(text[at : q.start])
        at = q.end
    pieces.append(text[at : clause.end])
    return word_count(" ".join(pieces))


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _resolve(ctx: Context, candidates: list[Candidate], lex: QuoteLexicon) -> list[Quote]:
    doc, text = ctx.doc, ctx.article.text
    memory = SpeakerMemory(lex, doc)
    outer_tokens = {i for c in candidates if c.direct for i in _token_range(doc, c)}
    quotes: list[Quote] = []
    previous: tuple[Candidate, Speaker | None] | None = None
    for cand in candidates:
        speaker: Speaker | None = None
        named = doc.char_span(*cand.named, alignment_mode="expand") if cand.named else None
        if named is not None:
            speaker = memory.resolve(named.root, outer_tokens, mention=named)
        elif cand.cue is None and previous is not None and cand.paragraph - previous[0].paragraph <= 1:
            cand.continuation = True
            speaker = previous[1]
        else:
            if cand.cue is None:
                outer = doc.char_span(cand.start, cand.end, alignment_mode="expand")
                cand.cue = previous_sentence_cue(doc, outer, lex) if outer is not None else None
            if cand.cue is not None and cand.cue.subject is not None:
                speaker = memory.resolve(cand.cue.subject, outer_tokens)
        quotes.append(_quote(ctx, text, cand, speaker, lex))
        previous = (cand, speaker)
    return quotes


def _token_range(doc: Doc, cand: Candidate) -> range:
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _quote(ctx: Context, text: str, cand: Candidate, speaker: Speaker | None, lex: QuoteLexicon) -> Quote:
    cue = None if cand.continuation or cand.cue is None else cand.cue
    mention = speaker.mention if speaker is not None else None
    return Quote(
        text=text[cand.start : cand.end],
        start=cand.start,
        end=cand.end,
        speaker_text=speaker.text if speaker is not None else None,
        speaker=_speaker_actor(ctx, speaker) if speaker is not None else None,
        cue=cue.text if cue is not None else None,
        addressee=_addressee(cue.token, lex) if cue is not None else None,
        anonymous=speaker.anonymous if speaker is not None else False,
        direct=cand.direct,
        speaker_start=mention.start_char if mention is not None else None,
        speaker_end=mention.end_char if mention is not None else None,
    )


def _addressee(verb: Token, lex: QuoteLexicon) -> str | None:
    """Whom the speaker addressed: "told reporters", "said to the crowd"."""
    object_is_addressee = verb.lemma_.lower() in lex.addressee_object_verbs
    for child in verb.children:
        if child.dep_ == "dative" or (child.dep_ == "dobj" and object_is_addressee):
            return child.doc[child.left_edge.i : child.right_edge.i + 1].text
        if child.dep_ == "prep" and child.lower_ in lex.addressee_preps:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return child.doc[pobj.left_edge.i : pobj.right_edge.i + 1].text
    return None


def _speaker_actor(ctx: Context, speaker: Speaker) -> Actor | None:
    """The actor covering the speaker (its fullest mention first), from the actors component."""
    mentions = [speaker.mention]
    origin = speaker.resolved_from
    while origin is not None:
        mentions.insert(0, origin.mention)
        origin = origin.resolved_from
    for mention in mentions:
        for actor in ctx.result.actors:
            if actor.start < mention.end_char and mention.start_char < actor.end:
                return actor
    for mention in mentions:
        actor = code_actor_span(ctx, mention)
        if actor is not None:
            return actor
    return None
