"""Header: heading, motto, issuer block, number, place and date, type and summary (§1–§5).

Components are matched by pattern, not by line order: a flattened header can put the
issuer, number and heading on one line, or give the two columns one after the other.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..classify import Labelled, line_type, type_line_summary
from ..context import Context
from ..model import Header, Span
from ..normalise import Line, fold_tones
from ..patterns.dates import ADOPTION_DATE, PLACE_DATE
from ..patterns.layout import HEADING, MARKER, MOTTO, NUMBER_LEAD, RULE, SUBJECT, TYPE_LINE
from ..patterns.symbols import CODE_TAIL, SYMBOL_WINDOW
from ..patterns.tables import (
    ENTERPRISE_HEADS, PARTY_HEADING, STATE_HEADING, STATE_MOTTO, SUPERIOR_BODIES,
    UNIT_HEADS, YOUTH_HEADING,
)
from .dates import iso_date
from .lines import is_caps
from .number import ParsedNumber, number_only, parse_blank_symbol, parse_symbol, type_name

_ENTERPRISE = regex.compile(r"^(?:" + "|".join(ENTERPRISE_HEADS) + r")\b")
_UNIT = regex.compile(r"^(?:" + "|".join(UNIT_HEADS) + r")\b")
# Lines that continue a wrapped issuer name rather than name a second body.
_WRAP_NEXT = regex.compile(
    fold_tones(r"^(?:TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN|MẶT\s+TRẬN|VIỆT\s+NAM|NHÂN\s+DÂN)(?:\s+(?!ỦY\b)|$)")
)
_WRAP_PREV = regex.compile(
    # a name cut after a conjunction or a comma: "BỘ NÔNG NGHIỆP VÀ" / "PHÁT TRIỂN NÔNG THÔN"
    r"(?:\bVÀ|\bCỦA|[,&-]|NHÂN\s+DÂN|ỦY\s+BAN|HỘI\s+ĐỒNG|BAN\s+CHẤP\s+HÀNH|^(?:HIỆP\s+)?HỘI"
    # an organ named after its body, written above it: "HỘI ĐỒNG THẨM PHÁN / TÒA ÁN NHÂN DÂN TỐI CAO"
    r"|THẨM\s+PHÁN|ĐOÀN\s+CHỦ\s+TỊCH)$"
)


@dataclass(slots=True)
class HeaderScan:
    header: Header
    found_type_line: bool = False

    @property
    def substantial(self) -> bool:
        h = self.header
        return bool(h.number or h.heading or h.motto or h.date or self.found_type_line)


class _Scanner:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.h = Header()
        self.issuer_lines: list[tuple[str, Line]] = []
        self.summary: list[Line] = []
        self.type_rest: str | None = None
        self.found_type_line = False

    def span(self, line: Line, start: int = 0, end: int | None = None) -> Span:
        return self.ctx.span(line.start + start, line.start + (len(line.text) if end is None else end))

    def take_components(self, line: Line) -> bool:
        """Record every header component found in `line`; True if the line was header."""
        text, fold = line.text, self.ctx.folded(line)
        taken: list[tuple[int, int]] = []
        m = HEADING.search(fold)
        if m and not self.h.heading:
            self.h.heading = PARTY_HEADING if m.group("party") else STATE_HEADING if m.group("state") else YOUTH_HEADING
            self.h.spans["heading"] = self.span(line, m.start(), m.end())
            taken.append(m.span())
        m = MOTTO.search(fold)
        if m and not self.h.motto:
            self.h.motto = STATE_MOTTO
            self.h.spans["motto"] = self.span(line, m.start(), m.end())
            taken.append(m.span())
        number_span = self._take_number(line, fold)
        if number_span:
            taken.append(number_span)
        rest_taken = [self._take_rest(line, start, end) for start, end in _gaps(len(text), taken)]
        return bool(taken) or any(rest_taken)

    def _take_number(self, line: Line, fold: str) -> tuple[int, int] | None:
        if self.h.number:
            return None
        for lead in NUMBER_LEAD.finditer(fold):
            after = fold[lead.end():lead.end() + SYMBOL_WINDOW]
            parsed = parse_symbol(after)
            if parsed and parsed.start == 0:
                return self._set_number(line, lead, parsed)
            blank = parse_blank_symbol(after)
            if blank:
                self.ctx.note("warning", "header.number.blank", "the number is left blank (a draft?)",
                              self.span(line, lead.start(), lead.end() + blank.end))
                return self._set_number(line, lead, blank)
            digits = regex.match(r"\d{1,5}(?![\w/-])", after)
            if digits and lead.start() == 0:
                parsed = ParsedNumber(number_only(digits.group(0)), 0, digits.end(), ())
                return self._set_number(line, lead, parsed)
            if lead.start() == 0 and (fold[:lead.end()].rstrip().endswith(":") or CODE_TAIL.search(after)):
                # "Số: 4H09 BCA-C04", "Sốg8 /TTr- CAT-PC04": the number line, unreadable (a
                # hand-written serial read by OCR)
                self.ctx.note("warning", "header.number.unreadable", f"the number cannot be read: {line.text!r}",
                              self.span(line))
                return 0, len(line.text)
        if (blank := parse_blank_symbol(fold)) and blank.start == 0 and blank.end == len(fold.rstrip()):
            # "/TB-UBND" alone: the serial and "Số:" were written by hand and not read
            self.ctx.note("warning", "header.number.blank", "the number is left blank (written by hand?)",
                          self.span(line))
            return self._set_number_at(line, blank)
        return None

    def _set_number(self, line: Line, lead: regex.Match[str], parsed: ParsedNumber) -> tuple[int, int]:
        start, end = lead.end() + parsed.start, lead.end() + parsed.end
        self._record_number(line, parsed, start, end)
        return lead.start(), end

    def _set_number_at(self, line: Line, parsed: ParsedNumber) -> tuple[int, int]:
        self._record_number(line, parsed, parsed.start, parsed.end)
        return parsed.start, parsed.end

    def _record_number(self, line: Line, parsed: ParsedNumber, start: int, end: int) -> None:
        self.h.number = parsed.number
        self.h.spans["number"] = self.span(line, start, end)
        for repair in parsed.repairs:
            self.ctx.note("info", "number.repaired", f"symbol code repaired: {repair}", self.h.spans["number"])

    def _take_rest(self, line: Line, start: int, end: int) -> bool:
        """Classify what is left of a line once heading, motto and number are taken out."""
        raw = line.text[start:end]
        piece = raw.strip(" ,;|")
        if not piece:
            return False
        offset = start + raw.index(piece)
        fold = self.ctx.folded(line)[offset : offset + len(piece)]
        taken = True
        if RULE.match(fold):
            pass
        elif (m := PLACE_DATE.match(fold)) and not self.h.date:
            self._set_place_date(line, offset, m)
        elif MARKER.match(fold):
            pass
        elif (m := SUBJECT.match(fold)) and not self.h.summary:
            self.summary = [line]
            self.h.summary = piece
            self.h.spans["summary"] = self.span(line, offset, offset + len(piece))
        elif is_caps(piece) and not self.found_type_line and not TYPE_LINE.match(fold):
            for part in regex.split(r"\s*\*+\s*", piece):
                if part:
                    self.issuer_lines.append((part, line))
        else:
            taken = False
        return taken

    def _set_place_date(self, line: Line, offset: int, m: regex.Match[str]) -> None:
        place = m.group("place").strip()
        self.h.place = place
        self.h.spans["place"] = self.span(line, offset + m.start("place"), offset + m.start("place") + len(place))
        self.h.spans["date"] = self.span(line, offset, offset + m.end())
        day, month, year = m.group("d") or "", m.group("m") or m.group("nm"), m.group("y") or m.group("ny")
        if not (day.strip(" ._…") and (month or "").strip(" ._…") and (year or "").strip(" ._…")):
            self.ctx.note("warning", "header.date.blank", "the date is left blank (a draft?)", self.h.spans["date"])
            return
        self.h.date = iso_date(day, month, year)
        if self.h.date is None:
            self.ctx.note("error", "header.date.invalid", f"no such date: {day}/{month}/{year}", self.h.spans["date"])

    def take_type_line(self, line: Line) -> bool:
        fold = self.ctx.folded(line)
        if not is_caps(line.text):
            return False
        found = line_type(line.text, fold)
        if found is None:
            return False
        self.h.doc_type, end = found
        self.h.spans["doc_type"] = self.span(line, 0, end)
        self.found_type_line = True
        start = type_line_summary(line.text, fold)
        if start is not None:
            self.summary = [line]
            self.h.summary = line.text[start:].strip()
            self.h.spans["summary"] = self.span(line, start, len(line.text))
        return True

    def finish(self) -> Header:
        h = self.h
        if self.summary and (len(self.summary) > 1 or "summary" not in h.spans):
            first, last = self.summary[0], self.summary[-1]
            text = " ".join(l.text.strip() for l in self.summary)
            if "summary" in h.spans:  # a V/v line: keep from the keyword on
                start = h.spans["summary"].start
                text = self.ctx.text[start:last.end].replace("\n", " ")
            else:
                start = first.start
            h.summary = regex.sub(r"\s+", " ", text).strip()
            h.spans["summary"] = self.ctx.span(start, last.end)
        self._set_issuers()
        if "date" not in h.spans:
            self._take_adoption_date()
        if h.number and h.number.family:
            h.family = h.number.family
        elif h.heading:
            h.family = "administrative" if h.heading == STATE_HEADING else "party"
        if not h.doc_type and h.number and h.number.type_code:
            h.doc_type = type_name(h.number.type_code, h.number.family)
        return h

    def _is_joint(self) -> bool:
        number = self.h.number
        return bool((self.h.doc_type or "").endswith("liên tịch") or (number and (number.type_code or "").endswith("LT")))

    def _take_adoption_date(self) -> None:
        """A law's date: the closing 'thông qua ngày …' sentence (the last one, after the articles)."""
        found = None
        for found in ADOPTION_DATE.finditer(self.ctx.fold):
            pass
        if found is None:
            return
        self.h.date = iso_date(found.group("wd"), found.group("wm"), found.group("wy"))
        self.h.spans["date"] = self.ctx.span(found.start("wd") - len("ngày "), found.end())
        self.ctx.note("info", "header.date.adoption", "no place and date line: the date is the adoption date",
                      self.h.spans["date"])

    def _set_issuers(self) -> None:
        names: list[tuple[str, Line, Line]] = []
        for text, line in self.issuer_lines:
            if names and (_WRAP_NEXT.match(fold_tones(text)) or _WRAP_PREV.search(names[-1][0])
                          or (_ENTERPRISE.match(names[-1][0]) and not _UNIT.match(text))):
                prev_text, first, _ = names[-1]
                names[-1] = (f"{prev_text} {text}", first, line)
            else:
                names.append((text, line, line))
        if len(names) == 1:
            names = _split_superior(*names[0])
        if not names:
            return
        if self._is_joint():  # a liên tịch document names its issuers side by side, none above another
            names = [(" ".join(n[0] for n in names), names[0][1], names[-1][2])]
        issuer, first, last = names[-1]
        self.h.issuer = issuer
        self.h.spans["issuer"] = self.ctx.span(first.start, last.end)
        if len(names) > 1:
            parent, pfirst, plast = names[-2]
            self.h.parent_issuer = parent
            self.h.spans["parent_issuer"] = self.ctx.span(pfirst.start, plast.end)


