"""Hostile input, cooldowns, failures and slow work: what the user sees, what the log keeps."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.chat.client import ShouldIWatchClient
from bot.core.films.model import Film
from bot.ingest import ingest_paths
from bot.service import Service
from tests.chat.conftest import make_client
from tests.chat.helpers import EPHEMERAL, NO_PINGS, last_message
from tests.discord_fake import DEFAULT_GUILD_ID, FakeDiscord
from tests.discord_fake.conftest_helpers import running_client

pytestmark = pytest.mark.timeout(20)

PARTY = Film(
    id="everyone-party-2024",
    title="@everyone **Party** ||now||",
    year=2024,
    directors=("Some_One",),
    languages=("en",),
)
PARTY_REVIEW = """\
'@everyone **Party** ||now||' review: a loud little comedy

@everyone **Party** ||now|| (2024) is a comedy about a group chat that gets out of hand. @here it is.
The jokes land more often than not and the cast is game.

Verdict: worth watching. 4/5.
"""


async def add_party_film(service: Service, tmp_path: Path) -> None:
    """Insert a film whose title tries to ping everyone and break markdown, with one review."""
    async with service.store.transaction():
        await service.store.upsert_films([PARTY], origin="test")
    review = tmp_path / "party.txt"
    review.write_text(PARTY_REVIEW, encoding="utf-8")
    report = await ingest_paths(service.store, [review], forced_film=PARTY.id)
    assert report.exit_code == 0, [(f.path, f.error) for f in report.files]
    await service.store.set_meta("catalog_version", "with-party")
    assert await service.refresh()


async def test_everyone_in_a_title_pings_nobody_and_is_escaped(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient, tmp_path: Path
) -> None:
    fake = fake_discord
    await add_party_film(bot.service, tmp_path)
    iid = await fake.slash("shouldiwatch", {"title": PARTY.id})
    resp = await fake.wait_response(iid)
    assert resp.data["allowed_mentions"] == NO_PINGS
    (embed,) = resp.data["embeds"]
    assert embed["title"] == "@\u200beveryone \\*\\*Party\\*\\* \\|\\|now\\|\\| (2024)"
    assert {f["name"]: f["value"] for f in embed["fields"]}["Director"] == "Some\\_One"

    await fake.message(f"is {PARTY.title} any good", guild_id=DEFAULT_GUILD_ID, mentions_bot=True)
    (sent,) = await fake.wait_requests(lambda r: r.method == "POST" and r.path.endswith("/messages"))
    assert sent.json["allowed_mentions"] == NO_PINGS
    assert "@everyone" not in str(sent.json["embeds"])
    assert sent.json["embeds"][0]["title"] == embed["title"], sent.json["embeds"][0]
    assert fake.violations == []


async def test_cooldown_answers_with_a_friendly_ephemeral(
    fake_discord: FakeDiscord, seeded_service: Service
) -> None:
    fake = fake_discord
    async with running_client(make_client(seeded_service, cooldown_burst=2, cooldown_seconds=60), fake):
        answered = []
        for _ in range(3):
            iid = await fake.slash("shouldiwatch", {"title": "ballerina-2023"})
            answered.append(await fake.wait_response(iid))
        assert [r.type for r in answered] == [4, 4, 4]
        assert "embeds" in answered[1].data and answered[1].data["embeds"]
        assert answered[2].data["flags"] & EPHEMERAL
        assert answered[2].data["content"].startswith("Slow down — try again in ")
        assert answered[2].data["content"].endswith(" s.")
        # someone else is not slowed down
        iid = await fake.slash("shouldiwatch", {"title": "ballerina-2023"}, user=fake.new_user("other"))
        assert (await fake.wait_response(iid)).data["embeds"]
        # free text shares the bucket: one "slow down", then silence
        dm = fake.dm_channel_id(int(fake.default_user["id"]))
        await fake.message("ballerina 2023")
        await fake.message("ballerina 2025")
        await fake.message("help")
        await fake.wait_messages(lambda m: m.kind == "channel" and m.channel_id == dm)
        await asyncio.sleep(0.1)
        sent = [m for m in fake.messages if m.kind == "channel" and m.channel_id == dm]
        assert [m.content[:9] for m in sent] == ["Slow down"]
    assert fake.violations == []


async def test_a_failing_command_apologises_and_logs_the_traceback(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    fake = fake_discord

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database caught fire")

    monkeypatch.setattr(bot.service, "answer", broken)
    with caplog.at_level(logging.ERROR, logger="bot.chat"):
        iid = await fake.slash("shouldiwatch", {"title": "ballerina-2023"})
        resp = await fake.wait_response(iid)
    assert resp.type == 4 and resp.data["flags"] & EPHEMERAL
    assert resp.data["content"].startswith("Sorry — something went wrong on my side.")
    ref = resp.data["content"].rsplit(" ", 1)[-1].rstrip(".")
    (record,) = [r for r in caplog.records if ref in r.getMessage()]
    assert record.exc_info is not None and "the database caught fire" in str(record.exc_info[1])
    assert "/shouldiwatch" in record.getMessage()
    # the bot carries on
    monkeypatch.undo()
    iid = await fake.slash("shouldiwatch", {"title": "ballerina-2023"})
    assert (await fake.wait_response(iid)).data["embeds"]
    assert fake.violations == []


def _slow(
    service: Service, monkeypatch: pytest.MonkeyPatch, delay: float, error: Exception | None = None
) -> None:
    real = service.answer

    async def slow(*args, **kwargs):
        await asyncio.sleep(delay)
        if error is not None:
            raise error
        return await real(*args, **kwargs)

    monkeypatch.setattr(service, "answer", slow)


async def test_slow_work_is_deferred_then_edited_in(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_discord
    bot.defer_after = 0.05
    _slow(bot.service, monkeypatch, 0.3)
    iid = await fake.slash("shouldiwatch", {"title": "ballerina-2023"})
    resp = await fake.wait_response(iid)
    assert resp.type == 5 and resp.latency < 3
    msg = await last_message(fake, iid)
    assert msg.kind == "original_edit" and msg.embeds[0]["title"] == "Ballerina (2023)"
    assert not msg.message["flags"] & 128  # no longer "thinking"
    assert fake.violations == []


async def test_an_error_after_deferring_is_still_private(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_discord
    bot.defer_after = 0.05
    _slow(bot.service, monkeypatch, 0.2, RuntimeError("late failure"))
    iid = await fake.slash("shouldiwatch", {"title": "ballerina-2023"})
    assert (await fake.wait_response(iid)).type == 5
    (note,) = await fake.wait_messages(lambda m: m.interaction_id == iid and m.kind == "followup")
    assert note.message["flags"] & EPHEMERAL and note.content.startswith("Sorry — something went wrong")
    original = fake.interactions[iid].original_message_id
    assert original not in fake.message_store  # the public "thinking…" placeholder is gone
    assert fake.violations == []


async def test_the_catalog_still_loading_defers_instead_of_failing(
    fake_discord: FakeDiscord, bot: ShouldIWatchClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_discord
    bot.defer_after = 0.05
    service = bot.service
    index = service.index
    gate = asyncio.Event()

    async def building() -> object:
        await gate.wait()
        return index

    monkeypatch.setattr(service, "_index", None)  # as right after start, before the first build ends
    monkeypatch.setattr(service, "ready", building)
    iid = await fake.autocomplete("shouldiwatch", {"title": "ballerina"})
    choices = (await fake.wait_response(iid)).data["choices"]
    assert choices == [{"name": "ballerina — (still loading the catalog)", "value": "ballerina"}]

    iid = await fake.slash("shouldiwatch", {"title": "ballerina 2023"})
    assert (await fake.wait_response(iid)).type == 5
    monkeypatch.setattr(service, "_index", index)
    gate.set()
    msg = await last_message(fake, iid)
    assert msg.embeds[0]["title"] == "Ballerina (2023)"
    assert fake.violations == []
