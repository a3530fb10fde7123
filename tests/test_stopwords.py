"""The commonest words left out of what the search index reads (termweave.search.stopwords)."""

from __future__ import annotations

from termweave.search.stopwords import STOP_WORDS, without_stop_words


def test_text_loses_the_common_words_and_keeps_the_rest() -> None:
    article = "<article><p>It is a learning rate, and the step size of it.</p></article>"
    assert without_stop_words(article) == "<article><p>learning rate, step size</p></article>"


def test_headings_tags_and_attributes_stay_whole() -> None:
    article = (
        '<article data-tw-group="Tips and tricks">'
        '<h2 id="when">When to use it</h2>'
        '<p>Use <a href="../a/" title="it is">the rate</a> with <code>a.b</code> (it) A/B, it\'s</p>'
        "<ul><li>a</li><li>An epoch</li></ul></article>"
    )
    assert without_stop_words(article) == (
        '<article data-tw-group="Tips and tricks">'
        '<h2 id="when">When to use it</h2>'
        '<p>Use <a href="../a/" title="it is">rate</a> <code>a.b</code> (it) A/B, it\'s</p>'
        "<ul><li></li><li>epoch</li></ul></article>"
    )  # words joined to others ("a.b", "(it)", "A/B", "it's") stay


def test_the_list_is_function_words_only() -> None:
    assert {"a", "an", "the", "it", "is", "with", "of", "to"} <= STOP_WORDS
    assert not {"rate", "learning", "model", "data", "loss", "epoch", "batch"} & STOP_WORDS
