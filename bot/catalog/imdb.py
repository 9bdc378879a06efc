"""Import a film catalog from IMDb's published TSV files (title.basics, title.akas, …).

The files are big (tens of millions of lines), so nothing is held whole in memory: each file is
streamed once and only the rows of films (titleType movie or tvMovie, not adult) are kept, in
scratch SQLite files in a folder next to the database (see :mod:`bot.store.imdb`). The films are
then built with SQL joins, plus one Python pass for their alternative titles and search names,
and copied into the main database in a single transaction: a bad file, a truncated download or
a crash leaves the catalog as it was. On a big import two worker processes share the parsing
(by files) and the building (by id range).

Format: https://developer.imdb.com/non-commercial-datasets/ — UTF-8, tab-separated, a header
line, ``\\N`` for null, no quoting (a ``"`` is an ordinary character). Each file may be gzipped
(``title.basics.tsv.gz``) or plain (``title.basics.tsv``).
"""

from __future__ import annotations

import asyncio
import gc
import gzip
import io
import logging
import multiprocessing
import os
import shutil
import sqlite3
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, cast

from bot.core.films import normalize
from bot.core.films.model import Film
from bot.store import Store, film_context
from bot.store import imdb as store_imdb
from bot.store.imdb import AkaRow, Staging

log = logging.getLogger(__name__)

Progress = Callable[[str, int, "int | None"], Any]

NULL = "\\N"
FILM_KINDS = frozenset({"movie", "tvMovie"})
CAST_CATEGORIES = frozenset({"actor", "actress", "self"})
MAX_CAST = 4
MAX_ALIASES = 8
BAD_LINE_SHARE = 0.01  # more malformed lines than this share of a file fails the import…
BAD_LINE_GRACE = 10  # …unless there are only this many (a handful in a small file is not a broken file)
KEPT_BAD_LINES = 20  # bad lines listed per file in the report
BATCH = 20_000

COLUMNS: dict[str, tuple[str, ...]] = {
    name: tuple(columns.split())
    for name, columns in {
        "title.basics": "tconst titleType primaryTitle originalTitle isAdult startYear endYear runtimeMinutes genres",
        "title.crew": "tconst directors writers",
        "title.principals": "tconst ordering nconst category job characters",
        "title.akas": "titleId ordering title region language types attributes isOriginalTitle",
        "title.ratings": "tconst averageRating numVotes",
        "name.basics": "nconst primaryName birthYear deathYear primaryProfession knownForTitles",
    }.items()
}

# Obvious main languages of a region, used only when an original-title aka names no language.
REGION_LANGUAGE = dict(
    pair.split(":")
    for pair in (
        "KR:ko KP:ko JP:ja CN:zh TW:zh HK:cn FR:fr DE:de AT:de ES:es MX:es AR:es CO:es CL:es PE:es IT:it "
        "RU:ru SE:sv DK:da NO:no FI:fi PL:pl CZ:cs TR:tr IR:fa TH:th NL:nl GR:el IL:he HU:hu RO:ro PT:pt "
        "BR:pt US:en GB:en AU:en NZ:en IE:en ID:id EG:ar SA:ar"
    ).split()
)
# IMDb's language column mostly holds ISO 639-1 codes; a few are ISO 639-3.
LANGUAGE_CODES = {"cmn": "zh", "yue": "cn", "fil": "tl", "gsw": "de"}
PREFERRED_TYPES = frozenset({"imdbDisplay", "working"})


class ImdbImportError(Exception):
    """The IMDb files cannot be imported; the message names the file (and line) at fault."""


