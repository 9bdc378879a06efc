"""The IMDb TSV importer, on hand-written fixtures in tests/data/imdb and real SQLite files."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.catalog import imdb
from bot.catalog.imdb import BadLine, ImdbImportError, import_imdb
from bot.core.films.model import Film
from bot.store import Store
from bot.store import imdb as store_imdb
from bot.store.imdb import AkaRow

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "imdb"
FILMS = {"tt0111161", "tt1375666", "tt2261331", "tt7181546", "tt9000002", "tt20201748"}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of the fixture files that a test may edit."""
    folder = tmp_path / "imdb"
    shutil.copytree(FIXTURES, folder)
    return folder


@pytest.fixture
async def store(tmp_path: Path):
    store = await Store.open(tmp_path / "db" / "catalog.db")
    yield store
    await store.close()


def gzip_folder(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.tsv"):
        (target / f"{path.name}.gz").write_bytes(gzip.compress(path.read_bytes()))
    return target


def dump(db: Path) -> list[str]:
    """Return the database's content as SQL text, read through a separate connection."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- what gets imported -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("film_id", "field", "expected"),
    [
        ("tt0111161", "title", "The Shawshank Redemption"),
        ("tt0111161", "year", 1994),
        ("tt0111161", "kind", "movie"),
        ("tt0111161", "directors", ("Frank Darabont",)),
        # first four of actor/actress/self by ordering: the director at ordering 4 is not cast
        ("tt0111161", "cast", ("Tim Robbins", "Morgan Freeman", "Bob Gunton", "William Sadler")),
        ("tt0111161", "genres", ("Drama",)),
        ("tt0111161", "runtime", 142),
        ("tt0111161", "votes", 3012345),
        ("tt0111161", "rating", 9.3),
        ("tt0111161", "imdb_id", "tt0111161"),
        ("tt0111161", "countries", ("US",)),
        ("tt0111161", "languages", ("en",)),
        # imdbDisplay/working first; the upper-case copy of the title adds nothing and is dropped
        (
            "tt0111161",
            "aliases",
            ("Die Verurteilten", "Les évadés", "Побег из Шоушенка", "Rita Hayworth and Shawshank Redemption"),
        ),
        ("tt20201748", "aliases", ("Balleorina", "발레리나")),
        ("tt20201748", "countries", ("KR",)),
        ("tt20201748", "languages", ("ko",)),  # from the region: the original-title rows name no language
        ("tt20201748", "directors", ("Lee Chung-hyun",)),
        ("tt20201748", "cast", ("Jeon Jong-seo", "Kim Ji-hoon", "Park Yu-rim")),
        ("tt7181546", "aliases", ("From the World of John Wick: Ballerina",)),
        ("tt2261331", "directors", ("Éric Summer", "Éric Warin")),
        ("tt2261331", "aliases", ("Leap!",)),
        ("tt9000002", "title", 'The "Midnight" Caller'),
        ("tt9000002", "kind", "tvMovie"),
        ("tt9000002", "year", None),
        ("tt9000002", "runtime", None),
        ("tt9000002", "genres", ()),
        ("tt9000002", "directors", ()),
        ("tt9000002", "votes", 0),
        ("tt9000002", "rating", None),
    ],
)
async def test_films_are_imported_with_their_facts(
    store: Store, film_id: str, field: str, expected: object
) -> None:
    await import_imdb(store, FIXTURES)
    film = await store.get_film(film_id)
    assert film is not None
    assert getattr(film, field) == expected


async def test_only_films_are_imported(store: Store) -> None:
    report = await import_imdb(store, FIXTURES)
    assert (
        set((await store.get_films(sorted(FILMS | {"tt0000001", "tt0903747", "tt9000001"}))).keys()) == FILMS
    )
    assert await store.film_count() == len(FILMS)
    assert report.films_inserted == len(FILMS)
    assert report.titles_skipped == {
        "not a film (short)": 1,
        "not a film (tvSeries)": 1,
        "not a film (tvEpisode)": 1,
        "adult": 1,
    }
    assert (await store.stats())["films_imported_from_imdb"] == len(FILMS)


async def test_the_gzipped_files_import_the_same(store: Store, tmp_path: Path) -> None:
    folder = gzip_folder(FIXTURES, tmp_path / "gz")
    report = await import_imdb(store, folder)
    assert report.films_inserted == len(FILMS)
    film = await store.get_film("tt20201748")
    assert film is not None and film.aliases == ("Balleorina", "발레리나")
    assert report.files["title.basics"].path == folder / "title.basics.tsv.gz"


async def test_votes_feed_the_popularity_prior(store: Store, tmp_path: Path) -> None:
    await import_imdb(store, FIXTURES)
    rows = {row.key: row.votes for row in store_imdb_rows(store)}
    assert rows["tt0111161"] == 3012345
    assert rows["tt9000002"] == 0


async def test_imported_films_can_be_found_like_shipped_ones(store: Store) -> None:
    await import_imdb(store, FIXTURES)
    found = await store.films_by_title_keys(
        ["shawshank redemption", "verurteilten", "balleorina", "ballerina"]
    )
    assert [f.id for f in found["shawshank redemption"]] == ["tt0111161"]
    assert [f.id for f in found["verurteilten"]] == ["tt0111161"]  # an alternative title
    assert [f.id for f in found["balleorina"]] == ["tt20201748"]
    assert [f.id for f in found["ballerina"]] == ["tt2261331", "tt20201748", "tt7181546"]
    # The same names and hint words as if the film had gone through Store.upsert_films.
    imported = {row.key: row for row in store_imdb_rows(store)}
    film = await store.get_film("tt20201748")
    assert film is not None
    async with store.transaction():
        await store.upsert_films([film.merged(id="copy", imdb_id=None)], "shipped")
    again = {row.key: row for row in store_imdb_rows(store)}["copy"]
    assert (imported["tt20201748"].names, imported["tt20201748"].context) == (again.names, again.context)
    assert "korean" in again.context


def store_imdb_rows(store: Store):
    from bot.store import iter_catalog_rows

    assert store.path is not None
    return list(iter_catalog_rows(store.path))


async def test_worker_processes_import_the_same(tmp_path: Path) -> None:
    rows = {}
    for workers in (1, 2):
        async with await Store.open(tmp_path / f"w{workers}.db") as store:
            report = await import_imdb(store, FIXTURES, workers=workers)
            assert report.films_inserted == len(FILMS)
        conn = sqlite3.connect(tmp_path / f"w{workers}.db")
        conn.row_factory = sqlite3.Row
        rows[workers] = (
            [
                {k: r[k] for k in r.keys() if k != "updated_at"}
                for r in conn.execute("SELECT * FROM films ORDER BY key")
            ],
            conn.execute(
                "SELECT f.key, a.title FROM film_aliases a JOIN films f ON f.id = a.film_id ORDER BY 1, 2"
            ).fetchall(),
            conn.execute(
                "SELECT f.key, k.key, k.kind FROM film_keys k JOIN films f ON f.id = k.film_id ORDER BY 1, 2"
            ).fetchall(),
        )
        conn.close()
    assert [
        list(map(tuple, part)) if part and not isinstance(part[0], dict) else part for part in rows[1]
    ] == [list(map(tuple, part)) if part and not isinstance(part[0], dict) else part for part in rows[2]]


async def test_progress_is_reported_per_stage(store: Store) -> None:
    calls: list[tuple[str, int, int | None]] = []
    await import_imdb(store, FIXTURES, progress=lambda stage, done, total: calls.append((stage, done, total)))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == [*imdb.COLUMNS, "films", "database"]
    finals = {stage: (done, total) for stage, done, total in calls}
    assert (
        finals["title.basics"][0]
        == finals["title.basics"][1]
        == (FIXTURES / "title.basics.tsv").stat().st_size
    )
    assert finals["films"] == (len(FILMS), len(FILMS))


async def test_the_staging_file_is_removed(store: Store) -> None:
    await import_imdb(store, FIXTURES)
    assert store.path is not None
    assert not list(store.path.parent.glob("*imdb-staging*"))


# --- re-import and merging -----------------------------------------------------------------------


async def test_reimport_updates_instead_of_duplicating(store: Store, source: Path) -> None:
    await import_imdb(store, source)
    edit(source / "title.ratings.tsv", "tt0111161\t9.3\t3012345", "tt0111161\t9.1\t3100000")
    edit(source / "title.basics.tsv", "\tInception\tInception\t", "\tInception (Extended)\tInception\t")
    report = await import_imdb(store, source)
    assert (report.films_inserted, report.films_updated) == (0, len(FILMS))
    assert await store.film_count() == len(FILMS)
    shawshank = await store.get_film("tt0111161")
    inception = await store.get_film("tt1375666")
    assert shawshank is not None and (shawshank.rating, shawshank.votes) == (9.1, 3100000)
    assert inception is not None and inception.title == "Inception (Extended)"
    assert inception.aliases == ("Inception", "Начало")  # aliases replaced, not piled up
    assert len(await store.find_film("inception extended", 2010)) == 1


SHIPPED_INCEPTION = Film(
    id="some-slug-2010",
    title="Inception",
    year=2010,
    directors=("Christopher Nolan",),
    description="A thief steals secrets through shared dreams",
    platforms=("netflix",),
    franchise=None,
    aliases=("Origen",),
)


async def test_a_shipped_film_keeps_its_id_and_gains_the_imdb_facts(store: Store) -> None:
    async with store.transaction():
        await store.upsert_films([SHIPPED_INCEPTION], "shipped")
    report = await import_imdb(store, FIXTURES)
    assert report.films_merged == 1 and report.merged == [("some-slug-2010", "tt1375666")]
    assert await store.get_film("tt1375666") is None
    film = await store.get_film("some-slug-2010")
    assert film is not None
    assert film.imdb_id == "tt1375666"
    assert film.description == SHIPPED_INCEPTION.description  # curated facts kept
    assert film.platforms == ("netflix",)
    assert film.cast == ("Leonardo DiCaprio", "Joseph Gordon-Levitt", "Elliot Page")  # missing facts filled
    assert (film.votes, film.rating, film.runtime) == (2700000, 8.8, 148)
    assert film.aliases == ("Origen", "Начало")
    assert await store.film_count() == len(FILMS)


async def test_reimport_refreshes_what_imdb_filled_in_a_shipped_film(store: Store, source: Path) -> None:
    async with store.transaction():
        await store.upsert_films([SHIPPED_INCEPTION.merged(votes=0, rating=None)], "shipped")
    await import_imdb(store, source)
    edit(source / "title.ratings.tsv", "tt1375666\t8.8\t2700000", "tt1375666\t8.7\t2800000")
    report = await import_imdb(store, source)
    assert report.merged == [("some-slug-2010", "tt1375666")]
    film = await store.get_film("some-slug-2010")
    assert film is not None and (film.votes, film.rating) == (2800000, 8.7)
    assert film.aliases == ("Origen", "Начало")
    assert await store.film_count() == len(FILMS)


async def test_a_shipped_film_added_after_an_import_takes_over_the_imported_row(store: Store) -> None:
    await import_imdb(store, FIXTURES)
    async with store.transaction():
        await store.upsert_films([SHIPPED_INCEPTION], "shipped")
    assert await store.film_count() == len(FILMS) + 1
    report = await import_imdb(store, FIXTURES)
    assert report.merged == [("some-slug-2010", "tt1375666")]
    assert await store.get_film("tt1375666") is None
    assert await store.film_count() == len(FILMS)


@pytest.mark.parametrize(
    ("shipped", "merged_with"),
    [
        (Film("ballerina-2023", "Ballerina", 2023, directors=("Lee Chung-hyun",)), "tt20201748"),
        (
            Film("ballerina-2023", "Ballerina", 2023, directors=("Chung-hyun Lee",)),
            "tt20201748",
        ),  # word order
        (Film("ballerina-2025", "Ballerina", 2024, directors=("Len Wiseman",)), "tt7181546"),  # year ±1
        (Film("ballerina-2016", "Ballerina", 2016), "tt2261331"),  # no director: title and year decide
        (Film("leap-2016", "Leap!", 2016), None),  # an alias is not the title
        (Film("ballerina-2016", "Ballerina", 2016, directors=("Someone Else",)), None),  # other director
        (Film("ballerina-2020", "Ballerina", 2020), None),  # no IMDb Ballerina within a year
        (Film("ballerina-x", "Something Else", 1999, imdb_id="tt2261331"), "tt2261331"),  # linked by id
        (Film("balleorina-2023", "Balleorina", 2023), "tt20201748"),  # the original title
    ],
)
async def test_which_shipped_films_merge(store: Store, shipped: Film, merged_with: str | None) -> None:
    async with store.transaction():
        await store.upsert_films([shipped], "shipped")
    report = await import_imdb(store, FIXTURES)
    film = await store.get_film(shipped.id)
    assert film is not None
    assert film.imdb_id == merged_with
    assert report.merged == ([(shipped.id, merged_with)] if merged_with else [])
    assert await store.film_count() == len(FILMS) + (0 if merged_with else 1)


# --- bad input ---------------------------------------------------------------------------------


async def test_malformed_lines_are_skipped_and_reported(store: Store) -> None:
    report = await import_imdb(store, FIXTURES)
    assert report.skipped == {
        "title.basics": [BadLine(7, "expected 9 tab-separated columns, found 5")],
        "title.akas": [
            BadLine(15, "ordering 'four' is not a whole number"),
            BadLine(21, "expected 8 tab-separated columns, found 4"),
        ],
    }
    assert "title.akas: skipped 2 malformed lines: line 15" in report.summary()
    assert report.files["title.basics"].lines == 11


async def test_a_truncated_gzip_fails_cleanly_and_changes_nothing(store: Store, tmp_path: Path) -> None:
    await import_imdb(store, FIXTURES)
    assert store.path is not None
    before = dump(store.path)
    folder = gzip_folder(FIXTURES, tmp_path / "broken")
    data = (folder / "title.principals.tsv.gz").read_bytes()
    (folder / "title.principals.tsv.gz").write_bytes(data[: len(data) // 2])
    edit_gz(folder / "title.ratings.tsv.gz", "9.3", "1.0")  # would change the database if it got that far
    with pytest.raises(
        ImdbImportError, match=r"title\.principals\.tsv\.gz: the file is truncated or corrupt"
    ):
        await import_imdb(store, folder)
    assert dump(store.path) == before
    assert not list(store.path.parent.glob("*imdb-staging*"))


def edit_gz(path: Path, old: str, new: str) -> None:
    text = gzip.decompress(path.read_bytes()).decode()
    path.write_bytes(gzip.compress(text.replace(old, new).encode()))


async def test_a_crash_while_writing_changes_nothing(
    store: Store, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await import_imdb(store, FIXTURES)
    assert store.path is not None
    before = dump(store.path)
    edit(source / "title.ratings.tsv", "tt0111161\t9.3", "tt0111161\t1.0")
    real_copy = store_imdb.copy_staged

    async def copy_then_crash(*args, **kwargs):
        await real_copy(*args, **kwargs)  # the films are written…
        raise RuntimeError("power cut")  # …and then the process dies before the commit

    monkeypatch.setattr(store_imdb, "copy_staged", copy_then_crash)
    with pytest.raises(RuntimeError, match="power cut"):
        await import_imdb(store, source)
    assert dump(store.path) == before


@pytest.mark.parametrize(
    ("name", "header", "message"),
    [
        (
            "title.basics.tsv",
            "tconst\ttitleType\tprimaryTitle\n",
            r"title\.basics\.tsv: line 1: unexpected header 'tconst\\ttitleType\\tprimaryTitle'",
        ),
        ("title.akas.tsv", "titleId,ordering,title\n", r"title\.akas\.tsv: line 1: unexpected header"),
        ("title.ratings.tsv", "", r"title\.ratings\.tsv: the file is empty"),
    ],
)
async def test_a_wrong_header_fails_with_the_file_named(
    store: Store, source: Path, name: str, header: str, message: str
) -> None:
    lines = (source / name).read_text(encoding="utf-8").splitlines(keepends=True)
    (source / name).write_text(header + ("".join(lines[1:]) if header else ""), encoding="utf-8")
    with pytest.raises(ImdbImportError, match=message):
        await import_imdb(store, source)
    assert await store.film_count() == 0


async def test_a_file_of_mostly_bad_lines_fails(store: Store, source: Path) -> None:
    with (source / "title.crew.tsv").open("a", encoding="utf-8") as out:
        for n in range(30):
            out.write(f"tt{n:07d},nm0000001\n")
    with pytest.raises(ImdbImportError, match=r"title\.crew\.tsv: 30 of 37 lines are malformed"):
        await import_imdb(store, source)
    assert await store.film_count() == 0


async def test_missing_files(store: Store, source: Path) -> None:
    for name in ("title.crew.tsv", "title.akas.tsv", "title.ratings.tsv"):
        (source / name).unlink()
    report = await import_imdb(store, source)
    assert len(report.warnings) == 3 and "title.akas" in report.warnings[1]
    film = await store.get_film("tt0111161")
    assert film is not None
    assert film.directors == ("Frank Darabont",)  # from title.principals when title.crew is missing
    assert (film.aliases, film.votes) == ((), 0)
    (source / "title.basics.tsv").unlink()
    with pytest.raises(ImdbImportError, match=r"no title\.basics"):
        await import_imdb(store, source)


# --- the pure parts -----------------------------------------------------------------------------


def test_aliases_are_capped_and_ranked() -> None:
    akas = [AkaRow(i, f"Other Title {i}", "US", None, None, False) for i in range(1, 12)] + [
        AkaRow(20, "Балерина", "RU", None, None, False),
        AkaRow(21, "Working Title", None, None, "working", False),
        AkaRow(22, "BALLERINA!", "GB", None, None, False),  # the title again, as far as matching goes
    ]
    alt = imdb.alternatives("Ballerina", "Balleorina", akas)
    assert alt.aliases[:3] == ("Balleorina", "Working Title", "Балерина")
    assert len(alt.aliases) == imdb.MAX_ALIASES and "BALLERINA!" not in alt.aliases
    assert alt.alias_keys[:3] == ("balleorina", "working title", "balerina")


@pytest.mark.parametrize(
    ("akas", "countries", "languages"),
    [
        ([AkaRow(1, "X", None, None, "original", True)], (), ()),
        ([AkaRow(1, "X", "KR", None, None, False)], ("KR",), ("ko",)),  # the region's obvious language
        ([AkaRow(1, "X", "CA", None, None, False)], ("CA",), ()),  # no obvious language
        ([AkaRow(1, "X", "HK", "yue", None, False)], ("HK",), ("cn",)),  # ISO 639-3 code mapped
        ([AkaRow(1, "X", "XWW", "en", None, False)], (), ("en",)),  # IMDb's "world" is no country
        ([AkaRow(1, "Y", "FR", "fr", None, False)], (), ()),  # not the original title
    ],
)
def test_countries_and_languages_come_from_the_original_title(
    akas: list[AkaRow], countries: tuple[str, ...], languages: tuple[str, ...]
) -> None:
    alt = imdb.alternatives("Y", "X", akas)
    assert (alt.countries, alt.languages) == (countries, languages)


@pytest.mark.parametrize(
    ("local", "imported", "same"),
    [
        (Film("a", "X", 2000), Film("tt1", "X", 2001), True),
        (Film("a", "X", 2000), Film("tt1", "X", 2002), False),
        (Film("a", "X", None, directors=("Jo Lee",)), Film("tt1", "X", 2002, directors=("Lee Jo",)), True),
        (Film("a", "X", None), Film("tt1", "X", 2002), False),
        (Film("a", "X", 2000, directors=("Jo Lee",)), Film("tt1", "X", 2000, directors=("Al Bo",)), False),
        (
            Film("a", "X", 2000, directors=("Éric Warin",)),
            Film("tt1", "X", 2000, directors=("Eric Warin",)),
            True,
        ),
    ],
)
def test_same_film(local: Film, imported: Film, same: bool) -> None:
    assert imdb.same_film(local, imported) is same


def test_merge_keeps_curated_facts_and_remembers_what_it_filled() -> None:
    imported = Film("tt1", "Inception", 2010, cast=("A", "B"), votes=10, rating=8.0, genres=("Action",))
    merged = imdb.merge_film(SHIPPED_INCEPTION.merged(genres=("Sci-Fi",)), imported)
    assert merged.genres == ("Sci-Fi",) and merged.cast == ("A", "B") and merged.votes == 10
    assert merged.extra["imdb_filled"]["fields"] == ["cast", "rating", "votes"]
    again = imdb.merge_film(merged, imported.merged(votes=20, cast=("C",)))
    assert (again.votes, again.cast) == (20, ("C",))
