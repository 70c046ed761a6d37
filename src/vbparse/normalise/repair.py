"""Structural keywords restored where OCR or a lost font dropped their diacritics.

"Tinh ủy", "Kinh gửi", "Noi nhận", "Độc lập - Tụ do - Hạnh phúc", "CONG HOA XA HOI CHU NGHIA
VIET NAM": a phrase of KEYWORDS whose letters, stripped of every mark, equal the text's is
written back with its marks. Inside running text only these multi-word phrases are repaired, and
a short one only where marks are missing ("Tinh ủy"), never where other marks make other words
("bị thu" is not "BÍ THƯ"). Where the line itself says what the words must be, wrong marks are
repaired too: a line that is nothing but a type, position or keyword ("QUYÉT ĐỊNH", "GIẦY PHÉP",
"PHÓ CHỦ TỊCH"), a capitals line opening with a type name of two words or more ("QUYÉT ĐỊNH
PHÊ DUYỆT …"), and the administrative level opening the line under a body's name ("ỦY BAN NHÂN
DÂN" / "TĨNH LÀO CAI"). So this is a repair, not a guess. The case of each letter is kept and
the length never changes (one NFC letter for one), so spans stay valid. Every repair is reported.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import islice

import re

from ..patterns.tables import ADMIN_LEVELS, DOC_TYPES, ORGAN_HEADS, POSITIONS, PROVINCES, RANKS
from .fold import fold_tones

# Phrases the segmenter and extractors key on (headings, motto, list and grounds keywords,
# local party committees and people's councils). Both tone placements of "hòa/hoà" and
# "ủy/uỷ" are official; the first form listed is the one written back.
KEYWORDS: tuple[str, ...] = (
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Kính gửi",
    "Nơi nhận",
    "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Thị ủy", "Đảng ủy", "Quận ủy",
    "Ban Thường vụ", "Ban Chấp hành",
    "Ủy ban nhân dân", "Hội đồng nhân dân",
    "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "NGHỊ ĐỊNH", "THÔNG TƯ", "CHỈ THỊ", "KẾ HOẠCH", "TỜ TRÌNH", "HƯỚNG DẪN",
    "BÁO CÁO", "THÔNG BÁO", "CÔNG ĐIỆN", "GIẤY MỜI",
    "CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "TRƯỞNG BAN", "BÍ THƯ", "CHÁNH VĂN PHÒNG",
    # a province named with its level: three words or more, so OCR's wrong marks are repaired too
    *(f"{level} {name}" for name in PROVINCES for level in ("tỉnh", "thành phố")),
)


def _bare_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", ch)[0].lower()


# Latin letters with marks (Latin-1 to Latin Extended Additional, where Vietnamese lives) and
# ASCII capitals: one character each, so the bare text keeps its length.
_BARE = {cp: _bare_char(chr(cp)) for cp in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))
         if chr(cp).isalpha()}


def bare(text: str) -> str:
    """Every letter without its marks, đ as d, lower case; the same length as `text`."""
    return text.translate(_BARE)


def _key(bare_text: str) -> str:
    """A bare phrase with its spacing and dashes made uniform, to look the phrase up."""
    return " ".join(bare_text.replace("–", "-").replace("—", "-").split())


_BY_KEY = {_key(bare(p)): p for p in KEYWORDS}


def _trie_pattern(phrases: list[str]) -> str:
    """One regex for many phrases, common prefixes factored out: far faster than a flat
    alternation. A space matches any spacing, a dash any dash."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [(_CHAR.get(ch, re.escape(ch)) + emit(child)) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


_CHAR = {" ": r"\s+", "-": "[-–—]"}
# A phrase this long may also be repaired where OCR put wrong marks ("Tụ do" for "Tự do").
_WRONG_MARKS_MIN_WORDS = 3
# `re`, not `regex`: on this one ASCII-heavy trie it is four times faster here.
_PATTERN = re.compile(r"(?<![\w])" + _trie_pattern(sorted(_BY_KEY)) + r"(?![\w])")


@dataclass(frozen=True, slots=True)
class Repair:
    start: int
    end: int
    before: str
    after: str


def _by_key(phrases) -> dict[str, str]:
    table: dict[str, str] = {}
    for phrase in phrases:
        table.setdefault(_key(bare(phrase)), phrase)  # the first listed wins
    return table


# Phrases that are the whole of their line: a type line, a position, a list keyword.
_LINE_BY_KEY = _by_key((*KEYWORDS, *(t.upper() for t in DOC_TYPES), *POSITIONS))
# a line longer than this (twice the longest phrase, for spacing and specks) is no lone keyword
_LONGEST_LINE_PHRASE = 2 * max(map(len, _LINE_BY_KEY.values())) + 8
# Type names of two words or more, at the start of a capitals line: specific enough letters.
_TYPE_START_BY_KEY = _by_key(t.upper() for t in DOC_TYPES if " " in t)
_TYPE_START_WORDS = sorted({len(k.split()) for k in _TYPE_START_BY_KEY}, reverse=True)
_LEVEL_BY_KEY = _by_key(ADMIN_LEVELS)
# The place of the place-and-date line is a province's name without its level ("Lâm Đông, ngày").
_PROVINCE_BY_KEY = _by_key(PROVINCES)
_PLACE_LINE = re.compile(r"^\s*([^\W\d_][^,.\n]{1,40}?)\s*[,.]\s*(?=ngày|tháng|ngay|thang)")
# A rank opening the signer's line ("Thiêu tướng Nguyễn Văn A"): a name line, whatever its case.
_RANK_BY_KEY = _by_key(RANKS)
_LEVEL_WORDS = sorted({len(k.split()) for k in _LEVEL_BY_KEY}, reverse=True)
_ORGAN_KEYS = tuple(_key(bare(o)) for o in ORGAN_HEADS)
# "Só:3036 /SCT-CN", "S6: 12/QĐ-UBND": OCR's reading of the number line's "Số", known by what follows.
_NUMBER_WORD = re.compile(r"^\s*(S[^\W\d_]|S6|s6)(?=\s*[:.]?\s*(?:\d[\dOIl.]*\s*[/-]|[ ._…]*/\s*[A-ZĐ]))")
_WHOLE_LINE = re.compile(r"^\s*(.*?)[\s:.;]*$", re.S)
_WORDS = re.compile(r"\S+")
_CAPITALS_SAMPLE = 300


