"""Number-and-symbol grammars (reference §3), tolerant of the variants listed in §3.4.

All three run on the folded text (symbols carry no tones, so folding leaves them intact).
"""

from __future__ import annotations

import regex

# A code: starts with a capital; no two lower-case letters in a row, which admits the legit
# mixed-case codes (TTg, CTr, QĐi, QyĐ, TrS, ThU) but not a following word ("- Chính phủ");
# a unit may follow in brackets (TTr-CAT(PC04)).
CODE = r"[A-ZĐ](?:[A-ZĐ0-9&]|[a-zđ](?![a-zđ]))*(?:\([A-ZĐ0-9]+\))?(?![\w])"
TYPE_CODE = r"[A-ZĐ](?:[A-ZĐ]|[a-zđ](?![a-zđ])){0,4}(?![\w])"
DASH = r"\s*[-–—]\s*"
# A serial: digits, where OCR may have read 0 as O and 1 as l or I ("1O/2020/NĐ-CP"); at least
# one real digit, so no word is taken for a number. SERIAL_OCR_DIGITS repairs them.
SERIAL = r"(?=[0-9OIl]{0,4}[0-9])[0-9OIl]{1,5}(?![A-Za-zĐđ])"
SERIAL_OCR_DIGITS = str.maketrans({"O": "0", "I": "1", "l": "1"})
SLASH = r"\s*/\s*"
# A serial with a dotted part: a resolution adopted at a session, "66.15/2026/NQ-CP".
DOTTED = r"(?:\.[0-9]{1,4})?"
# How far after "Số" a number line's symbol is looked for, dot leaders of a draft included: a
# bound, so a line repeating "Số " is read in linear time.
SYMBOL_WINDOW = 400
# what is left of a symbol after an unreadable serial: "/TTr- CAT-PC04"
CODE_TAIL = regex.compile(r"/\s*[A-ZĐ][A-Za-zĐđ]*\s*-")

# 30/2020/NĐ-CP, 37/2021/QH15, 351/2017/UBTVQH14, 102/2025/NQLT-UBTVQH15-CP, 30a/2008/NQ-CP,
# 66.15/2026/NQ-CP
NORMATIVE = (
    rf"(?P<num>(?=[0-9OIl]{{0,3}}[0-9])[0-9OIl]{{1,4}}[a-z]?{DOTTED}){SLASH}(?P<year>(?:19|20)\d\d){SLASH}"
    rf"(?P<tail>(?:UBTV)?QH\d{{1,2}}(?![\w])|{CODE}(?:{DASH}{CODE})+)"
)
# 307-NQ/TU, 05-QC/BTCTU-BDVTU, 367 - QĐ/TWĐTN-VP
PARTY = rf"(?P<num>{SERIAL}){DASH}(?P<type>{TYPE_CODE}){SLASH}(?P<tail>{CODE}(?:{DASH}{CODE})*)"
# 128/NQ-CP, 1537/UBND-VP (công văn: no type code), 1206 /QĐ-HVTC; typed with a slash for the
# dash, 180/KH/UBND
ADMIN = rf"(?P<num>{SERIAL}{DOTTED}){SLASH}(?P<tail>{CODE}(?:(?:{DASH}|/){CODE})+)"

# Order matters: normative before administrative (both start with NUM/).
SYMBOL_FORMS = {"normative": NORMATIVE, "party": PARTY, "administrative": ADMIN}


def _prefixed(family: str, form: str) -> str:
    """Rename the groups of one form to <family>_<group> so the forms can be alternated."""
    return regex.sub(r"\?P<(\w+)>", lambda m: f"?P<{family}_{m[1]}>", form)


# One pattern finding any symbol; the alternative that matched tells the family.
SYMBOL = regex.compile(
    r"(?<![\w/.-])(?:"
    + "|".join(f"(?P<{fam}>{_prefixed(fam, form)})" for fam, form in SYMBOL_FORMS.items())
    + r")"
)

# Drafts leave the number blank: "Số:      /QĐ-UBND", "Số       -NQ/ĐU", "Số: …/TB-UBND".
BLANK_SYMBOL = regex.compile(
    rf"(?:[ ._…]*)(?:(?P<admin>/{CODE}(?:{DASH}{CODE})+)|(?P<party>-{TYPE_CODE}{SLASH}{CODE}(?:{DASH}{CODE})*))"
)
