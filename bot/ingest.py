"""Files → reviews → store: idempotent, one transaction per file, every failure reported.

For each file: read it (text, Markdown, HTML, RSS/Atom), prepare each review it holds, look up the
titles it names, link it to one film (or refuse it), analyse it, then write all of the file's
reviews in one transaction. A bad file is reported with its reason and the run goes on; a crash
mid-file leaves the database as it was before that file.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.core.films.model import Film
from bot.core.reviews import pipeline
from bot.core.reviews.model import Analysis, FilmLink
from bot.core.reviews.read import SUFFIX_FORMATS, ReviewFileError, read_documents
from bot.store import CatalogReader, Store, StoreError

log = logging.getLogger(__name__)

REVIEW_SUFFIXES = frozenset(SUFFIX_FORMATS)
# Crash tests set this to hold each file's transaction open, so a SIGKILL lands inside one.
_PAUSE_ENV = "SHOULDIWATCH_TEST_PAUSE_IN_TRANSACTION"


@dataclass
class EntryResult:
    """What happened to one review (a file holds one, a feed several)."""

    origin: str
    status: str  # new, updated, duplicate, refused
    film: str | None = None
    review_id: int | None = None
    verdict: str | None = None
    message: str = ""


@dataclass
class FileResult:
    """What happened to one file."""

    path: str
    ok: bool
    error: str | None = None
    entries: list[EntryResult] = field(default_factory=list)


@dataclass
class IngestReport:
    """The outcome of one ingest run."""

    files: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files for e in f.entries if e.status == status)

    @property
    def failed_files(self) -> list[FileResult]:
        return [f for f in self.files if not f.ok]

    @property
    def refused(self) -> list[EntryResult]:
        return [e for f in self.files for e in f.entries if e.status == "refused"]

    @property
    def exit_code(self) -> int:
        """0 when everything went in; 1 when any file failed or any review was refused."""
        return 1 if self.failed_files or self.refused else 0


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """Return review files under the given paths (folders recursively), and errors for missing ones."""
    files: list[Path] = []
    missing: list[FileResult] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    candidate = Path(root) / name
                    if not name.startswith(".") and candidate.suffix.lower() in REVIEW_SUFFIXES:
                        files.append(candidate)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(FileResult(str(path), False, "no such file or folder"))
    return list(dict.fromkeys(files)), missing


@dataclass
class FileAnalysis:
    """A file read and understood, not yet stored (what a worker process hands back)."""

    path: str
    error: str | None = None
    reviews: list[tuple[Analysis, FilmLink]] = field(default_factory=list)
    refused: list[EntryResult] = field(default_factory=list)


def analyse_file(
    path: Path, catalog: CatalogReader, forced: Film | None = None, max_bytes: int = 2_000_000
) -> FileAnalysis:
    """Read one file and understand every review in it; never raises for a bad file."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReviewFileError(
                f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit for one review (raise MAX_REVIEW_BYTES)"
            )
        data = path.read_bytes()
    except OSError as exc:
        return FileAnalysis(name, f"cannot be read: {exc.strerror or exc}")
    except ReviewFileError as exc:
        return FileAnalysis(name, str(exc))
    try:
        docs = read_documents(name, data, max_bytes=max_bytes)
    except ReviewFileError as exc:
        return FileAnalysis(name, str(exc))
    except Exception as exc:  # a parser library failing on hostile input is still a bad file
        log.debug("reading %s failed", name, exc_info=True)
        return FileAnalysis(name, f"could not be read as a review ({type(exc).__name__}: {exc})")
    result = FileAnalysis(name)
    for doc in docs:
        try:
            prepared = pipeline.prepare(doc)
            films = catalog.films_by_title_keys(prepared.keys)
            link = pipeline.link(prepared, films, forced)
            if link.film_id is None:
                considered = f" (considered: {', '.join(link.candidates)})" if link.candidates else ""
                result.refused.append(
                    EntryResult(
                        doc.origin, "refused", message=f"not linked to a film: {link.reason}{considered}"
                    )
                )
                continue
            target = forced or next((f for fs in films.values() for f in fs if f.id == link.film_id), None)
            result.reviews.append((pipeline.analyse(prepared, target, films), link))
        except Exception as exc:
            log.exception("analysing %s failed", doc.origin)
            return FileAnalysis(
                name, f"analysis failed ({type(exc).__name__}: {exc}); nothing from this file was stored"
            )
    return result


