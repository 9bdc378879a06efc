"""Interactions under load: the real client against the fake Discord on 127.0.0.1, on a big catalog.

    python -m bench.interactions [--films 100000] [--n 1000] [--concurrency 50] [--no-floor]

Dispatches N interactions (about 70 % autocomplete with partial titles as people type them, 30 %
/shouldiwatch with a film id or free text), at most `concurrency` in flight, and prints the time
from dispatch to the bot's callback (p50/p95/p99/max, overall and per kind), how many went
unanswered, the fake Discord's limit violations, CPU use and memory.

The bot runs in its own process exactly as `python -m bot run` runs it (run_bot, pointed at the
fake on loopback), so the fake and the load driver don't share its event loop or its core; it is
stopped with SIGTERM at the end. `--in-process` runs it inside the bench instead.
Dispatch and callback times are both taken by the fake, on one clock. The fake's garbage collector
is off while it measures: the fake records every payload it sees, and one full collection over those
records stalled the fake (dispatches and clock) for 50–100 ms, time it then counted against the bot.
The bot collects as it always does (with --in-process, so does the fake: they share a process).

The baseline, measured first in the same run: the floor. A bot with the same command, on the same
discord.py, against the same fake, that answers every interaction at once with fixed words (25
fixed choices, one fixed message): what discord.py, the fake Discord and the load driver cost on
this machine before the bot does any work. `--no-floor` skips it.

The catalog is `bench/.cache/bench-100k.db` (for --films 100000; `bench-<N>.db` otherwise), built
on first use: the shipped catalog and the bootstrap reviews, then IMDb-format files from
`bench.gen_catalog` imported with `python -m bot import-catalog --imdb`. If that import fails, the
catalog is padded with synthetic films written through the store instead (and the bench says so).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bot.config import PROJECT_ROOT, Settings
from bot.core.films.index import IndexEntry
from bot.core.films.model import Film
from bot.service import Service
from bot.store import Store, iter_catalog_rows

CACHE = PROJECT_ROOT / "bench" / ".cache"
PY = sys.executable


def _label(films: int) -> str:
    if films % 1_000_000 == 0:
        return f"{films // 1_000_000}m"
    return f"{films // 1000}k" if films % 1000 == 0 else str(films)


def _run(*args: str) -> bool:
    print("  $", " ".join(args), file=sys.stderr)
    done = subprocess.run([PY, *args], cwd=PROJECT_ROOT, check=False)
    return done.returncode == 0


async def _synthetic(db: Path, films: int) -> None:
    """Stopgap when the IMDb import is unavailable: pad the catalog with generated films."""
    rng = random.Random(7)
    words = (
        "love night man life day girl house story world time home blood king heart dream city road".split()
    )
    words += (
        "secret game war summer island moon fire shadow ghost sea star water light dark boy family".split()
    )
    async with await Store.open(db) as store:
        have = await store.film_count()
        batch: list[Film] = []
        for i in range(max(0, films - have)):
            title = " ".join(rng.choice(words).title() for _ in range(rng.randint(1, 4)))
            year = rng.randint(1930, 2025)
            batch.append(
                Film(id=f"synthetic-{i}", title=title, year=year, votes=int(rng.paretovariate(1.2) * 10))
            )
            if len(batch) == 5000:
                async with store.transaction():
                    await store.upsert_films(batch, origin="bench-synthetic")
                batch.clear()
        if batch:
            async with store.transaction():
                await store.upsert_films(batch, origin="bench-synthetic")


def build_catalog(films: int) -> tuple[Path, str]:
    """Return the bench database (building it on first use) and how its catalog was made."""
    label = _label(films)
    db = CACHE / f"bench-{label}.db"
    if db.exists():
        return db, "cached"
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = db.with_suffix(".partial.db")
    for stale in CACHE.glob(partial.name + "*"):
        stale.unlink()
    print(f"Building {db} (once) …", file=sys.stderr)
    imdb = CACHE / f"imdb-{label}"
    if not (imdb / "title.basics.tsv.gz").exists():
        _run("-m", "bench.gen_catalog", "--films", str(films), "--out", str(imdb))
    ok = _run("-m", "bot", "--db", str(partial), "import-catalog")
    reviews = [str(PROJECT_ROOT / "data" / "reviews")]
    seeds = PROJECT_ROOT.parent / "shared" / "seeds"
    if seeds.exists():
        reviews.append(str(seeds))
    ok = ok and _run("-m", "bot", "--db", str(partial), "ingest", "--quiet", *reviews)
    how = "shipped catalog + reviews + IMDb-format import (bench.gen_catalog)"
    if not (imdb / "title.basics.tsv.gz").exists() or not _run(
        "-m", "bot", "--db", str(partial), "import-catalog", "--imdb", str(imdb)
    ):
        print("IMDb import unavailable: padding with synthetic films (stopgap)", file=sys.stderr)
        asyncio.run(_synthetic(partial, films))
        how = "shipped catalog + reviews + SYNTHETIC films (IMDb import failed)"
    if not ok:
        raise SystemExit("building the bench catalog failed (see above)")
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(db)
    return db, how


# --------------------------------------------------------------------------- the workload


@dataclass
class Job:
    kind: str  # "autocomplete" | "command"
    text: str
    user: int


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 2)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def workload(entries: list[IndexEntry], n: int, seed: int) -> list[Job]:
    """Return N jobs: partial titles as typed, and /shouldiwatch with ids or free text."""
    rng = random.Random(seed)
    by_votes = sorted(entries, key=lambda e: -e.votes)
    popular = by_votes[: max(50, len(by_votes) // 10)]

    def film() -> IndexEntry:
        return rng.choice(popular) if rng.random() < 0.7 else rng.choice(entries)

    jobs: list[Job] = []
    for i in range(n):
        user = 500_000_000_000_000_000 + i  # people, not one person: cooldowns aren't what's measured
        f = film()
        title = f.title.lower()
        if rng.random() < 0.7:
            cut = rng.randint(min(3, len(title)), len(title))
            typed = title[:cut]
            if rng.random() < 0.1:
                typed = _typo(rng, typed)
            jobs.append(Job("autocomplete", typed, user))
        elif rng.random() < 0.5:
            jobs.append(Job("command", f.key, user))  # picked from autocomplete: a film id
        else:
            text = title if rng.random() < 0.6 or not f.year else f"{title} {f.year}"
            if rng.random() < 0.1:
                text = _typo(rng, text)
            jobs.append(Job("command", text, user))
    return jobs


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def _line(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    if not ms:
        return f"  {name:<13} (none)"
    return (
        f"  {name:<13} n={len(ms):>5}  p50 {_pct(ms, 50):6.1f} ms  p95 {_pct(ms, 95):6.1f} ms  "
        f"p99 {_pct(ms, 99):6.1f} ms  max {max(ms):7.1f} ms  mean {statistics.fmean(ms):6.1f} ms"
    )


def _cpu_seconds(pid: int | str = "self") -> float:
    """Return the CPU time (user + system) a process has used so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    """Return the pids of a process's children (the bot's matching worker)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


async def _settled_children(pid: int, within: float = 60.0) -> list[int]:
    """Wait for the bot's matching worker (if it starts one) to finish loading; return its pid(s)."""
    deadline = time.monotonic() + within
    found: list[int] = []
    while time.monotonic() < deadline and not found:
        found = _children(pid)
        if not found:
            await asyncio.sleep(0.2)
            if time.monotonic() > deadline - within + 3:  # no worker within 3 s: none is coming
                return []
    last = -1.0
    while time.monotonic() < deadline:
        used = sum(_cpu_seconds(p) for p in found)
        if used == last:
            break  # idle: the index is loaded and it waits for questions
        last = used
        await asyncio.sleep(0.3)
    return found


