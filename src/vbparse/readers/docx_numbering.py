"""Word automatic numbering (numbering.xml) resolved to the labels Word displays.

The section parser reads labels ("1.", "a)", "I.") from the text, so a list that Word numbers
by itself must get its label written out. Counters follow Word: every w:num over the same
w:abstractNum continues one sequence, and a w:num with a w:startOverride restarts it where
that w:num is first used (ECMA-376 §17.9). Counting per w:num instead would restart lists
that Word shows as continuing.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_VAL = f"{W}val"
_PLACEHOLDERS = [(f"%{i + 1}", i) for i in range(9)]
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


@dataclass(frozen=True, slots=True)
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 0  # the spec's default when w:start is absent
    restart: int | None = None  # w:lvlRestart: 0 never; N after a use of level N-1 or shallower
    legal: bool = False  # w:isLgl: every placeholder shown as a decimal
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


@dataclass(frozen=True, slots=True)
class _Num:
    abstract: str
    starts: dict[int, int]  # w:lvlOverride/w:startOverride
    levels: dict[int, Level]  # w:lvlOverride/w:lvl


def format_number(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = []
        for n, letters in _ROMAN:
            count, value = divmod(value, n)
            roman.append(letters * count)
        return "".join(roman).upper() if fmt == "upperRoman" else "".join(roman)
    if fmt in ("upperLetter", "lowerLetter"):
        if value < 1:
            return ""
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # Word: y, z, aa, bb
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)  # decimal, and formats Vietnamese documents do not use


class Numbering:
    """The list definitions of one document and the running counters of its lists."""

    def __init__(self, root: etree._Element | None, style_nums: dict[str, str]) -> None:
        self._abstracts: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstract id -> style id (w:numStyleLink)
        self._nums: dict[str, _Num] = {}
        self._style_nums = style_nums
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[tuple[str, int]] = set()
        if root is None:
            return
        for abstract in root.iterchildren(f"{W}abstractNum"):
            key = abstract.get(f"{W}abstractNumId", "")
            self._abstracts[key] = _levels(abstract)
            link = abstract.find(f"{W}numStyleLink")
            if link is not None:
                self._links[key] = link.get(_VAL, "")
        for num in root.iterchildren(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for override in num.iterchildren(f"{W}lvlOverride"):
                ilvl = _ilvl(override)
                start = _int(override.find(f"{W}startOverride"))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self._nums[num.get(f"{W}numId", "")] = _Num(ref.get(_VAL, ""), starts, levels)

    def style_level(self, num_id: str, style: str) -> int:
        """The level a style-numbered paragraph is at: the level bound to its style, else 0."""
        levels = self._definition(num_id)
        return next((ilvl for ilvl, level in levels.items() if level.style == style), 0)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list `num_id` at level `ilvl`; return the label shown, or None."""
        num = self._nums.get(num_id)
        levels = self._definition(num_id)
        level = self._level(num, levels, ilvl) if num else None
        if num is None or level is None:
            return None
        counters = self._counters.setdefault(self._abstract_id(num.abstract), {})
        if ilvl in num.starts and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            counters[ilvl] = num.starts[ilvl]
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for deeper in [d for d in counters if d > ilvl]:
            restart = (self._level(num, levels, deeper) or Level()).restart
            if restart is None or (restart and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return "-"
        text = level.text
        for placeholder, k in _PLACEHOLDERS:
            if placeholder in text:
                shown = self._level(num, levels, k) or Level()
                value = counters.get(k, shown.start)
                text = text.replace(placeholder, format_number(value, "decimal" if level.legal else shown.fmt))
        return text.strip() or None

    def _level(self, num: _Num, levels: dict[int, Level], ilvl: int) -> Level | None:
        return num.levels.get(ilvl) or levels.get(ilvl)

    def _abstract_id(self, abstract: str) -> str:
        """Follow w:numStyleLink: the abstract that only points at a numbering style."""
        style = self._links.get(abstract)
        num = self._nums.get(self._style_nums.get(style, "")) if style else None
        return num.abstract if num and num.abstract != abstract else abstract

    def _definition(self, num_id: str) -> dict[int, Level]:
        num = self._nums.get(num_id)
        return self._abstracts.get(self._abstract_id(num.abstract), {}) if num else {}


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(_VAL, ""))
    except ValueError:
        return default


def _level(lvl: etree._Element) -> Level:
    fmt = lvl.find(f"{W}numFmt")
    if fmt is None:  # Word 2010 custom formats keep a plain one in the fallback branch
        fmt = lvl.find(f"{MC}AlternateContent/{MC}Fallback/{W}numFmt")
    text = lvl.find(f"{W}lvlText")
    legal = lvl.find(f"{W}isLgl")
    style = lvl.find(f"{W}pStyle")
    return Level(
        fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
        text=text.get(_VAL, "") if text is not None else "",
        start=_int(lvl.find(f"{W}start"), 0) or 0,
        restart=_int(lvl.find(f"{W}lvlRestart")),
        legal=legal is not None and legal.get(_VAL, "true") not in ("0", "false", "off"),
        style=style.get(_VAL) if style is not None else None,
    )


def _levels(abstract: etree._Element) -> dict[int, Level]:
    return {_ilvl(lvl): _level(lvl) for lvl in abstract.iterchildren(f"{W}lvl")}


def _ilvl(el: etree._Element) -> int:
    try:
        return int(el.get(f"{W}ilvl", "0"))
    except ValueError:
        return 0
