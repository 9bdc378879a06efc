"""Ingestion: idempotent, transactional per file, every bad file reported, crash-safe."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.ingest import ingest_paths
from bot.store import Store
from tests.conftest import SEED_2023, SEED_2025, TEST_DATA, copy_db, needs_seeds

CORPUS = TEST_DATA / "reviews"


async def test_ingesting_the_seeds_twice_leaves_two_reviews(catalog_db: Path, tmp_path: Path) -> None:
    needs_seeds()
    async with await Store.open(copy_db(catalog_db, tmp_path)) as store:
        first = await ingest_paths(store, [SEED_2023, SEED_2025])
        second = await ingest_paths(store, [SEED_2023.parent])
        assert first.count("new") == 2 and first.exit_code == 0
        assert second.count("duplicate") == 2 and second.count("new") == 0
        assert (await store.stats())["reviews"] == 2


async def test_same_review_in_another_format_is_one_review(catalog_db: Path, tmp_path: Path) -> None:
    needs_seeds()
    as_markdown = tmp_path / "copy.md"
    as_markdown.write_text("\n\n".join(SEED_2023.read_text(encoding="utf-8").split("\n")), encoding="utf-8")
    async with await Store.open(copy_db(catalog_db, tmp_path)) as store:
        await ingest_paths(store, [SEED_2023])
        again = await ingest_paths(store, [as_markdown])
        assert again.count("duplicate") == 1
        assert (await store.stats())["reviews"] == 1


BAD_FILES = [
    ("binary.txt", bytes(range(256)) * 8, "binary"),
    ("picture.html", b"\x89PNG\r\n\x1a\n" + bytes(300), "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"   \n\n  \t\n", "empty"),
    ("garbled.txt", bytes((i * 37 + 128) % 128 + 128 for i in range(600)), "UTF-8"),
    ("tiny.txt", b"Great film.", "no review text"),
    ("broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</tit", "feed"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES)
async def test_bad_files_get_a_clear_reason_and_the_rest_go_on(
    catalog_db: Path, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    good = folder / "good.txt"
    good.write_text(
        "Review: Parasite (2019)\nBong Joon-ho's Parasite is a sharp, funny, furious thriller about two families.\n"
        "The final act turns violent: a stabbing at a garden party.\nVerdict: See it.",
        encoding="utf-8",
    )
    async with await Store.open(copy_db(catalog_db, tmp_path)) as store:
        report = await ingest_paths(store, [folder])
    failed = {Path(f.path).name: f.error for f in report.failed_files}
    assert set(failed) == {name}
    assert reason.lower() in (failed[name] or "").lower()
    assert report.count("new") == 1 and report.exit_code == 1


async def test_windows_1252_review_is_decoded(catalog_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "amelie.txt"
    path.write_bytes(
        "Review: Amélie (2001)\nJean-Pierre Jeunet’s Amélie is a “delight”: Audrey Tautou’s café waitress "
        "meddles kindly in her neighbours’ lives.\nVerdict: See it.".encode("cp1252")
    )
    async with await Store.open(copy_db(catalog_db, tmp_path)) as store:
        report = await ingest_paths(store, [path])
        assert report.count("new") == 1, report.files
        (review,) = await store.reviews_for("le-fabuleux-destin-d-amelie-poulain-2001")
        assert "Jeunet’s Amélie" in (review.gist or "") or review.verdict.value == "watch"


async def test_oversized_file_is_refused(catalog_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("A film review sentence. " * 5000, encoding="utf-8")
    async with await Store.open(copy_db(catalog_db, tmp_path)) as store:
        report = await ingest_paths(store, [path], max_bytes=10_000)
    assert "limit" in (report.failed_files[0].error or "")


async def test_unlinkable_review_is_refused_and_forcing_works(catalog_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "vague.txt"
    path.write_text(
        "Ballerina is a film about dancing and revenge. The lead is good and the fights are well shot.\n"
        "The story is thin but the action is terrific. Verdict: see it.",
        encoding="utf-8",
    )
    async with await Store.open(copy_db(catalog_db, tmp_path)) as store:
        refused = await ingest_paths(store, [path])
        (entry,) = refused.refused
        assert "could be any of 3 films" in entry.message and refused.exit_code == 1
        forced = await ingest_paths(store, [path], forced_film="ballerina-2016")
        assert forced.count("new") == 1 and forced.exit_code == 0
        assert len(await store.reviews_for("ballerina-2016")) == 1


async def test_missing_path_is_reported(catalog_db: Path, tmp_path: Path) -> None:
    async with await Store.open(copy_db(catalog_db, tmp_path)) as store:
        report = await ingest_paths(store, [tmp_path / "nope"])
    assert report.failed_files[0].error == "no such file or folder"


async def test_worker_processes_store_what_one_process_stores(catalog_db: Path, tmp_path: Path) -> None:
    """Files analysed in batches by worker processes give the same report and rows, in order."""
    if not CORPUS.exists():
        pytest.skip("the labelled corpus tests/data/reviews is missing")
    reports, rows = [], []
    for workers in (0, 2):
        (tmp_path / str(workers)).mkdir()
        db = copy_db(catalog_db, tmp_path / str(workers))
        async with await Store.open(db) as store:
            report = await ingest_paths(store, [CORPUS], workers=workers)
        reports.append([(f.path, f.ok, f.error, f.entries) for f in report.files])
        with sqlite3.connect(db) as conn:
            rows.append(
                conn.execute(
                    "SELECT r.origin, r.verdict, r.verdict_text, r.confidence, r.gist, r.link_evidence, "
                    "r.cleaned_text, group_concat(w.topic || w.severity || w.presence || w.evidence, '|') "
                    "FROM reviews r LEFT JOIN warnings w ON w.review_id = r.id GROUP BY r.id ORDER BY r.id"
                ).fetchall()
            )
    assert len(reports[0]) > 50
    assert reports[1] == reports[0]
    assert rows[1] == rows[0]


def _rows(db: Path) -> dict[str, tuple[str, frozenset[str]]]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        out = {}
        for rid, origin, verdict in conn.execute("SELECT id, origin, verdict FROM reviews"):
            topics = frozenset(
                t for (t,) in conn.execute("SELECT topic FROM warnings WHERE review_id = ?", (rid,))
            )
            out[Path(origin.split("#")[0]).name + "#" + origin.partition("#")[2]] = (verdict, topics)
    return out


def _processes_with_env(entry: str) -> list[int]:
    """Pids of live processes whose environment holds `entry` (Linux /proc; empty elsewhere)."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if entry.encode() in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


