"""The components: the film picker (a select menu for its asker) and the buttons under an answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

import discord

from bot.chat import embeds
from bot.chat.messaging import NO_MENTIONS, safe_edit, send_dm
from bot.chat.replies import Place, Reply, answer_reply, respond
from bot.chat.tree import explain, tell
from bot.core.answers import Answer
from bot.core.films.index import Hit
from bot.core.films.model import Film

if TYPE_CHECKING:
    from bot.chat.client import ShouldIWatchClient

NOT_YOURS = "This menu belongs to someone else — ask your own with /shouldiwatch"
PICKER_TIMEOUT = 180.0
ANSWER_TIMEOUT = 600.0
OPTIONS_MAX = 25


class TimedView(discord.ui.View):
    """A view that disables its components when it times out (a deleted message is fine)."""

    def __init__(self, client: ShouldIWatchClient, *, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.client = client
        self.message: discord.Message | discord.InteractionMessage | None = None

    async def on_timeout(self) -> None:
        """Grey out every component, so nobody clicks something that no longer answers."""
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True
        await safe_edit(self.message, view=self)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item, /
    ) -> None:
        """Errors in components take the same path as errors in commands."""
        await tell(interaction, explain(error, where=f"{type(self).__name__} component"))


class _Button(discord.ui.Button):
    """A grey button whose click calls a given coroutine function."""

    def __init__(
        self, label: str, emoji: str, handler: Callable[[discord.Interaction], Awaitable[None]]
    ) -> None:
        super().__init__(label=label, emoji=emoji, style=discord.ButtonStyle.secondary)
        self.handler = handler

    async def callback(self, interaction: discord.Interaction) -> None:
        """Run the handler."""
        await self.handler(interaction)


class PickerView(TimedView):
    """The "which one?" menu: candidate films as a select menu that only the asker may use."""

    def __init__(
        self,
        client: ShouldIWatchClient,
        candidates: Sequence[Hit],
        films: dict[str, Film],
        place: Place,
        *,
        placeholder: str = "Choose the film…",
        asked: tuple[str, ...] = (),
    ) -> None:
        super().__init__(client, timeout=client.picker_timeout)
        self.candidates = tuple(candidates[:OPTIONS_MAX])
        self.place = place
        self.asked = asked  # what the question asked about ("is dune scary?"), answered first
        options = [
            discord.SelectOption(
                label=embeds.clip(hit.label, 100),
                value=str(i),
                description=embeds.candidate_description(hit, films.get(hit.film_id)),
            )
            for i, hit in enumerate(self.candidates)
        ]
        self.menu: discord.ui.Select = discord.ui.Select(placeholder=placeholder, options=options)
        self.menu.callback = self.picked
        self.add_item(self.menu)
        client.pickers[place.key] = self  # one open menu per person and place

    def stop(self) -> None:
        """Stop listening, and forget this menu as the open one."""
        super().stop()
        self._forget()

    def _forget(self) -> None:
        if self.client.pickers.get(self.place.key) is self:
            del self.client.pickers[self.place.key]

    async def on_timeout(self) -> None:
        """Disable the menu (the question can still be answered by typing until it expires)."""
        self._forget()
        await super().on_timeout()

    async def retire(self) -> None:
        """Disable the menu now: a typed reply or a new question took its place."""
        if not self.is_finished():
            self.stop()
            await super().on_timeout()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Only the person who asked may pick; anyone else is told so, privately."""
        if interaction.user.id == self.place.asker_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return False

    async def picked(self, interaction: discord.Interaction) -> None:
        """Answer for the chosen film in place of the question."""
        hit = self.candidates[int(self.menu.values[0])]
        self.client.conversation.forget(self.place.key)
        self.stop()

        async def work() -> Reply:
            answer = await self.client.service.answer(hit.film_id, self.place.asker_id, self.asked)
            self.client.conversation.answered(self.place.key, hit.film_id)
            return answer_reply(self.client, answer, self.place)

        await respond(interaction, work(), edit=True, defer_after=self.client.defer_after)


class AnswerView(TimedView):
    """Buttons under an answer: spoiler evidence, the clicker's own topics, a copy by DM."""

    def __init__(self, client: ShouldIWatchClient, answer: Answer, *, in_guild: bool, public: bool) -> None:
        super().__init__(client, timeout=client.answer_timeout)
        self.answer = answer
        if any(w.spoiler for w in answer.warnings):
            self.add_button("Show spoilers", "🙈", self.show_spoilers)
        if public and answer.reviewed:
            self.add_button("My topics", "⚠️", self.my_topics)
        if in_guild:
            self.add_button("Send to my DMs", "📩", self.send_to_dms)

    def add_button(
        self, label: str, emoji: str, callback: Callable[[discord.Interaction], Awaitable[None]]
    ) -> None:
        """Add a grey button that calls `callback(interaction)`."""
        self.add_item(_Button(label, emoji, callback))

    async def show_spoilers(self, interaction: discord.Interaction) -> None:
        """Reveal the spoiler evidence to the clicker alone."""
        await interaction.response.send_message(
            embed=embeds.spoilers_embed(self.answer), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    async def my_topics(self, interaction: discord.Interaction) -> None:
        """Show the clicker, privately, which of the topics they avoid this film has."""
        avoided = await self.client.service.store.avoided_topics(interaction.user.id)
        await interaction.response.send_message(
            embed=embeds.topics_embed(self.answer, avoided), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    async def send_to_dms(self, interaction: discord.Interaction) -> None:
        """DM the clicker this answer (marked for them); say so, or why not, privately."""

        async def work() -> Reply:
            answer = await self.client.service.answer(self.answer.film.id, interaction.user.id)
            problem = await send_dm(interaction.user, embed=embeds.answer_embed(answer, personal=True))
            return Reply(content=problem or "Sent — check your DMs.")

        await respond(interaction, work(), ephemeral=True, defer_after=self.client.defer_after)
