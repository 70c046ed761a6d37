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
from functools import lru_cache

import regex

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


def bare(text: str) -> str:
    """Every letter without its marks, đ as d, lower case; the same length as `text`."""
    return "".join(_bare_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def _bare_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if len(base) == 1 else ch


def _phrase_pattern(phrase: str) -> str:
    # words of the bare phrase, any spacing between them; a dash may be any dash
    words = [regex.escape(bare(w)) for w in phrase.split()]
    return r"\s+".join(w if w != "\\-" else "[-–—]" for w in words)


# A phrase this long may also be repaired where OCR put wrong marks ("Tụ do" for "Tự do").
_WRONG_MARKS_MIN_WORDS = 3

_PATTERN = regex.compile(
    r"(?<![\w])(?:" + "|".join(f"(?P<k{i}>{_phrase_pattern(p)})" for i, p in enumerate(KEYWORDS)) + r")(?![\w])"
)


@dataclass(frozen=True, slots=True)
class Repair:
    start: int
    end: int
    before: str
    after: str


def repair_keywords(text: str) -> tuple[str, tuple[Repair, ...]]:
    """`text` with the marks of KEYWORDS restored, and what was changed."""
    flat = bare(text)
    out = list(text)
    repairs: list[Repair] = []
    for m in _PATTERN.finditer(flat):
        phrase = KEYWORDS[int(m.lastgroup[1:])]
        written = text[m.start() : m.end()]
        restored = _restore(written, phrase)
        if restored is None or restored == written or _equivalent(written, phrase):
            continue
        if len(phrase.split()) < _WRONG_MARKS_MIN_WORDS and not _only_marks_missing(written, restored):
            continue  # "bị thu" is not a damaged "BÍ THƯ": short phrases are repaired only where marks are missing
        out[m.start() : m.end()] = restored
        repairs.append(Repair(m.start(), m.end(), written, restored))
    return ("".join(out), tuple(repairs)) if repairs else (text, ())


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
