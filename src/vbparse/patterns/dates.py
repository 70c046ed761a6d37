"""Date forms (reference §4, §8): 06/12/2023, 6/12/2023, 06-12-2023, 'ngày 06 tháng 12 năm 2023'."""

from __future__ import annotations

from . import keyword

NUMERIC_DATE = r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-–])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>(?:19|20)\d\d)(?!\d)"
WORDED_DATE = r"ngày\s+(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s*,?\s+năm\s+(?P<wy>(?:19|20)\d\d)(?!\d)"

# A date after a cited symbol: ", ngày 18/5/2021", "ngày 06 tháng 12 năm 2023", "năm 2023".
CITED_DATE = keyword(
    rf"\s*,?\s*(?:(?:ban hành\s+)?ngày\s+{NUMERIC_DATE}|{WORDED_DATE}|(?:ban hành\s+)?năm\s+(?P<yo>(?:19|20)\d\d)(?!\d))"
)

# The place-and-date line: "Hà Nội, ngày 03 tháng 4 năm 2018"; drafts leave blanks.
BLANK = r"[ .…_]*"
PLACE_DATE = keyword(
    # the day may be missing altogether where it was written by hand and OCR dropped it
    r"^(?P<place>[^\W\d][^,\n]{0,60}?)\s*,\s*(?:ngày\s*(?P<d>\d{1,2}|" + BLANK + r")\s*)?"
    r"(?:tháng\s*(?P<m>\d{1,2}|" + BLANK + r")\s*năm\s*(?P<y>(?:19|20)\d\d|" + BLANK + r")"
    r"|(?<=\d)[/.\-]\s*(?P<nm>\d{1,2})\s*[/.\-]\s*(?P<ny>(?:19|20)\d\d))"
)

# Laws and National Assembly resolutions carry no place-and-date line; their date is the
# adoption date in the closing sentence (§5 [?]): "Luật này được Quốc hội … khóa XV, Kỳ họp
# thứ 10 thông qua ngày 10 tháng 12 năm 2025."
ADOPTION_DATE = keyword(
    r"(?:Quốc\s+hội|Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội)[^.;\n]{0,200}?thông\s+qua\s+" + WORDED_DATE
)
