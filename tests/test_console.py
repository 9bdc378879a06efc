"""The console (`make run` without a token): commands with or without the slash, answers, spoilers."""

from __future__ import annotations

import io

from bot.config import PROJECT_ROOT
from bot.console import run_console
from bot.ingest import ingest_paths
from bot.service import Service

PARASITE = PROJECT_ROOT / "data" / "reviews" / "parasite-2019.txt"


async def _session(service: Service, lines: list[str]) -> str:
    out = io.StringIO()
    await run_console(service, stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=out)
    return out.getvalue()


async def test_commands_work_with_or_without_the_slash(catalog_service: Service) -> None:
    out = await _session(
        catalog_service,
        ["/", "warnings add gore", "/warnings list", "warnings clear", "help", "quit", "dune"],
    )
    assert "Unknown command /. Try /help." in out  # a lone slash is answered, not a crash
    assert "couldn't find" not in out  # none of the commands was searched as a film title
    assert "Gore" in out and "Cleared 1 topic." in out
    assert "Commands: /warnings" in out  # "help" shows the console's commands
    assert "Dune (" not in out  # "quit" ended the session before the last line


async def test_spoiler_evidence_says_how_to_reveal_it_here(catalog_service: Service) -> None:
    report = await ingest_paths(catalog_service.store, [PARASITE])
    assert report.exit_code == 0
    await catalog_service.refresh()  # what the bot's watcher does after an ingest
    hidden = await _session(catalog_service, ["parasite"])
    assert "[spoiler — evidence hidden; type /spoilers on to see it]" in hidden
    shown = await _session(catalog_service, ["spoilers on", "parasite"])
    assert "Spoiler evidence will be shown." in shown and "evidence hidden" not in shown


async def test_a_film_without_a_review_says_so_and_what_it_is(catalog_service: Service) -> None:
    out = await _session(catalog_service, ["does the dog die in marley and me"])
    assert "Marley & Me (2008)" in out and "no review yet" in out
    assert "About: A newspaper columnist, his wife and their unruly Labrador" in out
    assert "Animal harm: I hold no review of this film, so I can't say." in out
