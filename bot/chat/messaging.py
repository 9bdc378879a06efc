"""Sending outside an interaction: DMs and replies in channels that may have closed on us."""

from __future__ import annotations

import logging
from typing import Any

import discord

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
CANT_DM = (
    "I can't DM you — enable DMs from server members (the server's menu → Privacy Settings → "
    "Direct Messages), then try again."
)


async def send_dm(user: discord.User | discord.Member, **kwargs: Any) -> str | None:
    """Send `user` a DM; return None when it was sent, else a sentence to show them instead."""
    kwargs["allowed_mentions"] = NO_MENTIONS
    try:
        await user.send(**kwargs)
    except discord.Forbidden:
        log.info("DM to user %s refused (DMs closed or bot blocked)", user.id)
        return CANT_DM
    except discord.HTTPException as exc:
        log.warning("DM to user %s failed: %s %s", user.id, exc.status, exc.code)
        return "I couldn't send you a DM just now — try again in a moment."
    return None


async def safe_send(channel: discord.abc.Messageable, **kwargs: Any) -> discord.Message | None:
    """Send to a channel; a closed channel (Forbidden, NotFound, other HTTP errors) is logged, not raised."""
    kwargs["allowed_mentions"] = NO_MENTIONS
    where = getattr(channel, "id", "?")
    try:
        return await channel.send(**kwargs)
    except (discord.Forbidden, discord.NotFound) as exc:
        log.info("can't send in channel %s (%s %s): dropped the reply", where, exc.status, exc.code)
    except discord.HTTPException as exc:
        log.warning("sending in channel %s failed (%s %s): dropped the reply", where, exc.status, exc.code)
    return None


async def safe_edit(message: discord.Message | discord.InteractionMessage | None, **kwargs: Any) -> None:
    """Edit a message the bot sent; a deleted message or a closed channel is fine."""
    if message is None:
        return
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    try:
        await message.edit(**kwargs)
    except (discord.NotFound, discord.Forbidden):
        log.debug("message %s is gone or closed: not edited", message.id)
    except discord.HTTPException as exc:
        log.warning("editing message %s failed (%s %s)", message.id, exc.status, exc.code)
