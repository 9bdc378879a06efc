"""SQL of the IMDb importer: scratch staging files, then one transaction on the main database.

The importer streams IMDb's TSV files and keeps only the rows of films. Those rows go into
scratch SQLite files in a staging folder next to the database (:class:`Staging`, plain
``sqlite3``, one file per group of tables so that separate processes can fill them at once),
keyed by the numeric part of the IMDb ids so that joins stay on integers. An
:class:`Assembly` reads the staged rows in id order (:meth:`Assembly.iter_raw_films`), and the
importer turns them into :class:`~bot.core.films.model.Film` objects that go into an output file
(``film_out``, ``alias_out``); the id range can be split between processes, one output each.
Only then is the main database touched: the outputs are attached and copied into ``films`` and
``film_aliases`` with ``INSERT … SELECT`` inside the caller's single transaction, so a failure
anywhere before the commit leaves the main database as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from bot.core.films.model import Film
from bot.store import Store, _film_from_row, _join, _now, _split

TABLES = {
    "title": "CREATE TABLE {name} (tid INTEGER PRIMARY KEY, tconst TEXT NOT NULL, kind TEXT NOT NULL,"
    " title TEXT NOT NULL, original TEXT NOT NULL, year INTEGER, runtime INTEGER, genres TEXT NOT NULL)",
    "rating": "CREATE TABLE {name} (tid INTEGER PRIMARY KEY, rating REAL, votes INTEGER NOT NULL)",
    "director": "CREATE TABLE {name} (tid INTEGER NOT NULL, pos INTEGER NOT NULL, nid INTEGER NOT NULL,"
    " PRIMARY KEY (tid, pos)) WITHOUT ROWID",
    "cast_member": "CREATE TABLE {name} (tid INTEGER NOT NULL, ord INTEGER NOT NULL, nid INTEGER NOT NULL,"
    " PRIMARY KEY (tid, ord)) WITHOUT ROWID",
    "aka": "CREATE TABLE {name} (tid INTEGER NOT NULL, ord INTEGER NOT NULL, title TEXT NOT NULL, region TEXT,"
    " language TEXT, types TEXT, is_original INTEGER NOT NULL, PRIMARY KEY (tid, ord)) WITHOUT ROWID",
    "name": "CREATE TABLE {name} (nid INTEGER PRIMARY KEY, name TEXT NOT NULL)",
}
# The films as they will be written: one row per film, list columns joined as in `films`.
_OUTPUT_SCHEMA = (
    "CREATE TABLE film_out (tid INTEGER PRIMARY KEY, key TEXT NOT NULL, title TEXT NOT NULL,"
    " title_key TEXT NOT NULL, original_key TEXT NOT NULL, year INTEGER, kind TEXT NOT NULL,"
    " directors TEXT NOT NULL, cast_names TEXT NOT NULL, languages TEXT NOT NULL, countries TEXT NOT NULL,"
    " genres TEXT NOT NULL, runtime INTEGER, votes INTEGER NOT NULL, rating REAL, context TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE alias_out (tid INTEGER NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL, title_key TEXT NOT NULL)",
    # Every name the film can be found by (see normalize.index_names), as film_keys wants them.
    "CREATE TABLE key_out (tid INTEGER NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, kind INTEGER NOT NULL,"
    " article INTEGER NOT NULL)",
)
# Scratch data: no journal, no fsync. A crash loses nothing that the next run does not rebuild.
_SCRATCH_PRAGMAS = ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE", "cache_size = -65536")


class AkaRow(NamedTuple):
    """One alternative title of a film, as title.akas gives it."""

    ordering: int
    title: str
    region: str | None
    language: str | None
    types: str | None
    is_original: bool


class BuiltFilm(NamedTuple):
    """A film as :meth:`Assembly.build_films` wrote it, before its alternative titles are ranked."""

    tid: int
    film: Film  # no aliases, countries or languages yet
    title_key: str
    original: str
    akas: tuple[AkaRow, ...]


class CompletedFilm(NamedTuple):
    """A finished film with the keys and words the store keeps for finding it."""

    tid: int
    film: Film
    alias_keys: tuple[str, ...]  # one per film.aliases entry
    context: str  # as bot.store.film_context gives it
    names: Sequence[tuple[str, int, bool]]  # as normalize.index_names gives them


@dataclass(frozen=True, slots=True)
class ApplyCounts:
    """What the bulk copy into the main database did."""

    inserted: int
    updated: int
    aliases: int


def remove_database_file(path: Path) -> None:
    """Delete an SQLite file and its journals, if there."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def _scratch_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in _SCRATCH_PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn


