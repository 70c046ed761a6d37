"""`vbparse show`: a readable rich tree of a parse."""

from __future__ import annotations

from rich.markup import escape
from rich.tree import Tree

from .model import Document, Section

_PREVIEW = 90


def _short(text: str | None) -> str:
    text = (text or "").replace("\n", " ")
    return escape(text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…")


def document_tree(doc: Document) -> Tree:
    title = doc.source.path or "<input>"
    root = Tree(f"[bold]{escape(title)}[/] · {doc.kind} · {escape(doc.title or '(no title)')}")
    h = doc.header
    header = root.add("[bold]header[/]")
    for name in ("heading", "motto", "parent_issuer", "issuer", "place", "date", "doc_type", "summary", "family"):
        value = getattr(h, name)
        if value:
            header.add(f"{name}: {_short(value)}")
    if h.number:
        header.add(f"number: {escape(h.number.text)} ({h.number.family or 'unknown family'})")
    if doc.author:
        root.add(f"[bold]author[/]: {escape(doc.author)}")
    _list(root, "recipients", doc.recipients)
    for name, items in (("sections", doc.sections), ("annexes", doc.annexes)):
        branch = root.add(f"[bold]{name}[/] ({len(items)})")
        for section in items:
            _section(branch, section)
    citations = root.add(f"[bold]citations[/] ({len(doc.citations)})")
    for c in doc.citations:
        ident = c.number.text if c.number else (c.name or "?")
        parts = [escape(c.doc_type or "?"), escape(ident)]
        if c.date:
            parts.append(c.date)
        if c.issuer:
            parts.append(f"của {escape(c.issuer)}")
        citations.add(" · ".join(parts))
    signatures = root.add(f"[bold]signatures[/] ({len(doc.signatures)})")
    for s in doc.signatures:
        signatures.add(" / ".join(escape(x) for x in [*s.authority, s.position or "-", s.signer or "-"]))
    _list(root, "distribution", doc.distribution)
    stamp = doc.source.digital_signature
    if stamp:
        root.add(f"[bold]digital signature[/]: {escape(stamp.signer or '?')} · {escape(stamp.time or '?')}")
    for attachment in doc.attachments:
        root.add(document_tree(attachment))
    diagnostics = root.add(f"[bold]diagnostics[/] ({len(doc.diagnostics)})")
    colours = {"error": "red", "warning": "yellow", "info": "dim"}
    for d in doc.diagnostics:
        diagnostics.add(f"[{colours[d.severity]}]{d.severity}[/] {d.code}: {escape(d.message)}")
    return root


def _list(root: Tree, name: str, items: list[str]) -> None:
    branch = root.add(f"[bold]{name}[/] ({len(items)})")
    for item in items:
        branch.add(_short(item))


def _section(parent: Tree, section: Section) -> None:
    if section.style == "bullet":
        label = section.label
    elif section.style in ("alpha", "point"):
        label = f"{section.label})"
    else:
        label = f"{section.label}."
    body = section.heading or section.text
    node = parent.add(f"[cyan]{escape(label)}[/] [dim]{section.style}[/] {_short(body)}")
    for child in section.children:
        _section(node, child)
