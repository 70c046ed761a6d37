"""Layout text against its PDF: do `pdftotext -layout` dumps parse to the same answers?

For every pair pdf/X.pdf <-> txt-layout/X.txt in ../shared/corpus, both are parsed (the PDF
with OCR off: the dump was made from the same text layer) and their answers compared field by
field, tone- and punctuation-insensitively (the `soft` key of `vbparse eval`). Prints one row
per pair (`=` agree, `x` differ), the share of pairs agreeing on every header, signature and
distribution field (target >= 95 %), and, where gold exists (gold/corpus/pdf/X.pdf.json),
whether each side gives the gold answers for those fields.

Usage: python bench/layout_agreement.py [--corpus DIR] [-v]
(`PYTHONPATH=/path/to/other/src python bench/layout_agreement.py` measures another checkout.)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import vbparse
from vbparse.errors import VbparseError
from vbparse.evaluate.answers import Answers, from_document, from_gold
from vbparse.evaluate.gold import load_gold
from vbparse.evaluate.score import soft_key

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
GOLD = REPO / "gold" / "corpus" / "pdf"

HEADER = ("number", "date", "issuer", "place", "doc_type", "summary")
SIGNATURE = ("authority", "position", "signer")
COLUMNS = (*HEADER, *SIGNATURE, "distribution")


def values(answers: Answers) -> dict[str, object]:
    """The compared fields, soft-keyed: single values, and lists as sorted bags."""
    out: dict[str, object] = {}
    for name in HEADER:
        value = answers.single.get(f"header.{name}")
        out[name] = soft_key(value) if value else None
    for name in SIGNATURE:
        out[name] = sorted(soft_key(v) for v in answers.lists[f"signatures.{name}"])
    out["distribution"] = sorted(soft_key(v) for v in answers.lists["distribution"])
    return out


def parse(path: Path) -> dict[str, object] | None:
    try:
        return values(from_document(vbparse.parse(path, ocr="never")))
    except VbparseError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("-v", "--verbose", action="store_true", help="print the differing values")
    args = parser.parse_args()
    pairs = sorted(
        (pdf, txt) for txt in (args.corpus / "txt-layout").glob("*.txt")
        if (pdf := args.corpus / "pdf" / f"{txt.stem}.pdf").is_file()
    )
    if not pairs:
        raise SystemExit(f"no pdf/X.pdf <-> txt-layout/X.txt pairs under {args.corpus}")
    width = max(len(pdf.stem) for pdf, _ in pairs)
    print(f"{'pair':<{width}}  " + " ".join(c[:5].rjust(5) for c in COLUMNS) + "   all  gold:pdf txt")
    agree_all = 0
    per_column = dict.fromkeys(COLUMNS, 0)
    gold_hits = {"pdf": 0, "txt": 0}
    golds = 0
    for pdf, txt in pairs:
        a, b = parse(pdf), parse(txt)
        same = {c: a is not None and b is not None and a[c] == b[c] for c in COLUMNS}
        for c in COLUMNS:
            per_column[c] += same[c]
        agree_all += all(same.values())
        row = f"{pdf.stem:<{width}}  " + " ".join(("=" if same[c] else "x").rjust(5) for c in COLUMNS)
        row += f"   {'yes' if all(same.values()) else 'no':>3}"
        gold_file = GOLD / f"{pdf.name}.json"
        if gold_file.is_file():
            golds += 1
            expected = values(from_gold(load_gold(gold_file).gold))
            marks = []
            for side, got in (("pdf", a), ("txt", b)):
                hit = got is not None and all(got[c] == expected[c] for c in COLUMNS)
                gold_hits[side] += hit
                marks.append("ok" if hit else "--")
            row += f"        {marks[0]:>3} {marks[1]:>3}"
        print(row)
        if args.verbose:
            for c in COLUMNS:
                if not same[c]:
                    print(f"    {c}: pdf={a and a[c]!r}\n    {' ' * len(c)}  txt={b and b[c]!r}")
    n = len(pairs)
    print()
    print("agree per field: " + ", ".join(f"{c} {per_column[c]}/{n}" for c in COLUMNS))
    print(f"pairs agreeing on header + signatures + distribution: {agree_all}/{n} = {agree_all / n:.0%} (target >= 95 %)")
    if golds:
        print(f"matching gold on all those fields ({golds} pairs with gold): pdf {gold_hits['pdf']}/{golds}, "
              f"layout text {gold_hits['txt']}/{golds}")


if __name__ == "__main__":
    main()
