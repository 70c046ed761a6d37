"""Classify lines, once: every line gets one label and a score, from what it says (keyword and
shape patterns, vocabulary), how it looks (capitals, a dash, a name's shape) and its neighbours
(the summary under a type line, the entries under "Nơi nhận", a name under a position).

The zones are chosen from these labels by the grammar in `zones.py`; the extractors read the
labels of their zone's lines instead of testing the lines again.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

import regex

from .context import Context
from .extract.lines import ends_sentence, is_caps, is_person_name, is_signing_prefix, words
from .extract.number import parse_blank_symbol, parse_symbol
from .extract.sections import parse_label
from .normalise import Line
from .patterns import keyword
from .patterns.dates import PLACE_DATE
from .patterns.layout import (
    ANNEX_START, AUTHORITY_LINE, CONTACT, DASH_LED, DISTRIBUTION, END_MARK, ENACTING, FOOTNOTE, FORMULA, GROUNDS, HEADING,
    INTRODUCTION, MARKER, MOTTO, NUMBER_LEAD, NUMBER_LINE, RECIPIENTS, RULE, SIGNED_MARK, SOURCE_LINE, SUBJECT,
    TYPE_LINE,
)
from .patterns.symbols import CODE_TAIL, SYMBOL_WINDOW
from .patterns.tables import DOC_TYPES, NAMED_LAW_TYPES, POSITIONS

# The labels, by the part of the document they usually stand in.
HEADER_LABELS = ("heading", "motto", "number", "place_date", "marker", "subject", "type", "summary", "source", "issuer")
OPENING_LABELS = ("recipients", "recipient_entry", "grounds", "formula", "authority", "introduction")
BODY_LABELS = ("section", "entry", "title", "body")
TAIL_LABELS = ("signing_prefix", "signed_mark", "end_mark", "position", "signer", "name", "distribution",
               "distribution_entry", "note")
OTHER_LABELS = ("void", "rule", "noise", "annex")
LABELS = (*HEADER_LABELS, *OPENING_LABELS, *BODY_LABELS, *TAIL_LABELS, *OTHER_LABELS)

# How sure a label is when its evidence is a keyword pattern, a shape, or only what is left.
_KEYWORD = 0.95
_SHAPE = 0.8
_WEAK = 0.6
_DEFAULT = 0.5

_CANONICAL_TYPES = {"".join(t.upper().split()): t for t in DOC_TYPES}
_NAMED_LAW_TYPES = {t.upper() for t in NAMED_LAW_TYPES}
_MIN_RUN_ON_SUMMARY_WORDS = 3
_POSITION_LINE = regex.compile(r"^(?:" + "|".join(POSITIONS) + r")(?:\s|$)")
_GROUND_END = regex.compile(r"[;.:]\s*$")
_TREATY_GROUND = keyword(r"^[-–+•]?\s*Để\s+thực\s+hiện\b")
_WORDLIKE = regex.compile(r"\p{L}\p{L}|\d")
_MAX_SUMMARY_LINES = 6
_MAX_TITLE_WORDS = 25  # a longer full sentence under the type line opens the body
_MAX_CAPS_WORDS = 25  # a longer capitals line is a paragraph in capitals, not a name or title
_LOOK_AHEAD = 4  # lines within which a header's right column, read after its left, comes back
_NAME_REACH = 5  # lines above a signer's name within which its position stands
_MAX_ENTRY_WRAP_WORDS = 15
# how far into a line a flattened header's heading, motto or number is looked for: a header line
# run together by OCR or a converter holds them near its start, a paragraph's citations further on
_INLINE_REACH = 160
_OPENING_SAMPLE = 60
_MAX_NAME_CHARS = 70  # a signer's name with a rank before it


@dataclass(frozen=True, slots=True)
class Labelled:
    line: Line
    label: str
    score: float

    @property
    def void(self) -> bool:
        return self.label == "void"


def classify(ctx: Context, skip: Set[int] = frozenset()) -> list[Labelled]:
    """One label per line of `ctx`, in order; the lines in `skip` (page chrome) are void."""
    base = [("void", 1.0) if line.index in skip else _own_label(ctx, line) for line in ctx.lines]
    return _with_neighbours(ctx, base)


def _union(named: tuple[tuple[str, regex.Pattern[str]], ...]) -> regex.Pattern[str]:
    """One pattern trying each of `named` in turn at the line's start (each keeps its own case
    rule): one match call per line instead of one per keyword."""
    def scoped(pattern: regex.Pattern[str]) -> str:
        return ("(?i:" if pattern.flags & regex.IGNORECASE else "(?:") + pattern.pattern + ")"
    return regex.compile("|".join(f"(?P<{label}>{scoped(pattern)})" for label, pattern in named))


# Keyword lines, in the order they are tried (the first that matches names the line).
_KEYWORD_LINES = (
    ("distribution", DISTRIBUTION), ("recipients", RECIPIENTS), ("signed_mark", SIGNED_MARK),
    ("end_mark", END_MARK), ("grounds", GROUNDS), ("formula", FORMULA), ("introduction", INTRODUCTION),
)
_HEADER_LINES = (("place_date", PLACE_DATE), ("marker", MARKER), ("subject", SUBJECT))
_SHAPE_LINES = (("rule", RULE), ("annex", ANNEX_START))
_KEYWORD_LINE = _union(_KEYWORD_LINES)
_LATER_LINE = _union(_HEADER_LINES + _SHAPE_LINES)
_LATER_SCORE = {**dict.fromkeys(dict(_HEADER_LINES), _KEYWORD), **dict.fromkeys(dict(_SHAPE_LINES), _SHAPE)}


def _matched(pattern: regex.Pattern[str], labels: tuple[tuple[str, regex.Pattern[str]], ...], fold: str) -> str | None:
    m = pattern.match(fold)
    return next(label for label, _ in labels if m.group(label) is not None) if m else None


def _own_label(ctx: Context, line: Line) -> tuple[str, float]:
    """The label a line earns alone: keywords first, then shapes, then what is left."""
    if line.blank or line.furniture is not None:
        return "void", 1.0
    text, fold = line.text, ctx.folded(line)
    if is_signing_prefix(fold):
        return "signing_prefix", _KEYWORD
    if label := _matched(_KEYWORD_LINE, _KEYWORD_LINES, fold):
        return label, _KEYWORD
    head = fold[:_INLINE_REACH]
    heading = HEADING.search(head)
    # in capitals, or opening the line: "… và Cộng hòa xã hội chủ nghĩa Việt Nam về …" is a sentence
    if heading and (heading.start() == 0 or is_caps(text[heading.start():heading.end()])):
        return "heading", _KEYWORD
    if MOTTO.search(head):
        return "motto", _KEYWORD
    if _is_number_line(fold, head):
        return "number", _KEYWORD
    if label := _matched(_LATER_LINE, _HEADER_LINES + _SHAPE_LINES, fold):
        return label, _LATER_SCORE[label]
    labels = parse_label(text)
    if labels:
        return ("entry", _SHAPE) if all(l.style == "bullet" for l in labels) else ("section", _SHAPE)
    if not _WORDLIKE.search(text):
        return "noise", _WEAK  # "Ắ Ễ", "„ ,": OCR specks, no word of two letters
    if DASH_LED.match(text):
        return "entry", _SHAPE
    # a title, position or issuer opens with a capital ("cácVụ,Cục:KSTT,…" is a wrapped list entry)
    caps = not text.lstrip(" \"'“‘([")[:1].islower() and not _lower_opening(text) and is_caps(text)
    if caps and _is_type_line(text, fold):
        return "type", _KEYWORD
    if caps and _POSITION_LINE.match(text.strip(" \"'“”.,:;")):
        return "position", _SHAPE
    if caps and len(words(text)) <= _MAX_CAPS_WORDS:
        return "issuer", _WEAK  # a capitals line: the issuer in a header, a title or position elsewhere
    if len(text) <= _MAX_NAME_CHARS and is_person_name(text):
        return "name", _SHAPE
    if CONTACT.match(fold) or FOOTNOTE.match(fold):
        return "note", _WEAK
    return "body", _DEFAULT


def _lower_opening(text: str) -> bool:
    """A sentence's opening, quickly: more than a fifth of the first letters in lower case."""
    head = text[:_OPENING_SAMPLE]
    return sum(ch.islower() for ch in head) > len(head) // 5


