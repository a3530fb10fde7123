"""extra.termweave in mkdocs.yml is validated like entries; the environment can hide early access."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitekit import copy_fixture, mkdocs_build, set_termweave
from termweave.source.settings import HIDE_ENV, Announcement, Settings, SettingsError, load_settings


def test_defaults() -> None:
    assert load_settings({}, environ={}) == Settings()


def test_values_and_announcement() -> None:
    settings = load_settings(
        {"termweave": {"link_all_mentions": True, "announcement": {"text": "Hi", "link": "x/"}}},
        environ={},
    )
    assert settings.link_all_mentions is True
    assert settings.announcement == Announcement(text="Hi", link="x/", link_text="")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"link_all": True}, "unknown setting 'link_all' (did you mean 'link_all_mentions'?)"),
        ({"review_period_months": "12"}, "review_period_months has the wrong type"),
        ({"review_period_months": True}, "review_period_months has the wrong type"),
        ({"review_period_months": 0}, "must be at least 1"),
        ({"announcement": {"txt": "x"}}, "unknown key 'txt' (did you mean 'text'?)"),
        ({"announcement": {"text": 3}}, "announcement.text must be text"),
        ({"link_in_background": "yes"}, "link_in_background has the wrong type"),
    ],
)
def test_mistakes_name_the_key(raw: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        load_settings({"termweave": raw}, environ={})


@pytest.mark.parametrize("value", [True, False])
def test_link_in_background_is_accepted_and_only_warned_about(value: bool) -> None:
    settings = load_settings({"termweave": {"link_in_background": value}}, environ={})
    assert settings == Settings(ignored=("link_in_background",))
    assert settings.warnings() == [
        "extra.termweave.link_in_background does nothing and can be removed from mkdocs.yml"
    ]
    assert Settings().warnings() == []


@pytest.mark.parametrize(
    ("value", "hidden"), [("1", True), ("true", True), ("0", False), ("", False)]
)
def test_environment_overrides_hide_early_access(value: str, hidden: bool) -> None:
    config = {"termweave": {"hide_early_access": not hidden}}
    assert load_settings(config, environ={HIDE_ENV: value}).hide_early_access is hidden


def test_bad_environment_value() -> None:
    with pytest.raises(SettingsError, match=HIDE_ENV):
        load_settings({}, environ={HIDE_ENV: "maybe"})


@pytest.mark.slow
def test_a_build_given_link_in_background_warns_and_strict_stops_on_the_warning(
    tmp_path: Path,
) -> None:
    project = copy_fixture(tmp_path)
    set_termweave(project, link_in_background=True)
    warning = "extra.termweave.link_in_background does nothing and can be removed"
    lenient = mkdocs_build(project, strict=False, quiet=False)
    assert lenient.returncode == 0, lenient.output
    assert lenient.output.count(warning) == 1
    assert (lenient.site / "glossary" / "learning-rate" / "index.html").is_file()
    strict = mkdocs_build(project, quiet=False)  # --strict: a warning aborts the build
    assert strict.returncode != 0
    assert warning in strict.output and "strict mode" in strict.output
