"""Saved web pages: main content read as lines, chrome left out, HTML under any name."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest

import vbparse
from vbparse.errors import ConverterMissingError, UnsupportedFormatError
from vbparse.readers import sniff_format

from .legacy_encode import tcvn3_bytes

pytest.importorskip("trafilatura")

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# What a provincial portal puts around an article; none of it may reach the text.
CHROME = [
    "Trang chủ", "Giới thiệu chung", "Tin tức - Sự kiện", "Văn bản chỉ đạo điều hành", "Liên hệ",
    "Tìm kiếm", "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 10 thành công tốt đẹp",
    "Lượt truy cập", "Bản quyền thuộc Cổng thông tin điện tử tỉnh", "Điện thoại: 0235 3810 000",
]


def portal_page(title: str, paragraphs: list[str], table: list[list[str]] = ()) -> str:
    """An article page as provincial portals lay it out: menus, breadcrumb, the article, a
    related-news box and a footer."""
    menu = "".join(f'<li><a href="/m{i}">{item}</a></li>' for i, item in enumerate(CHROME[:5]))
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)} - Cổng thông tin điện tử</title></head>
<body>
<div id="header"><ul class="menu">{menu}</ul><form class="search"><input name="q"><button>{CHROME[5]}</button></form></div>
<div class="breadcrumb"><a href="/">{CHROME[0]}</a> &gt; <a href="/m2">{CHROME[2]}</a></div>
<div class="main"><article><h1>{html.escape(title)}</h1><div class="date">09/01/2023 10:15</div>
{body}
{"<table>" + rows + "</table>" if rows else ""}
</article>
<div class="related"><h3>Tin khác</h3><ul><li><a href="/a1">{CHROME[6]}</a></li>
<li><a href="/a2">Tỉnh ủy triển khai nhiệm vụ năm 2023 tới các cấp ủy</a></li></ul></div></div>
<div id="footer"><p>{CHROME[7]}: 1.234.567</p><p>{CHROME[8]}. Địa chỉ: số 62 Hùng Vương. {CHROME[9]}.</p></div>
</body></html>"""


ARTICLE = [
    "Sáng 8/1, Tỉnh ủy tổ chức Hội nghị cán bộ chủ chốt quán triệt văn bản mới và triển khai nhiệm vụ năm 2023.",
    "Hội nghị quán triệt Nghị quyết số 28-NQ/TW ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng về tiếp tục "
    "đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị trong giai đoạn mới.",
    "Các đại biểu thảo luận dự thảo kế hoạch thực hiện Kết luận số 45-KL/TW ngày 17/11/2022 của Ban Chấp hành "
    "Trung ương Đảng và thống nhất các nhiệm vụ trọng tâm của năm.",
]
TITLE = "Tỉnh ủy quán triệt văn bản mới và triển khai nhiệm vụ năm 2023"


def test_portal_article_is_a_report_without_its_chrome():
    page = portal_page(TITLE, ARTICLE, [["Chỉ tiêu", "Kết quả"], ["Tăng trưởng GRDP", "8,5%"]])
    doc = vbparse.parse_bytes(page.encode("utf-8"))
    assert doc.source.format == "html"
    assert doc.kind == "report"
    assert doc.title == TITLE
    as_text = vbparse.parse_text("\n".join([TITLE, *ARTICLE]))
    assert [c.number.text for c in doc.citations if c.number] == [
        c.number.text for c in as_text.citations if c.number] == ["28-NQ/TW"]
    for chrome in CHROME:
        assert chrome not in doc.text
    lines = doc.text.split("\n")
    assert lines[0] == TITLE and ARTICLE[1] in lines
    # table cells are lines of their own, not one line per row
    assert ["Chỉ tiêu", "Kết quả", "Tăng trưởng GRDP", "8,5%"] == [l for l in lines if l in
                                                                  ("Chỉ tiêu", "Kết quả", "Tăng trưởng GRDP", "8,5%")]
    assert "<" not in doc.text


