"""vbparse on the viparse benchmark (legacy TCVN3/VNI documents), scored by the peer's own scorer.

Every document of ../shared/benchmarks/viparse-corpus is parsed, its `text` written to a
temporary PRED/STEM.txt, and the peer's scripts/score.py (run from ../shared, never copied)
scores it against the person-typed transcript. Printed: char, diacritic and syllable accuracy per
format and encoding (the encoding column of the benchmark's PROVENANCE.md, so the mixed
TCVN3+VNI file is its own row), the total, and every refused file.
Targets (issue 11): diacritic >= 0.99 and char >= 0.985 per format on doc, rtf and pdf; >= 0.95
on the mixed file; no file refused.

The last column, ours and not the peer's metric, is the diacritic accuracy with both sides
lower-cased: the transcripts keep text set in `.VnTimeH` fonts in the lower case it was typed in,
where the document shows capitals (the font draws capitals only) and vbparse writes them, so the
gap between the two columns is that convention, not a lost mark.

Usage: python bench/bench_viparse_corpus.py [--corpus DIR] [--jobs N] [--smallest K] [--json FILE]
`--smallest K` parses the K smallest files of each format only (the CI ratchet's subset).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from types import ModuleType

import vbparse
from vbparse.errors import VbparseError

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "benchmarks" / "viparse-corpus"


def load_scorer(corpus: Path) -> ModuleType:
    """The peer's scorer, imported from where it lives (stdlib only)."""
    spec = importlib.util.spec_from_file_location("viparse_score", corpus / "scripts" / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def encodings(corpus: Path) -> dict[str, str]:
    """File -> encoding, from PROVENANCE.md's table (`tcvn3+vni` marks the mixed file); the
    folder name where the table is silent."""
    found = {}
    for line in (corpus / "PROVENANCE.md").read_text("utf-8").splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) >= 7 and cells[0].endswith((".doc", ".docx", ".rtf", ".pdf")):
            found[Path(cells[0]).name] = cells[5]
    return found


def documents(corpus: Path, smallest: int | None = None) -> list[Path]:
    """The benchmark's documents that have a transcript, by name; with `smallest`, only that many
    of each format, the smallest (by size, then name: the same files on every machine)."""
    truths = {p.stem for p in (corpus / "ground-truth").glob("*.txt")}
    files = sorted((p for p in (corpus / "corpus").glob("*/*") if p.stem in truths), key=lambda p: p.name)
    if smallest is None:
        return files
    by_format: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        by_format[path.suffix.lower()].append(path)
    chosen = (p for group in by_format.values() for p in sorted(group, key=lambda p: (p.stat().st_size, p.name))[:smallest])
    return sorted(chosen, key=lambda p: p.name)


def parse_text(path: Path) -> tuple[str, str | None, str | None]:
    """(stem, text or None, error code or None). The text is the file's: the document's, then that
    of each document it bundles (a decree's annexes come out as `attachments`)."""
    try:
        return path.stem, "\n".join(_texts(vbparse.parse(path))), None
    except VbparseError as exc:
        return path.stem, None, exc.code


def _texts(doc: vbparse.Document) -> list[str]:
    return [doc.text, *(text for attachment in doc.attachments for text in _texts(attachment))]


def run(corpus: Path, files: list[Path], jobs: int) -> dict:
    """Parse and score `files`; the per-document scores, the refused files, and each group's summary."""
    scorer = load_scorer(corpus)
    enc = encodings(corpus)
    with tempfile.TemporaryDirectory(prefix="vbparse-viparse-") as tmp, ProcessPoolExecutor(jobs) as pool:
        pred = Path(tmp)
        results = list(pool.map(parse_text, files))
        for stem, text, _ in results:
            if text is not None:
                (pred / f"{stem}.txt").write_text(text, "utf-8")
        truth = corpus / "ground-truth"
        truths = {stem: (truth / f"{stem}.txt").read_text("utf-8") for stem, text, _ in results if text is not None}
        scores = {stem: scorer.score_pair(stem, text, truths[stem]) for stem, text, _ in results if text is not None}
        folded = {stem: scorer.score_pair(stem, text.lower(), truths[stem].lower())
                  for stem, text, _ in results if text is not None}
    refused = {stem: code for stem, _, code in results if code is not None}
    groups: dict[str, list[str]] = defaultdict(list)
    for path in files:
        groups[f"{path.suffix.lower().lstrip('.')} {enc.get(path.name, path.parent.name)}"].append(path.stem)
        groups[f"{path.suffix.lower().lstrip('.')} (all)"].append(path.stem)
        groups["total"].append(path.stem)
    summary = {}
    for name, stems in sorted(groups.items(), key=lambda item: (item[0] == "total", item[0])):
        failed = [s for s in stems if s in refused]
        summary[name] = scorer.aggregate([scores[s] for s in stems if s in scores], failed)
        lower = scorer.aggregate([folded[s] for s in stems if s in folded], failed)
        summary[name]["diacritic_accuracy_lowercased"] = lower["diacritic_accuracy"]
    return {
        "summary": summary,
        "refused": refused,
        "documents": {stem: asdict(score) for stem, score in sorted(scores.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--smallest", type=int)
    parser.add_argument("--json", type=Path, help="also write every document's scores here")
    args = parser.parse_args()
    if not (args.corpus / "scripts" / "score.py").is_file():
        sys.exit(f"no viparse benchmark at {args.corpus}")
    result = run(args.corpus, documents(args.corpus, args.smallest), args.jobs)
    print(f"{'group':22} {'files':>5} {'refused':>7} {'char':>7} {'diacritic':>9} {'syllable':>8} {'dia(lower)':>10}")
    for name, s in result["summary"].items():
        dia, lower = (f"{v:.4f}" if v is not None else "-"
                      for v in (s["diacritic_accuracy"], s["diacritic_accuracy_lowercased"]))
        print(f"{name:22} {s['n_documents'] + s['n_failures']:5d} {s['n_failures']:7d} "
              f"{s['char_accuracy']:7.4f} {dia:>9} {s['syllable_accuracy']:8.4f} {lower:>10}")
    for stem, code in sorted(result["refused"].items()):
        print(f"refused: {stem} ({code})")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
