"""/warnings, /help and the buttons under an answer (spoilers, my topics, a copy by DM)."""

from __future__ import annotations

import dataclasses

import pytest

from bot.chat.client import ShouldIWatchClient
from bot.chat.messaging import CANT_DM
from bot.core.answers import WarningItem
from tests.chat.helpers import EPHEMERAL, NO_PINGS, buttons_of, field_names, last_message
from tests.discord_fake import FakeDiscord

pytestmark = pytest.mark.timeout(20)


async def run(fake: FakeDiscord, name: str, options: dict | None = None, **kw) -> dict:
    iid = await fake.slash(name, options, **kw)
    resp = await fake.wait_response(iid)
    assert resp.status == 200, fake.violations
    return resp.data


async def test_avoided_topics_come_first_and_marked(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    added = await run(fake, "warnings", [_sub("add", topics="suicide, animal harm")])
    assert added["flags"] & EPHEMERAL
    assert added["content"].startswith("Added: Suicide & self-harm, Animal harm.")

    private = await run(fake, "shouldiwatch", {"title": "ballerina 2023", "private": True})
    names = field_names(private["embeds"][0])
    assert names[0] == "⚠ Your topics"
    assert private["embeds"][0]["fields"][0]["value"] == "Suicide & self-harm (moderate)"
    assert names[1].startswith("⚠ Suicide & self-harm — moderate")
    assert sum(n.startswith("⚠") for n in names) == 2

    # In public the marks stay private: a plain embed, and a note only the asker sees.
    iid = await fake.slash("shouldiwatch", {"title": "ballerina 2023"})
    public = (await fake.wait_response(iid)).data
    assert not any(n.startswith("⚠") for n in field_names(public["embeds"][0]))
    (note,) = await fake.wait_messages(lambda m: m.interaction_id == iid and m.kind == "followup")
    assert note.message["flags"] & EPHEMERAL and note.payload["allowed_mentions"] == NO_PINGS
    assert note.embeds[0]["fields"][0]["name"].startswith("⚠ Suicide & self-harm")
    assert fake.violations == []


def _sub(name: str, **options: str) -> dict:
    return {
        "name": name,
        "type": 1,
        "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()],
    }


async def test_warnings_list_remove_clear(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    empty = await run(fake, "warnings", [_sub("list")])
    assert empty["content"] is None and "You flag no topics yet" in empty["embeds"][0]["description"]
    assert "`animal_harm` Animal harm" in str(empty["embeds"][0]["fields"])

    await run(fake, "warnings", [_sub("add", topics="needles, spiders, gibberish")])
    again = await run(fake, "warnings", [_sub("add", topics="spiders")])
    assert again["content"].startswith("Already on your list: Phobias.")
    listed = await run(fake, "warnings", [_sub("list")])
    assert listed["content"] == "Topics you avoid (flagged first in your answers): Medical, Phobias."
    removed = await run(fake, "warnings", [_sub("remove", topics="spiders")])
    assert removed["content"].startswith("Removed: Phobias.")
    unknown = await run(fake, "warnings", [_sub("add", topics="qwerty")])
    assert unknown["embeds"][0]["description"].startswith("I don't know the topic “qwerty”.")
    cleared = await run(fake, "warnings", [_sub("clear")])
    assert cleared["content"] == "Cleared 1 topic."
    assert all(r.data["flags"] & EPHEMERAL for r in fake.callbacks if r.type == 4)
    assert fake.violations == []


async def test_topic_autocomplete(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    raw = [
        {
            "name": "add",
            "type": 1,
            "options": [{"name": "topics", "type": 3, "value": "suicide, anim", "focused": True}],
        }
    ]
    iid = await fake.autocomplete("warnings", raw)
    choices = (await fake.wait_response(iid)).data["choices"]
    assert choices[0] == {"name": "suicide, Animal harm", "value": "suicide, animal_harm"}
    assert fake.violations == []


async def test_help(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    data = await run(fake, "help")
    assert data["flags"] & EPHEMERAL
    (embed,) = data["embeds"]
    text = str(embed)
    assert "/shouldiwatch" in text and "DM" in text and "@mention" in text and "/warnings add" in text
    assert "`sexual_violence` Sexual violence" in text and "`sad_ending` Sad ending" in text
    assert fake.violations == []


async def test_my_topics_button_answers_each_clicker_privately(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient
) -> None:
    fake = fake_discord
    iid = await fake.slash("shouldiwatch", {"title": "ballerina-2023"})
    answer = await last_message(fake, iid)
    button = buttons_of(answer)["My topics"]
    reader = fake.new_user("reader")
    await run(fake, "warnings", [_sub("add", topics="torture")], user=reader)
    click = await fake.component(button["custom_id"], message=answer, user=reader)
    resp = await fake.wait_response(click)
    assert resp.type == 4 and resp.data["flags"] & EPHEMERAL
    assert resp.data["embeds"][0]["fields"][0]["name"] == "⚠ Torture — moderate"
    click = await fake.component(button["custom_id"], message=answer)  # the asker has no topics
    assert (
        "You don't flag any topics yet" in (await fake.wait_response(click)).data["embeds"][0]["description"]
    )
    assert fake.violations == []


async def test_send_to_my_dms_and_a_refused_dm(fake_discord: FakeDiscord, bot: ShouldIWatchClient) -> None:
    fake = fake_discord
    iid = await fake.slash("shouldiwatch", {"title": "ballerina-2025"})
    answer = await last_message(fake, iid)
    button = buttons_of(answer)["Send to my DMs"]
    dm = fake.dm_channel_id(int(fake.default_user["id"]))

    click = await fake.component(button["custom_id"], message=answer)
    resp = await fake.wait_response(click)
    assert resp.data["content"] == "Sent — check your DMs." and resp.data["flags"] & EPHEMERAL
    (copy,) = [m for m in fake.messages if m.kind == "channel" and m.channel_id == dm]
    assert copy.embeds[0]["title"] == "Ballerina (2025)" and copy.payload["allowed_mentions"] == NO_PINGS

    fake.fail_next("POST", rf"^/channels/{dm}/messages$")
    click = await fake.component(button["custom_id"], message=answer)
    assert (await fake.wait_response(click)).data["content"] == CANT_DM
    assert fake.violations == []


async def test_spoiler_evidence_is_hidden_until_asked_for(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_discord
    real = bot.service.answer
    ending = WarningItem(
        topic="sad_ending",
        label="Sad ending",
        severity="moderate",
        presence="shown",
        evidence="In the end ||she|| **dies** in the warehouse.",
        spoiler=True,
        sources=("Decider",),
    )

    async def with_spoiler(film_id, user_id=None):
        answer = await real(film_id, user_id)
        return dataclasses.replace(answer, warnings=(*answer.warnings, ending))

    monkeypatch.setattr(bot.service, "answer", with_spoiler)
    iid = await fake.slash("shouldiwatch", {"title": "ballerina-2023"})
    answer = await last_message(fake, iid)
    fields = {f["name"]: f["value"] for f in answer.embeds[0]["fields"]}
    assert fields["Sad ending — moderate, shown"] == "(spoiler — use the button)"
    assert "dies" not in str(answer.embeds)

    click = await fake.component(buttons_of(answer)["Show spoilers"]["custom_id"], message=answer)
    resp = await fake.wait_response(click)
    assert resp.data["flags"] & EPHEMERAL
    (field,) = resp.data["embeds"][0]["fields"]
    assert field["value"] == "||“In the end \\|\\|she\\|\\| \\*\\*dies\\*\\* in the warehouse.”||"
    assert fake.violations == []
