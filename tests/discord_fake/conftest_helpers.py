"""Pytest fixtures and helpers for tests that run a discord.py client against :class:`FakeDiscord`.

Import the fixtures into a test module (``from tests.discord_fake.conftest_helpers import
fake_discord, no_network``); there is deliberately no ``tests/conftest.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

import discord
import pytest

from .server import FakeDiscord

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "ip6-localhost", "localhost.localdomain"})


class BlockedHostError(RuntimeError):
    """A test tried to resolve a non-loopback host (a missed redirect to the fake)."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Make ``socket.getaddrinfo`` raise for any host but loopback; yields the blocked hosts.

    Raises a RuntimeError subclass rather than an OSError so discord.py's reconnect loop cannot
    swallow it and retry quietly: a missed redirect ends the client task loudly.
    """
    real = socket.getaddrinfo
    blocked: list[str] = []

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and str(name).lower() not in LOOPBACK_HOSTS:
            blocked.append(str(name))
            raise BlockedHostError(f"test tried to resolve non-loopback host {name!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    yield blocked


@pytest.fixture
async def fake_discord(no_network: list[str]) -> AsyncIterator[FakeDiscord]:
    """A started :class:`FakeDiscord` with discord.py patched to use it; stopped afterwards."""
    fake = FakeDiscord()
    await fake.start()
    try:
        with fake.patched():
            yield fake
    finally:
        await fake.stop()


def _is_fake_server_task(task: asyncio.Task[Any]) -> bool:
    """aiohttp's per-connection tasks belong to the fake server, which ``stop()`` shuts down."""
    return getattr(task.get_coro(), "__qualname__", "").startswith("RequestHandler.")


def _stop_views(client: discord.Client) -> None:
    """Stop every view/modal the client still tracks: ``Client.close()`` leaves their timeout tasks."""
    store = getattr(client._connection, "_view_store", None)
    if store is None:
        return
    views: dict[int, Any] = {}
    for items in getattr(store, "_views", {}).values():
        for item in items.values():
            if item.view is not None:
                views[id(item.view)] = item.view
    for view in [
        *getattr(store, "_synced_message_views", {}).values(),
        *getattr(store, "_modals", {}).values(),
    ]:
        views[id(view)] = view
    for view in views.values():
        view.stop()


@contextlib.asynccontextmanager
async def running_client(
    client: discord.Client,
    fake: FakeDiscord,
    *,
    token: str = "fake-token",
    timeout: float = 5,  # noqa: ASYNC109
    strict_tasks: bool = True,
) -> AsyncIterator[asyncio.Task[None]]:
    """Run ``client.start(token)`` as a task until the client is ready; close it cleanly on exit.

    On exit, asserts the client task is still alive (a malformed dispatch ends ``client.start``),
    stops the client's views, closes the client and awaits its task. Tasks started meanwhile and
    still running afterwards are cancelled; with ``strict_tasks`` that also fails the test.
    """
    before = asyncio.all_tasks()
    sessions = fake.ready_sent

    async def until_ready() -> None:
        # wait_until_ready() refuses to run before login, so first wait for this client's IDENTIFY
        await fake.wait_identified(timeout, count=sessions + 1)
        await client.wait_until_ready()

    task = asyncio.create_task(client.start(token), name="discord-client-under-test")
    ready = asyncio.create_task(until_ready())
    clean = False
    try:
        done, _ = await asyncio.wait({task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            task.result()  # re-raise why the client stopped
            raise AssertionError("client.start() returned before the client was ready")
        if ready not in done:
            raise TimeoutError(f"client not ready within {timeout}s; violations: {fake.violations}")
        yield task
        if task.done():
            exc = None if task.cancelled() else task.exception()
            raise AssertionError(f"the client task ended during the test: {exc!r}") from exc
        clean = True
    finally:
        ready.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ready
        _stop_views(client)
        if not client.is_closed():
            await client.close()
        try:
            await asyncio.wait_for(task, timeout)
        except (asyncio.CancelledError, Exception):
            if not task.done():
                task.cancel()
        for _ in range(3):  # let cancelled timers and closing sockets unwind
            await asyncio.sleep(0)
        me = asyncio.current_task()
        leftover = [
            t
            for t in asyncio.all_tasks() - before
            if t is not me and not t.done() and not _is_fake_server_task(t)
        ]
        for t in leftover:
            t.cancel()
        if leftover:
            await asyncio.gather(*leftover, return_exceptions=True)
        if leftover and strict_tasks and clean:
            raise AssertionError(f"tasks still running after the client closed: {leftover}")
