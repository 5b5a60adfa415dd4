"""Quotation-mark spans in the cleaned text: pure string work, no parse needed.

Each paragraph (a line of ``Article.text``) is scanned for opening and closing marks. Curly marks
(“ ”, « », „) say which side they are on; straight double quotes (") are paired in order, with the
surrounding characters as a tie-break. A quotation still open at the end of its paragraph runs to the
paragraph end: news style opens every paragraph of a long quotation and closes only the last one.
Single quotes are ignored: they are mostly apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
_MARK = re.compile(r'[“”«»„"]')
# Punctuation that belongs to the framing sentence, not the quoted words ("“X,” she said").
_TRAILING = " ,;:\u2014\u2013-"


@dataclass
class QuoteSpan:
    """The quoted words between two marks (marks excluded) in ``Article.text``."""

    start: int  # first character of the quoted words
    end: int  # one past the last quoted character kept
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the quotation runs to paragraph end
    paragraph: int  # 0-based index of the line in Article.text

    @property
    def outer_end(self) -> int:
        """One past the closing mark (or the quoted text end when unclosed)."""
        return self.close_mark + 1 if self.close_mark is not None else self.end


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, in order; paragraphs are the lines of ``text``."""
    spans: list[QuoteSpan] = []
    offset = 0
    left_open = False  # the previous paragraph ended inside a quotation
    for index, line in enumerate(text.split("\n")):
        found = _line_spans(line, offset, index, left_open)
        spans.extend(found)
        left_open = bool(found) and found[-1].close_mark is None
        offset += len(line) + 1
    return spans


def _line_spans(line: str, offset: int, paragraph: int, continued: bool = False) -> list[QuoteSpan]:
    """``continued``: the paragraph before left a quotation open. A paragraph whose first mark closes
    then carries on the quotation from its start ("But if they take negative toward us, then we will
    retaliate.\""): the text lost the opening mark of the quotation's later paragraphs."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_char = ""
    for n, match in enumerate(_MARK.finditer(line)):
        pos, char = match.start(), match.group()
        if n == 0 and continued and char in CLOSING + STRAIGHT and not _looks_opening(line, pos):
            _add(spans, line, offset, paragraph, -1, pos)  # no mark opens it: from the paragraph start
            continue
        if open_at is None:
            # A closing curly mark at a paragraph or word start is a misused opening mark.
            if char in OPENING or (char in CLOSING + STRAIGHT and _looks_opening(line, pos)):
                open_at, open_char = pos, char
            continue
        if char in CLOSING or (char == STRAIGHT and open_char == STRAIGHT):
            _add(spans, line, offset, paragraph, open_at, pos)
            open_at = None
        elif char in OPENING or char == STRAIGHT:
            # An opening mark while one is open: the first was never closed (a typo); restart here.
            open_at, open_char = pos, char
    if open_at is not None:
        _add(spans, line, offset, paragraph, open_at, None)
    return spans


def _looks_opening(line: str, pos: int) -> bool:
    """A mark opens when a word follows it; a curly closing mark only at the start of a word."""
    after = line[pos + 1 : pos + 2]
    before = line[pos - 1 : pos] if pos else " "
    opens_word = bool(after) and not after.isspace() and after not in ",.;:!?)"
    return opens_word and (line[pos] == STRAIGHT or before.isspace() or before in "(\u2014-")


def _add(
    spans: list[QuoteSpan], line: str, offset: int, paragraph: int, open_at: int, close_at: int | None
) -> None:
    inner_start, inner_end = open_at + 1, close_at if close_at is not None else len(line)
    while inner_start < inner_end and line[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and line[inner_end - 1] in _TRAILING:
        inner_end -= 1
    if inner_end <= inner_start:
        return
    spans.append(
        QuoteSpan(
            start=offset + inner_start,
            end=offset + inner_end,
            open_mark=offset + max(open_at, 0),
            close_mark=offset + close_at if close_at is not None else None,
            paragraph=paragraph,
        )
    )


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)?", text))


# --- layouts that name the speaker without a verb ---------------------------------------------

_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
# "PENCE: Well, look, ..." (an interview transcript turn; the paragraph may open with a mark)
_TURN = re.compile(r"^[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+(?=\S)")
# "“…” ― Oscar P. Quintero" (a dash byline after the quotation closes its paragraph)
_BYLINE_AFTER = re.compile(rf"\s*[―—–]\s*({_NAME})\s*\.?\s*$")
# "Maria Lopez, 34: “…”" (a name, maybe an age, and a colon opening the paragraph)
_NAME_BEFORE = re.compile(rf"\s*({_NAME})(?:,\s*\d{{1,3}})?\s*:\s*$")


@dataclass
class Turn:
    """A transcript turn: ``label`` names the speaker, ``content`` runs to the paragraph end."""

    label: tuple[int, int]
    content: tuple[int, int]
    paragraph: int


def transcript_turns(text: str) -> list[Turn]:
    turns: list[Turn] = []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        match = _TURN.match(line)
        if match:
            end = len(line.rstrip())
            if line[:1] in '"“' and line[end - 1 : end] in '"”':
                end -= 1  # the marks wrapping the whole turn paragraph
            if end > match.end():
                label = (offset + match.start(1), offset + match.end(1))
                turns.append(Turn(label, (offset + match.end(), offset + end), index))
        offset += len(line) + 1
    return turns


def byline_name(text: str, span: QuoteSpan) -> tuple[int, int] | None:
    """The speaker named by the layout around a quotation that fills its paragraph, if any."""
    line_start = text.rfind("\n", 0, span.open_mark) + 1
    line_end = text.find("\n", span.outer_end)
    line_end = len(text) if line_end < 0 else line_end
    after = _BYLINE_AFTER.match(text, span.outer_end, line_end)
    if after and span.close_mark is not None:
        return after.start(1), after.end(1)
    before = _NAME_BEFORE.match(text, line_start, span.open_mark)
    if before:
        return before.start(1), before.end(1)
    return None
