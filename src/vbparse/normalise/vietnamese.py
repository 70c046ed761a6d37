"""Vietnamese spelling: is a word a possible syllable, and how common is it?

Used to score candidate decodings of legacy text: a right decoding yields real syllables
(`Cộng hoà`), a wrong one yields impossible ones (`Céng hoµ`, `Thỏi Bỡnh` is possible but rare).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from .legacy_tables import TONES
from .syllable_ranks import COMMON_SYLLABLES

# Initial consonants, longest first so that "ngh" is not read as "ng" + "h".
_INITIALS = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# Rhymes (vowel nucleus and final consonant) of standard spelling, without the tone.
_RHYMES = frozenset("""
a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e ec em en eng eo ep et ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oen oeo oet oi om on ong
ooc oong op ot ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc uê uêch uên uênh uêt ui um un ung uơ uôc uôi uôm uôn uông uôt up ut uy uya uych
uyên uyêt uynh uyt uyu
ư ưa ưc ưi ưm ưn ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu
y yêm yên yêng yêt yêu
""".split())
# Stop finals allow only the acute and dot-below tones.
_STOP_FINALS = ("c", "ch", "p", "t")
_STOP_TONES = {"\u0301", "\u0323"}
_SYLLABLE = regex.compile(f"(?:{_INITIALS})?(.+)")

# Rank of a common syllable (0 = most common), from scripts/make_syllable_ranks.py.
_RANK = {syllable: rank for rank, syllable in enumerate(COMMON_SYLLABLES.split())}
COMMON_COUNT = len(_RANK)


@lru_cache(maxsize=16384)
def is_syllable(word: str) -> bool:
    """Whether `word` (one syllable, any case, NFC) is spelled like a Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES))
    for initial in _initial_readings(bare):
        rhyme = bare[len(initial):]
        if rhyme in _RHYMES and not (tones and rhyme.endswith(_STOP_FINALS) and tones[0] not in _STOP_TONES):
            return True
    return False


def _initial_readings(bare: str) -> list[str]:
    """The ways `bare` can start: "gi" and "qu" may also be g/q plus a vowel (gìn = g + in)."""
    match = _SYLLABLE.match(bare)
    initial = bare[: match.start(1)] if match else ""
    readings = [initial]
    if initial in ("gi", "qu"):
        readings.append(initial[0])
    return readings


def syllable_rank(word: str) -> int | None:
    """Rank of `word` among common syllables of official documents, None when it is not one."""
    return _RANK.get(word.lower())
