"""extra.termweave in mkdocs.yml is validated like entries; the environment can hide early access."""

from __future__ import annotations

import re

import pytest

from termweave.source.settings import HIDE_ENV, Announcement, Settings, SettingsError, load_settings


def test_defaults() -> None:
    assert load_settings({}, environ={}) == Settings()


def test_values_and_announcement() -> None:
    settings = load_settings(
        {"termweave": {"link_all_mentions": True, "announcement": {"text": "Hi", "link": "x/"}}},
        environ={},
    )
    assert settings.link_all_mentions is True
    assert Settings().link_in_background is True
    assert load_settings({"termweave": {"link_in_background": False}}, environ={}) == Settings(
        link_in_background=False
    )
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


@pytest.mark.parametrize(
    ("value", "hidden"), [("1", True), ("true", True), ("0", False), ("", False)]
)
def test_environment_overrides_hide_early_access(value: str, hidden: bool) -> None:
    config = {"termweave": {"hide_early_access": not hidden}}
    assert load_settings(config, environ={HIDE_ENV: value}).hide_early_access is hidden


def test_bad_environment_value() -> None:
    with pytest.raises(SettingsError, match=HIDE_ENV):
        load_settings({}, environ={HIDE_ENV: "maybe"})
