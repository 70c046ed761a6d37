"""Who is told as OCR begins each page. Apart from the OCR code, so that a listener (a batch
worker's time budget, a progress display) need not import Pillow and the layout stage to listen
to a parse that may read nothing by OCR."""

from __future__ import annotations

from collections.abc import Callable

# Each is called with the number of the page whose OCR starts.
PAGE_LISTENERS: list[Callable[[int], None]] = []
