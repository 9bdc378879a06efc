"""Several reviews of one film make one answer: consensus, warnings union, gist, sources."""

from __future__ import annotations

import pytest

from bot.core.answers import WarningItem, build_answer, consensus
from bot.core.films.model import Film
from bot.core.reviews.model import ContentWarning, StoredReview, Verdict
from bot.render import answer_text

W, M, S = Verdict.WATCH, Verdict.MIXED, Verdict.SKIP
FILM = Film(id="ballerina-2025", title="Ballerina", year=2025)


def review(
    n: int,
    verdict: Verdict,
    *,
    said: str | None = None,
    basis: str = "explicit",
    confidence: float = 0.9,
    gist: str | None = None,
    warnings: tuple[ContentWarning, ...] = (),
    source: str | None = None,
) -> StoredReview:
    return StoredReview(
        id=n,
        film_id=FILM.id,
        source=source or f"Outlet {n}",
        author=None,
        url=None,
        published=None,
        headline=None,
        verdict=verdict,
        verdict_text=said,
        verdict_basis=basis,
        confidence=confidence,
        gist=gist,
        warnings=warnings,
        streaming=(),
        compared=(),
        link_confidence=1.0,
        link_evidence=(),
        origin=f"review-{n}.txt",
        ingested_at="2026-11-23",
    )


@pytest.mark.parametrize(
    ("verdicts", "want", "line"),
    [
        ([W], W, "one review: watch"),
        ([S], S, "one review: skip"),
        ([W, W, S], W, "2 of 3 reviews say watch"),
        ([W, W], W, "both reviews say watch"),
        ([M, M, W], M, "2 of 3 reviews are mixed"),
        ([S, S, W, M], S, "2 of 4 reviews say skip"),
        ([W, S], M, "reviews split (1 watch, 1 skip of 2)"),
        ([W, M], W, "1 of 2 reviews says watch, the other is mixed"),
        ([S, M, M, S], S, "2 of 4 reviews say skip, the others are mixed"),
        ([W, M, S], M, "reviews split (1 watch, 1 mixed, 1 skip of 3)"),
        ([M, M, M], M, "all 3 reviews are mixed"),
        ([], None, "No review yet"),
    ],
)
def test_consensus(verdicts: list[Verdict], want: Verdict | None, line: str) -> None:
    got, said, confidence = consensus([review(i, v) for i, v in enumerate(verdicts)])
    assert (got, said) == (want, line)
    assert 0.0 <= confidence <= 1.0


def test_agreement_lowers_confidence() -> None:
    _, _, all_agree = consensus([review(1, W), review(2, W)])
    _, _, split = consensus([review(1, W), review(2, W), review(3, S)])
    assert all_agree > split


def test_one_review_speaks_in_its_own_words() -> None:
    _, line, _ = consensus([review(1, W, said="Our Call: STREAM IT")])
    assert line == "one review: Our Call: STREAM IT"


def test_warnings_are_the_union_with_the_strongest_evidence() -> None:
    first = review(
        1,
        W,
        warnings=(
            ContentWarning("violence", "moderate", "mentioned", "Fights throughout."),
            ContentWarning("language", "mild", "mentioned", "Some swearing."),
        ),
    )
    second = review(
        2,
        W,
        warnings=(
            ContentWarning("violence", "severe", "shown", "Headshots at close range, again and again."),
            ContentWarning("animal_harm", "moderate", "shown", "A dog is shot."),
        ),
    )
    answer = build_answer(FILM, [first, second], avoided=["animal_harm"])
    by_topic = {w.topic: w for w in answer.warnings}
    assert set(by_topic) == {"violence", "language", "animal_harm"}
    violence = by_topic["violence"]
    assert (violence.severity, violence.presence) == ("severe", "shown")
    assert violence.evidence == "Headshots at close range, again and again."
    assert violence.sources == ("Outlet 1", "Outlet 2")
    assert "Fights throughout." in violence.also
    # The asker's avoided topic first and marked; then by severity.
    assert [w.topic for w in answer.warnings] == ["animal_harm", "violence", "language"]
    assert answer.warnings[0].avoided and not answer.warnings[1].avoided