class ImportCancelled(ImdbImportError):
    """The import was cancelled before it wrote anything."""


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that was skipped, and why."""

    line: int
    reason: str


@dataclass(slots=True)
class FileReport:
    """What reading one file gave."""

    name: str  # "title.akas"
    path: Path | None = None  # None when the file was absent
    lines: int = 0  # data lines read (the header not counted)
    kept: int = 0  # rows about the films imported
    bad: int = 0  # malformed lines skipped
    bad_lines: list[BadLine] = field(default_factory=list)  # the first few, with reasons
    seconds: float = 0.0

    def add_bad(self, line: int, reason: str) -> None:
        """Record a skipped line."""
        self.bad += 1
        if len(self.bad_lines) < KEPT_BAD_LINES:
            self.bad_lines.append(BadLine(line, reason))


@dataclass(slots=True)
class ImportReport:
    """The outcome of one import."""

    directory: Path
    films_inserted: int = 0
    films_updated: int = 0
    films_merged: int = 0  # IMDb films folded into a film the catalog already had (e.g. shipped)
    merged: list[tuple[str, str]] = field(default_factory=list)  # (catalog id, tconst)
    aliases: int = 0
    titles_skipped: dict[str, int] = field(default_factory=dict)  # reason -> title.basics rows
    files: dict[str, FileReport] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def films(self) -> int:
        """Return how many films the import wrote."""
        return self.films_inserted + self.films_updated + self.films_merged

    @property
    def skipped(self) -> dict[str, list[BadLine]]:
        """Return the malformed lines skipped, per file (the first few of each)."""
        return {name: report.bad_lines for name, report in self.files.items() if report.bad}

    def summary(self) -> str:
        """Return a few lines for the operator."""
        lines = [
            f"{self.films:,} films from {self.directory} in {self.seconds:.1f} s: {self.films_inserted:,} new, "
            f"{self.films_updated:,} updated, {self.films_merged:,} merged with catalog films; "
            f"{self.aliases:,} alternative titles"
        ]
        for name, report in self.files.items():
            if report.bad:
                shown = ", ".join(f"line {b.line} ({b.reason})" for b in report.bad_lines[:5])
                lines.append(f"{name}: skipped {report.bad:,} malformed lines: {shown}")
        lines.extend(self.warnings)
        return "\n".join(lines)


# --- reading one file ---------------------------------------------------------------------------


def find_file(directory: Path, name: str) -> Path | None:
    """Return `name`.tsv.gz or `name`.tsv in `directory` (the newer if both), or None."""
    found = [p for p in (directory / f"{name}.tsv.gz", directory / f"{name}.tsv") if p.is_file()]
    if not found:
        return None
    return max(found, key=lambda p: p.stat().st_mtime)


class _Source:
    """One IMDb file, streamed line by line with checks, progress and clear errors."""

    def __init__(self, path: Path, report: FileReport, ticker: _Ticker) -> None:
        self.path = path
        self.report = report
        self.ticker = ticker
        self.line = 0
        self.columns = COLUMNS[report.name]

    def bad(self, reason: str) -> None:
        """Record the current line as malformed, failing early when a file is clearly broken."""
        self.report.add_bad(self.line, reason)
        if self.report.bad > 1000 and self.report.bad > 0.05 * self.line:
            self.report.lines = self.line - 1
            self._fail_bad_share()

    def _fail_bad_share(self) -> None:
        first = ", ".join(f"line {b.line}: {b.reason}" for b in self.report.bad_lines[:3])
        raise ImdbImportError(
            f"{self.path.name}: {self.report.bad:,} of {self.report.lines:,} lines are malformed "
            f"(more than {BAD_LINE_SHARE:.0%}); is this really IMDb's {self.report.name}? First: {first}"
        )

    def rows(self) -> Iterator[list[str]]:
        """Yield the fields of each well-formed data line."""
        size = self.path.stat().st_size
        ncols = len(self.columns)
        started = time.perf_counter()
        try:
            with self.path.open("rb") as raw:
                text = io.TextIOWrapper(_decompressed(raw), encoding="utf-8", errors="replace", newline="\n")
                header = text.readline()
                self.line = 1
                if not header:
                    raise ImdbImportError(f"{self.path.name}: the file is empty (expected a header line)")
                got = tuple(header.rstrip("\r\n").split("\t"))
                if got != self.columns:
                    raise ImdbImportError(
                        f"{self.path.name}: line 1: unexpected header {_short(chr(9).join(got))!r}; "
                        f"expected IMDb's {self.report.name} columns: {' '.join(self.columns)}"
                    )
                line = blank = 0
                for line, text_line in enumerate(text, start=2):
                    fields = text_line.rstrip("\r\n").split("\t")
                    self.line = line
                    if len(fields) != ncols:
                        if fields == [""]:
                            blank += 1
                            continue
                        self.bad(f"expected {ncols} tab-separated columns, found {len(fields)}")
                        continue
                    yield fields
                    if not line & 0x7FFF:
                        self.report.lines = line - 1 - blank
                        self.ticker.tick(raw.tell(), size)
                self.report.lines = max(0, line - 1 - blank)
                self.ticker.tick(size, size, force=True)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise ImdbImportError(
                f"{self.path.name}: the file is truncated or corrupt (gzip: {exc}) after line {self.line:,}; "
                "download it again"
            ) from exc
        except OSError as exc:
            raise ImdbImportError(
                f"{self.path.name}: cannot be read ({exc}) after line {self.line:,}"
            ) from exc
        finally:
            self.report.seconds = time.perf_counter() - started
        if self.report.bad > BAD_LINE_GRACE and (
            self.report.bad > BAD_LINE_SHARE * self.report.lines or self.report.bad == self.report.lines
        ):
            self._fail_bad_share()


def _decompressed(raw: BinaryIO) -> BinaryIO:
    magic = raw.read(2)
    raw.seek(0)
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _id(value: str, prefix: str) -> int:
    if value[:2] != prefix or not value[2:].isdigit():
        raise ValueError(f"{value!r} is not an IMDb id ({prefix}…)")
    return int(value[2:])


def _int(value: str, name: str) -> int | None:
    if value == NULL:
        return None
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} {_short(value, 30)!r} is not a whole number") from None


class _IdSet:
    """A set of numeric IMDb ids as a bit map: bounded by the largest id (5 MB for 40 million), fast to test.

    Hot loops test ``bits[i >> 3] >> (i & 7) & 1`` inline, after checking ``i < limit``.
    """

    def __init__(self, bits: bytes | bytearray = b"") -> None:
        self.bits = bytearray(bits)

    @property
    def limit(self) -> int:
        """Return the first id beyond the map."""
        return len(self.bits) << 3

    def add(self, i: int) -> None:
        byte = i >> 3
        if byte >= len(self.bits):
            self.bits.extend(bytes(byte + 1 - len(self.bits) + (len(self.bits) >> 1) + 4096))
        self.bits[byte] |= 1 << (i & 7)

    def __contains__(self, i: int) -> bool:
        return i < (len(self.bits) << 3) and bool(self.bits[i >> 3] >> (i & 7) & 1)

    def __or__(self, other: _IdSet) -> _IdSet:
        size = max(len(self.bits), len(other.bits))
        union = int.from_bytes(self.bits, "little") | int.from_bytes(other.bits, "little")
        return _IdSet(union.to_bytes(size, "little"))


# --- progress and cancellation, across processes -------------------------------------------------

_FILE_SLOTS = {name: number for number, name in enumerate(COLUMNS)}
_MAX_PARTS = 8
_CANCEL = 2 * (len(COLUMNS) + _MAX_PARTS)  # index of the cancel flag in the shared array
_shared: Any = None  # this process's view of the shared progress array (see _init_worker)


def _new_shared(context: Any) -> Any:
    return context.RawArray("q", _CANCEL + 1)


def _init_worker(shared: Any) -> None:
    """Set up a worker process: the shared progress array, and a lazier garbage collector."""
    global _shared
    _shared = shared
    # The staging loops make millions of short-lived containers; collecting every 700 of them
    # costs a quarter of the time. A worker process is ours alone, so collect less often.
    gc.set_threshold(100_000, 50, 100)


class _Ticker:
    """Publishes one stage's progress in the shared array (at most every 0.1 s); stops on cancel."""

    def __init__(self, slot: int) -> None:
        self.slot = slot
        self.last = 0.0

    def tick(self, done: int, total: int | None, *, force: bool = False) -> None:
        shared = _shared
        if shared is None:
            return
        if shared[_CANCEL]:
            raise ImportCancelled("the import was cancelled; the database is unchanged")
        now = time.perf_counter()
        if force or now - self.last >= 0.1:
            self.last = now
            shared[2 * self.slot] = done
            shared[2 * self.slot + 1] = -1 if total is None else total


