"""State shared by the stages of one parse: the prepared text and the diagnostics."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .model import Diagnostic, Severity, Span
from .normalise import Line, Prepared


@dataclass(slots=True)
class Context:
    prep: Prepared
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [line.start for line in self.prep.lines]

    @property
    def text(self) -> str:
        return self.prep.text

    @property
    def fold(self) -> str:
        return self.prep.fold

    @property
    def lines(self) -> list[Line]:
        return self.prep.lines

    def line_at(self, offset: int) -> Line | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.prep.lines[i] if i >= 0 else None

    def span(self, start: int, end: int) -> Span:
        line = self.line_at(start)
        page = line.page if line else None
        bbox = line.bbox if line and line.end >= end else None
        return Span(start=start, end=end, page=page, bbox=bbox)

    def line_span(self, first: Line, last: Line | None = None) -> Span:
        return self.span(first.start, (last or first).end)

    def folded(self, line: Line) -> str:
        return self.prep.fold[line.start : line.end]

    def note(self, severity: Severity, code: str, message: str, span: Span | None = None) -> None:
        self.diagnostics.append(Diagnostic(severity=severity, code=code, message=message, span=span))
