"""Self-check questions and term cards in Chromium, on tests/fixtures/learning built with the
shipped theme configuration (palette toggle, instant navigation): answering wrong then right by
mouse and by keyboard, a multi-answer question, Try again, the no-JavaScript answer, instant
navigation, axe, and the dark palette on a phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from harness import ServedSite, SitePage, shipped_config_project
from playwright.sync_api import expect
from test_accessibility import BLOCKING, MATERIAL_KNOWN, RUN_AXE, describe
from test_demos import enable_instant_navigation

pytestmark = pytest.mark.browser
LESSON = "basics/check/"


@pytest.fixture(scope="session")
def learning_site(
    build_site: Callable[..., ServedSite], tmp_path_factory: pytest.TempPathFactory
) -> ServedSite:
    project = shipped_config_project(tmp_path_factory.mktemp("learning-project"), "learning")
    return build_site(project, name="learning")


@pytest.fixture
def quiz_page(open_page: Callable[..., SitePage], learning_site: ServedSite) -> SitePage:
    site_page = open_page(learning_site)
    site_page.visit(LESSON)
    return site_page


def quiz(page: Any, index: int) -> Any:
    return page.locator("div.tw-quiz").nth(index)


def feedback(block: Any) -> Any:
    return block.locator("[data-tw-feedback]")


def test_wrong_then_right_by_mouse(quiz_page: SitePage) -> None:
    block = quiz(quiz_page.page, 0)
    block.get_by_label("The learning rate").check()
    block.get_by_role("button", name="Check").click()
    expect(feedback(block)).to_contain_text("Not yet.")
    expect(feedback(block)).to_contain_text("You set it before training")
    expect(feedback(block)).not_to_contain_text("Parameters are learned")
    expect(block.get_by_role("button", name="Try again")).to_be_visible()
    block.get_by_label("The weights").check()
    block.get_by_role("button", name="Check").click()
    expect(feedback(block)).to_contain_text("Right!")
    expect(feedback(block)).to_contain_text("learned from the data")
    expect(feedback(block)).to_contain_text("Parameters are learned")
    expect(block.locator("details.tw-quiz__answer")).not_to_have_attribute("open", "")


def test_wrong_then_right_by_keyboard(quiz_page: SitePage) -> None:
    page = quiz_page.page
    block = quiz(page, 0)
    radios = block.locator("input[type=radio]")
    radios.first.focus()
    page.keyboard.press("Space")
    expect(radios.first).to_be_checked()
    page.keyboard.press("Tab")
    expect(block.get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(feedback(block)).to_contain_text("Not yet.")
    page.keyboard.press("Shift+Tab")
    expect(radios.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(radios.nth(1)).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(feedback(block)).to_contain_text("Right!")
    page.keyboard.press("Tab")
    expect(block.get_by_role("button", name="Try again")).to_be_focused()
    page.keyboard.press("Enter")
    expect(radios.first).to_be_focused()
    expect(feedback(block)).to_be_empty()


def test_multi_answer(quiz_page: SitePage) -> None:
    block = quiz(quiz_page.page, 1)
    expect(block.locator("legend")).to_contain_text("choose all that apply")
    block.get_by_label("The learning rate").check()
    block.get_by_label("The weights").check()
    block.get_by_role("button", name="Check").click()
    expect(feedback(block)).to_contain_text("Not yet.")
    expect(feedback(block)).to_contain_text("Weights are learned, not chosen.")
    expect(feedback(block)).not_to_contain_text("You choose it.")  # the why of a right pick
    expect(feedback(block)).to_contain_text("one right answer is not chosen yet")
    block.get_by_label("The weights").uncheck()
    block.get_by_label("The number of epochs").check()
    block.get_by_role("button", name="Check").click()
    expect(feedback(block)).to_contain_text("Right!")
    expect(feedback(block)).to_contain_text("Everything learned is a parameter.")


def test_try_again_resets(quiz_page: SitePage) -> None:
    block = quiz(quiz_page.page, 1)
    block.get_by_label("The weights").check()
    block.get_by_role("button", name="Check").click()
    expect(block.locator(".tw-quiz__choice[data-tw-state=wrong]")).to_have_count(1)
    block.get_by_role("button", name="Try again").click()
    expect(feedback(block)).to_be_empty()
    expect(block.locator("input:checked")).to_have_count(0)
    expect(block.locator("[data-tw-state]")).to_have_count(0)
    expect(block.get_by_role("button", name="Try again")).to_be_hidden()
    expect(block.locator("input").first).to_be_focused()


def test_without_javascript_the_answer_is_in_details(
    open_page: Callable[..., SitePage], learning_site: ServedSite
) -> None:
    site_page = open_page(learning_site, java_script_enabled=False)
    site_page.visit(LESSON)
    block = quiz(site_page.page, 0)
    expect(block.get_by_role("button", name="Check")).to_be_hidden()
    expect(block.get_by_text("Right: The weights")).to_be_hidden()
    block.locator("details summary").click()
    expect(block.get_by_text("Right: The weights")).to_be_visible()
    expect(block.locator("[data-tw-explain]")).to_be_visible()


def test_works_after_instant_navigation(quiz_page: SitePage) -> None:
    page = quiz_page.page
    enable_instant_navigation(quiz_page, quiz_page.site)
    quiz_page.visit("basics/other/")
    page.evaluate("window.__sameDocument = true")
    page.locator("article").get_by_role("link", name="check your understanding").click()
    quiz_page.wait_for_path(LESSON)
    block = quiz(page, 0)
    expect(block.get_by_role("button", name="Check")).to_be_visible()
    assert page.evaluate("window.__sameDocument === true"), "not instant navigation"
    block.get_by_label("The weights").check()
    block.get_by_role("button", name="Check").click()
    expect(feedback(block)).to_contain_text("Right!")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_a_page_with_quizzes(
    open_page: Callable[..., SitePage], learning_site: ServedSite, axe_script: Path, scheme: str
) -> None:
    site_page = open_page(learning_site, color_scheme=scheme)
    page = site_page.page
    site_page.visit(LESSON)
    block = quiz(page, 1)  # answered, so the feedback and the marks are checked too
    block.get_by_label("The weights").check()
    block.get_by_role("button", name="Check").click()
    expect(feedback(block)).to_contain_text("Not yet.")
    quiz(page, 0).locator("details summary").click()
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(RUN_AXE, [[rule, selector] for rule, selector, _ in MATERIAL_KNOWN])
    blocking = [
        {**v, "nodes": nodes}
        for v in violations
        if (nodes := [n for n in v["nodes"] if (n["impact"] or v["impact"]) in BLOCKING])
    ]
    assert not blocking, describe(blocking)


LAYOUT = """(selector) => {
  const el = document.querySelector(selector);
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const parse = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  let back = el, bg = "rgba(0, 0, 0, 0)";
  while (back && (bg === "rgba(0, 0, 0, 0)" || bg === "transparent")) {
    bg = getComputedStyle(back).backgroundColor; back = back.parentElement;
  }
  return {left: box.left, right: box.right, width: box.width, fg: parse(style.color),
          bg: parse(bg), viewport: document.documentElement.clientWidth,
          scroll: document.documentElement.scrollWidth};
}"""


def luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("device", "scheme"), [("phone", "dark"), ("desktop", "dark"), ("phone", "light")]
)
def test_quiz_and_card_in_the_palettes_and_on_a_phone(
    open_page: Callable[..., SitePage], learning_site: ServedSite, device: str, scheme: str
) -> None:
    site_page = open_page(learning_site, device=device, color_scheme=scheme)
    page = site_page.page
    site_page.visit(LESSON)
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    block = quiz(page, 1)
    block.get_by_label("The weights").check()
    block.get_by_role("button", name="Check").click()
    expect(feedback(block)).to_contain_text("Not yet.")
    for selector in (
        "#tw-quiz-2 legend",
        "#tw-quiz-2 .tw-quiz__choice label",
        "#tw-quiz-2 .tw-quiz__feedback",
        ".tw-termcard__summary",
        ".tw-termcard__category",
    ):
        found = page.evaluate(LAYOUT, selector)
        assert found["scroll"] <= found["viewport"], f"{selector}: the page scrolls sideways"
        assert found["left"] >= 0 and found["right"] <= found["viewport"], f"{selector}: {found}"
        ratio = contrast(found["fg"], found["bg"])
        assert ratio >= 4.5, (
            f"{selector} ({scheme}): contrast {ratio:.2f} ({found['fg']} on {found['bg']})"
        )
        dark_text = luminance(found["fg"]) < luminance(found["bg"])
        assert dark_text == (scheme == "light"), f"{selector}: text colour not of the palette"
    card = page.evaluate(LAYOUT, ".tw-termcard")
    if device == "phone":
        assert card["width"] > 0.8 * card["viewport"], "the card should use the phone's width"
    site_page.screenshot(f"{device}-{scheme}-quiz")