def _is_number_line(fold: str, head: str) -> bool:
    """'Số: 12/QĐ-UBND', 'Số 307-NQ/TU', '/TB-UBND' alone (serial written by hand), or a number
    lead with a symbol after it on a flattened line."""
    if "ố" not in head.lower() and "/" not in fold:
        return False  # neither "Số" nor a symbol: most lines, told cheaply
    if NUMBER_LINE.match(fold):
        return True
    for lead in NUMBER_LEAD.finditer(head):
        if lead.start() and ":" not in lead.group(0):
            continue  # "… theo Nghị quyết số 28-NQ/TW": a citation, not a number line ("BỘ X Số: 12/…")
        after = fold[lead.end():lead.end() + SYMBOL_WINDOW]
        parsed = parse_symbol(after)
        if parsed and parsed.start == 0:
            return True
        if lead.start() == 0 and (lead.group(0).rstrip().endswith(":") or CODE_TAIL.search(after)):
            return True  # "Số: 4H09 BCA-C04", "Sốg8 /TTr- CAT-PC04": a serial OCR could not read
    blank = parse_blank_symbol(fold)
    return bool(blank and blank.start == 0 and blank.end == len(fold.rstrip()))


def line_type(text: str, fold: str) -> tuple[str, int] | None:
    """(the type, where its name ends) when `text` opens with a type's name, spaces lost or not."""
    m = TYPE_LINE.match(fold)
    name = _CANONICAL_TYPES.get("".join(text[: m.end("type")].upper().split())) if m else None
    return (name, m.end("type")) if name else None  # type: ignore[union-attr]


