"""Scoring a gold set: parse each document, compare its answers, add up per field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..api import parse
from ..errors import VbparseError
from ..model import Document
from .answers import FIELDS, Answers, from_document, from_gold
from .gold import GoldEntry
from .score import LEVELS, Count, score_answers, soft_key
from .split import half_of, input_kind, variants_of

Parser = Callable[[Path], Document]


@dataclass
class DocumentResult:
    gold: str
    document: str
    status: str  # ok | error (unreadable: scored as all missed) | skipped (document absent)
    tags: list[str]
    kind: str = "other"  # input kind (split.KINDS)
    half: str = "tune"  # split.HALVES
    error: str | None = None
    counts: dict[str, dict[str, Count]] = field(default_factory=dict)  # field -> level -> count
    # (field, the parser's confidence, right at the soft level) for each value given with a confidence
    judged: list[tuple[str, float, bool]] = field(default_factory=list)


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.support if self.support else None

    @property
    def f1(self) -> float | None:
        """None when there was nothing to find and nothing was found."""
        p, r = self.precision, self.recall
        if p is not None and r is not None and p + r > 0:
            return 2 * p * r / (p + r)
        return 0.0 if self.tp + self.fp + self.fn else None


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _default_parser(path: Path) -> Document:
    return parse(path)


def evaluate_entry(entry: GoldEntry, parser: Parser = _default_parser, document: Path | None = None) -> DocumentResult:
    """Score one gold file against its document, or against another rendering of it."""
    document = document or entry.document_path
    tags = list(entry.gold.tags)
    result = DocumentResult(
        _display(entry.path), _display(document), "ok", tags, input_kind(document, tags), half_of(document),
    )
    if not document.is_file():
        result.status = "skipped"
        return result
    gold = from_gold(entry.gold)
    try:
        predicted = from_document(parser(document))
    except VbparseError as exc:
        result.status, result.error = "error", exc.code
        predicted = Answers(single={}, lists={name: [] for name in gold.lists})
    for level in LEVELS:
        for name, count in score_answers(gold, predicted, level).items():
            if entry.scored(name):
                result.counts.setdefault(name, {})[level] = count
    result.judged = _judged(entry, gold, predicted)
    return result


def _judged(entry: GoldEntry, gold: Answers, predicted: Answers) -> list[tuple[str, float, bool]]:
    """Each confident value and whether it was right, for the calibration table."""
    judged = []
    for name, confidence in sorted(predicted.confidence.items()):
        if entry.scored(name):
            right = gold.single.get(name) is not None and soft_key(gold.single[name]) == soft_key(predicted.single[name])
            judged.append((name, confidence, right))
    if entry.scored("signatures.signer"):
        signers = {soft_key(s) for s in gold.lists.get("signatures.signer", [])}
        judged += [("signatures.signer", c, soft_key(s) in signers) for s, c in predicted.signer_confidence]
    return judged


def evaluate(entries: list[GoldEntry], parser: Parser = _default_parser, variants: bool = False) -> list[DocumentResult]:
    """One result per gold file; with `variants`, one more per other rendering of its document
    (the layout text and OCR text of a corpus PDF), each scored against the same gold."""
    results = []
    for entry in entries:
        results.append(evaluate_entry(entry, parser))
        if variants:
            results += [evaluate_entry(entry, parser, other) for other in variants_of(entry.document_path)]
    return results


def totals(results: list[DocumentResult], skip_tags: frozenset[str] = frozenset()) -> dict[str, dict[str, Score]]:
    """Per field and level, the counts of every scored document (skipped ones left out)."""
    sums = {name: {level: [0, 0, 0] for level in LEVELS} for name in FIELDS}
    for result in results:
        if result.status == "skipped" or skip_tags.intersection(result.tags):
            continue
        for name, levels in result.counts.items():
            for level, count in levels.items():
                cell = sums[name][level]
                cell[0] += count.tp
                cell[1] += count.fp
                cell[2] += count.fn
    return {name: {level: Score(*cell) for level, cell in levels.items()} for name, levels in sums.items()}
