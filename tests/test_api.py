"""The Python API: a path and a document's content are different calls, options are checked once."""

from __future__ import annotations

from pathlib import Path

import pytest

import vbparse
from vbparse.errors import InputNotFoundError, UnreadableInputError

from .conftest import SAMPLES

SAMPLE = SAMPLES / "04-ubnd-quyet-dinh.txt"


@pytest.mark.parametrize("path", ["archive/Văn bản đến/Công văn số 999.pdf", "missing.txt", "Quyết định 12"])
def test_a_missing_path_is_a_typed_error_not_a_document(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputNotFoundError) as info:
        vbparse.parse(path)
    assert info.value.code == "input.not_found" and info.value.path == path


def test_a_string_is_always_a_path_never_the_text():
    with pytest.raises(InputNotFoundError):
        vbparse.parse(SAMPLE.read_text(encoding="utf-8"))


def test_path_objects_and_strings_name_the_same_file():
    by_str, by_path = vbparse.parse(str(SAMPLE)), vbparse.parse(SAMPLE)
    assert by_str.model_dump_json() == by_path.model_dump_json()
    assert by_str.source.path == str(SAMPLE) and by_str.header.number.text == "1234/QĐ-UBND"


def test_a_folder_is_unreadable():
    with pytest.raises(UnreadableInputError, match="is a directory"):
        vbparse.parse(SAMPLES)


@pytest.mark.parametrize("content, call", [(b"%PDF-1.7", "parse_bytes"), (12, "parse_text")])
def test_content_given_to_parse_names_the_right_call(content, call):
    with pytest.raises(TypeError, match=call):
        vbparse.parse(content)


def test_text_bytes_and_path_give_the_same_document():
    from_path = vbparse.parse(SAMPLE)
    from_text = vbparse.parse_text(SAMPLE.read_text(encoding="utf-8-sig"))
    from_bytes = vbparse.parse_bytes(SAMPLE.read_bytes(), path="in-memory.txt")
    assert from_text.model_dump(exclude={"source"}) == from_path.model_dump(exclude={"source"})
    assert from_bytes.model_dump(exclude={"source"}) == from_path.model_dump(exclude={"source"})
    assert (from_text.source.path, from_bytes.source.path) == (None, "in-memory.txt")


def test_text_that_looks_like_a_pdf_is_read_as_text():
    doc = vbparse.parse_text("%PDF-1.7 is not a file here\nSố 12/QĐ-UBND\n")
    assert doc.source.format == "text" and doc.text.startswith("%PDF-1.7")


def test_content_calls_refuse_the_other_type():
    with pytest.raises(TypeError, match="parse_text"):
        vbparse.parse_text(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="parse_bytes"):
        vbparse.parse_bytes("text")  # type: ignore[arg-type]


def test_options_are_enums_and_their_values():
    as_enum = vbparse.parse(SAMPLE, ocr=vbparse.OcrMode.never, pdf_engine=vbparse.PdfEngine.pdfplumber)
    as_str = vbparse.parse(SAMPLE, ocr="never", pdf_engine="pdfplumber")
    assert as_enum.model_dump_json() == as_str.model_dump_json()


@pytest.mark.parametrize("option", [{"ocr": "sometimes"}, {"pdf_engine": "ocr"}])
def test_an_unknown_option_is_refused_before_the_input_is_read(option):
    name, value = next(iter(option.items()))
    with pytest.raises(ValueError, match=f"{name} must be one of .*not {value!r}"):
        vbparse.parse(Path("/nonexistent/file.pdf"), **option)
    with pytest.raises(ValueError, match=name):
        vbparse.parse_bytes(SAMPLE.read_bytes(), **option)
