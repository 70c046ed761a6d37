"""Page furniture known by its content: page markers, signing stamps, received stamps.

Such lines are no part of the document, wherever they stand on the page. They are labelled
(`Line.furniture`), not deleted: the text keeps them and later stages keep them out of the
zones. Running headers, footers and bare page numbers are known by their place (layout.flow).
"""

from __future__ import annotations

import regex

from .lines import Line

PAGE_NUMBER_LABEL = "page_number"
PAGE_MARKER_LABEL = "page_marker"
RUNNING_LABEL = "running"
SIGNING_STAMP_LABEL = "signing_stamp"
RECEIVED_STAMP_LABEL = "received_stamp"

# The labels of a signing stamp ("Ký bởi: ỦY BAN NHÂN DÂN TỈNH …", "Cơ quan: …",
# "Thời gian ký: 13/11/2025 15:53:50"), by the key they fill. Wrapped values continue below.
STAMP_LABEL = regex.compile(
    r"^\s*(?:(?P<signer>Ký\s+bởi|Người\s+ký)|(?P<organization>Cơ\s+quan(?:\s+phát\s+hành)?|Tổ\s+chức|Đơn\s+vị)"
    r"|(?P<email>E-?mail|Thư\s+điện\s+tử)|(?P<time>Thời\s+gian(?:\s+ký)?|Ngày\s+ký))\s*:\s*(?P<value>.*)$",
    regex.IGNORECASE,
)
# Labels only a stamp prints; the others also label ordinary text ("Đơn vị: …", "Email: …").
STAMP_OPENER = regex.compile(
    r"^\s*(?:Ký\s+bởi|Người\s+ký|Cơ\s+quan\s+phát\s+hành|Thời\s+gian\s+ký)\s*:", regex.IGNORECASE
)
# A signing time alone on its line: "28-07-2026 18:08:51 +07:00", "2025-10-01T17:08:18+07:00".
TIMESTAMP = regex.compile(
    r"^\s*(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{2}-\d{2})[\sT,]+\d{1,2}:\d{2}(?::\d{2})?"
    r"\s*(?:(?:GMT|UTC)?\s*[+-]\d{2}:?\d{2})?\s*$"
)
# A stamp's lines are set tight (at most this many glyph heights apart); a wrapped value is short.
STAMP_LEADING = 0.5
STAMP_WRAP_WORDS = 6
CLOCK = regex.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:(?:GMT|UTC)?\s*[+-]\d{2}:?\d{2})?\s*$")
# "===== Trang 2 =====", "--- Page 3 ---", "- 3 -": a page break written into the text.
PAGE_MARKER = regex.compile(
    r"^\s*(?:[=*#_~-]{2,}\s*(?:Trang|Page)\s*\d{1,4}(?:\s*/\s*\d{1,4})?\s*[=*#_~-]{2,}"
    r"|[-–—]\s*\d{1,4}\s*[-–—])\s*$",
    regex.IGNORECASE,
)
# The received stamp of the receiving office: "ĐẾN Số: 1234 Ngày: …", "CÔNG VĂN ĐẾN".
RECEIVED_STAMP = regex.compile(r"^\s*(?:(?:CÔNG\s+VĂN\s+)?ĐẾN\s*[:.]?\s*Số\b|CÔNG\s+VĂN\s+ĐẾN\s*$)")


def mark_by_content(lines: list[Line]) -> None:
    """Label the page's stamps and page markers in place; a stamp's wrapped lines (set under
    its labels, without a gap) go with it."""
    stamp: Line | None = None
    for line in lines:
        text = line.text
        if stamp is not None and _continues_stamp(stamp, line):
            line.furniture = SIGNING_STAMP_LABEL
            stamp = line
            continue
        stamp = None
        if STAMP_OPENER.match(text) or TIMESTAMP.match(text):
            line.furniture = SIGNING_STAMP_LABEL
            stamp = line
        elif PAGE_MARKER.match(text):
            line.furniture = PAGE_MARKER_LABEL
        elif RECEIVED_STAMP.match(text):
            line.furniture = RECEIVED_STAMP_LABEL


def _continues_stamp(above: Line, line: Line) -> bool:
    """A stamp's next label, or a short wrapped value, set right under the line above."""
    if abs(line.x0 - above.x0) > line.height or line.top - above.bottom > STAMP_LEADING * line.height:
        return False
    if STAMP_LABEL.match(line.text) or CLOCK.match(line.text):
        return True
    return not line.gapped and len(line.text.split()) <= STAMP_WRAP_WORDS
