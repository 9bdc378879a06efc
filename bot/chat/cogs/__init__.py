"""The features, one module each: slash commands (`setup(tree)`) and free text (DMs, @mentions)."""

from __future__ import annotations

from discord import app_commands

from bot.chat.cogs import ask, help_command, warnings

COMMAND_MODULES = (ask, warnings, help_command)


def load(tree: app_commands.CommandTree) -> None:
    """Add every slash command to `tree`."""
    for module in COMMAND_MODULES:
        module.setup(tree)
