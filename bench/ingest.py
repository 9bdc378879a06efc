"""Ingest throughput: text reviews per second, one process versus worker processes.

    python -m bench.ingest [--reviews 1000]

Builds N distinct plain-text reviews from the labelled corpus (each copy gets a closing paragraph
of its own, so none is a duplicate and no sentence repeats), then ingests them into fresh databases holding the shipped catalog: once
in one process (the baseline), once with worker processes. Prints reviews/s, per-file latency
p50/p99 (time between consecutive stored files), CPU time per file (this process; the workers,
start-up included) and peak memory. Bar: ≥ 100 text reviews/s.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.catalog.shipped import import_shipped
from bot.ingest import default_workers, ingest_paths
from bot.store import Store

# bot.config's PROJECT_ROOT, not imported from there: each worker process imports this module
# again (multiprocessing's spawn), and the settings library would cost every worker a quarter of
# a second that `python -m bot ingest` does not pay.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT_ROOT / "tests" / "data" / "reviews"


def make_reviews(folder: Path, n: int) -> list[Path]:
    """Write n distinct text reviews built from the corpus's .txt and .md files."""
    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    texts = []
    for path in sources:
        try:
            texts.append((path.suffix, path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            continue  # the encoding test files
    # Real collections do not repeat sentences: each copy also gets a paragraph of its own, words
    # drawn from the whole corpus, so nothing that remembers sentences can flatter the figure.
    vocabulary = sorted({w for _suffix, text in texts for w in re.findall(r"[A-Za-z']+", text)})
    rng = random.Random(7)
    out = []
    for i in range(n):
        suffix, text = texts[i % len(texts)]
        own = " ".join(
            " ".join(rng.choice(vocabulary).lower() for _ in range(rng.randint(8, 20))).capitalize() + "."
            for _ in range(3)
        )
        path = folder / f"review-{i:05d}{suffix}"
        path.write_text(f"{text}\n\nReader copy number {i}, filed for the archive. {own}\n", encoding="utf-8")
        out.append(path)
    return out


async def run(files: list[Path], workers: int, catalog_db: Path, tmp: Path) -> dict[str, float]:
    db = tmp / f"ingest-{workers}.db"
    shutil.copy(catalog_db, db)
    stamps: list[float] = []
    async with await Store.open(db) as store:
        own, children = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        report = await ingest_paths(
            store, files, workers=workers, progress=lambda _r: stamps.append(time.perf_counter())
        )
        elapsed = time.perf_counter() - started
        own, children = _cpu(resource.RUSAGE_SELF) - own, _cpu(resource.RUSAGE_CHILDREN) - children
    stored = report.count("new")
    gaps = [b - a for a, b in zip([started, *stamps], stamps, strict=False)]
    gaps.sort()
    return {
        "stored": stored,
        "refused": len(report.refused),
        "failed": len(report.failed_files),
        "seconds": elapsed,
        "per_s": stored / elapsed,
        "p50_ms": statistics.median(gaps) * 1000,
        "p99_ms": gaps[int(len(gaps) * 0.99)] * 1000,
        "cpu_ms": own / len(files) * 1000,
        "workers_cpu_ms": children / len(files) * 1000,
    }


def _cpu(who: int) -> float:
    """Return the CPU seconds used so far by this process or by its finished children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


async def main_async(n: int) -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "reviews").mkdir()
        files = make_reviews(tmp / "reviews", n)
        catalog_db = tmp / "catalog.db"
        async with await Store.open(catalog_db) as store:
            await import_shipped(store, PROJECT_ROOT / "data" / "catalog")
        print(f"bench/ingest — {n} text reviews built from {CORPUS.relative_to(PROJECT_ROOT)}")
        baseline = await run(files, 0, catalog_db, tmp)
        parallel_workers = default_workers(n) or 2
        parallel = await run(files, parallel_workers, catalog_db, tmp)
        for name, r in (
            ("one process (baseline)", baseline),
            (f"{parallel_workers} worker processes", parallel),
        ):
            workers_cpu = f" + workers {r['workers_cpu_ms']:.1f}" if r["workers_cpu_ms"] else ""
            print(
                f"  {name:<24} {r['per_s']:6.0f} reviews/s  ({r['stored']:.0f} stored, {r['refused']:.0f} refused, "
                f"{r['failed']:.0f} failed, {r['seconds']:.1f} s)  per file p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms; "
                f"CPU per file {r['cpu_ms']:.1f} ms{workers_cpu}"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"  peak RSS: main {peak:.0f} MB, largest worker {children:.0f} MB; bar ≥ 100 reviews/s: "
            f"{'met' if parallel['per_s'] >= 100 else 'NOT met'}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=1000)
    args = parser.parse_args(argv)
    return asyncio.run(main_async(args.reviews))


if __name__ == "__main__":
    sys.exit(main())
