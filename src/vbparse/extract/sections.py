"""The section tree (reference §7): A./I./1./a)/-, Phần/Chương/Mục/Điều/khoản/điểm.

Structural labels nest by a fixed rank. The other schemes nest in the order the document
first uses them, like a list parser: a label continues an open level when it is the next
value there (II after I), opens a new level when it is a first value (1, a, I), and is
otherwise a gap, kept and reported. Ambiguous labels ("C." letter or Roman 100, "I." Roman
one or the ninth letter) take the reading that continues or opens a level.
Inline enumerations "(1) … (2) …" are not labels and stay in their section's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..context import Context
from ..model import Section
from ..normalise import Line
from ..patterns.sections import LABELS, STRUCTURAL_RANK
from ..patterns.tables import LATIN_ALPHABET, ROMAN_VALUES, VIETNAMESE_ALPHABET
from .lines import ends_sentence, is_caps, words

_SPACES = regex.compile(r"\s+")
_MAX_HEADING_WORDS = 40
_MAX_COLON_HEADING_WORDS = 20
_MAX_ALPHA_HEADING_WORDS = 12
# Real documents nest a handful of levels; the bound keeps every tree walk, and pydantic's
# JSON validation (which stops at 200 nested JSON values), far from its limit.
MAX_SECTION_DEPTH = 32


@dataclass(frozen=True, slots=True)
class Label:
    style: str
    label: str
    value: str
    rest_start: int  # where the text after the label starts in the line

    @property
    def key(self) -> str:
        """Levels are told apart by style; decimals also by depth, bullets by their mark."""
        if self.style == "decimal":
            return f"decimal{self.value.count('.')}"
        if self.style == "bullet":
            return "bullet+" if self.label == "+" else "bullet-"
        return self.style


@lru_cache(maxsize=8192)
def parse_label(text: str) -> tuple[Label, ...]:
    """Every reading of the label that opens `text` (none for plain paragraphs). Cached: the line
    classifier and the section builder both read the body's lines."""
    found = []
    for style, pattern in LABELS:
        m = pattern.match(text)
        if not m:
            continue
        label = _SPACES.sub(" ", m.group("label"))
        if style == "bullet":
            label = "-" if label in "-–—" else label
            if text.startswith(("---", "***")):
                continue
        value = m.group("value") or ""
        if style == "roman" and _roman(value) is None:
            continue
        rest = m.start("rest") if m.group("rest") is not None else len(text)
        found.append(Label(style, label, value, rest))
    return tuple(found)


