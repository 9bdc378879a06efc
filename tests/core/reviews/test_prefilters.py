"""Shortcuts around patterns must never change what is found.

A quick look before a costly pattern (the words every match holds) must never skip a match:
checked for every character the regex engine folds to an ASCII letter, over every sentence of the
labelled corpus, over text each pattern matches (generated from the pattern), and over text built
from the patterns' own words (in any case, with the letters that fold to ASCII ones: "İ", "ı",
"ſ", the Kelvin sign). Code that replaces a pattern (a title found in the case-folded text,
paragraphs split without patterns) must find what the pattern found.
"""

from __future__ import annotations

import re
import string
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.reviews import gist, linking, meta, verdict, warnings
from bot.core.reviews.clean import Gated, caseless, mentions, names_phrase, split_paragraphs
from tests.core.reviews.corpus import corpus_texts, sentences_of, word_soup

# (pattern must match only where the quick look says it may, the quick look)
CHECKS: list[tuple[str, list[re.Pattern[str]], object]] = [
    ("platforms", [linking._PLATFORM_CLAIM], lambda s: mentions(s, linking._PLATFORM_NAMES)),
    (
        "version cues",
        [linking._VERSION_CUES, linking._NAMED_VERSION],
        lambda s: bool(linking._DIGIT.search(s)) or mentions(s, linking._VERSION_WORDS),
    ),
    (
        "ratings",
        [
            verdict._FRACTION,
            verdict._STAR_GLYPHS,
            verdict._STAR_WORDS,
            verdict._PAREN_STARS,
            verdict._GRADE,
            verdict._THUMBS,
        ],
        lambda s: bool(verdict._RATING_SIGNS.search(s)) or mentions(s, verdict._RATING_WORDS),
    ),
    ("body calls", [p for p, _ in verdict._BODY_CALLS], verdict._may_call),
    ("outlets", [p for p, _ in meta.KNOWN_OUTLETS], lambda s: mentions(s, meta._OUTLET_WORDS)),
]
# Every gated pattern of the pipeline's modules.
CHECKS += [
    (f"{module.__name__}.{name}", [gated.pattern], lambda s, words=gated.words: mentions(s, words))
    for module in (gist, linking, meta, verdict, warnings)
    for name, gated in vars(module).items()
    if isinstance(gated, Gated)
]
WORDS = sorted(
    {w for _, patterns, _ in CHECKS for p in patterns for w in re.findall(r"[a-z]{2,}", p.pattern.lower())}
)


def _holds(sentence: str) -> None:
    for name, patterns, quick_look in CHECKS:
        if any(p.search(sentence) for p in patterns):
            assert quick_look(sentence), (name, sentence)  # type: ignore[operator]


def test_caseless_spells_every_letter_the_engine_reads_as_an_ascii_one() -> None:
    ascii_letter = re.compile("[a-z]", re.I)
    folded = [chr(code) for code in range(sys.maxunicode + 1) if ascii_letter.fullmatch(chr(code))]
    assert len(folded) == 26 * 2 + 4  # the letters both ways, "İ", "ı", "ſ", the Kelvin sign
    for char in folded:
        letter = caseless(char)
        assert letter in string.ascii_lowercase and re.fullmatch(letter, char, re.I), hex(ord(char))


def test_quick_looks_pass_every_sentence_with_a_match_in_the_corpus() -> None:
    sentences = []
    for text in corpus_texts():
        sentences += [text, *sentences_of(text)]
    assert len(sentences) > 1500
    for sentence in sentences:
        _holds(sentence)


def _odd_case(word: str) -> str:
    return word.upper().replace("I", "İ").replace("S", "ſ").replace("K", "\u212a")


@settings(max_examples=300, deadline=None)
@given(
    word_soup(
        WORDS,
        ["it", "the", "a", "of", "not", "is", "4", "10", "5/10", "★★", "*", ":", "—", "–", "?"],
        "abcdefghijklmnopqrstuvwxyz'’ -:/.9İıſ\u212a★",
        cases=(str.upper, str.capitalize, _odd_case),
        max_size=20,
    )
)
def test_quick_looks_pass_every_generated_sentence_with_a_match(words: list[str]) -> None:
    _holds(" ".join(words))