class _Silent(_Ticker):
    """A ticker that only watches for cancellation."""

    def __init__(self) -> None:
        super().__init__(-1)

    def tick(self, done: int, total: int | None, *, force: bool = False) -> None:
        if _shared is not None and _shared[_CANCEL]:
            raise ImportCancelled("the import was cancelled; the database is unchanged")


class _Reporter:
    """Reads the shared array in the parent and calls the caller's progress callback on changes."""

    def __init__(self, shared: Any, progress: Progress | None) -> None:
        self.shared = shared
        self.progress = progress
        self.seen: dict[str, tuple[int, int | None]] = {}

    def poll(self) -> None:
        if self.progress is None:
            return
        values = list(self.shared)
        current: dict[str, tuple[int, int | None]] = {}
        for name, slot in _FILE_SLOTS.items():
            done, total = values[2 * slot], values[2 * slot + 1]
            if done or total:
                current[name] = (done, None if total < 0 else total)
        parts = [(values[2 * s], values[2 * s + 1]) for s in range(len(COLUMNS), len(COLUMNS) + _MAX_PARTS)]
        if any(done or total for done, total in parts):
            current["films"] = (sum(d for d, _ in parts), sum(t for _, t in parts if t > 0))
        for name, value in current.items():
            if self.seen.get(name) != value:
                self.seen[name] = value
                self.progress(name, *value)

    async def run(self) -> None:
        while True:
            await asyncio.sleep(0.2)
            self.poll()


# --- staging each file --------------------------------------------------------------------------

# Where each input's rows go: file in the scratch folder -> its tables.
_STAGE_FILES = {
    "title.basics": ("titles.sqlite", ("title",)),
    "title.crew": ("crew.sqlite", ("director",)),
    "title.principals": ("principals.sqlite", ("cast_member", "director")),
    "title.akas": ("akas.sqlite", ("aka",)),
    "title.ratings": ("ratings.sqlite", ("rating",)),
    "name.basics": ("names.sqlite", ("name",)),
}


@dataclass(slots=True)
class _TaskResult:
    """What a staging task sends back to the parent (picklable)."""

    files: dict[str, FileReport] = field(default_factory=dict)
    titles_skipped: dict[str, int] = field(default_factory=dict)
    films: bytes = b""  # byte map of the film ids kept from title.basics
    people: bytes = b""  # byte map of the people the staged rows name


@dataclass(slots=True)
class _Context:
    staging: Staging
    result: _TaskResult
    films: _IdSet = field(default_factory=_IdSet)
    people: _IdSet = field(default_factory=_IdSet)


def _source(ctx: _Context, name: str, path: Path) -> _Source:
    report = ctx.result.files[name] = FileReport(name, path)
    return _Source(path, report, _Ticker(_FILE_SLOTS[name]))