def _is_type_line(text: str, fold: str) -> bool:
    return line_type(text, fold) is not None


_CLOSERS = ("recipients", "grounds", "formula", "section", "entry", "signing_prefix", "distribution", "introduction")
_HEADER_ONLY = ("heading", "motto", "number", "place_date", "type", "subject", "marker")


def _with_neighbours(ctx: Context, base: list[tuple[str, float]]) -> list[Labelled]:
    """Labels that depend on the lines around: a header's summary and source lines, the enacting
    authority under them, titles in capitals once the header is over, list entries under their
    keyword, a signer under a position, an enacting sentence closing the grounds."""
    labels = list(base)
    content = [i for i, (label, _) in enumerate(labels) if label != "void"]
    _label_header(ctx, labels, content)
    _label_lists(ctx, labels, content)
    _label_grounds(ctx, labels, content)
    _label_signers(labels, content)
    return [Labelled(line, label, score) for line, (label, score) in zip(ctx.lines, labels)]


def _label_header(ctx: Context, labels: list[tuple[str, float]], content: list[int]) -> None:
    """The summary under a type line (its first line may be anything but a long sentence or the
    enacting authority; the next ones continue it in the same case) or after "V/v"; the source
    line of a resolution; and the capitals lines after the header, which are titles, not issuers."""
    lines = ctx.lines
    header_open = True  # capitals lines name the issuer until the header is over
    mode: str | None = None  # "type" or "subject" while a summary is open
    summary: list[int] = []
    for n, i in enumerate(content):
        label = labels[i][0]
        line, fold = lines[i], ctx.folded(lines[i])
        if label in _CLOSERS:
            header_open, mode = False, None
            continue
        if mode == "type":
            if _summary_line(line, fold, label, [lines[k] for k in summary]):
                labels[i] = ("summary", _SHAPE)
                summary.append(i)
                continue
            if label == "marker":
                continue  # "(DỰ THẢO)" under the type line; the summary follows it
            if not summary and label == "issuer" and SOURCE_LINE.match(fold):
                labels[i] = ("source", _SHAPE)  # "CỦA BAN THƯỜNG VỤ TỈNH ỦY": the resolution's source
                continue
            header_open, mode = False, None  # the header ends with the type line's summary (and a rule under it)
            if label == "rule":
                continue
        if not header_open and label in ("number", "place_date"):
            # "Thực hiện Quy định số 66-QĐ/TW, ngày 06/02/2017 …" under the summary: the header,
            # whose number and date lines stand above the type line, is over
            labels[i], label = ("body", _DEFAULT), "body"
        elif mode == "subject" and label not in _HEADER_ONLY and label not in ("issuer", "rule", "position"):
            if _summary_line(line, fold, label, [lines[k] for k in summary]):
                labels[i] = ("summary", _SHAPE)
                summary.append(i)
                continue
            mode = None
        if label == "type":
            mode = "type"
            summary = [i] if type_line_summary(line.text, fold) is not None else []
        elif label == "subject":
            mode, summary = "subject", [i]
        elif label in ("issuer", "position") and not header_open:
            labels[i] = ("authority", _SHAPE) if AUTHORITY_LINE.match(fold) else ("title", _WEAK)
        elif label in ("issuer", "position"):
            labels[i] = ("issuer", _WEAK)
        elif label in ("body", "name", "note") and header_open:
            ahead = content[n + 1 : n + 1 + _LOOK_AHEAD]
            if _right_column_follows(labels, ahead):
                labels[i] = ("summary", _WEAK)  # a left-column summary without "V/v", read before the right column
            elif not any(labels[k][0] in _HEADER_ONLY for k in ahead):
                header_open = False


