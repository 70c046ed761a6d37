"""Legacy text found by content, where no font name tells (plain-text files, PDF pages, DOCX runs
in other fonts) or where the font name lies (VNI text typed into a TCVN3-named font).

The candidate decodings are scored (legacy_score); one is taken only when it clearly reads
better than the text as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .legacy import CONVERTERS, convert_by_font, font_encoding, is_surface, mostly_surface
from .legacy_score import DEFAULT_MARGIN, VALID, choose_encoding, gain, word_score

# Unicode cut to one byte per letter: a PDF font's fault, which text dumps of such PDFs
# (`pdftotext`, copy and paste) carry on.
LOW_BYTE = "unicode-low-byte"
# Encodings told apart by content in plain text.
TEXT_ENCODINGS = ("tcvn3", "vni", "cp1258", "viqr", LOW_BYTE)
# VIQR is ASCII (quotes aside): text with more of anything else is not tried as VIQR.
VIQR_MAX_NON_ASCII = 0.01
# Characters scored to choose the encoding (some 400 words); the whole text is then converted.
DETECT_SAMPLE = 2000
# Encodings a word processor's runs are told apart in: the two font families of the archives.
RUN_ENCODINGS = ("tcvn3", "vni")


def detect(text: str, encodings: Iterable[str] = TEXT_ENCODINGS) -> tuple[str, str] | None:
    """(encoding, Unicode text) of `text` (a surface string) when it clearly reads as a legacy
    encoding, else None. TCVN3 headings typed for `…H` fonts have lower-case codes inside
    capitals, which are restored (`CéNG` -> `CỘNG`): no font says they were capitals here."""
    sample = text[:DETECT_SAMPLE]
    if len(sample) - len(sample.encode("ascii", "ignore")) > VIQR_MAX_NON_ASCII * len(sample):
        encodings = [name for name in encodings if name != "viqr"]
    found = choose_encoding(sample, {name: CONVERTERS[name] for name in encodings})
    if found is None:
        return None
    encoding, decoded = found
    if len(sample) < len(text):
        decoded = CONVERTERS[encoding](text)
    return encoding, restore_capitals(decoded) if encoding == "tcvn3" else decoded


def convert_run(text: str, font: str | None) -> tuple[str, str] | None:
    """(Unicode text, encoding) of the text of one font in a line, None when it stays as it is.
    A legacy font's encoding is taken unless another clearly reads better (files mixing TCVN3
    and VNI put VNI text in TCVN3-named fonts); the text of any other font is converted when it
    clearly reads as TCVN3 or VNI (`VNSTCVN3`, or a legacy run left in Times New Roman)."""
    if text.isascii() or not is_surface(text):
        return None
    legacy = font_encoding(font)
    base = convert_by_font(text, *legacy) if legacy else text
    best: tuple[str, str] | None = None
    for name in RUN_ENCODINGS:
        if legacy and name == legacy[0]:
            continue
        decoded = CONVERTERS[name](text)
        if name == "tcvn3":
            decoded = restore_capitals(decoded)
        # a named font's text is judged by the margin alone: its runs may hold half a word
        if _clearly_better(base, decoded, short=legacy is None) and (best is None or gain(best[0], decoded)[0] > 0):
            best = decoded, name
    if best is None and legacy:
        return base, legacy[0]
    return best


def _clearly_better(before: str, after: str, short: bool) -> bool:
    """`after` gains its margin over `before`, or (with `short`: a run of a word or two, too short
    to gain it) turns every changed word from a misspelling into a syllable (`chieác` -> `chiếc`)."""
    total, changed = gain(before, after)
    least, per_word = DEFAULT_MARGIN
    if total >= least and total >= per_word * changed:
        return True
    old, new = before.split(), after.split()
    return short and total > 0 and len(old) == len(new) and all(
        word_score(a) < 0 and word_score(b) >= VALID for a, b in zip(old, new) if a != b)


def convert_lines(lines: list[str], encodings: Iterable[str] = TEXT_ENCODINGS) -> tuple[list[str], list[str | None]]:
    """Convert the legacy lines of a Unicode text: the lines a legacy surface could hold are
    scored together to find their encoding, then each is converted if that reads better.
    Returns the lines and, per line, the encoding it was converted from."""
    done: list[str | None] = [None] * len(lines)
    candidates = [i for i, line in enumerate(lines) if line.strip() and is_surface(line)]
    if not candidates:
        return lines, done
    if not mostly_surface("\n".join(lines)):  # a low-byte dump is low bytes throughout
        encodings = [name for name in encodings if name != LOW_BYTE]
    found = detect("\n".join(lines[i] for i in candidates), encodings)
    if found is None:
        return lines, done
    encoding, decoded = found
    out = list(lines)
    for i, converted in zip(candidates, decoded.split("\n")):
        if converted != lines[i] and gain(lines[i], converted)[0] > 0:
            out[i], done[i] = converted, encoding
    return out, done


_LOWER_ASCII = regex.compile(r"[a-z]")
_UPPER = regex.compile(r"\p{Lu}")
# A line without lower-case ASCII letters: capitals, when a word of it shows two capitals. A
# layout dump sets a header's two columns on one line, apart by a run of spaces: each column
# is judged alone.
_CAPITALS_LINE = regex.compile(r"(?:^|(?<=[ \t]{2}))(?! )[^a-z\n]*?\p{Lu}[^a-z\n]*?(?=[ \t]{2}|$)", regex.M)


# A word with a capital and a lower-case letter but no lower-case ASCII: the only words
# _restore_word may change.
_MIXED_WORD = regex.compile(r"(?<!\S)(?=[^\sa-z]*\p{Lu})(?=[^\sa-z]*\p{Ll})[^\sa-z]+(?!\S)")


def restore_capitals(text: str) -> str:
    """Upper-case the lines and words in capitals whose toned letters came out lower case."""
    return _MIXED_WORD.sub(_restore_word, _CAPITALS_LINE.sub(_restore_line, text))


def _restore_line(m: regex.Match[str]) -> str:
    line = m.group(0)
    return line.upper() if any(w.isalpha() and len(_UPPER.findall(w)) >= 2 for w in line.split()) else line


def _restore_word(m: regex.Match[str]) -> str:
    word = m.group(0)
    first = next((ch for ch in word if ch.isalpha()), "")
    uppers = len(_UPPER.findall(word))
    return word.upper() if uppers >= 2 or (uppers == 1 and not first.isupper()) else word
