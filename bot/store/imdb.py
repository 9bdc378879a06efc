"""SQL of the IMDb importer: a scratch staging file, then one transaction on the main database.

The importer streams IMDb's TSV files and keeps only the rows of films. Those rows go into a
staging SQLite file next to the database (:class:`Staging`, plain ``sqlite3``, used from a worker
thread), keyed by the numeric part of the IMDb ids so joins stay on integers. One ordered pass
over the staged rows (:meth:`Staging.iter_raw_films`) gives the importer everything it needs to
build each :class:`~bot.core.films.model.Film`; the finished films go back into the staging file
(:meth:`Staging.add_films`). Only then is the main database touched: the staging file is attached
and copied into ``films`` and ``film_aliases`` with ``INSERT … SELECT`` inside the caller's single
transaction, so a failure anywhere before the commit leaves the main database as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from bot.core.films.model import Film
from bot.store import Store, _film_from_row, _join, _now

STAGE = "imdb_stage"  # schema name of the attached staging file

_STAGING_SCHEMA = (
    "CREATE TABLE title (tid INTEGER PRIMARY KEY, tconst TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,"
    " original TEXT NOT NULL, year INTEGER, runtime INTEGER, genres TEXT NOT NULL)",
    "CREATE TABLE rating (tid INTEGER PRIMARY KEY, rating REAL, votes INTEGER NOT NULL)",
    "CREATE TABLE director (tid INTEGER NOT NULL, pos INTEGER NOT NULL, nid INTEGER NOT NULL,"
    " PRIMARY KEY (tid, pos)) WITHOUT ROWID",
    "CREATE TABLE cast_member (tid INTEGER NOT NULL, ord INTEGER NOT NULL, nid INTEGER NOT NULL,"
    " PRIMARY KEY (tid, ord)) WITHOUT ROWID",
    "CREATE TABLE aka (tid INTEGER NOT NULL, ord INTEGER NOT NULL, title TEXT NOT NULL, region TEXT,"
    " language TEXT, types TEXT, is_original INTEGER NOT NULL, PRIMARY KEY (tid, ord)) WITHOUT ROWID",
    "CREATE TABLE name (nid INTEGER PRIMARY KEY, name TEXT NOT NULL)",
    # The films as they will be written: one row per film, list columns joined as in `films`.
    "CREATE TABLE film_out (tid INTEGER PRIMARY KEY, key TEXT NOT NULL, title TEXT NOT NULL,"
    " title_key TEXT NOT NULL, original_key TEXT NOT NULL, year INTEGER, kind TEXT NOT NULL,"
    " directors TEXT NOT NULL, cast_names TEXT NOT NULL, languages TEXT NOT NULL, countries TEXT NOT NULL,"
    " genres TEXT NOT NULL, runtime INTEGER, votes INTEGER NOT NULL, rating REAL)",
    "CREATE TABLE alias_out (tid INTEGER NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL, title_key TEXT NOT NULL)",
)


@dataclass(frozen=True, slots=True)
class AkaRow:
    """One alternative title of a film, as title.akas gives it."""

    ordering: int
    title: str
    region: str | None
    language: str | None
    types: str | None
    is_original: bool


@dataclass(frozen=True, slots=True)
class RawFilm:
    """Everything staged about one film, gathered from the six files."""

    tconst: str
    kind: str
    title: str
    original: str
    year: int | None
    runtime: int | None
    genres: str
    rating: float | None
    votes: int
    directors: tuple[str, ...]
    cast: tuple[str, ...]
    akas: tuple[AkaRow, ...]


@dataclass(frozen=True, slots=True)
class StagedFilm:
    """A finished film and the normalised keys the store needs with it."""

    film: Film
    title_key: str
    original_key: str
    alias_keys: tuple[str, ...]  # one per film.aliases entry


@dataclass(frozen=True, slots=True)
class ApplyCounts:
    """What the bulk copy into the main database did."""

    inserted: int
    updated: int
    aliases: int


class Staging:
    """A scratch SQLite file for the filtered IMDb rows. Synchronous: use it from one worker thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._remove_files()
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        # Scratch data: no journal, no fsync. A crash loses nothing the next run does not rebuild.
        for pragma in (
            "journal_mode = OFF",
            "synchronous = OFF",
            "temp_store = FILE",
            "cache_size = -65536",
            "locking_mode = EXCLUSIVE",
        ):
            self.conn.execute(f"PRAGMA {pragma}")
        for statement in _STAGING_SCHEMA:
            self.conn.execute(statement)
        self.conn.execute("BEGIN")

    def _remove_files(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with suppress(FileNotFoundError):
                Path(f"{self.path}{suffix}").unlink()

    def close(self) -> None:
        """Commit what was staged and close, keeping the file for :func:`attached`."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.conn.close()

    def discard(self) -> None:
        """Close (if open) and delete the staging file."""
        with suppress(sqlite3.Error):
            self.conn.close()
        self._remove_files()

    # --- staging the filtered rows ----------------------------------------------------------

    def add_titles(self, rows: Sequence[tuple[int, str, str, str, str, int | None, int | None, str]]) -> None:
        """Stage (tid, tconst, kind, title, original, year, runtime, genres) rows; a repeated id replaces."""
        self.conn.executemany("INSERT OR REPLACE INTO title VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def add_ratings(self, rows: Sequence[tuple[int, float | None, int]]) -> None:
        """Stage (tid, rating, votes) rows."""
        self.conn.executemany("INSERT OR REPLACE INTO rating VALUES (?, ?, ?)", rows)

    def add_directors(self, rows: Sequence[tuple[int, int, int]]) -> None:
        """Stage (tid, position, nid) rows."""
        self.conn.executemany("INSERT OR REPLACE INTO director VALUES (?, ?, ?)", rows)

    def add_cast(self, rows: Sequence[tuple[int, int, int]]) -> None:
        """Stage (tid, ordering, nid) rows."""
        self.conn.executemany("INSERT OR REPLACE INTO cast_member VALUES (?, ?, ?)", rows)

    def add_akas(self, rows: Sequence[tuple[int, int, str, str | None, str | None, str | None, int]]) -> None:
        """Stage (tid, ordering, title, region, language, types, is_original) rows."""
        self.conn.executemany("INSERT OR REPLACE INTO aka VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def add_names(self, rows: Sequence[tuple[int, str]]) -> None:
        """Stage (nid, name) rows."""
        self.conn.executemany("INSERT OR REPLACE INTO name VALUES (?, ?)", rows)

    def count(self, table: str) -> int:
        """Return the number of staged rows in one of the staging tables."""
        if table not in {
            "title",
            "rating",
            "director",
            "cast_member",
            "aka",
            "name",
            "film_out",
            "alias_out",
        }:
            raise ValueError(f"no staging table {table!r}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # --- assembling the films ---------------------------------------------------------------

    def iter_raw_films(self) -> Iterator[RawFilm]:
        """Yield every staged film with its people, akas and rating, in id order.

        One pass: a cursor per table, each sorted by its (tid, …) primary key and grouped by film,
        advanced alongside the films. Akas that can tell nothing (the primary title again, with no
        region or language) are left out.
        """
        conn = self.conn
        titles = conn.execute(
            "SELECT t.tid, t.tconst, t.kind, t.title, t.original, t.year, t.runtime, t.genres, r.rating, r.votes"
            " FROM title t LEFT JOIN rating r ON r.tid = t.tid ORDER BY t.tid"
        )
        directors = _groups(
            conn.execute(
                "SELECT d.tid, n.name FROM director d JOIN name n ON n.nid = d.nid ORDER BY d.tid, d.pos"
            ),
            lambda rows: tuple(r[1] for r in rows),
        )
        cast = _groups(
            conn.execute(
                "SELECT c.tid, n.name FROM cast_member c JOIN name n ON n.nid = c.nid ORDER BY c.tid, c.ord"
            ),
            lambda rows: tuple(r[1] for r in rows),
        )
        akas = _groups(
            conn.execute(
                "SELECT a.tid, a.ord, a.title, a.region, a.language, a.types, a.is_original"
                " FROM aka a JOIN title t ON t.tid = a.tid"
                " WHERE a.title != t.title OR a.region IS NOT NULL OR a.language IS NOT NULL ORDER BY a.tid, a.ord"
            ),
            lambda rows: tuple(AkaRow(r[1], r[2], r[3], r[4], r[5], r[6] == 1) for r in rows),
        )
        sentinel = (1 << 62, ())
        next_dir = next(directors, sentinel)
        next_cast = next(cast, sentinel)
        next_aka = next(akas, sentinel)
        for tid, tconst, kind, title, original, year, runtime, genres, rating, votes in titles:
            film_directors: tuple = ()
            film_cast: tuple = ()
            film_akas: tuple = ()
            while next_dir[0] <= tid:
                if next_dir[0] == tid:
                    film_directors = next_dir[1]
                next_dir = next(directors, sentinel)
            while next_cast[0] <= tid:
                if next_cast[0] == tid:
                    film_cast = next_cast[1]
                next_cast = next(cast, sentinel)
            while next_aka[0] <= tid:
                if next_aka[0] == tid:
                    film_akas = next_aka[1]
                next_aka = next(akas, sentinel)
            yield RawFilm(
                tconst, kind, title, original, year, runtime, genres, rating, votes or 0,
                film_directors, film_cast, film_akas,
            )  # fmt: skip

    def add_films(self, staged: Iterable[StagedFilm]) -> None:
        """Store finished films (and their aliases with keys) for the copy into the main database."""
        film_rows = []
        alias_rows = []
        for item in staged:
            f = item.film
            tid = int(f.id[2:])
            film_rows.append(
                (
                    tid,
                    f.id,
                    f.title,
                    item.title_key,
                    item.original_key,
                    f.year,
                    f.kind,
                    _join(f.directors),
                    _join(f.cast),
                    _join(f.languages),
                    _join(f.countries),
                    _join(f.genres),
                    f.runtime,
                    f.votes,
                    f.rating,
                )
            )
            alias_rows.extend((tid, f.id, a, k) for a, k in zip(f.aliases, item.alias_keys, strict=True))
        self.conn.executemany(f"INSERT OR REPLACE INTO film_out VALUES ({', '.join('?' * 15)})", film_rows)
        self.conn.executemany("INSERT INTO alias_out VALUES (?, ?, ?, ?)", alias_rows)

    def finish(self) -> None:
        """Index the finished films for the merge look-ups and commit."""
        self.conn.execute("CREATE INDEX film_out_title_key ON film_out(title_key)")
        self.conn.execute("CREATE INDEX film_out_original_key ON film_out(original_key)")
        self.conn.execute("CREATE UNIQUE INDEX film_out_key ON film_out(key)")
        self.conn.execute("COMMIT")
        self.conn.execute("BEGIN")


def _groups(rows: Iterable[tuple], build: Callable[[Iterable[tuple]], Any]) -> Iterator[tuple[int, Any]]:
    """Yield (tid, build(rows of that tid)) from rows sorted by tid."""
    for tid, group in groupby(rows, key=itemgetter(0)):
        yield tid, build(group)


# --- the main database ------------------------------------------------------------------------


@asynccontextmanager
async def attached(store: Store, staging_path: Path) -> AsyncIterator[None]:
    """Attach the staging file to the store's connection for the duration of the block."""
    await store.conn.execute(f"ATTACH DATABASE ? AS {STAGE}", (str(staging_path),))
    try:
        yield
    finally:
        await store.conn.execute(f"DETACH DATABASE {STAGE}")


_STAGED_AS_FILM = (
    "SELECT s.key AS key, s.key AS imdb_id, s.title, s.year, s.kind, s.directors, s.cast_names, s.languages,"
    " s.countries, s.genres, NULL AS franchise, '' AS platforms, NULL AS description, s.runtime, s.votes,"
    " s.rating, NULL AS mpaa, '{}' AS extra, s.tid"
)


async def local_films(store: Store) -> list[tuple[Film, str]]:
    """Return (film, origin) for the films that did not come from IMDb (shipped, added by hand)."""
    async with store.conn.execute("SELECT key, origin FROM films WHERE origin != 'imdb'") as cur:
        origins = {row[0]: row[1] for row in await cur.fetchall()}
    films = await store.get_films(list(origins))
    return [(film, origins[key]) for key, film in films.items()]


async def staged_candidates(store: Store) -> list[tuple[Film, str, str]]:
    """Return (film, title key, original-title key) for staged films that may be a local film.

    Candidates share a title key with a local film, or are already linked to one by IMDb id, or
    have an id a local film uses. Call inside :func:`attached`.
    """
    async with store.conn.execute(
        f"{_STAGED_AS_FILM}, s.title_key, s.original_key FROM {STAGE}.film_out s"
        " WHERE s.title_key IN (SELECT title_key FROM main.films WHERE origin != 'imdb')"
        " OR s.original_key IN (SELECT title_key FROM main.films WHERE origin != 'imdb')"
        " OR s.key IN (SELECT imdb_id FROM main.films WHERE origin != 'imdb' AND imdb_id IS NOT NULL)"
        " OR s.key IN (SELECT key FROM main.films WHERE origin != 'imdb')"
    ) as cur:
        rows = list(await cur.fetchall())
    aliases: dict[int, list[str]] = {}
    tids = [r["tid"] for r in rows]
    for start in range(0, len(tids), 500):
        chunk = tids[start : start + 500]
        async with store.conn.execute(
            f"SELECT tid, title FROM {STAGE}.alias_out WHERE tid IN ({','.join('?' * len(chunk))}) ORDER BY rowid",
            chunk,
        ) as cur:
            async for tid, title in cur:
                aliases.setdefault(tid, []).append(title)
    return [(_film_from_row(r, aliases.get(r["tid"], ())), r["title_key"], r["original_key"]) for r in rows]


async def absorb(store: Store, old_key: str, into_key: str) -> None:
    """Fold an imported film row into another film: move its reviews over, then delete it.

    Used when a shipped film turns out to be a film an earlier import added under its tconst.
    """
    await store.conn.execute(
        "UPDATE reviews SET film_id = (SELECT id FROM films WHERE key = ?)"
        " WHERE film_id = (SELECT id FROM films WHERE key = ?)",
        (into_key, old_key),
    )
    await store.conn.execute("DELETE FROM films WHERE key = ?", (old_key,))


async def films_with_imdb_origin(store: Store, keys: Sequence[str]) -> set[str]:
    """Return which of these public ids exist as rows imported from IMDb."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        async with store.conn.execute(
            f"SELECT key FROM films WHERE origin = 'imdb' AND key IN ({','.join('?' * len(chunk))})", chunk
        ) as cur:
            found.update(row[0] for row in await cur.fetchall())
    return found


_IMDB_COLUMNS = (
    "imdb_id",
    "title",
    "title_key",
    "year",
    "kind",
    "directors",
    "cast_names",
    "languages",
    "countries",
    "genres",
    "runtime",
    "votes",
    "rating",
    "updated_at",
)


async def copy_staged(store: Store, skip: Iterable[str]) -> ApplyCounts:
    """Insert or update every staged film except those in `skip` (merged elsewhere), with aliases.

    Call inside :func:`attached` and inside the store's transaction. Columns the importer does not
    own (description, platforms, franchise, extra) keep what an earlier edit put there.
    """
    conn = store.conn
    await conn.execute("CREATE TEMP TABLE IF NOT EXISTS imdb_skip (key TEXT PRIMARY KEY) WITHOUT ROWID")
    await conn.execute("DELETE FROM temp.imdb_skip")
    await conn.executemany("INSERT OR IGNORE INTO temp.imdb_skip VALUES (?)", [(k,) for k in skip])
    wanted = f"FROM {STAGE}.film_out s WHERE s.key NOT IN (SELECT key FROM temp.imdb_skip)"
    async with conn.execute(f"SELECT count(*) {wanted} AND s.key IN (SELECT key FROM main.films)") as cur:
        row = await cur.fetchone()
    updated = int(row[0]) if row else 0
    async with conn.execute(f"SELECT count(*) {wanted}") as cur:
        row = await cur.fetchone()
    total = int(row[0]) if row else 0
    if updated:
        await conn.execute(
            "DELETE FROM main.film_aliases WHERE film_id IN"
            f" (SELECT f.id FROM main.films f JOIN {STAGE}.film_out s ON s.key = f.key"
            " WHERE s.key NOT IN (SELECT key FROM temp.imdb_skip))"
        )
    sets = ", ".join(f"{c} = excluded.{c}" for c in _IMDB_COLUMNS)
    await conn.execute(
        "INSERT INTO main.films (key, imdb_id, title, title_key, year, kind, directors, cast_names, languages,"
        " countries, genres, runtime, votes, rating, extra, origin, updated_at)"
        " SELECT s.key, s.key, s.title, s.title_key, s.year, s.kind, s.directors, s.cast_names, s.languages,"
        f" s.countries, s.genres, s.runtime, s.votes, s.rating, '{{}}', 'imdb', ? {wanted} ORDER BY s.tid"
        f" ON CONFLICT (key) DO UPDATE SET {sets}",
        (_now(),),
    )
    cur = await conn.execute(
        "INSERT OR IGNORE INTO main.film_aliases (film_id, title, title_key)"
        f" SELECT f.id, a.title, a.title_key FROM {STAGE}.alias_out a JOIN main.films f ON f.key = a.key"
        " WHERE a.key NOT IN (SELECT key FROM temp.imdb_skip) ORDER BY a.rowid"
    )
    aliases = max(cur.rowcount, 0)
    await cur.close()
    await conn.execute("DELETE FROM temp.imdb_skip")
    return ApplyCounts(inserted=total - updated, updated=updated, aliases=aliases)


async def set_cache_size(store: Store, kib: int) -> int:
    """Set the connection's page cache (in KiB) and return the previous setting (raw PRAGMA value)."""
    async with store.conn.execute("PRAGMA cache_size") as cur:
        row = await cur.fetchone()
    await store.conn.execute(f"PRAGMA cache_size = {-abs(int(kib))}")
    return int(row[0]) if row else -2000


async def restore_cache_size(store: Store, raw: int) -> None:
    """Put back a value returned by :func:`set_cache_size`."""
    await store.conn.execute(f"PRAGMA cache_size = {int(raw)}")
