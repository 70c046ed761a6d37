"""Abbreviation tables from the format reference (§11), as data.

Type names are canonical Vietnamese (sentence case); codes are as written in symbols.
"""

from __future__ import annotations

# Canonical document type names, longest first where one is a prefix of another, so that
# alternations built from this tuple match "Nghị quyết liên tịch" before "Nghị quyết".
DOC_TYPES: tuple[str, ...] = (
    "Nghị quyết liên tịch", "Thông tư liên tịch", "Nghị quyết", "Nghị định", "Quyết định",
    "Quy định", "Chỉ thị", "Quy chế", "Thông cáo", "Thông báo", "Thông tri", "Thông tư",
    "Hướng dẫn", "Chương trình", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo",
    "Biên bản", "Tờ trình", "Hợp đồng", "Công điện", "Công văn", "Kết luận", "Bản ghi nhớ",
    "Bản thỏa thuận", "Giấy ủy quyền", "Giấy mời", "Giấy giới thiệu", "Giấy nghỉ phép", "Giấy phép",
    "Phiếu gửi", "Phiếu chuyển", "Phiếu báo", "Phiếu trình", "Quy hoạch", "Điều lệ",
    "Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp", "Lệnh",
)

# Compound type names that read as one type ("Thông báo kết luận số 15-TB/TU" is a Thông báo).
TYPE_ALIASES: dict[str, str] = {
    "Thông báo kết luận": "Thông báo",
    "Kế hoạch hành động": "Kế hoạch",
    "Chương trình hành động": "Chương trình",
    "Hướng dẫn liên ngành": "Hướng dẫn",
    "Văn bản hợp nhất": "Văn bản hợp nhất",
}

# Words that introduce a citation without naming its type ("Văn bản số 4756/BTP-KTVB"): the
# symbol's type code tells the type, and a symbol without one is a công văn's.
GENERIC_TYPES: tuple[str, ...] = ("Văn bản",)
LETTER_TYPE = "Công văn"

# Types cited by name rather than number (reference §8): "Luật Tổ chức Chính phủ".
NAMED_LAW_TYPES: tuple[str, ...] = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")

# State administrative type codes (NĐ 30, Phụ lục III) and normative codes (§11.2).
STATE_TYPE_CODES: dict[str, str] = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn",
    "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án",
    "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình", "HĐ": "Hợp đồng",
    "CĐ": "Công điện", "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển", "PB": "Phiếu báo", "PT": "Phiếu trình",
    # licences issued by a UBND or a department (GP-UBND): not in NĐ 30's list, common in practice [?]
    "GP": "Giấy phép",
    # joint guidance of several bodies (HDLN-BCA-BQP-…) [?]
    "HDLN": "Hướng dẫn",
    # normative-only codes
    "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch", "L": "Luật", "PL": "Pháp lệnh",
    # copies and older codes (TTLT 55/2005)
    "SY": "Bản sao y", "TrS": "Bản trích sao", "SL": "Bản sao lục", "GT": "Giấy giới thiệu",
}

# Party type codes (§11.3). QĐ covers Quyết định and Quy định: the title line decides.
PARTY_TYPE_CODES: dict[str, str] = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "QĐi": "Quy định", "QyĐ": "Quy định",
    "CT": "Chỉ thị", "KL": "Kết luận", "QC": "Quy chế", "HD": "Hướng dẫn", "TB": "Thông báo",
    "TT": "Thông tri", "BC": "Báo cáo", "KH": "Kế hoạch", "CTr": "Chương trình",
    "TTr": "Tờ trình", "CV": "Công văn", "BB": "Biên bản", "ĐA": "Đề án", "PA": "Phương án",
    "BS": "Bản sao", "TC": "Thông cáo", "QH": "Quy hoạch", "DA": "Dự án", "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
}

# Codes typed without Đ (ASCII keyboards, OCR): repaired, with a diagnostic.
ASCII_CODE_REPAIRS: dict[str, str] = {
    "ND": "NĐ", "QD": "QĐ", "QDi": "QĐi", "QyD": "QyĐ", "CD": "CĐ",
    "HDND": "HĐND", "HDTP": "HĐTP", "BCSD": "BCSĐ", "DU": "ĐU", "DUK": "ĐUK", "DD": "ĐĐ",
    "BGDDT": "BGDĐT", "BKHDT": "BKHĐT", "BDVTW": "BDVTW", "DCTUBTWMTQVN": "ĐCTUBTWMTQVN",
}

