"""Verdicts: every common rating form, mapped by the stated rules (see bot/core/reviews/verdict.py)."""

from __future__ import annotations

import pytest

from bot.core.reviews.clean import clean_paragraphs, split_sections
from bot.core.reviews.model import Verdict
from bot.core.reviews.verdict import find_ratings, find_verdict, from_score, verdict_words

W, S, M = Verdict.WATCH, Verdict.SKIP, Verdict.MIXED

RATINGS = [
    # custom units, in words or digits
    ("One skull out of five.", 0.2),
    ("Five skulls out of five", 1.0),
    ("Three and a half pumpkins out of five", 0.7),
    ("3 popcorn buckets out of 4", 0.75),
    ("★★★★★", 1.0),
    ("★★★½", 0.7),
    ("★★★☆", 0.75),
    ("★★½ out of 4", 0.625),
    ("★★☆☆☆", 0.4),
    ("★", 0.2),
    ("three and a half stars", 0.7),
    ("two stars out of four", 0.5),
    ("4 out of 5 stars", 0.8),
    ("(***)", 0.75),
    ("(**½)", 0.625),
    ("6/10", 0.6),
    ("8.5/10", 0.85),
    ("3/5", 0.6),
    ("7 out of 10", 0.7),
    ("72/100", 0.72),
    ("Grade: C+", 0.66),
    ("Grade: A-", 0.92),
    ("I give it a B-", 0.72),
    ("Grade: F", 0.2),
    ("two thumbs up", 0.85),
    ("thumbs down", 0.2),
    ("3.5 stars", 0.7),
]


@pytest.mark.parametrize(("text", "score"), RATINGS)
def test_rating_forms(text: str, score: float) -> None:
    found = find_ratings(text)
    assert found, text
    assert found[0].score == pytest.approx(score, abs=0.005)


@pytest.mark.parametrize(
    ("score", "verdict"),
    [
        (1.0, W),
        (0.7, W),
        (0.69, M),
        (0.6, M),
        (0.5, M),
        (0.49, S),
        (0.2, S),
        (0.75, W),
        (0.625, M),
        (0.375, S),
    ],
)
def test_scale_thresholds(score: float, verdict: Verdict) -> None:
    assert from_score(score) is verdict


WORDS = [
    ("STREAM IT.", W),
    ("SKIP IT. Even fans should wait.", S),
    ("Worth It", W),
    ("Not worth it", S),
    ("See it", W),
    ("Skip it unless you are a completist", S),
    ("Wait for streaming", M),
    ("Mixed. Worth a rental.", M),
    ("I cannot recommend it", S),
    ("Highly recommended", W),
    ("Don't bother", S),
    ("Must-see", W),
    ("Pass.", S),
]


@pytest.mark.parametrize(("text", "verdict"), WORDS)
def test_verdict_words(text: str, verdict: Verdict) -> None:
    found = verdict_words(text)
    assert found is not None and found[0] is verdict


def _verdict(text: str):
    return find_verdict(split_sections(clean_paragraphs(text)))


REVIEWS = [
    # (review text, verdict, basis)
    ("A lush remake with a weak third act.\nOur Call: SKIP IT. The ending undoes everything.", S, "explicit"),
    ("Plenty to admire here.\nVerdict: see it on the biggest screen you can.", W, "explicit"),
    ("Loud and long.\nRating: ★★☆☆☆", S, "rating"),
    ("Grade: B+\nA confident thriller with a great cast.", W, "rating"),
    ("Two hours of noise.\nFinal score: 4/10", S, "rating"),
    (
        "It is never dull, often beautiful, and the lead is superb. I can't recommend it enough? No: I simply "
        "recommend it.",
        W,
        "explicit",
    ),
    ("The film is not worth your time, despite one good scene. The rest drags.", S, "explicit"),
    # Idioms that read as their opposite.
    ("A tender, funny film about two brothers. I can't recommend it enough.", W, "explicit"),
    ("The cast deserved better. I cannot recommend this one highly enough, flaws and all.", W, "explicit"),
    ("Loud, long and hollow. It isn't worth a rental.", S, "explicit"),
    ("Some nice photography, but this was not even worth the stream.", S, "explicit"),
    ("I can't recommend it, however much I wanted to.", S, "explicit"),
    (
        "A masterpiece of tension, gripping from the first frame, with a brilliant, moving performance at its "
        "centre. Stunning photography and a terrific score.",
        W,
        "tone",
    ),
    (
        "Dull, tedious and bloated. The script is a mess, the jokes are unfunny and the ending is lazy. A "
        "forgettable, joyless slog.",
        S,
        "tone",
    ),
]


