"""The warnings scan narrows each topic's pattern to the cue alternatives a sentence's words allow.

It must find exactly what the full pattern finds: the same matches, from the same cues. Checked
over every sentence of the labelled corpus and over generated text built from the cues' own words.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from bot.core.reviews.clean import plain
from bot.core.reviews.warnings import _FIGURATIVE, _FIGURATIVE_T, _SCAN, TOPIC_CUES, _stems
from tests.core.reviews.corpus import corpus_texts, sentences_of, word_soup

FULL = {topic: _SCAN.full(topic) for topic in TOPIC_CUES}
# Words taken from the cues themselves, so generated sentences trip many of them.
CUE_WORDS = sorted(
    {w for cues in TOPIC_CUES.values() for c in cues for w in re.findall(r"[a-z]{3,}", c.pattern.pattern)}
)


def _cue(match: re.Match[str]) -> str:
    return (match.lastgroup or "").split("_")[0]


def full_scan(sentence: str) -> list[tuple[str, int, int, str]]:
    return [(t, m.start(), m.end(), _cue(m)) for t, p in FULL.items() for m in p.finditer(sentence)]


def narrowed_scan(sentence: str) -> list[tuple[str, int, int, str]]:
    return [(t, m.start(), m.end(), _cue(m)) for t, matches in _SCAN.scan(sentence) for m in matches]


def corpus_sentences() -> list[str]:
    return [plain(s) for text in corpus_texts() for s in sentences_of(text)]


def test_the_narrowed_scan_finds_what_the_full_patterns_find_in_the_corpus() -> None:
    sentences = corpus_sentences()
    assert len(sentences) > 1500
    found = 0
    for sentence in sentences:
        expected = full_scan(sentence)
        assert narrowed_scan(sentence) == expected, sentence
        found += bool(expected)
    assert found > 300  # the check is about sentences that do hold cues


@settings(max_examples=600, deadline=None)
@given(
    word_soup(
        CUE_WORDS,
        [
            "the",
            "a",
            "his",
            "her",
            "is",
            "was",
            "of",
            "in",
            "not",
            "no",
            ",",
            "-",
            "'s",
            "’s",
            "non-",
            "anti-",
        ],
        "abcdefghijklmnopqrstuvwxyzé'’ -_9İıſ",
    )
)
def test_the_narrowed_scan_finds_what_the_full_patterns_find_in_generated_text(words: list[str]) -> None:
    sentence = " ".join(words).replace(" '", "'").replace("- ", "-")
    assert narrowed_scan(sentence) == full_scan(sentence)


FIGURE_WORDS = sorted(set(re.findall(r"[a-z]{2,}", _FIGURATIVE)))


def reference_spans(sentence: str) -> list[tuple[int, int]]:
    """Figures of speech as each stem group's `finditer` finds them (what `spans` narrows)."""
    found = [
        m.span()
        for stem in _stems(sentence)
        if stem in _FIGURATIVE_T._by_stem
        for m in _FIGURATIVE_T._by_stem[stem].finditer(sentence)
    ]
    return sorted(found)


def test_figures_of_speech_are_found_where_their_patterns_find_them_in_the_corpus() -> None:
    for sentence in corpus_sentences():
        assert sorted(_FIGURATIVE_T.spans(sentence)) == reference_spans(sentence), sentence


@settings(max_examples=600, deadline=None)
@given(
    word_soup(
        FIGURE_WORDS,
        ["a", "an", "is", "was", "the", "of", "to", "'s", "’s", "-", ",", "un", "painkiller"],
        "abcdefghijklmnopqrstuvwxyz'’ -İıſ",
        cases=(str.upper, lambda w: w.replace("s", "ſ").replace("k", "\u212a").upper()),
    )
)
def test_figures_of_speech_are_found_where_their_patterns_find_them_in_generated_text(
    words: list[str],
) -> None:
    for glue in (" ", ""):
        sentence = glue.join(words)
        assert sorted(_FIGURATIVE_T.spans(sentence)) == reference_spans(sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The kids swear constantly and the cast swears too.",
        "Critics swear by it; the soldiers swear revenge.",
        "SOLDIERS SWEAR at each other, the ſoldiers ſwear",
        "They swear, then the mothers swear again.",
        "Nobody here swears.",
    ],
)
def test_the_scan_finds_cues_without_a_first_word(sentence: str) -> None:
    assert narrowed_scan(sentence) == full_scan(sentence)
