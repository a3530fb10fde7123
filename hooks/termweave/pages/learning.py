"""Learning blocks on pages: self-check questions (```quiz) and term cards (`::term[slug]`).

Validation happens when the content is loaded (`source.blocks`): every problem of every page and
entry stops the build at once, with the file and line. On a page, each block is
replaced in the Markdown by a placeholder paragraph at the block's indentation (so a block inside
an admonition or a list stays there), and the quiz's Markdown texts are appended to the page's
own Markdown between markers: MkDocs renders them with the page's extensions and resolves their
links like the rest of the page. `fill` then cuts the rendered texts out of the HTML and puts
each block's HTML where its placeholder is, before the linker and the search index see the page.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from jinja2 import Environment
from markupsafe import Markup

from termweave.pages.relurls import relative_url
from termweave.source.blocks import QuizBlock, check_blocks, has_blocks
from termweave.source.model import Term
from termweave.source.quiz import Quiz

_ANCHOR_TAG = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class CardTerm:
    """What a card shows of its term, and where the term's page is (site-root-relative)."""

    term: Term
    url: str


@dataclass
class PendingPage:
    """A page's blocks between its Markdown and its HTML: placeholder number -> what renders it
    once the page's fragments (number -> HTML) are known."""

    nonce: str
    blocks: dict[int, Callable[[dict[int, str]], str]] = field(default_factory=dict)


def expand(
    markdown: str,
    *,
    env: Environment,
    page_url: str,
    cards: Callable[[str], CardTerm | None],
) -> tuple[str, PendingPage | None]:
    """The page's Markdown with placeholders for its blocks and its quizzes' texts appended.
    `cards(slug)`: the term a card shows, None when this build leaves it out (early access
    hidden). The blocks were validated when the content was loaded; a quiz that fails here
    (it cannot, short of a bug) is left as it was written."""
    if not has_blocks(markdown):
        return markdown, None
    nonce = "tw" + secrets.token_hex(6)
    while nonce in markdown:  # pragma: no cover - 48 random bits
        nonce = "tw" + secrets.token_hex(6)
    pending = PendingPage(nonce)
    lines = markdown.split("\n")
    found, _ = check_blocks(markdown, page_url, None)
    fragments: list[str] = []
    quizzes = [number for number, (_, quiz) in enumerate(found) if quiz is not None]
    for number, (block, quiz) in reversed(list(enumerate(found))):
        placeholder = f"{block.indent}{nonce}b{number}"
        if isinstance(block, QuizBlock):
            if quiz is None:
                continue
            uid = f"tw-quiz-{quizzes.index(number) + 1}"
            pending.blocks[number] = _quiz_maker(env, quiz, uid, nonce, fragments)
        else:
            card = cards(block.slug)
            html = "" if card is None else _card_html(env, card, page_url)
            pending.blocks[number] = _fixed(html)
        lines[block.start - 1 : block.stop] = ["", placeholder, ""]
    return "\n".join([*lines, "", *fragments, ""]), pending


def _quiz_maker(
    env: Environment, quiz: Quiz, uid: str, nonce: str, fragments: list[str]
) -> Callable[[dict[int, str]], str]:
    """Append the quiz's texts to `fragments` (Markdown between markers) and return what renders
    the quiz from their HTML."""

    def add(text: str, inline: bool) -> int:
        index = len(fragments)
        if inline:
            fragments.append(f"{nonce}i{index} {text}\n")
        else:
            fragments.append(f"{nonce}s{index}\n\n{text}\n{nonce}e{index}\n")
        return index

    question = add(quiz.question, True)
    labels = [add(choice.text, True) for choice in quiz.choices]
    whys = [add(choice.why, False) if choice.why else None for choice in quiz.choices]
    explain = add(quiz.explain, False) if quiz.explain else None

    def render(html: dict[int, str]) -> str:
        choices = [
            {
                "label": Markup(_ANCHOR_TAG.sub("", html[label])),  # a link in a label breaks it
                "correct": choice.correct,
                "why": Markup(html[why]) if why is not None else "",
            }
            for choice, label, why in zip(quiz.choices, labels, whys, strict=True)
        ]
        return env.get_template("quiz.html.j2").render(
            uid=uid,
            quiz=quiz,
            question=Markup(html[question]),
            choices=choices,
            explain=Markup(html[explain]) if explain is not None else "",
        )

    return render


def _card_html(env: Environment, card: CardTerm, page_url: str) -> str:
    return env.get_template("term_card.html.j2").render(
        term=card.term, href=relative_url(card.url, page_url)
    )


def _fixed(html: str) -> Callable[[dict[int, str]], str]:
    return lambda _fragments: html


class FillError(Exception):
    """A page's blocks could not be put back (its Markdown swallowed a marker)."""


def fill(html: str, pending: PendingPage) -> str:
    """The page's HTML with its quizzes' texts cut out and every block in its place."""
    nonce = pending.nonce
    fragments: dict[int, str] = {}

    def keep(match: re.Match[str]) -> str:
        fragments[int(match.group(1))] = match.group(2).strip()
        return ""

    html = re.sub(rf"<p>{nonce}i(\d+) (.*?)</p>\n?", keep, html, flags=re.DOTALL)
    html = re.sub(rf"<p>{nonce}s(\d+)</p>\n?(.*?)<p>{nonce}e\1</p>\n?", keep, html, flags=re.DOTALL)
    placed: set[int] = set()

    def place(match: re.Match[str]) -> str:
        number = int(match.group(1))
        placed.add(number)
        return pending.blocks[number](fragments)

    try:
        html = re.sub(rf"(?:<p>)?{nonce}b(\d+)(?:</p>)?", place, html)
    except KeyError as error:
        raise FillError(f"a quiz's text went missing (fragment {error})") from None
    if placed != set(pending.blocks) or nonce in html:
        raise FillError("a block's placeholder went missing or was changed by the Markdown")
    return html