@pytest.mark.parametrize(("text", "verdict", "basis"), REVIEWS)
def test_verdict_from_reviews(text: str, verdict: Verdict, basis: str) -> None:
    found = _verdict(text)
    assert found.verdict is verdict, found
    assert found.basis == basis
    if basis == "tone":
        assert found.confidence <= 0.45


KEPT_WORDS = [
    # (review text, the source's own words shown with the verdict)
    ("A fine thriller.\n\nGrade: A+\n\nThe cast is superb.", "Grade: A+"),
    ("Loud and long.\nRating: ★★☆☆☆", "Rating: ★★☆☆☆"),
    (
        "Plenty to admire here.\nVerdict: see it on the biggest screen you can.",
        "Verdict: see it on the biggest screen you can",
    ),
    ("Two hours of noise.\nFinal score: 4/10", "Final score: 4/10"),
]


@pytest.mark.parametrize(("text", "said"), KEPT_WORDS)
def test_verdict_keeps_the_sources_words_once(text: str, said: str) -> None:
    assert _verdict(text).text == said


def test_column_name_is_not_a_verdict() -> None:
    found = _verdict("Stream It Or Skip It: 'Some Film' on Netflix\nThe film is long.\nOur Call: SKIP IT.")
    assert found.verdict is S and found.text == "Our Call: SKIP IT"


def test_a_count_of_people_is_not_a_rating() -> None:
    assert find_ratings("Two friends out of five survive the night.") == []
    assert find_ratings("Nine people out of ten would leave at the interval.") == []


def test_rating_of_another_film_is_ignored() -> None:
    sections = split_sections(
        clean_paragraphs("Jaws was ★★★★★ in its day.\nThis sequel is a tired retread. ★★")
    )
    found = find_verdict(sections, is_other_film=lambda s: s.startswith("Jaws"))
    assert found.verdict is S and found.score == pytest.approx(0.4)


# No verdict line: the tone decides, and a reviewer who calls a film "uneven", "hit and miss" or says
# it "has its moments" is saying mixed, whichever way the adjectives lean.
TONE = [
    (
        "The performances are superb across the board. The script is sharp, funny and unexpectedly moving. The last twenty minutes are as tense as anything this year. It is one of the best films of the year.",
        W,
    ),
    (
        "A small film with a big heart. The two leads have a lovely, easy chemistry, and the director lets scenes breathe. A few jokes land flat, but it's warm, smart and beautifully shot.",
        W,
    ),
    (
        "I went in sceptical and came out grinning. The action is clean and inventive, the villain is memorable, and the pacing never sags. Great fun.",
        W,
    ),
    (
        "It is not perfect: the middle drags a little. But the performances are extraordinary and the final act is devastatingly good. A remarkable achievement.",
        W,
    ),
    (
        "There is a lot to admire here, from the gorgeous cinematography to a committed lead performance. But the story is thin, the second half meanders, and the ending falls flat. Uneven, though never dull.",
        M,
    ),
    (
        "The first hour is gripping. The second is a mess. Fans of the genre will find enough to enjoy; everyone else may check their watches.",
        M,
    ),
    (
        "Some of it works and some of it doesn't. The jokes are hit and miss, the cast is game, and the plot is forgettable. A pleasant enough time that you'll forget by morning.",
        M,
    ),
    (
        "Beautiful to look at and frustrating to watch. The ideas are interesting but underdeveloped, and the characters never come alive. Still, the score is stunning.",
        M,
    ),
    (
        "A tedious, overlong slog. The dialogue is clunky, the plot makes no sense, and the actors look bored. Even the effects look cheap.",
        S,
    ),
    (
        "It wants to be clever but is merely confusing. The jokes fall flat, the pacing is sluggish, and by the end I had stopped caring about anyone on screen. A waste of a talented cast.",
        S,
    ),
    ("Lazy, cynical and dull. There is nothing here you haven't seen done better elsewhere.", S),
    (
        "The premise is promising, but the execution is a disaster: wooden acting, a muddled script and an ending that insults the audience.",
        S,
    ),
]


@pytest.mark.parametrize(("text", "verdict"), TONE)
def test_verdict_from_tone(text: str, verdict: Verdict) -> None:
    found = _verdict(text)
    assert (found.verdict, found.basis) == (verdict, "tone"), found
