"""Segment: find the zones of a document — boilerplate, preamble, body and tail.

The header and recipients are found by their extractors (they read the top of the text
and say where they stop); this module finds what surrounds them.
"""

from __future__ import annotations

from bisect import bisect_left

from .context import Context
from .extract.lines import is_caps, is_person_name, is_signed_mark, is_signing_prefix, words
from .extract.sections import parse_label
from .normalise import Line
from .patterns.layout import (
    ANNEX_START, BOILERPLATE, BOILERPLATE_TAIL, BYLINE, CAPTION_LEAD, CAPTION_PERSON, CAPTION_VERB,
    CONTACT, DISTRIBUTION, ENACTING, END_MARK, FOOTNOTE, FORMULA, GROUNDS, HEADING, NUMBER_LINE, RULE,
)

_MENU_CELLS = 4  # a table row of this many short cells is a site menu
_TITLE_MIN_WORDS = 5
_CAPTION_MAX_WORDS = 45
_CAPTION_INDENT = 8
_TAIL_CAPS_MAX_WORDS = 14


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


def find_tail(ctx: Context, lo: int) -> tuple[int, int]:
    """(first line of the signature/distribution tail, first line after it).

    The tail closes the text, or the main document when annexes or forms follow it; with
    no tail both are len(lines).
    """
    lines = ctx.lines
    annexes = [l.index for l in lines[lo:] if ANNEX_START.match(ctx.folded(l))]
    # found once, not once per annex: a file of a thousand annexes is read in linear time
    distributions = [l.index for l in lines[lo:] if DISTRIBUTION.match(ctx.folded(l))]
    for end in [*annexes, _before_trailing_notes(ctx, lo)]:
        start = _tail_before(ctx, lo, end, distributions)
        if start < end:
            return start, len(lines) if end not in annexes else end
    return len(lines), len(lines)


def _before_trailing_notes(ctx: Context, lo: int) -> int:
    """End of the text before contact details and footnotes that may close the last page."""
    end = len(ctx.lines)
    while end > lo:
        line = ctx.lines[end - 1]
        fold = ctx.folded(line)
        if not (_void(line) or CONTACT.match(fold) or FOOTNOTE.match(fold)):
            break
        end -= 1
    return end


def _tail_before(ctx: Context, lo: int, end: int, distributions: list[int]) -> int:
    """`distributions`: the indexes of the "Nơi nhận" lines from `lo` on, in order."""
    lines = ctx.lines
    before = bisect_left(distributions, end)
    nn = distributions[before - 1] if before else None
    start = end
    evidence = False
    for i in range(end - 1, lo - 1, -1):
        line = lines[i]
        fold = ctx.folded(line)
        if _void(line) or END_MARK.match(fold) or RULE.match(fold):
            continue
        after_nn = nn is not None and i > nn
        if i == nn or is_signing_prefix(fold) or is_signed_mark(fold):
            evidence = True
        elif after_nn and (line.text[:1] in "-–—+•" or line.text[:1].islower() or len(words(line.text)) <= 12):
            pass
        elif is_caps(line.text) and len(words(line.text)) <= _TAIL_CAPS_MAX_WORDS and not parse_label(line.text):
            evidence = evidence or any(is_person_name(l.text) for l in lines[i + 1 : i + 5])
        elif is_person_name(line.text):
            pass
        else:
            break
        start = i
    return start if evidence else end


def find_preamble_end(ctx: Context, start: int, end: int) -> int:
    """Grounds ('Căn cứ …'), authority lines and the enacting formula before the body."""
    last = start
    seen_grounds = False
    for i in range(start, end):
        line = ctx.lines[i]
        if line.blank:
            continue
        fold = ctx.folded(line)
        if GROUNDS.match(fold):
            seen_grounds = True
        elif FORMULA.match(fold) or (seen_grounds and ENACTING.search(fold)):
            return i + 1
        elif is_caps(line.text) and not parse_label(line.text) and not seen_grounds:
            pass  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …": the enacting authority
        else:
            break
        last = i + 1
    return last if seen_grounds else start


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
