"""Title matching in a process of its own, so the event loop stays free for Discord.

At catalog scale one search costs a millisecond or two of pure Python. Spent on the event loop,
that time delays everything else: under load each interaction waits behind every search queued
before each of its own steps. So the bot hands searches to one worker process, which loads the
same saved index and answers over a pipe; the event loop only sends a query and reads a reply.

No threads are involved on the bot's side (the pipe is watched by the event loop itself), and the
worker ends when the bot does, however the bot ends. When the worker is unavailable (a small
catalog, one CPU, a crash) the caller searches in its own process instead.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import logging
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bot.core.films import resolve as resolving
from bot.core.films.choices import Choice, suggest
from bot.core.films.index import FilmIndex, Hit

log = logging.getLogger(__name__)

MAX_IN_FLIGHT = 64  # requests waiting in the pipe at once (each well under a kilobyte)
REPLY_TIMEOUT = 5.0  # seconds before a search is given up and done in the bot's process
START_TIMEOUT = 120.0  # loading a million-film index takes a few seconds


class MatcherUnavailable(Exception):
    """The worker cannot answer (not started, ended, or too slow): search in-process instead."""


class MatchWorker:
    """A worker process holding a copy of the title index, asked over a pipe."""

    def __init__(self, conn: Connection, process: asyncio.subprocess.Process) -> None:
        self._conn = conn
        self._process = process
        self._pending: dict[int, tuple[asyncio.Future[Any], asyncio.TimerHandle]] = {}
        self._ids = itertools.count()
        self._slots = asyncio.Semaphore(MAX_IN_FLIGHT)
        self._loop = asyncio.get_running_loop()
        self._loop.add_reader(conn.fileno(), self._on_readable)
        self.alive = True

    @classmethod
    async def start(cls, index_file: Path, stamp: str, reviewed: Iterable[str]) -> MatchWorker:
        """Start a worker that loads the index saved at `index_file`; raise MatcherUnavailable on failure."""
        # A fresh interpreter running this module (not fork: the bot runs threads; not
        # multiprocessing's spawn, which would re-import the bot's main module and Discord with it),
        # given one end of a socket pair.
        ours, theirs = socket.socketpair()
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.matcher",
                str(theirs.fileno()),
                str(os.getpid()),
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
            )
        except OSError as exc:
            ours.close()
            raise MatcherUnavailable(f"could not start the matcher process ({exc})") from exc
        finally:
            theirs.close()
        worker = cls(Connection(ours.detach()), process)
        try:
            size = await worker._call("load", str(index_file), stamp, list(reviewed), within=START_TIMEOUT)
        except BaseException:  # unavailable, or the bot is closing while it starts
            await worker.close()
            raise
        log.info("matching in worker process %d (%d films)", process.pid, size)
        return worker

    @property
    def pid(self) -> int | None:
        return self._process.pid

    # ------------------------------------------------------------------ questions

    async def search(self, query: str, limit: int, *, prefix: bool) -> list[Hit]:
        """FilmIndex.search, in the worker."""
        return await self._call("search", query, limit, prefix)

    async def suggest(self, typed: str, limit: int) -> list[Choice]:
        """choices.suggest, in the worker: finished choices cross the pipe, not hits."""
        # As plain (name, value) pairs: a named tuple pickles ten times slower than a tuple.
        return [Choice(name, value) for name, value in await self._call("suggest", typed, limit)]

    async def resolve(self, query: str) -> resolving.Resolution:
        """resolve.resolve, in the worker."""
        return await self._call("resolve", query)

    async def set_reviewed(self, film_ids: Iterable[str]) -> None:
        """Mark exactly these films reviewed in the worker's index."""
        await self._call("reviewed", list(film_ids))

    async def load(self, index_file: Path, stamp: str, reviewed: Iterable[str]) -> None:
        """Swap in a newly saved index."""
        await self._call("load", str(index_file), stamp, list(reviewed), within=START_TIMEOUT)

    # ------------------------------------------------------------------ plumbing

    async def _call(self, op: str, *args: Any, within: float = REPLY_TIMEOUT) -> Any:
        if not self.alive:
            raise MatcherUnavailable("the matcher process is not running")
        async with self._slots:
            request = next(self._ids)
            future: asyncio.Future[Any] = self._loop.create_future()
            expiry = self._loop.call_later(within, self._expire, request, op)
            self._pending[request] = (future, expiry)
            try:
                self._conn.send((request, op, args))
            except (OSError, ValueError) as exc:
                self._broken(f"could not write to the matcher process ({exc})")
            return await future

    def _on_readable(self) -> None:
        try:
            while self._conn.poll():
                request, ok, value = self._conn.recv()
                entry = self._pending.pop(request, None)
                if entry is None:
                    continue  # given up on already
                future, expiry = entry
                expiry.cancel()
                if future.done():
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(MatcherUnavailable(value))
        except (EOFError, OSError):
            self._broken("the matcher process ended")

    def _expire(self, request: int, op: str) -> None:
        entry = self._pending.pop(request, None)
        if entry is not None and not entry[0].done():
            entry[0].set_exception(MatcherUnavailable(f"the matcher process took too long to {op}"))

    def _broken(self, why: str) -> None:
        if self.alive:
            log.warning("%s; matching continues in the bot's own process", why)
        self.alive = False
        self._loop.remove_reader(self._conn.fileno())
        pending, self._pending = self._pending, {}
        for future, expiry in pending.values():
            expiry.cancel()
            if not future.done():
                future.set_exception(MatcherUnavailable(why))

    async def close(self) -> None:
        """Stop the worker (it also stops by itself when the bot's process ends)."""
        if self.alive:
            self.alive = False
            self._loop.remove_reader(self._conn.fileno())
        for future, expiry in self._pending.values():
            expiry.cancel()
            if not future.done():
                future.set_exception(MatcherUnavailable("the matcher is closing"))
        self._pending.clear()
        self._conn.close()  # the worker reads end-of-file and returns
        try:
            await asyncio.wait_for(self._process.wait(), 5)
        except TimeoutError:
            self._process.kill()
            await self._process.wait()


