"""Matching and counting, at two levels as GROBID reports them.

strict: equal after NFC and whitespace collapse. soft: also ignoring case, whitespace,
punctuation and old/new tone placement ("hòa"/"hoà").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..normalise.fold import fold_tones
from .answers import Answers, CitationAnswer

LEVELS = ("strict", "soft")


def strict_key(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def soft_key(value: str) -> str:
    folded = fold_tones(unicodedata.normalize("NFC", value)).casefold()
    return "".join(ch for ch in folded if not (ch.isspace() or unicodedata.category(ch)[0] in "PS"))


KEYS: dict[str, Callable[[str], str]] = {"strict": strict_key, "soft": soft_key}


@dataclass
class Count:
    """One field of one document at one level; the value lists show what moved."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    matched: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def absorb(self, other: Count, prefix: str = "") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.matched += [prefix + v for v in other.matched]
        self.missed += [prefix + v for v in other.missed]
        self.spurious += [prefix + v for v in other.spurious]


def score_single(gold: str | None, predicted: str | None, key: Callable[[str], str]) -> Count:
    count = Count()
    if gold is not None and predicted is not None and key(gold) == key(predicted):
        return Count(tp=1, matched=[gold])
    if gold is not None:
        count.fn, count.missed = 1, [gold]
    if predicted is not None:
        count.fp, count.spurious = 1, [predicted]
    return count


def score_bag(gold: list[str], predicted: list[str], key: Callable[[str], str]) -> Count:
    """Entries matched one to one in any order (a multiset intersection)."""
    left = Counter(key(value) for value in predicted)
    count = Count()
    for value in gold:
        if left[key(value)] > 0:
            left[key(value)] -= 1
            count.tp += 1
            count.matched.append(value)
        else:
            count.fn += 1
            count.missed.append(value)
    for value in predicted:
        if left[key(value)] > 0:
            left[key(value)] -= 1
            count.fp += 1
            count.spurious.append(value)
    return count


def score_sequence(gold: list[str], predicted: list[str], key: Callable[[str], str]) -> Count:
    """Entries matched in order: the longest common subsequence."""
    g, p = [key(v) for v in gold], [key(v) for v in predicted]
    table = [[0] * (len(p) + 1) for _ in range(len(g) + 1)]
    for i in range(len(g) - 1, -1, -1):
        for j in range(len(p) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if g[i] == p[j] else max(table[i + 1][j], table[i][j + 1])
    count, i, j = Count(), 0, 0
    while i < len(g) and j < len(p):
        if g[i] == p[j]:
            count.matched.append(gold[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            count.missed.append(gold[i])
            i += 1
        else:
            count.spurious.append(predicted[j])
            j += 1
    count.missed += gold[i:]
    count.spurious += predicted[j:]
    count.tp, count.fn, count.fp = len(count.matched), len(count.missed), len(count.spurious)
    return count


def _pair_label(number: str | None, date: str | None) -> str:
    return f"{number or '-'} @ {date or '-'}"


def _cited_documents(citations: list[CitationAnswer], key: Callable[[str], str]) -> dict[tuple, list[CitationAnswer]]:
    """Mentions grouped into the documents they cite, keyed by (number, date).

    A document is cited in full once and elsewhere by less: its symbol alone ("Chỉ thị số
    13-CT/TW"), its serial alone ("Chỉ thị 35" after "Chỉ thị số 35-CT/TW"), or its type and
    date ("Bộ luật Dân sự ngày 24 tháng 11 năm 2015" beside "… số 91/2015/QH13 ngày 24 tháng
    11 năm 2015"). Such a mention joins the full one, as a reader lists a document once with
    what its mentions say together.
    """
    symbol_by_serial: dict[tuple, str] = {}
    number_by_dated_type: dict[tuple, str] = {}
    date_by_number: dict[str, str] = {}
    for c in citations:
        kind = key(c.doc_type or "")
        if c.number and not c.number.isdigit():
            serial = re.match(r"\d+", c.number)
            if serial:
                symbol_by_serial.setdefault((serial.group(0), kind), key(c.number))
        if c.number and c.date:
            date_by_number.setdefault(key(c.number), c.date)
            number_by_dated_type.setdefault((c.date, kind), key(c.number))
    groups: dict[tuple, list[CitationAnswer]] = {}
    for c in citations:
        kind = key(c.doc_type or "")
        if c.number is None:
            number = number_by_dated_type.get((c.date, kind))
        elif c.number.isdigit():
            number = symbol_by_serial.get((c.number, kind), key(c.number))
        else:
            number = key(c.number)
        date = c.date or (date_by_number.get(number) if number else None)
        groups.setdefault((number, date), []).append(c)
    return groups


def score_citations(gold: list[CitationAnswer], predicted: list[CitationAnswer], key: Callable[[str], str]) -> dict[str, Count]:
    """The (number, date) set, then issuer and doc_type of the pairs that matched.

    Of several predicted citations of one document, the first that states an issuer (or type)
    is the parser's answer for it.
    """
    gold_pairs, predicted_pairs = _cited_documents(gold, key), _cited_documents(predicted, key)
    pairs = Count()
    attributes = {"issuer": Count(), "doc_type": Count()}
    for pair, cited in gold_pairs.items():
        label = _pair_label(cited[0].number, pair[1])
        if pair not in predicted_pairs:
            pairs.fn += 1
            pairs.missed.append(label)
            continue
        pairs.tp += 1
        pairs.matched.append(label)
        for name, count in attributes.items():
            expected = getattr(cited[0], name)
            answer = next((getattr(c, name) for c in predicted_pairs[pair] if getattr(c, name)), None)
            count.absorb(score_single(expected, answer, key), prefix=f"{label}: ")
    for pair, cited in predicted_pairs.items():
        if pair not in gold_pairs:
            pairs.fp += 1
            pairs.spurious.append(_pair_label(cited[0].number, pair[1]))
    return {"citations": pairs, "citations.issuer": attributes["issuer"], "citations.doc_type": attributes["doc_type"]}


def score_answers(gold: Answers, predicted: Answers, level: str) -> dict[str, Count]:
    key = KEYS[level]
    counts = {name: score_single(value, predicted.single.get(name), key) for name, value in gold.single.items()}
    counts["sections"] = score_sequence(gold.lists["sections"], predicted.lists["sections"], key)
    for name, values in gold.lists.items():
        if name != "sections":
            counts[name] = score_bag(values, predicted.lists[name], key)
    counts.update(score_citations(gold.citations, predicted.citations, key))
    return counts
