"""The command line as an operator meets it: help, stats, ingest exit codes, catalog errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED_2023, copy_db, needs_seeds
from tests.test_seeds import run_cli


def test_help_lists_every_command(tmp_path: Path) -> None:
    done = run_cli(tmp_path / "x.db", "--help")
    assert done.returncode == 0
    for command in ("run", "ask", "ingest", "import-catalog", "sync", "stats"):
        assert command in done.stdout


def test_first_ask_builds_the_database(tmp_path: Path) -> None:
    done = run_cli(tmp_path / "fresh.db", "ask", "--json", "hamlet branagh")
    assert done.returncode == 0, done.stderr
    assert "First run" in done.stderr
    assert json.loads(done.stdout)["film_id"] == "hamlet-1996"


def test_ingest_reports_bad_files_and_exits_non_zero(catalog_db: Path, tmp_path: Path) -> None:
    db = copy_db(catalog_db, tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "good.md").write_text(
        "# Oldboy (2003)\n\nPark Chan-wook's revenge thriller is relentless and brilliant; Choi Min-sik is ferocious.\n\n"
        "**Verdict:** See it.",
        encoding="utf-8",
    )
    done = run_cli(db, "ingest", str(folder))
    assert done.returncode == 1
    assert "FAILED" in done.stderr and "empty.txt: the file is empty" in done.stderr
    assert "1 new" in done.stderr
    stats = run_cli(db, "stats", "--json")
    assert json.loads(stats.stdout)["reviews"] == 1


def test_ingest_with_an_unknown_film_id_is_a_clear_error(catalog_db: Path, tmp_path: Path) -> None:
    needs_seeds()
    done = run_cli(copy_db(catalog_db, tmp_path), "ingest", str(SEED_2023), "--film", "no-such-film")
    assert done.returncode == 2 and "no film with that id" in done.stderr


def test_stats_review_shows_how_it_was_linked(seeded_db: Path, tmp_path: Path) -> None:
    done = run_cli(copy_db(seeded_db, tmp_path), "stats", "--review", "1")
    assert done.returncode == 0, done.stderr
    assert "linked with confidence" in done.stdout and "title_year" in done.stdout
    missing = run_cli(copy_db(seeded_db, tmp_path), "stats", "--review", "999")
    assert missing.returncode == 1 and "no review number 999" in missing.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "x", "title": "X", "year": 1700}\n', "impossible year"),
        ("not json\n", ":1:"),
        ('{"title": "X"}\n', "id"),
    ],
)
def test_a_bad_catalog_file_is_named_with_its_line(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    done = run_cli(tmp_path / "x.db", "import-catalog", "--shipped", str(bad))
    assert done.returncode == 1 and message in done.stderr and "bad.jsonl" in done.stderr


def test_a_bad_setting_is_reported_plainly(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from bot.config import PROJECT_ROOT

    env = {**os.environ, "DATABASE_PATH": str(tmp_path / "x.db"), "LOG_LEVEL": "LOUD", "DISCORD_TOKEN": ""}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "stats"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 2 and "LOG_LEVEL" in done.stderr and "unknown log level" in done.stderr


def test_import_catalog_saves_the_index_the_bot_then_loads(tmp_path: Path) -> None:
    import asyncio

    from bot.core.films.index import FilmIndex
    from bot.service import index_path, index_stamp
    from bot.store import Store

    db = tmp_path / "imported.db"
    done = run_cli(db, "import-catalog")
    assert done.returncode == 0, done.stderr
    assert "Title index saved" in done.stderr

    async def stamp() -> str:
        async with await Store.open(db) as store:
            return await index_stamp(store)

    saved = FilmIndex.load(index_path(db), asyncio.run(stamp()))
    assert saved is not None and len(saved) > 3000
    # The bot's first start after the import loads it rather than building (and saving) it anew.
    before = index_path(db).stat().st_mtime_ns
    done = run_cli(db, "ask", "--json", "hamlet branagh")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["film_id"] == "hamlet-1996"
    assert index_path(db).stat().st_mtime_ns == before
