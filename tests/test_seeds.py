"""Acceptance on the two seed reviews: every fact PRODUCT.md states about them, through the CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.core.films import normalize
from bot.store import Store
from tests.conftest import SEED_2023, SEED_2025, copy_db, needs_seeds

EXPECTED_2023 = {"suicide_self_harm", "sexual_violence", "substances", "torture", "violence"}
NEVER_2023 = {"sex", "nudity", "language"}
NEVER_2025 = {"substances", "language", "sex", "nudity"}

QUERIES = {
    "ballerina": None,
    "ballerina 2023": "ballerina-2023",
    "the korean ballerina": "ballerina-2023",
    "balerina netflix": "ballerina-2023",
    "ballerina 2025": "ballerina-2025",
    "ballerina john wick": "ballerina-2025",
    "ana de armas ballerina": "ballerina-2025",
    "zzzzqqq": None,
}


def _folded(text: str) -> str:
    return " ".join(normalize.fold(text).split())


def run_cli(
    db: Path, *args: str, stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot` on a database, with no .env and no token."""
    env = {
        **os.environ,
        "DATABASE_PATH": str(db),
        "DISCORD_TOKEN": "",
        "BOOTSTRAP_REVIEWS": "",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=PROJECT_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def answers(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    db = copy_db(seeded_db, tmp_path_factory.mktemp("seeds-cli"))
    done = run_cli(db, "ask", "--json", *QUERIES)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert [line["query"] for line in lines] == list(QUERIES)
    return {line["query"]: line for line in lines}


def test_plain_ballerina_is_ambiguous_between_three_films(answers: dict[str, dict]) -> None:
    out = answers["ballerina"]
    assert out["outcome"] == "ambiguous"
    by_year = {c["year"]: c for c in out["candidates"]}
    assert set(by_year) == {2016, 2023, 2025}
    assert by_year[2023]["reviewed"] and by_year[2025]["reviewed"] and not by_year[2016]["reviewed"]
    assert [c["reviewed"] for c in out["candidates"]] == sorted(
        (c["reviewed"] for c in out["candidates"]), reverse=True
    )
    assert all(c["director"] and c["description"] for c in out["candidates"])


@pytest.mark.parametrize("query", [q for q, film in QUERIES.items() if film == "ballerina-2023"])
def test_korean_ballerina_answer(answers: dict[str, dict], query: str) -> None:
    out = answers[query]
    assert out["outcome"] == "resolved" and out["film_id"] == "ballerina-2023"
    assert out["verdict"] == "watch"
    assert "Our Call: STREAM IT" in out["verdict_line"]
    # The gist comes from the review's "The Gist" section.
    seed = SEED_2023.read_text(encoding="utf-8")
    gist_section = seed[seed.index("The Gist:") : seed.index("What Movies Will It Remind You Of?")]
    assert out["gist"] and _folded(out["gist"][:60]) in _folded(gist_section)
    topics = {w["topic"] for w in out["warnings"]}
    assert EXPECTED_2023 <= topics
    assert not topics & NEVER_2023
    for w in out["warnings"]:
        assert w["severity"] in ("mild", "moderate", "severe") and w["sources"] == ["Decider"]
        assert _folded(w["evidence"].strip("…"))[:50] in _folded(seed), w
    assert "netflix" in out["streaming"]
    assert out["sources"][0]["author"] == "Johnny Loftus"


@pytest.mark.parametrize("query", [q for q, film in QUERIES.items() if film == "ballerina-2025"])
def test_john_wick_ballerina_answer(answers: dict[str, dict], query: str) -> None:
    out = answers[query]
    assert out["outcome"] == "resolved" and out["film_id"] == "ballerina-2025"
    assert out["verdict"] == "watch"
    assert "Final Words: Worth It" in out["verdict_line"]
    warnings = {w["topic"]: w for w in out["warnings"]}
    assert warnings["violence"]["severity"] == "severe"
    assert not set(warnings) & NEVER_2025
    assert warnings.get("gore", {}).get("severity", "mild") == "mild"
    # "go back to Netflix" is not a claim that the film streams there.
    assert "netflix" not in out["streaming"]
    seed = SEED_2025.read_text(encoding="utf-8")
    assert all(_folded(w["evidence"].strip("…"))[:50] in _folded(seed) for w in out["warnings"])


def test_nonsense_is_not_found_with_no_crash(answers: dict[str, dict]) -> None:
    assert answers["zzzzqqq"]["outcome"] == "not_found"


async def test_each_seed_review_is_linked_to_its_own_film(seeded_db: Path) -> None:
    async with await Store.open(seeded_db, readonly=True) as store:
        korean = await store.reviews_for("ballerina-2023")
        wick = await store.reviews_for("ballerina-2025")
        assert await store.reviews_for("ballerina-2016") == []
    assert [Path(r.origin).name for r in korean] == [SEED_2023.name]
    assert [Path(r.origin).name for r in wick] == [SEED_2025.name]
    # The 2023 review names the John Wick film as another film; it must not pull the link there.
    assert any(e.kind == "title_year" for e in korean[0].link_evidence)
    assert {e.kind for e in wick[0].link_evidence} >= {"cast", "franchise"}


def test_ten_thousand_character_query_is_refused_clearly(seeded_db: Path, tmp_path: Path) -> None:
    db = copy_db(seeded_db, tmp_path)
    done = run_cli(db, "ask", "--json", "ballerina " * 1000)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["outcome"] == "error"
    assert re.search(r"too long for a film title", out["error"])


def test_console_answers_piped_questions_and_ends_at_end_of_input(seeded_db: Path, tmp_path: Path) -> None:
    needs_seeds()
    db = copy_db(seeded_db, tmp_path)
    done = run_cli(db, "run", stdin="ballerina\nkorean\nballerina 2025\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Which one?" in out and "1) Ballerina" in out
    # "korean" answers the question back; the next line is a fresh question.
    assert "Ballerina (2023) · dir. Lee Chung-hyun" in out
    assert "Verdict: WATCH — one review: Our Call: STREAM IT" in out
    assert "Ballerina (2025) · dir. Len Wiseman" in out
    assert "console mode" in done.stderr
