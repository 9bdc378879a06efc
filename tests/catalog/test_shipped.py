"""The shipped catalog: a new release's corrections reach a database built from an older one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bot.service import Service
from bot.store import Store
from tests.conftest import CATALOG, make_settings


async def test_a_changed_shipped_catalog_is_reloaded_on_the_next_start(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    db = tmp_path / "bot.db"
    settings = make_settings(db, catalog_path=catalog)
    notes: list[str] = []

    service = await Service.open(settings, notify=notes.append)
    try:
        assert not await service.refresh_shipped_catalog()  # just loaded: nothing to do
        assert (await service.store.get_film("cidade-de-deus-2003")).aliases == ("City of God",)
    finally:
        await service.close()

    # The next release adds an English title and a film.
    extra = [
        {
            "id": "cidade-de-deus-2003",
            "title": "Cidade de Deus",
            "aliases": ["City of God", "Ciudad de Dios"],
        },
        {"id": "new-film-2026", "title": "A Film Added Later", "year": 2026},
    ]
    (catalog / "zz-release.jsonl").write_text("".join(json.dumps(x) + "\n" for x in extra), encoding="utf-8")
    notes.clear()
    service = await Service.open(settings, notify=notes.append)
    try:
        assert any("catalog has changed" in n for n in notes), notes
        film = await service.store.get_film("cidade-de-deus-2003")
        assert film is not None and "Ciudad de Dios" in film.aliases
        assert await service.store.get_film("new-film-2026") is not None
        assert not await service.refresh_shipped_catalog()  # once is enough
    finally:
        await service.close()


async def test_a_broken_shipped_catalog_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    db = tmp_path / "bot.db"
    settings = make_settings(db, catalog_path=catalog)
    service = await Service.open(settings)
    await service.close()
    async with await Store.open(db) as store:
        before = await store.film_count()

    (catalog / "zz-broken.jsonl").write_text('{"id": "x", "title": \n', encoding="utf-8")
    service = await Service.open(settings)  # starts all the same; the log says why
    try:
        assert not await service.refresh_shipped_catalog()
        assert await service.store.film_count() == before
    finally:
        await service.close()


def test_new_match_keys_count_as_a_changed_catalog(tmp_path: Path, monkeypatch) -> None:
    """When the way titles are keyed changes, existing databases must re-key the shipped films."""
    from bot.catalog import shipped
    from bot.core.films import normalize

    before = shipped.catalog_digest(CATALOG)
    assert shipped.catalog_digest(CATALOG) == before  # stable
    monkeypatch.setattr(normalize, "VERSION", normalize.VERSION + 1)
    assert shipped.catalog_digest(CATALOG) != before
