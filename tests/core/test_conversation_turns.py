"""Messages that are not questions about a film: greetings, thanks, asking for a recommendation."""

from __future__ import annotations

import pytest

from bot.conversation import AnswerTurn, AskTurn, Conversation, HelpTurn, NotFoundTurn
from bot.service import Service

NOT_QUESTIONS = [
    ("hi", "Hi!"),
    ("hello there!", "Hi!"),
    ("thanks!", "You're welcome!"),
    ("thank you so much", "You're welcome!"),
    ("recommend me a horror movie", "I don't pick films"),
    ("can you suggest something funny?", "I don't pick films"),
    ("what should i watch tonight?", "I don't pick films"),
    ("any recommendations?", "I don't pick films"),
    ("help", ""),
    ("?", ""),
]


@pytest.mark.parametrize(("text", "opening"), NOT_QUESTIONS)
async def test_a_message_that_asks_about_no_film_gets_help(
    catalog_service: Service, text: str, opening: str
) -> None:
    turn = await Conversation(catalog_service).handle("dm", text)
    assert isinstance(turn, HelpTurn)
    assert turn.opening.startswith(opening) and bool(turn.opening) == bool(opening)


async def test_a_thanks_while_a_question_is_open_is_not_mistaken_for_help(catalog_service: Service) -> None:
    conversation = Conversation(catalog_service)
    assert isinstance(await conversation.handle("dm", "ballerina"), AskTurn)
    turn = await conversation.handle("dm", "thanks")
    assert isinstance(turn, NotFoundTurn | AskTurn)  # read as a new question, not a greeting


# Titles whose last words read like chatter: the whole title, spelled out, is what was asked.
CHATTER_SHAPED_TITLES = [
    ("wicked for good", "wicked-for-good-2025"),  # not "wicked", asked about as "good"
    ("Wicked: For Good?", "wicked-for-good-2025"),
    ("is barbie good?", "barbie-2023"),  # and real chatter still goes
]


@pytest.mark.parametrize(("text", "film_id"), CHATTER_SHAPED_TITLES)
async def test_a_title_that_ends_like_chatter_is_asked_for_whole(
    catalog_service: Service, text: str, film_id: str
) -> None:
    turn = await Conversation(catalog_service).handle("dm", text)
    assert isinstance(turn, AnswerTurn), turn
    assert turn.answer.film.id == film_id
