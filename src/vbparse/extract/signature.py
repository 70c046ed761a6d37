"""Signature blocks (§9): prefix lines, position, signer; several blocks for joint documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..context import Context
from ..model import Signature
from ..normalise import Line
from ..patterns.layout import RULE
from ..patterns.tables import SIGNING_PREFIXES
from .lines import is_caps, is_end_mark, is_person_name, is_signed_mark, is_signing_prefix


@dataclass(slots=True)
class _Block:
    first: Line
    last: Line
    mode: str | None = None
    authority: list[str] = field(default_factory=list)
    position: str | None = None
    signer: str | None = None

    @property
    def complete(self) -> bool:
        return bool(self.position or self.signer)


def is_signature_line(ctx: Context, line: Line) -> bool:
    f = ctx.folded(line)
    return bool(is_signing_prefix(f) or is_caps(line.text) or is_person_name(line.text) or is_signed_mark(f))


def extract_signatures(ctx: Context, lines: list[Line]) -> list[Signature]:
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
                current = _Block(line, line)
                blocks.append(current)
            written = (prefix.group("slashed") or prefix.group("dotted") or prefix.group("bare")).replace(" ", "")
            current.mode = current.mode or SIGNING_PREFIXES.get(written)
            current.authority.append(text)
        elif is_caps(text):
            if current is None or current.signer:
                current = _Block(line, line)
                blocks.append(current)
            current.position = f"{current.position} {text}" if current.position else text
        elif is_person_name(text):
            if current is None or current.signer:
                current = _Block(line, line)
                blocks.append(current)
            current.signer = text.rstrip(".")
        else:
            continue
        current.last = line
    signatures = []
    for block in blocks:
        span = ctx.span(block.first.start, block.last.end)
        if block.mode == "KT" and block.authority and "BÍ THƯ" in block.authority[0].upper():
            ctx.note("warning", "signature.deputy_for_secretary",
                     "K/T BÍ THƯ is outside HD 36's scheme: a collective signs T/M", span)
        signatures.append(Signature(
            mode=block.mode,  # type: ignore[arg-type]
            authority=block.authority, position=block.position, signer=block.signer, span=span,
        ))
    return signatures
