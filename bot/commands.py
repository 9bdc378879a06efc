"""What each command-line command does (kept apart from argument parsing in __main__)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bot import render
from bot.config import Settings
from bot.conversation import Conversation
from bot.service import Service
from bot.store import Store

log = logging.getLogger(__name__)
err = Console(stderr=True, highlight=False)


def _note(message: str) -> None:
    err.print(message)


async def run(args: argparse.Namespace, settings: Settings) -> int:
    """Start the bot: Discord when a token is set, else the terminal conversation."""
    if settings.discord_token is not None:
        from bot.chat.client import run_bot

        return await run_bot(settings)
    from bot.console import run_console

    service = await Service.open(settings, notify=_note, freeze_index=True)
    try:
        return await run_console(service)
    finally:
        await service.close()


async def ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer each text and exit."""
    service = await Service.open(settings, notify=_note)
    try:
        await service.ready()
        conversation = Conversation(service)
        user = args.user
        for n, text in enumerate(args.text):
            # Each argument is a fresh question, so a reply like "2023" is a title here, not a follow-up.
            turn = await conversation.handle(("cli", n), text, user)
            if args.json:
                print(json.dumps(render.turn_json(text, turn), ensure_ascii=False), flush=True)
            else:
                if len(args.text) > 1:
                    print(f"» {text[:80]}{'…' if len(text) > 80 else ''}")
                print(render.turn_text(turn, show_spoilers=args.spoilers))
                if n < len(args.text) - 1:
                    print()
    finally:
        await service.close()
    return 0


async def ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Load review files, with a progress bar and a per-file report."""
    from bot.catalog.shipped import import_shipped
    from bot.ingest import ingest_paths

    store = await Store.open(settings.database_path)
    try:
        if await store.film_count() == 0:
            _note(f"The catalog is empty: loading the shipped films from {settings.catalog_path} first.")
            await import_shipped(store, settings.catalog_path)
        started = time.perf_counter()
        progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[name]}"),
            TimeRemainingColumn(),
            console=err,
            disable=args.quiet,
            transient=True,
        )
        with progress:
            task = progress.add_task("ingest", total=None, name="")

            def on_start(total: int) -> None:
                progress.update(task, total=total)

            def on_file(result) -> None:
                progress.update(task, advance=1, name=result.path[-50:])

            report = await ingest_paths(
                store,
                args.paths,
                forced_film=args.film,
                max_bytes=settings.max_review_bytes,
                progress=on_file,
                on_start=on_start,
            )
        elapsed = time.perf_counter() - started
    finally:
        await store.close()
    for result in report.files:
        if not result.ok:
            print(f"FAILED  {result.path}: {result.error}", file=sys.stderr)
        for entry in result.entries:
            if entry.status == "refused":
                print(
                    f"REFUSED {entry.origin}: {entry.message}. Use --film ID to force a film.",
                    file=sys.stderr,
                )
    n_files = len(report.files)
    summary = (
        f"{n_files} file{'s' if n_files != 1 else ''} in {elapsed:.1f} s: {report.count('new')} new, "
        f"{report.count('updated')} updated, {report.count('duplicate')} already stored, "
        f"{len(report.refused)} refused, {len(report.failed_files)} failed"
    )
    print(summary, file=sys.stderr)
    if not args.quiet:
        for result in report.files:
            for entry in result.entries:
                if entry.status in ("new", "updated"):
                    print(
                        f"  {entry.status:<8} {entry.origin} → {entry.film} ({entry.verdict}), review {entry.review_id}"
                    )
    return report.exit_code


async def import_catalog(args: argparse.Namespace, settings: Settings) -> int:
    """Load the shipped catalog, or import IMDb's TSV files."""
    from bot.catalog.shipped import CatalogFileError, import_shipped

    store = await Store.open(settings.database_path)
    try:
        if args.imdb is None:
            path = args.shipped or settings.catalog_path
            try:
                count = await import_shipped(store, path)
            except CatalogFileError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            print(f"Loaded {count:,} films from {path}.", file=sys.stderr)
            await _prebuild(store, settings)
            return 0
        from bot.catalog.imdb import ImdbImportError, import_imdb

        progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[info]}"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        tasks: dict[str, int] = {}
        with progress:

            def on_progress(stage: str, done: int, total: int | None) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(stage, total=total, info="")
                progress.update(tasks[stage], completed=done, total=total, info=f"{done:,}")

            try:
                report = await import_imdb(store, args.imdb, progress=on_progress)
            except ImdbImportError as exc:
                print(f"error: {exc}\nNothing was imported; the database is as it was.", file=sys.stderr)
                return 1
        print(report.summary() if hasattr(report, "summary") else str(report), file=sys.stderr)
        await _prebuild(store, settings)
        return 0
    finally:
        await store.close()