async def store_file(store: Store, analysed: FileAnalysis) -> FileResult:
    """Write one file's reviews in one transaction; never raises for a bad file."""
    if analysed.error is not None:
        return FileResult(analysed.path, False, analysed.error)
    result = FileResult(analysed.path, True, entries=list(analysed.refused))
    try:
        async with store.transaction():
            for analysis, link in analysed.reviews:
                review_id, status = await store.save_review(analysis, link, pipeline.ANALYSER_VERSION)
                result.entries.append(
                    EntryResult(
                        analysis.origin, status, link.film_id, review_id, analysis.verdict.verdict.value
                    )
                )
            if os.environ.get(_PAUSE_ENV):
                await asyncio.sleep(float(os.environ[_PAUSE_ENV]))
    except Exception as exc:
        log.exception("storing %s failed", analysed.path)
        return FileResult(
            analysed.path,
            False,
            f"could not be stored ({type(exc).__name__}: {exc}); nothing from this file was stored",
        )
    return result


# --- worker processes ----------------------------------------------------------------------

_worker_catalog: CatalogReader | None = None


def _worker_init(db_path: str, parent_pid: int) -> None:
    global _worker_catalog
    logging.basicConfig(level=logging.WARNING)
    _worker_catalog = CatalogReader(db_path)
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True, name="parent-watch").start()


def _exit_with_parent(parent_pid: int) -> None:
    """End this worker when the ingest that started it is gone (killed, not shut down)."""
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)


def _worker_analyse(paths: list[str], forced: Film | None, max_bytes: int) -> list[FileAnalysis]:
    """Analyse a batch of files; their sections stay here (nothing stores them, and they repeat
    the cleaned text, most of what would be sent back)."""
    assert _worker_catalog is not None
    out = [analyse_file(Path(path), _worker_catalog, forced, max_bytes) for path in paths]
    for analysed in out:
        analysed.reviews = [(replace(analysis, sections=()), link) for analysis, link in analysed.reviews]
    return out


def batch_size(n_files: int, n_workers: int) -> int:
    """Return how many files one task for a worker holds: up to 8 (a task costs the ingest
    process more than a file does), fewer for small runs so every worker gets work."""
    return max(1, min(8, n_files // (n_workers * 16)))


def default_workers(n_files: int) -> int:
    """Return how many worker processes suit a run: none for a handful of files, else one per core."""
    if n_files < PARALLEL_FROM:
        return 0
    return max(0, min(os.cpu_count() or 1, 4, n_files // 8))


PARALLEL_FROM = 24


async def ingest_paths(
    store: Store,
    paths: Sequence[Path],
    *,
    forced_film: str | None = None,
    max_bytes: int = 2_000_000,
    progress: Callable[[FileResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Ingest every review file under `paths` and report what happened to each.

    Files are understood in worker processes when there are many (one per core, a few files per
    task), and each is stored in its own transaction, in order, by this process.
    """
    if store.path is None:
        raise StoreError(
            "ingest needs a database file (not :memory:): worker processes read the catalog from it"
        )
    report = IngestReport()
    files, missing = expand_paths(paths)
    report.files.extend(missing)
    forced: Film | None = None
    if forced_film is not None:
        forced = await store.get_film(forced_film)
        if forced is None:
            raise StoreError(
                f"--film {forced_film!r}: no film with that id (find ids with `python -m bot ask --json`)"
            )
    if on_start:
        on_start(len(files))

    async def record(analysed: FileAnalysis) -> None:
        result = await store_file(store, analysed)
        report.files.append(result)
        if progress:
            progress(result)

    n_workers = default_workers(len(files)) if workers is None else workers
    if n_workers <= 0:
        catalog = CatalogReader(store.path)
        try:
            for path in files:
                await record(await asyncio.to_thread(analyse_file, path, catalog, forced, max_bytes))
        finally:
            catalog.close()
        return report
    loop = asyncio.get_running_loop()
    context = multiprocessing.get_context("spawn")  # no fork: this process runs threads (aiosqlite)
    size = batch_size(len(files), n_workers)
    batches = [[str(path) for path in files[i : i + size]] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(
        n_workers, mp_context=context, initializer=_worker_init, initargs=(str(store.path), os.getpid())
    ) as pool:
        window = n_workers * 4
        pending: deque[asyncio.Future[list[FileAnalysis]]] = deque()

        async def record_next() -> None:
            for analysed in await pending.popleft():
                await record(analysed)

        for batch in batches:
            pending.append(loop.run_in_executor(pool, _worker_analyse, batch, forced, max_bytes))
            if len(pending) >= window:
                await record_next()
        while pending:
            await record_next()
    return report
