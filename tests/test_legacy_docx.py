"""Legacy DOCX (what LibreOffice makes of .doc and .rtf archives): the encoding of each font's
text in a line, by name or by content where the name does not say or lies; tracked changes,
footnotes and endnotes."""

from __future__ import annotations

import io
import zipfile

from vbparse.normalise.legacy_text import convert_run
from vbparse.readers.docx import read_docx

from .legacy_encode import tcvn3_text, vni_text
from .test_reader_docx import NS, _RELS, package


def run(text: str, font: str | None = None) -> str:
    fonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return f'<w:r>{fonts}<w:t xml:space="preserve">{text}</w:t></w:r>'


def texts(data: bytes) -> list[tuple[str, str | None]]:
    return [(block.text, block.legacy) for block in read_docx(data).blocks]


def with_notes(data: bytes, kind: str, notes: str) -> bytes:
    """`data` with a footnotes or endnotes part holding `notes` (w:footnote elements)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            xml = source.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                rel = f'<Relationship Id="rn" Type="{_RELS}/{kind}" Target="{kind}.xml"/>'
                xml = xml.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            target.writestr(item, xml)
        target.writestr(f"word/{kind}.xml", f"<w:{kind} {NS}>{notes}</w:{kind}>")
    return out.getvalue()


def test_vni_typed_into_a_tcvn3_named_font_and_legacy_text_in_times():
    body = (
        f'<w:p>{run(tcvn3_text("Dự án tin học hóa"), ".VnTime")}</w:p>'
        f'<w:p>{run(vni_text("Máy chủ của các phòng chuyên môn"), ".VnTime")}</w:p>'  # the font lies
        f'<w:p>{run(tcvn3_text("Kế hoạch tổng thể của tỉnh"), "Times New Roman")}</w:p>'  # it does not say
        f'<w:p>{run(vni_text("chiếc"), "VNSTCVN3")}</w:p>'  # one word: too short to gain the margin
        f'<w:p>{run("Lê Thái Bình", "Times New Roman")}</w:p>'  # Latin-1 letters, read as they are
    )
    assert texts(package(body)) == [
        ("Dự án tin học hóa", "tcvn3"),
        ("Máy chủ của các phòng chuyên môn", "vni"),
        ("Kế hoạch tổng thể của tỉnh", "tcvn3"),
        ("chiếc", "vni"),
        ("Lê Thái Bình", None),
    ]


def test_a_line_mixing_unicode_and_legacy_runs_converts_the_legacy_one():
    body = f'<w:p>{run("Điều 1. ", "Times New Roman")}{run(tcvn3_text("Phạm vi điều chỉnh"), ".VnTime")}</w:p>'
    assert texts(package(body)) == [("Điều 1. Phạm vi điều chỉnh", "tcvn3")]



def test_tracked_changes_in_legacy_fonts_keep_insertions_and_drop_deletions():
    body = (
        f'<w:p>{run(tcvn3_text("Quá độ "), ".VnTime")}'
        f'<w:del><w:r><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr><w:delText>{tcvn3_text("lên")}</w:delText></w:r></w:del>'
        f'<w:ins>{run(tcvn3_text("chuyển sang "), ".VnTime")}</w:ins>'
        f'{run(tcvn3_text("kinh tế thị trường"), ".VnTime")}</w:p>'
    )
    assert texts(package(body)) == [("Quá độ chuyển sang kinh tế thị trường", "tcvn3")]


def test_soft_hyphen_of_a_tcvn3_font_is_u():
    # Word stores the TCVN3 `ư` byte (0xAD) as an optional hyphen, in any font name it was given
    body = (f'<w:p><w:r><w:rPr><w:rFonts w:ascii="VNSTCVN3"/></w:rPr><w:t>{tcvn3_text("Nhà n")}</w:t>'
            f'<w:softHyphen/><w:t xml:space="preserve">{tcvn3_text("ớc và các cơ quan trung ương")}</w:t></w:r></w:p>')
    assert texts(package(body))[0][0] == "Nhà nước và các cơ quan trung ương"


def test_footnotes_and_endnotes_follow_the_body_with_their_numbers():
    note_ref = '<w:r><w:footnoteRef/></w:r>'
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p>{note_ref}{run(" " + tcvn3_text("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020"), ".VnTime")}</w:p></w:footnote>'
        f'<w:footnote w:id="2"><w:p>{note_ref}{run(" Theo báo cáo của Sở Tài chính")}</w:p></w:footnote>'
    )
    body = f'<w:p>{run("Căn cứ quy định hiện hành")}<w:r><w:footnoteReference w:id="1"/></w:r>{run(".")}</w:p>'
    data = with_notes(with_notes(package(body), "footnotes", notes), "endnotes",
                      f'<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r>{run(" Ghi chú cuối")}</w:p></w:endnote>')
    assert [text for text, _ in texts(data)] == [
        "Căn cứ quy định hiện hành.",
        "1 Nghị định số 30/2020/NĐ-CP ngày 05/3/2020",
        "2 Theo báo cáo của Sở Tài chính",
        "1 Ghi chú cuối",
    ]


def test_unicode_text_is_never_converted_whatever_its_font():
    for text in ("Cộng hòa xã hội chủ nghĩa Việt Nam", "Lê Thái Bình", "café"):
        for font in ("Times New Roman", "VNSTCVN3", None):
            assert convert_run(text, font) is None
    assert convert_run("Cộng hòa xã hội chủ nghĩa Việt Nam", ".VnTime") is None  # beyond any legacy byte
