"""Which files a batch run reads: folders walked, glob patterns expanded, a shard selected."""

from __future__ import annotations

import fnmatch
import glob
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..readers import DOCUMENT_SUFFIXES

SUPPORTED_SUFFIXES = DOCUMENT_SUFFIXES  # what a folder walk parses: the formats vbparse reads
_GLOB_CHARS = frozenset("*?[")
# Files that sit beside documents but are none: Office's lock file of an open document
# (~$name.docx, a few hundred bytes of user name) and Windows' folder thumbnails and settings.
_JUNK_PREFIXES = ("~$",)
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})


@dataclass(frozen=True, slots=True)
class Input:
    """One file of a run: `path` as found (the argument joined with the walk), `relative` its
    place below the folder or pattern it came from (which the output tree mirrors)."""

    path: str
    relative: str
    supported: bool

    @property
    def output_name(self) -> str:
        return self.relative + ".json"


@dataclass(frozen=True, slots=True)
class NameFilter:
    """--include/--exclude glob patterns on the files a walk or a pattern finds (not on files
    named explicitly), case-insensitive. A pattern with a '/' is matched against the path below
    the folder; one without, against the file name (--include '*.pdf') or, to exclude, against
    any folder or file name on the way (--exclude drafts). With includes, a file must match one."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def accepts(self, relative: str) -> bool:
        relative = relative.lower()
        parts = relative.split("/")
        if self.include and not any(fnmatch.fnmatchcase(relative if "/" in p else parts[-1], p.lower()) for p in self.include):
            return False
        return not any(
            fnmatch.fnmatchcase(relative, p.lower()) if "/" in p else any(fnmatch.fnmatchcase(part, p.lower()) for part in parts)
            for p in self.exclude
        )


def is_pattern(arg: str) -> bool:
    """A glob pattern rather than a file name: glob characters, and no file of that name."""
    return bool(_GLOB_CHARS & set(arg)) and not Path(arg).exists()


def discover(args: Iterable[str], *, exclude: Sequence[Path] = (), names: NameFilter = NameFilter()) -> list[Input]:
    """The inputs named by files, folders and glob patterns, sorted by path.

    A file named explicitly is parsed whatever its extension (the format is told from the
    bytes); files found by walking a folder or matching a pattern are parsed when their
    extension is one of SUPPORTED_SUFFIXES and listed as unsupported otherwise, when `names`
    accepts them. Hidden files and folders, Office lock files (~$…), Thumbs.db and desktop.ini
    are not walked, nor the `exclude` folders (the output folder inside an input folder). A name that is neither a file, a folder nor a matching pattern is kept as an
    input, so the run reports it as not found.
    """
    excluded = {p.resolve() for p in exclude}
    found: dict[tuple[str, str], Input] = {}
    for arg in args:
        if Path(arg).is_dir():
            roots = [(Path(arg), Path(arg))]
        elif is_pattern(arg) and (matches := sorted(glob.glob(arg, recursive=True))):
            base = _pattern_base(arg)
            roots = [(Path(m), base) for m in matches]
        else:
            roots = [(Path(arg), None)]
        for root, base in roots:
            for item in _walk(root, base, excluded):
                if base is None or names.accepts(item.relative):
                    found.setdefault((item.path, item.relative), item)
    return sorted(found.values(), key=lambda item: item.path)


def _walk(root: Path, base: Path | None, excluded: set[Path]) -> Iterable[Input]:
    if base is None:  # named explicitly
        yield Input(str(root), root.name, True)
        return
    if not root.is_dir():
        if not _junk(root.name):
            yield _found(root, base)
        return
    for folder, dirs, files in os.walk(root):
        if Path(folder).resolve() in excluded:
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not _junk(name):
                yield _found(Path(folder, name), base)


def _junk(name: str) -> bool:
    """Hidden files, lock files and Windows' folder files: never documents, never listed."""
    return name.startswith((".", *_JUNK_PREFIXES)) or name.lower() in _JUNK_NAMES


def _found(path: Path, base: Path) -> Input:
    relative = path.relative_to(base).as_posix() if path != base else path.name
    return Input(str(path), relative, path.suffix.lower() in SUPPORTED_SUFFIXES)


def _pattern_base(pattern: str) -> Path:
    """The folder a pattern starts from: its leading parts without glob characters."""
    parts = PurePath(pattern).parts
    first_magic = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    return Path(*parts[:first_magic]) if first_magic else Path(".")


def output_collisions(inputs: Iterable[Input]) -> dict[str, list[str]]:
    """Output names claimed by more than one input (e.g. a/x.txt and b/x.txt named explicitly)."""
    claims: dict[str, list[str]] = {}
    for item in inputs:
        claims.setdefault(item.output_name, []).append(item.path)
    return {name: paths for name, paths in claims.items() if len(paths) > 1}


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard `index` of `count` (1-based, as typed: --shard 2/4)."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        index, sep, count = text.partition("/")
        if not (sep and index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
            raise ValueError(f"--shard takes i/N with 1 <= i <= N, not {text!r}")
        return cls(int(index), int(count))

    def holds(self, item: Input) -> bool:
        """Decided by a hash of the relative path, so every machine agrees wherever the archive is
        mounted, and a file keeps its shard when others are added."""
        digest = hashlib.sha256(item.relative.encode("utf-8", "surrogateescape")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1
