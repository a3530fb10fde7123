"""Plural forms of glossary names (termweave.links.inflect)."""

from __future__ import annotations

import pytest

from termweave.links.inflect import is_acronym, plurals


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("learning rate", ("learning rates",)),
        ("Learning rate", ("Learning rates",)),
        ("batch", ("batches",)),
        ("hyperparameter search", ("hyperparameter searches",)),
        ("loss", ("losses",)),
        ("bias", ("biases",)),
        ("softmax", ("softmaxes",)),
        ("strategy", ("strategies",)),
        ("key", ("keys",)),
        ("hypothesis", ("hypotheses",)),
        ("axis", ("axes",)),
        ("epoch", ("epochs",)),
        ("matrix", ("matrices", "matrixes")),
        ("Matrix", ("Matrices", "Matrixes")),
        ("confusion matrix", ("confusion matrices", "confusion matrixes")),
        ("criterion", ("criteria",)),
        ("decision tree leaf", ("decision tree leaves",)),
        ("warm-up", ("warm-ups",)),
        ("embedding", ("embeddings",)),
        ("demo", ("demos",)),
        ("LR", ("LRs",)),
        ("GPU", ("GPUs",)),
    ],
)
def test_plural_of_the_last_word(name: str, expected: tuple[str, ...]) -> None:
    assert plurals(name) == expected


@pytest.mark.parametrize(
    "name",
    ["training data", "metrics", "logits", "time series", "GPT-4", "AWS", "", "   ", "k = 3"],
)
def test_no_plural(name: str) -> None:
    assert plurals(name) == ()


def test_plural_never_repeats_the_name() -> None:
    assert "data" not in plurals("data")
    assert all(form != "datum" for form in plurals("datum"))


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("LR", True),
        ("GPU", True),
        ("GPT-4", True),
        ("A/B", True),
        ("C", True),
        ("ReLU", False),
        ("Learning rate", False),
        ("k-NN", False),
        ("42", False),
    ],
)
def test_acronym_rule(name: str, acronym: bool) -> None:
    assert is_acronym(name) is acronym
