"""Film linking against the whole shipped catalog: a bigger catalog must not steal a review.

Each case failed once the catalog grew (data/catalog/recent.jsonl): "It" (2017) pulled a
Trainspotting parents' guide through the word "it"; Across the Spider-Verse tied with Into the
Spider-Verse through "Spider-Man" though the text names "Into the Spider-Verse".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import analyse_file
from bot.store import CatalogReader

CORPUS = Path(__file__).resolve().parents[2] / "data" / "reviews"

LINKS = [
    ("parents_trainspotting1996.txt", "trainspotting-1996"),
    ("tone_spiderverse2018.txt", "spider-man-into-the-spider-verse-2018"),
    ("bottomline_crash2005.txt", "crash-2005"),
    ("html_hamlet2000.html", "hamlet-2000"),
]


@pytest.mark.parametrize(("name", "film_id"), LINKS)
def test_the_review_links_to_its_film(catalog_db: Path, name: str, film_id: str) -> None:
    catalog = CatalogReader(catalog_db)
    try:
        result = analyse_file(CORPUS / name, catalog)
    finally:
        catalog.close()
    assert result.error is None and not result.refused, result
    assert [link.film_id for _, link in result.reviews] == [film_id]


def test_a_review_of_it_still_links_to_it(catalog_db: Path, tmp_path: Path) -> None:
    # Written for this test: "It" named as a title (headline with its year), not only at sentence starts.
    review = tmp_path / "it.txt"
    review.write_text(
        "It (2017)\n\nAndy Muschietti's take on the Stephen King novel follows seven kids in Derry who are "
        "hunted by a clown in the storm drains. It is scary and often funny, and Bill Skarsgård is a "
        "memorable Pennywise.\n",
        encoding="utf-8",
    )
    catalog = CatalogReader(catalog_db)
    try:
        result = analyse_file(review, catalog)
    finally:
        catalog.close()
    assert [link.film_id for _, link in result.reviews] == ["it-2017"], result


# Written for these tests. The films a review compares its film with are named in a sentence
# that compares; a word that is only part of another film's title ("the Trinity test") is not one.
COMPARED = [
    (
        "Oppenheimer (2023)\n\nChristopher Nolan's biopic is structured like a thriller. The Trinity test "
        "sequence is the best thing in it, and the hearings that follow are gripping.\n",
        [],
    ),
    (
        "Kate (2021)\n\nMary Elizabeth Winstead plays a poisoned assassin with a day to live. Fans of "
        "John Wick will feel at home in its neon Tokyo.\n",
        ["John Wick (2014)"],
    ),
    (
        "Oppenheimer (2023)\n\nCillian Murphy leads the cast. It is less a biopic than a thriller, and "
        "unlike Trinity it keeps its explosions off screen until the last hour.\n",
        [],
    ),
    (
        "Kate (2021)\n\nThe plot is thin. For long stretches there is nothing on screen but water and "
        "neon, and the fights land like a hammer.\n",
        [],
    ),
]


@pytest.mark.parametrize(("text", "compared"), COMPARED)
def test_films_compared_with_are_named_in_a_comparing_sentence(
    catalog_db: Path, tmp_path: Path, text: str, compared: list[str]
) -> None:
    review = tmp_path / "review.txt"
    review.write_text(text, encoding="utf-8")
    catalog = CatalogReader(catalog_db)
    try:
        result = analyse_file(review, catalog)
    finally:
        catalog.close()
    assert result.error is None and len(result.reviews) == 1, result
    assert list(result.reviews[0][0].compared) == compared