def type_line_summary(text: str, fold: str) -> int | None:
    """Where the summary starts on a type line that carries it: a law's name ("LUẬT ĐẤT ĐAI"), or
    a summary set or run onto the type line ("QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ"). None when
    the rest only qualifies the type ("CHƯƠNG TRÌNH HÀNH ĐỘNG") or names a resolution's source
    ("NGHỊ QUYẾT HỘI NGHỊ LẦN THỨ MƯỜI …")."""
    m = TYPE_LINE.match(fold)
    if not m or not regex.search(r"\w", m.group("rest")):
        return None
    if regex.sub(r"\s+", " ", m.group("type")).upper() in _NAMED_LAW_TYPES:
        return m.start("rest")
    # a word or two qualify the type ("BIÊN BẢN KIỂM TRA", "KẾ HOẠCH HÀNH ĐỘNG"): the summary follows
    if len(words(m.group("rest"))) < _MIN_RUN_ON_SUMMARY_WORDS or SOURCE_LINE.match(m.group("rest")):
        return None
    return m.start("rest")


def _summary_line(line: Line, fold: str, label: str, summary: list[Line]) -> bool:
    """Does `line` continue the summary whose lines so far are `summary` (empty right under a
    type line)?"""
    text = line.text
    if label not in ("issuer", "position", "body", "name", "note", "type"):
        return False
    if not summary:
        if is_caps(text) and AUTHORITY_LINE.match(fold):
            return False
        if SOURCE_LINE.match(fold) and is_caps(text):
            return False
        return not (ends_sentence(text) and len(words(text)) > _MAX_TITLE_WORDS)
    caps_run = is_caps(summary[-1].text)
    if len(summary) >= _MAX_SUMMARY_LINES or is_caps(text) != caps_run or _is_authority_line(text, fold):
        return False
    previous = summary[-1].text
    continues = text[:1].islower() or (not ends_sentence(previous) and len(words(text)) <= 15)
    # a capitalised sentence of its own opens the body ("Ngày 20/01/2026, Cục … tổ chức họp.")
    own_sentence = not caps_run and text[:1].isupper() and ends_sentence(text) and len(words(text)) >= 6
    return continues and not own_sentence and not text.rstrip().endswith(":")


def _is_authority_line(text: str, fold: str) -> bool:
    """'HỘI ĐỒNG NHÂN DÂN TỈNH HẬU GIANG' names the enacting body; a line with commas that starts
    the same way ('HỘI ĐỒNG NHÂN DÂN CẤP TỈNH, CẤP XÃ …') continues a summary in capitals."""
    return bool(AUTHORITY_LINE.match(fold)) and ("," not in text or bool(SOURCE_LINE.match(fold)))


