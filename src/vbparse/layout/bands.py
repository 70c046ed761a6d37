"""Two-column bands: the header at the top of a document and the Nơi nhận/signature block.

Both are borderless two-column tables, so their rows share baselines and would read as
"ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …". A band is a run of lines with a gutter: an x range that
no word of the band crosses. Its left column is emitted first, then its right column, all
lines with the band's `row` id and column 0/1.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

from ..normalise.fold import fold_tones
from ..patterns.layout import DISTRIBUTION, HEADING, RECIPIENTS, SIGNING_PREFIX
from .flow import LOWER
from .lines import Line, Word

# The anchor row's column gap must be at least this many glyph heights wide...
ANCHOR_GAP = 1.0
# ... and the gutter may shrink, as rows are added, down to this.
MIN_GUTTER = 0.5
# One-sided rows join the header only when this close (in glyph heights) to the row above.
HEADER_LEADING = 1.0
# The header's anchor (issuer | heading) is among the first lines of its page.
HEADER_SEARCH = 3


@dataclass(slots=True)
class _Band:
    start: int
    end: int  # exclusive
    gutter: tuple[float, float]


def split_bands(lines: list[Line], first_page: bool, rows: count) -> list[Line]:
    """The page's lines in reading order, band rows split into their two columns."""
    if not lines:
        return lines
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    zone = (left + 0.2 * (right - left), right - 0.2 * (right - left))
    bands = []
    header = _header(lines, first_page, zone)
    if header:
        bands.append(header)
    for band in _signatures(lines, zone, header.end if header else 0):
        bands.append(band)
    out: list[Line] = []
    position = 0
    for band in bands:
        out.extend(lines[position:band.start])
        out.extend(_columns(lines[band.start:band.end], band.gutter, next(rows)))
        position = band.end
    out.extend(lines[position:])
    return out


def _widest_gap(line: Line, zone: tuple[float, float]) -> tuple[float, float] | None:
    """The widest gap between neighbouring words that reaches into the central zone."""
    best = None
    for a, b in zip(line.words, line.words[1:]):
        if b.x0 - a.x1 >= ANCHOR_GAP * line.height and a.x1 < zone[1] and b.x0 > zone[0]:
            if best is None or b.x0 - a.x1 > best[1] - best[0]:
                best = (a.x1, b.x0)
    return best


def _narrow(gutter: tuple[float, float], words: list[Word], height: float) -> tuple[float, float] | None:
    """The widest part of the gutter no word crosses, or None when too little is left."""
    free = [gutter]
    for word in words:
        free = [
            piece
            for lo, hi in free
            for piece in ((lo, min(hi, word.x0)), (max(lo, word.x1), hi))
            if piece[1] > piece[0]
        ]
    best = max(free, key=lambda piece: piece[1] - piece[0], default=None)
    if best is None or best[1] - best[0] < MIN_GUTTER * height:
        return None
    return best


def _sides(line: Line, gutter: tuple[float, float]) -> tuple[bool, bool]:
    return any(w.x1 <= gutter[0] for w in line.words), any(w.x0 >= gutter[1] for w in line.words)


def _header(lines: list[Line], first_page: bool, zone: tuple[float, float]) -> _Band | None:
    """Issuer | heading at the top of page 1, or of a later page that starts a new document."""
    for index, line in enumerate(lines[:HEADER_SEARCH]):
        gutter = _widest_gap(line, zone)
        if gutter is None:
            continue
        right = [w for w in line.words if w.x0 >= gutter[1]]
        heading = " ".join(w.text for w in right)
        if not first_page and not HEADING.search(fold_tones(heading)):
            return None
        axis = (right[0].x0 + right[-1].x1) / 2  # dates centre under the heading; titles on the page
        tolerance = 0.15 * (right[-1].x1 - right[0].x0) + 0.5 * line.height
        end = index + 1
        for prev, nxt in zip(lines[index:], lines[index + 1:]):
            narrowed = _narrow(gutter, nxt.words, nxt.height)
            if narrowed is None:
                break
            on_left, on_right = _sides(nxt, narrowed)
            if not (on_left and on_right):
                close = nxt.top - prev.bottom <= HEADER_LEADING * max(prev.height, nxt.height)
                centred = abs((nxt.x0 + nxt.x1) / 2 - axis) <= tolerance
                if not close or (on_right and not centred) or RECIPIENTS.match(fold_tones(nxt.text)):
                    break  # the type line, the recipients or the body
            gutter = narrowed
            end += 1
        start = _extend_up(lines, index, gutter)
        return _Band(start, end, gutter)
    return None


def _extend_up(lines: list[Line], index: int, gutter: tuple[float, float]) -> int:
    """Include one-sided rows just above the anchor (a heading set higher than the issuer)."""
    while index > 0:
        prev = lines[index - 1]
        if _narrow(gutter, prev.words, prev.height) != gutter or lines[index].top - prev.bottom > prev.height:
            break
        index -= 1
    return index


def _signatures(lines: list[Line], zone: tuple[float, float], after: int) -> Iterator[_Band]:
    """Nơi nhận on the left, the signing block on the right; as many as the page holds."""
    index = after
    while index < len(lines):
        line = lines[index]
        gutter = _widest_gap(line, zone)
        folded = fold_tones(line.text)
        anchor = DISTRIBUTION.match(folded) or (
            gutter is not None
            and SIGNING_PREFIX.match(fold_tones(" ".join(w.text for w in line.words if w.x0 >= gutter[1])))
        )
        if not anchor:
            index += 1
            continue
        if gutter is None:  # "Nơi nhận:" alone: the gap shows in the next two-sided row
            gutter = next((g for l in lines[index + 1:index + 4] if (g := _widest_gap(l, zone))), None)
        if gutter is None:
            index += 1
            continue
        end = index
        while end < len(lines) and (narrowed := _narrow(gutter, lines[end].words, lines[end].height)):
            gutter = narrowed
            end += 1
        start = index
        while start > after:  # the signing prefix may sit a row above "Nơi nhận"
            above = lines[start - 1]
            narrowed = _narrow(gutter, above.words, above.height)
            if (
                not narrowed or _sides(above, narrowed)[0] or lines[start].top - above.bottom > 1.5 * above.height
                or not _prefix_like(above)
            ):
                break
            gutter = narrowed
            start -= 1
        if end > index and any(_sides(l, gutter)[0] for l in lines[start:end]) and any(
            _sides(l, gutter)[1] for l in lines[start:end]
        ):
            yield _Band(start, end, gutter)
        index = max(end, index + 1)


def _prefix_like(line: Line) -> bool:
    """A signing prefix or authority line ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"), not the
    end of a paragraph set close above the band ("hồ sơ có liên quan)")."""
    return bool(SIGNING_PREFIX.match(fold_tones(line.text))) or not LOWER.search(line.text)


def _columns(band: list[Line], gutter: tuple[float, float], row: int) -> list[Line]:
    out = []
    for column, keep in enumerate((lambda w: w.x1 <= gutter[0], lambda w: w.x0 >= gutter[1])):
        for line in band:
            words = [w for w in line.words if keep(w)]
            if words:
                part = line.part(words)
                part.row, part.column = row, column
                out.append(part)
    return out
