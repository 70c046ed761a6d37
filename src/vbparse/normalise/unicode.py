"""Per-line text normalisation: NFC, look-alike letters, invisible characters, markup."""

from __future__ import annotations

import unicodedata

import regex

# Letters that look like Đ/đ but are not (reference §12.4), and typographic variants.
LOOKALIKES = str.maketrans(
    {
        "\u00d0": "Đ",  # Ð  Icelandic eth
        "\u0189": "Đ",  # Ɖ  African D
        "\u00f0": "đ",  # ð
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\t": " ",
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
    }
)

# Zero-width characters and the soft hyphen carry nothing in Unicode text.
INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")

# Markdown emphasis pasted from web pages: "**T/M BAN THƯỜNG VỤ", "(*báo cáo*)". A run of
# asterisks touching a word on one side only is a delimiter; a lone "*" line (the Party
# issuer rule) and "* item" bullets do not touch a word and are kept.
EMPHASIS = regex.compile(r"(?<![\w*])\*{1,3}(?=[\w\"“(])|(?<=[\w.,;:!?)\"”])\*{1,3}(?![\w*])")

SPACES = regex.compile(r" {2,}")


def normalise_line(line: str) -> tuple[str, int]:
    """Return the normalised line and how many markup delimiters were removed."""
    line = unicodedata.normalize("NFC", line).translate(LOOKALIKES)
    line = INVISIBLE.sub("", line)
    line, removed = EMPHASIS.subn("", line)
    line = SPACES.sub(" ", line).strip()
    return line, removed
