"""What a batch run shows on stderr: a progress bar with the file last finished on a terminal,
progress lines off it (a cron job's log), a line per file with --verbose, and a summary table
at the end, sorted by path like the manifest. Files read by OCR (seconds a page) show the page
being read, on a terminal; off it, a file whose OCR runs long gets one line."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskID, TextColumn, TimeRemainingColumn
from rich.text import Text
from rich.table import Table

from ..batch import FAILED_STATUSES, STATUSES, ManifestEntry, count_by_status, printable

PROBLEMS_SHOWN = 20  # rows of the problem table without --verbose; the manifest has them all
# Off a terminal, a progress line every tenth of the run's files or every LINE_SECONDS,
# whichever comes first: an overnight run's log shows it is alive and how far it got.
LINE_SECONDS = 30.0
LINE_SHARE = 10
_STYLE = {"ok": "green", "partial": "yellow", "failed": "red", "timeout": "red", "skipped": "dim"}


class BatchProgress:
    """Counts finished inputs for the bar (files, files/s and pages/s, ETA, failures so far, the
    file last finished) or the progress lines, and the summary. Call it with each finished entry
    (the `on_entry` of `run_batch`)."""

    def __init__(self, total: int, console: Console, *, bar: bool, verbose: bool) -> None:
        self.console, self.verbose, self.total = console, verbose, total
        self.done = self.reused = self.pages = self.failures = 0
        self.started = self._last_line = time.monotonic()
        self._lines = bar and not verbose and not console.is_terminal
        self._line_files = max(1, total // LINE_SHARE)
        self._progress = _progress(console, bar)
        self._task = self._progress.add_task("parsing", total=total, count=f"0/{total}", rate="", failures="", current="")
        self.ocr = OcrRows(self._progress, console, lines=bar and not console.is_terminal)

    def __enter__(self) -> BatchProgress:
        if self._lines:
            self.console.print(f"{self.total} inputs to parse", highlight=False, markup=False, soft_wrap=True)
        self._progress.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._progress.stop()

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def __call__(self, entry: ManifestEntry, reused: bool) -> None:
        self.done += 1
        self.reused += reused
        self.pages += entry.pages or 0
        self.failures += entry.status in FAILED_STATUSES
        self.ocr.done(entry.path)
        if self.verbose:
            self.console.print(_line(entry, reused), highlight=False, soft_wrap=True)
        elapsed = max(self.seconds, 1e-6)
        rate = f"{self.done / elapsed:.1f} files/s, {self.pages / elapsed:.1f} pages/s"
        self._progress.update(
            self._task, completed=self.done, count=f"{self.done}/{self.total}", rate=rate,
            failures=f"[red]{self.failures} failed[/]" if self.failures else "", current=escape(_tail(printable(entry.path))),
        )
        now = time.monotonic()
        if self._lines and self.done < self.total and (self.done % self._line_files == 0 or now - self._last_line >= LINE_SECONDS):
            self._last_line = now
            left = (self.total - self.done) * elapsed / self.done
            self.console.print(f"{self.done}/{self.total} inputs, {self.failures} failed, {rate}, about {left:.0f} s left",
                               highlight=False, markup=False, soft_wrap=True)


def _progress(console: Console, shown: bool, *, transient: bool = False) -> Progress:
    """The progress display: a row for the run (or none), and one for each file being read by OCR."""
    # rich would print the bar's last frame into a pipe or file: off the terminal, no bar;
    # and stdout stays ours, since it may carry the JSONL or CSV stream
    return Progress(
        TextColumn("{task.description:>7}"), BarColumn(), TextColumn("{task.fields[count]}"),
        TextColumn("{task.fields[rate]}"), _Clock(), TimeRemainingColumn(), TextColumn("{task.fields[failures]}"), TextColumn("[dim]{task.fields[current]}"),
        console=console, disable=not (shown and console.is_terminal), transient=transient,
        redirect_stdout=False, redirect_stderr=False,
    )


class _Clock(ProgressColumn):
    """Seconds since a file being read by OCR was taken, ticking between its pages (minutes apart
    on a slow scan); blank on the run's row."""

    def render(self, task: Task) -> Text:
        since = task.fields.get("since")
        return Text("" if since is None else f"{time.monotonic() - since:.0f} s", style="progress.elapsed")


