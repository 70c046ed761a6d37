"""How Vietnamese a candidate decoding reads, and when a decoding clearly wins.

Each whitespace-separated word scores: a common syllable 1.5, another well-spelled syllable or
an abbreviation with Vietnamese letters (`QĐ`) 1, a misspelled one -0.5, a word holding a character no Vietnamese word has (`hoµ`, `Coäng`,
`Co^.ng`) or mixing cases (`ViÖt`, `chÝnh`) -1; plain ASCII words and abbreviations 0.
A decoding is taken only when it gains clearly over the text as it is (MARGINS).
"""

from __future__ import annotations

import itertools
import operator
import string
from collections.abc import Callable, Mapping
from functools import lru_cache

import regex

from .legacy_tables import VIETNAMESE_LETTERS
from .vietnamese import COMMON_COUNT, is_syllable, syllable_rank

COMMON, VALID, MISSPELT, FOREIGN = 1.5, 1.0, -0.5, -1.0
# Punctuation around a word, not part of it.
_EDGE = "\"'“”‘’()[]{}<>,.;:!?…*"
_LETTERS = frozenset(VIETNAMESE_LETTERS + string.ascii_letters)
_WORD_CHARS = _LETTERS | frozenset(string.digits + "-/.,&_%+'’:")
_SEGMENT = regex.compile("[" + "".join(sorted(_LETTERS)) + "]+")
_VOWELS = frozenset(VIETNAMESE_LETTERS.lower()) - {"đ"}

# (least total gain, least gain per changed word) for a decoding to be taken. A right decoding
# gains 1.5-2.5 per changed word; VIQR's marks are also punctuation, so it must show more.
MARGINS: dict[str, tuple[float, float]] = {"viqr": (6.0, 1.0)}
DEFAULT_MARGIN = (2.0, 0.25)
MAX_READINGS = 512  # a word with more ambiguous letters than this is left to its first reading
# Share of its words a decoding must spell as Vietnamese syllables: Latin-1 letters are Western
# letters too, and a few Western words read as legacy bytes are Vietnamese ones (Norwegian `på`
# is `pồ` in TCVN3 and `pụ` cut to a low byte, French `ça` `ủa`), enough to clear a margin.
# Vietnamese documents spell 92-100 % of their words so, a low-byte OCR dump with its
# misreadings 87 %, a garbled OCR layer 59 %; Western text read as TCVN3 or low bytes at most 40 %.
MIN_SYLLABLE_SHARE = 0.5
_WORD = regex.compile(r"\p{L}{2,}")


@lru_cache(maxsize=32768)
def word_score(token: str) -> float:
    word = token.strip(_EDGE)
    if not word or not any(ch in _LETTERS for ch in word):
        return 0.0
    if any(ch not in _WORD_CHARS for ch in word):
        return FOREIGN
    total = 0.0
    for segment in _SEGMENT.findall(word):
        if segment.isascii():
            continue
        if not (segment.islower() or segment.isupper() or segment.istitle()):
            return FOREIGN
        if segment.isupper() and not _VOWELS.intersection(segment.lower()):
            total += VALID  # an abbreviation: QĐ, HĐND
            continue
        if not is_syllable(segment):
            total += MISSPELT
            continue
        rank = syllable_rank(segment)
        # the rank only breaks ties between readings of one word
        total += VALID if rank is None else COMMON - rank / (10 * COMMON_COUNT)
    return total


def reads_as_vietnamese(text: str) -> bool:
    """Whether at least half the words of two letters or more in `text` (if any) are Vietnamese syllables."""
    words = _WORD.findall(text)
    return sum(map(is_syllable, words)) >= MIN_SYLLABLE_SHARE * len(words)


def gain(before: str, after: str) -> tuple[float, int]:
    """(score gained, words changed) from `before` to `after`."""
    old = before.split()
    return _gain(old, sum(map(word_score, old)), after)


def _gain(old: list[str], old_score: float, after: str) -> tuple[float, int]:
    # Every word is scored, changed or not: map over the cached scorer runs at C speed, a
    # Python loop picking the changed words does not.
    new = after.split()
    changed = sum(map(operator.ne, old, new)) if len(old) == len(new) else max(len(old), len(new))
    return sum(map(word_score, new)) - old_score, changed


def choose_encoding(text: str, converters: Mapping[str, Callable[[str], str]]) -> tuple[str, str] | None:
    """(encoding, decoded text) of the decoding of `text` that gains most, if it clears its margin
    and reads as Vietnamese as a whole."""
    best, best_gain = None, 0.0
    old = text.split()
    old_score = sum(map(word_score, old))
    for name, convert in converters.items():
        decoded = convert(text)
        total, changed = _gain(old, old_score, decoded)
        least, per_word = MARGINS.get(name, DEFAULT_MARGIN)
        if total >= least and total >= per_word * changed and total > best_gain and reads_as_vietnamese(decoded):
            best, best_gain = (name, decoded), total
    return best


def best_reading(options: list[str]) -> str:
    """The best-scoring word built from one character of each option string (the first of
    each on a tie, or when there are too many readings to try)."""
    count = 1
    for option in options:
        count *= len(option)
    if count > MAX_READINGS:
        return "".join(option[0] for option in options)
    best, best_score = "", float("-inf")
    for letters in itertools.product(*options):
        word = "".join(letters)
        score = word_score(word)
        if score > best_score:
            best, best_score = word, score
    return best
