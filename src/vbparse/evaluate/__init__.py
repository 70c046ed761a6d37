"""Measured accuracy: score vbparse against a hand-checked gold set (`vbparse eval`)."""

from .answers import FIELDS
from .gold import Gold, GoldEntry, GoldError, collect_gold, load_gold
from .report import below_floors, breakdown_table, calibration_table, changes_since, errors_by_document, report_json, summary_table
from .run import DocumentResult, Score, evaluate, totals

__all__ = [
    "FIELDS", "DocumentResult", "Gold", "GoldEntry", "GoldError", "Score", "below_floors", "breakdown_table", "calibration_table", "changes_since",
    "errors_by_document",
    "collect_gold", "evaluate", "load_gold", "report_json", "summary_table", "totals",
]
