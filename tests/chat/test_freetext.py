"""Free text end to end: DMs and @mentions, questions back answered by the next message."""

from __future__ import annotations

import logging

import pytest

from bot.chat.client import ShouldIWatchClient
from tests.chat.helpers import NO_PINGS, channel_reply, pick_in_dm, select_of
from tests.discord_fake import DEFAULT_GUILD_ID, FakeDiscord, payloads

pytestmark = pytest.mark.timeout(20)


def dm_of(fake: FakeDiscord, user: dict | None = None) -> int:
    return fake.dm_channel_id(int((user or fake.default_user)["id"]))


async def test_a_dm_question_then_a_typed_answer(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    dm = dm_of(fake)
    await fake.message("should I watch ballerina?")
    asked = await channel_reply(fake, dm)
    assert asked.payload["allowed_mentions"] == NO_PINGS
    (embed,) = asked.embeds
    assert embed["title"] == "Several films match “ballerina”. Which one?"
    assert embed["description"].splitlines()[1].startswith("2) Ballerina (2023) · Lee Chung-hyun")
    assert "reply with a number, a year, or a hint" in embed["description"]
    assert len(select_of(asked)["options"]) == 3

    await fake.message("2023")
    answered = await channel_reply(fake, dm, count=2)
    assert answered.embeds[0]["title"] == "Ballerina (2023)"
    assert answered.embeds[0]["description"].startswith("**WATCH**")
    assert answered.payload["allowed_mentions"] == NO_PINGS
    # the typed reply closed the menu
    (closed,) = await fake.wait_messages(lambda m: m.id == asked.id and m.kind == "channel_edit")
    assert select_of(closed)["disabled"] is True
    assert fake.violations == []


async def test_a_question_about_a_topic_is_answered_first(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    dm = dm_of(fake)
    await fake.message("any suicide in the korean ballerina?")
    reply = await channel_reply(fake, dm)
    (embed,) = reply.embeds
    assert embed["title"] == "Ballerina (2023)"
    first = embed["fields"][0]
    assert first["name"] == "You asked"
    assert first["value"].startswith("Suicide & self-harm: yes — moderate, flagged by 1 of 1 review")
    assert embed["fields"][1]["name"].startswith("Suicide & self-harm")  # the evidence right after

    await fake.message("does the dog die in ballerina 2025?")
    reply = await channel_reply(fake, dm, count=2)
    first = reply.embeds[0]["fields"][0]
    assert first["name"] == "You asked"
    assert first["value"] == "Animal harm: not mentioned in the 1 review I hold — which is not a promise."

    # Asked of a title three films share: the answer picked from the menu still opens with it.
    await fake.message("is ballerina violent?")
    asked = await channel_reply(fake, dm, count=3)
    picked = await pick_in_dm(fake, asked, "Ballerina (2023)")
    assert picked["fields"][0]["name"] == "You asked"
    assert picked["fields"][0]["value"].startswith("Violence: yes — severe")
    assert fake.violations == []


async def test_a_hint_answers_the_question_and_the_menu_still_works(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    dm = dm_of(fake)
    await fake.message("ballerina")
    asked = await channel_reply(fake, dm)
    await fake.message("the korean one")
    answered = await channel_reply(fake, dm, count=2)
    assert answered.embeds[0]["title"] == "Ballerina (2023)"

    await fake.message("ballerina")  # ask again, and pick with the menu this time
    asked = await channel_reply(fake, dm, count=3)
    picked = await pick_in_dm(fake, asked, "Ballerina (2016)")
    assert picked["title"] == "Ballerina (2016)" and picked["description"].startswith("**NO REVIEW YET**")
    assert bot.conversation.pending((int(fake.default_user["id"]), dm)) is None  # the question is closed
    assert fake.violations == []


async def test_an_unrelated_follow_up_starts_over(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    dm = dm_of(fake)
    await fake.message("ballerina")
    await channel_reply(fake, dm)
    await fake.message("the matrix 1999")
    answered = await channel_reply(fake, dm, count=2)
    assert answered.embeds[0]["title"] == "The Matrix (1999)"
    await fake.message("2")  # no open question any more: "2" is a fresh (odd) question
    third = await channel_reply(fake, dm, count=3)
    assert not third.embeds or "Ballerina (2023)" not in third.embeds[0].get("title", "")
    assert fake.violations == []


async def test_a_mention_in_a_channel_is_answered_there(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    channel = fake.default_channel(DEFAULT_GUILD_ID)
    msg = await fake.message("is dune worth it", guild_id=DEFAULT_GUILD_ID, mentions_bot=True)
    reply = await channel_reply(fake, channel)
    assert reply.guild_id == DEFAULT_GUILD_ID
    assert reply.payload["allowed_mentions"] == NO_PINGS
    assert reply.payload["message_reference"]["message_id"] == int(msg["id"])
    (embed,) = reply.embeds
    assert "dune" in embed["title"].lower() or embed["title"].startswith("Dune")
    if reply.components:  # a question back: the menu, and how to answer by typing
        assert {o["label"] for o in select_of(reply)["options"]} >= {"Dune (2021)", "Dune (1984)"}
        assert "@mention me" in embed["description"]
        await fake.message("2021", guild_id=DEFAULT_GUILD_ID, mentions_bot=True)
        answered = await channel_reply(fake, channel, count=2)
        assert answered.embeds[0]["title"] == "Dune (2021)"
    assert fake.violations == []


async def test_messages_not_for_the_bot_are_ignored(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    channel = fake.default_channel(DEFAULT_GUILD_ID)
    await fake.message("ballerina 2023", guild_id=DEFAULT_GUILD_ID)  # no mention: not for us
    other_bot = payloads.user(fake.snowflake(), "otherbot", bot=True)
    await fake.message("ballerina 2023", author=other_bot)  # bots are never answered
    await fake.message("help")  # a DM: answered, and everything before it was handled first
    helped = await channel_reply(fake, dm_of(fake))
    assert helped.embeds[0]["title"] == "Should I watch it?"
    sent = [m for m in fake.messages if m.kind == "channel"]
    assert [m.channel_id for m in sent] == [dm_of(fake)]
    assert all(m.channel_id != channel for m in fake.messages)
    assert fake.violations == []


async def test_a_closed_dm_is_logged_and_survived(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient, caplog: pytest.LogCaptureFixture
) -> None:
    fake = fake_discord
    dm = dm_of(fake)
    fake.fail_next("POST", rf"^/channels/{dm}/messages$")
    with caplog.at_level(logging.INFO, logger="bot.chat"):
        await fake.message("ballerina 2023")
        (refused,) = await fake.wait_requests(
            lambda r: r.method == "POST" and r.path == f"/channels/{dm}/messages"
        )
        assert refused.status == 403
        await fake.message("ballerina 2025")
        answered = await channel_reply(fake, dm)
    assert answered.embeds[0]["title"] == "Ballerina (2025)"
    assert any("can't send in channel" in r.getMessage() for r in caplog.records)
    assert not any("ballerina" in r.getMessage().lower() for r in caplog.records if r.levelno >= logging.INFO)
    assert fake.violations == []


async def test_a_dm_follow_up_about_it_answers_for_the_film_just_shown(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    dm = dm_of(fake)
    await fake.message("should I watch ballerina 2023?")
    first = await channel_reply(fake, dm)
    assert first.embeds[0]["title"] == "Ballerina (2023)"
    await fake.message("any suicide in it?")
    follow = await channel_reply(fake, dm, count=2)
    (embed,) = follow.embeds
    assert embed["title"] == "Ballerina (2023)"
    assert embed["fields"][0]["name"] == "You asked"
    assert embed["fields"][0]["value"].startswith("Suicide & self-harm: yes")
    assert follow.payload["allowed_mentions"] == NO_PINGS
    assert fake.violations == []
