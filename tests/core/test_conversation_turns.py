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


# A question about "it" right after an answer is about that film.
ABOUT_THE_LAST_FILM = [
    ("is it sad?", "death_grief"),
    ("does the dog die?", "animal_harm"),
    ("any gore?", "gore"),
    ("how scary is it", "frightening"),
    ("is there sex in it", "sex"),
    ("and is this one violent?", "violence"),
]


@pytest.mark.parametrize(("text", "topic"), ABOUT_THE_LAST_FILM)
async def test_a_follow_up_about_it_is_about_the_film_just_answered(
    catalog_service: Service, text: str, topic: str
) -> None:
    conversation = Conversation(catalog_service)
    first = await conversation.handle("dm", "dune villeneuve")
    assert isinstance(first, AnswerTurn) and first.answer.film.id == "dune-2021"
    turn = await conversation.handle("dm", text)
    assert isinstance(turn, AnswerTurn), turn
    assert turn.answer.film.id == "dune-2021" and turn.answer.asked == (topic,)


async def test_it_is_the_film_it_when_nothing_was_answered_before(catalog_service: Service) -> None:
    turn = await Conversation(catalog_service).handle("dm", "is it scary?")
    assert isinstance(turn, AnswerTurn | AskTurn)
    film_ids = [turn.answer.film.id] if isinstance(turn, AnswerTurn) else [c.film_id for c in turn.candidates]
    assert all(f.startswith("it-") for f in film_ids), film_ids


async def test_the_follow_up_is_per_person_and_place_and_expires(catalog_service: Service) -> None:
    now = [0.0]
    conversation = Conversation(catalog_service, clock=lambda: now[0])
    await conversation.handle("dm-a", "dune villeneuve")
    other = await conversation.handle("dm-b", "is it sad?")  # someone else: no film answered there
    assert not (isinstance(other, AnswerTurn) and other.answer.film.id == "dune-2021")
    now[0] += 10_000  # long after
    late = await conversation.handle("dm-a", "is it sad?")
    assert not (isinstance(late, AnswerTurn) and late.answer.film.id == "dune-2021")
