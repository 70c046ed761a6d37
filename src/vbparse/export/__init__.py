"""Exporters: Document -> bytes in a stable, byte-identical form."""

from .json import document_json, write_atomic

__all__ = ["document_json", "write_atomic"]
