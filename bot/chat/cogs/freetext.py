"""Free text: DMs, and messages that @mention the bot in a server — the same conversation as the console.

Without the message-content intent Discord delivers the text of DMs and of messages that mention
the bot, which is exactly what this needs. A question back is answered by the same person's next
message in the same place ("2", "2023", "the korean one"), or with the menu.
"""

from __future__ import annotations

import logging
import math
import re
from typing import TYPE_CHECKING

import discord

from bot.chat.messaging import safe_send
from bot.chat.replies import Place, Reply, turn_reply
from bot.chat.tree import explain

if TYPE_CHECKING:
    from bot.chat.client import ShouldIWatchClient

log = logging.getLogger(__name__)


def strip_mentions(text: str, bot_id: int) -> str:
    """Remove the bot's mentions ("<@id>", "<@!id>") and tidy the spaces left behind."""
    return " ".join(re.sub(rf"<@!?{bot_id}>[,:]?", " ", text).split())


class FreeText:
    """Answers DMs and @mentions."""

    def __init__(self, client: ShouldIWatchClient) -> None:
        self.client = client

    def question_in(self, message: discord.Message) -> str | None:
        """Return the text of a message meant for the bot, or None to ignore it."""
        me = self.client.user
        if me is None or message.author.bot or message.author.id == me.id or message.webhook_id:
            return None
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return None
        if message.guild is None:
            return message.content
        if not any(u.id == me.id for u in message.mentions):
            return None
        return strip_mentions(message.content, me.id)

    async def on_message(self, message: discord.Message) -> None:
        """Answer one message (or stay silent when it isn't for the bot)."""
        text = self.question_in(message)
        if text is None:
            return
        user_id = message.author.id
        in_guild = message.guild is not None
        where = message.channel
        reference = message.to_reference(fail_if_not_exists=False) if in_guild else None
        retry = self.client.cooldowns.hit(user_id)
        if retry is not None:
            if self.client.cooldowns.first_warning(user_id):
                await safe_send(
                    where,
                    content=f"Slow down — try again in {max(1, math.ceil(retry))} s.",
                    reference=reference,
                )
            return
        place = Place(
            asker_id=user_id,
            key=(user_id, message.channel.id),
            in_guild=in_guild,
            personal=not in_guild,
            typed_replies=(
                "@mention me with a number, a year, or a hint like “korean”"
                if in_guild
                else "reply with a number, a year, or a hint like “korean”"
            ),
        )
        previous = self.client.pickers.pop(place.key, None)
        try:
            turn = await self.client.conversation.handle(place.key, text, user_id)
            reply = turn_reply(self.client, turn, place)
        except Exception as exc:
            reply = Reply(content=explain(exc, where="free text"))
        sent = await safe_send(where, reference=reference, **reply.send_kwargs())
        if sent is not None and reply.view is not None:
            reply.view.message = sent
        elif reply.view is not None:
            reply.view.stop()
        if previous is not None:
            await previous.retire()
