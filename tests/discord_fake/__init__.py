"""A fake Discord (REST + gateway on 127.0.0.1) for testing discord.py bots without the network.

Typical use (fixtures live in :mod:`tests.discord_fake.conftest_helpers`)::

    from tests.discord_fake.conftest_helpers import fake_discord, no_network, running_client

    async def test_something(fake_discord):
        async with running_client(MyClient(), fake_discord):
            iid = await fake_discord.slash("film", {"title": "Alien"})
            resp = await fake_discord.wait_response(iid)
        assert fake_discord.violations == []

Build the client with ``guild_ready_timeout=0.05`` (else ``on_ready`` waits 2 s) and
``allowed_mentions=discord.AllowedMentions.none()`` (the fake flags messages without it).
Importing the fixtures needs ``# noqa: F401`` on the import and ``# noqa: F811`` where a test
takes them as arguments (ruff sees a redefinition).
"""

from . import limits, payloads
from .server import (
    DEFAULT_APP_ID,
    DEFAULT_GUILD_ID,
    FIRST_GUILD,
    INTENT_MEMBERS,
    INTENT_MESSAGE_CONTENT,
    INTENT_PRESENCES,
    PRIVILEGED_INTENTS,
    FakeDiscord,
    FakeInteraction,
    RecordedCallback,
    RecordedFile,
    RecordedMessage,
    RecordedRequest,
)

__all__ = [
    "DEFAULT_APP_ID",
    "DEFAULT_GUILD_ID",
    "FIRST_GUILD",
    "INTENT_MEMBERS",
    "INTENT_MESSAGE_CONTENT",
    "INTENT_PRESENCES",
    "PRIVILEGED_INTENTS",
    "FakeDiscord",
    "FakeInteraction",
    "RecordedCallback",
    "RecordedFile",
    "RecordedMessage",
    "RecordedRequest",
    "limits",
    "payloads",
]
