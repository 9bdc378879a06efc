"""Tests of the fake Discord with a real, unmodified discord.py client (a throwaway toy bot)."""

from __future__ import annotations

import asyncio
import io
import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import discord.gateway
import discord.http
import pytest
from discord import app_commands

from tests.discord_fake import DEFAULT_GUILD_ID, PRIVILEGED_INTENTS, FakeDiscord, limits
from tests.discord_fake.conftest_helpers import (
    BlockedHostError,
    fake_discord,  # noqa: F401  (fixture)
    no_network,  # noqa: F401  (fixture)
    running_client,
)

pytestmark = pytest.mark.timeout(10)

GUILD_ID = DEFAULT_GUILD_ID
NONE = discord.AllowedMentions.none()


# --------------------------------------------------------------------------- the toy bot
class PickView(discord.ui.View):
    def __init__(self, client: ToyClient) -> None:
        super().__init__(timeout=60)
        self.client = client

    @discord.ui.select(
        custom_id="pick:menu",
        placeholder="Choose a film",
        options=[
            discord.SelectOption(label="Alien", value="a"),
            discord.SelectOption(label="Brazil", value="b", description="1985"),
            discord.SelectOption(label="Decide later", value="later"),
        ],
    )
    async def menu(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        value = select.values[0]
        if value == "later":
            await interaction.response.defer()  # type 6
            await interaction.followup.send("Later it is.", ephemeral=True)
        else:
            await interaction.response.edit_message(content=f"You picked {value}", view=None)  # type 7
            self.stop()


class ToyClient(discord.Client):
    def __init__(self) -> None:
        super().__init__(intents=discord.Intents.default(), allowed_mentions=NONE, guild_ready_timeout=0.05)
        self.tree = app_commands.CommandTree(self)
        self.errors: list[BaseException] = []
        self.seen: list[discord.Message] = []
        self.gate = asyncio.Event()
        self.changed = asyncio.Event()
        self._register()

    def note(self, bucket: list[Any], item: Any) -> None:
        """Record something the bot saw or raised, and wake tests waiting for it."""
        bucket.append(item)
        self.changed.set()
        self.changed = asyncio.Event()

    async def until(self, check: Any, within: float = 3) -> None:
        """Wait until ``check()`` holds, re-checking whenever the bot notes something."""
        async with asyncio.timeout(within):
            while not check():
                await self.changed.wait()

    async def setup_hook(self) -> None:
        await self.tree.sync()
        await self.tree.sync(guild=discord.Object(GUILD_ID))

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.note(self.seen, message)
        if message.guild is not None:
            return
        try:
            if message.content == "raw":  # deliberately without allowed_mentions
                route = discord.http.Route(
                    "POST", "/channels/{channel_id}/messages", channel_id=message.channel.id
                )
                await self.http.request(route, json={"content": "raw reply"})
            else:
                await message.reply(f"echo: {message.content}")
        except discord.HTTPException as e:
            self.note(self.errors, e)

    def _register(self) -> None:
        tree, client = self.tree, self

        async def on_error(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
            client.note(client.errors, getattr(error, "original", error))

        tree.on_error = on_error

        @tree.command(description="Should I watch this film?")
        async def film(interaction: discord.Interaction, title: str) -> None:
            embed = discord.Embed(title=title, description=f"Verdict for {title}: watch it.")
            embed.add_field(name="Warnings", value="None found")
            await interaction.response.send_message(embed=embed)

        @film.autocomplete("title")
        async def film_title(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            if current == "long":
                return [app_commands.Choice(name="x" * 101, value="x")]
            return [app_commands.Choice(name=f"{current} {i}", value=f"{current}-{i}") for i in range(3)]

        @tree.command(description="Slow answer: defer, then edit")
        async def slow(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await asyncio.sleep(0.01)
            await interaction.edit_original_response(content="done")

        @tree.command(description="Pick from a menu")
        async def pick(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Pick one", view=PickView(client))

        @tree.command(name="dm-me", description="Send me a DM")
        async def dm_me(interaction: discord.Interaction) -> None:
            try:
                await interaction.user.send("hello in private")
            except discord.Forbidden as e:
                client.note(client.errors, e)
                await interaction.response.send_message("I can't DM you.", ephemeral=True)
            else:
                await interaction.response.send_message("Sent.", ephemeral=True)

        @tree.command(description="Break a limit")
        async def bad(interaction: discord.Interaction, kind: str) -> None:
            if kind == "description":
                await interaction.response.send_message(embed=discord.Embed(description="x" * 4097))
            elif kind == "content":
                await interaction.response.send_message("y" * 2001)

        @tree.command(description="Answer with a file")
        async def report(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(
                "Report attached", file=discord.File(io.BytesIO(b"abc"), "r.txt")
            )
            await interaction.followup.send(file=discord.File(io.BytesIO(b"defg"), "more.txt"))

        @tree.command(description="Wait for the test, then answer")
        async def gate(interaction: discord.Interaction, mode: str) -> None:
            if mode == "defer":
                await interaction.response.defer()
            await client.gate.wait()
            if mode == "defer":
                await interaction.edit_original_response(content="finally")
            else:
                await interaction.response.send_message("finally")

        @tree.command(description="Guild-only ping", guild=discord.Object(GUILD_ID))
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong")


@pytest.fixture
async def bot(fake_discord: FakeDiscord) -> AsyncIterator[ToyClient]:  # noqa: F811
    client = ToyClient()
    async with running_client(client, fake_discord):
        yield client


def _errors_of(client: ToyClient, kind: type[BaseException]) -> list[Any]:
    return [e for e in client.errors if isinstance(e, kind)]


# --------------------------------------------------------------------------- login, sync, gateway
async def test_login_ready_and_sync(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    ident = await fake.wait_identified()
    assert ident["token"] == "fake-token"
    assert fake.intents is not None and fake.intents & PRIVILEGED_INTENTS == 0
    assert bot.user is not None and bot.user.id == fake.bot_user_id
    assert bot.application_id == fake.app_id
    guild = bot.get_guild(GUILD_ID)
    assert guild is not None and guild.me is not None and guild.text_channels
    assert {c["name"] for c in fake.synced_commands["global"]} == {
        "film",
        "slow",
        "pick",
        "dm-me",
        "bad",
        "report",
        "gate",
    }
    assert [c["name"] for c in fake.synced_commands[GUILD_ID]] == ["ping"]
    assert all(c["guild_id"] == str(GUILD_ID) for c in fake.synced_commands[GUILD_ID])
    me = [r for r in fake.requests if r.path in ("/users/@me", "/oauth2/applications/@me")]
    assert len(me) == 2 and all(r.headers["Authorization"] == "Bot fake-token" for r in me)
    assert fake.gateway_connections[0].query["compress"] in ("zlib-stream", "zstd-stream")
    assert fake.violations == []


async def test_responses_are_exactly_application_json(fake_discord: FakeDiscord) -> None:  # noqa: F811
    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": "Bot t"}
        async with session.get(f"{fake_discord.base_url}/users/@me", headers=headers) as resp:
            assert resp.status == 200
            assert resp.headers["Content-Type"] == "application/json"
            assert (await resp.json())["bot"] is True


async def test_reconnect_resumes_on_resume_gateway_url(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    await fake.wait_identified()
    await fake.request_reconnect()
    resume = await fake.wait_resumed()
    assert resume["token"] == "fake-token" and resume["seq"] >= 2
    assert fake.gateway_connections[-1].path == "/resume-gateway"
    assert len(fake.identifies) == 1
    iid = await fake.slash("film", {"title": "Heat"})
    assert (await fake.wait_response(iid)).type == 4


# --------------------------------------------------------------------------- interactions
async def test_slash_replies_with_embed(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    iid = await fake.slash("film", {"title": "Alien"})
    resp = await fake.wait_response(iid)
    assert resp.type == 4 and resp.status == 200
    assert resp.latency < limits.INITIAL_RESPONSE_SECONDS
    embed = resp.data["embeds"][0]
    assert embed["title"] == "Alien" and embed["fields"][0]["value"] == "None found"
    assert resp.data["allowed_mentions"] == {"parse": []}
    assert resp.request.query == {"with_response": "1"} and "Authorization" not in resp.request.headers
    sent = fake.messages[-1]
    assert sent.kind == "callback" and sent.interaction_id == iid and sent.guild_id == GUILD_ID
    assert fake.interactions[iid].payload["data"]["id"] == str(fake.command_id("film"))
    # the same command in the bot's DM
    iid = await fake.slash("film", {"title": "Ran"}, guild_id=None)
    resp = await fake.wait_response(iid)
    assert resp.status == 200 and resp.data["embeds"][0]["title"] == "Ran"
    assert fake.messages[-1].guild_id is None
    assert fake.violations == []


async def test_guild_scoped_command_carries_guild_id(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    iid = await fake_discord.slash("ping")
    resp = await fake_discord.wait_response(iid)
    assert resp.data["content"] == "pong"
    data = fake_discord.interactions[iid].payload["data"]
    assert data["guild_id"] == str(GUILD_ID) and data["id"] == str(fake_discord.command_id("ping", GUILD_ID))
    assert fake_discord.violations == []


async def test_defer_then_edit_original(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    iid = await fake.slash("slow")
    resp = await fake.wait_response(iid)
    assert resp.type == 5 and resp.status == 200
    (edit,) = await fake.wait_messages(lambda m: m.interaction_id == iid and m.kind == "original_edit")
    assert edit.content == "done"
    assert edit.message["flags"] & 128 == 0  # no longer "thinking"
    patch = [r for r in fake.requests if r.method == "PATCH"]
    assert patch[-1].path.endswith("/messages/@original") and patch[-1].status == 200
    assert fake.violations == []


async def test_autocomplete_returns_choices(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    iid = await fake_discord.autocomplete("film", {"title": "Ali"})
    assert fake_discord.interactions[iid].payload["data"]["options"][0]["focused"] is True
    resp = await fake_discord.wait_response(iid)
    assert resp.type == 8 and resp.status == 200
    assert [c["name"] for c in resp.data["choices"]] == ["Ali 0", "Ali 1", "Ali 2"]
    assert fake_discord.violations == []


async def test_select_menu_component(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    iid = await fake.slash("pick")
    await fake.wait_response(iid)
    menu_msg = fake.messages[-1]
    assert menu_msg.components[0]["components"][0]["custom_id"] == "pick:menu"

    later = await fake.component("pick:menu", ["later"], message=menu_msg)
    resp = await fake.wait_response(later)
    assert resp.type == 6 and resp.status == 200
    (followup,) = await fake.wait_messages(lambda m: m.interaction_id == later and m.kind == "followup")
    assert followup.content == "Later it is." and followup.message["flags"] & 64

    chosen = await fake.component("pick:menu", ["a"], message=menu_msg)
    resp = await fake.wait_response(chosen)
    assert resp.type == 7 and resp.status == 200
    assert fake.message_store[menu_msg.id]["content"] == "You picked a"
    assert fake.message_store[menu_msg.id]["components"] == []
    assert fake.violations == []


async def test_dm_message_gets_a_reply(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    msg = await fake.message("hello there")
    path = f"/channels/{msg['channel_id']}/messages"
    (req,) = await fake.wait_requests(lambda r: r.method == "POST" and r.path == path)
    assert req.status == 200 and req.json["content"] == "echo: hello there"
    assert req.json["allowed_mentions"] == {"parse": []}
    assert req.json["message_reference"]["message_id"] == int(msg["id"])
    assert fake.messages[-1].kind == "channel" and fake.messages[-1].guild_id is None
    assert fake.messages[-1].message["referenced_message"]["id"] == msg["id"]
    assert fake.violations == []


async def test_files_arrive_as_multipart(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    iid = await fake.slash("report")
    resp = await fake.wait_response(iid)
    assert resp.status == 200 and resp.data["content"] == "Report attached"
    assert [(f.filename, f.size) for f in resp.request.files] == [("r.txt", 3)]
    (followup,) = await fake.wait_messages(lambda m: m.kind == "followup" and m.interaction_id == iid)
    assert [(a["filename"], a["size"]) for a in followup.message["attachments"]] == [("more.txt", 4)]
    assert fake.violations == []


async def test_guild_message_content_needs_mention_without_intent(
    fake_discord: FakeDiscord,  # noqa: F811
    bot: ToyClient,
) -> None:
    fake = fake_discord
    await fake.message("a secret", guild_id=GUILD_ID)
    await fake.message("hey bot", guild_id=GUILD_ID, mentions_bot=True)
    await bot.until(lambda: len(bot.seen) == 2)
    assert bot.seen[0].content == ""
    assert bot.seen[1].content.endswith("hey bot") and bot.user in bot.seen[1].mentions
    assert fake.violations == []


async def test_many_interactions_at_once(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    ids = await asyncio.gather(*(fake.slash("film", {"title": f"Film {i}"}) for i in range(40)))
    responses = await asyncio.gather(*(fake.wait_response(i) for i in ids))
    assert all(r.status == 200 and r.type == 4 for r in responses)
    assert max(r.latency for r in responses) < limits.INITIAL_RESPONSE_SECONDS
    assert fake.violations == []


# --------------------------------------------------------------------------- violations and failures
async def test_limit_violations_are_caught(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    iid = await fake.autocomplete("film", {"title": "long"})
    resp = await fake.wait_response(iid)
    assert resp.status == 400
    assert any("data.choices.0.name: must be 100 or fewer" in v for v in fake.violations)

    iid = await fake.slash("bad", {"kind": "description"})
    resp = await fake.wait_response(iid)
    assert resp.status == 400
    assert any(
        "data.embeds.0.description: must be 4096 or fewer in length (got 4097)" in v for v in fake.violations
    )
    await bot.until(lambda: _errors_of(bot, discord.HTTPException))
    error = _errors_of(bot, discord.HTTPException)[0]
    assert error.code == 50035 and "data.embeds.0.description" in str(error)

    iid = await fake.slash("bad", {"kind": "content"})
    assert (await fake.wait_response(iid)).status == 400
    assert any("data.content: must be 2000 or fewer" in v for v in fake.violations)

    fake.violations.clear()
    await fake.message("raw")
    await fake.wait_requests(lambda r: r.method == "POST" and r.json == {"content": "raw reply"})
    assert len(fake.violations) == 1 and "allowed_mentions: missing" in fake.violations[0]
    fake.violations.clear()


async def test_fail_next_makes_the_client_raise_forbidden(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    fake.fail_next("POST", r"^/channels/\d+/messages$")
    iid = await fake.slash("dm-me")
    resp = await fake.wait_response(iid)
    assert resp.data["content"] == "I can't DM you." and resp.data["flags"] & 64
    (forbidden,) = _errors_of(bot, discord.Forbidden)
    assert forbidden.status == 403 and forbidden.code == 50007
    # the failure is used up: the next DM goes through
    iid = await fake.slash("dm-me")
    assert (await fake.wait_response(iid)).data["content"] == "Sent."
    dm = fake.dm_channel_id(int(fake.default_user["id"]))
    assert [m.content for m in fake.messages if m.channel_id == dm and m.kind == "channel"] == [
        "hello in private"
    ]
    assert fake.violations == []


async def test_second_initial_response_is_rejected(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    iid = await fake.slash("film", {"title": "Alien"})
    await fake.wait_response(iid)
    token = fake.interactions[iid].token
    async with aiohttp.ClientSession() as session:
        url = f"{fake.base_url}/interactions/{iid}/{token}/callback"
        body = {"type": 4, "data": {"content": "again", "allowed_mentions": {"parse": []}}}
        async with session.post(url, json=body) as resp:
            assert resp.status == 400
            assert (await resp.json())["code"] == 40060
    assert len(fake.interactions[iid].callbacks) == 2
    assert len(fake.violations) == 1 and "already acknowledged" in fake.violations[0]
    fake.violations.clear()


async def test_late_response_and_expired_token(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    fake = fake_discord
    iid = await fake.slash("gate", {"mode": "reply"})
    fake.advance_time(3.5)
    bot.gate.set()
    resp = await fake.wait_response(iid)
    assert resp.status == 404 and resp.latency > 3
    await bot.until(lambda: _errors_of(bot, discord.NotFound))
    assert _errors_of(bot, discord.NotFound)[0].code == 10062
    assert len(fake.violations) == 1 and "after dispatch (limit 3s)" in fake.violations[0]

    fake.violations.clear()
    bot.gate.clear()
    iid = await fake.slash("gate", {"mode": "defer"})
    assert (await fake.wait_response(iid)).type == 5
    fake.advance_time(15 * 60 + 1)
    bot.gate.set()
    (patch,) = await fake.wait_requests(lambda r: r.method == "PATCH" and r.path.endswith("@original"))
    assert patch.status == 401
    assert len(fake.violations) == 1 and "valid 15 minutes" in fake.violations[0]
    fake.violations.clear()


async def test_unhandled_route_is_a_violation(fake_discord: FakeDiscord, bot: ToyClient) -> None:  # noqa: F811
    with pytest.raises(discord.NotFound):
        await bot.http.request(discord.http.Route("GET", "/guilds/{guild_id}/roles", guild_id=GUILD_ID))
    assert fake_discord.violations == [f"unhandled route: GET /guilds/{GUILD_ID}/roles"]
    fake_discord.violations.clear()


async def test_malformed_dispatch_ends_the_client_and_is_reported(fake_discord: FakeDiscord) -> None:  # noqa: F811
    with pytest.raises(AssertionError, match="client task ended"):
        async with running_client(ToyClient(), fake_discord) as task:
            await fake_discord.dispatch("INTERACTION_CREATE", {"id": "1", "type": 2})  # no token, no data...
            await asyncio.wait({task}, timeout=3)


async def test_tasks_left_running_fail_the_test(fake_discord: FakeDiscord) -> None:  # noqa: F811
    stray: asyncio.Task[None] | None = None
    with pytest.raises(AssertionError, match="tasks still running"):
        async with running_client(ToyClient(), fake_discord):
            stray = asyncio.create_task(asyncio.sleep(30))
    assert stray is not None and stray.cancelled()


# --------------------------------------------------------------------------- isolation
async def test_no_network_blocks_other_hosts(no_network: list[str]) -> None:  # noqa: F811
    with pytest.raises(BlockedHostError):
        socket.getaddrinfo("discord.com", 443)
    with pytest.raises(BlockedHostError):
        await asyncio.get_running_loop().getaddrinfo("gateway.discord.gg", 443)
    assert socket.getaddrinfo("127.0.0.1", 80)
    assert no_network == ["discord.com", "gateway.discord.gg"]


async def test_patched_restores_discord_defaults(no_network: list[str]) -> None:  # noqa: F811
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    async with FakeDiscord() as fake:
        with fake.patched():
            assert discord.http.Route.BASE == fake.base_url
            assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == fake.gateway_url
    assert (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == (base, gateway)


# --------------------------------------------------------------------------- limit checkers (pure)
def _embed(**kw: Any) -> dict[str, Any]:
    return {"content": None, "embeds": [kw], "allowed_mentions": {"parse": []}}


def _select(options: int = 3, **kw: Any) -> dict[str, Any]:
    select = {
        "type": 3,
        "custom_id": "menu",
        "options": [{"label": f"o{i}", "value": f"v{i}"} for i in range(options)],
        **kw,
    }
    return {"content": "x", "components": [{"type": 1, "components": [select]}]}


MESSAGE_CASES = [
    ("ok", {"content": "hi"}, None),
    ("content-2000", {"content": "x" * 2000}, None),
    ("content-2001", {"content": "x" * 2001}, "content: must be 2000 or fewer"),
    ("11-embeds", {"embeds": [{"title": "t"}] * 11}, "embeds: must be 10 or fewer"),
    ("title-257", _embed(title="t" * 257), "embeds.0.title: must be 256 or fewer"),
    ("description-4096", _embed(description="d" * 4096), None),
    ("description-4097", _embed(description="d" * 4097), "embeds.0.description: must be 4096 or fewer"),
    ("26-fields", _embed(fields=[{"name": "n", "value": "v"}] * 26), "embeds.0.fields: must be 25 or fewer"),
    ("field-name-empty", _embed(fields=[{"name": "", "value": "v"}]), "fields.0.name: must be 1 or more"),
    (
        "field-name-257",
        _embed(fields=[{"name": "n" * 257, "value": "v"}]),
        "fields.0.name: must be 256 or fewer",
    ),
    ("field-value-empty", _embed(fields=[{"name": "n", "value": ""}]), "fields.0.value: must be 1 or more"),
    ("field-value-1025", _embed(fields=[{"name": "n", "value": "v" * 1025}]), "fields.0.value: must be 1024"),
    ("footer-2049", _embed(footer={"text": "f" * 2049}), "footer.text: must be 2048 or fewer"),
    ("author-257", _embed(author={"name": "a" * 257}), "author.name: must be 256 or fewer"),
    (
        "total-6001",
        {"embeds": [{"description": "d" * 4000}, {"description": "d" * 2001}]},
        "embed size exceeds maximum size of 6000 (got 6001)",
    ),
    ("select-25", _select(25), None),
    ("select-26", _select(26), "options: must be 25 or fewer"),
    ("select-placeholder-151", _select(placeholder="p" * 151), "placeholder: must be 150 or fewer"),
    ("select-custom-id-101", _select(custom_id="c" * 101), "custom_id: must be 100 or fewer"),
    (
        "select-label-101",
        {
            "components": [
                {
                    "type": 1,
                    "components": [
                        {"type": 3, "custom_id": "m", "options": [{"label": "l" * 101, "value": "v"}]}
                    ],
                }
            ]
        },
        "options.0.label: must be 100 or fewer",
    ),
    (
        "select-label-empty",
        {
            "components": [
                {
                    "type": 1,
                    "components": [{"type": 3, "custom_id": "m", "options": [{"label": "", "value": "v"}]}],
                }
            ]
        },
        "options.0.label: must be 1 or more",
    ),
    (
        "select-value-101",
        {
            "components": [
                {
                    "type": 1,
                    "components": [
                        {"type": 3, "custom_id": "m", "options": [{"label": "l", "value": "v" * 101}]}
                    ],
                }
            ]
        },
        "options.0.value: must be 100 or fewer",
    ),
    (
        "select-description-101",
        {
            "components": [
                {
                    "type": 1,
                    "components": [
                        {
                            "type": 3,
                            "custom_id": "m",
                            "options": [{"label": "l", "value": "v", "description": "d" * 101}],
                        }
                    ],
                }
            ]
        },
        "options.0.description: must be 100 or fewer",
    ),
    (
        "button-custom-id-101",
        {
            "components": [
                {"type": 1, "components": [{"type": 2, "style": 1, "label": "b", "custom_id": "c" * 101}]}
            ]
        },
        "components.0.components.0.custom_id: must be 100 or fewer",
    ),
    (
        "6-rows",
        {
            "components": [
                {"type": 1, "components": [{"type": 2, "style": 1, "custom_id": f"b{i}"}]} for i in range(6)
            ]
        },
        "components: must be 5 or fewer",
    ),
]


@pytest.mark.parametrize(
    ("payload", "expected"), [c[1:] for c in MESSAGE_CASES], ids=[c[0] for c in MESSAGE_CASES]
)
def test_check_message(payload: dict[str, Any], expected: str | None) -> None:
    problems = limits.check_message(payload)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


def _choices(n: int = 1, name: str = "c", value: Any = "v") -> dict[str, Any]:
    return {"choices": [{"name": name, "value": value}] * n}


AUTOCOMPLETE_CASES = [
    ("ok", _choices(25), None),
    ("26", _choices(26), "data.choices: must be 25 or fewer"),
    ("name-empty", _choices(name=""), "data.choices.0.name: must be 1 or more"),
    ("name-100", _choices(name="n" * 100), None),
    ("name-101", _choices(name="n" * 101), "data.choices.0.name: must be 100 or fewer"),
    ("value-101", _choices(value="v" * 101), "data.choices.0.value: must be 100 or fewer"),
    ("int-value", _choices(value=10**6), None),
    ("bad-value", _choices(value=None), "data.choices.0.value: must be a string, integer or number"),
    ("not-a-list", {"choices": None}, "data.choices: must be a list"),
]


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in AUTOCOMPLETE_CASES], ids=[c[0] for c in AUTOCOMPLETE_CASES]
)
def test_check_autocomplete(data: dict[str, Any], expected: str | None) -> None:
    problems = limits.check_autocomplete(data)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


ALLOWED_MENTIONS_CASES = [
    ("none", {"allowed_mentions": {"parse": []}}, None),
    ("missing", {"content": "hi"}, "allowed_mentions: missing"),
    ("everyone", {"allowed_mentions": {"parse": ["everyone"]}}, "allowed_mentions.parse: must be []"),
    (
        "users-list",
        {"allowed_mentions": {"parse": [], "users": [1]}},
        "allowed_mentions.users: must be empty",
    ),
    (
        "replied-user",
        {"allowed_mentions": {"parse": [], "replied_user": True}},
        "replied_user: must be false",
    ),
]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [c[1:] for c in ALLOWED_MENTIONS_CASES],
    ids=[c[0] for c in ALLOWED_MENTIONS_CASES],
)
def test_check_allowed_mentions(payload: dict[str, Any], expected: str | None) -> None:
    problems = limits.check_allowed_mentions(payload)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


CALLBACK_CASES = [
    ("message-to-command", 4, {"content": "hi"}, 2, None),
    ("empty-message", 4, {"content": ""}, 2, "data.content: cannot send an empty message"),
    ("defer-to-command", 5, None, 2, None),
    ("update-to-command", 7, {"content": "x"}, 2, "callback type 7 is not valid for interaction type 2"),
    ("deferred-update-to-component", 6, None, 3, None),
    ("choices-to-command", 8, {"choices": []}, 2, "not valid for interaction type 2"),
    ("message-to-autocomplete", 4, {"content": "x"}, 4, "not valid for interaction type 4"),
    ("choices-to-autocomplete", 8, {"choices": [{"name": "n", "value": "v"}]}, 4, None),
    (
        "modal-title-46",
        9,
        {"title": "t" * 46, "custom_id": "m", "components": [{"type": 1, "components": []}]},
        2,
        "data.title",
    ),
]


@pytest.mark.parametrize(
    ("ctype", "data", "itype", "expected"),
    [c[1:] for c in CALLBACK_CASES],
    ids=[c[0] for c in CALLBACK_CASES],
)
def test_check_callback(ctype: int, data: Any, itype: int, expected: str | None) -> None:
    problems = limits.check_callback(ctype, data, itype)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


def test_check_commands_and_error_body() -> None:
    good = [
        {"name": "film", "description": "d", "options": [{"type": 3, "name": "title", "description": "t"}]}
    ]
    assert limits.check_commands(good) == []
    bad = [{"name": "Film Night", "description": ""}, {"name": "x", "description": "d", "options": [{}] * 26}]
    problems = limits.check_commands(bad)
    assert any(p.startswith("0.name:") for p in problems) and any(
        p.startswith("0.description:") for p in problems
    )
    assert any(p.startswith("1.options: must be 25 or fewer") for p in problems)
    body = limits.errors_body(["data.content: must be 2000 or fewer in length (got 2001)"])
    assert body == {
        "data": {
            "content": {
                "_errors": [
                    {"code": "FAKE_DISCORD_LIMIT", "message": "must be 2000 or fewer in length (got 2001)"}
                ]
            }
        }
    }