def _stage_basics(ctx: _Context, path: Path) -> None:
    src = _source(ctx, "title.basics", path)
    skipped: Counter[str] = Counter()
    rows: list[tuple[int, str, str, str, str, int | None, int | None, str]] = []
    add = ctx.films.add
    for f in src.rows():
        kind = f[1]
        if kind not in FILM_KINDS:
            skipped[f"not a film ({kind})"] += 1
            continue
        try:
            tid = _id(f[0], "tt")
            if f[4] == "1":
                skipped["adult"] += 1
                continue
            if f[4] not in ("0", NULL):
                raise ValueError(f"isAdult is {_short(f[4], 30)!r}, not 0 or 1")
            title = f[2].strip()
            if title in ("", NULL):
                raise ValueError("no primaryTitle")
            original = f[3].strip()
            if original in ("", NULL):
                original = title
            year = _int(f[5], "startYear")
            if year is not None and not 1870 <= year <= 2100:
                year = None
            runtime = _int(f[7], "runtimeMinutes")
        except ValueError as exc:
            src.bad(str(exc))
            continue
        rows.append((tid, f[0], kind, title, original, year, runtime, "" if f[8] == NULL else f[8]))
        add(tid)
        if len(rows) >= BATCH:
            ctx.staging.add_titles(rows)
            src.report.kept += len(rows)
            rows = []
    ctx.staging.add_titles(rows)
    src.report.kept += len(rows)
    ctx.result.titles_skipped = dict(skipped.most_common())


def _stage_crew(ctx: _Context, path: Path) -> None:
    src = _source(ctx, "title.crew", path)
    films, limit, people = ctx.films.bits, ctx.films.limit, ctx.people
    rows: list[tuple[int, int, int]] = []
    for f in src.rows():
        try:
            tid = _id(f[0], "tt")
            if tid >= limit or not films[tid >> 3] >> (tid & 7) & 1 or f[1] == NULL:
                continue
            directors = list(dict.fromkeys(_id(n, "nm") for n in f[1].split(",")))
        except ValueError as exc:
            src.bad(str(exc))
            continue
        for pos, nid in enumerate(directors):
            rows.append((tid, pos, nid))
            people.add(nid)
        src.report.kept += 1
        if len(rows) >= BATCH:
            ctx.staging.add_directors(rows)
            rows = []
    ctx.staging.add_directors(rows)


def _stage_principals(ctx: _Context, path: Path, *, directors_too: bool) -> None:
    src = _source(ctx, "title.principals", path)
    films, limit, people = ctx.films.bits, ctx.films.limit, ctx.people
    cast_rows: list[tuple[int, int, int]] = []
    director_rows: list[tuple[int, int, int]] = []
    group: list[tuple[int, int, int]] = []
    current = -1

    def flush() -> None:
        # Keep the first few by ordering of each run of rows of one film; the file is sorted by
        # film in practice, and where it is not the staging table still holds the first few.
        group.sort(key=lambda r: r[1])
        kept: set[int] = set()
        for row in group:
            if row[2] not in kept:
                kept.add(row[2])
                cast_rows.append(row)
                people.add(row[2])
                if len(kept) == MAX_CAST:
                    break
        group.clear()

    for f in src.rows():
        category = f[3]
        is_director = category == "director"
        if category not in CAST_CATEGORIES and not (directors_too and is_director):
            continue
        try:
            tid = _id(f[0], "tt")
            if tid >= limit or not films[tid >> 3] >> (tid & 7) & 1:
                continue
            ordering = _int(f[1], "ordering")
            if ordering is None:
                raise ValueError("no ordering")
            nid = _id(f[2], "nm")
        except ValueError as exc:
            src.bad(str(exc))
            continue
        src.report.kept += 1
        if is_director:
            director_rows.append((tid, ordering, nid))
            people.add(nid)
            continue
        if tid != current:
            flush()
            current = tid
        group.append((tid, ordering, nid))
        if len(cast_rows) >= BATCH:
            ctx.staging.add_cast(cast_rows)
            cast_rows.clear()
    flush()
    ctx.staging.add_cast(cast_rows)
    ctx.staging.add_directors(director_rows)


def _stage_akas(ctx: _Context, path: Path) -> None:
    src = _source(ctx, "title.akas", path)
    films, limit = ctx.films.bits, ctx.films.limit
    rows: list[tuple[int, int, str, str | None, str | None, str | None, int]] = []
    for f in src.rows():
        try:
            tid = _id(f[0], "tt")
            if tid >= limit or not films[tid >> 3] >> (tid & 7) & 1:
                continue
            ordering = _int(f[1], "ordering")
            if ordering is None:
                raise ValueError("no ordering")
        except ValueError as exc:
            src.bad(str(exc))
            continue
        title = f[2].strip()
        if title in ("", NULL):
            continue
        rows.append(
            (
                tid,
                ordering,
                title,
                None if f[3] == NULL else f[3],
                None if f[4] == NULL else f[4],
                None if f[5] == NULL else f[5],
                1 if f[7] == "1" else 0,
            )
        )
        if len(rows) >= BATCH:
            ctx.staging.add_akas(rows)
            src.report.kept += len(rows)
            rows = []
    ctx.staging.add_akas(rows)
    src.report.kept += len(rows)


