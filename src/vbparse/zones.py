"""Zones: the best-scoring split of the labelled lines by one declarative grammar.

    header? · recipients? · preamble? · body? · (signature and distribution)? · annexes?

Each zone says what each line label is worth inside it, which labels may open it, which it
must hold at least one of, and which close it. A dynamic programme over the lines (Viterbi on
the zones in grammar order) picks the split with the highest total, so one stray line (OCR
noise inside the header, a note after the signature) does not end a zone early when what
follows clearly belongs to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .classify import Labelled

_NEVER = -100.0  # a label that cannot stand in the zone at all
_NEUTRAL = {"noise": 0.0}  # OCR specks belong wherever they fall
# Labels that open the body of a document: never in its header.
_BODY_OPENERS = ("recipients", "recipient_entry", "grounds", "formula", "section", "entry", "signing_prefix",
                 "distribution", "distribution_entry", "introduction")
# What running text is worth in the body and in annexes.
_TEXT = {"body": 0.2, "section": 0.5, "entry": 0.2, "title": 0.2, "introduction": 0.5}


@dataclass(frozen=True, slots=True)
class ZoneRule:
    name: str
    weights: Mapping[str, float]  # label -> worth of a line so labelled (times its score)
    default: float = 0.0  # worth of any other label
    opens: frozenset[str] | None = None  # labels the zone may begin with (None: any)
    needs: frozenset[str] = frozenset()  # the zone holds at least one line so labelled
    closes: frozenset[str] = frozenset()  # after such a line the zone ends
    after: str | None = None  # the only zone it may follow (None: any earlier one)

    def worth(self, item: Labelled) -> float:
        return self.weights.get(item.label, self.default) * item.score


def _rule(name: str, weights: dict[str, float], **kw) -> ZoneRule:
    return ZoneRule(name, MappingProxyType(weights), **kw)


GRAMMAR: tuple[ZoneRule, ...] = (
    _rule("header", {
        "heading": 2, "motto": 2, "number": 2, "place_date": 2, "type": 2, "subject": 2, "marker": 1,
        "summary": 1.5, "source": 1, "issuer": 1, "rule": 0.2, **_NEUTRAL,
        **dict.fromkeys(_BODY_OPENERS, _NEVER),
    }, default=-1.5),
    _rule("recipients", {"recipients": 3, "recipient_entry": 1, **_NEUTRAL}, default=_NEVER, opens=frozenset({"recipients"})),
    _rule("preamble", {"grounds": 2, "formula": 2, "authority": 0.5, "title": 0.2, "rule": 0, **_NEUTRAL}, default=-2,
          opens=frozenset({"grounds", "formula", "authority"}), needs=frozenset({"grounds", "formula"}),
          closes=frozenset({"formula"})),
    _rule("body", {**_TEXT, "signing_prefix": -2, "distribution": -3, "distribution_entry": -0.5, "signed_mark": -1}),
    _rule("tail", {
        "signing_prefix": 3, "distribution": 3, "distribution_entry": 1, "signed_mark": 1, "signer": 1,
        "name": 0.5, "position": 1, "issuer": 0.5, "title": 0.5, "authority": 0.5, "end_mark": 0.2,
        # running text, a list or a section never stands in a signature block: a block of examples
        # in the body of a guide is no tail, while one note under the signature does not undo it
        "note": 0, "rule": 0, "heading": 0, **_NEUTRAL, "entry": -2, "body": -8, "section": -8, "grounds": -8,
    }, default=-1,
          opens=frozenset({"signing_prefix", "signed_mark", "distribution", "issuer", "title", "position", "authority",
                           "signer", "name"}),
          needs=frozenset({"signing_prefix", "signed_mark", "distribution", "signer"})),
    # an annex holds text like the body's, so neither zone gains from taking it from the other
    _rule("annexes", {**_TEXT, "annex": 1}, opens=frozenset({"annex"}), after="tail"),
)
ZONE_NAMES = tuple(rule.name for rule in GRAMMAR)


@dataclass(slots=True)
class Split:
    """The lines of each zone (void lines included where they fall between a zone's lines)."""
    zones: dict[str, list[Labelled]] = field(default_factory=dict)

    def lines(self, name: str) -> list[Labelled]:
        return self.zones.get(name, [])


# A state is (zone index, phase): phase 0 = its needs unmet, 1 = met, 2 = closed.
_State = tuple[int, int]


def split(items: list[Labelled], grammar: tuple[ZoneRule, ...] = GRAMMAR) -> Split:
    """The best split of `items` into the grammar's zones, in order (every zone may be empty)."""
    content = [n for n, item in enumerate(items) if not item.void]
    if not content:
        return Split()
    best: dict[_State, float] = {}
    back: list[dict[_State, _State | None]] = []
    moves: dict[tuple[_State | None, str], list[_State]] = {}  # the moves depend on the label only
    for step, n in enumerate(content):
        item = items[n]
        worth = [rule.worth(item) for rule in grammar]
        scores: dict[_State, float] = {}
        came: dict[_State, _State | None] = {}
        sources: list[tuple[_State | None, float]] = [(None, 0.0)] if step == 0 else list(best.items())
        for source, total in sources:
            key = (source, item.label)
            if key not in moves:
                moves[key] = _moves(grammar, source, item)
            for target in moves[key]:
                value = total + worth[target[0]]
                if target not in scores or value > scores[target]:
                    scores[target], came[target] = value, source
        best = scores
        back.append(came)
    finals = {s: v for s, v in best.items() if s[1] >= 1}
    if not finals:
        return Split()
    state: _State | None = max(sorted(finals), key=lambda s: finals[s])
    path: list[int] = []
    for came in reversed(back):
        path.append(state[0])  # type: ignore[index]
        state = came[state]  # type: ignore[index]
    path.reverse()
    return _zones(grammar, items, content, path)


def _moves(grammar: tuple[ZoneRule, ...], source: _State | None, item: Labelled) -> list[_State]:
    """States reachable on `item` from `source` (None: before the first line): stay in the
    zone unless it is closed, or, once its needs are met, open a later one."""
    moves: list[_State] = []
    if source is not None and source[1] != 2:
        moves.append((source[0], _phase(grammar[source[0]], item, source[1])))
    if source is not None and source[1] == 0:
        return moves
    from_name = grammar[source[0]].name if source is not None else None
    for k in range(0 if source is None else source[0] + 1, len(grammar)):
        rule = grammar[k]
        if (rule.opens is None or item.label in rule.opens) and (rule.after is None or rule.after == from_name):
            moves.append((k, _phase(rule, item, 0 if rule.needs else 1)))
    return moves


def _phase(rule: ZoneRule, item: Labelled, phase: int) -> int:
    if item.label in rule.closes:
        return 2
    return 1 if phase >= 1 or item.label in rule.needs else 0


def _zones(grammar: tuple[ZoneRule, ...], items: list[Labelled], content: list[int], path: list[int]) -> Split:
    """Each content line with the void lines after it, up to the next line of another zone."""
    result = Split()
    for step, n in enumerate(content):
        same_next = step + 1 < len(content) and path[step + 1] == path[step]
        stop = content[step + 1] if same_next else n + 1
        result.zones.setdefault(grammar[path[step]].name, []).extend(items[n:stop])
    return result
