"""Recipients (Kính gửi, §6) and distribution (Nơi nhận, §10): dash-led entry lists.

The classifier labelled the keyword lines and their entries; a dash opens an entry, any other
entry line continues the one before (a wrapped entry).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..classify import Labelled
from ..context import Context
from ..normalise import Line
from ..patterns.layout import DASH_LED, DISTRIBUTION, RECIPIENTS
from .lines import is_signing_prefix, strip_entry



@dataclass(slots=True)
class EntryList:
    entries: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # every line the list occupies


def _entries(ctx: Context, items: list[Labelled], keyword_label: str, entry_label: str,
             keyword: regex.Pattern[str]) -> EntryList | None:
    result = EntryList()
    written: list[str] = []  # entries as written; cleaned once complete, so wraps keep their commas
    for item in items:
        line = item.line
        if item.label == keyword_label:
            m = keyword.match(ctx.folded(line))
            inline = line.text[m.end():].strip() if m else ""
            # "Nơi nhận: TM. ỦY BAN …": a signature column read onto the keyword's line is no entry
            if inline and not is_signing_prefix(ctx.fold[line.start + m.end() : line.end].strip()):  # type: ignore[union-attr]
                written.append(inline)
        elif item.label == entry_label:
            if DASH_LED.match(line.text) or not written:
                written.append(line.text)
            else:
                written[-1] = f"{written[-1]} {line.text}"
        else:
            continue
        result.lines.append(line)
    if not result.lines:
        return None
    result.entries = [e for e in map(strip_entry, written) if e]
    return result


def extract_recipients(ctx: Context, items: list[Labelled]) -> EntryList | None:
    """The Kính gửi lists of the recipients zone."""
    return _entries(ctx, items, "recipients", "recipient_entry", RECIPIENTS)


def extract_distribution(ctx: Context, items: list[Labelled]) -> EntryList | None:
    """The Nơi nhận list among the tail's lines (signature lines in between are left out)."""
    first = next((n for n, item in enumerate(items) if item.label == "distribution"), None)
    return None if first is None else _entries(ctx, items[first:], "distribution", "distribution_entry", DISTRIBUTION)