def _stage_ratings(ctx: _Context, path: Path) -> None:
    src = _source(ctx, "title.ratings", path)
    films, limit = ctx.films.bits, ctx.films.limit
    rows: list[tuple[int, float | None, int]] = []
    for f in src.rows():
        try:
            tid = _id(f[0], "tt")
            if tid >= limit or not films[tid >> 3] >> (tid & 7) & 1:
                continue
            rating = None if f[1] == NULL else float(f[1])
            if rating is not None and not 0 <= rating <= 10:
                raise ValueError(f"averageRating {rating} is not between 0 and 10")
            votes = _int(f[2], "numVotes") or 0
        except ValueError as exc:
            src.bad(str(exc))
            continue
        rows.append((tid, rating, votes))
        if len(rows) >= BATCH:
            ctx.staging.add_ratings(rows)
            src.report.kept += len(rows)
            rows = []
    ctx.staging.add_ratings(rows)
    src.report.kept += len(rows)


def _stage_names(ctx: _Context, path: Path) -> None:
    src = _source(ctx, "name.basics", path)
    people, limit = ctx.people.bits, ctx.people.limit
    rows: list[tuple[int, str]] = []
    for f in src.rows():
        try:
            nid = _id(f[0], "nm")
        except ValueError as exc:
            src.bad(str(exc))
            continue
        if nid >= limit or not people[nid >> 3] >> (nid & 7) & 1:
            continue
        name = f[1].strip()
        if name in ("", NULL):
            continue
        rows.append((nid, name))
        if len(rows) >= BATCH:
            ctx.staging.add_names(rows)
            src.report.kept += len(rows)
            rows = []
    ctx.staging.add_names(rows)
    src.report.kept += len(rows)


# --- the tasks: each runs in a worker process, or in a thread for a small import ------------------


def _scan_film_ids(path: Path) -> _IdSet:
    """Return the ids of the films in title.basics, reading nothing else (for a task without them)."""
    report = FileReport("title.basics", path)
    films = _IdSet()
    for f in _Source(path, report, _Silent()).rows():
        if f[1] in FILM_KINDS and f[4] != "1" and f[0][:2] == "tt" and f[0][2:].isdigit():
            films.add(int(f[0][2:]))
    return films


_STAGERS: dict[str, Callable[[_Context, Path], None]] = {
    "title.crew": _stage_crew,
    "title.akas": _stage_akas,
    "title.ratings": _stage_ratings,
    "name.basics": _stage_names,
}


def _stage_task(
    paths: dict[str, Path | None],
    names: Sequence[str],
    scratch: Path,
    films: bytes | None,
    people: bytes | None,
) -> _TaskResult:
    """Stage some of the files, each into its own scratch file; return reports and id maps.

    The film ids come from title.basics when this task reads it, else from `films`, else from a
    quick scan of title.basics; `people` says which names name.basics must keep.
    """
    result = _TaskResult()
    ctx = _Context(cast(Staging, None), result, _IdSet(films or b""), _IdSet(people or b""))
    basics = paths["title.basics"]
    assert basics is not None
    if "title.basics" in names:
        _stage_file(ctx, "title.basics", basics, scratch, _stage_basics)
        result.films = bytes(ctx.films.bits)
    elif films is None and any(n != "name.basics" for n in names):
        ctx.films = _scan_film_ids(basics)
    for name in names:
        path = paths[name]
        if name == "title.basics" or path is None:
            continue
        if name == "title.principals":
            stager = partial(_stage_principals, directors_too=paths["title.crew"] is None)
        else:
            stager = _STAGERS[name]
        _stage_file(ctx, name, path, scratch, stager)
    result.people = bytes(ctx.people.bits)
    return result


def _stage_file(
    ctx: _Context, name: str, path: Path, scratch: Path, stager: Callable[[_Context, Path], None]
) -> None:
    filename, tables = _STAGE_FILES[name]
    ctx.staging = Staging(scratch / filename, tables)
    try:
        stager(ctx, path)
    except BaseException:
        ctx.staging.abandon()
        raise
    ctx.staging.close()


