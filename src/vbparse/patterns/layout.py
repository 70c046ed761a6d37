"""Keywords that mark the parts of a document (reference §1, §4–§10) and of news reports.

All are compiled with `keyword()`/`shape()` and run on the folded text of one line.
"""

from __future__ import annotations

import regex

from . import keyword, shape
from .tables import DOC_TYPES, PARTY_HEADING, STATE_HEADING, YOUTH_HEADING

# §1 headings, tolerant of "CỘNG HOÀ" and any spacing; searched inside a line because
# flattened headers put the issuer and the heading on one line.
# a converter or OCR may drop the spaces between the heading's words ("CỘNG HOÀXÃ HỘI CHỦNGHĨAVIỆT NAM")
_SPACED = r"\s*"
# The Youth Union heads its documents Party-style with its own name (reference §3.4).
HEADING = keyword(
    f"(?P<party>{PARTY_HEADING.replace(' ', _SPACED)})|(?P<state>{STATE_HEADING.replace(' ', _SPACED)})"
    rf"|(?P<youth>{YOUTH_HEADING.replace(' ', _SPACED)}|ĐOÀN\s+THANH\s+NIÊN\s+CỘNG\s+SẢN\s+HỒ\s+CHÍ\s+MINH)"
)
MOTTO = keyword(r"Độc\s+lập\s*[-–—]+\s*Tự\s+do\s*[-–—]+\s*Hạnh\s+phúc")

# A list entry opened by a dash or bullet ("- Như trên;", "+ Chuẩn bị đầu tư"); run on the text.
DASH_LED = regex.compile(r"^\s*[-–—+•]\s*\S")

# Horizontal rules and the Party "*" line under the issuer.
RULE = shape(r"^[\s*_\-–—=.~]+$")

# §10 markers printed in the header.
MARKER = keyword(
    r"^[(\[]?\s*(?:HỎA\s+TỐC|THƯỢNG\s+KHẨN|KHẨN|TUYỆT\s+MẬT|TỐI\s+MẬT|MẬT|XEM\s+XONG\s+TRẢ\s+LẠI|"
    r"LƯU\s+HÀNH\s+NỘI\s+BỘ|XONG\s+HỘI\s+NGHỊ\s+TRẢ\s+LẠI|TÀI\s+LIỆU\s+HỘI\s+NGHỊ|"
    r"DỰ\s+THẢO(?:\s+LẦN\s+\d+)?)\s*[)\]]?\s*$"
)

# §5 a công văn's summary under its number: "V/v nâng bậc lương", "Về việc …".
SUBJECT = keyword(r"^[“\"(]?\s*(?:V/v|V\.v|Về\s+việc)\b\s*:?\s*")

# §5 a Party resolution's source line under its type: "CỦA BAN THƯỜNG VỤ TỈNH ỦY",
# "HỘI NGHỊ LẦN THỨ … BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA …"; and an HĐND's term line.
SOURCE_LINE = shape(r"^(?:CỦA|HỘI NGHỊ|KHÓA|KHOÁ|KỲ HỌP)\b")

# §6 recipients; some copies put a dash before the keyword.
RECIPIENTS = keyword(r"^[-–+•]?\s*(?:Đồng\s+)?Kính\s+(?:gửi|trình)\s*:?\s*")

# §10 distribution list.
# OCR may lose the N of a scan's "Nơi nhận" ("ơi nhận:"): no other line starts so.
DISTRIBUTION = keyword(r"^(?:N?ơi\s+nhận|N?ƠI\s+NHẬN)\s*:?\s*")

# §5 grounds and the enacting formula.
GROUNDS = keyword(
    r"^[-–+•]?\s*(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s+(?:đề\s+nghị|Tờ\s+trình|báo\s+cáo)|"
    r"Trên\s+cơ\s+sở\s+(?:đề\s+nghị|Tờ\s+trình))\b"
)
FORMULA = shape(r"^[A-ZĐÀ-Ỹ\s,]*?\b(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|NGHỊ\s+ĐỊNH|BAN\s+HÀNH|CHỈ\s+THỊ|KẾT\s+LUẬN|LỆNH)\s*:\s*$")

