"""The command tree and the one error path: what the user sees, what the log keeps."""

from __future__ import annotations

import logging
import math
import secrets

import discord
from discord import app_commands

from bot.chat.messaging import NO_MENTIONS
from bot.core.errors import ShouldIWatchError

log = logging.getLogger(__name__)

APOLOGY = "Sorry — something went wrong on my side. If it keeps happening, give the bot's operator this code: {ref}."


def unwrap(error: BaseException) -> BaseException:
    """Return the exception a command or transformer actually raised."""
    while isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        inner = error.__cause__ if isinstance(error, app_commands.TransformerError) else error.original
        if inner is None:
            break
        error = inner
    return error


def explain(error: BaseException, *, where: str = "interaction") -> str:
    """Return the sentence a user should see for `error`, logging what the operator needs."""
    error = unwrap(error)
    if isinstance(error, ShouldIWatchError):
        log.debug("%s: %s", where, type(error).__name__)
        return error.user_message
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down — try again in {max(1, math.ceil(error.retry_after))} s."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command only works in a server."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that here."
    ref = secrets.token_hex(3).upper()
    log.error("%s failed (ref %s)", where, ref, exc_info=(type(error), error, error.__traceback__))
    return APOLOGY.format(ref=ref)


async def tell(interaction: discord.Interaction, text: str) -> None:
    """Tell the user something privately, whether or not the interaction was answered or deferred."""
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
            # A "thinking…" placeholder is showing (maybe to everyone): replace it with a private note.
            try:
                await interaction.delete_original_response()
            except discord.HTTPException:
                pass
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.warning(
            "could not tell user %s about an error (%s %s)", interaction.user.id, exc.status, exc.code
        )


class ShouldIWatchTree(app_commands.CommandTree):
    """The slash commands, with one error handler for all of them (and for the views)."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Turn any error into a plain private message for the user and a log line for the operator."""
        command = interaction.command.qualified_name if interaction.command else "component"
        text = explain(error, where=f"/{command}" if interaction.command else command)
        if interaction.type is discord.InteractionType.autocomplete:
            if not interaction.response.is_done():
                try:
                    await interaction.response.autocomplete([])
                except discord.HTTPException:
                    pass
            return
        await tell(interaction, text)
