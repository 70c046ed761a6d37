"""The evaluation report: a JSON file, a table, gains and losses against a baseline, floors."""

from __future__ import annotations

import json
from collections import Counter

from rich.table import Table

from .._version import __version__
from .answers import FIELDS
from .run import DocumentResult, Score, totals
from .split import HALVES, KINDS

RATCHET_LEVEL = "soft"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _score_json(score: Score) -> dict:
    return {
        "support": score.support, "tp": score.tp, "fp": score.fp, "fn": score.fn,
        "precision": _round(score.precision), "recall": _round(score.recall), "f1": _round(score.f1),
    }


def report_json(results: list[DocumentResult], summary: dict[str, dict[str, Score]], skip_tags: list[str]) -> str:
    """Deterministic: no timestamps, documents in gold-path order."""
    data = {
        "vbparse_version": __version__,
        "skip_tags": sorted(skip_tags),
        "documents_scored": sum(r.status != "skipped" and not set(skip_tags) & set(r.tags) for r in results),
        "fields": {name: {level: _score_json(s) for level, s in levels.items()} for name, levels in summary.items()},
        "documents": [
            {
                "gold": r.gold, "document": r.document, "status": r.status, "error": r.error, "tags": r.tags,
                "kind": r.kind, "half": r.half,
                "fields": {
                    name: {level: vars(count) for level, count in levels.items()}
                    for name, levels in r.counts.items()
                },
            }
            for r in sorted(results, key=lambda r: (r.gold, r.document))
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def summary_table(summary: dict[str, dict[str, Score]], baseline: dict | None = None) -> Table:
    table = Table(title="vbparse accuracy per field (strict | soft)")
    table.add_column("field", no_wrap=True)
    table.add_column("support", justify="right")
    for level in ("strict", "soft"):
        for metric in ("P", "R", "F1"):
            table.add_column(f"{level} {metric}", justify="right")
    if baseline is not None:
        table.add_column("Δ soft F1", justify="right")
    for name in FIELDS:
        levels = summary[name]
        row = [name, str(levels["soft"].support)]
        for level in ("strict", "soft"):
            s = levels[level]
            row += [_cell(s.precision), _cell(s.recall), _cell(s.f1)]
        if baseline is not None:
            before = baseline.get("fields", {}).get(name, {}).get(RATCHET_LEVEL, {}).get("f1")
            now = levels[RATCHET_LEVEL].f1
            row.append("–" if before is None or now is None else f"{now - before:+.3f}")
        table.add_row(*row)
    return table


def changes_since(baseline: dict, results: list[DocumentResult], level: str = RATCHET_LEVEL) -> list[str]:
    """'gold: field: lost/gained value' lines: which document lost or won which value."""
    before = {(d["gold"], d["document"]): d for d in baseline.get("documents", [])}
    lines: list[str] = []
    for result in sorted(results, key=lambda r: (r.gold, r.document)):
        old = before.get((result.gold, result.document))
        if old is None or result.status == "skipped":
            continue
        for name in FIELDS:
            count = result.counts.get(name, {}).get(level)
            now = Counter(count.matched if count else [])
            was = Counter(old["fields"].get(name, {}).get(level, {}).get("matched", []))
            for value in sorted((was - now).elements()):
                lines.append(f"{result.document}: {name}: lost {value!r}")
            for value in sorted((now - was).elements()):
                lines.append(f"{result.document}: {name}: gained {value!r}")
    return lines


def errors_by_document(results: list[DocumentResult], level: str = RATCHET_LEVEL) -> list[str]:
    """'gold: field: missed/spurious value' lines, for reading what went wrong where."""
    lines: list[str] = []
    for result in sorted(results, key=lambda r: (r.gold, r.document)):
        for name in FIELDS:
            count = result.counts.get(name, {}).get(level)
            if count is None:
                continue
            lines += [f"{result.document}: {name}: missed {value!r}" for value in count.missed]
            lines += [f"{result.document}: {name}: spurious {value!r}" for value in count.spurious]
    return lines


def below_floors(summary: dict[str, dict[str, Score]], floors: dict[str, float]) -> list[str]:
    """The fields whose soft F1 fell under their committed floor."""
    failures = []
    for name, floor in sorted(floors.items()):
        f1 = summary[name][RATCHET_LEVEL].f1 if name in summary else None
        if f1 is None or f1 + 1e-9 < floor:
            failures.append(f"{name}: soft F1 {_cell(f1)} < floor {floor:.3f}")
    return failures


# The fields the targets are set on, in the order of the breakdown table, with their column names.
BREAKDOWN_FIELDS = {
    "header.number": "number", "header.date": "date", "header.doc_type": "type", "header.issuer": "issuer",
    "signatures.signer": "signer", "signatures.authority": "authority", "signatures.position": "position",
    "citations": "citations", "header.summary": "summary", "sections": "sections",
}


def breakdown_table(results: list[DocumentResult], skip_tags: frozenset[str] = frozenset()) -> Table:
    """Soft F1 of the target fields per input kind and half, then per half over all kinds."""
    table = Table(title="soft F1 per input kind and half (tune: rules were changed looking at it; check: unseen)")
    for name in ("kind", "half", "docs", *BREAKDOWN_FIELDS.values()):
        table.add_column(name, justify="left" if name in ("kind", "half") else "right", no_wrap=True)
    scored = _scored(results, skip_tags)
    groups = [(kind, half) for kind in KINDS for half in HALVES] + [("all", half) for half in HALVES]
    for kind, half in groups:
        members = [r for r in scored if r.half == half and kind in ("all", r.kind)]
        if not members:
            continue
        summary = totals(members)
        table.add_row(kind, half, str(len(members)), *(_cell(summary[f][RATCHET_LEVEL].f1) for f in BREAKDOWN_FIELDS))
    return table


# Confidence bands of the calibration table, highest first: (lowest, highest) confidence, name.
BANDS = (((0.9, 1.01), "≥ 0.90"), ((0.7, 0.9), "0.70–0.90"), ((0.5, 0.7), "0.50–0.70"), ((0.0, 0.5), "< 0.50"))


def _scored(results: list[DocumentResult], skip_tags: frozenset[str]) -> list[DocumentResult]:
    return [r for r in results if r.status != "skipped" and not skip_tags & set(r.tags)]


def calibration_table(results: list[DocumentResult], skip_tags: frozenset[str] = frozenset()) -> Table:
    """Per half and confidence band: how many values the parser gave, and how many were right."""
    table = Table(title="calibration: values given with a confidence in each band, and the share right (soft)")
    for name in ("half", "band", "values", "right", "precision"):
        table.add_column(name, justify="left" if name in ("half", "band") else "right", no_wrap=True)
    scored = _scored(results, skip_tags)
    for half in HALVES:
        judged = [j for r in scored if r.half == half for j in r.judged]
        for (floor, ceiling), band in BANDS:
            members = [right for _, confidence, right in judged if floor <= confidence < ceiling]
            if members:
                table.add_row(half, band, str(len(members)), str(sum(members)), _cell(sum(members) / len(members)))
    return table
