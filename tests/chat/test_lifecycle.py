"""Every command within Discord's limits; starting, stopping and syncing the real client."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
from pydantic import SecretStr

from bot.chat import cogs
from bot.chat.client import TOKEN_REJECTED, ShouldIWatchTree, run_bot, sync_commands
from bot.config import Settings
from tests.conftest import copy_db, make_settings
from tests.discord_fake import DEFAULT_GUILD_ID, FakeDiscord, limits

pytestmark = pytest.mark.timeout(20)
NAME = re.compile(r"^[a-z0-9_-]{1,32}$")


def command_payloads() -> list[dict]:
    tree = ShouldIWatchTree(discord.Client(intents=discord.Intents.none()))
    cogs.load(tree)
    return [c.to_dict(tree) for c in tree.get_commands()]


def test_every_command_is_within_discords_limits() -> None:
    payloads = command_payloads()
    assert limits.check_commands(payloads) == []

    def walk(options: list[dict], depth: int) -> int:
        assert len(options) <= 25
        count = 0
        for o in options:
            assert NAME.match(o["name"]), o["name"]
            assert 1 <= len(o["description"]) <= 100, o["name"]
            if o["type"] in (1, 2):
                count += 1 + walk(o.get("options", []), depth + 1)
        return count

    shapes = {}
    for command in payloads:
        assert NAME.match(command["name"]) and 1 <= len(command["description"]) <= 100
        subcommands = walk(command.get("options", []), 1)
        shapes[command["name"]] = (len(command.get("options", [])), subcommands)
    assert shapes == {"shouldiwatch": (2, 0), "warnings": (4, 4), "help": (0, 0)}


@pytest.fixture
async def strict_fake(no_network: list[str]) -> AsyncIterator[FakeDiscord]:
    """A fake Discord that accepts only the token "right-token"."""
    fake = FakeDiscord(token="right-token")
    await fake.start()
    try:
        with fake.patched():
            yield fake
    finally:
        await fake.stop()


def settings_for(db: Path, token: str, **extra: object) -> Settings:
    return make_settings(db).model_copy(update={"discord_token": SecretStr(token), **extra})


async def test_a_rejected_token_is_explained(
    strict_fake: FakeDiscord, seeded_db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(copy_db(seeded_db, tmp_path), "wrong-token")
    with caplog.at_level(logging.ERROR):
        assert await run_bot(settings) == 1
    assert TOKEN_REJECTED in caplog.text
    assert "wrong-token" not in caplog.text


async def test_sigterm_shuts_down_cleanly(
    strict_fake: FakeDiscord, seeded_db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(copy_db(seeded_db, tmp_path), "right-token", dev_guild_id=DEFAULT_GUILD_ID)
    with caplog.at_level(logging.INFO, logger="bot"):
        task = asyncio.create_task(run_bot(settings))
        await strict_fake.wait_identified()
        assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None)  # our handler, not death
        os.kill(os.getpid(), signal.SIGTERM)
        assert await asyncio.wait_for(task, 10) == 0
    assert {c["name"] for c in strict_fake.synced_commands[DEFAULT_GUILD_ID]} == {
        "shouldiwatch",
        "warnings",
        "help",
    }
    assert "global" not in strict_fake.synced_commands
    assert "closed the Discord connection and the database" in caplog.text
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    assert strict_fake.violations == []


async def test_sync_commands_to_a_guild_or_globally(
    strict_fake: FakeDiscord, catalog_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = settings_for(copy_db(catalog_db, tmp_path), "right-token")
    assert await sync_commands(settings, guild_id=DEFAULT_GUILD_ID) == 0
    assert f"Synced 3 commands to server {DEFAULT_GUILD_ID}" in capsys.readouterr().out
    assert "global" not in strict_fake.synced_commands
    assert await sync_commands(settings, global_=True) == 0
    assert "globally" in capsys.readouterr().out
    assert {c["name"] for c in strict_fake.synced_commands["global"]} == {"shouldiwatch", "warnings", "help"}
    assert strict_fake.gateway_connections == []  # HTTP only
    assert await sync_commands(settings) == 2  # no guild, no --global: refuse to guess
    bad = settings.model_copy(update={"discord_token": SecretStr("nope")})
    assert await sync_commands(bad, global_=True) == 1
    assert TOKEN_REJECTED in capsys.readouterr().err
