"""After lines and bands: label page furniture by its place, then join wrapped lines into paragraphs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import regex

from .furniture import PAGE_NUMBER_LABEL, RUNNING_LABEL
from .lines import Line

# A page number alone on its line: "2", "- 2 -", "Trang 2/5", "2/5".
PAGE_NUMBER = regex.compile(r"^[-–—\s]*(?:(?:Trang|Page)\s*)?\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?[-–—\s]*$", regex.I)
# Running headers and footers sit in the top or bottom share of the page.
MARGIN = 0.15
# A line repeated at the same place on at least this share of the pages (and 3 pages) runs.
RUNNING_SHARE = 0.5

# A line that opens a new item and so never continues the line above: "1.", "1.2.", "1.1-",
# "a)", "II.", "(3)", "Điều 5.", "Chương II", "- ", "+ ", and the openers of grounds and lists.
SECTION_LABEL = regex.compile(
    r"^\s*(?:(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*[.:]"
    r"|(?:Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s+(?:[IVXLCDM]+|\d+)(?:[.:]|\s*$)"
    r"|[IVXLCDM]+[.)](?:\s|$)"
    r"|\d{1,2}(?:\.\d{1,2})*(?:[.)](?=\s|$|[^\W\d])|-\s)"  # not "19-NQ/TW" cut after "số"
    # a decimal label printed without its last dot ("6.2 Đối với …"), as the section grammar
    # reads it; a capital after it, so "4.0 và …" or "1.5 lần …" running on is not one
    r"|\d{1,2}(?:\.\d{1,2})+\s+\p{Lu}"
    r"|[a-zđ]\)"
    r"|\((?:\d{1,2}|[a-zđ])\)"
    r"|[-+–•*]\s"
    r"|(?:Căn\s+cứ|Kính\s+gửi|Nơi\s+nhận)\b)"
)
ROMAN = regex.compile(r"[IVXLCDM]+")
DIGITS = regex.compile(r"\d+")
LOWER = regex.compile(r"\p{Ll}")
LETTERS = regex.compile(r"\p{L}+")
DIGIT = regex.compile(r"\d")
SENTENCE_END = regex.compile(r"[.:;!?…][”\"’)]*$")
# Within a paragraph the gap between lines stays under this many glyph heights.
LEADING = 0.8
# How far (in glyph heights) centred lines may sit from the estimated centre of the text.
CENTRE_SLACK = 2.0
# A word space, in glyph heights, for the does-the-next-word-fit test.
WORD_SPACE = 0.2


@dataclass(frozen=True, slots=True)
class _Margins:
    left: float
    right: float

    def wrapped(self, prev: Line, nxt: Line) -> bool:
        """The next line's first word would not have fitted after the previous line."""
        return prev.x1 + WORD_SPACE * nxt.height + nxt.lead > self.right

    def centred(self, a: Line, b: Line) -> bool:
        """Both lines centred, on each other and on the text: the text's centre is an estimate
        (its right edge is where most lines end), which the page's lines may miss by a little
        more, most in layout text, where proportional type is set in character columns."""
        if min(a.x0, b.x0) <= self.left + a.height:
            return False  # a line from the left margin is flush left or full width, not centred
        centre = (self.left + self.right) / 2
        ca, cb = (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2
        return abs(ca - cb) <= a.height and max(abs(ca - centre), abs(cb - centre)) <= CENTRE_SLACK * a.height


def mark_furniture(pages: list[list[Line]], heights: list[float]) -> int:
    """Label running headers/footers and page numbers in place; return how many lines are
    furniture (these and those labelled by content).

    Band lines (row set) never count as running: a PDF of several letters repeats their
    headers. A page number can sit inside a band's column, so it is looked for by position.
    """
    repeated = _running(pages, heights) if len(pages) >= 3 else set()
    for lines, height in zip(pages, heights):
        for line in lines:  # running lines first: a page number may sit under a running header
            running = line.row is None and _in_margin(line, height) and _key(line, height) in repeated
            if running and line.furniture is None:  # page numbers run too ("#" at one place)
                line.furniture = PAGE_NUMBER_LABEL if PAGE_NUMBER.match(line.text) else RUNNING_LABEL
        content = [line for line in lines if line.furniture is None]
        if not content:
            continue
        for edge in {id(line): line for line in (min(content, key=_top), max(content, key=_bottom))}.values():
            if _in_margin(edge, height) and PAGE_NUMBER.match(edge.text):  # the regex only for the margins
                edge.furniture = PAGE_NUMBER_LABEL
    return sum(1 for lines in pages for line in lines if line.furniture)


def _in_margin(line: Line, height: float) -> bool:
    return line.top < MARGIN * height or line.bottom > (1 - MARGIN) * height


def _top(line: Line) -> float:
    return line.top


def _bottom(line: Line) -> float:
    return line.bottom


def _key(line: Line, height: float) -> tuple[str, int]:
    """The text without its numbers, and the place from the nearer edge: pages of layout text
    end at different rows, and a footer keeps its distance from the bottom."""
    place = line.top if line.top < height / 2 else line.top - height
    return DIGITS.sub("#", line.text.casefold()), round(place / 6)


def _running(pages: list[list[Line]], heights: list[float]) -> set[tuple[str, int]]:
    seen: defaultdict[tuple[str, int], set[int]] = defaultdict(set)
    for number, (lines, height) in enumerate(zip(pages, heights)):
        content = [line for line in lines if line.furniture is None]
        for line in content[:2] + content[-2:]:
            if line.row is None and _in_margin(line, height):
                seen[_key(line, height)].add(number)
    needed = max(3, RUNNING_SHARE * len(pages))
    return {key for key, numbers in seen.items() if len(numbers) >= needed}


def join_paragraphs(lines: list[Line]) -> list[Line]:
    """Join each wrapped line to the line it continues (lines of one page, in reading order)."""
    body = [l for l in lines if l.row is None and l.furniture is None]
    if not body:
        return lines
    margins = _margins(body)
    out: list[Line] = []
    last = first = None  # the previous physical line, and the first line of its paragraph
    body_x0 = None  # where the paragraph's second and later lines start
    for line in lines:
        if last is not None and _continues(last, line, margins) and (
            _split_symbol(last.text) or _aligned(first, body_x0, line, margins)
        ):
            out[-1] = _merge(out[-1], line)
            body_x0 = line.x0 if body_x0 is None else body_x0
        else:
            out.append(line)
            first, body_x0 = line, None
        last = line
    return out


def _aligned(first: Line, body_x0: float | None, line: Line, margins: _Margins) -> bool:
    """Does the line start where a continuation of this paragraph starts?

    A wrapped line goes back to (or towards) the left margin, or under the text after a label (a
    hanging "- " item), or, in an indented list, under the label going on in lower case. A line that
    starts where the paragraph's indented first line started is a new paragraph ("b) Kết quả …"
    over "Trước sáp nhập …", both indented). Centred lines go on centred.
    """
    height = line.height
    if line.x0 <= margins.left + height or margins.centred(first, line):
        return True
    if body_x0 is not None:
        return abs(line.x0 - body_x0) <= 0.5 * height
    if line.x0 < first.x0 - 0.2 * height:
        return True  # back towards the margin from an indented first line
    if not SECTION_LABEL.match(first.text):
        return False
    hanging = first.x0 + 0.2 * height < line.x0 <= first.x0 + 4 * height
    return hanging or (abs(line.x0 - first.x0) <= 0.2 * height and line.text[:1].islower())


def _margins(body: list[Line]) -> _Margins:
    """The text's left edge and its right edge (where all but the odd wide line end)."""
    ends = sorted(line.x1 for line in body)
    return _Margins(min(line.x0 for line in body), ends[int(0.9 * (len(ends) - 1))])


def _continues(prev: Line, nxt: Line, margins: _Margins) -> bool:
    if prev.row is not None or nxt.row is not None or prev.gapped or nxt.gapped or prev.furniture or nxt.furniture:
        return False
    if abs(prev.height - nxt.height) > 0.15 * max(prev.height, nxt.height):
        return False
    if not -0.5 * prev.height <= nxt.top - prev.bottom <= LEADING * prev.height:
        return False
    if _split_symbol(prev.text):
        return True  # "2764/QĐ-" goes on with "TTg", whatever the line below looks like
    if SECTION_LABEL.match(nxt.text) or _title(prev.text) or _title(nxt.text):
        return False
    if prev.fonts and nxt.fonts and not _typeface(prev.fonts) & _typeface(nxt.fonts):
        return False  # a bold heading over regular text, a caption in italics
    wrapped = margins.wrapped(prev, nxt)
    if not wrapped and SENTENCE_END.search(prev.text):
        return False
    if wrapped or margins.centred(prev, nxt):
        return True
    # A line broken early by hand inside a sentence goes on in lower case; a short heading over
    # a flush-left paragraph does not.
    return nxt.text[:1].islower()


def _title(text: str) -> bool:
    """An all-capitals line ("QUYẾT ĐỊNH:", "CHỦ TỊCH ỦY BAN NHÂN DÂN") or a rule ("-----");
    not a lone Roman numeral ("XIII;" ends "… khóa" on the line above)."""
    if LOWER.search(text):
        return False
    letters = "".join(LETTERS.findall(text))
    if not letters:
        return not DIGIT.search(text)
    return len(letters) >= 2 and not ROMAN.fullmatch(letters)


def _typeface(fonts: tuple[str, ...]) -> set[str]:
    """Font names without the subset tag: Word splits one face into several subsets."""
    return {font.split("+", 1)[-1] for font in fonts}


def _split_symbol(text: str) -> bool:
    """The line ends in a hyphen glued to a word or number: a symbol or word cut at the end."""
    return text.endswith("-") and len(text) > 1 and text[-2].isalnum()


def _merge(prev: Line, nxt: Line) -> Line:
    text = prev.text
    if _split_symbol(text):
        # "2764/QĐ-" + "TTg": a symbol split at its hyphen; a word split by hyphenation
        # (the next line goes on in lower case) loses the hyphen.
        joined = text[:-1] + nxt.text if nxt.text[:1].islower() else text + nxt.text
    else:
        joined = f"{text} {nxt.text}"
    merged = Line(prev.page, [], min(prev.x0, nxt.x0), prev.top, max(prev.x1, nxt.x1), nxt.bottom, prev.height)
    merged.text = joined
    merged.fonts = tuple(dict.fromkeys(prev.fonts + nxt.fonts))
    return merged