def _rss_mb(pid: int | str = "self") -> tuple[float, float]:
    """Return (current, peak) resident memory of a process in MB."""
    values = {"VmRSS:": 0.0, "VmHWM:": 0.0}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key = line.split(":", 1)[0] + ":"
            if key in values:
                values[key] = int(line.split()[1]) / 1024
    return values["VmRSS:"], values["VmHWM:"]


async def serve_bot(db: Path, port: int) -> int:
    """In the child process: run the bot exactly as `python -m bot run` does, against the fake on `port`."""
    import discord.gateway
    import discord.http
    import yarl
    from pydantic import SecretStr

    from bot.chat.client import run_bot
    from tests.discord_fake import DEFAULT_GUILD_ID

    discord.http.Route.BASE = f"http://127.0.0.1:{port}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{port}/gateway")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_path=db,
        bootstrap_reviews="",
        discord_token=SecretStr("bench-token"),
        dev_guild_id=DEFAULT_GUILD_ID,
    )
    return await run_bot(settings)


FLOOR_CHOICES = 25


async def serve_floor(port: int) -> int:
    """In the child process: the floor bot, answering at once with fixed words, against the fake on `port`."""
    import signal

    import discord
    import discord.gateway
    import discord.http
    import yarl
    from discord import app_commands

    from tests.discord_fake import DEFAULT_GUILD_ID

    discord.http.Route.BASE = f"http://127.0.0.1:{port}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{port}/gateway")
    fixed = [
        app_commands.Choice(name=f"A film {i} (2001) · A. Director · no review yet", value=f"tt{i:07d}")
        for i in range(FLOOR_CHOICES)
    ]

    @app_commands.command(name="shouldiwatch", description="Should I watch it?")
    async def shouldiwatch(interaction: discord.Interaction, title: str, private: bool = False) -> None:
        await interaction.response.send_message("A fixed answer.", ephemeral=private)

    @shouldiwatch.autocomplete("title")
    async def suggest(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return fixed

    class Floor(discord.Client):
        async def setup_hook(self) -> None:
            guild = discord.Object(id=DEFAULT_GUILD_ID)
            tree.copy_global_to(guild=guild)
            await tree.sync(guild=guild)

    client = Floor(intents=discord.Intents.default(), allowed_mentions=discord.AllowedMentions.none())
    tree = app_commands.CommandTree(client)
    tree.add_command(shouldiwatch)
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, lambda: loop.create_task(client.close()))
    async with client:
        await client.start("bench-token")
    return 0


