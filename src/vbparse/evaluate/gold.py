"""The gold set: answers typed in by reading each document (format: gold/README.md).

The format is independent of the Document model on purpose, so the model can change without
rewriting gold. A gold file names its document by a path relative to the gold file's folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


class _Strict(BaseModel):
    # Every answer field is required: null must be a reader's statement, not an omission.
    model_config = ConfigDict(extra="forbid")


class GoldHeader(_Strict):
    heading: str | None
    issuer: str | None
    parent_issuer: str | None
    number: str | None
    place: str | None
    date: str | None = Field(pattern=_ISO_DATE)
    doc_type: str | None
    summary: str | None


class GoldCitation(_Strict):
    doc_type: str | None
    number: str | None
    date: str | None = Field(pattern=_ISO_DATE)
    issuer: str | None


class GoldSignature(_Strict):
    mode: Literal["TM", "KT", "TL", "TUQ", "Q"] | None
    authority: list[str]
    position: str | None
    signer: str | None


class Gold(_Strict):
    gold_version: Literal[1]
    document: str
    checked_by: str = Field(min_length=1)
    rendering: str = Field(min_length=1)
    notes: str = ""
    unscored: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list, description="e.g. scanned, garbled-ocr, legacy-encoding")
    kind: Literal["document", "report"]
    header: GoldHeader
    recipients: list[str]
    sections: list[str]
    citations: list[GoldCitation]
    signatures: list[GoldSignature]
    distribution: list[str]


class GoldError(Exception):
    """A gold file that cannot be read or does not follow the format."""


@dataclass(frozen=True)
class GoldEntry:
    path: Path
    gold: Gold

    @property
    def document_path(self) -> Path:
        return (self.path.parent / self.gold.document).resolve()

    def scored(self, field: str) -> bool:
        """False for fields the reader marked `unscored` (a name or a prefix: 'citations')."""
        return not any(field == name or field.startswith(name + ".") for name in self.gold.unscored)


def load_gold(path: Path) -> GoldEntry:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from None
    try:
        return GoldEntry(path, Gold.model_validate(data))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise GoldError(f"{path}: not a gold file: {problems}") from None


def collect_gold(paths: list[Path]) -> list[GoldEntry]:
    """Gold files named directly or found (recursively, *.json) in folders, sorted by path."""
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(path.rglob("*.json"))
        elif path.is_file():
            files.add(path)
        else:
            raise GoldError(f"{path}: no such gold file or folder")
    return [load_gold(path) for path in sorted(files)]
