"""The Discord client: owns the service and the conversation, loads the commands, runs until told to stop.

    python -m bot run     (with DISCORD_TOKEN set)  → run_bot(settings)
    python -m bot sync [--global | --guild ID]      → sync_commands(settings, …)

Commands are synced to DEV_GUILD_ID on start when it is set (instant, for development); syncing
globally is an explicit step, never done on start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Hashable
from typing import Any

import aiohttp
import discord

from bot.chat import cogs
from bot.chat.cogs.freetext import FreeText
from bot.chat.cooldowns import UserCooldowns
from bot.chat.messaging import NO_MENTIONS
from bot.chat.replies import DEFER_AFTER
from bot.chat.tree import ShouldIWatchTree
from bot.chat.views import ANSWER_TIMEOUT, PICKER_TIMEOUT, PickerView
from bot.config import Settings
from bot.conversation import Conversation
from bot.service import Service

log = logging.getLogger(__name__)

TOKEN_REJECTED = "DISCORD_TOKEN was rejected by Discord — reset it in the developer portal"
GIL_SWITCH_SECONDS = 0.0005  # see run_bot


def bot_intents() -> discord.Intents:
    """Return the intents the bot needs: the defaults, none of the privileged ones."""
    intents = discord.Intents.default()
    intents.message_content = False  # DMs and @mentions carry their text without it
    intents.members = False
    intents.presences = False
    return intents


class ShouldIWatchClient(discord.Client):
    """The bot: slash commands through its tree, free text through `on_message`."""

    def __init__(
        self, service: Service, settings: Settings, *, sync_on_start: bool = True, **options: Any
    ) -> None:
        options.setdefault("intents", bot_intents())
        options["allowed_mentions"] = NO_MENTIONS
        super().__init__(**options)
        self.service = service
        self.settings = settings
        self.sync_on_start = sync_on_start
        self.conversation = Conversation(service)
        self.cooldowns = UserCooldowns(settings.cooldown_burst, settings.cooldown_seconds)
        self.tree = ShouldIWatchTree(
            self,
            allowed_contexts=discord.app_commands.AppCommandContext(guild=True, dm_channel=True),
            allowed_installs=discord.app_commands.AppInstallationType(guild=True),
        )
        self.free_text = FreeText(self)
        self.pickers: dict[Hashable, PickerView] = {}  # the open menu per (person, place)
        self.defer_after = DEFER_AFTER
        self.picker_timeout = PICKER_TIMEOUT
        self.answer_timeout = ANSWER_TIMEOUT

    async def setup_hook(self) -> None:
        """Load the commands; sync them to the development guild when one is configured."""
        cogs.load(self.tree)
        guild_id = self.settings.dev_guild_id
        if not self.sync_on_start:
            return
        if guild_id is None:
            log.info("DEV_GUILD_ID is not set: commands not synced on start (`python -m bot sync --global`)")
            return
        guild = discord.Object(id=guild_id)
        self.tree.copy_global_to(guild=guild)
        synced = await self.tree.sync(guild=guild)
        log.info("synced %d commands to guild %s", len(synced), guild_id)

    async def on_ready(self) -> None:
        """Log who the bot is and where."""
        log.info(
            "connected as %s (id %s) in %d servers", self.user, self.user and self.user.id, len(self.guilds)
        )

    async def on_message(self, message: discord.Message) -> None:
        """Answer DMs and @mentions."""
        await self.free_text.on_message(message)


def _tree_for_sync() -> tuple[discord.Client, ShouldIWatchTree]:
    client = discord.Client(intents=bot_intents(), allowed_mentions=NO_MENTIONS)
    tree = ShouldIWatchTree(
        client,
        allowed_contexts=discord.app_commands.AppCommandContext(guild=True, dm_channel=True),
        allowed_installs=discord.app_commands.AppInstallationType(guild=True),
    )
    cogs.load(tree)
    return client, tree


def _say(text: str, *, error: bool = False) -> None:
    """Write a line of `python -m bot sync` output (this runs as a CLI command, not in the bot)."""
    stream = sys.stderr if error else sys.stdout
    stream.write(text + "\n")
    stream.flush()


async def sync_commands(settings: Settings, *, global_: bool = False, guild_id: int | None = None) -> int:
    """Register the slash commands with Discord over HTTP only (no gateway); return the exit code."""
    if settings.discord_token is None:
        _say("error: DISCORD_TOKEN is not set (put it in .env)", error=True)
        return 2
    target = None if global_ else (guild_id or settings.dev_guild_id)
    if not global_ and target is None:
        _say("error: say where: --guild ID, DEV_GUILD_ID in .env, or --global", error=True)
        return 2
    client, tree = _tree_for_sync()
    try:
        async with client:
            await client.login(settings.discord_token.get_secret_value())
            if target is None:
                synced = await tree.sync()
            else:
                guild = discord.Object(id=target)
                tree.copy_global_to(guild=guild)
                synced = await tree.sync(guild=guild)
    except discord.LoginFailure:
        _say(f"error: {TOKEN_REJECTED}", error=True)
        return 1
    except discord.Forbidden:
        _say(
            f"error: Discord refused: is the bot in server {target}, invited with the applications.commands scope?",
            error=True,
        )
        return 1
    except (discord.HTTPException, aiohttp.ClientError) as exc:
        _say(f"error: syncing failed: {exc}", error=True)
        return 1
    names = ", ".join(f"/{c.name}" for c in synced)
    where = (
        "globally (may take up to an hour to show everywhere)" if target is None else f"to server {target}"
    )
    _say(f"Synced {len(synced)} commands {where}: {names}")
    return 0


async def run_bot(settings: Settings) -> int:
    """Run the bot until SIGINT/SIGTERM or a fatal error; close the client and database; return the exit code."""
    assert settings.discord_token is not None
    # The database thread (aiosqlite) needs the GIL back for every reply: with the event loop busy,
    # the default 5 ms switch interval made each read of a busy moment wait up to that long, several
    # times over, in the tail of /shouldiwatch. Half a millisecond hands it over promptly.
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    service = await Service.open(settings, notify=log.info, freeze_index=True)
    client = ShouldIWatchClient(service, settings)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    handled: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
            handled.append(sig)
    service.watch()
    runner = asyncio.create_task(
        client.start(settings.discord_token.get_secret_value()), name="discord-client"
    )
    stopper = asyncio.create_task(stop.wait(), name="shutdown-signal")
    code = 0
    try:
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            runner.result()  # raises why the client stopped
        else:
            log.info("shutting down")
    except discord.LoginFailure:
        log.error(TOKEN_REJECTED)
        code = 1
    except discord.PrivilegedIntentsRequired as exc:
        log.error("Discord refused the gateway intents: %s", exc)
        code = 1
    except (discord.GatewayNotFound, discord.ConnectionClosed, aiohttp.ClientError, OSError) as exc:
        log.error("could not stay connected to Discord: %s", exc)
        code = 1
    finally:
        for sig in handled:
            loop.remove_signal_handler(sig)
        stopper.cancel()
        await client.close()
        if not runner.done():
            runner.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await runner
        await service.close()
        log.info("closed the Discord connection and the database")
    return code
