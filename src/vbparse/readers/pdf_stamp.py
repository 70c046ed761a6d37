"""The digital-signature stamp of Vietnamese office PDFs, and the signature dictionaries.

Signing software draws a box ("Ký bởi: ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Cơ quan: …",
"Thời gian ký: 13/11/2025 15:53:50") as an annotation appearance; its lines are no part of the
document text. When no stamp text is drawn (an image stamp), the signature dictionary still
records the signing time and, in its reason, often "Name<email> đã ký lên văn bản này!".
"""

from __future__ import annotations

import regex

from ..layout.furniture import STAMP_LABEL

# "SAO Y", "SAO LỤC", "TRÍCH SAO": the e-copy mark above a copy stamp, not a value.
COPY_MARK = regex.compile(r"^\s*(?:SAO\s+Y|SAO\s+LỤC|TRÍCH\s+SAO)(?:\s+BẢN\s+CHÍNH)?\s*$", regex.IGNORECASE)
# "Vũ Chiến Thắng<vuchienthang@moha.gov.vn> đã ký lên văn bản này!"
REASON_SIGNER = regex.compile(r"^\s*(?P<signer>[^<>]+?)\s*<(?P<email>[^<>@\s]+@[^<>\s]+)>")

_DATE = r"(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})"
_CLOCK = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
_ZONE = r"\s*(?P<z>(?:GMT|UTC)?\s*[+-]\d{2}:?\d{2})?"
STAMP_TIME = regex.compile(_DATE + r"(?:[\sT,]+" + _CLOCK + _ZONE + r")?")
ISO_TIME = regex.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T\s]" + _CLOCK + _ZONE + r")?")
PDF_TIME = regex.compile(
    r"^D:(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?P<H>\d{2})?(?P<M>\d{2})?(?P<S>\d{2})?(?P<z>[+-]\d{2}'?\d{2})?"
)


def is_stamp(lines: list[str]) -> bool:
    return any(STAMP_LABEL.match(line) for line in lines)


def stamp_fields(lines: list[str]) -> dict[str, str]:
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    lead: list[str] = []  # unlabelled lines above the first label: an issuer's name
    for line in lines:
        match = STAMP_LABEL.match(line)
        if match:
            key = next(k for k in ("signer", "organization", "email", "time") if match.group(k))
            current = fields.setdefault(key, [])
            current.append(match.group("value"))
        elif current is not None:
            current.append(line)
        elif not COPY_MARK.match(line):
            lead.append(line)
    if lead and "organization" not in fields:
        fields["organization"] = lead
    result = {key: " ".join(" ".join(parts).split()) for key, parts in fields.items()}
    if "time" in result:
        result["time"] = iso_time(result["time"])
    return {key: value for key, value in result.items() if value}


def signature_fallback(signatures: list[tuple[str, str]]) -> dict[str, str]:
    """Signer, email and time of the first signature dictionary."""
    if not signatures:
        return {}
    when, reason = signatures[0]
    result = {}
    match = REASON_SIGNER.match(reason)
    if match:
        result["signer"] = match.group("signer")
        result["email"] = match.group("email")
    if when:
        result["time"] = iso_time(when)
    return result


def iso_time(text: str) -> str:
    """ISO 8601 for the date forms seen in stamps and signature dictionaries; else as written."""
    match = PDF_TIME.match(text) or ISO_TIME.search(text) or STAMP_TIME.search(text)
    if not match:
        return text
    parts = match.groupdict()
    out = f"{parts['y']}-{int(parts['m']):02d}-{int(parts['d']):02d}"
    if parts.get("H"):
        out += f"T{int(parts['H']):02d}:{parts.get('M') or '00'}:{parts.get('S') or '00'}"
        zone = (parts.get("z") or "").replace("GMT", "").replace("UTC", "").replace("'", "").replace(" ", "")
        if zone:
            out += zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"
    return out