# Signing prefixes (§11.5): written form -> mode. Both families' styles are accepted.
SIGNING_PREFIXES: dict[str, str] = {
    "TM": "TM", "T/M": "TM", "KT": "KT", "K/T": "KT", "TL": "TL", "T/L": "TL",
    "TUQ": "TUQ", "T/UQ": "TUQ", "Q": "Q",
}

# Positions printed over a signer's name (§9), the longest first where one ends another.
POSITIONS: tuple[str, ...] = (
    "PHÓ CHỦ TỊCH", "CHỦ TỊCH", "PHÓ TỔNG GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC",
    "BỘ TRƯỞNG", "THỨ TRƯỞNG", "PHÓ THỦ TƯỚNG", "THỦ TƯỚNG", "PHÓ BÍ THƯ", "BÍ THƯ", "PHÓ TRƯỞNG BAN",
    "TRƯỞNG BAN", "PHÓ CHÁNH VĂN PHÒNG", "CHÁNH VĂN PHÒNG", "PHÓ CỤC TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG",
    "PHÓ TRƯỞNG PHÒNG", "TRƯỞNG PHÒNG", "CHÁNH ÁN", "VIỆN TRƯỞNG", "THỐNG ĐỐC", "CHỦ NHIỆM", "TRƯỞNG ĐOÀN",
    "CHÁNH THANH TRA", "TỔNG THƯ KÝ",
)

# Bodies whose name runs onto a next line that opens with an administrative level
# ("ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI"), and those levels (§2).
ORGAN_HEADS: tuple[str, ...] = (
    "ỦY BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG NHÂN DÂN", "HĐND", "ĐẢNG BỘ", "BAN CHẤP HÀNH ĐẢNG BỘ",
    "BAN THƯỜNG VỤ", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
)
ADMIN_LEVELS: tuple[str, ...] = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN")

# Enterprises name themselves freely, so a name that opens so runs on to the next capitals line
# ("CÔNG TY CP ĐẦU TƯ XÂY DỰNG" / "HẠ TẦNG VÀ GIAO THÔNG") unless that line names a unit of its
# own, opening with one of UNIT_HEADS ("TỔNG CÔNG TY ĐIỆN LỰC" / "CÔNG TY ĐIỆN LỰC LÀO CAI").
ENTERPRISE_HEADS: tuple[str, ...] = ("CÔNG TY", "TỔNG CÔNG TY", "TẬP ĐOÀN", "HỢP TÁC XÃ", "NGÂN HÀNG")
UNIT_HEADS: tuple[str, ...] = (
    *ENTERPRISE_HEADS, "CHI NHÁNH", "NHÀ MÁY", "XÍ NGHIỆP", "BAN", "PHÒNG", "VĂN PHÒNG", "TRUNG TÂM", "ĐỘI",
    "TỔ", "XƯỞNG", "KHO", "TRẠM", "BỘ", "SỞ", "CỤC", "ĐẢNG ỦY", "ĐẢNG BỘ", "CHI BỘ", "CÔNG ĐOÀN", "ĐOÀN",
    "HỘI ĐỒNG", "ỦY BAN", "UBND",
)

# Provinces and centrally run cities, before and after the 2025 mergers (reference §2): only to
# restore the marks OCR damaged in a name, never to judge whether an issuer exists.
PROVINCES: tuple[str, ...] = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
    "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang", "Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)

# Superior bodies named first in an issuer block (§2); when a flattened header runs the
# block onto one line ("BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG"), what follows is the issuer.
SUPERIOR_BODIES: tuple[str, ...] = ("BAN CHẤP HÀNH TRUNG ƯƠNG",)

# The two national headings (§1), and the state motto.
PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
STATE_MOTTO = "Độc lập - Tự do - Hạnh phúc"
YOUTH_HEADING = "ĐOÀN TNCS HỒ CHÍ MINH"

# Roman numerals used in section labels and congress/term names.
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# Letters of section/point labels: the Vietnamese alphabet has no f, j, w, z; but practice
# also numbers with the Latin alphabet (A. … E. F. G.), so both orders are accepted.
VIETNAMESE_ALPHABET = "abcdđeghiklmnopqrstuvxy"
LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

# Military and police ranks that may precede a signer's name ("Thượng tướng Nguyễn Văn A").
RANKS: tuple[str, ...] = tuple(
    f"{grade} {kind}"
    for kind in ("tướng", "tá", "úy", "uý")
    for grade in ("Đại", "Thượng", "Trung", "Thiếu")
)
