"""/help: how to ask (slash command, DM, @mention) and the topics /warnings knows."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.chat import embeds
from bot.chat.messaging import NO_MENTIONS


@app_commands.command(name="help", description="How to ask me about a film, and the content-warning topics")
async def help_(interaction: discord.Interaction) -> None:
    """Explain the bot, privately."""
    await interaction.response.send_message(
        embed=embeds.help_embed(), ephemeral=True, allowed_mentions=NO_MENTIONS
    )


def setup(tree: app_commands.CommandTree) -> None:
    """Add /help."""
    tree.add_command(help_)