@dataclass
class Run:
    """One measured run: latencies per kind, what went wrong, and what it cost."""

    latencies: dict[str, list[float]]
    unanswered: list[str]
    violations: list[str]
    kinds: dict[int, int]
    wall: float
    warm: float
    cpu: dict[str, float]
    rss: float
    peak: float
    where: str
    worker_mem: list[str]

    @property
    def everything(self) -> list[float]:
        return self.latencies["autocomplete"] + self.latencies["command"]


async def bench(
    db: Path, how: str, n: int, concurrency: int, seed: int, in_process: bool, floor: bool
) -> int:
    """Measure the floor (unless not `floor`), then the bot; report both."""
    entries = await asyncio.to_thread(lambda: list(iter_catalog_rows(db)))
    jobs = workload(entries, n, seed)
    warmup = workload(entries, 20, seed + 1)  # other films: the measured ones start cold
    films = len(entries)
    del entries
    base = await measure(db, jobs, warmup, concurrency, in_process=False, floor=True) if floor else None
    run = await measure(db, jobs, warmup, concurrency, in_process=in_process, floor=False)
    return report(run, base, films, how, db, n, concurrency, in_process)


async def measure(
    db: Path, jobs: list[Job], warmup: list[Job], concurrency: int, *, in_process: bool, floor: bool
) -> Run:
    """Start the fake and a bot (the real one, or the floor), dispatch the jobs, and measure."""
    import signal

    from bot.chat.client import ShouldIWatchClient
    from tests.discord_fake import DEFAULT_GUILD_ID, FakeDiscord, payloads
    from tests.discord_fake.conftest_helpers import running_client

    fake = FakeDiscord()
    await fake.start()
    latencies: dict[str, list[float]] = {"autocomplete": [], "command": []}
    unanswered: list[str] = []
    kinds: dict[int, int] = {}
    sem = asyncio.Semaphore(concurrency)

    async def one(job: Job, record: bool) -> object:
        user = payloads.user(job.user, f"user{job.user % 100_000}")
        async with sem:
            if job.kind == "autocomplete":
                iid = await fake.autocomplete("shouldiwatch", {"title": job.text}, user=user)
            else:
                iid = await fake.slash("shouldiwatch", {"title": job.text}, user=user)
            try:
                cb = await fake.wait_response(iid, timeout=10)
            except TimeoutError:
                if record:
                    unanswered.append(f"{job.kind} {job.text[:40]!r}: no callback")
                return None
        if record:
            if cb.status != 200:
                unanswered.append(f"{job.kind} {job.text[:40]!r}: HTTP {cb.status}")
            else:
                kinds[cb.type] = kinds.get(cb.type, 0) + 1
                latencies[job.kind].append(cb.latency)
        return cb

    async def until_ready() -> float:
        """Warm up until autocomplete answers from the index (not "still loading"); return seconds."""
        t0 = time.perf_counter()
        while True:
            cb = await one(Job("autocomplete", "the", 1), False)
            choices = (getattr(cb, "data", None) or {}).get("choices") or []
            if choices and "still loading" not in choices[0]["name"]:
                break
            await asyncio.sleep(0.05)
        await asyncio.gather(*(one(j, False) for j in warmup))  # first-call costs, not measured
        return time.perf_counter() - t0

    cpu: dict[str, float] = {}
    worker_mem: list[str] = []

    async def timed(bot_pid: int | str) -> float:
        helpers = _children(bot_pid) if isinstance(bot_pid, int) else []
        before = {"bot": _cpu_seconds(bot_pid), "harness": _cpu_seconds()}
        before.update({f"worker {p}": _cpu_seconds(p) for p in helpers})
        # The fake is the measuring instrument: its own collector's pauses are not the bot's time
        # (unless the bot shares its process, --in-process: then it collects as it would alone).
        apart = bot_pid != "self"
        if apart:
            gc.collect()
            gc.disable()
        try:
            t0 = time.perf_counter()
            await asyncio.gather(*(one(j, True) for j in jobs))
            wall = time.perf_counter() - t0
        finally:
            if apart:
                gc.enable()
        for name, pid in (("bot", bot_pid), ("harness", "self"), *((f"worker {p}", p) for p in helpers)):
            cpu[name] = (_cpu_seconds(pid) - before[name]) / wall
        return wall

    try:
        with fake.patched():
            if in_process:
                settings = Settings(_env_file=None, database_path=db, bootstrap_reviews="")  # type: ignore[call-arg]
                service = await Service.open(settings, bootstrap=False)
                client = ShouldIWatchClient(
                    service,
                    settings.model_copy(update={"dev_guild_id": DEFAULT_GUILD_ID}),
                    guild_ready_timeout=0.05,
                )
                try:
                    async with running_client(client, fake, strict_tasks=False):
                        warm = await until_ready()
                        wall = await timed("self")
                        rss, peak = _rss_mb()
                finally:
                    await service.close()
                where = "in this process (the fake and the driver share its event loop)"
            else:
                serve = (
                    ["--serve-floor", str(fake.port)]
                    if floor
                    else ["--serve-bot", str(fake.port), "--db", str(db)]
                )
                child = await asyncio.create_subprocess_exec(
                    PY, "-m", "bench.interactions", *serve, cwd=PROJECT_ROOT
                )
                try:
                    await fake.wait_identified(timeout=60)
                    warm = await until_ready()
                    workers = [] if floor else await _settled_children(child.pid)
                    wall = await timed(child.pid)
                    rss, peak = _rss_mb(child.pid)
                    for pid in workers:
                        w_rss, w_peak = _rss_mb(pid)
                        worker_mem.append(f"matching worker {pid}: RSS {w_rss:.0f} MB, peak {w_peak:.0f} MB")
                finally:
                    if child.returncode is None:
                        child.send_signal(signal.SIGTERM)
                    code = await asyncio.wait_for(child.wait(), 30)
                where = f"in its own process (pid {child.pid}; exit code {code} after SIGTERM)"
    finally:
        await fake.stop()
    return Run(
        latencies,
        unanswered,
        list(fake.violations),
        kinds,
        wall,
        warm,
        cpu,
        rss,
        peak,
        where,
        worker_mem,
    )