def _serve(conn: Connection, parent_pid: int) -> None:
    """The worker's loop: answer requests until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the bot decides
    index: FilmIndex | None = None
    while True:
        try:
            request, op, args = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if op == "load":
                path, stamp, reviewed = args
                loaded = FilmIndex.load(Path(path), stamp)
                if loaded is None:
                    raise FileNotFoundError(f"no usable saved index at {path} for {stamp}")
                index = loaded.with_reviewed(reviewed)
                result: Any = len(index)
                # The index is kept until the next load: the collector need not walk it again
                # and again (its vocabulary alone is hundreds of thousands of objects).
                gc.collect()
                gc.freeze()
            elif index is None:
                raise RuntimeError("no index loaded")
            elif op == "search":
                result = index.search(*args[:2], prefix=args[2])
            elif op == "suggest":
                result = [tuple(choice) for choice in suggest(index, *args)]
            elif op == "resolve":
                result = resolving.resolve(index, *args)
            elif op == "reviewed":
                index = index.with_reviewed(args[0])
                result = None
            else:
                raise ValueError(f"unknown request {op!r}")
            reply = (request, True, result)
        except Exception as exc:  # reported to the bot, which searches itself instead
            reply = (request, False, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
        if os.getppid() != parent_pid:
            return


def build_and_save(db_path: Path, stamp: str) -> int:
    """Build the index of a database's catalog and save it beside the database; return the film count.

    Run as its own process (`python -m bot.matcher build DB STAMP`) for big catalogs: building
    needs about three times the memory of the finished index, and a process that ends gives all
    of it back, where the bot's own process would keep it.
    """
    from bot.core.films.index import index_path
    from bot.store import read_catalog  # not bot.service: that would load the review pipeline too

    index = FilmIndex.build(read_catalog(db_path))
    index.save(index_path(db_path), stamp)
    return len(index)


if __name__ == "__main__":
    if sys.argv[1:2] == ["build"]:  # python -m bot.matcher build DB STAMP
        logging.basicConfig(level=logging.WARNING)
        # Tens of millions of objects are made and kept, and none form cycles: the collector's
        # repeated passes over them cost a million-film build half its time. The process ends
        # when the index is saved, so nothing is left uncollected.
        gc.disable()
        build_and_save(Path(sys.argv[2]), sys.argv[3])
    else:  # started by MatchWorker.start: python -m bot.matcher FD PARENT_PID
        _serve(Connection(int(sys.argv[1])), int(sys.argv[2]))