def _capitals(text: str) -> bool:
    """Mostly capitals, judged on the line's opening (a paragraph is never a label)."""
    head = text[:_CAPITALS_SAMPLE]
    letters = sum(map(str.isalpha, head))
    return letters >= 2 and sum(map(str.isupper, head)) >= 0.8 * letters


def _leading_words(text: str, counts: list[int], table: dict[str, str]) -> tuple[int, str] | None:
    """(end offset, phrase) of the longest run of the line's first words found in `table`."""
    words = list(islice(_WORDS.finditer(text), max(counts)))
    for n in counts:
        if n <= len(words):
            phrase = table.get(_key(bare(text[words[0].start() : words[n - 1].end()])))
            if phrase is not None:
                return words[n - 1].end(), phrase
    return None


def _line_repairs(text: str, previous: str | None) -> list[tuple[int, int, str]]:
    """(start, end, phrase) spans the line itself vouches for, wrong marks allowed."""
    number = _NUMBER_WORD.match(text)
    if number and bare(number.group(1).replace("6", "o")) == "so":
        return [(number.start(1), number.end(1), "Số")]
    place = _PLACE_LINE.match(text)
    if place and (name := _PROVINCE_BY_KEY.get(_key(bare(place.group(1))))):
        return [(place.start(1), place.end(1), name)]
    capitals = _capitals(text)
    m = _WHOLE_LINE.match(text) if len(text) <= _LONGEST_LINE_PHRASE else None
    phrase = _LINE_BY_KEY.get(_key(bare(m.group(1)))) if m and m.group(1) else None
    # in lower case a line may be the end of a sentence ("bị thu"); a label ends with a colon
    if phrase is not None and (capitals or text.rstrip().endswith(":")):
        return [(m.start(1), m.end(1), phrase)]
    start = len(text) - len(text.lstrip())
    if not capitals:
        found = _leading_words(text, [2], _RANK_BY_KEY)
        return [(start, found[0], found[1])] if found else []
    found = _leading_words(text, _TYPE_START_WORDS, _TYPE_START_BY_KEY)
    if found is None and previous is not None and _key(bare(previous)).endswith(_ORGAN_KEYS):
        found = _leading_words(text, _LEVEL_WORDS, _LEVEL_BY_KEY)
    return [(start, found[0], found[1])] if found else []


def vocabulary_form(text: str) -> str | None:
    """`text` as the type, position or keyword it spells with OCR's wrong or missing marks
    ("GIÁM ĐÓC" -> "GIÁM ĐỐC"), in its own case; None when it spells none of them."""
    phrase = _LINE_BY_KEY.get(_key(bare(text)))
    if phrase is None or _equivalent(text, phrase):
        return None
    return _restore(text, phrase)


def repair_keywords(text: str, previous: str | None = None) -> tuple[str, tuple[Repair, ...]]:
    """`text` with the marks of KEYWORDS restored, and what was changed; `previous` is the line
    before it (a body's name the line may continue)."""
    out: list[str] | None = None
    repairs: list[Repair] = []
    for start, end, phrase in _line_repairs(text, previous):
        written = text[start:end]
        restored = None if _equivalent(written, phrase) else _restore(written, phrase)
        if restored is not None and restored != written:
            out = list(text)
            out[start:end] = restored
            repairs.append(Repair(start, end, written, restored))
    if out:
        text = "".join(out)
    flat = bare(text)
    for m in _PATTERN.finditer(flat):
        phrase = _BY_KEY[_key(m.group(0))]
        written = text[m.start() : m.end()]
        if _equivalent(written, phrase):
            continue
        restored = _restore(written, phrase)
        if restored is None or restored == written:
            continue
        if len(phrase.split()) < _WRONG_MARKS_MIN_WORDS and not _only_marks_missing(written, restored):
            continue  # "bị thu" is not a damaged "BÍ THƯ": short phrases are repaired only where marks are missing
        out = out or list(text)
        out[m.start() : m.end()] = restored
        repairs.append(Repair(m.start(), m.end(), written, restored))
    return ("".join(out), tuple(sorted(repairs, key=lambda r: r.start))) if out else (text, ())


def _restore(written: str, phrase: str) -> str | None:
    """The phrase's letters in the written text's case and spacing, or None if they don't align."""
    letters = iter(ch for ch in phrase if not ch.isspace())
    restored = []
    for ch in written:
        if ch.isspace():
            restored.append(ch)
            continue
        target = next(letters, None)
        if target is None:
            return None
        if not target.isalpha():
            restored.append(ch)  # keep the text's own dash
            continue
        restored.append(target.upper() if ch.isupper() else target.lower())
    return "".join(restored)


def _only_marks_missing(written: str, restored: str) -> bool:
    return all(w == r or w.lower() == _bare_char(r) for w, r in zip(written, restored))


def _equivalent(written: str, phrase: str) -> bool:
    """Written right in the other official tone placement ("CỘNG HOÀ", "Tỉnh uỷ"): no repair."""
    return fold_tones(" ".join(written.split())).casefold() == fold_tones(phrase).casefold()