@pytest.mark.parametrize(
    ("name", "pattern", "quick_look"),
    [(name, p, look) for name, patterns, look in CHECKS for p in patterns],
    ids=lambda v: v if isinstance(v, str) else "",
)
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_quick_looks_pass_text_each_pattern_matches(name, pattern, quick_look, data) -> None:
    text = data.draw(st.from_regex(pattern))
    if pattern.search(text):
        assert quick_look(text), (name, pattern.pattern[:60], text)


def test_caseless_keeps_every_character_in_place() -> None:
    for code in range(sys.maxunicode + 1):
        assert len(caseless(chr(code))) == 1, hex(code)


NAMES = ["Saw", "Up", "Heat", "Jaws", "It", "Us", "Vertigo", "Alien", "Kong", "St. Elmo"]
LEADS = [
    "than",
    "like",
    "unlike",
    "as in",
    "à la",
    "remake of",
    "compared to",
    "vs",
    "vs.",
    "in the vein of",
    "fans of",
]
QUOTES = ["“", "”", '"', "'", "‘", "’", "*", "_"]
AROUND = ["", " ", "  ", "s", "x", ".", ",", " (2004)", "(1999)", " (19)", " is", "the ", "THE ", *QUOTES]

named = st.builds(
    lambda before, lead, sep, the, quote, name, case, after, rest: (
        f"{before}{lead}{sep if lead else ''}{the}{quote}{case(name)}{after}{rest}"
    ),
    st.sampled_from(["", "Better ", "and ", "x", "(", *QUOTES]),
    st.sampled_from(["", *LEADS, *(lead.upper() for lead in LEADS)]),
    st.sampled_from([" ", "  ", "\t", ""]),
    st.sampled_from(["", "the ", "The  ", "thé "]),
    st.sampled_from(["", *QUOTES]),
    st.sampled_from(NAMES),
    st.sampled_from([str, str.upper, str.lower, _odd_case]),
    st.sampled_from(AROUND),
    st.sampled_from(["", " it is.", " (2004) too", "s and Saw", " than Up"]),
)


@settings(max_examples=800, deadline=None)
@given(
    names=st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True),
    parts=st.lists(named, max_size=3),
)
def test_titles_named_like_a_film_are_found_as_one_pattern_finds_them(
    names: list[str], parts: list[str]
) -> None:
    sentence = " ".join(parts)
    pattern = linking._film_name_pattern(sorted(names, key=len, reverse=True))
    assert linking._named_like_a_film(sentence, names) == bool(pattern.search(sentence)), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Saw (2004) is the one",
        "xSaw (2004)",
        "Saw(2004)",
        "Saw (20045)",
        "than Saw",
        "than Saws",
        "than  the   “Saw",
        "thanSaw",
        "like SAW",
        "LIKE ſaw",
        "unlike the 'Saw'",
        "'Saw'",
        "x'Saw'",
        "“Saw”",
        "“Saw”s",
        "‘Saw’",
        "Saw'",
        "'Saw",
        "St. Elmo (1999)",
        "than St. Elmo's",
        "sawsaw (2004)",
        "a saw, (2004)",
    ],
)
def test_titles_named_like_a_film_in_tricky_places(sentence: str) -> None:
    names = ["St. Elmo", "Saw"]
    assert linking._named_like_a_film(sentence, names) == bool(
        linking._film_name_pattern(names).search(sentence)
    ), sentence


PHRASES = ["Up", "It", "Saw", "Jaws 2", "(500) Days of Summer", "Se7en", "M3GAN", "Mr. Smith", "Us!"]
PIECES = "up|UP|Up|it|ſaw|SAW|jaws 2|(500) days of summer|se7en|m3gan|mr. smith|us!|x|Xup|upx|_|-|'|’s| |.|(|)|2|İt|ıt|(500)|us!x"


@settings(max_examples=500, deadline=None)
@given(
    phrase=st.sampled_from(PHRASES),
    parts=st.lists(st.sampled_from(PIECES.split("|")), max_size=10),
    glue=st.sampled_from([" ", ""]),
)
def test_names_phrase_finds_what_a_word_bounded_pattern_finds(
    phrase: str, parts: list[str], glue: str
) -> None:
    text = glue.join(parts)
    expected = bool(re.search(rf"\b{re.escape(phrase)}\b", text, re.I))
    assert names_phrase(text, phrase) == expected, text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u3000ab.", max_size=40))
def test_paragraphs_are_split_and_tidied_as_the_patterns_did(text: str) -> None:
    expected = [line for raw in re.split(r"\n+", text) if (line := re.sub(r"\s+", " ", raw).strip())]
    assert split_paragraphs(text) == expected