# §9 signing prefixes: "T/M BAN THƯỜNG VỤ", "TM. CHÍNH PHỦ", "TM.ĐOÀN CHỦ TỊCH", "Q. CHỦ TỊCH".
SIGNING_PREFIX = shape(
    r"^(?:(?P<slashed>T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*UQ)\s*\.?\s*|(?P<dotted>TM|KT|TL|TUQ|Q)\s*\.\s*"
    r"|(?P<bare>TM|KT|TL|TUQ)\s+)(?P<rest>[A-ZĐÀ-Ỹ].*)$"
)

# "(Đã ký)", "Đã ký", "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)", "(ký số)".
SIGNED_MARK = keyword(
    r"^\(?\s*(?:đã\s+ký|ký\s+tên|ký\s*,|ký\s+và|ký\s+số|chữ\s+ký|ký\s+thay|đã\s+ký\s+và\s+đóng\s+dấu|"
    r"ký\s+ghi\s+rõ)[^)]*\)?\s*$"
)
END_MARK = shape(r"^\s*\.?\s*/\s*\.\s*$")

# Contact details and similar lines that may follow the signature (§10).
CONTACT = keyword(r"^(?:Số\s+)?(?:Điện\s+thoại|ĐT|Fax|Email|E-mail|Website|Địa\s+chỉ)\b[^:]{0,60}:")
# A footnote at the foot of the last page: "1 Gồm: Sở …" (a number, a space, text).
FOOTNOTE = shape(r"^\d{1,2}\s+\p{Lu}")

# News-portal chrome around reports: never title, section or citation material.
BOILERPLATE = keyword(
    r"^(?:Skip\s+Ribbon\s+Commands|Skip\s+to\s+main\s+content|Skip\s+to\s+content|Tin\s+liên\s+quan|"
    r"Tin\s+khác|Các\s+tin\s+khác|Tin\s+cùng\s+chuyên\s+mục|Bài\s+viết\s+liên\s+quan|"
    r"File\s+đính\s+kèm\s*:.*|Tệp\s+đính\s+kèm\s*:.*|Chia\s+sẻ(?:\s*:.*)?|In\s+bài(?:\s+viết)?|"
    r"Gửi\s+email|Bản\s+in|Lượt\s+xem\s*:.*|Xem\s+thêm\s*:?.*|Bình\s+luận|Đánh\s+giá\s+bài\s+viết|"
    r"Tags?\s*:.*|Từ\s+khóa\s*:.*|Trang\s+chủ(?:\s*[>»/|].*)?|Quay\s+lại|Về\s+đầu\s+trang|"
    r"(?:Cập\s+nhật|Ngày\s+đăng|Đăng\s+ngày)\s*:.*|"
    r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy)|Chủ\s+nhật)\s*,?\s*(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}.*)\s*$"
)
# Everything after these is a related-news list.
BOILERPLATE_TAIL = keyword(r"^(?:Tin\s+liên\s+quan|Tin\s+khác|Các\s+tin\s+khác|Tin\s+cùng\s+chuyên\s+mục|Bài\s+viết\s+liên\s+quan)\s*:?\s*$")

# A report's byline: "Tác giả: …", "Nguồn: …", "Theo …" (value may be empty).
BYLINE = keyword(r"^(?P<key>Tác\s+giả|Nguồn|Bài\s+và\s+ảnh|Bài|Người\s+viết|Phóng\s+viên)\s*:\s*(?P<value>.*)$")