async def _prebuild(store: Store, settings: Settings) -> None:
    """Build the title index now, so the bot's next start is quick."""
    from bot.service import prebuild_index

    films = await store.film_count()
    print(f"Building the title index of {films:,} films …", file=sys.stderr)
    started = time.perf_counter()
    if await prebuild_index(store, settings.database_path):
        print(
            f"Title index saved ({time.perf_counter() - started:.1f} s); the bot will load it at start.",
            file=sys.stderr,
        )
    else:
        print(
            "The title index could not be saved now; the bot will build it when it starts.", file=sys.stderr
        )


async def sync(args: argparse.Namespace, settings: Settings) -> int:
    """Register slash commands with Discord (globally only when asked)."""
    from bot.chat.client import sync_commands

    return await sync_commands(settings, global_=args.global_, guild_id=args.guild)


async def stats(args: argparse.Namespace, settings: Settings) -> int:
    """Print what the database holds, or one review's analysis."""
    store = await Store.open(settings.database_path)
    try:
        if args.review is not None:
            review = await store.review(args.review)
            if review is None:
                print(
                    f"error: no review number {args.review} (see `python -m bot stats` for the list)",
                    file=sys.stderr,
                )
                return 1
            film = await store.get_film(review.film_id)
            if args.json:
                from dataclasses import asdict

                print(json.dumps(asdict(review), ensure_ascii=False, default=str, indent=2))
                return 0
            print(f"Review {review.id}: {film.label if film else review.film_id} — from {review.origin}")
            print(
                f"  source: {review.source or '?'} · author: {review.author or '?'} · date: {review.published or '?'}"
                + (f" · {review.url}" if review.url else "")
            )
            print(
                f"  verdict: {review.verdict.value} from “{review.verdict_text}” ({review.verdict_basis}, confidence {review.confidence:.2f})"
            )
            print(f"  linked with confidence {review.link_confidence:.2f} by:")
            for e in review.link_evidence:
                print(f"    {e.weight:+5.1f}  {e.kind}: {e.text}")
            print(f"  gist: {review.gist or '—'}")
            print(
                f"  streaming: {', '.join(review.streaming) or '—'} · compared with: {', '.join(review.compared) or '—'}"
            )
            print("  warnings:" if review.warnings else "  warnings: none")
            for w in review.warnings:
                spoiler = " [spoiler]" if w.spoiler else ""
                print(f"    {w.topic} ({w.severity}, {w.presence}){spoiler}: “{w.evidence}”")
            return 0
        data = await store.stats()
        if args.json:
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return 0
        print(f"Database: {settings.database_path}")
        print(
            f"  films: {data['films']:,} ({data['films_imported_from_imdb']:,} from IMDb), aliases: {data['aliases']:,}"
        )
        verdicts = ", ".join(f"{n} {v}" for v, n in data["verdicts"].items()) or "none"
        print(
            f"  reviews: {data['reviews']} of {data['reviewed_films']} films ({verdicts}); warnings: {data['warnings']}"
        )
        print(f"  people with a /warnings list: {data['users_with_topics']}")
        for row in data["review_list"][-20:]:
            print(
                f"    #{row['id']:<4} {row['title']} ({row['year']}) — {row['source'] or '?'}: {row['verdict']}"
            )
        return 0
    finally:
        await store.close()
