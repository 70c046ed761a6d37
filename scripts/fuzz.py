"""Mutation fuzzing: every input must give a Document or a typed error, in bounded time.

Seeds are the project's samples (text, DOCX, PDF) and, when it is there, the shared corpus
(`../shared/corpus`). Each round takes a seed, mutates it for its reader (bytes flipped, spans
cut, repeated or spliced; DOCX parts mutated inside the ZIP; label and number tokens repeated
in text) and parses it in a worker process with a time limit, with `--ocr never`, PDFs once
with each engine. An untyped exception, a worker that dies, a time-out or output that is not
valid UTF-8 JSON is a failure: it is counted, saved with its traceback under --save, and makes
the exit code 1. The seed is printed; the same seed and inputs give the same mutations.

    python scripts/fuzz.py --seconds 300
    python scripts/fuzz.py --seconds 60 --seed 1733100000 --save /tmp/fuzz
"""

from __future__ import annotations

import argparse
import io
import logging
import multiprocessing
import os
import random
import resource
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
READERS = ("text", "docx", "pdf:pdfium", "pdf:pdfplumber")
SUFFIXES = {"text": ".txt", "docx": ".docx", "pdf": ".pdf"}
# Tokens that steer the parser into its structures: labels, the number lead, symbols, dates.
TOKENS = [t.encode() for t in (
    "Số ", "Số: ", "1.", "1.1.", "1.1.1 ", "a) ", "- ", "+ ", "I. ", "A. ", "Điều 1. ", "Chương I", "Phần thứ nhất",
    "Mục 1", "Phụ lục ", "Căn cứ ", "Kính gửi:", "Nơi nhận:", "/QĐ-UBND", "-NQ/TU", "30/2020/NĐ-CP", " | ",
    "ngày 05 tháng 3 năm 2025", "TM. ", "KT. ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "\n", "\r", "\t", "(1) ",
    "\ufeff", "\u200b", "\x00",
)] + [b"\xff\xfe", b"\xed\xb3\x84", b"\xc3", b"%%EOF", b"endobj", b"stream", b"/MediaBox [0 0 x 842]"]


@dataclass
class Tally:
    ok: int = 0
    typed: int = 0
    failures: list[str] = field(default_factory=list)
    per_reader: dict[str, int] = field(default_factory=dict)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    print(f"fuzz seed: {seed} (rerun: python scripts/fuzz.py --seed {seed} --seconds {args.seconds:g})", flush=True)
    seeds = _seeds(args)
    readers = [r for r in READERS if seeds.get(r.split(":")[0])]
    print("seed files: " + ", ".join(f"{kind} {len(files)}" for kind, files in seeds.items()), flush=True)
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
            status, detail = worker.run(data, SUFFIXES[kind], engine or "pdfium", args.timeout)
            if status == "timeout" and _seed_too_slow(worker, source, kind, engine, args.timeout):
                # a time-out counts when the seed itself takes under a third of the limit; a
                # slower seed (a long PDF through pdfminer on a busy machine) is dropped
                print(f"seed too slow for --timeout {args.timeout:g}, dropped: {reader} {source}", flush=True)
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
    return parser.parse_args(argv)


def _seeds(args: argparse.Namespace) -> dict[str, list[Path]]:
    roots = [SAMPLES] + ([Path(args.corpus)] if Path(args.corpus).is_dir() else [])
    found: dict[str, list[Path]] = {"text": [], "docx": [], "pdf": []}
    for root in roots:
        for path in sorted(root.rglob("*")):
            kind = {".txt": "text", ".docx": "docx", ".pdf": "pdf"}.get(path.suffix.lower())
            if kind and path.is_file() and 0 < path.stat().st_size <= args.max_size:
                found[kind].append(path)
    return found


# --- mutations -------------------------------------------------------------------------------

def mutate(rng: random.Random, kind: str, data: bytes, others: list[bytes]) -> bytes:
    """One to four mutations of `data`; DOCX mostly inside its parts, so the XML is reached."""
    if kind == "docx" and rng.random() < 0.7:
        return _mutate_part(rng, data)
    for _ in range(rng.randint(1, 4)):
        data = _mutate_bytes(rng, data, others, protect=1024 if kind == "pdf" and rng.random() < 0.8 else 0)
    return data


def _mutate_bytes(rng: random.Random, data: bytes, others: list[bytes], protect: int = 0) -> bytes:
    """A byte-level mutation; `protect` bytes at each end are left alone (a PDF's header and
    %%EOF, so that most mutations reach the engines)."""
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
        return data[:at] + rng.choice(TOKENS) * rng.choice((1, 1, 10, 500, 4000)) + data[at:]
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
