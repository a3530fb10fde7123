"""JSON Schema for entries, generated from the model so editors and the build agree."""

from __future__ import annotations

import json
from typing import Any

from termweave.source.model import DATE_PATTERN, ENTRY_FIELDS, SLUG_PATTERN, Kind

SCHEMA_ID = "https://termweave.invalid/schema/glossary-entry.schema.json"

_TEXT: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": "\\S"}
_KIND_SCHEMAS: dict[Kind, dict[str, Any]] = {
    Kind.TEXT: _TEXT,
    Kind.MARKDOWN: {"type": "string", "minLength": 1},
    Kind.DATE: {"type": "string", "pattern": DATE_PATTERN, "format": "date"},
    Kind.BOOL: {"type": "boolean"},
    Kind.TEXT_LIST: {"type": "array", "items": _TEXT, "uniqueItems": True},
    Kind.SLUG_LIST: {
        "type": "array",
        "items": {"type": "string", "pattern": SLUG_PATTERN},
        "uniqueItems": True,
    },
    Kind.LESSON_LIST: {
        "type": "array",
        "items": {"type": "string", "pattern": "\\.md$"},
        "uniqueItems": True,
    },
    Kind.DEMO_LIST: {"type": "array", "items": _TEXT, "uniqueItems": True},
}


def entry_schema(
    categories: list[str] | None = None, demos: list[str] | None = None
) -> dict[str, Any]:
    """The schema of `glossary/<slug>.yml`; categories and demo ids become enums when given."""
    properties: dict[str, Any] = {}
    for spec in ENTRY_FIELDS:
        prop = {"description": spec.description, **_KIND_SCHEMAS[spec.kind]}
        if spec.name == "category" and categories:
            prop["enum"] = sorted(categories)
        if spec.name == "demos" and demos:
            prop["items"] = {"enum": sorted(demos)}
        if spec.name == "autolink":
            prop["default"] = True
        elif spec.kind is Kind.BOOL:
            prop["default"] = False
        properties[spec.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Glossary entry",
        "description": "One term of the glossary: glossary/<slug>.yml. Generated from "
        "hooks/termweave/source/model.py by scripts/gen_schema.py; do not edit by hand.",
        "type": "object",
        "additionalProperties": False,
        "required": [spec.name for spec in ENTRY_FIELDS if spec.required],
        "properties": properties,
    }


def schema_text(categories: list[str] | None = None, demos: list[str] | None = None) -> str:
    return json.dumps(entry_schema(categories, demos), indent=2, ensure_ascii=False) + "\n"
