"""Number and symbol: raw text -> DocumentNumber (reference §3)."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import DocumentNumber
from ..patterns.symbols import BLANK_SYMBOL, DASH, SERIAL_OCR_DIGITS, SYMBOL
from ..patterns.tables import ASCII_CODE_REPAIRS, PARTY_TYPE_CODES, STATE_TYPE_CODES

_DASHES = regex.compile(DASH)
_SLASHES = regex.compile(r"\s*/\s*")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    number: DocumentNumber
    start: int  # offsets of the symbol within the searched string
    end: int
    repairs: tuple[str, ...]  # codes that were repaired, e.g. "ND→NĐ"


def _repair(code: str, repairs: list[str]) -> str:
    fixed = ASCII_CODE_REPAIRS.get(code)
    if fixed and fixed != code:
        repairs.append(f"{code}→{fixed}")
        return fixed
    return code


def _codes(tail: str, repairs: list[str]) -> list[str]:
    return [_repair(c, repairs) for c in _DASHES.split(tail.strip()) if c]


def _by_upper(table: dict[str, str]) -> dict[str, str]:
    """The table keyed case-insensitively; the first key of a case-folded pair wins."""
    folded: dict[str, str] = {}
    for key, name in table.items():
        folded.setdefault(key.upper(), name)
    return folded


_STATE_UPPER, _PARTY_UPPER = _by_upper(STATE_TYPE_CODES), _by_upper(PARTY_TYPE_CODES)


def is_state_type_code(code: str) -> bool:
    return code.upper() in _STATE_UPPER


def type_name(code: str | None, family: str | None) -> str | None:
    """Canonical type name for a code, read with the family's table first; exact case first
    ('TT' vs 'Tt' never clash), then case-insensitively."""
    if not code:
        return None
    party_first = family == "party"
    exact = (PARTY_TYPE_CODES, STATE_TYPE_CODES) if party_first else (STATE_TYPE_CODES, PARTY_TYPE_CODES)
    folded = (_PARTY_UPPER, _STATE_UPPER) if party_first else (_STATE_UPPER, _PARTY_UPPER)
    for table in exact:
        if code in table:
            return table[code]
    return next((table[code.upper()] for table in folded if code.upper() in table), None)


def from_match(m: regex.Match[str]) -> ParsedNumber:
    """Build a DocumentNumber from a `SYMBOL` match."""
    family = next(f for f in ("normative", "party", "administrative") if m.group(f))
    g = lambda name: m.group(f"{family}_{name}")  # noqa: E731
    repairs: list[str] = []
    serial = _repair_serial(g("num"), repairs)
    year: int | None = None
    if family == "party":
        type_code = _repair(g("type"), repairs)
        issuer_codes = _codes(g("tail"), repairs)
        text = f"{serial}-{type_code}/{'-'.join(issuer_codes)}"
    elif family == "normative":
        year = int(g("year"))
        codes = _codes(g("tail"), repairs)
        if len(codes) == 1:  # 37/2021/QH15: Quốc hội laws carry no type code
            type_code = None
            issuer_codes = codes
        else:
            type_code, issuer_codes = codes[0], codes[1:]
        text = f"{serial}/{year}/" + "-".join(([type_code] if type_code else []) + issuer_codes)
    else:
        codes = _codes(g("tail"), repairs)
        if is_state_type_code(codes[0]):
            type_code, issuer_codes = codes[0], codes[1:]
        else:  # state công văn: NUM/ISSUER-UNIT
            type_code, issuer_codes = None, codes
        text = f"{serial}/" + "-".join(([type_code] if type_code else []) + issuer_codes)
    number = DocumentNumber(
        raw=m.group(0),
        text=text,
        serial=serial,
        year=year,
        type_code=type_code,
        issuer_code="-".join(issuer_codes) or None,
        family=family,  # type: ignore[arg-type]
    )
    return ParsedNumber(number, m.start(), m.end(), tuple(repairs))


def _repair_serial(serial: str, repairs: list[str]) -> str:
    digits = serial.translate(SERIAL_OCR_DIGITS)
    if digits != serial:
        repairs.append(f"{serial} -> {digits} (letters read for digits)")
    return digits


def parse_symbol(text: str) -> ParsedNumber | None:
    """Find the first symbol in `text` (a header's number line, a citation)."""
    m = SYMBOL.search(text)
    return from_match(m) if m else None


def parse_blank_symbol(text: str) -> ParsedNumber | None:
    """A draft's symbol with the number left blank: '      /QĐ-UBND' or '    -NQ/ĐU'."""
    m = BLANK_SYMBOL.match(text)
    if not m:
        return None
    repairs: list[str] = []
    if m.group("admin"):
        codes = _codes(m.group("admin")[1:], repairs)
        type_code = codes[0] if is_state_type_code(codes[0]) else None
        issuers = codes[1:] if type_code else codes
        text_form = "/" + "-".join(codes)
        family = "administrative"
    else:
        type_part, _, tail = _SLASHES.sub("/", m.group("party")[1:]).partition("/")
        type_code = _repair(type_part.strip(), repairs)
        issuers = _codes(tail, repairs)
        text_form = f"-{type_code}/{'-'.join(issuers)}"
        family = "party"
    number = DocumentNumber(
        raw=m.group(0).strip(), text=text_form, serial=None, type_code=type_code,
        issuer_code="-".join(issuers) or None, family=family,  # type: ignore[arg-type]
    )
    return ParsedNumber(number, m.start(), m.end(), tuple(repairs))


def number_only(serial: str) -> DocumentNumber:
    """A reference that gives only a number: 'công văn 1537', 'Nghị quyết số 12'."""
    return DocumentNumber(raw=serial, text=serial, serial=serial)