def _split_superior(text: str, first: Line, last: Line) -> list[tuple[str, Line, Line]]:
    """'BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG' on one line: superior body, then the issuer."""
    for superior in SUPERIOR_BODIES:
        if text.startswith(superior + " "):
            return [(superior, first, first), (text[len(superior) + 1 :].strip(), first, last)]
    return [(text, first, last)]


def _gaps(length: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    gaps, pos = [], 0
    for start, end in sorted(taken):
        if start > pos:
            gaps.append((pos, start))
        pos = max(pos, end)
    if pos < length:
        gaps.append((pos, length))
    return gaps


# a line the zone took in without a header label may still hold components the classifier looks
# for only near a line's start ("Số Số … 12/QĐ-UBND")
_COMPONENT_LABELS = ("heading", "motto", "number", "place_date", "marker", "subject", "rule", "issuer", "body")


def read_header(ctx: Context, items: list[Labelled]) -> HeaderScan:
    """The header from its zone's lines, each read by its label: components (several may share a
    flattened line), the type line, the summary lines under it; other lines the zone took in
    (a stray OCR speck, a source line) are left out."""
    s = _Scanner(ctx)
    for item in items:
        if item.label == "type":
            s.take_type_line(item.line)
        elif item.label == "summary":
            s.summary.append(item.line)
        elif item.label in _COMPONENT_LABELS:
            s.take_components(item.line)
    return HeaderScan(s.finish(), s.found_type_line)