def report(
    run: Run, base: Run | None, films: int, how: str, db: Path, n: int, concurrency: int, in_process: bool
) -> int:
    """Print the run (and the floor it is compared with); return 1 if either left anything unanswered."""
    print(f"catalog: {films:,} films ({how}); {db}")
    print(f"bot: {run.where}; ready and warm {run.warm:.2f} s after login")
    print(f"{n} interactions, at most {concurrency} in flight, in {run.wall:.2f} s ({n / run.wall:.0f}/s)")
    if in_process:
        print(f"CPU while measuring: {run.cpu['bot']:.0%} of a core (bot, fake and driver together)")
    else:
        print(f"CPU while measuring: {_cpu_line(run)}")
    print("dispatch → callback:")
    print(_line("all", run.everything))
    print(_line("autocomplete", run.latencies["autocomplete"]))
    print(_line("/shouldiwatch", run.latencies["command"]))
    print(f"callback types: {dict(sorted(run.kinds.items()))}  (4 message, 5 deferred, 8 choices)")
    print(f"not answered: {len(run.unanswered)}")
    for line in run.unanswered[:10]:
        print("   ", line)
    print(f"fake Discord violations: {len(run.violations)}")
    for line in run.violations[:10]:
        print("   ", line)
    if not in_process:
        print(f"bot CPU per interaction: {run.cpu['bot'] * run.wall / n * 1000:.2f} ms (its main process)")
    print(f"bot memory: RSS {run.rss:.0f} MB at the end, peak {run.peak:.0f} MB")
    for line in run.worker_mem:
        print(line)
    if base is not None:
        print(
            "floor, measured first (a bot answering every interaction at once with fixed words, "
            "same fake, same machine):"
        )
        print(_line("all", base.everything) + f"  ({n / base.wall:.0f}/s)")
        print(f"  CPU: {_cpu_line(base)}")
        p50, p99 = _pct(run.everything, 50), _pct(run.everything, 99)
        b50, b99 = _pct(base.everything, 50), _pct(base.everything, 99)
        print(
            f"the bot's own work adds {(p50 - b50) * 1000:.1f} ms at p50 and {(p99 - b99) * 1000:.1f} ms "
            f"at p99 to the floor"
        )
        if base.unanswered or base.violations:
            print(f"floor: {len(base.unanswered)} not answered, {len(base.violations)} violations")
    p99 = _pct(run.everything, 99) * 1000
    print(f"p99 {p99:.1f} ms — target ≤ 100 ms: {'met' if p99 <= 100 else 'NOT met'}")
    failed = [r for r in (run, base) if r is not None and (r.unanswered or r.violations)]
    return 1 if failed else 0