def test_the_gist_of_an_explicit_verdict_beats_a_longer_one_read_from_tone() -> None:
    toned = review(1, W, basis="tone", confidence=0.3, gist="A long gist. " * 20)
    explicit = review(2, W, gist="A short, clear gist.")
    assert build_answer(FILM, [toned, explicit]).gist == "A short, clear gist."
    fuller = review(3, W, gist="A fuller gist that says what the film is and what the reviewer thought.")
    assert build_answer(FILM, [explicit, fuller]).gist == fuller.gist


def test_every_source_is_listed_with_what_it_concluded() -> None:
    reviews = [
        review(1, M, said="Verdict: Mixed", source="Action Ledger"),
        review(2, W, said="Final Words: Worth It", source="SOFREP"),
    ]
    answer = build_answer(FILM, reviews)
    assert [s.name for s in answer.sources] == ["Action Ledger", "SOFREP"]
    text = answer_text(answer)
    assert "1 of 2 reviews says watch, the other is mixed" in text
    assert "Source: Action Ledger — “Verdict: Mixed” (mixed)" in text
    assert "Source: SOFREP — “Final Words: Worth It” (watch)" in text
    # One review: its verdict is already the verdict line; the source line stays plain.
    single = answer_text(build_answer(FILM, reviews[1:]))
    assert "Source: SOFREP\n" in single + "\n"


ASKED = [
    ("does the dog die in john wick?", ("animal_harm",)),
    ("is there a dog death in john wick", ("animal_harm",)),
    ("is there sex in titanic?", ("sex",)),
    ("Does the cat die in Alien", ("animal_harm",)),
    ("is dune scary?", ("frightening",)),
    ("is there any gore in the substance", ("gore",)),
    ("any suicide in the korean ballerina", ("suicide_self_harm",)),
    ("is there a lot of swearing or sex in barbie?", ("sex", "language")),
    ("are there flashing lights in incredibles 2?", ("photosensitivity",)),
    ("is bambi too sad for a 5 year old", ("death_grief",)),
    ("will marley and me make me cry", ("death_grief",)),
    # a title, not a question about a topic
    ("there will be blood", ()),
    ("blood diamond", ()),
    ("the sex pistols story", ()),
    ("ballerina 2025", ()),
]


@pytest.mark.parametrize(("question", "topics"), ASKED)
def test_topics_a_question_asks_about(question: str, topics: tuple[str, ...]) -> None:
    from bot.core.taxonomy import asked_topics

    assert asked_topics(question) == topics


def test_asked_topics_come_first_and_say_whether_the_reviews_flag_them() -> None:
    reviews = [
        review(1, W, warnings=(ContentWarning("violence", "severe", "shown", "Headshots."),)),
        review(
            2,
            W,
            warnings=(
                ContentWarning("violence", "moderate", "shown", "Fights."),
                ContentWarning("language", "mild", "mentioned", "Some swearing."),
            ),
        ),
    ]
    answer = build_answer(FILM, reviews, asked=["language", "animal_harm", "not_a_topic"])
    assert answer.asked == ("language", "animal_harm")
    assert [w.topic for w in answer.warnings] == ["language", "violence"]
    assert answer.asked_lines() == [
        "Language: yes — mild, flagged by 1 of 2 reviews (evidence below).",
        "Animal harm: not mentioned in the 2 reviews I hold — which is not a promise.",
    ]
    unreviewed = build_answer(FILM, [], asked=["animal_harm"])
    assert unreviewed.asked_lines() == ["Animal harm: I hold no review of this film, so I can't say."]
    assert "You asked — Language: yes" in answer_text(answer)


# How evidence reads: a sentence is quoted; a parents'-guide line that is only a rating says so.
QUOTES = [
    ("Language: moderate.", "rated “moderate” in the review's content guide"),
    ("Sex & Nudity - Mild", "rated “mild” in the review's content guide"),
    (
        "Violence: severe and almost constant: shootings.",
        "“Violence: severe and almost constant: shootings.”",
    ),
    ("Language: moderate swearing throughout.", "“Language: moderate swearing throughout.”"),
    ("She punches him.\n", "“She punches him.”"),
]


@pytest.mark.parametrize(("evidence", "shown"), QUOTES)
def test_evidence_is_quoted_unless_it_is_only_a_rating(evidence: str, shown: str) -> None:
    item = WarningItem("language", "Language", "moderate", "unclear", evidence, False, ("x",))
    assert item.quote() == shown
