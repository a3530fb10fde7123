"""The JSON Schema is generated from the model and kept in sync with the committed file."""

from __future__ import annotations

from gen_schema import SCHEMA_PATH, expected_schema

from termweave.source.model import ENTRY_FIELDS
from termweave.source.schema import entry_schema


def test_committed_schema_is_generated() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == expected_schema(), (
        "run: python scripts/gen_schema.py"
    )


def test_schema_mirrors_the_model() -> None:
    schema = entry_schema(["Core AI"], ["learning-rate"])
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {spec.name for spec in ENTRY_FIELDS}
    assert set(schema["required"]) == {"term", "summary", "body", "category", "last_reviewed"}
    assert schema["properties"]["category"]["enum"] == ["Core AI"]
    assert schema["properties"]["last_reviewed"]["pattern"] == r"^\d{4}-\d{2}-\d{2}$"
    assert schema["properties"]["early_access"] == {
        "description": "Published before it is final.",
        "type": "boolean",
        "default": False,
    }
