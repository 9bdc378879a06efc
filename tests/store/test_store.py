"""The store on real SQLite files: migrations, pragmas, upserts, reviews, preferences."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from bot.core.films.model import Film
from bot.core.reviews.model import Analysis, ContentWarning, FilmLink, Verdict, VerdictFinding
from bot.store import Store, StoreError, iter_catalog_rows
from bot.store.db import migrations

IMDB_FIXTURES = Path(__file__).resolve().parent.parent / "data" / "imdb"


async def test_new_database_is_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "new.db") as store:
        async with store.conn.execute("PRAGMA journal_mode") as cur:
            assert (await cur.fetchone())[0] == "wal"
        async with store.conn.execute("PRAGMA foreign_keys") as cur:
            assert (await cur.fetchone())[0] == 1
    with sqlite3.connect(tmp_path / "new.db") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations())


async def test_a_newer_schema_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    async with await Store.open(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(migrations()) + 5}")
    with pytest.raises(StoreError, match="newer than this code"):
        await Store.open(path)


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="not a usable"):
        await Store.open(path)


async def test_read_only_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        await Store.open(tmp_path / "missing.db", readonly=True)


async def test_upsert_updates_instead_of_duplicating_and_keeps_names(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "t.db") as store:
        film = Film(
            id="x-2001", title="Spider-Man: Far Away", year=2001, aliases=("Spidey Away",), directors=("A B",)
        )
        async with store.transaction():
            await store.upsert_films([film], "shipped")
        async with store.transaction():
            await store.upsert_films([film.merged(votes=10, aliases=("Another Name",))], "shipped")
        assert await store.film_count() == 1
        got = await store.get_film("x-2001")
        assert got is not None and got.votes == 10 and got.aliases == ("Another Name",)
        found = await store.films_by_title_keys(
            ["far away", "spiderman far away", "another name", "spidey away"]
        )
        assert set(found) == {"far away", "spiderman far away", "another name"}
    (entry,) = list(iter_catalog_rows(tmp_path / "t.db"))
    assert entry.names[0][0] == "spider man far away" and entry.names[0][1] == 0
    assert "b" in entry.context and "a" not in entry.context  # people are indexed, stopwords are not
    # Every field lands where the index reads it (the rows are built positionally, for speed).
    assert (entry.key, entry.title, entry.year, entry.kind) == (
        "x-2001",
        "Spider-Man: Far Away",
        2001,
        "movie",
    )
    assert (entry.votes, entry.reviewed, entry.director) == (10, False, "A B")


def _analysis(text: str = "A review.", topics: tuple[str, ...] = ("violence",)) -> Analysis:
    return Analysis(
        cleaned_text=text,
        content_hash=str(hash(text)),
        headline=None,
        source="Test",
        author=None,
        url=None,
        published=None,
        verdict=VerdictFinding(Verdict.WATCH, "See it", "explicit", 0.9),
        gist="Good.",
        warnings=tuple(ContentWarning(t, "mild", "unclear", f"{t} happens.") for t in topics),
        origin="t.txt",
    )


async def test_review_is_stored_once_and_replaced_by_a_newer_analysis(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "t.db") as store:
        async with store.transaction():
            await store.upsert_films([Film(id="f-2000", title="F", year=2000)], "shipped")
        link = FilmLink("f-2000", 0.9)
        async with store.transaction():
            first = await store.save_review(_analysis(), link, 1)
        async with store.transaction():
            again = await store.save_review(_analysis(), link, 1)
        async with store.transaction():
            newer = await store.save_review(_analysis(topics=("gore", "sex")), link, 2)
        assert first[1] == "new" and again == (first[0], "duplicate") and newer[1] == "updated"
        (review,) = await store.reviews_for("f-2000")
        assert {w.topic for w in review.warnings} == {"gore", "sex"}


async def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "t.db") as store:
        async with store.transaction():
            await store.upsert_films([Film(id="f-2000", title="F", year=2000)], "shipped")
        with pytest.raises(RuntimeError):
            async with store.transaction():
                await store.save_review(_analysis(), FilmLink("f-2000", 0.9), 1)
                raise RuntimeError("crash in the middle of a file")
        assert await store.reviews_for("f-2000") == []
        with pytest.raises(StoreError, match="no film"):
            async with store.transaction():
                await store.save_review(_analysis(), FilmLink("nope", 0.9), 1)


async def test_user_topics(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "t.db") as store:
        assert await store.add_topics(42, ["suicide_self_harm", "animal_harm"]) == [
            "suicide_self_harm",
            "animal_harm",
        ]
        assert await store.add_topics("42", ["animal_harm"]) == []
        assert await store.avoided_topics(42) == ["suicide_self_harm", "animal_harm"] or set(
            await store.avoided_topics(42)
        ) == {"suicide_self_harm", "animal_harm"}
        assert await store.remove_topics(42, ["animal_harm", "gore"]) == ["animal_harm"]
        assert await store.clear_topics(42) == 1
        assert await store.avoided_topics(42) == []


async def test_topic_lists_are_read_from_the_database_whoever_asks_first(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    async with await Store.open(db) as store:
        assert await store.avoided_topics(7) == []  # nobody has a list yet
        await store.add_topics(7, ["gore"])  # added after "who has a list" was read
        assert await store.avoided_topics(7) == ["gore"]
        assert await store.avoided_topics(8) == []
        await store.add_topics(8, ["sex"])
        assert await store.avoided_topics(8) == ["sex"]
    async with await Store.open(db) as again:  # the next start reads who has a list
        assert await again.avoided_topics(8) == ["sex"]
        assert await again.avoided_topics(7) == ["gore"]
        assert await again.avoided_topics(9) == []


async def test_catalog_rows_carry_each_films_own_names_whatever_the_batch(tmp_path: Path) -> None:
    # Films and names are read in two scans and merged: a batch boundary must not shift a name
    # to the next film.
    films = [
        Film(id=f"f-{i}", title=title, year=2000 + i, aliases=aliases)
        for i, (title, aliases) in enumerate(
            [
                ("The Omen", ()),
                ("Mission: Impossible – Fallout", ("Mission Impossible 6",)),
                ("Leap!", ("Ballerina",)),
                ("Zodiac", ()),
                ("The Lord of the Rings: The Two Towers", ("LOTR 2", "Two Towers")),
                ("Amélie", ("Le Fabuleux Destin d'Amélie Poulain",)),
            ]
        )
    ]
    db = tmp_path / "t.db"
    async with await Store.open(db) as store:
        async with store.transaction():
            await store.upsert_films(films, "shipped")
    import sqlite3

    with sqlite3.connect(db) as conn:
        expected = {
            key: [
                (k, kind, bool(article))
                for k, kind, article in conn.execute(
                    "SELECT k.key, k.kind, k.article FROM film_keys k JOIN films f ON f.id = k.film_id "
                    "WHERE f.key = ? ORDER BY k.kind, k.key",
                    (key,),
                )
            ]
            for key in (f.id for f in films)
        }
    for batch in (1, 2, 5, 1000):
        got = {e.key: list(e.names) for e in iter_catalog_rows(db, batch=batch)}
        assert got == expected, batch
    assert all(expected.values()) and len(expected["f-1"]) > 1


async def test_the_catalog_read_as_columns_is_what_the_index_makes_of_each_film(tmp_path: Path) -> None:
    """`read_catalog` (how the index is built) and `iter_catalog_rows` (film by film) agree, on
    IMDb films, shipped ones, a reviewed film with platforms, and films stored without names or
    hint words (a title with no letters; a database written before names were stored)."""
    from dataclasses import replace

    from bot.catalog.imdb import import_imdb
    from bot.core.films.index import CatalogColumns, FilmIndex
    from bot.store import read_catalog

    db = tmp_path / "t.db"
    async with await Store.open(db) as store:
        await import_imdb(store, IMDB_FIXTURES)
        films = [
            Film(id="zodiac-2007", title="Zodiac", year=2007, directors=("David Fincher",), votes=5),
            Film(id="shout-1999", title="!!!", year=1999, languages=("fr",), votes=3),
            Film(id="stale-2001", title="The Stale Cake", year=2001, cast=("Ann Example",)),
        ]
        async with store.transaction():
            await store.upsert_films(films, "shipped")
            await store.save_review(
                replace(_analysis(), streaming=("Netflix", "Mubi")), FilmLink("zodiac-2007", 0.9), 1
            )
    with sqlite3.connect(db) as conn:  # as an older version left it: no names, no hint words
        conn.execute("DELETE FROM film_keys WHERE film_id = (SELECT id FROM films WHERE key = 'stale-2001')")
        conn.execute("UPDATE films SET context = '' WHERE key IN ('stale-2001', 'shout-1999')")

    film_by_film = CatalogColumns.from_entries(iter_catalog_rows(db))
    for batch in (1, 3, 50_000):
        assert read_catalog(db, batch=batch) == film_by_film, batch
    at = {key: i for i, key in enumerate(film_by_film.ids)}
    assert film_by_film.reviewed[at["zodiac-2007"]] and "netflix" in film_by_film.contexts[at["zodiac-2007"]]
    stale = [
        k
        for f, k in zip(film_by_film.name_film, film_by_film.name_keys, strict=True)
        if f == at["stale-2001"]
    ]
    assert "stale cake" in stale  # worked out again from the title
    assert (
        at["shout-1999"] not in film_by_film.name_film and film_by_film.contexts[at["shout-1999"]] == "french"
    )

    # And the index built from the columns is the one built film by film, array for array.
    saved = []
    for source in (read_catalog(db), iter_catalog_rows(db)):
        path = tmp_path / f"{len(saved)}.npz"
        FilmIndex.build(source).save(path, "t")
        with np.load(path) as arrays:
            saved.append({name: arrays[name].tobytes() for name in arrays.files if name != "meta"})
    assert saved[0] == saved[1]
