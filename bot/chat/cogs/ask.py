"""/shouldiwatch: autocomplete offers film ids; the command resolves its value again.

An existing film id goes straight to the answer; free text goes through matching and may come
back as a question (a picker) or "not found" with suggestions.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands

from bot.chat.replies import Place, Reply, answer_reply, respond, turn_reply
from bot.core.errors import CatalogNotReady, FilmNotFound
from bot.core.films import resolve as resolving

if TYPE_CHECKING:
    from bot.chat.client import ShouldIWatchClient

log = logging.getLogger(__name__)


def bot_of(interaction: discord.Interaction) -> ShouldIWatchClient:
    """Return the client handling `interaction`."""
    return cast("ShouldIWatchClient", interaction.client)


def cooldown_check(interaction: discord.Interaction) -> bool:
    """Allow `cooldown_burst` questions per `cooldown_seconds` per user."""
    cooldowns = bot_of(interaction).cooldowns
    retry = cooldowns.hit(interaction.user.id)
    if retry is not None:
        raise app_commands.CommandOnCooldown(cooldowns.cooldown(), retry)
    return True


def _may_be_film_id(client: ShouldIWatchClient, text: str) -> bool:
    """Return whether `text` could be a film id (what autocomplete sends), without a database trip."""
    if any(c.isspace() for c in text):
        return False
    try:
        return client.service.index.hit_for(text) is not None
    except CatalogNotReady:
        return True  # the index is still building: ask the database


@app_commands.command(
    name="shouldiwatch", description="Should I watch it? Verdict, gist and content warnings from reviews"
)
@app_commands.describe(
    title="The film: pick a suggestion, or type a title (a year or a hint like “korean” helps)",
    private="Show the answer to you only",
)
@app_commands.check(cooldown_check)
async def shouldiwatch(interaction: discord.Interaction, title: str, private: bool = False) -> None:
    """Answer for one film, or ask which one."""
    client = bot_of(interaction)
    in_guild = interaction.guild_id is not None
    place = Place(
        asker_id=interaction.user.id,
        key=(interaction.user.id, interaction.channel_id),
        in_guild=in_guild,
        personal=private or not in_guild,
        typed_replies="" if in_guild else "reply with a number, a year, or a hint like “korean”",
    )

    async def work() -> Reply:
        text = resolving.check_query(title)
        client.conversation.forget(place.key)
        if _may_be_film_id(client, text):
            try:
                answer = await client.service.answer(text, interaction.user.id)
            except FilmNotFound:
                pass
            else:
                client.conversation.answered(place.key, text)
                return answer_reply(client, answer, place)
        turn = await client.conversation.ask(place.key, text, interaction.user.id)
        return turn_reply(client, turn, place)

    previous = client.pickers.pop(place.key, None)  # a new question closes the last menu here
    try:
        await respond(interaction, work(), ephemeral=private, defer_after=client.defer_after)
    finally:
        if previous is not None:
            await previous.retire()


@shouldiwatch.autocomplete("title")
async def title_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Suggest films as the user types (reviewed films first when nothing is typed yet)."""
    try:
        found = await bot_of(interaction).service.autocomplete(current)
    except CatalogNotReady:
        typed = " ".join(current.split())[:100]
        return (
            [app_commands.Choice(name=f"{typed} — (still loading the catalog)"[:100], value=typed)]
            if typed
            else []
        )
    return [app_commands.Choice(name=c.name, value=c.value) for c in found]


def setup(tree: app_commands.CommandTree) -> None:
    """Add /shouldiwatch."""
    tree.add_command(shouldiwatch)