class _Scratch:
    """A synchronous SQLite connection used for one import, committed or thrown away at the end."""

    conn: sqlite3.Connection

    def close(self) -> None:
        """Commit what is pending and close."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.conn.close()

    def abandon(self) -> None:
        """Close without caring about the content (its file will be deleted)."""
        with suppress(sqlite3.Error):
            self.conn.close()


class Staging(_Scratch):
    """One scratch SQLite file holding some of the staging tables. Synchronous; one thread at a time."""

    def __init__(self, path: Path, tables: Iterable[str]) -> None:
        self.path = path
        remove_database_file(path)
        self.conn = _scratch_connection(path)
        for table in tables:
            self.conn.execute(TABLES[table].format(name=table))
        self.conn.execute("BEGIN")

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


def split_points(titles_file: Path, parts: int) -> list[tuple[int, int]]:
    """Return `parts` (first tid, last tid) ranges holding about as many staged films each."""
    conn = sqlite3.connect(f"file:{titles_file.resolve()}?mode=ro", uri=True)
    try:
        total = int(conn.execute("SELECT count(*) FROM title").fetchone()[0])
        if total == 0:
            return [(0, 0)]
        cuts = [0]
        for k in range(1, parts):
            row = conn.execute(
                "SELECT tid FROM title ORDER BY tid LIMIT 1 OFFSET ?", (total * k // parts,)
            ).fetchone()
            cuts.append(int(row[0]))
        cuts.append(1 << 62)
        return [(cuts[k], cuts[k + 1] - 1) for k in range(parts) if cuts[k] < cuts[k + 1]]
    finally:
        conn.close()


class Assembly(_Scratch):
    """Builds the finished films from the staged tables (wherever they were staged) into an output file.

    The bulk is SQL (:meth:`build_films`): people joined in order, the title key from
    :func:`bot.core.films.normalize.key` registered as ``nkey``. Then one pass in Python ranks the
    alternative titles and computes the names and hint words the store keeps for each film
    (:meth:`iter_built`, :meth:`complete`).
    """

    def __init__(self, out: Path, sources: Mapping[str, Path | None]) -> None:
        """Create the output file `out`; `sources` maps each staging table to the file that holds it."""
        self.path = out
        remove_database_file(out)
        self.conn = _scratch_connection(out)
        for statement in _OUTPUT_SCHEMA:
            self.conn.execute(statement)
        schemas: dict[Path, str] = {}
        for table in TABLES:
            source = sources.get(table)
            if source is None:  # the file was not given: an empty table stands in
                self.conn.execute(TABLES[table].format(name=f"temp.{table}"))
                continue
            if source not in schemas:
                schemas[source] = f"stage{len(schemas)}"
                self.conn.execute(f"ATTACH DATABASE ? AS {schemas[source]}", (str(source),))
                # An attached file has its own page cache, of SQLite's default 2 MB unless told.
                self.conn.execute(f"PRAGMA {schemas[source]}.cache_size = -32768")
            self.conn.execute(f"CREATE TEMP VIEW {table} AS SELECT * FROM {schemas[source]}.{table}")
        self.conn.execute("BEGIN")

    def count(self, first: int, last: int) -> int:
        """Return how many staged films have ids in first..last."""
        return int(
            self.conn.execute(
                "SELECT count(*) FROM title WHERE tid BETWEEN ? AND ?", (first, last)
            ).fetchone()[0]
        )

    def build_films(self, first: int, last: int, key: Callable[[str], str], *, max_cast: int) -> None:
        """Write a film_out row for every staged film with an id in first..last.

        Directors in crew order, the first `max_cast` named cast members by ordering; `key` gives
        the title keys (it is called twice a film, so it can also count progress). Each list is
        the ``group_concat`` of an ordered subquery: the primary key (tid, position) serves the
        ORDER BY, so rows reach the aggregate in that order with no sort in between.
        """
        self.conn.create_function("nkey", 1, key, deterministic=True)
        people = (
            "coalesce((SELECT group_concat(name, char(31)) FROM (SELECT n.name FROM {table} p"
            " JOIN name n ON n.nid = p.nid WHERE p.tid = t.tid ORDER BY p.{order}{limit})), '')"
        )
        self.conn.execute(
            "INSERT INTO film_out (tid, key, title, title_key, original_key, year, kind, directors, cast_names,"
            " languages, countries, genres, runtime, votes, rating)"
            " SELECT t.tid, t.tconst, t.title, nkey(t.title),"
            " CASE WHEN t.original = t.title THEN nkey(t.title) ELSE nkey(t.original) END, t.year, t.kind,"
            f" {people.format(table='director', order='pos', limit='')},"
            f" {people.format(table='cast_member', order='ord', limit=f' LIMIT {int(max_cast)}')},"
            " '', '', replace(t.genres, ',', char(31)), t.runtime, coalesce(r.votes, 0), r.rating"
            " FROM title t LEFT JOIN rating r ON r.tid = t.tid WHERE t.tid BETWEEN ? AND ? ORDER BY t.tid",
            (first, last),
        )

    def iter_built(self, first: int, last: int) -> Iterator[BuiltFilm]:
        """Yield the films :meth:`build_films` wrote for ids in first..last, with what is left to do.

        Akas that can tell nothing (the primary title again, with no region or language) are left out.
        """
        rows = self.conn.execute(
            "SELECT f.tid, f.key, f.title, f.title_key, f.year, f.kind, f.directors, f.cast_names, f.genres,"
            " f.runtime, f.votes, f.rating, t.original, a.ord, a.title, a.region, a.language, a.types, a.is_original"
            " FROM film_out f JOIN title t ON t.tid = f.tid LEFT JOIN aka a ON a.tid = f.tid"
            " AND (a.title != f.title OR a.region IS NOT NULL OR a.language IS NOT NULL)"
            " WHERE f.tid BETWEEN ? AND ? ORDER BY f.tid, a.ord",
            (first, last),
        )
        for tid, group in groupby(rows, key=itemgetter(0)):
            row = next(group)
            film = Film(
                id=row[1], title=row[2], year=row[4], kind=row[5], directors=_split(row[6]), cast=_split(row[7]),
                genres=_split(row[8]), runtime=row[9], votes=row[10], rating=row[11], imdb_id=row[1],
            )  # fmt: skip
            akas = tuple(
                AkaRow(r[13], r[14], r[15], r[16], r[17], r[18] == 1)
                for r in chain((row,), group)
                if r[13] is not None
            )
            yield BuiltFilm(tid, film, row[3], row[12], akas)

    def complete(self, rows: Sequence[CompletedFilm]) -> None:
        """Store what the importer added to films from :meth:`iter_built`."""
        self.conn.executemany(
            "UPDATE film_out SET countries = ?, languages = ?, context = ? WHERE tid = ?",
            [(_join(r.film.countries), _join(r.film.languages), r.context, r.tid) for r in rows],
        )
        self.conn.executemany(
            "INSERT INTO alias_out VALUES (?, ?, ?, ?)",
            [
                (r.tid, r.film.id, alias, key)
                for r in rows
                for alias, key in zip(r.film.aliases, r.alias_keys, strict=True)
            ],
        )
        self.conn.executemany(
            "INSERT INTO key_out VALUES (?, ?, ?, ?, ?)",
            [(r.tid, r.film.id, name, kind, int(article)) for r in rows for name, kind, article in r.names],
        )

    def finish(self) -> None:
        """Index the finished films for the merge look-ups, commit and close."""
        self.conn.execute("CREATE INDEX film_out_title_key ON film_out(title_key)")
        self.conn.execute("CREATE INDEX film_out_original_key ON film_out(original_key)")
        self.conn.execute("CREATE UNIQUE INDEX film_out_key ON film_out(key)")
        self.close()


# --- the main database ------------------------------------------------------------------------


@asynccontextmanager
async def attached(store: Store, outputs: Sequence[Path]) -> AsyncIterator[list[str]]:
    """Attach the assembly outputs to the store's connection; yield their schema names."""
    schemas: list[str] = []
    try:
        for number, path in enumerate(outputs):
            schema = f"imdb_out{number}"
            await store.conn.execute(f"ATTACH DATABASE ? AS {schema}", (str(path),))
            schemas.append(schema)
        yield schemas
    finally:
        for schema in schemas:
            await store.conn.execute(f"DETACH DATABASE {schema}")