class OcrRows:
    """Files being read by OCR, told page by page: a row each in `progress` (the page being read,
    seconds since the file was taken) until the file is done; with `lines` (off a terminal), one
    line for a file still at its OCR LINE_SECONDS after it was taken."""

    def __init__(self, progress: Progress, console: Console, *, lines: bool) -> None:
        self.progress, self.console, self.lines = progress, console, lines
        self._rows: dict[str, TaskID] = {}
        self._told: set[str] = set()

    def page(self, path: str, page: int, seconds: float) -> None:
        fields = {"count": f"page {page}", "since": time.monotonic() - seconds}
        if path in self._rows:
            self.progress.update(self._rows[path], **fields)
        else:
            current = escape(_tail(printable(path)))
            self._rows[path] = self.progress.add_task("OCR", total=None, rate="", failures="", current=current, **fields)
        if self.lines and seconds >= LINE_SECONDS and path not in self._told:
            self._told.add(path)
            self.console.print(f"{printable(path)}: reading page {page} by OCR, {seconds:.0f} s so far",
                               highlight=False, markup=False, soft_wrap=True)

    def done(self, path: str) -> None:
        row = self._rows.pop(path, None)
        if row is not None:
            self.progress.remove_task(row)


@contextmanager
def one_file_ocr(console: Console, path: str, *, shown: bool) -> Iterator[None]:
    """While one file is parsed in this process: its OCR pages shown as in a batch, the display
    gone when the parse ends (the document follows on stdout)."""
    from ..readers.ocr_hook import PAGE_LISTENERS

    progress = _progress(console, shown, transient=True)
    rows = OcrRows(progress, console, lines=shown and not console.is_terminal)
    started = time.monotonic()

    def listener(page: int) -> None:
        if not progress.live.is_started:
            progress.start()
        rows.page(path, page, time.monotonic() - started)

    PAGE_LISTENERS.append(listener)
    try:
        yield
    finally:
        PAGE_LISTENERS.remove(listener)
        progress.stop()


def _tail(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-width + 1 :]


def _line(entry: ManifestEntry, reused: bool) -> str:
    detail = f" {escape(entry.code)}" if entry.code else ""
    kept = " (kept from an earlier run)" if reused else ""
    return f"[{_STYLE[entry.status]}]{entry.status:>7}[/] {escape(printable(entry.path))}{detail} [dim]{entry.seconds:.2f} s{kept}[/]"


def print_summary(console: Console, entries: Sequence[ManifestEntry], progress: BatchProgress, *, all_problems: bool) -> None:
    counts = count_by_status(entries)
    pages: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for entry in entries:
        pages[entry.status] += entry.pages or 0
    title = f"{len(entries)} inputs in {progress.seconds:.1f} s"
    if progress.reused:
        title += f", {progress.reused} kept from an earlier run (--resume)"
    console.print(title, soft_wrap=True)
    table = Table()
    table.add_column("status")
    table.add_column("files", justify="right")
    table.add_column("pages", justify="right")
    for status in STATUSES:
        table.add_row(f"[{_STYLE[status]}]{status}[/]", str(counts[status]), str(pages[status]) if pages[status] else "")
    console.print(table)
    duplicates = sum(entry.duplicate_of is not None for entry in entries)
    if duplicates:
        console.print(f"duplicates: {duplicates} (same bytes as an earlier path; duplicate_of in the manifest)")
    print_problems(console, entries, limit=None if all_problems else PROBLEMS_SHOWN)


def print_problems(console: Console, entries: Sequence[ManifestEntry], *, limit: int | None = None) -> None:
    """The inputs that did not parse cleanly, sorted by path, with their codes."""
    problems = [e for e in entries if e.status in ("partial", *FAILED_STATUSES)]
    if not problems:
        return
    table = Table(title="not parsed cleanly", title_justify="left")
    table.add_column("path", overflow="fold")
    for column in ("status", "code", "message"):
        table.add_column(column)
    for entry in problems[:limit]:
        table.add_row(escape(printable(entry.path)), f"[{_STYLE[entry.status]}]{entry.status}[/]",
                      escape(entry.code or ""), escape(entry.message or ""))
    console.print(table)
    if limit is not None and len(problems) > limit:
        console.print(f"… and {len(problems) - limit} more (--verbose lists all; the manifest has every one)")