def _build_task(sources: dict[str, Path | None], out: Path, first: int, last: int, part: int) -> int:
    """Build the films with ids in first..last into the output file `out`; return how many.

    Each film gets: id and imdb_id = tconst, primaryTitle, startYear, titleType, directors in crew
    order, the first MAX_CAST actors/actresses/self by ordering, genres, runtime, votes and rating;
    then, for films with akas, the aliases, countries and languages of :func:`alternatives`.
    """
    assembly = store_imdb.Assembly(out, sources)
    ticker = _Ticker(len(COLUMNS) + part)
    try:
        total = assembly.count(first, last)
        ticker.tick(0, total, force=True)
        keys = 0

        def key(text: str) -> str:
            nonlocal keys
            keys += 1
            if not keys & 0x3FFF:
                ticker.tick(min(total, keys // 2), total)  # two keys a film: title and original title
            return normalize.key(text)

        assembly.build_films(first, last, key, max_cast=MAX_CAST)
        rows: list[store_imdb.CompletedFilm] = []
        for built in assembly.iter_built(first, last):
            rows.append(complete_film(built))
            if len(rows) >= BATCH:
                assembly.complete(rows)
                rows.clear()
                ticker.tick(total, total)
        assembly.complete(rows)
        ticker.tick(total, total, force=True)
        assembly.finish()
    except sqlite3.OperationalError as exc:
        assembly.abandon()
        if _shared is not None and _shared[_CANCEL]:
            raise ImportCancelled("the import was cancelled; the database is unchanged") from exc
        raise
    except BaseException:
        assembly.abandon()
        raise
    return total


class _Runner:
    """Runs tasks in worker processes (big imports) or in a thread of this process (small ones)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.context = multiprocessing.get_context("spawn")
        self.shared = _new_shared(self.context)
        self.pool: ProcessPoolExecutor | None = None
        if workers > 1:
            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=self.context,
                initializer=_init_worker,
                initargs=(self.shared,),
            )

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        if self.pool is None:
            global _shared
            _shared = self.shared
            return await asyncio.to_thread(fn, *args)
        return await asyncio.wrap_future(self.pool.submit(fn, *args))

    async def gather(self, *calls: tuple[Callable[..., Any], tuple[Any, ...]]) -> list[Any]:
        if self.pool is None:
            return [await self.run(fn, *args) for fn, args in calls]
        return list(await asyncio.gather(*(self.run(fn, *args) for fn, args in calls)))

    def cancel(self) -> None:
        self.shared[_CANCEL] = 1

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


async def _stage_and_assemble(
    runner: _Runner, paths: dict[str, Path | None], scratch: Path, report: ImportReport
) -> list[Path]:
    """Stage every file and assemble the films; return the output files."""
    if runner.workers > 1:
        # Two groups of about equal work; the second finds the film ids with a quick scan.
        first, second = await runner.gather(
            (_stage_task, (paths, ("title.basics", "title.crew", "title.akas"), scratch, None, None)),
            (_stage_task, (paths, ("title.principals", "title.ratings"), scratch, None, None)),
        )
    else:
        first = await runner.run(
            _stage_task, paths, ("title.basics", "title.crew", "title.akas"), scratch, None, None
        )
        second = await runner.run(
            _stage_task, paths, ("title.principals", "title.ratings"), scratch, first.films, None
        )
    people = _IdSet(first.people) | _IdSet(second.people)
    names = await runner.run(_stage_task, paths, ("name.basics",), scratch, b"", bytes(people.bits))
    for result in (first, second, names):
        report.files.update(result.files)
    report.files = {name: report.files[name] for name in COLUMNS if name in report.files}
    report.titles_skipped = first.titles_skipped

    sources: dict[str, Path | None] = {}
    for name, (filename, tables) in _STAGE_FILES.items():
        for table in tables:
            if paths[name] is not None and sources.get(table) is None:
                sources[table] = scratch / filename
    for table in store_imdb.TABLES:
        sources.setdefault(table, None)
    spans = store_imdb.split_points(scratch / _STAGE_FILES["title.basics"][0], runner.workers)
    outputs = [scratch / f"films{part}.sqlite" for part in range(len(spans))]
    await runner.gather(
        *((_build_task, (sources, outputs[part], a, b, part)) for part, (a, b) in enumerate(spans))
    )
    return outputs


# --- building the films -------------------------------------------------------------------------


def _other_script(text: str) -> bool:
    """Return whether a title has letters beyond the Latin alphabets (Cyrillic, Hangul, kana, …)."""
    return not text.isascii() and any(ord(ch) > 0x24F and ch.isalpha() for ch in text)


def _language(code: str | None) -> str | None:
    if not code:
        return None
    code = LANGUAGE_CODES.get(code, code).lower()
    return code if len(code) == 2 and code.isalpha() else None


@dataclass(frozen=True, slots=True)
class Alternatives:
    """A film's alternative titles (with their keys), countries and languages, from its akas."""

    aliases: tuple[str, ...] = ()
    alias_keys: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()


def alternatives(
    title: str, original: str, akas: Sequence[AkaRow], title_key: str | None = None
) -> Alternatives:
    """Rank a film's alternative titles and read its countries and languages off its akas.

    Aliases: the original title first, then akas that are original titles, then imdbDisplay and
    working titles, then titles in other scripts, then the rest, by IMDb's ordering; a Latin title
    whose key repeats a title already kept is dropped; at most MAX_ALIASES. Countries and languages:
    from the akas of the original title (a region with no language gives its obvious language).
    """
    if title_key is None:
        title_key = normalize.key(title)
    ranked: list[tuple[int, int, str]] = []
    countries: dict[str, None] = {}
    languages: dict[str, None] = {}
    if original != title:
        ranked.append((0, 0, original))
    for aka in sorted(akas, key=lambda a: (not a.is_original, a.ordering)):
        types = set(aka.types.replace("\x02", ",").split(",")) if aka.types else set()
        if aka.is_original or aka.title == original or "original" in types:
            if aka.region and len(aka.region) == 2 and aka.region.isalpha() and aka.region.isupper():
                countries.setdefault(aka.region, None)
            language = _language(aka.language) or REGION_LANGUAGE.get(aka.region or "")
            if language:
                languages.setdefault(language, None)
        if aka.title == title:
            continue
        other = _other_script(aka.title)
        rank = 1 if aka.is_original else 2 if types & PREFERRED_TYPES else 3 if other else 4
        ranked.append((rank, aka.ordering, aka.title))
    ranked.sort(key=lambda r: (r[0], r[1]))
    aliases: list[str] = []
    alias_keys: list[str] = []
    seen_titles = {title}
    seen_keys = {title_key}
    for _, _, alias in ranked:
        if len(aliases) >= MAX_ALIASES:
            break
        if alias in seen_titles:
            continue
        alias_key = normalize.key(alias)
        # A Latin title that folds to a key already known adds nothing to matching ("LEAP" for
        # "Leap!"); a title in another script is kept for display all the same.
        if not alias_key or (alias_key in seen_keys and not _other_script(alias)):
            continue
        seen_titles.add(alias)
        seen_keys.add(alias_key)
        aliases.append(alias)
        alias_keys.append(alias_key)
    return Alternatives(tuple(aliases), tuple(alias_keys), tuple(countries), tuple(languages))


def complete_film(built: store_imdb.BuiltFilm) -> store_imdb.CompletedFilm:
    """Add a built film's alternative titles, countries and languages, and the names it is found by."""
    film, alias_keys = built.film, ()
    if built.akas or built.original != film.title:
        alt = alternatives(film.title, built.original, built.akas, built.title_key)
        film = film.merged(aliases=alt.aliases, countries=alt.countries, languages=alt.languages)
        alias_keys = alt.alias_keys
    return store_imdb.CompletedFilm(
        built.tid, film, alias_keys, film_context(film), normalize.index_names(film.title, film.aliases)
    )


# --- merging with the films the catalog already has ----------------------------------------------


def _person_key(name: str) -> str:
    # Word order varies ("Lee Chung-hyun" / "Chung-hyun Lee"); the set of words does not.
    return " ".join(sorted(normalize.tokens(name)))


def same_film(local: Film, imported: Film) -> bool:
    """Return whether an IMDb film is a film the catalog already has (title matched by the caller).

    Years within one of each other, and the same director when both name one. Without a year on
    either side, only an agreeing director will do.
    """
    both_directors = bool(local.directors and imported.directors)
    if both_directors and not {_person_key(n) for n in local.directors} & {
        _person_key(n) for n in imported.directors
    }:
        return False
    if local.year is not None and imported.year is not None:
        return abs(local.year - imported.year) <= 1
    return both_directors


def plan_merges(
    local: Sequence[Film], candidates: Sequence[tuple[Film, str, str]]
) -> list[tuple[Film, Film]]:
    """Pair catalog films with the IMDb films that are the same film; each side used at most once.

    An IMDb id the catalog film already carries decides first; then title key (the IMDb primary or
    original title), year and director, the closest year and the better-known film winning ties.
    """
    by_id = {film.id: film for film, _, _ in candidates}
    by_key: dict[str, list[Film]] = defaultdict(list)
    for film, title_key, original_key in candidates:
        by_key[title_key].append(film)
        if original_key != title_key:
            by_key[original_key].append(film)
    pairs: list[tuple[Film, Film]] = []
    claimed: set[str] = set()
    done: set[str] = set()
    for film in local:
        link = film.imdb_id or (film.id if film.id in by_id else None)
        if link and link in by_id and link not in claimed:
            pairs.append((film, by_id[link]))
            claimed.add(link)
            done.add(film.id)
    options: list[tuple[int, int, int, str, str]] = []
    local_by_id = {film.id: film for film in local}
    for film in local:
        if film.id in done or film.imdb_id:
            continue
        for cand in by_key.get(normalize.key(film.title), ()):
            if cand.id not in claimed and same_film(film, cand):
                gap = abs((film.year or 0) - (cand.year or 0)) if film.year and cand.year else 2
                options.append((gap, 0 if cand.kind == film.kind else 1, -cand.votes, film.id, cand.id))
    for *_, film_id, tconst in sorted(options):
        if film_id in done or tconst in claimed:
            continue
        pairs.append((local_by_id[film_id], by_id[tconst]))
        done.add(film_id)
        claimed.add(tconst)
    return pairs


_FILLABLE_TUPLES = ("directors", "cast", "languages", "countries", "genres")
_FILLABLE_VALUES = ("year", "runtime", "rating")


def merge_film(local: Film, imported: Film) -> Film:
    """Return the catalog film completed from IMDb: its own facts kept, the missing ones filled.

    What came from IMDb is remembered in ``extra["imdb_filled"]`` so that the next import refreshes
    those facts (votes, rating, …) instead of taking them for curated ones.
    """
    previous = local.extra.get("imdb_filled") or {}
    base_changes: dict[str, Any] = {}
    for name in previous.get("fields", ()):
        if name in _FILLABLE_TUPLES:
            base_changes[name] = ()
        elif name in _FILLABLE_VALUES:
            base_changes[name] = None
        elif name == "votes":
            base_changes[name] = 0
    old_aliases = set(previous.get("aliases", ()))
    base = local.merged(**base_changes, aliases=tuple(a for a in local.aliases if a not in old_aliases))

    changes: dict[str, Any] = {"imdb_id": imported.id}
    filled: list[str] = []
    for name in (*_FILLABLE_TUPLES, *_FILLABLE_VALUES, "votes"):
        mine, theirs = getattr(base, name), getattr(imported, name)
        lacking = mine in ((), None) or (name == "votes" and not mine)
        if lacking and theirs not in ((), None, 0):
            changes[name] = theirs
            filled.append(name)
    new_aliases = [
        a
        for a in dict.fromkeys((imported.title, *imported.aliases))
        if a != base.title and a not in base.aliases
    ]
    changes["aliases"] = (*base.aliases, *new_aliases)
    extra = {k: v for k, v in base.extra.items() if k != "imdb_filled"}
    if filled or new_aliases:
        extra["imdb_filled"] = {"tconst": imported.id, "fields": filled, "aliases": new_aliases}
    changes["extra"] = extra
    return base.merged(**changes)


async def _apply(store: Store, outputs: Sequence[Path], report: ImportReport) -> None:
    async with store_imdb.attached(store, outputs) as schemas:
        async with store.transaction():
            local = await store_imdb.local_films(store)
            candidates = [c for schema in schemas for c in await store_imdb.staged_candidates(store, schema)]
            pairs = plan_merges([film for film, _ in local], candidates)
            origin_of = {film.id: origin for film, origin in local}
            tconsts = [imported.id for _, imported in pairs]
            stale = await store_imdb.films_with_imdb_origin(store, tconsts)
            by_origin: dict[str, list[Film]] = defaultdict(list)
            for film, imported in pairs:
                if imported.id in stale:
                    # An earlier import added this film under its tconst; the catalog film takes over.
                    await store_imdb.absorb(store, imported.id, film.id)
                by_origin[origin_of[film.id]].append(merge_film(film, imported))
            for origin, films in by_origin.items():
                await store.upsert_films(films, origin)
            counts = [await store_imdb.copy_staged(store, schema, tconsts) for schema in schemas]
    report.films_inserted = sum(c.inserted for c in counts)
    report.films_updated = sum(c.updated for c in counts)
    report.films_merged = len(pairs)
    report.merged = [(film.id, imported.id) for film, imported in pairs]
    report.aliases = sum(c.aliases for c in counts) + sum(len(i.aliases) for _, i in pairs)


# --- the entry point ----------------------------------------------------------------------------

PARALLEL_FROM_BYTES = (
    8_000_000  # title.basics at least this big (a few hundred thousand titles): use processes
)


async def import_imdb(
    store: Store,
    directory: Path,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    staging_dir: Path | None = None,
) -> ImportReport:
    """Import the films of IMDb's TSV files in `directory` into the catalog, in one transaction.

    `progress(stage, done, total)` is called on the event loop now and then: per file, bytes of
    the (compressed) file read out of its size; then "films", films assembled out of films found;
    then "database" while they are written. `workers` processes share the parsing and assembly
    (default: two on a big import when there are two CPUs, else none: all in a thread). Scratch
    files go in `staging_dir` (default: a folder next to the database) and are removed afterwards.

    Raises :class:`ImdbImportError` naming the file and line when the files cannot be imported;
    the database is then unchanged. Scripts that call this with workers must guard their entry
    point with ``if __name__ == "__main__":`` (worker processes are spawned, not forked).
    """
    started = time.perf_counter()
    directory = Path(directory)
    if not directory.is_dir():
        raise ImdbImportError(f"{directory} is not a folder of IMDb files")
    report = ImportReport(directory=directory)
    paths = {name: find_file(directory, name) for name in COLUMNS}
    basics = paths["title.basics"]
    if basics is None:
        raise ImdbImportError(
            f"no title.basics.tsv.gz (or .tsv) in {directory}: it is the one file the import needs"
        )
    for name, path in paths.items():
        if path is None:
            message = f"no {name}.tsv.gz in {directory}: imported films will lack {_MISSING[name]}"
            report.warnings.append(message)
            log.warning("%s", message)
    if workers is None:
        workers = 2 if basics.stat().st_size >= PARALLEL_FROM_BYTES and (os.cpu_count() or 1) > 1 else 1
    workers = max(1, min(workers, _MAX_PARTS))

    scratch = _scratch_folder(store, staging_dir)
    runner = _Runner(workers)
    reporter = _Reporter(runner.shared, progress)
    polling = asyncio.create_task(reporter.run())
    previous_cache = await store_imdb.set_cache_size(store, 256 * 1024)
    try:
        try:
            outputs = await _stage_and_assemble(runner, paths, scratch, report)
        except asyncio.CancelledError:
            runner.cancel()
            raise
        finally:
            polling.cancel()
            runner.close()
        reporter.poll()
        if progress is not None:
            progress("database", 0, 1)
        await _apply(store, outputs, report)
        if progress is not None:
            progress("database", 1, 1)
    finally:
        await store_imdb.restore_cache_size(store, previous_cache)
        shutil.rmtree(scratch, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    log.info("%s", report.summary())
    return report


_MISSING = {
    "title.basics": "everything",
    "title.crew": "directors",
    "title.principals": "cast",
    "title.akas": "alternative titles, countries and languages",
    "title.ratings": "votes and ratings",
    "name.basics": "the names of directors and cast",
}


def _scratch_folder(store: Store, staging_dir: Path | None) -> Path:
    if staging_dir is None and store.path is not None:
        staging_dir = store.path.with_name(store.path.name + ".imdb-staging")
    if staging_dir is None:
        return Path(tempfile.mkdtemp(prefix="shouldiwatch-imdb-"))
    shutil.rmtree(staging_dir, ignore_errors=True)
    staging_dir.mkdir(parents=True)
    return staging_dir
