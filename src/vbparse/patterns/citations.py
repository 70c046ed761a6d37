"""Citation forms (reference §8), as data for `extract.citations`."""

from __future__ import annotations

from ..normalise.fold import fold_tones
from . import keyword, shape
from .dates import NUMERIC_DATE
from .tables import DOC_TYPES, GENERIC_TYPES, NAMED_LAW_TYPES, TYPE_ALIASES

# Compound names first, so "Thông báo kết luận" is read whole rather than as "kết luận".
_TYPES = "|".join(t.replace(" ", r"\s+") for t in (*TYPE_ALIASES, *DOC_TYPES, *GENERIC_TYPES))

# The words before a symbol: "<Type> [words] [số]" — the type must come within 14 words (long
# law names: "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13"),
# as in "Kế hoạch hành động số", "Luật Cán bộ, công chức số", "Quyết định của Bộ Chính trị số".
LEAD = keyword(
    rf"(?<![\w])(?P<type>{_TYPES})(?![\w])"
    rf"(?P<filler>(?:[\s,]+(?!(?:{_TYPES}|số)(?![\w]))[^\s.;:!?()“”\"\d/]+){{0,14}}?)"
    r"\s*(?P<so>số(?:\s+hiệu)?|Số)?\s*:?\s*$"
)
# "số" alone right before the symbol ("văn bản số 12/UBND-VP").
BARE_SO = keyword(r"(?<![\w])số\s*:?\s*$")

# Between symbols of a shared-type list: "27-NQ/TW, 28-NQ/TW và 29-NQ/TW".
LIST_JOINER = keyword(r"^\s*(?:,|;|và|,\s*và)\s*(?:số\s+)?$")
# Between two whole citations that share the date and issuer written after the second [?]:
# "Nghị quyết số 233-NQ/TU ngày 25/7/2022 và Thông báo số 1975-TB/TU … của Ban Chấp hành".
SHARED_TAIL_JOINER = keyword(r"\s*,?\s*và\s*")
# A form's code looks like a symbol but names no document: "Mẫu số 01/BCĐBQH-MT".
FORM_LEAD = keyword(r"(?<![\w])(?:biểu\s+)?mẫu\s*(?:số)?\s*:?\s*$")

# "của <issuer>" right after a symbol or its date.
ISSUER_LEAD = keyword(r"\s*,?\s*(?:của|do)\s+")

# The issuer named before the citation [?]: "đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số …",
# "đã được Ban Thường vụ Tỉnh ủy phê duyệt tại Nghị quyết số …". ISSUER_ANCHOR opens the issuer
# phrase; what follows the phrase up to the citation must be ISSUED_AT.
ISSUER_ANCHOR = shape(r"(?<![\w])(?:của|được)\s+(?=\p{Lu})")
ISSUED_AT = keyword(
    r"\s*(?:(?:đã\s+)?(?:ban\s+hành|thông\s+qua|phê\s+duyệt|xác\s+định|quyết\s+định|chỉ\s+đạo|đề\s+ra)\s+)?"
    r"(?:tại|theo)\s*$"
)
# The issuer as the subject of an issuing verb [?]: "Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch
# số …", "Tỉnh ủy đã thông qua Nghị quyết số …", "Văn phòng Tỉnh ủy đã có công văn 2045".
ISSUING_VERB = keyword(r"(?<![\w])(?:đã\s+)?(?:ban\s+hành|thông\s+qua|phê\s+duyệt|có)\s*$")
# The date that opens such a sentence is the cited document's [?]: "Ngày 09/4/2025, Bộ Tư pháp
# đã có Công văn số 1866/BTP-PLHSHC …".
DATE_BEFORE_SUBJECT = keyword(rf"(?<![\w])ngày\s+(?:{NUMERIC_DATE}|(?P<wd>\d{{1,2}})\s+tháng\s+(?P<wm>\d{{1,2}})\s*,?\s+năm\s+(?P<wy>(?:19|20)\d\d))\s*,\s*$")
# A subject counts as an issuer only when it starts like the name of a body: this keeps
# sentence openings ("Các huyện đã ban hành …") out.
ISSUER_HEADS = frozenset(
    fold_tones(word).lower()
    for word in """Ban Bộ Ủy Uỷ UBND HĐND Tỉnh Thành Huyện Thị Đảng Chính Quốc Văn Sở Hội Hiệp Thủ Chủ Tòa Toà
    Viện Cục Tổng Kiểm Ngân Mặt Đoàn Thường Phòng Trung Công BCH BTV MTTQ""".split()
)