# Photo captions in reports [?]: lines that open like a caption ("Ảnh minh họa.", "Toàn cảnh
# hội nghị…", "Đồng chí … phát biểu…"). A title-led caption must also hold a presenting verb.
CAPTION_LEAD = keyword(r"^\(?\s*(?:Ảnh(?:\s+minh\s+họa|\s*:)|Ảnh\s+\S+\s*:|Toàn\s+cảnh|Quang\s+cảnh|Hình\s+ảnh|Clip\s*:|Video\s*:)")
CAPTION_PERSON = keyword(
    r"^(?:Đồng\s+chí|Các\s+đồng\s+chí|Lãnh\s+đạo|Các\s+đại\s+biểu|Đại\s+biểu|(?:Phó\s+)?(?:Chủ\s+tịch|Bí\s+thư|"
    r"Giám\s+đốc|Bộ\s+trưởng|Thứ\s+trưởng|Trưởng\s+ban|Thủ\s+tướng|Tổng\s+Bí\s+thư|Chủ\s+nhiệm))\b"
)
CAPTION_VERB = keyword(
    r"\b(?:phát\s+biểu|công\s+bố|trao|tặng|chủ\s+trì|phát\s+động|khai\s+mạc|bế\s+mạc|kết\s+luận\s+tại|"
    r"chúc\s+mừng|thăm|dự|chụp\s+ảnh|tham\s+quan|kiểm\s+tra|quán\s+triệt|thảo\s+luận)\b"
)

# §5 the type line: a capitals line that starts with a type name ("THÔNG BÁO KẾT LUẬN").
TYPE_LINE = keyword(
    r"^(?P<type>" + "|".join(t.upper().replace(" ", _SPACED) for t in DOC_TYPES) + r")(?![\w])\s*(?P<rest>.*)$"
)
# "Số: 30/2020/NĐ-CP", "Số 307-NQ/TU", "Luật số: 111/2025/QH15", "Nghị quyết số: 106/…".
NUMBER_LEAD = shape(
    r"(?<![\w])(?:(?:" + "|".join(t.replace(" ", r"\s+") for t in DOC_TYPES) + r")\s+)?(?:Số|SỐ|số)\s*[:.]?\s*"
)

# A line that opens with the number: "Số: 12/QĐ-UBND", "Số 307-NQ/TU", "Số:      /QĐ-UBND".
NUMBER_LINE = shape(r"^(?:(?:Luật|Nghị quyết|Lệnh)\s+)?(?:Số|SỐ)\s*[:.]?\s*(?:\d|[ ._…]*[/-]\s*[A-ZĐ])")

# The enacting authority under a decision's summary ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …",
# "BỘ TRƯỞNG BỘ NỘI VỤ"): it ends the summary, which may itself be in capitals.
AUTHORITY_LINE = keyword(
    r"^(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|ỦY\s+BAN|HỘI\s+ĐỒNG|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH|"
    r"BAN\s+BÍ\s+THƯ|BỘ\s+CHÍNH\s+TRỊ|GIÁM\s+ĐỐC|TỔNG\s+GIÁM\s+ĐỐC|THỐNG\s+ĐỐC|CHÁNH\s+ÁN|VIỆN\s+TRƯỞNG|"
    r"QUỐC\s+HỘI|CHÍNH\s+PHỦ|TỔNG\s+KIỂM\s+TOÁN|CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+BAN|KHÓA|KỲ\s+HỌP)\b"
)

# An introduction heading that opens the body of a programme or plan: "Phần mở đầu", "ĐẶT VẤN ĐỀ".
INTRODUCTION = keyword(r"^(?:Phần\s+mở\s+đầu|Lời\s+nói\s+đầu|Mở\s+đầu|Đặt\s+vấn\s+đề)\s*:?\s*$")

# Where annexes and forms begin; the signature comes before them.
ANNEX_START = keyword(r"^(?:PHỤ\s+LỤC|Phụ\s+lục|MẪU\s+SỐ|Mẫu\s+số)\b")

# A mixed-case enacting line that closes the grounds: "Ban Thường vụ Tỉnh ủy quyết nghị:",
# "Chính phủ ban hành Nghị định quy định …".
ENACTING = keyword(
    r"(?:\b(?:quyết\s+nghị|quyết\s+định|kết\s+luận\s+như\s+sau|chỉ\s+thị)\s*:\s*$)"
    r"|(?:^[^.;:]{0,80}?\bban\s+hành\s+(?:Nghị\s+định|Thông\s+tư|Nghị\s+quyết|Quyết\s+định|Luật|Pháp\s+lệnh|Quy\s+định|Chỉ\s+thị)\b)"
)
