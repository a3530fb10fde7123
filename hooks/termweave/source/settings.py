"""Project settings from `extra.termweave` in mkdocs.yml, validated like entries."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from termweave.source.problems import did_you_mean

HIDE_ENV = "TERMWEAVE_HIDE_EARLY_ACCESS"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingsError(ValueError):
    """A mistake in mkdocs.yml's extra.termweave; the message names the key."""


@dataclass(frozen=True)
class Announcement:
    text: str = ""
    link: str = ""
    link_text: str = ""


@dataclass(frozen=True)
class Settings:
    glossary_dir: str = "glossary"
    link_all_mentions: bool = False
    hide_early_access: bool = False
    announcement: Announcement = Announcement()
    pyodide_url: str | None = None
    review_period_months: int = 12
    ignored: tuple[str, ...] = ()  # keys given that are accepted but do nothing (`_IGNORED`)

    def warnings(self) -> list[str]:
        """One warning per ignored key given (logged by on_config; `strict: true` aborts)."""
        return [
            f"extra.termweave.{key} does nothing and can be removed from mkdocs.yml"
            for key in self.ignored
        ]


_TYPES: dict[str, type | tuple[type, ...]] = {
    "glossary_dir": str,
    "link_all_mentions": bool,
    "hide_early_access": bool,
    "announcement": dict,
    "pyodide_url": (str, type(None)),
    "review_period_months": int,
}
# Accepted, type checked and ignored, so that a mkdocs.yml written for an older termweave builds
_IGNORED: dict[str, type] = {"link_in_background": bool}


def load_settings(extra: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Settings:
    """Validate `extra.termweave`; the environment variable overrides hide_early_access."""
    environ = os.environ if environ is None else environ
    raw = extra.get("termweave") or {}
    if not isinstance(raw, Mapping):
        raise SettingsError("extra.termweave must be a mapping of settings")
    values: dict[str, Any] = {}
    ignored: list[str] = []
    for key, value in raw.items():
        expected = _TYPES.get(key) or _IGNORED.get(key)
        if expected is None:
            raise SettingsError(
                f"extra.termweave: unknown setting '{key}'{did_you_mean(key, _TYPES)}"
            )
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise SettingsError(f"extra.termweave.{key} has the wrong type: {value!r}")
        if key in _IGNORED:
            ignored.append(key)
        else:
            values[key] = value
    if "announcement" in values:
        values["announcement"] = _announcement(values["announcement"])
    if values.get("review_period_months", 12) < 1:
        raise SettingsError("extra.termweave.review_period_months must be at least 1")
    flag = environ.get(HIDE_ENV)
    if flag is not None:
        if flag.strip().lower() not in _TRUE | _FALSE:
            raise SettingsError(f"{HIDE_ENV} must be 1 or 0, got {flag!r}")
        values["hide_early_access"] = flag.strip().lower() in _TRUE
    return Settings(**values, ignored=tuple(ignored))


def _announcement(raw: Mapping[str, Any]) -> Announcement:
    allowed = {"text", "link", "link_text"}
    for key, value in raw.items():
        if key not in allowed:
            raise SettingsError(
                f"extra.termweave.announcement: unknown key '{key}'{did_you_mean(key, allowed)}"
            )
        if value is not None and not isinstance(value, str):
            raise SettingsError(f"extra.termweave.announcement.{key} must be text")
    return Announcement(**{k: (v or "") for k, v in raw.items()})