def _cpu_line(run: Run) -> str:
    workers = "".join(f", {name} {share:.0%}" for name, share in run.cpu.items() if name.startswith("worker"))
    return f"bot {run.cpu['bot']:.0%} of a core{workers}, fake Discord + driver {run.cpu['harness']:.0%}"


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m bench.interactions [--films N] [--n N] [--concurrency N]."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.interactions", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--films", type=int, default=100_000, help="catalog size (default 100000)")
    parser.add_argument("--n", type=int, default=1000, help="interactions to dispatch (default 1000)")
    parser.add_argument("--concurrency", type=int, default=50, help="most in flight at once (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="use this database instead of the cached bench catalog")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run the bot in the bench's own process (it then shares the CPU)",
    )
    parser.add_argument(
        "--no-floor", action="store_true", help="skip the baseline run (a bot answering with fixed words)"
    )
    parser.add_argument("--serve-bot", type=int, metavar="PORT", help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--serve-floor", type=int, metavar="PORT", help=argparse.SUPPRESS)  # the floor's
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("discord").setLevel(logging.ERROR)
    if args.serve_bot:
        return asyncio.run(serve_bot(args.db, args.serve_bot))
    if args.serve_floor:
        return asyncio.run(serve_floor(args.serve_floor))
    db, how = (args.db, "given") if args.db else build_catalog(args.films)
    return asyncio.run(
        bench(db, how, args.n, args.concurrency, args.seed, args.in_process, floor=not args.no_floor)
    )


if __name__ == "__main__":
    sys.exit(main())
