"""Legacy Word 97-2003 (.doc) reader: LibreOffice converts to DOCX, the DOCX reader reads it.

RTF goes the same way (readers/rtf.py): the DOCX keeps each run's font, so legacy `.VnTime`
and `VNI-Times` runs are converted by font name.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ConverterMissingError, EmptyInputError, EncryptedInputError, UnreadableInputError
from .base import RawInput
from .docx import is_encrypted_ooxml, read_docx

TIMEOUT_SECONDS = 120


def read_doc(data: bytes) -> RawInput:
    return read_converted(data, "doc")


def read_converted(data: bytes, suffix: str) -> RawInput:
    """`data`, a document LibreOffice reads (`suffix`: "doc", "rtf"), converted to DOCX and read."""
    if not data:
        raise EmptyInputError("input is empty")
    if is_encrypted_ooxml(data):
        raise EncryptedInputError("the Word document is password-protected: remove the password and save it again")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ConverterMissingError(
            "LibreOffice (soffice) is not on PATH: install LibreOffice "
            f"(Debian: apt-get install libreoffice-writer) to read .{suffix} files"
        )
    with tempfile.TemporaryDirectory(prefix="vbparse-doc-") as tmp:
        work = Path(tmp)
        source = work / f"input.{suffix}"
        source.write_bytes(data)
        message = _convert(soffice, source, work, suffix)
        converted = work / "out" / "input.docx"
        if not converted.is_file():
            detail = f": {message[-300:]}" if message else " (damaged or password-protected?)"
            raise UnreadableInputError(f"LibreOffice could not convert the .{suffix}{detail}")
        raw = read_docx(converted.read_bytes())
    raw.sha256 = hashlib.sha256(data).hexdigest()  # identify the input, not our conversion of it
    raw.notes.append(("input.converted", f"converted from .{suffix} with LibreOffice"))
    return raw


def _convert(soffice: str, source: Path, work: Path, suffix: str) -> str:
    """Run the conversion; return what LibreOffice wrote on stderr."""
    # A private profile per call: parallel conversions sharing one profile block or fail.
    command = [
        soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
        "--convert-to", "docx", "--outdir", str(work / "out"), str(source),
    ]
    try:
        # Own process group, so a timeout also ends soffice.bin, which the soffice script starts.
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
    except OSError as exc:
        raise ConverterMissingError(f"cannot run LibreOffice ({soffice}): {exc}") from exc
    with process, _exit_on_sigterm():
        try:
            _, err = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise UnreadableInputError(f"LibreOffice did not convert the .{suffix} within {TIMEOUT_SECONDS} s") from exc
        except BaseException:  # stopped (a batch's time limit, Ctrl-C): soffice must not outlive us
            os.killpg(process.pid, signal.SIGKILL)
            raise
    return err.decode("utf-8", "replace").strip()


@contextmanager
def _exit_on_sigterm() -> Iterator[None]:
    """While converting, SIGTERM (how a batch stops a worker over its time) exits through the
    `finally` blocks, so the temporary copy of the document is removed and soffice killed."""
    if threading.current_thread() is not threading.main_thread():  # handlers belong to the main thread
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