def _right_column_follows(labels: list[tuple[str, float]], ahead: list[int]) -> bool:
    """A heading, motto or place-date line comes within the next few lines: the header's right
    column, read after the left one, is still to come."""
    for i in ahead:
        label = labels[i][0]
        if label in ("heading", "motto", "place_date"):
            return True
        if label in ("recipients", "grounds", "formula", "distribution", "introduction", "signing_prefix", "section", "entry"):
            return False
    return False


def _label_lists(ctx: Context, labels: list[tuple[str, float]], content: list[int]) -> None:
    """Entries under "Kính gửi" (dash-led, or wrapped in lower case, up to the closing '.') and
    under "Nơi nhận" (dash-led, or wrapped before the closing '.'; signature lines in between
    keep their labels)."""
    lines = ctx.lines
    for n, i in enumerate(content):
        label = labels[i][0]
        if label == "recipients":
            previous = lines[i]
            inline = _inline_entry(ctx, i, RECIPIENTS)
            if inline.endswith("."):
                continue
            has_entry = bool(inline)
            for m, j in enumerate(content[n + 1 :], start=n + 1):
                text = lines[j].text
                if DASH_LED.match(text):
                    pass
                elif not (has_entry and text[:1].islower() and not previous.text.rstrip().endswith(".")
                          and len(words(text)) <= _MAX_ENTRY_WRAP_WORDS and not is_caps(text)):
                    break
                if labels[j][0] == "recipients":
                    break
                labels[j] = ("recipient_entry", _SHAPE)
                previous, has_entry = lines[j], True
                following = lines[content[m + 1]].text if m + 1 < len(content) else ""
                if text.rstrip().endswith(".") and not DASH_LED.match(following):
                    break
        elif label == "distribution":
            last = _inline_entry(ctx, i, DISTRIBUTION)
            for j in content[n + 1 :]:
                text, own = lines[j].text, labels[j][0]
                if own in ("distribution", "annex"):
                    break
                if DASH_LED.match(text):
                    labels[j] = ("distribution_entry", _SHAPE)
                    last = text
                elif last and not last.rstrip().endswith(".") and own in ("body", "section"):
                    labels[j] = ("distribution_entry", _WEAK)  # "… các Ban của" / "Đảng;": a wrapped entry
                    last = text


def _inline_entry(ctx: Context, i: int, keyword: regex.Pattern[str]) -> str:
    line = ctx.lines[i]
    m = keyword.match(ctx.folded(line))
    return line.text[m.end():].strip() if m else ""


def _label_grounds(ctx: Context, labels: list[tuple[str, float]], content: list[int]) -> None:
    """A ground runs on to its closing ';' or '.' (a line broken inside it continues it); a
    mixed-case enacting line after the grounds closes them ("Ban Thường vụ … quyết nghị:")."""
    seen_grounds = False
    open_ground = False  # the last ground has not reached its closing punctuation
    for i in content:
        label, text = labels[i][0], ctx.lines[i].text
        if label == "grounds":
            seen_grounds, open_ground = True, not _GROUND_END.search(text)
        elif open_ground and label in ("body", "title", "issuer", "heading", "place_date", "name", "note"):
            labels[i] = ("grounds", _SHAPE)
            open_ground = not _GROUND_END.search(text)
        elif seen_grounds and label == "body" and _TREATY_GROUND.match(ctx.folded(ctx.lines[i])):
            # "Để thực hiện Hiệp định …;" among the grounds of a circular that implements a treaty
            labels[i] = ("grounds", _SHAPE)
            open_ground = not _GROUND_END.search(text)
        elif seen_grounds and label in ("body", "title") and ENACTING.search(ctx.folded(ctx.lines[i])):
            labels[i] = ("formula", _SHAPE)
            seen_grounds = open_ground = False
        else:
            open_ground = False


def _label_signers(labels: list[tuple[str, float]], content: list[int]) -> None:
    """A person's name under a position, a signing prefix or a signed mark signs the document."""
    for n, i in enumerate(content):
        if labels[i][0] != "name":
            continue
        above = [labels[j][0] for j in content[max(0, n - _NAME_REACH) : n]]
        if any(a in ("issuer", "title", "position", "authority", "signing_prefix", "signed_mark") for a in above):
            labels[i] = ("signer", _SHAPE)