async def local_films(store: Store) -> list[tuple[Film, str]]:
    """Return (film, origin) for the films that did not come from IMDb (shipped, added by hand)."""
    async with store.conn.execute("SELECT key, origin FROM films WHERE origin != 'imdb'") as cur:
        origins = {row[0]: row[1] for row in await cur.fetchall()}
    films = await store.get_films(list(origins))
    return [(film, origins[key]) for key, film in films.items()]


async def staged_candidates(store: Store, schema: str) -> list[tuple[Film, str, str]]:
    """Return (film, title key, original-title key) for assembled films that may be a local film.

    Candidates share a title key with a local film, or are already linked to one by IMDb id, or
    have an id a local film uses. Call inside :func:`attached`.
    """
    async with store.conn.execute(
        "SELECT s.key AS key, s.key AS imdb_id, s.title, s.year, s.kind, s.directors, s.cast_names, s.languages,"
        " s.countries, s.genres, NULL AS franchise, '' AS platforms, NULL AS description, s.runtime, s.votes,"
        " s.rating, NULL AS mpaa, '{}' AS extra, s.tid, s.title_key, s.original_key"
        f" FROM {schema}.film_out s"
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
            f"SELECT tid, title FROM {schema}.alias_out WHERE tid IN ({','.join('?' * len(chunk))}) ORDER BY rowid",
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
    "imdb_id", "title", "title_key", "year", "kind", "directors", "cast_names", "languages", "countries",
    "genres", "runtime", "votes", "rating", "updated_at", "context",
)  # fmt: skip


