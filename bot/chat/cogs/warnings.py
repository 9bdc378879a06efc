"""/warnings add|remove|list|clear: each person's own list of topics to flag first in answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands

from bot.chat import embeds
from bot.chat.messaging import NO_MENTIONS
from bot.core import taxonomy

if TYPE_CHECKING:
    from bot.chat.client import ShouldIWatchClient

CHOICES_MAX = 25


def parse_topics(text: str) -> tuple[list[str], list[str]]:
    """Split "suicide, animal harm" into known topic keys (in order, once each) and unknown words."""
    known: list[str] = []
    unknown: list[str] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        key = taxonomy.find_topic(part)
        if key is None:
            unknown.append(part)
        elif key not in known:
            known.append(key)
    return known, unknown


def topic_choices(current: str, pool: list[str] | None = None) -> list[app_commands.Choice[str]]:
    """Suggest topics for the part after the last comma, keeping what was typed before it."""
    done, _, typing = current.rpartition(",")
    prefix = ", ".join(p.strip() for p in done.split(",") if p.strip())
    already = set(parse_topics(done)[0])
    needle = typing.strip().lower()
    keys = pool if pool is not None else list(taxonomy.KEYS)
    out: list[app_commands.Choice[str]] = []
    for key in keys:
        topic = taxonomy.BY_KEY.get(key)
        if topic is None or key in already:
            continue
        words = f"{key.replace('_', ' ')} {topic.label} {topic.covers}".lower()
        if needle and needle not in words:
            continue
        value = f"{prefix}, {key}" if prefix else key
        if len(value) > 100:
            continue
        name = f"{prefix}, {topic.label}" if prefix else f"{topic.label} — {topic.covers}"
        out.append(app_commands.Choice(name=embeds.clip(name, 100), value=value))
        if len(out) == CHOICES_MAX:
            break
    return out


def _labels(keys: list[str]) -> str:
    return ", ".join(taxonomy.label(k) for k in keys)


async def _reply(interaction: discord.Interaction, text: str, *, with_topics: bool = False) -> None:
    if with_topics:
        embed = embeds.topics_list_embed("Topics", embeds.clip(text, 4000))
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.send_message(
            embeds.clip(text, 2000), ephemeral=True, allowed_mentions=NO_MENTIONS
        )


class Warnings(app_commands.Group):
    """The /warnings command group."""

    def __init__(self) -> None:
        super().__init__(
            name="warnings", description="Topics you'd rather avoid: flagged first in your answers"
        )

    @staticmethod
    def _client(interaction: discord.Interaction) -> ShouldIWatchClient:
        return cast("ShouldIWatchClient", interaction.client)

    @app_commands.command(name="add", description="Flag topics first in your answers")
    @app_commands.describe(topics="Comma-separated, loosely: “suicide, animal harm, needles”")
    async def add(self, interaction: discord.Interaction, topics: str) -> None:
        """Add topics to the user's list."""
        known, unknown = parse_topics(topics)
        if not known:
            text = (
                f"I don't know the topic “{embeds.escape(', '.join(unknown))}”."
                if unknown
                else "Name at least one topic."
            )
            await _reply(interaction, text + " These are the topics:", with_topics=True)
            return
        store = self._client(interaction).service.store
        added = await store.add_topics(interaction.user.id, known)
        text = taxonomy.added_text(known, added)
        if unknown:
            text += f" I don't know “{embeds.escape(', '.join(unknown))}” — `/help` lists the topics."
        mine = await store.avoided_topics(interaction.user.id)
        text += f"\nYour topics (flagged first in your answers, only you see that): {_labels(mine)}."
        await _reply(interaction, text)

    @add.autocomplete("topics")
    async def add_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest topics not on the list yet."""
        return topic_choices(current)

    @app_commands.command(name="remove", description="Stop flagging some topics")
    @app_commands.describe(topics="Comma-separated topics to remove")
    async def remove(self, interaction: discord.Interaction, topics: str) -> None:
        """Remove topics from the user's list."""
        known, unknown = parse_topics(topics)
        store = self._client(interaction).service.store
        removed = await store.remove_topics(interaction.user.id, known) if known else []
        text = "Removed: " + (_labels(removed) or "none of those were on your list") + "."
        if unknown:
            text += f" I don't know “{embeds.escape(', '.join(unknown))}”."
        mine = await store.avoided_topics(interaction.user.id)
        text += f"\nYour topics: {_labels(mine) or 'none'}."
        await _reply(interaction, text)

    @remove.autocomplete("topics")
    async def remove_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest the topics on the user's list."""
        mine = await self._client(interaction).service.store.avoided_topics(interaction.user.id)
        return topic_choices(current, mine)

    @app_commands.command(name="list", description="Show the topics you flag")
    async def list_(self, interaction: discord.Interaction) -> None:
        """List the user's topics."""
        mine = await self._client(interaction).service.store.avoided_topics(interaction.user.id)
        if not mine:
            await _reply(
                interaction,
                "You flag no topics yet. Add some with `/warnings add topics: suicide, animal harm`.",
                with_topics=True,
            )
            return
        await _reply(interaction, f"Topics you avoid (flagged first in your answers): {_labels(mine)}.")

    @app_commands.command(name="clear", description="Forget all your topics")
    async def clear(self, interaction: discord.Interaction) -> None:
        """Clear the user's list."""
        n = await self._client(interaction).service.store.clear_topics(interaction.user.id)
        await _reply(interaction, f"Cleared {n} topic{'s' if n != 1 else ''}.")


def setup(tree: app_commands.CommandTree) -> None:
    """Add /warnings."""
    tree.add_command(Warnings())
