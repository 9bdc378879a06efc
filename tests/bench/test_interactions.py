"""The interactions benchmark, end to end on a small catalog: both bots answer every interaction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import interactions
from tests.conftest import copy_db


def test_the_bench_measures_the_floor_and_the_bot_and_both_answer_everything(
    catalog_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = copy_db(catalog_db, tmp_path)
    code = interactions.main(["--db", str(db), "--n", "40", "--concurrency", "8"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "not answered: 0" in out and "fake Discord violations: 0" in out
    assert "floor, measured first" in out
    # Both runs timed all 40 interactions: autocompletes answered with choices, commands with a message.
    assert len(re.findall(r"^  all +n= +40 ", out, re.M)) == 2, out
    kinds = re.search(r"callback types: \{4: (\d+), 8: (\d+)\}", out)
    assert kinds and int(kinds[1]) + int(kinds[2]) == 40, out
    assert re.search(r"the bot's own work adds -?[\d.]+ ms at p50", out)
