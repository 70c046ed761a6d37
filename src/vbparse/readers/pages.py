"""Page lists in messages."""

from __future__ import annotations


def page_list(numbers: list[int]) -> str:
    """"page 3", "pages 1-2", "pages 1, 4-6"."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    text = ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in spans)
    return f"{'page' if len(numbers) == 1 else 'pages'} {text}"
