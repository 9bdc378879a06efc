"""The matching worker process: same answers as in-process, kept in step, and never a dead end.

A real worker process is started on a saved index of the shipped catalog; its answers are
compared with the same index searched in this process, over a table of queries.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core.films import resolve as resolving
from bot.core.films.choices import suggest
from bot.core.films.index import FilmIndex
from bot.matcher import MatcherUnavailable, MatchWorker
from bot.service import Service
from tests.conftest import PROJECT_ROOT, copy_db, make_settings

QUERIES = [
    ("ballerina", False),
    ("the korean ballerina", False),
    ("godfathr", False),
    ("lotr", False),
    ("balle", True),
    ("the godf", True),
    ("mission impossible fallout", False),
    ("기생충", False),
    ("hamlet 1996", False),
    ("kin", True),
]


@pytest.fixture
async def worker(shipped_index: FilmIndex, tmp_path: Path):
    path = tmp_path / "index.npz"
    shipped_index.save(path, "stamp-1")
    started = await MatchWorker.start(path, "stamp-1", shipped_index.reviewed_ids())
    yield started
    await started.close()


@pytest.mark.parametrize(("query", "prefix"), QUERIES)
async def test_worker_answers_like_the_index_in_this_process(
    worker: MatchWorker, shipped_index: FilmIndex, query: str, prefix: bool
) -> None:
    here = shipped_index.search(query, 25 if prefix else 10, prefix=prefix)
    there = await worker.search(query, 25 if prefix else 10, prefix=prefix)
    assert there == here
    if prefix:  # what autocomplete asks: finished choices
        assert await worker.suggest(query, 25) == suggest(shipped_index, query, 25)
        assert [c.value for c in await worker.suggest(query, 25)] == [h.film_id for h in here]
    else:
        assert await worker.resolve(query) == resolving.resolve(shipped_index, query)


async def test_worker_follows_reviewed_flags(worker: MatchWorker) -> None:
    before = {h.film_id: h.reviewed for h in await worker.search("ballerina", 10, prefix=False)}
    assert before["ballerina-2023"] is True
    await worker.set_reviewed(["ballerina-2016"])
    after = {h.film_id: h.reviewed for h in await worker.search("ballerina", 10, prefix=False)}
    assert after["ballerina-2016"] is True and after["ballerina-2023"] is False


async def test_many_questions_at_once_each_get_their_own_answer(
    worker: MatchWorker, shipped_index: FilmIndex
) -> None:
    queries = [q for q, _ in QUERIES] * 20  # more than MAX_IN_FLIGHT, interleaved
    answers = await asyncio.gather(*(worker.search(q, 5, prefix=True) for q in queries))
    for query, got in zip(queries, answers, strict=True):
        assert got == shipped_index.search(query, 5, prefix=True)


async def test_a_missing_or_stale_index_is_reported_not_hung(
    shipped_index: FilmIndex, tmp_path: Path
) -> None:
    with pytest.raises(MatcherUnavailable, match="no usable saved index"):
        await MatchWorker.start(tmp_path / "absent.npz", "x", [])
    path = tmp_path / "index.npz"
    shipped_index.save(path, "old-stamp")
    with pytest.raises(MatcherUnavailable, match="no usable saved index"):
        await MatchWorker.start(path, "new-stamp", [])


async def test_a_dead_worker_fails_fast_and_the_service_carries_on(seeded_db: Path, tmp_path: Path) -> None:
    service = await Service.open(
        make_settings(copy_db(seeded_db, tmp_path), match_worker="on"), bootstrap=False
    )
    try:
        worker = await service.matching_worker()
        assert worker is not None and worker.pid is not None
        in_worker = await service.autocomplete("balle")
        assert [c.value for c in in_worker][:3] == [
            h.film_id for h in service.index.search("balle", 25, prefix=True)[:3]
        ]
        os.kill(worker.pid, signal.SIGKILL)
        with pytest.raises(MatcherUnavailable):
            await worker.search("balle", 25, prefix=True)
        assert not worker.alive
        # The service answers from its own index from now on.
        assert [c.value for c in await service.autocomplete("balle")] == [c.value for c in in_worker]
        resolved = await service.resolve("ballerina 2023")
        assert isinstance(resolved, resolving.Resolved) and resolved.hit.film_id == "ballerina-2023"
    finally:
        await service.close()


async def test_small_catalogs_match_in_process_by_default(seeded_db: Path, tmp_path: Path) -> None:
    service = await Service.open(make_settings(copy_db(seeded_db, tmp_path)), bootstrap=False)
    try:
        assert await service.matching_worker() is None  # 3,000 films: a worker would only cost memory
    finally:
        await service.close()


async def test_closing_the_service_ends_the_worker(seeded_db: Path, tmp_path: Path) -> None:
    service = await Service.open(
        make_settings(copy_db(seeded_db, tmp_path), match_worker="on"), bootstrap=False
    )
    worker = await service.matching_worker()
    assert worker is not None and worker.pid is not None
    pid = worker.pid
    await service.close()
    assert not _running(pid)


def test_the_worker_ends_when_the_bot_is_killed(seeded_db: Path, tmp_path: Path) -> None:
    """SIGKILL the bot's process: its worker notices the closed pipe and exits."""
    db = copy_db(seeded_db, tmp_path)
    script = (
        "import asyncio, sys\n"
        "from bot.service import Service\n"
        "from tests.conftest import make_settings\n"
        "from pathlib import Path\n"
        "async def main():\n"
        "    service = await Service.open(make_settings(Path(sys.argv[1]), match_worker='on'), bootstrap=False)\n"
        "    worker = await service.matching_worker()\n"
        "    print(worker.pid, flush=True)\n"
        "    await asyncio.sleep(60)\n"
        "asyncio.run(main())\n"
    )
    bot = subprocess.Popen(
        [sys.executable, "-c", script, str(db)], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert bot.stdout is not None
        worker_pid = int(bot.stdout.readline())
        assert _running(worker_pid)
    finally:
        bot.kill()
        bot.wait(10)
    deadline = time.monotonic() + 10
    while _running(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(worker_pid)


def _running(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


async def test_a_big_catalog_is_indexed_in_a_process_of_its_own(
    catalog_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.service

    monkeypatch.setattr(bot.service, "BUILD_APART_FROM_FILMS", 0)  # the shipped catalog counts as big
    built = []
    original = bot.service.Service._build_apart

    async def spy(self, db, stamp):
        found = await original(self, db, stamp)
        built.append(found is not None)
        return found

    monkeypatch.setattr(bot.service.Service, "_build_apart", spy)
    db = copy_db(catalog_db, tmp_path)
    service = await Service.open(make_settings(db), bootstrap=False)
    try:
        index = await service.ready()
        assert built == [True] and bot.service.index_path(db).exists()
        assert index.search("ballerina", 5)[0].title == "Ballerina"
    finally:
        await service.close()
    # The next start loads what was saved: nothing is built again.
    service = await Service.open(make_settings(db), bootstrap=False)
    try:
        await service.ready()
        assert built == [True]
    finally:
        await service.close()


async def test_when_the_separate_build_fails_the_bot_builds_the_index_itself(
    catalog_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.service

    monkeypatch.setattr(bot.service, "BUILD_APART_FROM_FILMS", 0)
    monkeypatch.setattr(bot.service.sys, "executable", str(tmp_path / "no-such-python"))
    service = await Service.open(make_settings(copy_db(catalog_db, tmp_path)), bootstrap=False)
    try:
        index = await service.ready()
        assert index.search("ballerina", 5)[0].title == "Ballerina"
    finally:
        await service.close()
