"""`vbparse check`: a parse against the schema, its diagnostics and its expected JSON.

The comparison is field by field on the JSON values, so formatting (--pretty or not) does not
matter, and `source.path` is left out: where the input was read from depends on the working
directory, not on the parser.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from .batch import FAILED_STATUSES, ManifestEntry
from .export import all_diagnostics, document_json, write_atomic
from .model import Document

FailOn = Literal["warning", "error"]
CheckStatus = Literal["pass", "fail", "updated", "skipped"]

IGNORED_FIELD = ["source", "path"]  # of the document and of each attachment
_RANK = {"info": 0, "warning": 1, "error": 2}
_MISSING = object()
_SHOWN_CHARS = 60  # of a long string around its first difference


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One field that differs: a dotted path ('header.number.text', 'citations[2]'), the expected
    and the actual value (_MISSING when the field or list item is absent on that side)."""

    field: str
    expected: object
    actual: object

    @property
    def is_span(self) -> bool:
        """An offset into the text: these move together whenever the text changes."""
        return any(part.split("[")[0] in ("span", "spans") for part in self.field.split("."))

    def describe(self) -> str:
        if self.expected is _MISSING:
            return f"{self.field}: added {_show(self.actual)}"
        if self.actual is _MISSING:
            return f"{self.field}: missing (expected {_show(self.expected)})"
        if isinstance(self.expected, str) and isinstance(self.actual, str):
            return f"{self.field}: {_string_change(self.expected, self.actual)}"
        return f"{self.field}: expected {_show(self.expected)}, got {_show(self.actual)}"


def diff_json(expected: object, actual: object, field: str = "") -> Iterator[FieldDiff]:
    """The differing leaves of two JSON values, in document order."""
    if field.split(".")[-2:] == IGNORED_FIELD:
        return
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in [*expected, *(k for k in actual if k not in expected)]:
            yield from diff_json(expected.get(key, _MISSING), actual.get(key, _MISSING), f"{field}.{key}" if field else key)
    elif isinstance(expected, list) and isinstance(actual, list):
        for index in range(max(len(expected), len(actual))):
            yield from diff_json(expected[index] if index < len(expected) else _MISSING,
                                 actual[index] if index < len(actual) else _MISSING, f"{field}[{index}]")
    elif expected != actual or type(expected) is not type(actual):
        yield FieldDiff(field, expected, actual)


def diff_lines(diffs: list[FieldDiff], limit: int = 20) -> list[str]:
    """Readable lines: each changed field up to `limit`, and the span offsets (which all move
    when the text does) summed up in one line."""
    fields = [d for d in diffs if not d.is_span]
    spans = [d for d in diffs if d.is_span]
    lines = [d.describe() for d in fields[:limit]]
    if len(fields) > limit:
        lines.append(f"… and {len(fields) - limit} more fields")
    if spans:
        lines.append(f"{len(spans)} span offsets differ (first: {spans[0].describe()})")
    return lines


@dataclass(frozen=True, slots=True)
class CheckResult:
    path: str
    status: CheckStatus
    problems: tuple[str, ...] = ()
    diffs: tuple[FieldDiff, ...] = ()
    compared: bool = False  # an expected file was there and compared (or written by --update)


def check_output(entry: ManifestEntry, text: str | None, expected: Path | None, *,
                 fail_on: FailOn = "error", update: bool = False) -> CheckResult:
    """Check one parse (`text`: the document's JSON, None when nothing was parsed).

    Fails when the input did not parse, the JSON does not validate against the document model
    (from which the published schema is generated), a diagnostic is at `fail_on` or worse, or
    the output differs from `expected` (when that file exists). With `update`, a differing or
    missing expected file is written instead, and the check counts as updated.
    """
    if entry.status == "skipped":
        return CheckResult(entry.path, "skipped", (entry.message or "",))
    if entry.status in FAILED_STATUSES or text is None:
        return CheckResult(entry.path, "fail", (f"{entry.status} ({entry.code}): {entry.message}",))
    try:
        doc = Document.model_validate_json(text)
    except ValidationError as exc:
        return CheckResult(entry.path, "fail", (f"schema: {exc.error_count()} errors, first: {_first_error(exc)}",))
    problems = [f"{d.severity} diagnostic {d.code}: {d.message}" for d in all_diagnostics(doc) if _RANK[d.severity] >= _RANK[fail_on]]
    diffs: list[FieldDiff] = []
    write = compared = False
    if expected is not None:
        try:
            diffs = list(diff_json(json.loads(expected.read_text(encoding="utf-8")), json.loads(text)))
            compared = True
        except FileNotFoundError:
            write = update  # a new sample: --update creates its expected file
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            write = update
            if not update:
                problems.append(f"expected file {expected} is unreadable: {exc}")
        if diffs and update:
            write, diffs = True, []
        if write:
            write_atomic(expected, document_json(doc, pretty=True))
    status: CheckStatus = "fail" if problems or diffs else "updated" if write else "pass"
    return CheckResult(entry.path, status, tuple(problems), tuple(diffs), compared or write)


def orphans(expect: Path, output_names: set[str]) -> list[Path]:
    """Expected files of `expect` that no input claims: their input was deleted or renamed, and
    nothing compares them any more."""
    return sorted(p for p in expect.rglob("*.json") if p.relative_to(expect).as_posix() not in output_names)


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return f"{'.'.join(map(str, error['loc']))}: {error['msg']}"


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 2 * _SHOWN_CHARS else text[: 2 * _SHOWN_CHARS] + "…"


def _string_change(expected: str, actual: str) -> str:
    """Short strings whole; long ones (the text) around the first character that differs."""
    if len(expected) <= 2 * _SHOWN_CHARS and len(actual) <= 2 * _SHOWN_CHARS:
        return f"expected {_show(expected)}, got {_show(actual)}"
    at = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b), min(len(expected), len(actual)))
    start = max(0, at - _SHOWN_CHARS // 2)
    window = lambda s: ("…" if start else "") + json.dumps(s[start : at + _SHOWN_CHARS // 2], ensure_ascii=False)
    return f"differs at character {at}: expected {window(expected)}, got {window(actual)}"
