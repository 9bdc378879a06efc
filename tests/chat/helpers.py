"""Small readers for what the bot sent to the fake Discord."""

from __future__ import annotations

from typing import Any

from tests.discord_fake import FakeDiscord, RecordedMessage

EPHEMERAL = 64
NO_PINGS = {"parse": []}


def select_of(message: RecordedMessage | dict[str, Any]) -> dict[str, Any]:
    """The first select menu of a message."""
    rows = message.components if isinstance(message, RecordedMessage) else message["components"]
    return next(c for row in rows for c in row["components"] if c["type"] == 3)


def buttons_of(message: RecordedMessage | dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons of a message, by label."""
    rows = message.components if isinstance(message, RecordedMessage) else message["components"]
    return {c["label"]: c for row in rows for c in row["components"] if c["type"] == 2}


def option_value(message: RecordedMessage | dict[str, Any], label_start: str) -> str:
    """The value of the select option whose label starts with `label_start`."""
    return next(o["value"] for o in select_of(message)["options"] if o["label"].startswith(label_start))


async def last_message(fake: FakeDiscord, interaction_id: int) -> RecordedMessage:
    """The message an interaction produced (its reply, or the deferred reply once edited)."""
    (msg,) = await fake.wait_messages(
        lambda m: m.interaction_id == interaction_id and m.kind in ("callback", "update", "original_edit")
    )
    return msg


async def channel_reply(fake: FakeDiscord, channel_id: int, count: int = 1) -> RecordedMessage:
    """The `count`-th message the bot sent in a channel outside an interaction."""
    found = await fake.wait_messages(
        lambda m: m.kind == "channel" and m.channel_id == channel_id, count=count
    )
    return found[count - 1]


def field_names(embed: dict[str, Any]) -> list[str]:
    """The names of an embed's fields."""
    return [f["name"] for f in embed.get("fields", [])]


async def pick_in_dm(fake: FakeDiscord, asked: RecordedMessage, label_start: str) -> dict[str, Any]:
    """Choose a film from a DM's which-one menu; return the embed the message became."""
    menu = select_of(asked)
    pick = await fake.component(
        menu["custom_id"], [option_value(asked, label_start)], message=asked, guild_id=None
    )
    assert (await fake.wait_response(pick)).type == 7  # the menu message is updated in place
    return fake.message_store[asked.id]["embeds"][0]