async def copy_staged(store: Store, schema: str, skip: Iterable[str]) -> ApplyCounts:
    """Insert or update every assembled film except those in `skip` (merged elsewhere), with aliases.

    Call inside :func:`attached` and inside the store's transaction. Columns the importer does not
    own (description, platforms, franchise, extra) keep what an earlier edit put there.
    """
    conn = store.conn
    await conn.execute("CREATE TEMP TABLE IF NOT EXISTS imdb_skip (key TEXT PRIMARY KEY) WITHOUT ROWID")
    await conn.execute("DELETE FROM temp.imdb_skip")
    await conn.executemany("INSERT OR IGNORE INTO temp.imdb_skip VALUES (?)", [(k,) for k in skip])
    wanted = f"FROM {schema}.film_out s WHERE s.key NOT IN (SELECT key FROM temp.imdb_skip)"
    async with conn.execute(f"SELECT count(*) {wanted} AND s.key IN (SELECT key FROM main.films)") as cur:
        row = await cur.fetchone()
    updated = int(row[0]) if row else 0
    async with conn.execute(f"SELECT count(*) {wanted}") as cur:
        row = await cur.fetchone()
    total = int(row[0]) if row else 0
    if updated:
        for table in ("film_aliases", "film_keys"):
            await conn.execute(
                f"DELETE FROM main.{table} WHERE film_id IN"
                f" (SELECT f.id FROM main.films f JOIN {schema}.film_out s ON s.key = f.key"
                " WHERE s.key NOT IN (SELECT key FROM temp.imdb_skip))"
            )
    sets = ", ".join(f"{c} = excluded.{c}" for c in _IMDB_COLUMNS)
    await conn.execute(
        "INSERT INTO main.films (key, imdb_id, title, title_key, year, kind, directors, cast_names, languages,"
        " countries, genres, runtime, votes, rating, extra, origin, updated_at, context)"
        " SELECT s.key, s.key, s.title, s.title_key, s.year, s.kind, s.directors, s.cast_names, s.languages,"
        f" s.countries, s.genres, s.runtime, s.votes, s.rating, '{{}}', 'imdb', ?, s.context {wanted} ORDER BY s.tid"
        f" ON CONFLICT (key) DO UPDATE SET {sets}",
        (_now(),),
    )
    cur = await conn.execute(
        "INSERT OR IGNORE INTO main.film_aliases (film_id, title, title_key)"
        f" SELECT f.id, a.title, a.title_key FROM {schema}.alias_out a JOIN main.films f ON f.key = a.key"
        " WHERE a.key NOT IN (SELECT key FROM temp.imdb_skip) ORDER BY a.rowid"
    )
    aliases = max(cur.rowcount, 0)
    await cur.close()
    await conn.execute(
        "INSERT OR IGNORE INTO main.film_keys (key, film_id, kind, article)"
        f" SELECT k.name, f.id, k.kind, k.article FROM {schema}.key_out k JOIN main.films f ON f.key = k.key"
        " WHERE k.key NOT IN (SELECT key FROM temp.imdb_skip) ORDER BY k.rowid"
    )
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
