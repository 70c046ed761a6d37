"""The published schema is generated from the models and kept in sync."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from vbparse import parse
from vbparse.schema import document_schema, schema_text

from .conftest import REPO, SAMPLES


def test_checked_in_schema_is_up_to_date():
    checked_in = (REPO / "schemas" / "document.schema.json").read_text(encoding="utf-8")
    assert checked_in == schema_text(), "run: vbparse schema > schemas/document.schema.json"


def test_schema_is_valid_and_samples_validate():
    schema = document_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for path in sorted(SAMPLES.glob("*.txt")):
        errors = list(validator.iter_errors(parse(path).model_dump(mode="json")))
        assert not errors, (path.name, errors[:3])


def test_schema_names_the_contract_fields():
    props = document_schema()["properties"]
    for field in ("schema_version", "source", "kind", "title", "header", "recipients", "sections",
                  "citations", "signatures", "distribution", "diagnostics", "text"):
        assert field in props
    defs = document_schema()["$defs"]
    assert set(defs["DocumentNumber"]["properties"]) >= {"raw", "text", "serial", "year", "type_code", "issuer_code", "family"}
    assert json.dumps(defs["Signature"]["properties"]["mode"]).count("TUQ") == 1
