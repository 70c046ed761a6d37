"""Citation forms (reference §8), as data for `extract.citations`."""

from __future__ import annotations

from . import keyword, shape
from .tables import DOC_TYPES, NAMED_LAW_TYPES, TYPE_ALIASES

# Compound names first, so "Thông báo kết luận" is read whole rather than as "kết luận".
_TYPES = "|".join(t.replace(" ", r"\s+") for t in (*TYPE_ALIASES, *DOC_TYPES))

# The words before a symbol: "<Type> [words] [số]" — the type must come within a few words,
# as in "Kế hoạch hành động số", "Luật Cán bộ, công chức số", "Quyết định của Bộ Chính trị số".
LEAD = keyword(
    rf"(?<![\w])(?P<type>{_TYPES})(?![\w])"
    rf"(?P<filler>(?:[\s,]+(?!(?:{_TYPES}|số)(?![\w]))[^\s.;:!?()“”\"\d/]+){{0,10}}?)"
    r"\s*(?P<so>số(?:\s+hiệu)?|Số)?\s*:?\s*$"
)
# "số" alone right before the symbol ("văn bản số 12/UBND-VP").
BARE_SO = keyword(r"(?<![\w])số\s*:?\s*$")

# Between symbols of a shared-type list: "27-NQ/TW, 28-NQ/TW và 29-NQ/TW".
LIST_JOINER = keyword(r"^\s*(?:,|;|và|,\s*và)\s*(?:số\s+)?$")

# "của <issuer>" right after a symbol or its date.
ISSUER_LEAD = keyword(r"\s*,?\s*(?:của|do)\s+")

# A number-only reference: "Nghị quyết số 12 của Tỉnh ủy", "công văn 1537", "Chỉ thị 05".
NUMBER_ONLY = keyword(
    rf"(?<![\w])(?P<type>{_TYPES})\s+(?P<so>số\s+)?(?P<num>\d{{1,5}})(?![\w/.,\-–]\d|[\w/\-–])"
    # "Kế hoạch 5 năm", "Nghị quyết 12 chỉ tiêu" are counts, but "… số 12 ngày 05/3/2021" is not
    r"(?!\s*(?:%|năm(?!\s+\d{4})|tháng(?!\s+\d)|ngày(?!\s+\d)|giờ|phút|người|chỉ\s+tiêu|nhóm|điều|khoản|trang|bản|lần|"
    r"tỷ|triệu|nghìn|ha|km|m2|xã|huyện|tỉnh|đơn\s+vị))"
)

# Named references without a number (§8): congress and plenum resolutions, and laws by name.
_ROMAN = r"[IVXLC]+"
_ORD = rf"(?:\d{{1,2}}|lần\s+thứ\s+\w+|{_ROMAN})"
_TERM = rf"(?:\s*,?\s*kh[oó]a\s+{_ROMAN})"
NAMED_PARTY = keyword(
    r"(?<![\w])(?P<type>Nghị\s+quyết|Kết\s+luận|Chỉ\s+thị|Văn\s+kiện)\s+(?P<name>"
    rf"(?:Hội\s+nghị\s+)?(?:lần\s+thứ\s+\w+\s+)?(?:Ban\s+Chấp\s+hành\s+)?Trung\s+ương\s*(?:Đảng\s+)?{_ORD}?{_TERM}"
    rf"|Hội\s+nghị\s+lần\s+thứ\s+\w+\s+Ban\s+Chấp\s+hành\s+Trung\s+ương(?:\s+Đảng)?{_TERM}?"
    rf"|Đại\s+hội\s+(?:đại\s+biểu\s+)?(?:toàn\s+quốc\s+)?(?:Đảng\s+bộ\s+(?:[\w]+\s+){{1,4}}?)?"
    rf"(?:lần\s+thứ\s+{_ROMAN}|lần\s+thứ\s+\w+|{_ROMAN})(?![\w])(?:\s+của\s+Đảng)?"
    r"(?:\s*,?\s*nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4})?)"
)
# Laws by name: "Luật Tổ chức Chính phủ", "Bộ luật Hình sự", "Hiến pháp năm 2013". The type
# and the first word of the name are capitalised (§8), which tells them from prose.
NAMED_LAW = shape(
    r"(?<![\w])(?P<type>" + "|".join(t.replace(" ", r"\s+") for t in NAMED_LAW_TYPES) + r")"
    r"(?:\s+(?P<name>(?:\p{Lu}[\p{L}]*|nước\s+\p{Lu}[\p{L}]*)(?:\s+(?!(?:số(?=\s*:?\s*\d)|ngày|năm(?=\s+\d)|của|đã|được|và|về|theo|tại|quy\s+định|hiện\s+hành|sửa\s+đổi|có|thì|để|này|nêu|trên|hướng\s+dẫn|thi\s+hành|gồm|với|trong|do|là|khi|không|các|cho)\b)[\p{L}\d]+){0,10}))?"
)

# Words that may continue an issuer phrase although written in lower case: the second
# syllables of organisation names ("Ban Thường vụ Tỉnh ủy", "Ban Chấp hành Đảng bộ tỉnh").
ISSUER_CONTINUATION = frozenset(
    """hành vụ bộ nhân dân tỉnh huyện xã phường thị trấn thành phố ương thư trị phủ tướng trưởng
    phòng hội đồng chính đảng trực đốc sự đoàn tra ủy uỷ quốc quan tịch chức nước tổ tối cao sát án kiểm toán
    khu vực trung lập""".split()
)
