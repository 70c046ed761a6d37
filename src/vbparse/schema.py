"""The published JSON Schema, generated from the models."""

from __future__ import annotations

import json

from .model import SCHEMA_VERSION, Document

SCHEMA_ID = "https://vbparse.invalid/schemas/document.schema.json"


def document_schema() -> dict:
    """The Document schema with Document itself at the root (attachments refer back to it)."""
    schema = Document.model_json_schema(mode="serialization")
    defs = schema.pop("$defs", {})
    root = defs.pop("Document", schema) if "$ref" in schema else schema
    root = json.loads(json.dumps(root).replace('"#/$defs/Document"', '"#"'))
    defs = json.loads(json.dumps(defs).replace('"#/$defs/Document"', '"#"'))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "description": f"vbparse Document, schema version {SCHEMA_VERSION}", **root, "$defs": defs}


def schema_text() -> str:
    return json.dumps(document_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