# A number-only reference: "Nghị quyết số 12 của Tỉnh ủy", "công văn 1537", "Chỉ thị 05".
NUMBER_ONLY = keyword(
    rf"(?<![\w])(?P<type>{_TYPES})\s+(?P<so>số\s+)?(?P<num>\d{{1,5}})(?![\w/.,\-–]\d|[\w/\-–])"
    # "Kế hoạch 5 năm", "Nghị quyết 12 chỉ tiêu" are counts, but "… số 12 ngày 05/3/2021" is not
    r"(?!\s*(?:%|năm(?!\s+\d{4})|tháng(?!\s+\d)|ngày(?!\s+\d)|giờ|phút|người|chỉ\s+tiêu|nhóm|điều|khoản|trang|bản|lần|"
    r"tỷ|triệu|nghìn|ha|km|m2|xã|huyện|tỉnh|đơn\s+vị|lớp|cuộc|lượt|hồ\s+sơ|văn\s+bản|thủ\s+tục|cơ\s+quan|tổ\s+chức|"
    r"cá\s+nhân|doanh\s+nghiệp|công\s+trình|dự\s+án|mục\s+tiêu|nhiệm\s+vụ))"
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
# and the first word of the name are capitalised (§8), which tells them from prose. A name may
# hold commas and "và" ("Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ"), but a
# capital after a comma, or another law after "và", starts a new reference.
NAMED_LAW = shape(
    r"(?<![\w])(?P<type>" + "|".join(t.replace(" ", r"\s+") for t in NAMED_LAW_TYPES) + r")"
    r"(?:\s+(?P<name>(?:\p{Lu}[\p{L}]*|nước\s+\p{Lu}[\p{L}]*)(?:(?:\s+|,\s+(?=\p{Ll}))(?!(?:số(?=\s*:?\s*\d)|ngày|năm(?=\s+\d)|của|đã|được|và(?=\s+(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Hiến\s+pháp|Nghị|Thông|Quyết|các|những))|về|theo|tại|quy\s+định|hiện\s+hành|sửa\s+đổi|có|thì|để|này|nêu|trên|hướng\s+dẫn|thi\s+hành|gồm|với|trong|do|là|khi|(?<!Hàng\s)không|các|cho)\b)[\p{L}\d]+){0,16}))?"
)

# Lower-case syllables of a body's name [?]. A name capitalises only its first syllable of
# each part ("Bộ Tư pháp", "Ban Chấp hành Đảng bộ tỉnh"), so the phrase goes on with
# ISSUER_SECOND_SYLLABLES right after a capitalised syllable ("Tư pháp", "Công an"), and with
# ISSUER_LEVEL_WORDS after anything ("nhân dân tỉnh", "tối cao"); this ends "Chính phủ" before
# the verb in "Chính phủ tổ chức …".
ISSUER_SECOND_SYLLABLES = frozenset(
    """hành vụ bộ ương thư trị phủ tướng trưởng phòng hội đồng chính đảng trực đốc sự đoàn tra ủy uỷ quốc
    quan tịch chức nước tổ sát án kiểm toán hàng cán pháp an phán nghiệp trận nhiệm tế dục tạo thông tin
    trường nguyên hóa hoá thao lịch dựng vận giáo học nghệ thương vụ giao động binh sư tập đạo phẩm lâm
    sản lợi nông thuế quan khẩu liệu""".split()
)
ISSUER_LEVEL_WORDS = frozenset(
    """nhân dân tỉnh huyện xã phường thị trấn thành phố tối cao trung ương khu vực quốc gia sự đảng
    lập""".split()
)
# The term after a body's name belongs to it: "Ban Chấp hành Trung ương Đảng khóa XIII",
# "Ban Thường vụ Tỉnh ủy (Khóa XIV)", and so does "(cũ)" after a merged body's old name.
ISSUER_TERM = keyword(r"\s*,?\s*(?:kh[oó]a\s+[IVXLC]+(?![\w])|\((?:cũ|kh[oó]a\s+[IVXLC]+)\))")

# A reference identified by its date alone, the type capitalised and right before it [?]:
# "Nghị quyết ngày 28-10-1995 của Quốc hội", and laws whose name older texts write in lower
# case, "Luật tổ chức Chính phủ ngày 19 tháng 6 năm 2015", "Bộ luật dân sự ngày 24/11/2015".
_LAW_TYPES = "|".join(t.replace(" ", r"\s+") for t in NAMED_LAW_TYPES)
# a word of a law's name, not of a sentence about the law ("Luật này có hiệu lực từ ngày …")
_NAME_WORD = r"(?!(?:này|có|từ|được|đã|là|thì|và|của|tại|theo|đến|kể|sau|trước|khi|nêu|trên)(?![\p{L}]))\p{L}+"
DATED_REFERENCE = shape(
    rf"(?<![\w])(?:(?P<type>{_TYPES})|(?P<lawtype>{_LAW_TYPES})\s+(?P<name>(?:{_NAME_WORD})(?:(?:\s+|,\s+)(?:{_NAME_WORD})){{0,12}}?))"
    r"(?=\s*,?\s+ngày\s+\d)"
)
