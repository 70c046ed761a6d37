"""Signature blocks (§9): prefix lines, position, signer; several blocks for joint documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..context import Context
from ..model import Signature
from ..normalise import Line
from ..normalise.repair import vocabulary_form
from ..patterns.layout import RULE
from ..patterns.tables import SIGNING_PREFIXES
from .lines import is_caps, is_end_mark, is_person_name, is_signed_mark, is_signing_prefix, without_rank


_SPECKS = " \"'“”‘’„.,:;`´"


@dataclass(slots=True)
class _Block:
    lines: list[Line]
    mode: str | None = None
    authority: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # capital lines after the prefixes
    signer: str | None = None

    @property
    def complete(self) -> bool:
        return bool(self.titles or self.signer)

    def finish(self) -> tuple[list[str], str | None]:
        """(authority, position): of several capital lines after a prefix, all but the last
        continue the prefix's collective ("KT. BỘ TRƯỞNG" / "BỘ CÔNG AN" / "THỨ TRƯỞNG")."""
        if self.authority and len(self.titles) > 1:
            authority = [*self.authority[:-1], " ".join([self.authority[-1], *self.titles[:-1]])]
            return authority, self.titles[-1]
        return self.authority, " ".join(self.titles) or None


def _repaired(ctx: Context, line: Line, text: str) -> str:
    """A title, or a prefix line's collective, as the position it spells with OCR's wrong marks."""
    head, _, rest = text.rpartition(". ") if is_signing_prefix(ctx.folded(line)) else ("", "", text)
    repaired = vocabulary_form(rest)
    if repaired is None:
        return text
    ctx.note("info", "text.keyword_repaired", f"'{rest}' read as '{repaired}'", ctx.span(line.start, line.end))
    return f"{head}. {repaired}" if head else repaired


def is_signature_line(ctx: Context, line: Line) -> bool:
    f = ctx.folded(line)
    return bool(is_signing_prefix(f) or is_caps(line.text) or is_person_name(line.text) or is_signed_mark(f))


def _reading_order(lines: list[Line]) -> list[Line]:
    """Side-by-side blocks typed row by row ("K/T TRƯỞNG BAN | K/T TRƯỞNG BAN") read per column.

    When most lines are cells of multi-cell rows, the blocks stand in columns; otherwise the
    cells are a sequence (a converter that marks only where one cell ends and the next begins).
    """
    rows: dict[int, list[Line]] = {}
    for line in lines:
        if line.row is not None and not line.blank:
            rows.setdefault(line.row, []).append(line)
    multi = [cells for cells in rows.values() if len(cells) >= 2]
    loose = [l for l in lines if l.row is None and not l.blank]
    if len(multi) < 2 or len(loose) > len(multi):
        return lines
    columns = max(line.column or 0 for cells in multi for line in cells) + 1
    return [l for column in range(columns) for l in lines if (l.column or 0) == column]


def extract_signatures(ctx: Context, lines: list[Line]) -> list[Signature]:
    lines = _reading_order(lines)
    blocks: list[_Block] = []
    current: _Block | None = None
    for line in lines:
        fold = ctx.folded(line)
        text = line.text.strip()
        if not text or is_signed_mark(fold) or is_end_mark(fold) or RULE.match(fold):
            continue
        prefix = is_signing_prefix(fold)
        if prefix:
            if current is None or current.complete:
                current = _Block([line])
                blocks.append(current)
            written = (prefix.group("slashed") or prefix.group("dotted") or prefix.group("bare")).replace(" ", "")
            current.mode = current.mode or SIGNING_PREFIXES.get(written)
            current.authority.append(_repaired(ctx, line, text))
        elif is_caps(text):
            if current is None or current.signer:
                current = _Block([line])
                blocks.append(current)
            current.titles.append(_repaired(ctx, line, text.strip(_SPECKS)))  # OCR reads marks as quotes and dots
        elif is_person_name(text):
            if current is None or current.signer:
                current = _Block([line])
                blocks.append(current)
            current.signer = without_rank(text.rstrip("."))
        else:
            continue
        if line is not current.lines[-1]:
            current.lines.append(line)
    signatures = []
    for block in blocks:
        span = ctx.span(min(l.start for l in block.lines), max(l.end for l in block.lines))
        if block.mode == "KT" and block.authority and "BÍ THƯ" in block.authority[0].upper():
            ctx.note("warning", "signature.deputy_for_secretary",
                     "K/T BÍ THƯ is outside HD 36's scheme: a collective signs T/M", span)
        authority, position = block.finish()
        signatures.append(Signature(
            mode=block.mode,  # type: ignore[arg-type]
            authority=authority, position=position, signer=block.signer, span=span,
        ))
    return signatures
