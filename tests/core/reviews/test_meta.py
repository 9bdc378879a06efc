"""Who wrote a review and where: the masthead lines critics and outlets actually use."""

from __future__ import annotations

import pytest

from bot.core.reviews.clean import clean_paragraphs, split_sections
from bot.core.reviews.gist import make_gist
from bot.core.reviews.meta import byline
from bot.core.reviews.model import Document

BYLINES = [
    # (masthead lines, author, outlet)
    (["By Jo Whitlock — The Couch Critics"], "Jo Whitlock", "The Couch Critics"),
    (
        ["Review by Tobias Greenleaf for Sprocket & Crayon (sprocketcrayon.test)"],
        "Tobias Greenleaf",
        "Sprocket & Crayon",
    ),
    (
        [
            "Talk to Me",
            "Danny and Michael Philippou, 2022 · reviewed by Priya Halloran for Second Reel (secondreel.test)",
        ],
        "Priya Halloran",
        "Second Reel",
    ),
    (
        ["Stanley Kubrick, 1987 · reviewed by Teodor Crane, Long Take Quarterly (longtake.test)"],
        "Teodor Crane",
        "Long Take Quarterly",
    ),
    (
        [
            "Old Yeller",
            "Robert Stevenson · Dorothy McGuire, Fess Parker",
            "Rewind Family Cinema — by Prudence Oyelaran (rewindfamily.test)",
        ],
        "Prudence Oyelaran",
        "Rewind Family Cinema",
    ),
    (
        ["Coldfront Cinema Club newsletter · coldfront.test · by Halvard Ness"],
        "Halvard Ness",
        "Coldfront Cinema Club newsletter",
    ),
    (
        ["Danny Boyle, 2010 · Review: Jens Akerley for Trailhead Cinema (trailheadcinema.test)"],
        "Jens Akerley",
        "Trailhead Cinema",
    ),
    (
        ["Reviewed for Tall Tales Film Club by Hannah Quarrie — talltales.test"],
        "Hannah Quarrie",
        "Tall Tales Film Club",
    ),
    (
        ["Watchful Parent Magazine · watchfulparent.test", "Directed by James Wan · Rated R"],
        None,
        "Watchful Parent Magazine",
    ),
    (
        ["From the Tiny Viewers family film database · tinyviewers.test"],
        None,
        "Tiny Viewers family film database",
    ),
]


@pytest.mark.parametrize(("lines", "author", "outlet"), BYLINES)
def test_mastheads_name_the_critic_and_the_outlet(lines: list[str], author: str | None, outlet: str) -> None:
    paragraphs = [*lines, "The film itself is a quiet triumph, and the cast is superb."]
    found_author, found_outlet, _ = byline(paragraphs, Document(text="\n".join(paragraphs), origin="x.txt"))
    assert (found_author, found_outlet) == (author, outlet)


def test_a_masthead_is_not_the_gist() -> None:
    text = (
        "The Wild Robot\n"
        "DreamWorks Animation · written and directed by Chris Sanders\n"
        "Review by Tobias Greenleaf for Sprocket & Crayon (sprocketcrayon.test)\n"
        "A helper robot washes up on a wild island and raises an orphaned gosling, and The Wild Robot is the "
        "most moving animated film of the year. It is funny about nature without lying about it.\n"
    )
    gist = make_gist(split_sections(clean_paragraphs(text)), title="The Wild Robot")
    assert gist is not None and gist.startswith("A helper robot washes up")
    assert "·" not in gist and "sprocketcrayon" not in gist
