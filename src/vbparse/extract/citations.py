"""Citations: every reference to another document in the body (reference §8).

Symbols are found first (they are unambiguous); the words before each symbol give its
type, those after it its date and issuer. Symbols joined by ',' or 'và' share the type of
the first ("Nghị quyết số 27-NQ/TW, 28-NQ/TW và 29-NQ/TW"). Then number-only references
("công văn 1537") and named ones ("Nghị quyết Trung ương 6 khóa XIII") fill the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..context import Context
from ..model import Citation, DocumentNumber
from ..normalise import fold_tones
from ..patterns.citations import (
    BARE_SO, DATE_BEFORE_SUBJECT, DATED_REFERENCE, FORM_LEAD, ISSUED_AT, ISSUER_ANCHOR, ISSUER_HEADS, ISSUER_LEVEL_WORDS, ISSUER_SECOND_SYLLABLES, ISSUER_LEAD, ISSUER_TERM, ISSUING_VERB,
    LEAD, LIST_JOINER, NAMED_LAW, NAMED_PARTY, NUMBER_ONLY, SHARED_TAIL_JOINER,
)
from ..patterns.dates import CITED_DATE
from ..patterns.symbols import SYMBOL
from ..patterns.tables import DOC_TYPES, LETTER_TYPE, NAMED_LAW_TYPES, TYPE_ALIASES
from .dates import iso_date
from .number import from_match, number_only, type_name

_CANONICAL = {regex.sub(r"\s+", " ", t).lower(): t for t in DOC_TYPES} | {
    alias.lower(): name for alias, name in TYPE_ALIASES.items()
}
_LOOKBACK = 160
_MAX_ISSUER_WORDS = 12
_ISSUER_TOKEN = regex.compile(r"[\p{L}\d&/-]+|[^\s]")
_CAPITAL_WORD = regex.compile(r"\s+(\p{Lu}\p{L}*)")


def _canonical_type(text: str) -> str | None:
    return _CANONICAL.get(regex.sub(r"\s+", " ", text).lower())


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    doc_type: str | None
    number: DocumentNumber | None
    date: str | None = None
    issuer: str | None = None
    name: str | None = None


class _Extractor:
    def __init__(self, ctx: Context, regions: list[tuple[int, int]]) -> None:
        self.ctx = ctx
        self.regions = regions
        self.found: list[_Found] = []

    def run(self) -> list[Citation]:
        for lo, hi in self.regions:
            self._symbols(lo, hi)
        for lo, hi in self.regions:
            self._number_only(lo, hi)
            self._named(lo, hi, NAMED_PARTY)
            self._named(lo, hi, NAMED_LAW)
            self._dated(lo, hi)
        self.found.sort(key=lambda f: (f.start, f.end))
        self._share_trailing_details()
        return [
            Citation(
                raw=self.ctx.text[f.start : f.end], doc_type=f.doc_type, number=f.number,
                date=f.date, issuer=f.issuer, name=f.name, span=self.ctx.span(f.start, f.end),
            )
            for f in self.found
        ]

    def _share_trailing_details(self) -> None:
        """'A và B ngày … của X': B's date and issuer are A's too when both symbols name the same
        issuer (walked backwards, so a chain 'A, B và C của X' shares them) [?]."""
        for current, following in zip(reversed(self.found[:-1]), reversed(self.found[1:])):
            if current.end > following.start or not SHARED_TAIL_JOINER.fullmatch(
                    self.ctx.fold, current.end, following.start):
                continue
            if not (current.number and following.number) or (
                    (current.number.issuer_code or "") != (following.number.issuer_code or "")):
                continue  # "140/NQ-CP và … 06-CTr/TU … của Ban Thường vụ": another issuer's document
            if current.issuer is None and following.issuer:
                current.issuer = following.issuer
            if current.date is None and following.date:
                current.date = following.date

    # -- symbols ---------------------------------------------------------------------------
    def _symbols(self, lo: int, hi: int) -> None:
        fold = self.ctx.fold
        groups: list[list[regex.Match[str]]] = []
        for m in SYMBOL.finditer(fold, lo, hi):
            if groups and LIST_JOINER.match(fold[groups[-1][-1].end() : m.start()]):
                groups[-1].append(m)
            else:
                groups.append([m])
        for group in groups:
            self._symbol_group(group, lo)

    def _symbol_group(self, group: list[regex.Match[str]], lo: int) -> None:
        first = group[0]
        line = self.ctx.line_at(first.start())
        window_start = max(lo, first.start() - _LOOKBACK, line.start if line else lo)
        before = self.ctx.fold[window_start : first.start()]
        if FORM_LEAD.search(before):
            return
        doc_type, issuer, name, start = None, None, None, first.start()
        lead = LEAD.search(before)
        if lead and (lead.group("so") or not lead.group("filler").strip()):
            type_text = self.ctx.text[window_start + lead.start("type") : window_start + lead.end("type")]
            doc_type = _canonical_type(type_text)
            if doc_type in NAMED_LAW_TYPES and type_text[0].islower():
                doc_type = None  # "pháp luật", "luật" in prose: a law is cited as "Luật"
            start = window_start + lead.start()
            filler = lead.group("filler").strip(" ,")
            if filler and doc_type in NAMED_LAW_TYPES and filler[0].isupper():
                name = filler  # "Luật Ngân sách nhà nước số 83/2015/QH13"
            if filler.lower().startswith("của "):
                issuer = self._issuer(window_start + lead.start("filler") + lead.group("filler").index("của") + 4)[0]
        elif (so := BARE_SO.search(before)):
            start = window_start + so.start()
        date, issuer_after, tail_end = self._tail(group[-1].end())
        if not (issuer or issuer_after):
            issuer_after, date_before = self._issuer_before(window_start, start)
            date = date or date_before
        issuer = issuer or issuer_after
        for i, m in enumerate(group):
            parsed = from_match(m)
            for repair in parsed.repairs:
                self.ctx.note("info", "number.repaired", f"symbol code repaired: {repair}", self.ctx.span(m.start(), m.end()))
            number = parsed.number
            kind = doc_type or type_name(number.type_code, number.family) or (
                LETTER_TYPE if number.family == "administrative" and not number.type_code else None)
            self.found.append(_Found(
                start if i == 0 else m.start(),
                tail_end if i == len(group) - 1 else m.end(),
                kind, number, date, issuer, name if i == 0 else None,
            ))

    def _tail(self, pos: int) -> tuple[str | None, str | None, int]:
        """Date and issuer after a symbol: ', ngày 18/5/2021 của Bộ Chính trị'."""
        date, end = self._date_at(pos)
        issuer_start = self._issuer_start(end)
        issuer = None
        if issuer_start is not None:
            issuer, issuer_end = self._issuer(issuer_start)
            if issuer:
                end = issuer_end
                if date is None:
                    date, end = self._date_at(end)
        return date, issuer, end

    def _date_at(self, pos: int) -> tuple[str | None, int]:
        m = CITED_DATE.match(self.ctx.fold, pos, pos + 60)
        if not m:
            return None, pos
        if m.group("yo"):
            return m.group("yo"), m.end()
        value = self._iso(m)
        if value is None:
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" ,"))
            self.ctx.note("warning", "citation.date.invalid", f"cited date does not exist: {'/'.join(_day_month_year(m))}",
                          self.ctx.span(start, m.end()))
        return value, m.end()

    def _issuer_start(self, pos: int) -> int | None:
        m = ISSUER_LEAD.match(self.ctx.fold, pos, pos + 12)
        return m.end() if m else None

    def _issuer(self, pos: int) -> tuple[str | None, int]:
        """The issuer phrase: capitalised words and the lower-case syllables of names."""
        text = self.ctx.text
        line = self.ctx.line_at(pos)
        limit = line.end if line else len(text)
        words: list[tuple[int, int]] = []
        for m in _ISSUER_TOKEN.finditer(text, pos, limit):
            token = m.group(0)
            if not regex.match(r"[\p{L}\d]", token) or len(words) >= _MAX_ISSUER_WORDS:
                break
            if token[0].isupper() or token[0].isdigit() and words:
                words.append(m.span())
            elif words and _continues_name(token, text[words[-1][0] : words[-1][1]]):
                words.append(m.span())
            elif token.lower() == "và" and words and self._capital_org_follows(m.end(), limit):
                words.append(m.span())
            else:
                break
        while words and text[words[-1][0] : words[-1][1]].lower() in ("và",):
            words.pop()
        if not words:
            return None, pos
        end = words[-1][1]
        if term := ISSUER_TERM.match(self.ctx.fold, end, limit):
            end = term.end()
        return regex.sub(r"\s+", " ", text[words[0][0] : end]).strip(" ,.;"), end

    def _issuer_before(self, lo: int, pos: int) -> tuple[str | None, str | None]:
        """Issuer (and date) named before a citation: 'của X tại', 'được X phê duyệt tại',
        'Ngày 09/4/2025, X đã có'."""
        before = self.ctx.fold[lo:pos]
        if verb := ISSUING_VERB.search(before):
            subject = self._subject_ending_at(lo, lo + verb.start())
            if subject is None:
                return None, None
            issuer, start = subject
            opening = DATE_BEFORE_SUBJECT.search(self.ctx.fold, lo, start)
            return issuer, self._iso(opening) if opening else None
        for anchor in reversed(list(ISSUER_ANCHOR.finditer(before))):
            issuer, end = self._issuer(lo + anchor.end())
            if issuer and ISSUED_AT.match(self.ctx.fold, end, pos):
                return issuer, None
        return None, None

    @staticmethod
    def _iso(m: regex.Match[str]) -> str | None:
        return iso_date(*_day_month_year(m))

    def _subject_ending_at(self, lo: int, pos: int) -> tuple[str, int] | None:
        """The name of a body written just before `pos` ('Ban Thường vụ Tỉnh ủy') and where it
        starts, or None."""
        tokens = list(_ISSUER_TOKEN.finditer(self.ctx.text, lo, pos))
        kept: list[regex.Match[str]] = []
        for i in range(len(tokens) - 1, -1, -1):
            token = tokens[i].group(0)
            previous = tokens[i - 1].group(0) if i else ""
            is_word = bool(regex.match(r"[\p{L}\d]", token))
            lower_part = _continues_name(token, previous)
            if not is_word or len(kept) >= _MAX_ISSUER_WORDS or not (token[0].isupper() or lower_part):
                break
            kept.insert(0, tokens[i])
        while kept and not kept[0].group(0)[0].isupper():
            kept.pop(0)
        if not kept or fold_tones(kept[0].group(0)).lower() not in ISSUER_HEADS:
            return None
        return regex.sub(r"\s+", " ", self.ctx.text[kept[0].start() : kept[-1].end()]), kept[0].start()

    def _capital_org_follows(self, pos: int, limit: int) -> bool:
        """'và' joins two bodies ("Tỉnh ủy và HĐND tỉnh"), not a body and the next cited type."""
        m = _CAPITAL_WORD.match(self.ctx.text, pos, limit)
        return bool(m) and fold_tones(m.group(1)).lower() not in _TYPE_FIRST_WORDS

    # -- number-only and named -------------------------------------------------------------
    def _overlaps(self, start: int, end: int) -> bool:
        return any(f.start < end and start < f.end for f in self.found)

    def _number_only(self, lo: int, hi: int) -> None:
        for m in NUMBER_ONLY.finditer(self.ctx.fold, lo, hi):
            num = m.group("num")
            if not m.group("so") and len(num) < 2:
                continue
            if self._overlaps(m.start(), m.end()):
                continue
            doc_type = _canonical_type(self.ctx.text[m.start("type") : m.end("type")])
            date, issuer, end = self._tail(m.end())
            line = self.ctx.line_at(m.start())
            if not issuer:
                issuer, date_before = self._issuer_before(max(lo, m.start() - _LOOKBACK, line.start if line else lo), m.start())
                date = date or date_before
            self.found.append(_Found(m.start(), end, doc_type, number_only(num), date, issuer))

    def _dated(self, lo: int, hi: int) -> None:
        """References known by their date: 'Nghị quyết ngày 28-10-1995', 'Bộ luật dân sự ngày …'."""
        for m in DATED_REFERENCE.finditer(self.ctx.fold, lo, hi):
            if self._overlaps(m.start(), m.end()):
                continue
            kind = "type" if m.group("type") else "lawtype"
            doc_type = _canonical_type(self.ctx.text[m.start(kind) : m.end(kind)])
            date, issuer, end = self._tail(m.end())
            if date is None or len(date) < 10:
                continue
            name = regex.sub(r"\s+", " ", self.ctx.text[m.start("name") : m.end("name")]) if m.group("name") else None
            self.found.append(_Found(m.start(), end, doc_type, None, date, issuer, name))

    def _named(self, lo: int, hi: int, pattern: regex.Pattern[str]) -> None:
        for m in pattern.finditer(self.ctx.fold, lo, hi):
            type_text = self.ctx.text[m.start("type") : m.end("type")]
            doc_type = _canonical_type(type_text)
            has_name = m.group("name") is not None
            # the Constitution is cited without a name ("Hiến pháp năm 2013"); other laws need one
            if not type_text[0].isupper() or not (has_name or doc_type == "Hiến pháp"):
                continue
            if self._overlaps(m.start(), m.end()):
                continue
            name = regex.sub(r"\s+", " ", self.ctx.text[m.start("name") : m.end("name")]).strip(" ,") if has_name else None
            date, issuer, end = self._tail(m.end())
            self.found.append(_Found(m.start(), max(end, m.end()), doc_type, None, date, issuer, name))


def _day_month_year(m: regex.Match[str]) -> tuple[str, str, str]:
    """The parts of a numeric ('06/12/2023') or worded ('ngày 6 tháng 12 năm 2023') date match."""
    if m.group("d"):
        return m.group("d"), m.group("m"), m.group("y")
    return m.group("wd"), m.group("wm"), m.group("wy")


def _continues_name(token: str, previous: str) -> bool:
    """A lower-case syllable that goes on with a body's name after `previous` (see the tables)."""
    word = token.lower()
    if word in ISSUER_LEVEL_WORDS:
        return True
    if not previous[:1].isupper():
        return False
    # "ban" continues "Ủy ban" but not the verb "ban hành"
    return word in ISSUER_SECOND_SYLLABLES or (word == "ban" and fold_tones(previous).lower() == "ủy")


_TYPE_FIRST_WORDS = frozenset(fold_tones(t.split()[0]).lower() for t in DOC_TYPES)


def extract_citations(ctx: Context, regions: list[tuple[int, int]]) -> list[Citation]:
    """Citations found inside the given [start, end) regions of the text."""
    return _Extractor(ctx, regions).run()