def _roman(value: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(value):
        v = ROMAN_VALUES.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if total and value == _to_roman(total) else None


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _letter_next(prev: str, value: str) -> bool:
    p, v = prev.lower(), value.lower()
    return any(
        p in alphabet and alphabet.index(p) + 1 < len(alphabet) and alphabet[alphabet.index(p) + 1] == v
        for alphabet in (VIETNAMESE_ALPHABET, LATIN_ALPHABET)
    )


def _number(label: Label) -> int | None:
    if label.style == "roman":
        return _roman(label.value)
    if label.value.isdigit():
        return int(label.value)
    return None


def is_first(label: Label) -> bool:
    if label.style == "bullet":
        return True
    if label.style in ("letter", "alpha"):
        return label.value.lower() == "a"
    if label.style == "decimal":
        return label.value.rsplit(".", 1)[1] == "1"
    return _number(label) == 1


def is_next(prev: Label, label: Label) -> bool:
    if prev.key != label.key:
        return False
    if label.style == "bullet":
        return True
    if label.style in ("letter", "alpha"):
        return _letter_next(prev.value, label.value)
    if label.style == "decimal":
        head, _, last = label.value.rpartition(".")
        phead, _, plast = prev.value.rpartition(".")
        return head == phead and int(last) == int(plast) + 1
    a, b = _number(prev), _number(label)
    return a is not None and b is not None and b == a + 1


@dataclass(slots=True)
class _Node:
    label: Label
    first: Line
    last: Line
    heading: str | None = None
    heading_open: bool = False  # structural title still collecting capital lines
    text: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


class _TreeBuilder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.roots: list[_Node] = []
        self.stack: list[_Node] = []
        self.flattened = False  # a node was kept at MAX_SECTION_DEPTH

    def add(self, line: Line, candidates: tuple[Label, ...]) -> None:
        label, depth, gap = self._place(candidates)
        if depth >= MAX_SECTION_DEPTH:
            depth = MAX_SECTION_DEPTH - 1
            if not self.flattened:
                self.flattened = True
                self.ctx.note("warning", "sections.too_deep",
                              f"sections nest over {MAX_SECTION_DEPTH} levels deep: deeper ones are kept at that level",
                              self.ctx.line_span(line))
        node = _Node(label, line, line)
        self._fill_first_line(node, line.text[label.rest_start:].strip())
        del self.stack[depth:]
        (self.stack[-1].children if self.stack else self.roots).append(node)
        self.stack.append(node)
        if gap:
            self.ctx.note(
                "warning", "sections.numbering.gap",
                f"'{label.label}' does not follow the numbering before it",
                self.ctx.line_span(line),
            )

    def _place(self, candidates: tuple[Label, ...]) -> tuple[Label, int, bool]:
        """(reading, stack depth to attach at, whether the numbering has a gap)."""
        for label in candidates:
            if label.style in STRUCTURAL_RANK:
                rank = STRUCTURAL_RANK[label.style]
                depth = len(self.stack)
                while depth and not (
                    self.stack[depth - 1].label.style in STRUCTURAL_RANK
                    and STRUCTURAL_RANK[self.stack[depth - 1].label.style] < rank
                ):
                    depth -= 1
                return label, depth, False
        scope = self._list_scope()
        for depth in range(len(self.stack) - 1, scope - 1, -1):
            for label in candidates:
                if is_next(self.stack[depth].label, label):
                    return label, depth, False
        for label in candidates:
            if is_first(label):
                # a list that starts again is a sibling of its first run, unless the line before
                # introduces it ("… như sau:", an amendment quoting numbered text)
                depth = self._open_level(label.key, scope)
                if depth is None or self.stack[-1].last.text.rstrip().endswith(":"):
                    depth = len(self.stack)
                return label, depth, False
        for depth in range(len(self.stack) - 1, scope - 1, -1):
            for label in candidates:
                if self.stack[depth].label.key == label.key:
                    return label, depth, True
        return candidates[0], len(self.stack), True

    def _open_level(self, key: str, scope: int) -> int | None:
        return next((d for d in range(len(self.stack) - 1, scope - 1, -1) if self.stack[d].label.key == key), None)

    def _list_scope(self) -> int:
        """Lists nest inside the innermost structural level; they never reach above it."""
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].label.style in STRUCTURAL_RANK:
                return depth + 1
        return 0

    def _fill_first_line(self, node: _Node, rest: str) -> None:
        style = node.label.style
        if style in STRUCTURAL_RANK:
            node.heading = rest or None
            node.heading_open = not rest and style != "article"
            return
        if style == "bullet" or not rest:
            if rest:
                node.text.append(rest)
            return
        limit = _MAX_ALPHA_HEADING_WORDS if style == "alpha" else _MAX_HEADING_WORDS
        if is_caps(rest) or (not ends_sentence(rest) and len(words(rest)) <= limit):
            node.heading = rest
            node.heading_open = is_caps(rest)
            return
        head, sep, tail = rest.partition(": ")
        if (
            sep and style != "alpha" and tail[:1].isupper()
            and len(words(head)) <= _MAX_COLON_HEADING_WORDS and not regex.search(r"[.;]", head)
        ):
            node.heading = head.strip()
            node.text.append(tail.strip())
            return
        node.text.append(rest)

    def continue_with(self, line: Line) -> None:
        if not self.stack:
            return
        node = self.stack[-1]
        if node.heading_open and is_caps(line.text) and not node.text and not node.children:
            node.heading = f"{node.heading} {line.text}" if node.heading else line.text
        else:
            node.heading_open = False
            node.text.append(line.text)
        for open_node in self.stack:
            open_node.last = line

    def sections(self) -> list[Section]:
        return [self._section(node, None) for node in self.roots]

    def _section(self, node: _Node, parent_style: str | None) -> Section:
        style = node.label.style
        if parent_style in ("article", "clause") and style in ("arabic", "alpha"):
            style = "clause" if style == "arabic" and parent_style == "article" else "point"
        label = node.label.label
        children = [self._section(child, style) for child in node.children]
        last = _last_line(node)
        return Section(
            label=label,
            style=style,  # type: ignore[arg-type]
            heading=node.heading,
            text="\n".join(node.text),
            children=children,
            span=self.ctx.span(node.first.start, last.end),
        )


def _last_line(node: _Node) -> Line:
    last = node.last
    for child in node.children:
        child_last = _last_line(child)
        if child_last.end > last.end:
            last = child_last
    return last


def extract_sections(ctx: Context, lines: list[Line]) -> list[Section]:
    """Build the section tree from the body's lines (blank and skipped lines removed)."""
    builder = _TreeBuilder(ctx)
    for line in lines:
        candidates = parse_label(line.text)
        if candidates:
            builder.add(line, candidates)
        else:
            builder.continue_with(line)
    return builder.sections()
