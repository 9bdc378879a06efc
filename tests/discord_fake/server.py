"""FakeDiscord: an aiohttp server on 127.0.0.1 that speaks enough of Discord's REST API and
gateway for an unmodified discord.py 2.7.1 client, and records and checks what the bot sends.

Times (``at``, ``dispatched_at``) come from :meth:`FakeDiscord.now`: ``time.monotonic()`` plus
whatever :meth:`FakeDiscord.advance_time` added, so tests can age interactions without sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import secrets
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import discord
import discord.gateway
import discord.http
import orjson
import yarl
from aiohttp import WSMsgType, web
from multidict import CIMultiDict

from . import limits, payloads

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
RESUME_GATEWAY_PATH = "/resume-gateway"

INTENT_MEMBERS = 1 << 1
INTENT_PRESENCES = 1 << 8
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_MEMBERS | INTENT_PRESENCES | INTENT_MESSAGE_CONTENT

DEFAULT_APP_ID = 100_000_000_000_000_001  # also the bot user's id, as for any modern Discord app
DEFAULT_GUILD_ID = 300_000_000_000_000_001

FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7


class _FirstGuild:
    def __repr__(self) -> str:
        return "FIRST_GUILD"


# Default for ``guild_id`` arguments where None already means something (the bot's DM).
FIRST_GUILD: Any = _FirstGuild()
_DEFAULT = FIRST_GUILD


@dataclass
class RecordedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    size: int
    content_type: str | None


@dataclass
class RecordedRequest:
    """One REST request the client made, as the fake saw it."""

    method: str
    path: str  # without the /api/v10 prefix, percent-decoded ("/webhooks/1/tok/messages/@original")
    query: dict[str, str]
    json: Any  # parsed body; for multipart, the parsed payload_json field
    headers: CIMultiDict[str]
    at: float
    files: list[RecordedFile] = field(default_factory=list)
    status: int = 0
    response: Any = None


_REC = web.RequestKey("fake_discord_record", RecordedRequest)


@dataclass
class RecordedCallback:
    """An interaction callback (``POST /interactions/{id}/{token}/callback``)."""

    interaction_id: int
    type: Any  # the callback type the bot sent (4, 5, 6, 7, 8, 9...)
    data: Any
    at: float
    dispatched_at: float
    status: int
    request: RecordedRequest

    @property
    def latency(self) -> float:
        """Seconds from dispatching the interaction to receiving this callback."""
        return self.at - self.dispatched_at


@dataclass
class RecordedMessage:
    """A message the bot created or edited; ``message`` is the full object after the operation."""

    kind: str  # channel | callback | update | followup | original_edit | webhook_edit | channel_edit
    id: int
    channel_id: int
    guild_id: int | None
    interaction_id: int | None
    payload: Any  # what the bot sent
    message: dict[str, Any]
    at: float

    @property
    def content(self) -> str:
        """The message content after the operation."""
        return self.message.get("content") or ""

    @property
    def embeds(self) -> list[dict[str, Any]]:
        """The message embeds after the operation."""
        return self.message.get("embeds") or []

    @property
    def components(self) -> list[dict[str, Any]]:
        """The message components after the operation."""
        return self.message.get("components") or []


@dataclass
class FakeInteraction:
    """An interaction the fake dispatched, and what the bot did with it."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    dispatched_at: float
    channel_id: int
    guild_id: int | None
    user: dict[str, Any]
    source_message_id: int | None = None  # the message a component belongs to
    callbacks: list[RecordedCallback] = field(default_factory=list)
    acknowledged: bool = False
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)


@dataclass
class _GatewayConn:
    ws: web.WebSocketResponse
    path: str
    query: dict[str, str]
    identified: bool = False


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    code: int
    message: str
    remaining: int


class _Reply(Exception):
    """Raised inside handlers to answer with an error immediately."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors


def _dumps(obj: Any) -> bytes:
    """JSON as Discord sends it (orjson: the fake's own encoding must not weigh on load benches)."""
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS)


def _json_response(status: int, obj: Any) -> web.Response:
    # Exactly "application/json": discord.py ignores JSON bodies whose content type has a charset.
    return web.Response(status=status, body=_dumps(obj), content_type="application/json")


