"""Mutation fuzzing: every input must give a Document or a typed error, in bounded time.

Seeds are the project's samples (text, DOCX, PDF), saved web pages and RTF files made from the
sample texts, and, when they are there, the shared corpus (`../shared/corpus`) and the RTF
files of the viparse benchmark. Each round takes a seed, mutates it for its reader (bytes
flipped, spans cut, repeated or spliced; DOCX parts mutated inside the ZIP; label and number
tokens, tags and RTF control words repeated) and parses it in a worker process with a time
limit, with `--ocr never`, PDFs once with each engine. A reader whose converter is missing
(LibreOffice for RTF, trafilatura for HTML) is left out, and said so. An untyped exception, a
worker that dies, a time-out or output that is not valid UTF-8 JSON is a failure: it is
counted, saved with its traceback under --save, and makes the exit code 1. The seed is printed; the same seed and inputs give the same mutations.

    python scripts/fuzz.py --seconds 300
    python scripts/fuzz.py --seconds 60 --seed 1733100000 --save /tmp/fuzz
    python scripts/fuzz.py --seconds 60 --readers html,rtf
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import io
import logging
import multiprocessing
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
CORPUS = REPO.parent / "shared" / "corpus"
BENCHMARK = REPO.parent / "shared" / "benchmarks" / "viparse-corpus" / "corpus"
READERS = ("text", "docx", "pdf:pdfium", "pdf:pdfplumber", "html", "rtf")
SUFFIXES = {"text": ".txt", "docx": ".docx", "pdf": ".pdf", "html": ".html", "rtf": ".rtf"}
KINDS = {suffix: kind for kind, suffix in SUFFIXES.items()} | {".htm": "html"}
# Tokens that steer the parser into its structures: labels, the number lead, symbols, dates.
TOKENS = [t.encode() for t in (
    "Số ", "Số: ", "1.", "1.1.", "1.1.1 ", "a) ", "- ", "+ ", "I. ", "A. ", "Điều 1. ", "Chương I", "Phần thứ nhất",
    "Mục 1", "Phụ lục ", "Căn cứ ", "Kính gửi:", "Nơi nhận:", "/QĐ-UBND", "-NQ/TU", "30/2020/NĐ-CP", " | ",
    "ngày 05 tháng 3 năm 2025", "TM. ", "KT. ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "\n", "\r", "\t", "(1) ",
    "\ufeff", "\u200b", "\x00",
)] + [b"\xff\xfe", b"\xed\xb3\x84", b"\xc3", b"%%EOF", b"endobj", b"stream", b"/MediaBox [0 0 x 842]"]
# Markup that steers the readers of web pages and RTF: nesting, tables, charsets, escapes.
MARKUP = {
    "html": [t.encode() for t in (
        "<div>", "</div>", "<p>", "</p>", "<table><tr><td>", "</td><td>", "</tr></table>", "<td colspan=\"999999\">",
        "<article>", "<nav>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "&#", "&#x110;", "&nbsp;", "<br>",
        '<meta charset="x-unknown">', '<meta charset="windows-1258">', '<font face=".VnTime">', "<h1>", "<li>",
    )],
    "rtf": [t.encode() for t in (
        "{", "}", "\\par ", "\\pard ", "\\cell ", "\\row ", "\\trowd ", "\\u7845?", "\\u-1?", "\\'e1", "\\'",
        "{\\fonttbl{\\f9 .VnTime;}}", "\\f1 ", "{\\*\\unknown ", "\\bin99999 ", "\\uc0 ", "{\\field{\\*\\fldinst ",
        "{\\footnote ", "{\\pict ", "\\ansicpg1258 ",
    )],
}
# Where a seed's format is told (PDF header, RTF and HTML opening): most mutations leave it be.
PROTECT = {"pdf": 1024, "rtf": 16, "html": 256}


@dataclass
class Tally:
    ok: int = 0
    typed: int = 0
    failures: list[str] = field(default_factory=list)
    per_reader: dict[str, int] = field(default_factory=dict)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    chosen = "" if args.readers == list(READERS) else f" --readers {','.join(args.readers)}"
    print(f"fuzz seed: {seed} (rerun: python scripts/fuzz.py --seed {seed} --seconds {args.seconds:g}{chosen})", flush=True)
    with tempfile.TemporaryDirectory(prefix="vbparse-fuzz-seeds-") as made:
        seeds = _seeds(args, Path(made))
        readers = [r for r in args.readers if seeds.get(r.split(":")[0]) and not _left_out(r)]
        print("seed files: " + ", ".join(f"{kind} {len(files)}" for kind, files in seeds.items()), flush=True)
        print("readers: " + ", ".join(readers), flush=True)
        if not readers:
            print("no reader left to fuzz")
            return 0
        return _fuzz(args, seed, seeds, readers)


def _fuzz(args: argparse.Namespace, seed: int, seeds: dict[str, list[Path]], readers: list[str]) -> int:
    save = Path(args.save) if args.save else Path(tempfile.mkdtemp(prefix="vbparse-fuzz-"))
    save.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    worker = _Worker(args.memory_mb)
    deadline = time.monotonic() + args.seconds
    index = 0
    try:
        while time.monotonic() < deadline:
            rng = random.Random(f"{seed}:{index}")
            reader = readers[index % len(readers)]
            kind, _, engine = reader.partition(":")
            source = rng.choice(seeds[kind])
            data = mutate(rng, kind, source.read_bytes(), [s.read_bytes() for s in rng.sample(seeds[kind], 1)])
            limit = _limit(kind, args.timeout)
            status, detail = worker.run(data, SUFFIXES[kind], engine or "pdfium", limit)
            if status == "timeout" and _seed_too_slow(worker, source, kind, engine, limit):
                # a time-out counts when the seed itself takes under a third of the limit; a
                # slower seed (a long PDF through pdfminer on a busy machine) is dropped
                print(f"seed too slow for a limit of {limit:g} s, dropped: {reader} {source}", flush=True)
                seeds[kind] = [s for s in seeds[kind] if s != source] or seeds[kind]
                index += 1
                continue
            tally.per_reader[reader] = tally.per_reader.get(reader, 0) + 1
            if status == "ok":
                tally.ok += 1
            elif status == "typed":
                tally.typed += 1
            else:
                name = f"{index:06d}-{status}-{source.stem}{SUFFIXES[kind]}"
                (save / name).write_bytes(data)
                (save / f"{name}.txt").write_text(f"reader {reader}, seed {seed}, round {index}\n{detail}\n")
                tally.failures.append(f"{status}: {reader} {name}: {detail.strip().splitlines()[-1][:200]}")
                print(tally.failures[-1], flush=True)
            index += 1
    finally:
        worker.stop()
    print(f"{index} inputs ({', '.join(f'{r} {n}' for r, n in tally.per_reader.items())}): {tally.ok} documents, "
          f"{tally.typed} typed errors, {len(tally.failures)} failures (untyped exceptions, crashes, time-outs)")
    if tally.failures:
        print(f"failing inputs saved in {save}; seed {seed}")
        return 1
    return 0


def _limit(kind: str, timeout: float) -> float:
    """Seconds an input may take. An RTF file goes through LibreOffice, which its reader stops
    after a time of its own (a typed error then): a mutation that repeats a span a thousand
    times makes a document of hundreds of pages, whose conversion may take about that long."""
    if kind != "rtf":
        return timeout
    from vbparse.readers.doc import TIMEOUT_SECONDS

    return timeout + TIMEOUT_SECONDS


def _seed_too_slow(worker: _Worker, source: Path, kind: str, engine: str, timeout: float) -> bool:
    start = time.monotonic()
    status, _ = worker.run(source.read_bytes(), SUFFIXES[kind], engine or "pdfium", timeout)
    return status == "timeout" or time.monotonic() - start > timeout / 3


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120, help="total fuzzing time (default 120)")
    parser.add_argument("--seed", type=int, help="random seed (default: a new one, printed)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds allowed per input (default 30)")
    parser.add_argument("--memory-mb", type=int, default=3072, help="address-space limit of the worker (default 3072)")
    parser.add_argument("--max-size", type=int, default=400_000, help="largest seed file taken, in bytes")
    parser.add_argument("--corpus", default=str(CORPUS), help="extra seed folder (default ../shared/corpus, if present)")
    parser.add_argument("--save", help="folder for failing inputs (default: a new temporary folder)")
    parser.add_argument("--readers", type=_readers, default=list(READERS),
                        help=f"comma-separated readers to fuzz (default all: {','.join(READERS)})")
    return parser.parse_args(argv)


def _readers(value: str) -> list[str]:
    chosen = [r.strip() for r in value.split(",") if r.strip()]
    unknown = [r for r in chosen if r not in READERS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"readers are among {', '.join(READERS)}")
    return chosen


def _left_out(reader: str) -> bool:
    """A reader whose converter is not installed would give only converter_missing errors."""
    missing = {
        "rtf": "LibreOffice (soffice) is not installed" if shutil.which("soffice") is None else None,
        "html": "trafilatura (vbparse[html]) is not installed" if importlib.util.find_spec("trafilatura") is None else None,
    }.get(reader)
    if missing:
        print(f"{reader} left out: {missing}", flush=True)
    return missing is not None


def _seeds(args: argparse.Namespace, made: Path) -> dict[str, list[Path]]:
    """Seed files by kind; web pages and RTF files made from the sample texts go into `made`."""
    _make_seeds(made)
    roots = [SAMPLES, made] + [root for root in (Path(args.corpus), BENCHMARK) if root.is_dir()]
    found: dict[str, list[Path]] = {kind: [] for kind in SUFFIXES}
    for root in roots:
        for path in sorted(root.rglob("*")):
            kind = KINDS.get(path.suffix.lower())
            if kind and path.is_file() and 0 < path.stat().st_size <= args.max_size:
                found[kind].append(path)
    return found


def _make_seeds(folder: Path) -> None:
    """Each sample text as a portal page (menus, breadcrumbs, related news, a table in the
    article) and as an RTF file (Unicode escapes, a table row; the .VnTime font it declares is
    for mutations that switch a run to it with `\\f1`)."""
    for sample in sorted(SAMPLES.glob("*.txt")):
        lines = [line.strip() for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
        (folder / f"{sample.stem}.html").write_text(_page(lines), encoding="utf-8")
        (folder / f"{sample.stem}.rtf").write_bytes(_rtf(lines))


def _page(lines: list[str]) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines[1:])
    cells = "".join(f"<td>{html.escape(cell)}</td>" for cell in lines[:2])
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(lines[0])}</title></head><body>\n'
            '<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li></ul></nav>\n'
            '<div class="breadcrumb">Trang chủ » Văn bản</div>\n'
            f'<article><h1>{html.escape(lines[0])}</h1>\n{body}<table><tr>{cells}</tr></table></article>\n'
            '<aside class="related"><h3>Tin liên quan</h3><ul><li><a href="/1">Hội nghị</a></li></ul></aside>\n'
            "<footer>Bản quyền © Cổng thông tin điện tử</footer></body></html>\n")


def _rtf(lines: list[str]) -> bytes:
    def escaped(text: str) -> str:
        return "".join(ch if ch.isascii() and ch not in "\\{}" else "\\" + ch if ch.isascii() else f"\\u{ord(ch)}?"
                       for ch in text)

    row = "".join(f"\\pard\\intbl {escaped(cell)}\\cell " for cell in lines[:2])
    body = "".join(f"{{\\pard\\f0 {escaped(line)}\\par}}\n" for line in lines[2:])
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}{\\f1\\fswiss .VnTime;}}\n"
            f"\\trowd\\cellx4500\\cellx9000\n{row}\\row\n{body}}}").encode("ascii")


# --- mutations -------------------------------------------------------------------------------

def mutate(rng: random.Random, kind: str, data: bytes, others: list[bytes]) -> bytes:
    """One to four mutations of `data`; DOCX mostly inside its parts, so the XML is reached."""
    if kind == "docx" and rng.random() < 0.7:
        return _mutate_part(rng, data)
    tokens = TOKENS + MARKUP.get(kind, [])
    for _ in range(rng.randint(1, 4)):
        protect = PROTECT.get(kind, 0) if rng.random() < 0.8 else 0
        data = _mutate_bytes(rng, data, others, protect=protect, tokens=tokens)
    return data


def _mutate_bytes(rng: random.Random, data: bytes, others: list[bytes], protect: int = 0,
                  tokens: list[bytes] = TOKENS) -> bytes:
    """A byte-level mutation; `protect` bytes at each end are left alone (a PDF's header and
    %%EOF, an RTF or HTML opening, so that most mutations reach the readers)."""
    if len(data) <= 2 * protect + 2:
        protect = 0
    lo, hi = protect, max(protect + 1, len(data) - protect)
    at = rng.randrange(lo, hi)
    span = min(hi - at, rng.choice((1, 2, 4, 16, 256, 4096)))
    op = rng.randrange(7)
    if op == 0:  # flip bytes
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(lo, hi)] = rng.randrange(256)
        return bytes(out)
    if op == 1:  # cut a span
        return data[:at] + data[at + span:]
    if op == 2:  # repeat a span: linear time is a property of every scan
        return data[:at] + data[at:at + span] * rng.choice((2, 10, 100, 1000)) + data[at + span:]
    if op == 3:  # a token, maybe many times
        return data[:at] + rng.choice(tokens) * rng.choice((1, 1, 10, 500, 4000)) + data[at:]
    if op == 4:  # truncate
        return data[:at]
    if op == 5 and others:  # splice with another seed
        other = rng.choice(others)
        return data[:at] + other[rng.randrange(len(other)):]
    # a number rewritten: offsets, lengths and counts in containers
    digits = [i for i in range(lo, min(hi, lo + 200_000)) if 48 <= data[i] <= 57]
    if not digits:
        return data
    i = rng.choice(digits)
    return data[:i] + str(rng.choice((0, 9, 99999, 10**9, -1))).encode() + data[i + 1:]


def _mutate_part(rng: random.Random, data: bytes) -> bytes:
    """Mutate one part of a DOCX and zip it again (the container stays valid)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except Exception:  # noqa: BLE001 - an already damaged seed: mutate its bytes instead
        return _mutate_bytes(rng, data, [])
    xml = [i for i, (name, _) in enumerate(parts) if name.endswith((".xml", ".rels"))]
    if not xml:
        return _mutate_bytes(rng, data, [])
    main = [i for i in xml if parts[i][0] == "word/document.xml"]
    pick = rng.choice(main) if main and rng.random() < 0.6 else rng.choice(xml)
    name, body = parts[pick]
    parts[pick] = (name, _mutate_bytes(rng, body, [body]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part_name, part in parts:
            archive.writestr(part_name, part)
    return out.getvalue()


# --- the worker ------------------------------------------------------------------------------

class _Worker:
    """A child process that parses one input at a time; killed and replaced on a time-out."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self.process: multiprocessing.Process | None = None
        self.conn: Connection | None = None

    def _start(self) -> None:
        parent, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_serve, args=(child, self.memory_mb), daemon=True)
        self.process.start()
        child.close()
        self.conn = parent

    def run(self, data: bytes, suffix: str, engine: str, timeout: float) -> tuple[str, str]:
        if self.process is None:
            self._start()
        assert self.conn is not None and self.process is not None
        self.conn.send((data, suffix, engine))
        if not self.conn.poll(timeout):
            self.stop()
            return "timeout", f"no result after {timeout:g} s"
        try:
            return self.conn.recv()
        except EOFError:
            code = self.process.exitcode
            self.stop()
            return "crash", f"the worker died (exit code {code})"

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.process = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _serve(conn: Connection, memory_mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, resource.RLIM_INFINITY))
    logging.disable(logging.CRITICAL)  # pdfminer logs every damaged object it meets
    import vbparse
    from vbparse.errors import VbparseError

    with tempfile.TemporaryDirectory(prefix="vbparse-fuzz-input-") as folder:
        while True:
            try:
                data, suffix, engine = conn.recv()
            except EOFError:
                return
            path = os.path.join(folder, "input" + suffix)
            with open(path, "wb") as file:
                file.write(data)
            try:
                doc = vbparse.parse(path, pdf_engine=engine, ocr="never")
                doc.model_dump_json().encode("utf-8")
                result = ("ok", "")
            except VbparseError as exc:
                result = ("typed", exc.code)
            except BaseException:  # noqa: BLE001 - what the fuzzer looks for
                result = ("untyped", traceback.format_exc())
            conn.send(result)


if __name__ == "__main__":
    sys.exit(main())
