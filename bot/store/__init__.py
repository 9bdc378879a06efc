"""All SQL lives here: films, reviews, warnings, user preferences."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import compress
from pathlib import Path
from typing import Any

import aiosqlite
import numpy as np

from bot.core.films import hints, normalize
from bot.core.films.index import CatalogColumns, IndexEntry
from bot.core.films.model import Film
from bot.core.reviews.model import (
    Analysis,
    ContentWarning,
    FilmLink,
    LinkEvidence,
    StoredReview,
    Verdict,
)
from bot.store.db import StoreError, connect, transaction

log = logging.getLogger(__name__)

SEP = "\x1f"
__all__ = ["SEP", "CatalogReader", "Store", "StoreError", "iter_catalog_rows", "read_catalog"]


def _join(values: Iterable[str]) -> str:
    return SEP.join(v.replace(SEP, " ") for v in values)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(SEP)) if value else ()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_FILM_COLUMNS = (
    "key, imdb_id, title, title_key, year, kind, directors, cast_names, languages, countries, genres, "
    "franchise, platforms, description, runtime, votes, rating, mpaa, extra, origin, updated_at, context"
)


def film_context(film: Film) -> str:
    """Return the hint words of a film (people, franchise, aliases, language…), space-separated."""
    return " ".join(
        hints.context_words(
            people=film.directors + film.cast,
            franchise=film.franchise,
            aliases=film.aliases,
            languages=film.languages,
            countries=film.countries,
            genres=film.genres,
            kind=film.kind,
            platforms=film.platforms,
        )
    )


def _film_params(film: Film, origin: str, now: str) -> tuple[Any, ...]:
    return (
        film.id,
        film.imdb_id,
        film.title,
        normalize.key(film.title),
        film.year,
        film.kind,
        _join(film.directors),
        _join(film.cast),
        _join(film.languages),
        _join(film.countries),
        _join(film.genres),
        film.franchise,
        _join(film.platforms),
        film.description,
        film.runtime,
        int(film.votes or 0),
        film.rating,
        film.mpaa,
        json.dumps(film.extra, ensure_ascii=False),
        origin,
        now,
        film_context(film),
    )


_TOPIC_CACHE = 50_000
_ALIAS_JSON = (
    "(SELECT json_group_array(title) FROM "
    "(SELECT title FROM film_aliases a WHERE a.film_id = f.id ORDER BY a.rowid))"
)


def _film_from_row(row: sqlite3.Row, aliases: Sequence[str]) -> Film:
    return Film(
        id=row["key"],
        title=row["title"],
        year=row["year"],
        kind=row["kind"],
        directors=_split(row["directors"]),
        cast=_split(row["cast_names"]),
        languages=_split(row["languages"]),
        countries=_split(row["countries"]),
        genres=_split(row["genres"]),
        aliases=tuple(aliases),
        franchise=row["franchise"],
        platforms=_split(row["platforms"]),
        description=row["description"],
        runtime=row["runtime"],
        votes=row["votes"],
        rating=row["rating"],
        mpaa=row["mpaa"],
        imdb_id=row["imdb_id"],
        extra=json.loads(row["extra"] or "{}"),
    )


def _reviewed_platforms(conn: sqlite3.Connection) -> dict[int, set[str]]:
    """Return, per reviewed film, where its reviews say it streams."""
    reviewed: dict[int, set[str]] = {}
    for film_id, streaming in conn.execute("SELECT film_id, streaming FROM reviews"):
        reviewed.setdefault(film_id, set()).update(_split(streaming))
    return reviewed


def iter_catalog_rows(path: Path | str, batch: int = 20_000) -> Iterator[IndexEntry]:
    """Stream every film with its aliases and reviewed flag, for building the index in a thread.

    Uses its own read-only sqlite3 connection so it can run off the event loop.
    """
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False)
    try:
        reviewed = _reviewed_platforms(conn)
        # Films and their names in two scans in film order, merged here (one lookup of a film's
        # names per film costs twice as long at a million films).
        films = conn.execute(
            "SELECT id, key, title, year, kind, directors, languages, votes, context FROM films ORDER BY id"
        )
        keys = conn.cursor().execute(
            "SELECT film_id, key, kind, article FROM film_keys ORDER BY film_id, kind, key"
        )
        pending: list[tuple[int, str, int, int]] = []
        at = 0

        def names_of(fid: int) -> list[tuple[str, int, bool]]:
            nonlocal pending, at
            names = []
            while True:
                if at == len(pending):
                    pending, at = keys.fetchmany(batch), 0
                    if not pending:
                        return names
                row = pending[at]
                if row[0] > fid:
                    return names
                if row[0] == fid:
                    names.append((row[1], row[2], row[3] == 1))
                at += 1

        while rows := films.fetchmany(batch):
            for fid, key, title, year, kind, dirs, langs, votes, context in rows:
                names = names_of(fid)
                words = tuple(context.split()) if context else ()
                extra = reviewed.get(fid)
                if extra:
                    # Where the reviews say it streams is a hint too ("balerina netflix").
                    words = tuple(dict.fromkeys(words + tuple(hints.context_words(platforms=extra))))
                first_director = dirs.split(SEP, 1)[0] if dirs else None
                # Positional: a million of these per build (key, title, year, kind, people,
                # languages, countries, genres, franchise, platforms, votes, aliases, reviewed,
                # director, names, context).
                yield IndexEntry(
                    key,
                    title,
                    year,
                    kind,
                    (),
                    (langs.split(SEP, 1)[0],) if langs else (),
                    (),
                    (),
                    None,
                    (),
                    votes,
                    (),
                    fid in reviewed,
                    first_director,
                    tuple(names),
                    words,
                )
    finally:
        conn.close()


def read_catalog(path: Path | str, batch: int = 50_000) -> CatalogColumns:
    """Read every film as columns, the form the title index is built from.

    The same facts `iter_catalog_rows` gives film by film, gathered a column at a time: at a
    million films, making and taking apart a million entries was most of a build. Uses its own
    read-only sqlite3 connection so it can run off the event loop.
    """
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False)
    try:
        reviewed = _reviewed_platforms(conn)
        cols = CatalogColumns()
        db_ids: list[int] = []
        films = conn.execute("SELECT id, key, title, year, directors, votes, context FROM films ORDER BY id")
        while rows := films.fetchmany(batch):
            fids, keys, titles, years, dirs, votes, contexts = zip(*rows, strict=True)
            db_ids.extend(fids)
            cols.ids.extend(keys)
            cols.titles.extend(titles)
            cols.years.extend([year or 0 for year in years])
            cols.directors.extend([d.split(SEP, 1)[0] if d else "" for d in dirs])
            cols.votes.extend(votes)
            cols.contexts.extend(contexts)
        ids = np.asarray(db_ids, dtype=np.int64)
        cols.reviewed = [False] * len(db_ids)
        for film_id, platforms in reviewed.items():
            pos = int(np.searchsorted(ids, film_id))
            if pos == len(db_ids) or db_ids[pos] != film_id:
                continue
            cols.reviewed[pos] = True
            if platforms:
                # Where the reviews say it streams is a hint too ("balerina netflix").
                words = (*cols.contexts[pos].split(), *hints.context_words(platforms=platforms))
                cols.contexts[pos] = " ".join(dict.fromkeys(words))
        names = conn.execute("SELECT film_id, key, kind, article FROM film_keys ORDER BY film_id, kind, key")
        while rows := names.fetchmany(batch):
            fids, keys, kinds, articles = zip(*rows, strict=True)
            wanted = np.asarray(fids, dtype=np.int64)
            pos = np.minimum(np.searchsorted(ids, wanted), max(0, len(db_ids) - 1))
            found = ids[pos] == wanted if len(db_ids) else np.zeros(len(fids), dtype=bool)
            if not found.all():  # a name of no film (the database forbids it): skipped
                keep = found.tolist()
                pos, keys, kinds, articles = (
                    pos[found],
                    *(tuple(compress(c, keep)) for c in (keys, kinds, articles)),
                )
            cols.name_film.extend(pos.tolist())
            cols.name_keys.extend(keys)
            cols.name_kind.extend(kinds)
            cols.name_article.extend([a == 1 for a in articles])
        lacking = np.flatnonzero(
            np.bincount(np.asarray(cols.name_film, dtype=np.int64), minlength=len(db_ids)) == 0
        )
        if len(lacking):
            _name_the_nameless(conn, cols, db_ids, lacking.tolist())
        return cols
    finally:
        conn.close()


def _name_the_nameless(
    conn: sqlite3.Connection, cols: CatalogColumns, db_ids: list[int], positions: list[int]
) -> None:
    """Work out names (and hint words, when none are stored) for films stored without names, as the
    index would for an entry made by hand, and merge them into the columns in film order."""
    for lo in range(0, len(positions), 500):
        chunk = positions[lo : lo + 500]
        rows = conn.execute(
            f"SELECT id, kind, languages FROM films WHERE id IN ({','.join('?' * len(chunk))})",
            [db_ids[pos] for pos in chunk],
        )
        facts = {fid: (kind, langs) for fid, kind, langs in rows}
        for pos in chunk:
            kind, langs = facts[db_ids[pos]]
            entry = IndexEntry(
                cols.ids[pos],
                cols.titles[pos],
                kind=kind,
                languages=_split(langs)[:1],
                context=tuple(cols.contexts[pos].split()),
            )
            own = CatalogColumns.from_entries([entry])
            cols.contexts[pos] = own.contexts[0]
            cols.name_film.extend([pos] * len(own.name_keys))
            cols.name_keys.extend(own.name_keys)
            cols.name_kind.extend(own.name_kind)
            cols.name_article.extend(own.name_article)
    order = np.argsort(np.asarray(cols.name_film, dtype=np.int64), kind="stable").tolist()
    for name in ("name_film", "name_keys", "name_kind", "name_article"):
        column = getattr(cols, name)
        setattr(cols, name, [column[i] for i in order])


_KEYS_SQL = "SELECT key, film_id FROM film_keys WHERE key IN ({marks})"
_FILMS_SQL = "SELECT * FROM films WHERE id IN ({marks})"
_ALIASES_SQL = "SELECT film_id, title FROM film_aliases WHERE film_id IN ({marks}) ORDER BY rowid"


def _group_films(found: dict[str, set[int]], by_id: dict[int, Film]) -> dict[str, list[Film]]:
    return {
        k: sorted((by_id[i] for i in ids if i in by_id), key=lambda f: f.year or 0)
        for k, ids in found.items()
    }


class CatalogReader:
    """A synchronous, read-only view of the catalog for worker processes (ingest in parallel)."""

    def __init__(self, path: Path | str) -> None:
        # Used from one worker thread at a time (asyncio.to_thread), never concurrently.
        self.conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row

    def close(self) -> None:
        self.conn.close()

    def films_by_title_keys(self, keys: Iterable[str]) -> dict[str, list[Film]]:
        """Return, per normalised title key, the films with that title or alias."""
        wanted = list(dict.fromkeys(k for k in keys if k))
        found: dict[str, set[int]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for title_key, film_id in self.conn.execute(
                _KEYS_SQL.format(marks=",".join("?" * len(chunk))), chunk
            ):
                found.setdefault(title_key, set()).add(film_id)
        ids = sorted({i for got in found.values() for i in got})
        by_id: dict[int, Film] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            aliases: dict[int, list[str]] = {}
            for film_id, title in self.conn.execute(_ALIASES_SQL.format(marks=marks), chunk):
                aliases.setdefault(film_id, []).append(title)
            for row in self.conn.execute(_FILMS_SQL.format(marks=marks), chunk):
                by_id[row["id"]] = _film_from_row(row, aliases.get(row["id"], ()))
        return _group_films(found, by_id)

    def get_film(self, film_id: str) -> Film | None:
        """Return one film by public id."""
        row = self.conn.execute("SELECT * FROM films WHERE key = ?", (film_id,)).fetchone()
        if row is None:
            return None
        aliases = [
            t
            for (t,) in self.conn.execute(
                "SELECT title FROM film_aliases WHERE film_id = ? ORDER BY rowid", (row["id"],)
            )
        ]
        return _film_from_row(row, aliases)


class Store:
    """The database, through one aiosqlite connection."""

    def __init__(self, conn: aiosqlite.Connection, path: Path | str, readonly: bool) -> None:
        self.conn = conn
        self.path = Path(path) if str(path) != ":memory:" else None
        self.readonly = readonly
        # user id -> avoided topics: read on every answer, written only through this class.
        self._topics: dict[str, tuple[str, ...]] = {}
        # Who has a list at all (most people never make one): the others are answered without a query.
        self._with_topics: set[str] | None = None

    @classmethod
    async def open(cls, path: Path | str, *, readonly: bool = False) -> Store:
        """Open (and migrate, unless read-only) the database at `path`."""
        return cls(await connect(path, readonly=readonly), path, readonly)

    async def close(self) -> None:
        """Checkpoint and close."""
        try:
            if not self.readonly and self.path is not None:
                await self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            await self.conn.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def transaction(self):
        """Return a context manager for one write transaction."""
        return transaction(self.conn)

    # --- meta -----------------------------------------------------------------------------

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run a read and return every row, in one trip to the database thread.

        (A cursor costs a trip per step: execute, fetch, close. Under load every trip waits its
        turn behind the event loop's other work, so the hot paths read in one.)
        """
        return list(await self.conn.execute_fetchall(sql, params))  # type: ignore[arg-type]

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        rows = await self._all(sql, params)
        return rows[0] if rows else None

    async def get_meta(self, key: str) -> str | None:
        """Return a value from the meta table."""
        row = await self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    async def set_meta(self, key: str, value: str) -> None:
        """Set a value in the meta table (own statement; call inside a transaction to group)."""
        await self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # --- films ----------------------------------------------------------------------------

    async def upsert_films(self, films: Iterable[Film], origin: str) -> int:
        """Insert or update films by id, replacing their aliases; return how many were written.

        Call inside :meth:`transaction` to make a batch atomic.
        """
        now = _now()
        film_rows: list[tuple[Any, ...]] = []
        alias_rows: list[tuple[str, str, str]] = []
        key_rows: list[tuple[str, int, int, str]] = []
        keys: list[tuple[str]] = []
        for film in films:
            film_rows.append(_film_params(film, origin, now))
            keys.append((film.id,))
            names = [film.title, *dict.fromkeys(a for a in film.aliases if a and a != film.title)]
            for alias in names[1:]:
                alias_rows.append((alias, normalize.key(alias), film.id))
            for key, kind, article in normalize.index_names(film.title, names[1:]):
                key_rows.append((key, kind, int(article), film.id))
        if not film_rows:
            return 0
        updates = ", ".join(
            f"{c.strip()} = excluded.{c.strip()}" for c in _FILM_COLUMNS.split(",") if c.strip() != "key"
        )
        await self.conn.executemany(
            f"INSERT INTO films ({_FILM_COLUMNS}) VALUES ({', '.join('?' * 22)}) "
            f"ON CONFLICT (key) DO UPDATE SET {updates}",
            film_rows,
        )
        await self.conn.executemany(
            "DELETE FROM film_aliases WHERE film_id = (SELECT id FROM films WHERE key = ?)", keys
        )
        await self.conn.executemany(
            "INSERT OR IGNORE INTO film_aliases (film_id, title, title_key) "
            "SELECT id, ?, ? FROM films WHERE key = ?",
            alias_rows,
        )
        await self.conn.executemany(
            "DELETE FROM film_keys WHERE film_id = (SELECT id FROM films WHERE key = ?)", keys
        )
        await self.conn.executemany(
            "INSERT OR IGNORE INTO film_keys (key, film_id, kind, article) SELECT ?, id, ?, ? FROM films WHERE key = ?",
            key_rows,
        )
        return len(film_rows)

    async def film_count(self) -> int:
        """Return the number of films in the catalog."""
        row = await self._one("SELECT count(*) FROM films")
        return int(row[0]) if row else 0

    async def _films_where(self, where: str, params: Sequence[Any]) -> list[Film]:
        return [film for _, film in await self._film_rows(where, params)]

    async def _film_rows(self, where: str, params: Sequence[Any]) -> list[tuple[int, Film]]:
        # Films and their aliases in one query: one trip to the database thread.
        rows = await self._all(f"SELECT f.*, {_ALIAS_JSON} AS alias_json FROM films f WHERE {where}", params)
        return [(r["id"], _film_from_row(r, json.loads(r["alias_json"]))) for r in rows]

    async def get_film(self, film_id: str) -> Film | None:
        """Return the film with this public id, or None."""
        films = await self._films_where("key = ?", (film_id,))
        return films[0] if films else None

    async def get_films(self, film_ids: Sequence[str]) -> dict[str, Film]:
        """Return films by public id (missing ids are left out)."""
        out: dict[str, Film] = {}
        ids = list(dict.fromkeys(film_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for film in await self._films_where(f"key IN ({','.join('?' * len(chunk))})", chunk):
                out[film.id] = film
        return out

    async def films_by_title_keys(self, keys: Iterable[str]) -> dict[str, list[Film]]:
        """Return, per normalised title key, the films with that title or alias."""
        wanted = list(dict.fromkeys(k for k in keys if k))
        found: dict[str, set[int]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for title_key, film_id in await self._all(_KEYS_SQL.format(marks=marks), chunk):
                found.setdefault(title_key, set()).add(film_id)
        all_ids = sorted({i for ids in found.values() for i in ids})
        by_id: dict[int, Film] = {}
        for start in range(0, len(all_ids), 500):
            chunk = all_ids[start : start + 500]
            by_id.update(await self._film_rows(f"id IN ({','.join('?' * len(chunk))})", chunk))
        return _group_films(found, by_id)

    async def find_film(self, title_key: str, year: int | None) -> list[Film]:
        """Return films whose title key matches and whose year is within one of `year`."""
        if year is None:
            return await self._films_where("title_key = ?", (title_key,))
        return await self._films_where(
            "title_key = ? AND year BETWEEN ? AND ?", (title_key, year - 1, year + 1)
        )

    # --- reviews --------------------------------------------------------------------------

    async def save_review(self, analysis: Analysis, link: FilmLink, analyser_version: int) -> tuple[int, str]:
        """Store a review and its warnings; return (review id, "new" | "updated" | "duplicate").

        Idempotent by content hash. Call inside :meth:`transaction` (one per file).
        """
        if link.film_id is None:
            raise ValueError("a review must be linked to a film before it is stored")
        film_row = await self._one("SELECT id FROM films WHERE key = ?", (link.film_id,))
        if film_row is None:
            raise StoreError(f"no film with id {link.film_id!r} in the catalog")
        film_pk = film_row[0]
        existing = await self._one(
            "SELECT id, film_id, analyser_version FROM reviews WHERE content_hash = ?",
            (analysis.content_hash,),
        )
        status = "new"
        if existing is not None:
            if existing["film_id"] == film_pk and existing["analyser_version"] >= analyser_version:
                return int(existing["id"]), "duplicate"
            await self.conn.execute("DELETE FROM reviews WHERE id = ?", (existing["id"],))
            status = "updated"
        v = analysis.verdict
        evidence = json.dumps(
            [{"kind": e.kind, "text": e.text, "weight": round(e.weight, 3)} for e in link.evidence]
        )
        async with self.conn.execute(
            "INSERT INTO reviews (film_id, content_hash, source, author, url, published, headline, verdict, "
            "verdict_text, verdict_basis, confidence, gist, streaming, compared, link_confidence, link_evidence, "
            "cleaned_text, origin, analyser_version, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                film_pk,
                analysis.content_hash,
                analysis.source,
                analysis.author,
                analysis.url,
                analysis.published,
                analysis.headline,
                v.verdict.value,
                v.text,
                v.basis,
                round(v.confidence, 3),
                analysis.gist,
                _join(analysis.streaming),
                _join(analysis.compared),
                round(link.confidence, 3),
                evidence,
                analysis.cleaned_text,
                analysis.origin,
                analyser_version,
                _now(),
            ),
        ) as cur:
            row = await cur.fetchone()
        assert row is not None
        review_id = int(row[0])
        await self.conn.executemany(
            "INSERT INTO warnings (review_id, topic, severity, presence, evidence, spoiler, also) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (review_id, w.topic, w.severity, w.presence, w.evidence, int(w.spoiler), _join(w.also))
                for w in analysis.warnings
            ],
        )
        return review_id, status

    async def _warnings_for(self, review_ids: Sequence[int]) -> dict[int, list[ContentWarning]]:
        out: dict[int, list[ContentWarning]] = {}
        if not review_ids:
            return out
        marks = ",".join("?" * len(review_ids))
        for rid, topic, severity, presence, evidence, spoiler, also in await self._all(
            f"SELECT review_id, topic, severity, presence, evidence, spoiler, also FROM warnings "
            f"WHERE review_id IN ({marks}) ORDER BY id",
            list(review_ids),
        ):
            out.setdefault(rid, []).append(
                ContentWarning(topic, severity, presence, evidence, bool(spoiler), _split(also))
            )
        return out

    async def _reviews_where(self, where: str, params: Sequence[Any]) -> list[StoredReview]:
        rows = await self._all(
            "SELECT r.*, f.key AS film_key FROM reviews r JOIN films f ON f.id = r.film_id "
            f"WHERE {where} ORDER BY r.published DESC, r.id",
            params,
        )
        warnings = await self._warnings_for([r["id"] for r in rows])
        out: list[StoredReview] = []
        for r in rows:
            evidence = tuple(
                LinkEvidence(e["kind"], e["text"], e["weight"]) for e in json.loads(r["link_evidence"])
            )
            out.append(
                StoredReview(
                    id=r["id"],
                    film_id=r["film_key"],
                    source=r["source"],
                    author=r["author"],
                    url=r["url"],
                    published=r["published"],
                    headline=r["headline"],
                    verdict=Verdict(r["verdict"]),
                    verdict_text=r["verdict_text"],
                    verdict_basis=r["verdict_basis"],
                    confidence=r["confidence"],
                    gist=r["gist"],
                    warnings=tuple(warnings.get(r["id"], ())),
                    streaming=_split(r["streaming"]),
                    compared=_split(r["compared"]),
                    link_confidence=r["link_confidence"],
                    link_evidence=evidence,
                    origin=r["origin"],
                    ingested_at=r["ingested_at"],
                )
            )
        return out

    async def reviews_for(self, film_id: str) -> list[StoredReview]:
        """Return every review of a film, newest first."""
        return await self._reviews_where("f.key = ?", (film_id,))

    async def review(self, review_id: int) -> StoredReview | None:
        """Return one review by its number."""
        found = await self._reviews_where("r.id = ?", (review_id,))
        return found[0] if found else None

    async def stale_review_origins(self, analyser_version: int) -> list[str]:
        """Return the files of reviews analysed by an older version of the pipeline."""
        rows = await self._all(
            "SELECT DISTINCT origin FROM reviews WHERE analyser_version < ?", (analyser_version,)
        )
        return [row[0] for row in rows]

    async def review_state(self) -> tuple[int, int]:
        """Return (number of reviews, highest review id): cheap change detection."""
        row = await self._one("SELECT count(*), coalesce(max(id), 0) FROM reviews")
        return (int(row[0]), int(row[1])) if row else (0, 0)

    async def reviewed_film_ids(self) -> set[str]:
        """Return the ids of films with at least one review."""
        rows = await self._all("SELECT DISTINCT f.key FROM reviews r JOIN films f ON f.id = r.film_id")
        return {row[0] for row in rows}

    async def stats(self) -> dict[str, Any]:
        """Return counts for `python -m bot stats`."""
        out: dict[str, Any] = {}
        for name, sql in (
            ("films", "SELECT count(*) FROM films"),
            ("films_imported_from_imdb", "SELECT count(*) FROM films WHERE origin = 'imdb'"),
            ("aliases", "SELECT count(*) FROM film_aliases"),
            ("reviews", "SELECT count(*) FROM reviews"),
            ("reviewed_films", "SELECT count(DISTINCT film_id) FROM reviews"),
            ("warnings", "SELECT count(*) FROM warnings"),
            ("users_with_topics", "SELECT count(DISTINCT user_id) FROM user_topics"),
        ):
            async with self.conn.execute(sql) as cur:
                row = await cur.fetchone()
            out[name] = int(row[0]) if row else 0
        async with self.conn.execute(
            "SELECT verdict, count(*) FROM reviews GROUP BY verdict ORDER BY verdict"
        ) as cur:
            out["verdicts"] = {v: n for v, n in await cur.fetchall()}
        async with self.conn.execute(
            "SELECT r.id, f.title, f.year, r.source, r.verdict FROM reviews r JOIN films f ON f.id = r.film_id "
            "ORDER BY r.id"
        ) as cur:
            out["review_list"] = [dict(row) for row in await cur.fetchall()]
        return out

    # --- user preferences -----------------------------------------------------------------

    async def avoided_topics(self, user_id: str | int) -> list[str]:
        """Return the topics a user asked to have flagged, in the order added."""
        user = str(user_id)
        known = self._topics.get(user)
        if known is None:
            if self._with_topics is None:
                rows = await self._all("SELECT DISTINCT user_id FROM user_topics")
                self._with_topics = {row[0] for row in rows}
            if user not in self._with_topics:
                return []
            rows = await self._all(
                "SELECT topic FROM user_topics WHERE user_id = ? ORDER BY added_at, topic", (user,)
            )
            known = tuple(row[0] for row in rows)
            if len(self._topics) >= _TOPIC_CACHE:
                self._topics.clear()
            self._topics[user] = known
        return list(known)

    async def add_topics(self, user_id: str | int, topics: Iterable[str]) -> list[str]:
        """Add topics to a user's list; return the ones that were new."""
        now, added = _now(), []
        self._topics.pop(str(user_id), None)
        if self._with_topics is not None:
            self._with_topics.add(str(user_id))
        async with self.transaction():
            for topic in topics:
                cur = await self.conn.execute(
                    "INSERT OR IGNORE INTO user_topics (user_id, topic, added_at) VALUES (?, ?, ?)",
                    (str(user_id), topic, now),
                )
                if cur.rowcount:
                    added.append(topic)
        return added

    async def remove_topics(self, user_id: str | int, topics: Iterable[str]) -> list[str]:
        """Remove topics from a user's list; return the ones that were there."""
        removed = []
        self._topics.pop(str(user_id), None)
        async with self.transaction():
            for topic in topics:
                cur = await self.conn.execute(
                    "DELETE FROM user_topics WHERE user_id = ? AND topic = ?", (str(user_id), topic)
                )
                if cur.rowcount:
                    removed.append(topic)
        return removed

    async def clear_topics(self, user_id: str | int) -> int:
        """Forget all of a user's topics; return how many there were."""
        self._topics.pop(str(user_id), None)
        async with self.transaction():
            cur = await self.conn.execute("DELETE FROM user_topics WHERE user_id = ?", (str(user_id),))
        return cur.rowcount
