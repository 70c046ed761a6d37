"""Real documents in ../shared/corpus/txt: each parses cleanly, with hand-checked values.

The expected values were read off the documents themselves (header lines and signature
blocks), not copied from the parser's output.
"""

from __future__ import annotations

import pytest

from vbparse import parse

from .conftest import shared_path

# file: (number, date, issuer, doc_type, [(authority, position, signer), ...])
EXPECTED = {
    "luat-111-2025-qh15-bao-hiem-tien-gui.txt": (
        "111/2025/QH15", "2025-12-10", "QUỐC HỘI", "Luật", [([], "CHỦ TỊCH QUỐC HỘI", "Trần Thanh Mẫn")]),
    "nd-249-2025-nd-cp.txt": (
        "249/2025/NĐ-CP", "2025-09-19", "CHÍNH PHỦ", "Nghị định",
        [(["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"], "PHÓ THỦ TƯỚNG", "Nguyễn Hòa Bình")]),
    "nq-106-2025-ubtvqh15.txt": (
        "106/2025/UBTVQH15", "2025-10-16", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Nghị quyết",
        [(["TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI"], "CHỦ TỊCH", "Trần Thanh Mẫn")]),
    "nqlt-102-2025-ubtvqh15-cp-dctubtwmttqvn.txt": (
        "102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTQVN", "2025-09-26", None, "Nghị quyết liên tịch",
        [(["TM.ĐOÀN CHỦ TỊCH UB TW MẶT TRẬN TỔ QUỐC VIỆT NAM"], "CHỦ TỊCH", "Đỗ Văn Chiến"),
         (["TM. CHÍNH PHỦ"], "THỦ TƯỚNG", "Phạm Minh Chính"),
         (["TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI"], "CHỦ TỊCH", "Trần Thanh Mẫn")]),
    "qd-40-2025-qd-ttg.txt": (
        "40/2025/QĐ-TTg", "2025-10-31", "THỦ TƯỚNG CHÍNH PHỦ", "Quyết định",
        [(["KT. THỦ TƯỚNG"], "PHÓ THỦ TƯỚNG", "Phạm Thị Thanh Trà")]),
    "qd-758-2024-qd-ctn.txt": (
        "758/2024/QĐ-CTN", "2024-07-30", "CHỦ TỊCH NƯỚC", "Quyết định",
        [([], "CHỦ TỊCH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Tô Lâm")]),
    "tt-09-2026-tt-bqp.txt": (
        "09/2026/TT-BQP", "2026-01-22", "BỘ QUỐC PHÒNG", "Thông tư",
        [(["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG", "Phạm Hoài Nam")]),
    "tt-85-2025-tt-nhnn.txt": (
        "85/2025/TT-NHNN", "2025-12-31", "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "Thông tư",
        [(["KT. THỐNG ĐỐC"], "PHÓ THỐNG ĐỐC", "Nguyễn Ngọc Cảnh")]),
    "tt-93-2025-tt-btc.txt": (
        "93/2025/TT-BTC", "2025-10-13", "BỘ TÀI CHÍNH", "Thông tư",
        [(["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG", "Lê Tấn Cận")]),
    "ttlt-29-2025-ttlt-btp-bca-bqp-btc-tandtc-vksndtc.txt": (
        "29/2025/TTLT-BTP-BCA-BQP-BTC-TANDTC-VKSNDTC", "2025-12-31", None, "Thông tư liên tịch",
        [(["KT. BỘ TRƯỞNG BỘ CÔNG AN"], "THỨ TRƯỞNG", "Lê Quốc Hùng"),
         (["KT. BỘ TRƯỞNG BỘ TƯ PHÁP"], "THỨ TRƯỞNG", "Nguyễn Thanh Ngọc"),
         (["KT. BỘ TRƯỞNG BỘ QUỐC PHÒNG"], "THỨ TRƯỞNG", "Võ Minh Lương"),
         (["KT. BỘ TRƯỞNG BỘ TÀI CHÍNH"], "THỨ TRƯỞNG", "Đỗ Thành Trung"),
         (["KT. CHÁNH ÁN TÒA ÁN NHÂN DÂN TỐI CAO"], "PHÓ CHÁNH ÁN", "Nguyễn Văn Tiến"),
         (["KT. VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO"], "PHÓ VIỆN TRƯỞNG", "Hồ Đức Anh")]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_text_document(name):
    number, date, issuer, doc_type, signatures = EXPECTED[name]
    doc = parse(shared_path("corpus", "txt", name))
    assert doc.kind == "document"
    assert not doc.has_errors
    assert doc.header.number.text == number
    assert doc.header.date == date
    if issuer is not None:  # joint issuers: only the number names them all
        assert doc.header.issuer == issuer
    assert doc.header.doc_type == doc_type
    assert [(s.authority, s.position, s.signer) for s in doc.signatures] == signatures


def test_normative_citations_in_grounds():
    doc = parse(shared_path("corpus", "txt", "nd-249-2025-nd-cp.txt"))
    cited = {c.number.text: c for c in doc.citations if c.number}
    assert cited["63/2025/QH15"].doc_type == "Luật"
    assert cited["63/2025/QH15"].name == "Tổ chức Chính phủ"
    assert cited["231/2025/NĐ-CP"].date == "2025-08-26"
    assert cited["231/2025/NĐ-CP"].issuer == "Chính phủ"
