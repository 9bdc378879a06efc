"""/shouldiwatch end to end: the real client against the fake Discord on a seeded database."""

from __future__ import annotations

import pytest

from bot.chat.client import ShouldIWatchClient
from tests.chat.helpers import EPHEMERAL, NO_PINGS, last_message, option_value, select_of
from tests.discord_fake import DEFAULT_GUILD_ID, PRIVILEGED_INTENTS, FakeDiscord

pytestmark = pytest.mark.timeout(20)

SEED_TOPICS = ("Suicide & self-harm", "Sexual violence", "Drugs & alcohol", "Torture", "Violence")


async def test_login_and_sync_to_the_dev_guild_only(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    assert fake.intents is not None and fake.intents & PRIVILEGED_INTENTS == 0
    assert "global" not in fake.synced_commands
    synced = {c["name"]: c for c in fake.synced_commands[DEFAULT_GUILD_ID]}
    assert set(synced) == {"shouldiwatch", "warnings", "help"}
    ask = synced["shouldiwatch"]
    assert [(o["name"], o["type"], o.get("required", False)) for o in ask["options"]] == [
        ("title", 3, True),
        ("private", 5, False),
    ]
    assert ask["options"][0]["autocomplete"] is True
    assert {o["name"] for o in synced["warnings"]["options"]} == {"add", "remove", "list", "clear"}
    for command in synced.values():
        assert command["contexts"] == [0, 1]  # servers and DMs with the bot
    assert fake.violations == []


async def test_film_id_goes_straight_to_the_answer(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    iid = await fake.slash("shouldiwatch", {"title": "ballerina-2023"})
    resp = await fake.wait_response(iid)
    assert resp.type == 4 and resp.status == 200
    assert resp.data["allowed_mentions"] == NO_PINGS
    assert not (resp.data.get("flags") or 0) & EPHEMERAL
    (embed,) = resp.data["embeds"]
    assert embed["title"] == "Ballerina (2023)"
    assert embed["description"].startswith("**WATCH** — one review: Our Call: STREAM IT")
    assert embed["color"] == 0x2ECC71
    assert embed["footer"]["text"] == "film id: ballerina-2023"
    fields = {f["name"].split(" — ")[0]: f["value"] for f in embed["fields"]}
    for topic in SEED_TOPICS:
        assert fields[topic].startswith("||“") and fields[topic].endswith("||"), topic
    assert fields["Director"] == "Lee Chung-hyun"
    assert "Decider" in fields["Source"]
    assert fake.violations == []


async def test_free_text_opens_a_picker_and_the_asker_picks(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    iid = await fake.slash("shouldiwatch", {"title": "ballerina"})
    asked = await last_message(fake, iid)
    (embed,) = asked.embeds
    assert embed["title"] == "Several films match “ballerina”. Which one?"
    assert [line[:19] for line in embed["description"].splitlines()[:3]] == [
        "1) Ballerina (2025)",
        "2) Ballerina (2023)",
        "3) Ballerina (2016)",
    ]
    menu = select_of(asked)
    assert [o["label"] for o in menu["options"]] == [
        "Ballerina (2025)",
        "Ballerina (2023)",
        "Ballerina (2016)",
    ]
    assert all(len(o["description"]) <= 100 for o in menu["options"])
    assert menu["options"][1]["description"].startswith("Lee Chung-hyun · Korean Netflix revenge thriller")
    assert menu["options"][2]["description"].endswith("· no review yet")

    pick = await fake.component(menu["custom_id"], [option_value(asked, "Ballerina (2023)")], message=asked)
    resp = await fake.wait_response(pick)
    assert resp.type == 7 and resp.status == 200
    answered = fake.message_store[asked.id]
    assert answered["embeds"][0]["title"] == "Ballerina (2023)"
    assert answered["embeds"][0]["description"].startswith("**WATCH**")
    assert all(c["type"] == 2 for row in answered["components"] for c in row["components"])  # no menu left
    assert fake.violations == []


async def test_the_picker_belongs_to_the_asker(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    iid = await fake.slash("shouldiwatch", {"title": "ballerina"})
    asked = await last_message(fake, iid)
    menu = select_of(asked)
    stranger = fake.new_user("stranger")
    other = await fake.component(menu["custom_id"], ["0"], message=asked, user=stranger)
    resp = await fake.wait_response(other)
    assert resp.type == 4 and resp.data["flags"] & EPHEMERAL
    assert resp.data["content"] == "This menu belongs to someone else — ask your own with /shouldiwatch"
    assert fake.message_store[asked.id]["embeds"][0]["title"].startswith("Several films")  # untouched

    mine = await fake.component(menu["custom_id"], [option_value(asked, "Ballerina (2025)")], message=asked)
    assert (await fake.wait_response(mine)).type == 7
    assert fake.message_store[asked.id]["embeds"][0]["title"] == "Ballerina (2025)"
    assert fake.violations == []


async def test_the_picker_disables_itself_on_timeout(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    bot.picker_timeout = 0.2
    iid = await fake.slash("shouldiwatch", {"title": "ballerina"})
    asked = await last_message(fake, iid)
    (edited,) = await fake.wait_messages(lambda m: m.id == asked.id and m.kind != "callback")
    assert select_of(edited)["disabled"] is True
    assert edited.embeds[0]["title"].startswith("Several films")
    assert fake.violations == []


async def test_autocomplete_offers_film_ids(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    iid = await fake.autocomplete("shouldiwatch", {"title": "balle"})
    resp = await fake.wait_response(iid)
    assert resp.type == 8 and resp.status == 200
    choices = resp.data["choices"]
    assert 3 <= len(choices) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    assert {"ballerina-2023", "ballerina-2025", "ballerina-2016"} <= {c["value"] for c in choices}
    for c in choices:  # every value is a film id the command can answer directly
        assert await bot.service.store.get_film(c["value"]) is not None
    assert next(c["name"] for c in choices if c["value"] == "ballerina-2023") == (
        "Ballerina (2023) · Lee Chung-hyun · reviewed"
    )

    iid = await fake.autocomplete("shouldiwatch", {"title": ""})
    choices = (await fake.wait_response(iid)).data["choices"]
    assert 2 <= len(choices) <= 25
    assert {c["value"] for c in choices[:2]} == {"ballerina-2023", "ballerina-2025"}  # reviewed first
    assert fake.violations == []


async def test_not_found_says_so_with_suggestions(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    iid = await fake.slash("shouldiwatch", {"title": "zzzzqqq"})
    (embed,) = (await fake.wait_response(iid)).data["embeds"]
    assert embed["title"] == "Not found"
    assert "I couldn't find a film called “zzzzqqq”" in embed["description"]

    iid = await fake.slash("shouldiwatch", {"title": "ballerinaaaa"})
    found = await last_message(fake, iid)
    assert "Did you mean:" in found.embeds[0]["description"]
    assert "• Ballerina (2023) · Lee Chung-hyun" in found.embeds[0]["description"]
    menu = select_of(found)  # the suggestions can be picked
    pick = await fake.component(menu["custom_id"], [option_value(found, "Ballerina (2023)")], message=found)
    assert (await fake.wait_response(pick)).type == 7
    assert fake.message_store[found.id]["embeds"][0]["title"] == "Ballerina (2023)"
    assert fake.violations == []


async def test_a_huge_title_gets_a_friendly_refusal(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    iid = await fake.slash("shouldiwatch", {"title": "ballerina " * 1000})
    resp = await fake.wait_response(iid)
    assert resp.type == 4 and resp.data["flags"] & EPHEMERAL
    assert resp.data["content"].startswith("That's 9,999 characters — too long for a film title")
    assert fake.violations == []


async def test_private_answers_are_ephemeral(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    iid = await fake.slash("shouldiwatch", {"title": "ballerina-2025", "private": True})
    resp = await fake.wait_response(iid)
    assert resp.type == 4 and resp.data["flags"] == EPHEMERAL
    assert resp.data["embeds"][0]["title"] == "Ballerina (2025)"
    assert "My topics" not in str(resp.data["components"])  # the answer is already the asker's own
    assert fake.violations == []


async def test_in_a_dm_the_command_works_too(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    iid = await fake.slash("shouldiwatch", {"title": "ballerina 2023"}, guild_id=None)
    msg = await last_message(fake, iid)
    assert msg.guild_id is None and msg.embeds[0]["title"] == "Ballerina (2023)"
    assert fake.violations == []


async def test_a_new_question_closes_the_previous_menu(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    first = await last_message(fake, await fake.slash("shouldiwatch", {"title": "ballerina"}))
    second = await last_message(fake, await fake.slash("shouldiwatch", {"title": "dune"}))
    (closed,) = await fake.wait_messages(lambda m: m.id == first.id and m.kind == "original_edit")
    assert select_of(closed)["disabled"] is True
    assert select_of(fake.message_store[second.id])["disabled"] is False
    assert fake.violations == []
