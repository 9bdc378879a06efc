"""Shared fixtures: settings on temporary databases, the shipped catalog, the seed reviews."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.catalog.shipped import import_shipped, load_catalog
from bot.config import PROJECT_ROOT, Settings
from bot.core.films.index import FilmIndex, IndexEntry
from bot.core.films.model import Film
from bot.ingest import ingest_paths
from bot.service import Service
from bot.store import Store

pytest_plugins = ["tests.discord_fake.conftest_helpers"]

CATALOG = PROJECT_ROOT / "data" / "catalog"
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
SEED_2023 = SEEDS / "000_5d250192250ba428.txt"
SEED_2025 = SEEDS / "003_9a4444a8a764c5e3.txt"
TEST_DATA = Path(__file__).parent / "data"


def needs_seeds() -> None:
    """Skip the calling test, with the reason, when ../shared/seeds is not beside the project."""
    if not (SEED_2023.exists() and SEED_2025.exists()):
        pytest.skip(f"the seed reviews are not at {SEEDS} (../shared is absent)")


@pytest.fixture
def seeds() -> Path:
    needs_seeds()
    return SEEDS


def make_settings(db: Path, **extra: object) -> Settings:
    """Return settings for a test database; no .env is read."""
    values: dict[str, object] = {
        "database_path": db,
        "catalog_path": CATALOG,
        "bootstrap_reviews": "",
        "discord_token": None,
        "dev_guild_id": None,
        **extra,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


def entry(film: Film, reviewed: bool = False) -> IndexEntry:
    """Return the index entry for a film."""
    return IndexEntry(
        key=film.id,
        title=film.title,
        year=film.year,
        kind=film.kind,
        people=film.directors + film.cast,
        languages=film.languages,
        countries=film.countries,
        genres=film.genres,
        franchise=film.franchise,
        platforms=film.platforms,
        votes=film.votes,
        aliases=film.aliases,
        reviewed=reviewed,
        director=film.directors[0] if film.directors else None,
    )


@pytest.fixture(scope="session")
def shipped_films() -> list[Film]:
    return load_catalog(CATALOG)


@pytest.fixture(scope="session")
def shipped_index(shipped_films: list[Film]) -> FilmIndex:
    """The index over the shipped catalog, with the two seed films marked reviewed."""
    reviewed = {"ballerina-2023", "ballerina-2025"}
    return FilmIndex.build(entry(f, f.id in reviewed) for f in shipped_films)


@pytest.fixture(scope="session")
def catalog_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the shipped catalog only (copy it before writing)."""
    path = tmp_path_factory.mktemp("catalog") / "catalog.db"

    async def build() -> None:
        async with await Store.open(path) as store:
            await import_shipped(store, CATALOG)

    asyncio.run(build())
    return path


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory, catalog_db: Path) -> Path:
    """A database with the shipped catalog and both seed reviews (copy it before writing)."""
    needs_seeds()
    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    shutil.copy(catalog_db, path)

    async def build() -> None:
        async with await Store.open(path) as store:
            report = await ingest_paths(store, [SEED_2023, SEED_2025])
            assert report.exit_code == 0, [
                (f.path, f.error, [e.message for e in f.entries]) for f in report.files
            ]

    asyncio.run(build())
    return path


def copy_db(source: Path, tmp_path: Path) -> Path:
    """Copy a session database (and nothing else) into a test's own folder."""
    target = tmp_path / source.name
    shutil.copy(source, target)
    return target


@pytest.fixture
async def catalog_service(catalog_db: Path, tmp_path: Path) -> AsyncIterator[Service]:
    service = await Service.open(make_settings(copy_db(catalog_db, tmp_path)), bootstrap=False)
    await service.ready()
    yield service
    await service.close()


@pytest.fixture
async def seeded_service(seeded_db: Path, tmp_path: Path) -> AsyncIterator[Service]:
    service = await Service.open(make_settings(copy_db(seeded_db, tmp_path)), bootstrap=False)
    await service.ready()
    yield service
    await service.close()
