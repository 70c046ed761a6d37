"""Recipients (Kính gửi, §6) and distribution (Nơi nhận, §10): dash-led entry lists."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..context import Context
from ..normalise import Line
from ..patterns.layout import DISTRIBUTION, RECIPIENTS
from .lines import is_caps, is_person_name, is_signed_mark, is_signing_prefix, strip_entry, words

_DASH_LED = regex.compile(r"^\s*[-–—+•]\s*\S")
_MAX_UNLED_WORDS = 15


@dataclass(slots=True)
class EntryList:
    entries: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # every line the list occupies
    end: int = 0  # index of the first line after the list


def _collect(ctx: Context, start: int, head: Line, lead_end: int, stop: set[int]) -> EntryList:
    """Entries from the text after the keyword on `head`, then from the following lines."""
    result = EntryList(lines=[head], end=start + 1)
    inline = head.text[lead_end:].strip()
    # "- Kính gửi: - Các ban cán sự đảng," puts the first entry on the keyword's line.
    if inline:
        result.entries.append(strip_entry(inline))
        if inline.rstrip().endswith("."):
            return result
    i = start + 1
    while i < len(ctx.lines) and i not in stop:
        line = ctx.lines[i]
        if line.blank:
            i += 1
            continue
        if _DASH_LED.match(line.text):
            entry = strip_entry(line.text)
        elif result.entries and _wraps(result, line):
            entry = None
        else:
            break
        if entry is None:
            result.entries[-1] = f"{result.entries[-1]} {strip_entry(line.text)}".strip()
        elif entry:
            result.entries.append(entry)
        result.lines.append(line)
        i += 1
        result.end = i
        if line.text.rstrip().endswith(".") and not _DASH_LED.match(ctx.lines[i].text if i < len(ctx.lines) else ""):
            break
    return result


def _wraps(result: EntryList, line: Line) -> bool:
    """An un-led line continues the previous entry when it starts in lower case (a wrapped
    line); a body paragraph after the list starts a sentence."""
    previous = result.lines[-1].text.rstrip()
    return (
        line.text[:1].islower()
        and not previous.endswith(".")
        and len(words(line.text)) <= _MAX_UNLED_WORDS
        and not is_caps(line.text)
    )


def _continues_entry(ctx: Context, line: Line) -> bool:
    """A wrapped distribution line ("… các Ban của" / "Đảng;"), not a signature line: entries
    start with a dash, so an un-led line before the closing '.' continues the last one."""
    fold = ctx.folded(line)
    return not (is_caps(line.text) or is_signing_prefix(fold) or is_person_name(line.text) or is_signed_mark(fold))


def extract_recipients(ctx: Context, start: int, stop: set[int]) -> EntryList | None:
    """Recipients when line `start` (the first line after the header) opens with Kính gửi."""
    entries = EntryList(end=start)
    i = start
    while i < len(ctx.lines):
        line = ctx.lines[i]
        if line.blank:
            i += 1
            continue
        m = RECIPIENTS.match(ctx.folded(line))
        if not m:
            break
        found = _collect(ctx, i, line, m.end(), stop)
        entries.entries += [e for e in found.entries if e]
        entries.lines += found.lines
        i = entries.end = found.end
    return entries if entries.lines else None


def extract_distribution(ctx: Context, lines: list[Line]) -> EntryList | None:
    """The Nơi nhận list among the tail's lines (signature lines in between are skipped)."""
    for n, line in enumerate(lines):
        m = DISTRIBUTION.match(ctx.folded(line))
        if m:
            break
    else:
        return None
    result = EntryList(lines=[line])
    written: list[str] = []  # entries as written; cleaned once complete, so wraps keep their commas
    inline = line.text[m.end():].strip()
    if inline and not is_signing_prefix(ctx.fold[line.start + m.end() : line.end].strip()):
        written.append(inline)
    for line in lines[n + 1 :]:
        if line.blank:
            continue
        if _DASH_LED.match(line.text):
            written.append(line.text)
        elif written and not written[-1].rstrip().endswith(".") and _continues_entry(ctx, line):
            written[-1] = f"{written[-1]} {line.text}"
        else:
            continue
        result.lines.append(line)
    result.entries = [e for e in map(strip_entry, written) if e]
    return result
