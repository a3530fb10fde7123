"""What the author scripts know about a project: its folders and settings, read from mkdocs.yml
the way MkDocs reads it, and its registry loaded by the build's own validator."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "hooks") not in sys.path:
    sys.path.insert(0, str(ROOT / "hooks"))

from mkdocs.exceptions import ConfigurationError  # noqa: E402
from mkdocs.utils.yaml import get_yaml_loader, yaml_load  # noqa: E402

from termweave.source.registry import Registry, load_registry  # noqa: E402
from termweave.source.settings import Settings, SettingsError, load_settings  # noqa: E402

CONFIG_FILE = "mkdocs.yml"
SCHEMA_FILE = "schema/glossary-entry.schema.json"


class ProjectError(Exception):
    """The project cannot be read (no mkdocs.yml, bad settings); the message says why."""


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    glossary_dir: Path
    settings: Settings
    site_url: str

    def display(self, path: Path) -> str:
        """A path as the build shows it to authors: relative to the project, with '/'."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def registry(self, today: date | None = None) -> Registry:
        """Everything validated exactly as `mkdocs build` validates it."""
        return load_registry(
            self.glossary_dir,
            self.docs_dir,
            today=today,
            glossary_display=self.display(self.glossary_dir),
            content_display=self.display(self.docs_dir),
        )


def _read_config(path: Path) -> dict[str, Any]:
    loader = get_yaml_loader()
    # `!relative` needs a running MkDocs config; its value does not matter here.
    loader.add_constructor("!relative", lambda _loader, _node: None)
    try:
        with path.open(encoding="utf-8") as stream:
            config = yaml_load(stream, loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ConfigurationError) as error:
        raise ProjectError(f"cannot read {path}: {error}") from None
    if not isinstance(config, dict):
        raise ProjectError(f"{path} must be a mapping of settings")
    return config


def load_project(root: Path, environ: Mapping[str, str] | None = None) -> Project:
    config_file = root / CONFIG_FILE
    if not config_file.is_file():
        raise ProjectError(f"no {CONFIG_FILE} in {root}; pass --root with the project folder")
    config = _read_config(config_file)
    extra = config.get("extra") or {}
    try:
        settings = load_settings(extra if isinstance(extra, Mapping) else {}, environ)
    except SettingsError as error:
        raise ProjectError(f"{config_file}: {error}") from None
    docs_dir = (root / str(config.get("docs_dir") or "docs")).resolve()
    glossary_dir = (root / settings.glossary_dir).resolve()
    for folder, what in ((docs_dir, "docs_dir"), (glossary_dir, "extra.termweave.glossary_dir")):
        if not folder.is_dir():
            raise ProjectError(f"folder not found: {folder} ({what} in {config_file})")
    return Project(
        root=root.resolve(),
        docs_dir=docs_dir,
        glossary_dir=glossary_dir,
        settings=settings,
        site_url=str(config.get("site_url") or ""),
    )


def yaml_scalar(text: str, *, in_list: bool = False) -> str:
    """`text` as a YAML value that reads back as the same string: plain when that is safe,
    double-quoted otherwise ('yes', '2024', 'C++: intro', 'TODO: ...', 'a, b' in a [list])."""
    if in_list and any(char in text for char in ",[]{}"):
        return json.dumps(text, ensure_ascii=False)
    try:
        plain = "\n" not in text and yaml.safe_load(f"key: {text}") == {"key": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def fail(script: str, messages: list[str]) -> int:
    """Report an author's mistakes on stderr, one a line, and give the exit status 1."""
    for message in messages:
        print(f"{script}: error: {message}", file=sys.stderr)
    return 1


def shown_path(path: Path) -> str:
    """The path to print: relative to the current folder when inside it, else absolute."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
