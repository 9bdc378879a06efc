"""python -m bot [run|ask|ingest|import-catalog|sync|stats] — the command line."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from pydantic import ValidationError

from bot.config import Settings, setup_logging

log = logging.getLogger("bot")

EPILOG = """examples:
  python -m bot                          start (Discord if DISCORD_TOKEN is set, else the terminal)
  python -m bot ask "ballerina 2023"     answer one question and exit
  python -m bot ask --json "dune" "the korean ballerina"
  python -m bot ingest reviews/          load review files (.txt .md .html .xml feeds)
  python -m bot ingest odd.txt --film ballerina-2023
  python -m bot import-catalog --imdb ~/imdb/   import IMDb's TSV files
  python -m bot stats --review 3         how review 3 was understood and linked
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="shouldiwatch: should I watch it? Answers from reviews, with content warnings.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db", type=Path, help="database file (default: DATABASE_PATH or var/shouldiwatch.db)"
    )
    parser.add_argument("--log-level", help="DEBUG, INFO, WARNING or ERROR (default: LOG_LEVEL or INFO)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="start the bot: Discord with a token, else the terminal conversation")
    ask = sub.add_parser(
        "ask", help="answer questions and exit", description="Answer each TEXT as a question about a film."
    )
    ask.add_argument("text", nargs="+", help='a film, loosely: "ballerina 2023", "the korean ballerina"')
    ask.add_argument(
        "--json", action="store_true", help="one JSON object per line per query (stable field names)"
    )
    ask.add_argument("--user", help="answer as this user id (their avoided topics come first)")
    ask.add_argument("--spoilers", action="store_true", help="show evidence marked as a spoiler")
    ingest = sub.add_parser(
        "ingest",
        help="load review files or folders",
        description="Load reviews: .txt, .md, saved .html pages and RSS/Atom feeds (.xml). Folders are read recursively.",
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument(
        "--film", help="link every review in these files to this film id (when linking is refused)"
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress bar, only the summary")
    catalog = sub.add_parser("import-catalog", help="load the shipped catalog, or IMDb TSV files with --imdb")
    catalog.add_argument(
        "--imdb",
        type=Path,
        metavar="DIR",
        help="folder with IMDb's title.*.tsv[.gz] and name.basics.tsv[.gz]",
    )
    catalog.add_argument(
        "--shipped", type=Path, metavar="PATH", help="catalog file or folder (default: CATALOG_PATH)"
    )
    sync = sub.add_parser("sync", help="register the slash commands with Discord")
    target = sync.add_mutually_exclusive_group()
    target.add_argument(
        "--global", dest="global_", action="store_true", help="everywhere (takes up to an hour to show)"
    )
    target.add_argument("--guild", type=int, help="one server, instantly (default: DEV_GUILD_ID)")
    stats = sub.add_parser("stats", help="what the database holds; --review N for one review's analysis")
    stats.add_argument("--review", type=int, metavar="N", help="show how review N was understood and linked")
    stats.add_argument("--json", action="store_true")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if args.db:
        overrides["database_path"] = args.db
    if args.log_level:
        overrides["log_level"] = args.log_level
    return Settings(**overrides)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
    except ValidationError as exc:
        print("Configuration error (check .env and the environment):", file=sys.stderr)
        for err in exc.errors():
            print(f"  {'.'.join(str(p) for p in err['loc']).upper()}: {err['msg']}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level if args.command in (None, "run") or args.log_level else "WARNING")
    command = args.command or "run"
    try:
        return asyncio.run(_dispatch(command, args, settings))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from bot.core.errors import ShouldIWatchError
        from bot.store import StoreError

        if isinstance(exc, StoreError | ShouldIWatchError):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise


async def _dispatch(command: str, args: argparse.Namespace, settings: Settings) -> int:
    from bot import commands

    handlers = {
        "run": commands.run,
        "ask": commands.ask,
        "ingest": commands.ingest,
        "import-catalog": commands.import_catalog,
        "sync": commands.sync,
        "stats": commands.stats,
    }
    return await handlers[command](args, settings)


if __name__ == "__main__":
    sys.exit(main())
