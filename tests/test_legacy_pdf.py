"""Legacy PDF glyphs: converted by font, whatever names the producer gave the glyphs, around the
Unicode words a second, Unicode-mapped copy of the font puts in the same run."""

from __future__ import annotations

from vbparse.readers.pdf_legacy import convert_glyphs

from .legacy_encode import tcvn3_text


def glyphs(text: str, font: str) -> list[tuple]:
    return [(ch, 10.0 * i, 0.0, 10.0 * i + 9, 12.0, font) for i, ch in enumerate(text)]


def text_of(converted: list[tuple]) -> str:
    return "".join(g[0] for g in converted)


def test_tcvn3_u_named_minus_and_a_tilde_named_bullet_operator():
    # Distiller names 0xAD (TCVN3 `ư`) "minus" and 0xB7 (`ã`) "bulletoperator"
    surface = tcvn3_text("nước ngoài được bảo lãnh").replace("\u00ad", "\u2212").replace("\u00b7", "\u2219")
    converted, dropped = convert_glyphs(glyphs(surface, "ABCDEF+VnTime"))
    assert (text_of(converted), dropped) == ("nước ngoài được bảo lãnh", 0)
    assert all(g[5] == "ABCDEF+VnTime::tcvn3" for g in converted if not g[0].isascii())


def test_unicode_words_in_a_legacy_run_are_kept_and_the_rest_converted():
    # a word or two in a long run; more than 1% Unicode letters and the run is Unicode
    sentence = "so với cùng kỳ năm trước của toàn ngành công nghiệp trong cả nước"
    words = [tcvn3_text("Tổng giá trị tăng"), "đồng", *[tcvn3_text(sentence)] * 4]
    converted, _ = convert_glyphs(glyphs(" ".join(words), ".VnTime"))
    assert text_of(converted) == " ".join(["Tổng giá trị tăng", "đồng", *[sentence] * 4])


def test_a_unicode_run_in_a_legacy_font_is_left_alone():
    text = "Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc"
    converted, _ = convert_glyphs(glyphs(text, ".VnTime"))
    assert text_of(converted) == text
