"""Fixtures for the Discord surface: the real client on a seeded database, against the fake Discord."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.chat.client import ShouldIWatchClient
from bot.config import Settings
from bot.service import Service
from tests.discord_fake import DEFAULT_GUILD_ID, FakeDiscord
from tests.discord_fake.conftest_helpers import running_client


def chat_settings(service: Service, **changes: object) -> Settings:
    """The service's settings with the fake's guild as the development guild."""
    base: dict[str, object] = {
        "dev_guild_id": DEFAULT_GUILD_ID,
        "cooldown_burst": 100,
        "cooldown_seconds": 1.0,
    }
    return service.settings.model_copy(update={**base, **changes})


def make_client(service: Service, **changes: object) -> ShouldIWatchClient:
    """A client as production builds it, with a fast on_ready for tests."""
    return ShouldIWatchClient(service, chat_settings(service, **changes), guild_ready_timeout=0.05)


@pytest.fixture
async def bot(fake_discord: FakeDiscord, seeded_service: Service) -> AsyncIterator[ShouldIWatchClient]:
    """The bot, logged in to the fake Discord, closed (and checked alive) after the test."""
    client = make_client(seeded_service)
    async with running_client(client, fake_discord) as task:
        yield client
        assert not task.done(), "the client task ended during the test"