def _error_body(code: int, message: str, errors: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if errors:
        body["errors"] = errors
    return body


def _truthy(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true")


class FakeDiscord:
    """A fake Discord (REST + gateway) on 127.0.0.1 for discord.py clients under test."""

    def __init__(
        self,
        *,
        app_id: int = DEFAULT_APP_ID,
        bot_user_id: int | None = None,
        guilds: list[int] | tuple[int, ...] = (DEFAULT_GUILD_ID,),
        bot_name: str = "fakebot",
        token: str | None = None,
        heartbeat_interval: int = 45_000,
        reject_late: bool = True,
    ) -> None:
        """Configure ids, guilds, the accepted token and how strict the interaction deadline is.

        ``token=None`` accepts any bot token. ``reject_late`` answers a first callback later than
        3 s with 404 Unknown interaction (as Discord does) besides recording the violation.
        """
        self.app_id = app_id
        self.bot_user_id = bot_user_id if bot_user_id is not None else app_id
        self.guild_ids: list[int] = list(guilds)
        self.token = token
        self.heartbeat_interval = heartbeat_interval
        self.reject_late = reject_late
        self.snowflake = payloads.SnowflakeGenerator(worker=7)

        self.bot_user = payloads.bot_user(self.bot_user_id, bot_name)
        self.owner = payloads.user(200_000_000_000_000_000, "owner")
        self.default_user = payloads.user(200_000_000_000_000_001, "tester")
        self.users: dict[int, dict[str, Any]] = {}
        for u in (self.bot_user, self.owner, self.default_user):
            self.add_user(u)

        # channels: id -> channel payload; guild text channels and DM channels
        self.channels: dict[int, dict[str, Any]] = {}
        self.guild_channels: dict[int, list[int]] = {}
        self._dm_by_user: dict[int, int] = {}
        for gid in self.guild_ids:
            cid = self.snowflake()
            self.channels[cid] = payloads.text_channel(cid, gid, "general")
            self.guild_channels[gid] = [cid]

        # records
        self.requests: list[RecordedRequest] = []
        self.violations: list[str] = []
        self.messages: list[RecordedMessage] = []
        self.callbacks: list[RecordedCallback] = []
        self.interactions: dict[int, FakeInteraction] = {}
        self.synced_commands: dict[str | int, list[dict[str, Any]]] = {}
        self.message_store: dict[int, dict[str, Any]] = {}
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[dict[str, Any]] = []
        self.gateway_received: list[dict[str, Any]] = []
        self.gateway_sent: list[dict[str, Any]] = []
        self.gateway_connections: list[_GatewayConn] = []

        self._message_meta: dict[int, tuple[int, int | None]] = {}  # id -> (channel_id, guild_id)
        self._tokens: dict[str, int] = {}
        self._command_ids: dict[tuple[str | int, int, str], int] = {}
        self._failures: list[_Failure] = []
        self._time_offset = 0.0
        self._seq = 0
        self._session_id: str | None = None
        self._session: _GatewayConn | None = None
        self._open_ws: set[web.WebSocketResponse] = set()
        self._changed: asyncio.Event | None = None
        # interaction id -> futures waiting for its first callback (a load test waits on many at
        # once; waking every waiter on every change would cost the harness more than the bot)
        self._callback_waiters: dict[int, list[asyncio.Future[RecordedCallback]]] = {}
        self.ready_sent = 0  # IDENTIFYs answered with READY and every GUILD_CREATE
        self.resumed_sent = 0  # RESUMEs answered with RESUMED
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        """Bind 127.0.0.1 on an ephemeral port and serve REST under /api/v10 and the gateway."""
        self._changed = asyncio.Event()
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        self._add_routes(app)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5, access_log=None, handle_signals=False)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        site = web.SockSite(self._runner, sock)
        await site.start()

    async def stop(self) -> None:
        """Close every gateway connection and the server (close the client under test first)."""
        for ws in list(self._open_ws):
            with contextlib.suppress(Exception):
                await ws.close(code=1001, message=b"fake discord stopping")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        """``async with FakeDiscord() as fake`` starts and stops it."""
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Stop the fake."""
        await self.stop()

    @property
    def base_url(self) -> str:
        """The REST base, ``http://127.0.0.1:PORT/api/v10`` (what ``Route.BASE`` is set to)."""
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        """The gateway websocket URL (what ``DiscordWebSocket.DEFAULT_GATEWAY`` is set to)."""
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    @property
    def resume_gateway_url(self) -> str:
        """The ``resume_gateway_url`` READY announces (a different path, so tests can tell)."""
        return f"ws://127.0.0.1:{self.port}{RESUME_GATEWAY_PATH}"

    @contextlib.contextmanager
    def patched(self) -> Iterator[FakeDiscord]:
        """Point discord.py's ``Route.BASE`` and ``DEFAULT_GATEWAY`` at the fake; restore on exit."""
        if not self.port:
            raise RuntimeError("start() the fake before patching discord.py")
        old_base = discord.http.Route.BASE
        old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.base_url
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield self
        finally:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    # ------------------------------------------------------------------ clock and waiting
    def now(self) -> float:
        """The fake's clock: ``time.monotonic()`` plus :meth:`advance_time` offsets."""
        return time.monotonic() + self._time_offset

    def advance_time(self, seconds: float) -> None:
        """Move the fake's clock forward (to test the 3 s and 15 min interaction deadlines)."""
        self._time_offset += seconds

    def _notify(self) -> None:
        if self._changed is not None:
            self._changed.set()
            self._changed = asyncio.Event()

    async def _wait_for(self, check: Callable[[], Any], seconds: float, what: Callable[[], str]) -> Any:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while True:
            result = check()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {seconds}s waiting for {what()}")
            assert self._changed is not None, "start() the fake first"
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    def _recent(self) -> str:
        tail = [f"{r.method} {self._redact(r.path)} -> {r.status}" for r in self.requests[-8:]]
        return f"recent requests: {tail}; violations: {self.violations[-5:]}"

    async def wait_identified(self, timeout: float = 5, *, count: int = 1) -> dict[str, Any]:  # noqa: ASYNC109
        """Wait until ``count`` IDENTIFYs got READY plus every GUILD_CREATE; return the last IDENTIFY data."""
        await self._wait_for(
            lambda: self.ready_sent >= count,
            timeout,
            lambda: f"IDENTIFY number {count}; {self._recent()}",
        )
        return self.identifies[-1]

    async def wait_resumed(self, timeout: float = 5, *, count: int = 1) -> dict[str, Any]:  # noqa: ASYNC109
        """Wait until ``count`` RESUMEs got RESUMED; return the last RESUME data."""
        await self._wait_for(
            lambda: self.resumed_sent >= count,
            timeout,
            lambda: f"RESUME number {count}; {self._recent()}",
        )
        return self.resumes[-1]

    async def wait_response(self, interaction_id: int, timeout: float = 5) -> RecordedCallback:  # noqa: ASYNC109
        """Wait for the (first) callback the bot sent for an interaction."""
        inter = self.interactions[interaction_id]
        if inter.callbacks:
            return inter.callbacks[0]
        waiter: asyncio.Future[RecordedCallback] = asyncio.get_running_loop().create_future()
        self._callback_waiters.setdefault(interaction_id, []).append(waiter)
        try:
            return await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            raise TimeoutError(
                f"timed out after {timeout}s waiting for a callback to interaction {interaction_id}; "
                f"{self._recent()}"
            ) from None

    async def wait_requests(
        self,
        predicate: Callable[[RecordedRequest], bool],
        count: int = 1,
        timeout: float = 5,  # noqa: ASYNC109
    ) -> list[RecordedRequest]:
        """Wait until ``count`` recorded requests match ``predicate``; return the first ``count``."""

        def check() -> list[RecordedRequest] | None:
            found = [r for r in self.requests if predicate(r)]
            return found[:count] if len(found) >= count else None

        return await self._wait_for(check, timeout, lambda: f"{count} matching request(s); {self._recent()}")

    async def wait_messages(
        self,
        predicate: Callable[[RecordedMessage], bool] = lambda m: True,
        count: int = 1,
        timeout: float = 5,  # noqa: ASYNC109
    ) -> list[RecordedMessage]:
        """Wait until ``count`` recorded messages match ``predicate``; return the first ``count``."""

        def check() -> list[RecordedMessage] | None:
            found = [m for m in self.messages if predicate(m)]
            return found[:count] if len(found) >= count else None

        return await self._wait_for(check, timeout, lambda: f"{count} matching message(s); {self._recent()}")

    # ------------------------------------------------------------------ configuration helpers
    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int = 403,
        code: int = 50007,
        message: str = "Cannot send messages to this user",
        *,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` requests whose method matches and path ``re.search``-es fail."""
        self._failures.append(_Failure(method.upper(), re.compile(path_regex), status, code, message, times))

    def add_user(self, user: dict[str, Any]) -> dict[str, Any]:
        """Register a user payload (so ``POST /users/@me/channels`` knows it); return it."""
        self.users[int(user["id"])] = user
        return user

    def new_user(self, name: str = "someone") -> dict[str, Any]:
        """Create and register a user with a fresh id."""
        return self.add_user(payloads.user(self.snowflake(), name))

    def default_channel(self, guild_id: int) -> int:
        """The id of the guild's default text channel."""
        return self.guild_channels[guild_id][0]

    def dm_channel_id(self, user_id: int) -> int:
        """The DM channel between the bot and ``user_id`` (created on first use, stable after)."""
        cid = self._dm_by_user.get(user_id)
        if cid is None:
            cid = self.snowflake()
            self._dm_by_user[user_id] = cid
            recipient = self.users.get(user_id) or self.add_user(payloads.user(user_id, f"user{user_id}"))
            self.channels[cid] = payloads.dm_channel(cid, recipient)
        return cid

    @property
    def identify_payload(self) -> dict[str, Any] | None:
        """The ``d`` of the last IDENTIFY (token, intents, properties...), or None."""
        return self.identifies[-1] if self.identifies else None

    @property
    def intents(self) -> int | None:
        """The intents of the last IDENTIFY."""
        return self.identify_payload.get("intents") if self.identify_payload else None

    def command_id(self, name: str, guild_id: int | None = None, type: int = 1) -> int | None:
        """The id the fake assigned to a synced command (guild scope first, then global)."""
        scopes: list[str | int] = [guild_id, "global"] if guild_id is not None else ["global"]
        for scope in scopes:
            cid = self._command_ids.get((scope, type, name))
            if cid is not None and any(c["name"] == name for c in self.synced_commands.get(scope, [])):
                return cid
        return None

    def _violation(self, text: str) -> None:
        self.violations.append(text)
        self._notify()

    def _redact(self, path: str) -> str:
        return "/".join("<token>" if part in self._tokens else part for part in path.split("/"))

    # ------------------------------------------------------------------ gateway: dispatching
    async def _send(self, conn: _GatewayConn, payload: dict[str, Any]) -> None:
        self.gateway_sent.append(payload)
        await conn.ws.send_str(_dumps(payload).decode())

    async def dispatch(self, event: str, data: Any) -> int:
        """Send a raw dispatch (op 0) with the next sequence number; return the sequence number."""
        conn = self._session
        if conn is None or conn.ws.closed:
            raise RuntimeError(f"no identified gateway session to dispatch {event} on")
        self._seq += 1
        await self._send(conn, {"op": 0, "t": event, "s": self._seq, "d": data})
        return self._seq

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client drops the socket and RESUMEs on ``resume_gateway_url``."""
        conn = self._session
        if conn is None:
            raise RuntimeError("no gateway session")
        await self._send(conn, {"op": 7, "d": None, "s": None, "t": None})

    def _resolve_guild(self, guild_id: Any) -> int | None:
        if guild_id is _DEFAULT:
            return self.guild_ids[0] if self.guild_ids else None
        return guild_id

    def _context(
        self, user: dict[str, Any] | None, guild_id: Any, channel_id: int | None
    ) -> tuple[dict[str, Any], int | None, int, dict[str, Any]]:
        user = self.add_user(user) if user is not None else self.default_user
        gid = self._resolve_guild(guild_id)
        if gid is not None:
            cid = channel_id if channel_id is not None else self.default_channel(gid)
            channel = self.channels.get(cid) or payloads.text_channel(cid, gid, f"channel-{cid}")
            self.channels.setdefault(cid, channel)
        else:
            cid = channel_id if channel_id is not None else self.dm_channel_id(int(user["id"]))
            channel = self.channels.get(cid) or payloads.dm_channel(cid, user)
            self.channels.setdefault(cid, channel)
        return user, gid, cid, channel

    async def _dispatch_interaction(
        self,
        itype: int,
        data: dict[str, Any],
        *,
        user: dict[str, Any] | None,
        guild_id: Any,
        channel_id: int | None,
        locale: str,
        member_data: dict[str, Any] | None = None,
        message: dict[str, Any] | None = None,
    ) -> int:
        user, gid, cid, channel = self._context(user, guild_id, channel_id)
        iid = self.snowflake()
        token = "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48).replace("-", "x").replace("_", "y")
        payload = payloads.interaction(
            id=iid,
            application_id=self.app_id,
            type=itype,
            token=token,
            data=data,
            user=user,
            channel=channel,
            guild_id=gid,
            member_data=member_data,
            locale=locale,
            message=message,
        )
        inter = FakeInteraction(
            id=iid,
            token=token,
            type=itype,
            payload=payload,
            dispatched_at=self.now(),
            channel_id=cid,
            guild_id=gid,
            user=user,
            source_message_id=int(message["id"]) if message is not None else None,
        )
        self.interactions[iid] = inter
        self._tokens[token] = iid
        inter.dispatched_at = self.now()
        await self.dispatch("INTERACTION_CREATE", payload)
        return iid

    def _command_options(
        self, name: str, gid: int | None, options: Any, focused: str | None
    ) -> tuple[int, dict[str, Any] | None, list[dict[str, Any]]]:
        cmd_id = self.command_id(name, gid)
        definition = None
        scope: str | int | None = None
        if cmd_id is not None:
            for scope in ([gid] if gid is not None else []) + ["global"]:
                definition = next((c for c in self.synced_commands.get(scope, []) if c["name"] == name), None)
                if definition is not None:
                    break
        if options is None:
            opts: list[dict[str, Any]] = []
        elif isinstance(options, dict):
            declared = {o["name"]: o for o in (definition or {}).get("options", [])}
            opts = []
            for key, value in options.items():
                if key in declared:
                    otype = declared[key]["type"]
                elif isinstance(value, bool):
                    otype = 5
                elif isinstance(value, int):
                    otype = 4
                elif isinstance(value, float):
                    otype = 10
                else:
                    otype = 3
                opts.append({"name": key, "type": otype, "value": value})
        else:
            opts = [dict(o) for o in options]
        if focused is not None:
            for o in opts:
                if o.get("name") == focused:
                    o["focused"] = True
        if cmd_id is None:
            cmd_id = self.snowflake()
        command_guild = scope if isinstance(scope, int) and definition is not None else None
        return cmd_id, ({"guild_id": str(command_guild)} if command_guild else None), opts

    async def slash(
        self,
        name: str,
        options: list[dict[str, Any]] | dict[str, Any] | None = None,
        *,
        user: dict[str, Any] | None = None,
        guild_id: int | None = _DEFAULT,
        channel_id: int | None = None,
        locale: str = "en-US",
        member_data: dict[str, Any] | None = None,
        resolved: dict[str, Any] | None = None,
    ) -> int:
        """Dispatch a slash command (interaction type 2); return the interaction id.

        ``options`` is Discord's option list, or a ``{name: value}`` dict (types taken from the
        synced command, else from the Python type). ``guild_id`` defaults to the first guild;
        ``None`` means the bot's DM with ``user``.
        """
        gid = self._resolve_guild(guild_id)
        cmd_id, scope, opts = self._command_options(name, gid, options, None)
        data: dict[str, Any] = {"id": str(cmd_id), "name": name, "type": 1, "options": opts}
        if scope:
            data.update(scope)
        if resolved:
            data["resolved"] = resolved
        return await self._dispatch_interaction(
            2, data, user=user, guild_id=gid, channel_id=channel_id, locale=locale, member_data=member_data
        )

    async def autocomplete(
        self,
        name: str,
        options: list[dict[str, Any]] | dict[str, Any],
        *,
        focused: str | None = None,
        user: dict[str, Any] | None = None,
        guild_id: int | None = _DEFAULT,
        channel_id: int | None = None,
        locale: str = "en-US",
    ) -> int:
        """Dispatch an autocomplete request (type 4); ``focused`` names the option being typed
        (default: the last one when ``options`` is a dict; raw lists carry ``focused`` themselves)."""
        if focused is None and isinstance(options, dict) and options:
            focused = list(options)[-1]
        gid = self._resolve_guild(guild_id)
        cmd_id, scope, opts = self._command_options(name, gid, options, focused)
        data: dict[str, Any] = {"id": str(cmd_id), "name": name, "type": 1, "options": opts}
        if scope:
            data.update(scope)
        return await self._dispatch_interaction(
            4, data, user=user, guild_id=gid, channel_id=channel_id, locale=locale
        )

    async def component(
        self,
        custom_id: str,
        values: list[str] | None = None,
        *,
        message: RecordedMessage | dict[str, Any] | int,
        user: dict[str, Any] | None = None,
        component_type: int | None = None,
        guild_id: int | None = _DEFAULT,
        channel_id: int | None = None,
        locale: str = "en-US",
    ) -> int:
        """Dispatch a component interaction (type 3) on a message the bot sent.

        ``message`` is a :class:`RecordedMessage`, a message dict or a message id; the current
        stored version is sent. ``component_type`` defaults to 3 (string select) when ``values``
        is given, else 2 (button). Guild and channel default to the message's.
        """
        if isinstance(message, RecordedMessage):
            mid = message.id
        elif isinstance(message, dict):
            mid = int(message["id"])
        else:
            mid = int(message)
        msg = self.message_store.get(mid)
        if msg is None:
            if not isinstance(message, dict):
                raise KeyError(f"message {mid} is unknown to the fake")
            msg = message
        meta = self._message_meta.get(mid)
        if guild_id is _DEFAULT:
            guild_id = meta[1] if meta else self._resolve_guild(_DEFAULT)
        if channel_id is None:
            channel_id = meta[0] if meta else int(msg["channel_id"])
        if component_type is None:
            component_type = 3 if values is not None else 2
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        return await self._dispatch_interaction(
            3, data, user=user, guild_id=guild_id, channel_id=channel_id, locale=locale, message=msg
        )

    async def message(
        self,
        content: str,
        *,
        author: dict[str, Any] | None = None,
        channel_id: int | None = None,
        guild_id: int | None = None,
        mentions_bot: bool = False,
        embeds: list[dict[str, Any]] | None = None,
        attachments: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Dispatch MESSAGE_CREATE from a user (a DM when ``guild_id`` is None); return the message.

        ``mentions_bot`` puts the bot in ``mentions`` (and ``<@bot>`` in the content if missing).
        Without the message-content intent, a guild message that doesn't mention the bot arrives
        with empty content, embeds, attachments and components, as on Discord.
        """
        author = self.add_user(author) if author is not None else self.default_user
        _, gid, cid, _ = self._context(author, guild_id, channel_id)
        mentions: list[dict[str, Any]] = []
        if mentions_bot:
            mention = f"<@{self.bot_user_id}>"
            if mention not in content:
                content = f"{mention} {content}"
            bot_mention = dict(self.bot_user)
            if gid is not None:
                bot_mention["member"] = {
                    k: v
                    for k, v in payloads.member(self.bot_user, gid).items()
                    if k not in ("user", "permissions")
                }
            mentions.append(bot_mention)
        author_member = payloads.member(author, gid) if gid is not None else None
        msg = payloads.message_object(
            id=self.snowflake(),
            channel_id=cid,
            author=author,
            content=content,
            guild_id=gid,
            member=author_member,
            embeds=embeds,
            attachments=attachments,
            mentions=mentions,
        )
        hidden = gid is not None and not mentions_bot and not ((self.intents or 0) & INTENT_MESSAGE_CONTENT)
        if hidden:
            msg.update(content="", embeds=[], attachments=[], components=[])
        self.message_store[int(msg["id"])] = msg
        self._message_meta[int(msg["id"])] = (cid, gid)
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg

    # ------------------------------------------------------------------ gateway: server side
    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        # No permessage-deflate: Discord compresses (zlib-stream) only when asked, in the URL.
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0, compress=False)
        await ws.prepare(request)
        conn = _GatewayConn(ws, request.path, dict(request.query))
        self.gateway_connections.append(conn)
        self._open_ws.add(ws)
        try:
            await self._send(
                conn, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval}, "s": None, "t": None}
            )
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    try:
                        frame = orjson.loads(msg.data)
                    except ValueError:
                        self._violation(f"gateway: frame is not JSON: {msg.data[:80]!r}")
                        continue
                elif msg.type == WSMsgType.BINARY:
                    self._violation("gateway: binary frame from client (expected JSON text)")
                    continue
                else:
                    break
                self.gateway_received.append(frame)
                await self._gateway_frame(conn, frame)
        finally:
            self._open_ws.discard(ws)
            if self._session is conn:
                self._session = None
        return ws

    async def _gateway_frame(self, conn: _GatewayConn, frame: dict[str, Any]) -> None:
        op, d = frame.get("op"), frame.get("d")
        if op == 1:  # heartbeat
            await self._send(conn, {"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:  # identify
            await self._identify(conn, d or {})
        elif op == 6:  # resume
            await self._resume(conn, d or {})
        elif op in (3, 4, 8):  # presence, voice state, request guild members: accepted, ignored
            pass
        else:
            self._violation(f"gateway: unexpected op {op!r} from client")

    def _check_token(self, token: Any, where: str) -> bool:
        if not isinstance(token, str) or not token or token.startswith("Bot "):
            self._violation(f"{where}: bad token {token!r} (expected the raw token, without 'Bot ')")
            return False
        if self.token is not None and token != self.token:
            self._violation(f"{where}: wrong token")
            return False
        return True

    async def _identify(self, conn: _GatewayConn, d: dict[str, Any]) -> None:
        self.identifies.append(d)
        if not self._check_token(d.get("token"), "IDENTIFY"):
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        if not isinstance(d.get("intents"), int):
            self._violation("IDENTIFY: intents missing")
        self._session_id = secrets.token_hex(16)
        self._seq = 0
        self._session = conn
        conn.identified = True
        ready: dict[str, Any] = {
            "v": 10,
            "user": self.bot_user,
            "application": {"id": str(self.app_id), "flags": 0},
            "guilds": [{"id": str(g), "unavailable": True} for g in self.guild_ids],
            "session_id": self._session_id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_gateway_url,
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "auth": {},
            "_trace": ["fake-discord"],
        }
        if "shard" in d:
            ready["shard"] = d["shard"]
        await self.dispatch("READY", ready)
        for gid in self.guild_ids:
            await self.dispatch("GUILD_CREATE", self.guild_payload(gid))
        self.ready_sent += 1
        self._notify()

    async def _resume(self, conn: _GatewayConn, d: dict[str, Any]) -> None:
        self.resumes.append(d)
        if not self._check_token(d.get("token"), "RESUME") or d.get("session_id") != self._session_id:
            await self._send(conn, {"op": 9, "d": False, "s": None, "t": None})
            return
        self._session = conn
        conn.identified = True
        await self.dispatch("RESUMED", {"_trace": ["fake-discord"]})
        self.resumed_sent += 1
        self._notify()

    def guild_payload(self, guild_id: int) -> dict[str, Any]:
        """The GUILD_CREATE payload for one of the fake's guilds."""
        channels = [self.channels[c] for c in self.guild_channels.get(guild_id, [])]
        members = [payloads.member(self.bot_user, guild_id, permissions=None)]
        return payloads.guild(guild_id, owner_id=int(self.owner["id"]), channels=channels, members=members)

    # ------------------------------------------------------------------ REST plumbing
    def _add_routes(self, app: web.Application) -> None:
        r = app.router
        p = API_PREFIX
        r.add_get(GATEWAY_PATH, self._gateway)
        r.add_get(RESUME_GATEWAY_PATH, self._gateway)
        r.add_get(f"{p}/gateway", self._get_gateway)
        r.add_get(f"{p}/gateway/bot", self._get_gateway)
        r.add_get(f"{p}/users/@me", self._get_me)
        r.add_get(f"{p}/users/{{uid:\\d+}}", self._get_user)
        r.add_post(f"{p}/users/@me/channels", self._create_dm)
        r.add_get(f"{p}/oauth2/applications/@me", self._get_app)
        r.add_get(f"{p}/applications/@me", self._get_app)
        r.add_put(f"{p}/applications/{{app}}/commands", self._put_commands)
        r.add_get(f"{p}/applications/{{app}}/commands", self._get_commands)
        r.add_put(f"{p}/applications/{{app}}/guilds/{{guild}}/commands", self._put_commands)
        r.add_get(f"{p}/applications/{{app}}/guilds/{{guild}}/commands", self._get_commands)
        r.add_post(f"{p}/interactions/{{iid}}/{{token}}/callback", self._callback)
        r.add_post(f"{p}/webhooks/{{app}}/{{token}}", self._followup)
        for method in ("GET", "PATCH", "DELETE"):
            r.add_route(method, f"{p}/webhooks/{{app}}/{{token}}/messages/{{mid}}", self._webhook_message)
        r.add_get(f"{p}/channels/{{cid}}", self._get_channel)
        r.add_post(f"{p}/channels/{{cid}}/messages", self._post_channel_message)
        for method in ("GET", "PATCH", "DELETE"):
            r.add_route(method, f"{p}/channels/{{cid}}/messages/{{mid}}", self._channel_message)
        r.add_post(f"{p}/channels/{{cid}}/typing", self._typing)
        r.add_route("*", "/{tail:.*}", self._unhandled)

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path in (GATEWAY_PATH, RESUME_GATEWAY_PATH):
            return await handler(request)
        path = request.path[len(API_PREFIX) :] if request.path.startswith(API_PREFIX) else request.path
        rec = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=None,
            headers=CIMultiDict(request.headers),
            at=self.now(),
        )
        request[_REC] = rec
        where = f"{request.method} {self._redact(path)}"
        try:
            await self._read_body(request, rec, where)
            self._check_auth(rec, where)
            for failure in self._failures:
                if failure.remaining > 0 and failure.method == rec.method and failure.pattern.search(path):
                    failure.remaining -= 1
                    raise _Reply(failure.status, failure.code, failure.message)
            response = await handler(request)
        except _Reply as e:
            body = _error_body(e.code, e.message, e.errors)
            rec.response = body
            response = _json_response(e.status, body)
        except Exception as e:  # a bug in the fake: make it loud, but answer like Discord would
            self._violation(f"{where}: fake server error {type(e).__name__}: {e}")
            body = _error_body(0, "500: Internal Server Error")
            rec.response = body
            response = _json_response(500, body)
        rec.status = response.status
        self.requests.append(rec)
        self._notify()
        return response

    async def _read_body(self, request: web.Request, rec: RecordedRequest, where: str) -> None:
        if not request.body_exists:
            return
        ctype = request.content_type
        if ctype == "application/json":
            raw = await request.read()
            try:
                rec.json = orjson.loads(raw)
            except ValueError:
                self._violation(f"{where}: malformed JSON body")
                raise _Reply(400, 50109, "The request body contains invalid JSON.") from None
        elif ctype == "multipart/form-data":
            form = await request.post()
            for name, value in form.items():
                if name == "payload_json":
                    text = value if isinstance(value, str) else value.file.read().decode()
                    try:
                        rec.json = orjson.loads(text)
                    except ValueError:
                        self._violation(f"{where}: malformed payload_json")
                        raise _Reply(400, 50109, "The request body contains invalid JSON.") from None
                elif isinstance(value, web.FileField):
                    size = len(value.file.read())
                    rec.files.append(RecordedFile(name, value.filename, size, value.content_type))
                else:
                    self._violation(f"{where}: unexpected multipart field {name!r}")
            limit = payloads.ATTACHMENT_SIZE_LIMIT
            if sum(f.size for f in rec.files) > limit:
                self._violation(f"{where}: attachments larger than {limit} bytes")
                raise _Reply(413, 40005, "Request entity too large")
        else:
            raw = await request.read()
            if raw:
                self._violation(f"{where}: body with unexpected Content-Type {ctype!r}")
                raise _Reply(400, 50035, "Invalid Form Body")

    def _check_auth(self, rec: RecordedRequest, where: str) -> None:
        token_routes = rec.path.startswith("/interactions/") or rec.path.startswith("/webhooks/")
        auth = rec.headers.get("Authorization")
        if token_routes:
            return
        if (
            not auth
            or not auth.startswith("Bot ")
            or (self.token is not None and auth != f"Bot {self.token}")
        ):
            self._violation(f"{where}: missing or wrong Authorization header")
            raise _Reply(401, 0, "401: Unauthorized")

    def _rec(self, request: web.Request) -> RecordedRequest:
        return request[_REC]

    def _reject(self, where: str, problems: list[str]) -> None:
        for p in problems:
            self._violation(f"{where}: {p}")
        if problems:
            raise _Reply(400, 50035, "Invalid Form Body", limits.errors_body(problems))

    def _check_app(self, request: web.Request) -> None:
        if request.match_info.get("app") != str(self.app_id):
            rec = self._rec(request)
            self._violation(f"{rec.method} {self._redact(rec.path)}: unknown application/webhook id")
            raise _Reply(404, 10002, "Unknown Application")

    def _ok(self, request: web.Request, obj: Any, status: int = 200) -> web.Response:
        self._rec(request).response = obj
        return _json_response(status, obj)

    # ------------------------------------------------------------------ REST: identity and commands
    async def _unhandled(self, request: web.Request) -> web.Response:
        rec = self._rec(request)
        self._violation(f"unhandled route: {rec.method} {self._redact(rec.path)}")
        raise _Reply(404, 0, "404: Not Found")

    async def _get_me(self, request: web.Request) -> web.Response:
        return self._ok(request, self.bot_user)

    async def _get_user(self, request: web.Request) -> web.Response:
        found = self.users.get(int(request.match_info["uid"]))
        if found is None:
            raise _Reply(404, 10013, "Unknown User")
        return self._ok(request, found)

    async def _get_gateway(self, request: web.Request) -> web.Response:
        # GET /gateway/bot is what AutoShardedClient asks; a plain Client never calls it
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return self._ok(request, {"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _get_app(self, request: web.Request) -> web.Response:
        return self._ok(
            request,
            {
                "id": str(self.app_id),
                "name": self.bot_user["username"],
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.owner,
                "team": None,
                "verify_key": "0" * 64,
                "summary": "",
                "flags": 0,
                "bot": self.bot_user,
                "rpc_origins": [],
                "tags": [],
                "install_params": None,
                "custom_install_url": None,
                "integration_types_config": {"0": {}},
            },
        )

    def _scope(self, request: web.Request) -> str | int:
        self._check_app(request)
        guild = request.match_info.get("guild")
        if guild is None:
            return "global"
        if int(guild) not in self.guild_ids:
            raise _Reply(403, 50001, "Missing Access")
        return int(guild)

    async def _put_commands(self, request: web.Request) -> web.Response:
        rec = self._rec(request)
        scope = self._scope(request)
        self._reject(f"PUT {rec.path}", limits.check_commands(rec.json))
        out = []
        for cmd in rec.json:
            ctype = cmd.get("type", 1)
            key = (scope, ctype, cmd["name"])
            cid = self._command_ids.setdefault(key, self.snowflake())
            echoed = {
                **cmd,
                "id": str(cid),
                "application_id": str(self.app_id),
                "version": str(self.snowflake()),
                "type": ctype,
                "default_member_permissions": cmd.get("default_member_permissions"),
                "dm_permission": cmd.get("dm_permission", True),
                "nsfw": cmd.get("nsfw", False),
            }
            if scope != "global":
                echoed["guild_id"] = str(scope)
            out.append(echoed)
        self.synced_commands[scope] = out
        return self._ok(request, out)

    async def _get_commands(self, request: web.Request) -> web.Response:
        return self._ok(request, self.synced_commands.get(self._scope(request), []))

    # ------------------------------------------------------------------ REST: messages
    def _new_message(
        self,
        payload: dict[str, Any],
        rec: RecordedRequest,
        *,
        channel_id: int,
        guild_id: int | None,
        interaction: FakeInteraction | None = None,
        flags: int | None = None,
    ) -> dict[str, Any]:
        mid = self.snowflake()
        attachments = [
            payloads.attachment(self.snowflake(), f.filename or f.field, f.size, content_type=f.content_type)
            for f in rec.files
        ]
        metadata = None
        if interaction is not None:
            metadata = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": interaction.user,
                "authorizing_integration_owners": interaction.payload["authorizing_integration_owners"],
            }
        msg = payloads.message_object(
            id=mid,
            channel_id=channel_id,
            author=self.bot_user,
            content=payload.get("content") or "",
            guild_id=guild_id,
            embeds=[{"type": "rich", **e} for e in payload.get("embeds") or []],
            components=payload.get("components") or [],
            attachments=attachments,
            flags=(payload.get("flags") or 0) if flags is None else flags,
            type=20 if interaction is not None and interaction.type == 2 else 0,
            webhook_id=self.app_id if interaction is not None else None,
            application_id=self.app_id if interaction is not None else None,
            interaction_metadata=metadata,
            message_reference=payload.get("message_reference"),
            tts=bool(payload.get("tts")),
        )
        if metadata is not None and interaction is not None and interaction.source_message_id:
            metadata["interacted_message_id"] = str(interaction.source_message_id)
        ref = payload.get("message_reference")
        if isinstance(ref, dict) and str(ref.get("message_id", "")).isdigit():
            referenced = self.message_store.get(int(ref["message_id"]))
            if referenced is not None:
                msg["referenced_message"] = referenced
                msg["type"] = 19  # REPLY
            elif ref.get("fail_if_not_exists", True):
                raise _Reply(
                    400,
                    50035,
                    "Invalid Form Body",
                    {
                        "message_reference": {
                            "_errors": [{"code": "REPLIES_UNKNOWN_MESSAGE", "message": "Unknown message"}]
                        }
                    },
                )
        self.message_store[mid] = msg
        self._message_meta[mid] = (channel_id, guild_id)
        return msg

    def _edit_message(
        self, msg: dict[str, Any], payload: dict[str, Any], rec: RecordedRequest
    ) -> dict[str, Any]:
        for key in ("content", "components"):
            if key in payload:
                msg[key] = payload[key] if payload[key] is not None else ([] if key == "components" else "")
        if payload.get("flags") is not None:  # an edit cannot change whether a message is ephemeral
            msg["flags"] = (payload["flags"] & ~FLAG_EPHEMERAL) | ((msg.get("flags") or 0) & FLAG_EPHEMERAL)
        if "embeds" in payload:
            msg["embeds"] = [{"type": "rich", **e} for e in payload["embeds"] or []]
        if "attachments" in payload or rec.files:
            kept_ids = {str(a.get("id")) for a in payload.get("attachments") or []}
            kept = [a for a in msg.get("attachments", []) if a["id"] in kept_ids]
            kept += [
                payloads.attachment(
                    self.snowflake(), f.filename or f.field, f.size, content_type=f.content_type
                )
                for f in rec.files
            ]
            msg["attachments"] = kept
        msg["flags"] = (msg.get("flags") or 0) & ~FLAG_LOADING
        msg["edited_timestamp"] = payloads.iso_now()
        return msg

    def _record_message(
        self,
        kind: str,
        msg: dict[str, Any],
        payload: Any,
        interaction: FakeInteraction | None,
    ) -> RecordedMessage:
        mid = int(msg["id"])
        channel_id, guild_id = self._message_meta.get(mid, (int(msg["channel_id"]), None))
        recorded = RecordedMessage(
            kind=kind,
            id=mid,
            channel_id=channel_id,
            guild_id=guild_id,
            interaction_id=interaction.id if interaction is not None else None,
            payload=payload,
            message=orjson.loads(_dumps(msg)),  # a deep copy
            at=self.now(),
        )
        self.messages.append(recorded)
        return recorded

    def _check_outgoing(self, where: str, payload: Any, *, create: bool, files: int, path: str = "") -> None:
        """Reject limit breaches (400); record (without rejecting) a missing allowed_mentions."""
        self._reject(where, limits.check_message(payload, create=create, files=files, path=path))
        carries_text = isinstance(payload, dict) and payload.get("content") is not None
        if create or carries_text:
            for problem in limits.check_allowed_mentions(payload, path=path):
                self._violation(f"{where}: {problem}")

    # ---- interaction callback
    async def _callback(self, request: web.Request) -> web.Response:
        rec = self._rec(request)
        where = f"POST {self._redact(rec.path)}"
        try:
            iid = int(request.match_info["iid"])
        except ValueError:
            iid = -1
        inter = self.interactions.get(iid)
        if inter is None or inter.token != request.match_info["token"]:
            self._violation(f"{where}: unknown interaction")
            raise _Reply(404, 10062, "Unknown interaction")
        body = rec.json
        now = self.now()
        if not isinstance(body, dict):
            self._add_callback(inter, None, None, now, 400, rec)
            self._reject(where, ["body: must be a JSON object"])
        ctype, data = body.get("type"), body.get("data")
        try:
            self._check_callback(where, inter, ctype, data, now, rec)
            info, resource = self._apply_callback(inter, ctype, data or {}, rec)
        except _Reply as e:
            self._add_callback(inter, ctype, data, now, e.status, rec)
            raise
        inter.acknowledged = True
        self._add_callback(inter, ctype, data, now, 200, rec)
        if _truthy(request.query.get("with_response")):
            return self._ok(request, {"interaction": info, "resource": resource})
        return web.Response(status=204)

    def _check_callback(
        self, where: str, inter: FakeInteraction, ctype: Any, data: Any, now: float, rec: RecordedRequest
    ) -> None:
        if inter.acknowledged:
            self._violation(
                f"{where}: interaction {inter.id} was already acknowledged (second initial response)"
            )
            raise _Reply(400, 40060, "Interaction has already been acknowledged.")
        late = now - inter.dispatched_at
        if late > limits.INITIAL_RESPONSE_SECONDS:
            self._violation(
                f"{where}: first response to interaction {inter.id} came {late:.2f}s after dispatch (limit 3s)"
            )
            if self.reject_late:
                raise _Reply(404, 10062, "Unknown interaction")
        self._reject(where, limits.check_callback(ctype, data, inter.type, files=len(rec.files)))
        if ctype == 4 or (ctype == 7 and isinstance(data, dict) and data.get("content") is not None):
            for problem in limits.check_allowed_mentions(data, path="data"):
                self._violation(f"{where}: {problem}")

    def _apply_callback(
        self, inter: FakeInteraction, ctype: int, data: dict[str, Any], rec: RecordedRequest
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Create/update the messages a valid callback implies; return (interaction, resource) info."""
        resource: dict[str, Any] = {"type": ctype}
        info: dict[str, Any] = {"id": str(inter.id), "type": inter.type}
        if ctype == 4:
            msg = self._new_message(
                data, rec, channel_id=inter.channel_id, guild_id=inter.guild_id, interaction=inter
            )
            inter.original_message_id = int(msg["id"])
            self._record_message("callback", msg, data, inter)
            resource["message"] = msg
            info.update(response_message_id=msg["id"], response_message_loading=False)
        elif ctype == 5:
            # Discord documents resource.message only for types 4 and 7; a deferral reports the
            # "thinking" message through response_message_id / response_message_loading.
            flags = FLAG_LOADING | ((data.get("flags") or 0) & FLAG_EPHEMERAL)
            msg = self._new_message(
                {}, rec, channel_id=inter.channel_id, guild_id=inter.guild_id, interaction=inter, flags=flags
            )
            inter.original_message_id = int(msg["id"])
            info.update(response_message_id=msg["id"], response_message_loading=True)
        elif ctype in (6, 7):
            if ctype == 7:
                msg = self.message_store.get(inter.source_message_id or -1)
                if msg is None:
                    raise _Reply(404, 10008, "Unknown Message")
                self._edit_message(msg, data, rec)
                self._record_message("update", msg, data, inter)
                resource["message"] = msg
            inter.original_message_id = inter.source_message_id
            if inter.source_message_id is not None:
                info["response_message_id"] = str(inter.source_message_id)
        if ctype in (4, 5):
            info["response_message_ephemeral"] = bool((data.get("flags") or 0) & FLAG_EPHEMERAL)
        return info, resource

    def _add_callback(
        self, inter: FakeInteraction, ctype: Any, data: Any, at: float, status: int, rec: RecordedRequest
    ) -> None:
        cb = RecordedCallback(inter.id, ctype, data, at, inter.dispatched_at, status, rec)
        inter.callbacks.append(cb)
        self.callbacks.append(cb)
        for waiter in self._callback_waiters.pop(inter.id, ()):
            if not waiter.done():
                waiter.set_result(cb)

    # ---- webhooks (interaction follow-ups and @original)
    def _webhook_interaction(self, request: web.Request) -> FakeInteraction:
        self._check_app(request)
        rec = self._rec(request)
        where = f"{rec.method} {self._redact(rec.path)}"
        iid = self._tokens.get(request.match_info["token"])
        if iid is None:
            self._violation(f"{where}: unknown webhook token")
            raise _Reply(401, 50027, "Invalid Webhook Token")
        inter = self.interactions[iid]
        age = self.now() - inter.dispatched_at
        if age > limits.TOKEN_LIFETIME_SECONDS:
            self._violation(f"{where}: interaction token used {age:.0f}s after dispatch (valid 15 minutes)")
            raise _Reply(401, 50027, "Invalid Webhook Token")
        if not inter.acknowledged:
            self._violation(f"{where}: webhook used before interaction {iid} was acknowledged")
            raise _Reply(404, 10015, "Unknown Webhook")
        return inter

    async def _followup(self, request: web.Request) -> web.StreamResponse:
        rec = self._rec(request)
        inter = self._webhook_interaction(request)
        where = f"POST {self._redact(rec.path)}"
        payload = rec.json if rec.json is not None else {}
        self._check_outgoing(where, payload, create=True, files=len(rec.files))
        msg = self._new_message(
            payload, rec, channel_id=inter.channel_id, guild_id=inter.guild_id, interaction=inter
        )
        inter.followup_ids.append(int(msg["id"]))
        self._record_message("followup", msg, payload, inter)
        if _truthy(request.query.get("wait")):
            return self._ok(request, msg)
        return web.Response(status=204)

    async def _webhook_message(self, request: web.Request) -> web.StreamResponse:
        rec = self._rec(request)
        inter = self._webhook_interaction(request)
        where = f"{rec.method} {self._redact(rec.path)}"
        raw_mid = request.match_info["mid"]
        if raw_mid == "@original":
            mid = inter.original_message_id
        else:
            mid = int(raw_mid) if raw_mid.isdigit() else None
            if mid != inter.original_message_id and mid not in inter.followup_ids:
                mid = None
        msg = self.message_store.get(mid) if mid is not None else None
        if msg is None:
            self._violation(f"{where}: unknown message")
            raise _Reply(404, 10008, "Unknown Message")
        if rec.method == "GET":
            return self._ok(request, msg)
        if rec.method == "DELETE":
            self.message_store.pop(int(msg["id"]), None)
            return web.Response(status=204)
        payload = rec.json if rec.json is not None else {}
        self._check_outgoing(where, payload, create=False, files=len(rec.files))
        self._edit_message(msg, payload, rec)
        self._record_message(
            "original_edit" if raw_mid == "@original" else "webhook_edit", msg, payload, inter
        )
        return self._ok(request, msg)

    # ---- channels
    def _channel(self, request: web.Request) -> dict[str, Any]:
        rec = self._rec(request)
        try:
            cid = int(request.match_info["cid"])
        except ValueError:
            cid = -1
        channel = self.channels.get(cid)
        if channel is None:
            self._violation(f"{rec.method} {rec.path}: unknown channel")
            raise _Reply(404, 10003, "Unknown Channel")
        return channel

    async def _get_channel(self, request: web.Request) -> web.Response:
        return self._ok(request, self._channel(request))

    async def _create_dm(self, request: web.Request) -> web.Response:
        rec = self._rec(request)
        body = rec.json if isinstance(rec.json, dict) else {}
        try:
            user_id = int(body["recipient_id"])
        except (KeyError, TypeError, ValueError):
            self._violation("POST /users/@me/channels: recipient_id missing or not a snowflake")
            raise _Reply(400, 50035, "Invalid Form Body") from None
        return self._ok(request, self.channels[self.dm_channel_id(user_id)])

    async def _post_channel_message(self, request: web.Request) -> web.Response:
        rec = self._rec(request)
        channel = self._channel(request)
        where = f"POST {rec.path}"
        payload = rec.json if rec.json is not None else {}
        self._check_outgoing(where, payload, create=True, files=len(rec.files))
        gid = int(channel["guild_id"]) if channel.get("guild_id") else None
        msg = self._new_message(payload, rec, channel_id=int(channel["id"]), guild_id=gid)
        self._record_message("channel", msg, payload, None)
        return self._ok(request, msg)

    async def _channel_message(self, request: web.Request) -> web.StreamResponse:
        rec = self._rec(request)
        channel = self._channel(request)
        where = f"{rec.method} {rec.path}"
        mid = request.match_info["mid"]
        msg = self.message_store.get(int(mid)) if mid.isdigit() else None
        if msg is None or msg["channel_id"] != channel["id"]:
            raise _Reply(404, 10008, "Unknown Message")
        if rec.method == "GET":
            return self._ok(request, msg)
        if msg["author"]["id"] != self.bot_user["id"]:
            self._violation(f"{where}: bot tried to {rec.method} a message by another user")
            raise _Reply(403, 50005, "Cannot edit a message authored by another user")
        if rec.method == "DELETE":
            self.message_store.pop(int(mid), None)
            return web.Response(status=204)
        payload = rec.json if rec.json is not None else {}
        self._check_outgoing(where, payload, create=False, files=len(rec.files))
        self._edit_message(msg, payload, rec)
        self._record_message("channel_edit", msg, payload, None)
        return self._ok(request, msg)

    async def _typing(self, request: web.Request) -> web.Response:
        self._channel(request)
        return web.Response(status=204)
