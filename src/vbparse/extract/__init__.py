"""Extractors: one module per component of a document."""
