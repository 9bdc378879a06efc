"""The review files of the test data (labelled corpus, blind and holdout sets), as text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from hypothesis import strategies as st

from bot.core.reviews.clean import split_sentences

DATA = Path(__file__).resolve().parents[2] / "data"


def corpus_texts() -> list[str]:
    """Return the text of every UTF-8 review file (.txt, .md, .html, .xml) under tests/data."""
    texts = []
    for path in sorted(DATA.rglob("*")):
        if path.suffix not in (".txt", ".md", ".html", ".xml"):
            continue
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # the encoding cases: read through the pipeline elsewhere
    return texts


def sentences_of(text: str) -> list[str]:
    """Return a text's sentences, line by line."""
    return [s for line in text.splitlines() for s in split_sentences(line) if s.strip()]


def word_soup(
    words: Sequence[str],
    glue: Sequence[str],
    alphabet: str,
    *,
    cases: Sequence[Callable[[str], str]] = (str.upper, str.capitalize),
    max_size: int = 25,
) -> st.SearchStrategy[list[str]]:
    """Hypothesis lists of pattern words (as written and in other cases), glue words and random
    bits of text: sentences made to hold matches, for checking a shortcut against its pattern."""
    return st.lists(
        st.one_of(
            st.sampled_from(words),
            *(st.sampled_from(words).map(case) for case in cases),
            st.sampled_from(glue),
            st.text(alphabet=alphabet, max_size=8),
        ),
        max_size=max_size,
    )
