"""The evaluation report: a JSON file, a table, gains and losses against a baseline, floors."""

from __future__ import annotations

import json
from collections import Counter

from rich.table import Table

from .._version import __version__
from .answers import FIELDS
from .run import DocumentResult, Score

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
                "fields": {
                    name: {level: vars(count) for level, count in levels.items()}
                    for name, levels in r.counts.items()
                },
            }
            for r in sorted(results, key=lambda r: r.gold)
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
    before = {d["gold"]: d for d in baseline.get("documents", [])}
    lines: list[str] = []
    for result in sorted(results, key=lambda r: r.gold):
        old = before.get(result.gold)
        if old is None or result.status == "skipped":
            continue
        for name in FIELDS:
            count = result.counts.get(name, {}).get(level)
            now = Counter(count.matched if count else [])
            was = Counter(old["fields"].get(name, {}).get(level, {}).get("matched", []))
            for value in sorted((was - now).elements()):
                lines.append(f"{result.gold}: {name}: lost {value!r}")
            for value in sorted((now - was).elements()):
                lines.append(f"{result.gold}: {name}: gained {value!r}")
    return lines


def errors_by_document(results: list[DocumentResult], level: str = RATCHET_LEVEL) -> list[str]:
    """'gold: field: missed/spurious value' lines, for reading what went wrong where."""
    lines: list[str] = []
    for result in sorted(results, key=lambda r: r.gold):
        for name in FIELDS:
            count = result.counts.get(name, {}).get(level)
            if count is None:
                continue
            lines += [f"{result.gold}: {name}: missed {value!r}" for value in count.missed]
            lines += [f"{result.gold}: {name}: spurious {value!r}" for value in count.spurious]
    return lines


def below_floors(summary: dict[str, dict[str, Score]], floors: dict[str, float]) -> list[str]:
    """The fields whose soft F1 fell under their committed floor."""
    failures = []
    for name, floor in sorted(floors.items()):
        f1 = summary[name][RATCHET_LEVEL].f1 if name in summary else None
        if f1 is None or f1 + 1e-9 < floor:
            failures.append(f"{name}: soft F1 {_cell(f1)} < floor {floor:.3f}")
    return failures