def test_sigkill_mid_ingest_leaves_the_database_consistent(catalog_db: Path, tmp_path: Path) -> None:
    """Kill an ingest while a file's transaction is open; nothing half-written may remain."""
    if not CORPUS.exists():
        pytest.skip("the labelled corpus tests/data/reviews is missing")
    folder = tmp_path / "reviews"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.json", "*.md"))
    killed_db = copy_db(catalog_db, tmp_path / "killed") if (tmp_path / "killed").mkdir() is None else None
    assert killed_db is not None
    env = {
        **os.environ,
        "DATABASE_PATH": str(killed_db),
        "SHOULDIWATCH_TEST_PAUSE_IN_TRANSACTION": "0.15",
        "LOG_LEVEL": "WARNING",
        "BOOTSTRAP_REVIEWS": "",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "ingest", "--quiet", str(folder)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Wait until a few files are in, then kill while the next one's transaction is open.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(f"file:{killed_db}?mode=ro", uri=True) as conn:
                if conn.execute("SELECT count(*) FROM reviews").fetchone()[0] >= 3:
                    break
        except sqlite3.OperationalError:
            continue
    time.sleep(0.07)  # into the middle of a pause inside a transaction
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    survived = _rows(killed_db)
    # Its worker processes notice and end too, rather than lingering as orphans.
    deadline = time.monotonic() + 10
    while _processes_with_env(f"DATABASE_PATH={killed_db}") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_with_env(f"DATABASE_PATH={killed_db}")
    assert survived, "the kill came before anything was stored"

    # The same files ingested cleanly give the reference rows; everything that survived matches.
    clean_db = copy_db(catalog_db, tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ingest", "--quiet", str(folder)],
        cwd=PROJECT_ROOT,
        env={**env, "DATABASE_PATH": str(clean_db), "SHOULDIWATCH_TEST_PAUSE_IN_TRANSACTION": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )
    reference = _rows(clean_db)
    assert len(survived) < len(reference)
    for origin, row in survived.items():
        assert reference[origin] == row, origin

    # Re-running the killed ingest finishes the job without duplicates.
    again = subprocess.run(
        [sys.executable, "-m", "bot", "ingest", "--quiet", str(folder)],
        cwd=PROJECT_ROOT,
        env={**env, "SHOULDIWATCH_TEST_PAUSE_IN_TRANSACTION": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == done.returncode, again.stderr
    assert _rows(killed_db) == reference