def test_headline_outside_the_article_body_is_kept_first():
    page = portal_page(TITLE, ARTICLE).replace(f"<h1>{TITLE}</h1>", "").replace(
        '<div class="main">', f'<div class="titlebar"><h2>{TITLE}</h2></div><div class="main">')
    doc = vbparse.parse_bytes(page.encode("utf-8"))
    assert doc.text.split("\n")[0] == TITLE


def test_tcvn3_page_is_converted():
    # A 2000s page typed in .VnTime: TCVN3 bytes declared as windows-1252.
    paragraphs = "".join(f"<p>{tcvn3_bytes(p).decode('cp1252')}</p>" for p in ARTICLE)
    page = (f'<html><head><meta charset="windows-1252"></head><body><font face=".VnTime">'
            f"{paragraphs}</font></body></html>").encode("cp1252")
    doc = vbparse.parse_bytes(page)
    assert doc.text.split("\n") == ARTICLE
    assert doc.source.encoding == "cp1252+tcvn3"


def test_html_is_told_from_its_bytes():
    assert sniff_format(b"\xef\xbb\xbf  <!DOCTYPE html>\n<html>") == "html"
    assert sniff_format(b"<!-- saved from url=(0042)http://example.org -->\n<html><body>") == "html"
    assert sniff_format(b"<p>Kinh gui</p>") == "html"
    assert sniff_format(b"<?xml version='1.0'?><root><a/></root>") == "markup"
    assert sniff_format(b"<= 5 ngay lam viec") == "text"


def test_other_markup_is_refused_not_read_as_text():
    with pytest.raises(UnsupportedFormatError):
        vbparse.parse_bytes(b"<?xml version='1.0'?><van-ban><so>12/QD-UBND</so></van-ban>")


def test_without_trafilatura_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ConverterMissingError, match=r"vbparse\[html\]"):
        vbparse.parse_bytes(portal_page(TITLE, ARTICLE).encode("utf-8"))


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vbparse", *args], capture_output=True, text=True, timeout=120)


def test_cli_reads_html_saved_under_a_pdf_name(tmp_path):
    saved = tmp_path / "cong-van.pdf"
    saved.write_text(portal_page(TITLE, ARTICLE), "utf-8")
    result = _cli("parse", str(saved))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["format"] == "html" and doc["title"] == TITLE
    assert "<p>" not in doc["text"] and "Trang chủ" not in doc["text"]


def test_cli_refuses_xml_saved_under_a_txt_name(tmp_path):
    saved = tmp_path / "export.txt"
    saved.write_text("<?xml version='1.0'?><records><record>Kinh gui</record></records>", "utf-8")
    result = _cli("parse", str(saved))
    assert result.returncode == 3
    assert "markup" in result.stderr


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_seed_articles_as_web_pages_parse_as_their_text(prefix):
    """The portal articles of the seeds, put back into a portal page, give the same report."""
    seed = next(SEEDS.glob(f"{prefix}_*.txt"))
    as_text = vbparse.parse(seed)
    paragraphs = [line for line in seed.read_text("utf-8").splitlines() if line.strip()]
    doc = vbparse.parse_bytes(portal_page(as_text.title, paragraphs).encode("utf-8"))
    assert doc.kind == as_text.kind == "report"
    assert doc.title == as_text.title
    assert [c.model_dump(exclude={"span"}) for c in doc.citations] == [
        c.model_dump(exclude={"span"}) for c in as_text.citations]
    for chrome in CHROME:
        assert chrome not in doc.text


def test_a_declared_charset_that_is_not_a_text_codec_falls_back_to_utf8():
    page = portal_page(TITLE, ARTICLE).replace('charset="utf-8"', 'charset="base64"')
    assert vbparse.parse_bytes(page.encode("utf-8")).title == TITLE
