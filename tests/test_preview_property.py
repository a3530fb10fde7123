"""After any sequence of edits, the preview's site is the site a clean build of the same files
writes (hypothesis: random sequences of an author's edits, compared after every step)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import previewkit as kit
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sitekit import copy_fixture
from termweave.preview.serve import Builder

pytestmark = pytest.mark.slow

# Words the fixture's pages contain, so that a new name or alias starts mentions on them
WORDS = ("training", "model", "data", "settings", "examples", "pass", "step size", "decay")
MODULES = ("", "Module A", "Module B")  # '': none
SENTENCES = (
    "Each epoch changes the learning rate.",
    "A transformer has many a hyperparameter.",
    "Plain words with no term.",
    "The model learns from data in every pass.",
)
step = st.one_of(
    st.tuples(st.just("body"), st.sampled_from(kit.TERMS), st.sampled_from(SENTENCES)),
    st.tuples(st.just("summary"), st.sampled_from(kit.TERMS), st.sampled_from(SENTENCES)),
    st.tuples(st.just("alias"), st.sampled_from(kit.TERMS), st.sampled_from(WORDS)),
    st.tuples(st.just("add"), st.sampled_from(WORDS), st.sampled_from(SENTENCES)),
    st.tuples(st.just("delete"), st.integers(0, 10), st.just("")),
    st.tuples(st.just("lesson"), st.sampled_from(kit.LESSONS), st.sampled_from(SENTENCES)),
    st.tuples(st.just("retitle"), st.sampled_from(kit.LESSONS), st.sampled_from(WORDS)),
    st.tuples(st.just("order"), st.sampled_from(kit.LESSONS), st.sampled_from(("1", "2", "5"))),
    st.tuples(st.just("module"), st.sampled_from(kit.LESSONS), st.sampled_from(MODULES)),
)


@pytest.fixture(scope="module", autouse=True)
def fixed_build_date() -> Iterator[None]:
    """The sitemap's dates come from SOURCE_DATE_EPOCH, the same for both builds."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    yield
    if before is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = before


def apply(project: Path, kind: str, subject: object, text: str) -> None:
    if kind == "body":
        data = kit.read_entry(project, str(subject)) if _exists(project, subject) else None
        if data is not None:
            kit.set_field(project, str(subject), "body", f"{data['body']}\n{text}\n")
    elif kind == "summary" and _exists(project, subject):
        kit.set_field(project, str(subject), "summary", text)
    elif kind == "alias" and _exists(project, subject):
        kit.add_alias(project, str(subject), text)
    elif kind == "add":
        kit.add_term(project, str(subject).capitalize(), text, f"About {subject}.\n\n{text}\n")
    elif kind == "delete":
        existing = kit.slugs(project)
        victim = existing[int(str(subject)) % len(existing)]
        if len(existing) > 1 and victim != "learning-rate":  # the home page links to it
            kit.delete_term(project, victim)
    elif kind == "lesson":
        kit.append_to_lesson(project, str(subject), text)
    elif kind == "retitle":
        kit.retitle_lesson(project, str(subject), f"All about {text}")
    elif kind == "order":
        kit.set_lesson_field(project, str(subject), "order", text)
    elif kind == "module":
        kit.set_lesson_field(project, str(subject), "module", text or None)


def _exists(project: Path, slug: object) -> bool:
    return kit.entry_path(project, str(slug)).exists()


@settings(
    max_examples=20,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking takes many minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(step, min_size=5, max_size=5))
def test_preview_equals_clean_build_after_every_edit(
    steps: list[tuple[str, object, str]],
) -> None:
    home = Path(tempfile.mkdtemp(prefix="tw-preview-prop-"))
    try:
        project = copy_fixture(home, theme=kit.SHIPPED_THEME)  # pages show only their part
        builder = Builder(str(project / "mkdocs.yml"), home / "preview")
        builder()
        assert builder.ok
        for number, (kind, subject, text) in enumerate(steps):
            apply(project, kind, subject, text)
            builder()
            clean = home / f"clean-{number}"
            if kit.clean_build(project, clean):  # equality is promised for valid sites
                assert builder.ok, steps[: number + 1]
                assert kit.differences(home / "preview", clean) == [], steps[: number + 1]
            shutil.rmtree(clean, ignore_errors=True)
        if builder.ok:  # what the search index is made from: the same as a first build's
            fresh = Builder(str(project / "mkdocs.yml"), home / "fresh")
            fresh()
            assert fresh.preview is not None and builder.preview is not None
            assert builder.preview.documents() == fresh.preview.documents()
    finally:
        shutil.rmtree(home, ignore_errors=True)
