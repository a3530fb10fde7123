"""The quiz block's parser and its problems, with the lines and columns of the file
(termweave.source.quiz, termweave.source.blocks)."""

from __future__ import annotations

import pytest

from termweave.source.blocks import QuizBlock, TermLine, check_blocks, scan
from termweave.source.quiz import Choice, Quiz, parse_quiz

ISSUE_EXAMPLE = """\
question: Which of these does the optimiser change during training?
choices:
  - text: The learning rate
    why: You set it before training; the optimiser only uses it.
  - text: The weights
    correct: true
    why: Weights are parameters, learned from the data.
  - text: The number of epochs
explain: Parameters are learned; hyperparameters are chosen.
"""


def test_the_issue_example_parses() -> None:
    quiz, problems = parse_quiz(ISSUE_EXAMPLE, "content/a/b.md")
    assert problems == []
    assert quiz == Quiz(
        "Which of these does the optimiser change during training?",
        (
            Choice(
                "The learning rate",
                False,
                "You set it before training; the optimiser only uses it.\n",
            ),
            Choice("The weights", True, "Weights are parameters, learned from the data.\n"),
            Choice("The number of epochs"),
        ),
        "Parameters are learned; hyperparameters are chosen.\n",
    )
    assert not quiz.multiple


def test_quoted_numbers_and_code_are_text() -> None:
    text = 'question: "Which?"\nchoices:\n  - text: "0.587"\n    correct: true\n    why: "`exp(1)`."\n  - text: 0.456\n'
    quiz, problems = parse_quiz(text, "x.md")
    assert problems == [] and quiz is not None
    assert [c.text for c in quiz.choices] == ["0.587", "0.456"]
    assert quiz.choices[0].why == "`exp(1)`.\n"


def test_two_correct_choices_make_a_multiple_answer_question() -> None:
    text = "question: Q\nchoices:\n  - text: a\n    correct: true\n  - text: b\n    correct: true\n  - text: c\n"
    quiz, _ = parse_quiz(text, "x.md")
    assert quiz is not None and quiz.multiple


def messages(text: str, first_line: int = 1, column: int = 0) -> list[str]:
    _, problems = parse_quiz(text, "content/basics/lesson.md", first_line, column)
    return [str(p) for p in problems]


def test_every_problem_at_once_with_file_lines_and_columns() -> None:
    text = """\
question: Q
choises: []
choices:
  - text: ""
    correct: true
    whyy: no
  - text: b
explain: E
"""
    # the block's YAML starts on line 21 of the lesson, indented by 4 (inside an admonition)
    assert messages(text, 21, 4) == [
        "content/basics/lesson.md:22:5: unknown key 'choises' in a quiz (did you mean 'choices'?); known: question, choices, explain",
        "content/basics/lesson.md:24:15: 'choices[1].text' is empty",
        "content/basics/lesson.md:26:9: unknown key 'whyy' in choice 1 (did you mean 'why'?); known: text, correct, why",
    ]


def test_no_correct_choice() -> None:
    assert messages("question: Q\nchoices:\n  - text: a\n  - text: b\n", 10) == [
        "content/basics/lesson.md:12:3: no choice is marked 'correct: true'; mark the right one(s)"
    ]


@pytest.mark.parametrize("count", [1, 9])
def test_two_to_eight_choices(count: int) -> None:
    choices = "".join(f"  - text: c{i}\n    correct: true\n" for i in range(count))
    assert messages(f"question: Q\nchoices:\n{choices}") == [
        f"content/basics/lesson.md:3:3: a quiz needs 2 to 8 choices; this one has {count}"
    ]


def test_invalid_yaml_points_at_the_file_line() -> None:
    found = messages("question: Q\nchoices: [a\n", 5)
    assert len(found) == 1 and found[0].startswith("content/basics/lesson.md:")
    assert "YAML syntax error" in found[0]
    assert int(found[0].split(":")[1]) in (6, 7)


def test_missing_keys_empty_block_and_wrong_types() -> None:
    assert messages("question: Q\n") == ["content/basics/lesson.md:1:1: the quiz needs a 'choices'"]
    assert messages("\n", 7) == ["content/basics/lesson.md:7:1: the quiz block is empty"]
    assert messages("question: Q\nchoices: a\n") == [
        "content/basics/lesson.md:2:10: 'choices' must be a list of choices, each starting with '- text:'"
    ]
    found = messages(
        "question: Q\nchoices:\n  - text: a\n    correct: yes\n  - text: b\n    correct: true\n"
    )
    assert found == ["content/basics/lesson.md:4:14: 'correct' must be true or false, got 'yes'"]
    assert messages("question: [a]\nchoices:\n  - text: a\n    correct: true\n  - text: b\n") == [
        "content/basics/lesson.md:1:11: 'question' must be text, not a list"
    ]


LESSON = """\
# Lesson

::term[learning-rate]

```python
```quiz
not: a quiz, inside code
```

!!! question "Check"

    ```quiz
    question: Q
    choices:
      - text: a
        correct: true
      - text: b
    ```

```quiz
question: Q2
chioces: []
```
::term[learnig-rate]
::term broken
"""


def test_scan_finds_blocks_at_any_indentation_and_skips_code() -> None:
    blocks, malformed = scan(LESSON)
    assert [type(b).__name__ for b in blocks] == ["TermLine", "QuizBlock", "QuizBlock", "TermLine"]
    assert blocks[0] == TermLine(3, "", "learning-rate")
    inner = blocks[1]
    assert isinstance(inner, QuizBlock) and (inner.start, inner.stop, inner.indent) == (
        12,
        18,
        "    ",
    )
    assert inner.text.startswith("question: Q\nchoices:\n  - text: a")
    assert malformed == [(25, 1, "malformed term card line; write it alone as ::term[<slug>]")]


def test_check_blocks_locates_problems_in_the_file() -> None:
    _, problems = check_blocks(LESSON, "content/a/l.md", {"learning-rate"}, first_line=4)
    assert [str(p) for p in problems] == [
        "content/a/l.md:24:1: the quiz needs a 'choices'",
        "content/a/l.md:25:1: unknown key 'chioces' in a quiz (did you mean 'choices'?); known: question, choices, explain",
        "content/a/l.md:27:1: unknown term 'learnig-rate' in a term card (did you mean 'learning-rate'?)",
        "content/a/l.md:28:1: malformed term card line; write it alone as ::term[<slug>]",
    ]


def test_an_unclosed_quiz_is_a_problem() -> None:
    _, problems = check_blocks("text\n```quiz\nquestion: Q\n", "c.md", ())
    assert [str(p) for p in problems] == ["c.md:2:1: the quiz block is never closed"]
