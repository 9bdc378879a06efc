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
