"""The application: the store, the title index, and the questions every surface asks of them.

The index is built in a worker thread so the event loop keeps answering; after ingestion or a
catalog import (in this process or another) it is refreshed and swapped in atomically.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bot.catalog.shipped import CatalogFileError, import_shipped, shipped_catalog_changed
from bot.config import Settings
from bot.core import answers
from bot.core.errors import CatalogNotReady, FilmNotFound
from bot.core.films import resolve as resolving
from bot.core.films.choices import AUTOCOMPLETE_LIMIT, Choice, suggest
from bot.core.films.index import FilmIndex, Hit, index_path
from bot.core.films.model import Film
from bot.core.reviews import pipeline
from bot.core.reviews.model import StoredReview
from bot.ingest import IngestReport, ingest_paths
from bot.matcher import MatcherUnavailable, MatchWorker
from bot.store import Store, read_catalog

log = logging.getLogger(__name__)

WORKER_FROM_FILMS = 20_000  # below this a search takes well under a millisecond in-process
BUILD_APART_FROM_FILMS = 20_000  # below this building takes a second and little memory
ANSWER_CACHE = 20_000


async def index_stamp(store: Store) -> str:
    """Return what a saved index must be stamped with to match this database's catalog."""
    version = await store.get_meta("catalog_version") or "0"
    return f"{version}:{await store.film_count()}"


async def prebuild_index(store: Store, db_path: Path) -> bool:
    """Build and save the title index for the catalog as it is now, in a process of its own,
    so the bot's next start loads it in about a second; return whether it was saved."""
    stamp = await index_stamp(store)
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.matcher",
            "build",
            str(db_path),
            stamp,
            stdin=asyncio.subprocess.DEVNULL,
        )
    except OSError as exc:
        log.warning("could not start a process to build the index (%s); the bot will build it", exc)
        return False
    return await process.wait() == 0


def build_index(db_path: Path, stamp: str | None = None) -> FilmIndex:
    """Load the saved index when it matches `stamp`, else build it from the catalog and save it.

    Blocking: call it in a thread. Saving is best effort (a read-only folder only costs time).
    """
    started = time.perf_counter()
    cache = index_path(db_path)
    if stamp is not None:
        loaded = FilmIndex.load(cache, stamp)
        if loaded is not None:
            log.info("title index: %d films loaded in %.2f s", len(loaded), time.perf_counter() - started)
            return loaded
    index = FilmIndex.build(read_catalog(db_path))
    log.info("title index: %d films built in %.2f s", len(index), time.perf_counter() - started)
    if stamp is not None:
        try:
            index.save(cache, stamp)
        except OSError as exc:
            log.warning(
                "could not save the title index to %s (%s); it will be rebuilt next start", cache, exc
            )
    return index


