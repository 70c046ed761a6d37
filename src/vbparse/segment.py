"""Segment: what lies outside the zone grammar — web-page chrome and captions, a news report's
title and byline, and further documents bundled in one file (each is then parsed on its own).

The zones of a document (header, recipients, preamble, body, signature and distribution,
annexes) are chosen by the grammar in `zones.py`.
"""

from __future__ import annotations

from .context import Context
from .extract.lines import is_caps, is_person_name, is_signed_mark, is_signing_prefix, words
from .normalise import Line
from .patterns.layout import (
    BOILERPLATE, BOILERPLATE_TAIL, BYLINE, CAPTION_LEAD, CAPTION_PERSON, CAPTION_VERB, HEADING, NUMBER_LINE, RULE,
)

_MENU_CELLS = 4  # a table row of this many short cells is a site menu
_TITLE_MIN_WORDS = 5
_CAPTION_MAX_WORDS = 45
_CAPTION_INDENT = 8


def _void(line: Line) -> bool:
    """No content: a blank line, or page furniture the layout stage labelled."""
    return line.blank or line.furniture is not None


def find_boilerplate(ctx: Context) -> set[int]:
    """Web-page chrome: skip links, menus, share buttons, related-news lists at the end; and
    the page furniture the layout stage labelled (page numbers, running lines, stamps)."""
    skip: set[int] = {line.index for line in ctx.lines if line.furniture is not None}
    rows: dict[int, list[Line]] = {}
    for line in ctx.lines:
        if line.row is not None:
            rows.setdefault(line.row, []).append(line)
    for cells in rows.values():
        columns = {c.column for c in cells}
        if len(columns) >= _MENU_CELLS and all(len(words(c.text)) <= 4 for c in cells):
            skip.update(c.index for c in cells)
    for line in ctx.lines:
        fold = ctx.folded(line)
        if BOILERPLATE_TAIL.match(fold) and line.index > len(ctx.lines) // 3:
            skip.update(range(line.index, len(ctx.lines)))
            break
        if BOILERPLATE.match(fold):
            skip.add(line.index)
    return skip


def find_report_title(ctx: Context, skip: set[int]) -> Line | None:
    """A report's headline: the first substantial line; short lines above it are chrome."""
    for line in ctx.lines:
        if line.blank or line.index in skip:
            continue
        if len(words(line.text)) >= _TITLE_MIN_WORDS and not is_caption(ctx, line):
            return line
        skip.add(line.index)
    return None


def is_caption(ctx: Context, line: Line) -> bool:
    """A photo caption in a news report [?]."""
    n = len(words(line.text))
    if n > _CAPTION_MAX_WORDS or not n:
        return False
    fold = ctx.folded(line)
    if CAPTION_LEAD.match(fold):
        return True
    one_sentence = ". " not in line.text.rstrip(". ")
    if CAPTION_PERSON.match(fold) and CAPTION_VERB.search(fold) and one_sentence:
        return True
    return line.indent >= _CAPTION_INDENT and one_sentence


def find_byline(ctx: Context, end: int, skip: set[int]) -> tuple[int, str | None]:
    """A report's closing byline: 'Tác giả: …', 'Nguồn: …', or a lone author name."""
    author = None
    start = end
    for i in range(end - 1, -1, -1):
        line = ctx.lines[i]
        if line.blank or i in skip:
            continue
        m = BYLINE.match(ctx.folded(line))
        if m:
            value = line.text[m.start("value"):].strip()
            if value and m.group("key").lower().startswith(("tác", "bài", "người", "phóng")):
                author = value
            start = i
        elif is_person_name(line.text) and author is None:
            author = line.text.strip()
            start = i
        else:
            break
    return start, author


_DOCUMENT_HEAD_REACH = 6  # lines around a second heading where its number and issuer stand


def find_document_starts(ctx: Context) -> list[int]:
    """Where further documents bundled in the same file begin (several letters in one PDF,
    a decision followed by the regulation it issues): a national heading that opens a line,
    well after the first document's own header, with a number line near it or a signature
    just before its issuer block."""
    lines = ctx.lines
    starts: list[int] = []
    for line in lines:
        if line.index < _DOCUMENT_HEAD_REACH * 3 or not HEADING.match(ctx.folded(line)) or not is_caps(line.text):
            continue
        if starts and line.index - starts[-1] < _DOCUMENT_HEAD_REACH * 3:
            continue
        start = _head_start(ctx, line.index)
        near = lines[max(0, line.index - _DOCUMENT_HEAD_REACH) : line.index + _DOCUMENT_HEAD_REACH]
        if any(NUMBER_LINE.match(ctx.folded(l)) for l in near) or _after_signature(ctx, start):
            starts.append(start)
    return starts


def _head_start(ctx: Context, heading: int) -> int:
    """First line of the issuer block before a heading: back to the number line (past a
    V/v summary between them), then over the issuer's capital lines."""
    window = range(heading - 1, max(-1, heading - _DOCUMENT_HEAD_REACH - 3), -1)
    number = next((i for i in window if NUMBER_LINE.match(ctx.folded(ctx.lines[i]))), heading)
    start = number
    for i in range(number - 1, max(-1, number - _DOCUMENT_HEAD_REACH - 1), -1):
        line = ctx.lines[i]
        fold = ctx.folded(line)
        if _void(line) or RULE.match(fold) or (is_caps(line.text) and not is_signing_prefix(fold)):
            start = i
        else:
            break
    while _void(ctx.lines[start]):
        start += 1
    return start


def _after_signature(ctx: Context, start: int) -> bool:
    previous = next((l for l in reversed(ctx.lines[:start]) if not _void(l)), None)
    return previous is not None and (is_person_name(previous.text) or is_signed_mark(ctx.folded(previous)))
