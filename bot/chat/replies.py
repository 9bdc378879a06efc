"""Turning conversation turns into Discord replies, and answering interactions in time.

Discord drops an interaction not acknowledged within 3 s. Quick work is answered directly; work
still running after `defer_after` seconds (the index still building, a slow disk) is deferred and
the answer is edited in when ready.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from bot.chat import embeds
from bot.chat.messaging import NO_MENTIONS
from bot.conversation import AnswerTurn, AskTurn, HelpTurn, NotFoundTurn, RefusalTurn, Turn
from bot.core.answers import Answer

if TYPE_CHECKING:
    from bot.chat.client import ShouldIWatchClient
    from bot.chat.views import TimedView

DEFER_AFTER = 2.0


@dataclass
class Reply:
    """What to send: text, an embed, components; `answer` when it is an answer for someone."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: TimedView | None = None
    answer: Answer | None = None
    personal: bool = True

    def send_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for a new message."""
        out: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
        if self.content is not None:
            out["content"] = self.content
        if self.embed is not None:
            out["embed"] = self.embed
        if self.view is not None:
            out["view"] = self.view
        return out

    def edit_kwargs(self) -> dict[str, Any]:
        """Keyword arguments replacing a message's whole content."""
        return {
            "content": self.content,
            "embed": self.embed,
            "view": self.view,
            "allowed_mentions": NO_MENTIONS,
        }

    @property
    def needs_note(self) -> bool:
        """True when a public answer hides topics the asker avoids (tell them privately)."""
        return self.answer is not None and not self.personal and bool(self.answer.avoided_hits)


@dataclass(frozen=True)
class Place:
    """Where a conversation happens: who asks, the conversation key, and how replies look."""

    asker_id: int
    key: Hashable
    in_guild: bool
    personal: bool  # only the asker sees the reply (ephemeral, or a DM)
    typed_replies: str  # how to answer a question back by typing ("" when typing won't work)


def answer_reply(client: ShouldIWatchClient, answer: Answer, place: Place, note: str | None = None) -> Reply:
    """Return the answer embed with its buttons."""
    from bot.chat.views import AnswerView

    embed = embeds.answer_embed(answer, personal=place.personal, note=note)
    view = AnswerView(client, answer, in_guild=place.in_guild, public=not place.personal)
    return Reply(embed=embed, view=view if view.children else None, answer=answer, personal=place.personal)


def turn_reply(client: ShouldIWatchClient, turn: Turn, place: Place) -> Reply:
    """Return the reply to one conversation turn."""
    from bot.chat.views import PickerView

    if isinstance(turn, AnswerTurn):
        return answer_reply(client, turn.answer, place, turn.note)
    if isinstance(turn, AskTurn):
        hint = "Pick one from the menu below" + (
            f", or {place.typed_replies}." if place.typed_replies else "."
        )
        view = PickerView(client, turn.candidates, turn.films, place, asked=turn.asked)
        return Reply(embed=embeds.ask_embed(turn, hint=hint), view=view)
    if isinstance(turn, NotFoundTurn):
        view = (
            PickerView(client, turn.suggestions, {}, place, placeholder="Did you mean…")
            if turn.suggestions
            else None
        )
        return Reply(embed=embeds.not_found_embed(turn), view=view)
    if isinstance(turn, HelpTurn):
        return Reply(embed=embeds.help_embed(opening=turn.opening))
    assert isinstance(turn, RefusalTurn)
    return Reply(content=embeds.clip(embeds.escape(turn.message), 2000))


def _budget(interaction: discord.Interaction, defer_after: float) -> float:
    """Seconds left before deferring, counted from when Discord created the interaction."""
    age = time.time() - interaction.created_at.timestamp()
    return max(0.0, min(defer_after, defer_after - max(0.0, age)))


async def respond(
    interaction: discord.Interaction,
    work: Awaitable[Reply],
    *,
    ephemeral: bool = False,
    edit: bool = False,
    defer_after: float = DEFER_AFTER,
) -> Reply:
    """Answer `interaction` with the reply `work` produces: directly if quick, else defer first.

    `edit` replaces the message a component belongs to instead of sending a new one. Errors from
    `work` propagate (the tree's error handler copes with a deferred interaction).
    """
    # The work runs inline (no extra task: under load every hop through the event loop costs);
    # a timer defers the interaction if the work is still running when the budget is spent.
    loop = asyncio.get_running_loop()
    deferral: asyncio.Task[Any] | None = None

    def defer_now() -> None:
        nonlocal deferral
        if not interaction.response.is_done():
            if edit:
                deferral = loop.create_task(interaction.response.defer())
            else:
                deferral = loop.create_task(interaction.response.defer(ephemeral=ephemeral, thinking=True))

    timer = loop.call_later(_budget(interaction, defer_after), defer_now)
    try:
        reply = await work
    finally:
        timer.cancel()
        if deferral is not None:
            await deferral
    if interaction.response.is_done():
        message = await interaction.edit_original_response(**reply.edit_kwargs())
    elif edit:
        response = await interaction.response.edit_message(**reply.edit_kwargs())
        message = response.resource if response is not None else None
    else:
        response = await interaction.response.send_message(ephemeral=ephemeral, **reply.send_kwargs())
        message = response.resource
    if reply.view is not None and isinstance(message, discord.InteractionMessage):
        reply.view.message = message
    if reply.needs_note and reply.answer is not None:
        await private_note(interaction, reply.answer)
    return reply


async def private_note(interaction: discord.Interaction, answer: Answer) -> None:
    """Tell the asker, privately, which topics they avoid a public answer mentions."""
    embed = embeds.topics_embed(answer, answer.avoided_topics)
    try:
        await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException:
        pass