class Service:
    """Everything the conversation needs, over one store and one index."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self._index: FilmIndex | None = None
        self._built: asyncio.Task[FilmIndex] | None = None
        self._seen_state: tuple[str, int, int] | None = None
        self._watcher: asyncio.Task[None] | None = None
        # film id -> (film, reviews): an answer costs a dozen database round trips otherwise, which
        # under load queue behind every other task. Cleared whenever refresh() sees a change.
        self._answered: dict[str, tuple[Film, list[StoredReview]]] = {}
        self._worker: MatchWorker | None = None
        self._worker_start: asyncio.Task[None] | None = None
        self._worker_stamp: str | None = None
        # A long-running server (the bot) keeps each loaded index out of the garbage collector's way.
        self.freeze_index = False

    # ------------------------------------------------------------------ life cycle

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        bootstrap: bool = True,
        notify: Callable[[str], None] | None = None,
        freeze_index: bool = False,
    ) -> Service:
        """Open the database (building it on first run) and start building the index.

        `freeze_index`: for a long-running server, move each index it loads (and everything else
        alive then) out of the garbage collector's reach; see `_build`.
        """
        store = await Store.open(settings.database_path)
        service = cls(settings, store)
        service.freeze_index = freeze_index
        try:
            if bootstrap and await store.film_count() == 0:
                await service.bootstrap(notify)
            elif bootstrap:
                await service.refresh_shipped_catalog(notify)
                await service.reanalyse_stale(notify)
        except BaseException:
            await store.close()
            raise
        service.start_index()
        return service

    async def bootstrap(self, notify: Callable[[str], None] | None = None) -> IngestReport | None:
        """Fill an empty database: the shipped catalog, then the bootstrap review folders."""
        say = notify or (lambda _msg: None)
        say(f"First run: loading the film catalog from {self.settings.catalog_path} …")
        count = await import_shipped(self.store, self.settings.catalog_path)
        dirs = self.settings.bootstrap_dirs()
        report = None
        if dirs:
            say(f"Loaded {count:,} films. Reading the reviews in {', '.join(str(d) for d in dirs)} …")
            report = await ingest_paths(self.store, dirs, max_bytes=self.settings.max_review_bytes)
            stored = report.count("new") + report.count("updated") + report.count("duplicate")
            say(f"Stored {stored} reviews.")
            for entry in report.refused:
                log.warning("bootstrap: %s refused: %s", entry.origin, entry.message)
            for failed in report.failed_files:
                log.warning("bootstrap: %s: %s", failed.path, failed.error)
        return report

    async def refresh_shipped_catalog(self, notify: Callable[[str], None] | None = None) -> bool:
        """Reload the shipped catalog when its files changed since this database last loaded them
        (films it added or corrected reach existing databases); return whether it did."""
        path = self.settings.catalog_path
        if not await shipped_catalog_changed(self.store, path):
            return False
        if notify:
            notify(f"The shipped film catalog has changed: updating the database from {path} …")
        try:
            await import_shipped(self.store, path)
        except CatalogFileError as exc:
            log.warning("the shipped catalog could not be reloaded: %s", exc.user_message)
            return False
        return True

    async def reanalyse_stale(self, notify: Callable[[str], None] | None = None) -> int:
        """Re-read reviews analysed by an older pipeline, from their files where they still exist."""
        stale = await self.store.stale_review_origins(pipeline.ANALYSER_VERSION)
        paths = sorted({Path(origin.split("#", 1)[0]) for origin in stale})
        present = [p for p in paths if p.is_file()]
        if not present:
            return 0
        if notify:
            notify(f"Re-reading {len(present)} review file(s) with the improved review analysis …")
        report = await ingest_paths(self.store, present, max_bytes=self.settings.max_review_bytes)
        return report.count("updated")

    def start_index(self) -> None:
        """Begin building the index in a worker thread (no-op when one is running)."""
        if self._built is None or self._built.done():
            self._built = asyncio.get_running_loop().create_task(self._build())

    async def _build(self) -> FilmIndex:
        state = await self._state()
        films = await self.store.film_count()
        stamp = await index_stamp(self.store)
        db = self.settings.database_path
        index = await asyncio.to_thread(FilmIndex.load, index_path(db), stamp)
        if index is None and films >= BUILD_APART_FROM_FILMS:
            index = await self._build_apart(db, stamp)
        if index is None:
            index = await asyncio.to_thread(build_index, db, stamp)
        # The saved index may predate the latest reviews: the reviewed flags are cheap to refresh.
        reviewed = await self.store.reviewed_film_ids()
        index = index.with_reviewed(reviewed)
        self._index = index
        self._seen_state = state
        if self.freeze_index:
            # The index lives until the catalog changes: the collector need not walk its objects
            # (a million and more) again and again. In the bot, each full collection over them held
            # up every interaction in flight for tens of milliseconds. (A replaced index is still
            # freed: nothing in it refers back to itself.)
            gc.collect()
            gc.freeze()
        if self._wants_worker(len(index)):
            self._worker_start = asyncio.get_running_loop().create_task(self._start_worker(stamp, reviewed))
        return index

    async def matching_worker(self) -> MatchWorker | None:
        """Wait for the matching worker to be up and return it (None when matching runs in-process)."""
        await self.ready()
        if self._worker_start is not None:
            await asyncio.shield(self._worker_start)
        return self._live_worker()

    async def _build_apart(self, db: Path, stamp: str) -> FilmIndex | None:
        """Build the index in a process of its own (its memory is returned when it ends), then load it."""
        log.info(
            "building the title index of %s films in a separate process …",
            f"{await self.store.film_count():,}",
        )
        started = time.perf_counter()
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.matcher", "build", str(db), stamp, stdin=asyncio.subprocess.DEVNULL
            )
        except OSError as exc:
            log.warning("could not start a process to build the index (%s): building it here instead", exc)
            return None
        try:
            code = await process.wait()
        except asyncio.CancelledError:
            process.kill()
            await process.wait()
            raise
        index = await asyncio.to_thread(FilmIndex.load, index_path(db), stamp) if code == 0 else None
        if index is None:
            log.warning("building the index apart failed (exit code %s): building it here instead", code)
        else:
            log.info("title index: %d films built in %.1f s", len(index), time.perf_counter() - started)
        return index

    def _wants_worker(self, films: int) -> bool:
        mode = self.settings.match_worker
        if mode == "off" or self.store.path is None:
            return False
        return mode == "on" or (films >= WORKER_FROM_FILMS and (os.cpu_count() or 1) >= 2)

    async def _start_worker(self, stamp: str, reviewed: set[str]) -> None:
        """Start (or reload) the matching worker on the index just saved; in-process until it is up."""
        assert self.store.path is not None
        saved = index_path(self.store.path)
        try:
            if self._worker is not None and self._worker.alive:
                await self._worker.load(saved, stamp, reviewed)
            else:
                self._worker = await MatchWorker.start(saved, stamp, reviewed)
            self._worker_stamp = stamp
        except MatcherUnavailable as exc:
            log.warning("matching stays in the bot's process: %s", exc)
            if self._worker is not None:
                await self._worker.close()
            self._worker = None

    def _live_worker(self) -> MatchWorker | None:
        worker = self._worker
        return worker if worker is not None and worker.alive and self._worker_stamp is not None else None

    async def ready(self) -> FilmIndex:
        """Wait for the index to be ready and return it."""
        if self._index is not None:
            return self._index
        self.start_index()
        assert self._built is not None
        return await self._built

    @property
    def index(self) -> FilmIndex:
        """Return the current index, or raise CatalogNotReady while the first build runs."""
        if self._index is None:
            raise CatalogNotReady()
        return self._index

    async def _state(self) -> tuple[str, int, int]:
        version = await self.store.get_meta("catalog_version") or "0"
        stats = await self.store.review_state()
        return version, stats[0], stats[1]

    async def refresh(self) -> bool:
        """Pick up catalog imports and new reviews made since the index was built; return True if changed."""
        if self._index is None:
            return False
        state = await self._state()
        if state == self._seen_state:
            return False
        self._answered.clear()
        if self._seen_state is None or state[0] != self._seen_state[0]:
            log.info("catalog changed: rebuilding the title index")
            await self._build()
        else:
            reviewed = await self.store.reviewed_film_ids()
            self._index = self._index.with_reviewed(reviewed)
            self._seen_state = state
            worker = self._live_worker()
            if worker is not None:
                try:
                    await worker.set_reviewed(reviewed)
                except MatcherUnavailable as exc:
                    log.warning("matching stays in the bot's process: %s", exc)
        return True

    def watch(self, every: float = 30.0) -> None:
        """Refresh periodically (reviews ingested by another process show up in the bot)."""

        async def loop() -> None:
            while True:
                await asyncio.sleep(every)
                try:
                    await self.refresh()
                except Exception:
                    log.exception("refreshing the index failed")

        if self._watcher is None:
            self._watcher = asyncio.get_running_loop().create_task(loop())

    async def close(self) -> None:
        """Stop background work and close the database."""
        for task in (self._watcher, self._built, self._worker_start):
            if task is not None and not task.done():
                # A build can't be interrupted (its thread reads on regardless), and cancelling it
                # mid-query leaves a statement open that makes the store's close fail: let it end.
                if task is not self._built:
                    task.cancel()
                try:
                    await task
                except (asyncio.CancelledError, Exception):
                    pass
        if self._worker is not None:
            await self._worker.close()
            self._worker = None
        await self.store.close()

    # ------------------------------------------------------------------ questions

    async def resolve(self, query: str) -> resolving.Resolution:
        """Resolve a loose title to a film, an ambiguity or not found."""
        index = await self.ready()
        worker = self._live_worker()
        if worker is not None:
            try:
                return await worker.resolve(query)
            except MatcherUnavailable:
                pass
        return resolving.resolve(index, query)

    async def answer(
        self, film_id: str, user_id: str | int | None = None, asked: tuple[str, ...] = ()
    ) -> answers.Answer:
        """Return the answer for one film, for a user (whose avoided topics come first)."""
        cached = self._answered.get(film_id)
        if cached is None:
            film = await self.store.get_film(film_id)
            if film is None:
                raise FilmNotFound(film_id)
            # The index knows which films have reviews (kept current by refresh()): most films
            # in a big catalog have none, and asking the database for them costs a round trip.
            hit = self._index.hit_for(film_id) if self._index is not None else None
            reviews = [] if hit is not None and not hit.reviewed else await self.store.reviews_for(film_id)
            cached = (film, reviews)
            if len(self._answered) >= ANSWER_CACHE:
                del self._answered[next(iter(self._answered))]  # the oldest
            self._answered[film_id] = cached
        film, reviews = cached
        avoided = await self.store.avoided_topics(user_id) if user_id is not None else []
        return answers.build_answer(film, reviews, avoided, asked)

    async def films(self, hits: list[Hit] | tuple[Hit, ...]) -> dict[str, Film]:
        """Return the full films for some hits (for descriptions in a question back)."""
        return await self.store.get_films([h.film_id for h in hits])

    async def autocomplete(self, text: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[Choice]:
        """Return up to 25 choices for what has been typed so far (reviewed films when empty)."""
        index = self.index
        typed = " ".join(text.split())[: resolving.MAX_QUERY_CHARS]
        worker = self._live_worker() if typed else None
        if worker is not None:
            try:
                return await worker.suggest(typed, limit)
            except MatcherUnavailable:
                pass
        return suggest(index, typed, limit)
