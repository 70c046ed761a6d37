"""Structural keywords restored where OCR or a lost font dropped their diacritics.

"Tinh ủy", "Kinh gửi", "Noi nhận", "Độc lập - Tụ do - Hạnh phúc", "CONG HOA XA HOI CHU NGHIA
VIET NAM": a phrase of KEYWORDS whose letters, stripped of every mark, equal the text's is
written back with its marks. Only these multi-word phrases are repaired, and a short one only
where marks are missing ("Tinh ủy"), never where other marks make other words ("bị thu" is
not "BÍ THƯ"); so this is a repair, not a guess. The case of each letter is kept and the
length never changes (one NFC letter for one), so spans stay valid. Every repair is reported.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import re

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


def repair_keywords(text: str) -> tuple[str, tuple[Repair, ...]]:
    """`text` with the marks of KEYWORDS restored, and what was changed."""
    flat = bare(text)
    out: list[str] | None = None
    repairs: list[Repair] = []
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
    return ("".join(out), tuple(repairs)) if out else (text, ())


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
