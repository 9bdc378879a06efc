"""Title matching at catalog scale, against the naive baseline, in the same run.

    python -m bench.matching [--sizes 100000,1000000] [--queries 5000] [--baseline-sample 300]

For each size: generate (once, cached in bench/.cache/) a synthetic IMDb-format catalog and noisy
queries with known answers, import the catalog with the real importer into a database, build the
title index from it, and print:
- top-1 and top-5 accuracy, overall and per kind of noise (typos, dropped articles, subtitles,
  numbers, hints, aliases, prefixes as typed). Top-1 counts a query right when the answer is the
  target — or, for a title several films share with no hint to tell them apart, when the resolver
  asks back with the target among the choices (never silently picking one is the product's rule);
- p50/p99 latency of autocomplete (prefix queries, 25 choices) and of resolve (full queries);
- index build time from the database and index memory (RSS growth while building, and the
  index's own arrays);
- the same accuracy and latency for `rapidfuzz.process.extract(query, all_titles, scorer=WRatio)`.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import gzip
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from bench.gen_catalog import CatalogGenerator
from bot.config import PROJECT_ROOT
from bot.core.films import hints, normalize
from bot.core.films.index import FilmIndex
from bot.core.films.resolve import MAX_CHOICES, Ambiguous, Resolved, resolve
from bot.service import index_path
from bot.store import Store

CACHE = PROJECT_ROOT / "bench" / ".cache"


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def label(n: int) -> str:
    return f"{n // 1_000_000}m" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


def ensure_data(n: int, n_queries: int) -> tuple[Path, Path]:
    """Generate the catalog files, the database and the queries unless cached; return (db, queries)."""
    tag = label(n)
    files = CACHE / f"imdb-{tag}"
    if not (files / "truth.jsonl.gz").exists():
        print(f"generating a {n:,}-film catalog in {files} …", flush=True)
        subprocess.run(
            [sys.executable, "-m", "bench.gen_catalog", "--films", str(n), "--out", str(files)], check=True
        )
    queries = CACHE / f"queries-{tag}.jsonl"
    if not queries.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.gen_queries",
                "--truth",
                str(files / "truth.jsonl.gz"),
                "--n",
                str(n_queries),
                "--out",
                str(queries),
            ],
            check=True,
        )
    db = CACHE / f"matching-{tag}.db"
    if not db.exists():
        print(f"importing into {db} …", flush=True)
        started = time.perf_counter()
        asyncio.run(_import(db, files))
        print(f"  imported in {time.perf_counter() - started:.0f} s", flush=True)
    return db, queries


async def _import(db: Path, files: Path) -> None:
    from bot.catalog.imdb import import_imdb

    tmp = db.with_suffix(".partial")
    tmp.unlink(missing_ok=True)
    async with await Store.open(tmp) as store:
        await import_imdb(store, files)
    tmp.rename(db)


def evaluate(n: int, n_queries: int, baseline_sample: int) -> None:
    db, queries_path = ensure_data(n, n_queries)
    queries = [
        json.loads(line) for line in queries_path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    # Built as the bot builds a big catalog's index: in a process of its own, saved beside the
    # database; then loaded here, and what loading adds to this process is the index's memory.
    stamp = f"bench-{time.time_ns()}"
    started = time.perf_counter()
    builder = subprocess.Popen(
        [sys.executable, "-m", "bot.matcher", "build", str(db), stamp], cwd=PROJECT_ROOT
    )
    _, status, usage = os.wait4(builder.pid, 0)
    builder.returncode = os.waitstatus_to_exitcode(status)
    build_s = time.perf_counter() - started
    if builder.returncode != 0:
        raise SystemExit(f"building the index failed (exit code {builder.returncode})")
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    index = FilmIndex.load(index_path(db), stamp)
    load_s = time.perf_counter() - started
    assert index is not None
    gc.collect()
    grown = rss_mb() - before
    print(f"\n=== {n:,} films ({len(index):,} in the index), {len(queries):,} queries ===")
    print(
        f"index build from the database: {build_s:.1f} s in its own process (peak RSS "
        f"{usage.ru_maxrss / 1024:.0f} MB, returned when it ends); loading it: {load_s:.1f} s"
    )
    print(
        f"index memory: RSS +{grown:.0f} MB in the process that loads it "
        f"(arrays and strings ≈ {index.memory_bytes() / 1e6:.0f} MB)"
    )

    top1: dict[str, list[bool]] = defaultdict(list)
    top5: dict[str, list[bool]] = defaultdict(list)
    lat_ac: list[float] = []
    lat_res: list[float] = []
    year_remakes: list[bool] = []
    for q in queries:
        text, target, ok_ids = q["query"], q["target"], set(q["acceptable"])
        if q["mode"] == "prefix":
            t = time.perf_counter()
            hits = index.search(text, 25, prefix=True)
            lat_ac.append((time.perf_counter() - t) * 1000)
            top5[q["noise"]].append(target in [h.film_id for h in hits[:5]])
            top1[q["noise"]].append(bool(hits) and hits[0].film_id in ok_ids)
            continue
        t = time.perf_counter()
        try:
            result = resolve(index, text)
        except Exception:  # an overlong query: counts as a miss
            result = None
        lat_res.append((time.perf_counter() - t) * 1000)
        if isinstance(result, Resolved):
            right = result.hit.film_id == target or (result.hit.film_id in ok_ids and len(ok_ids) == 1)
        elif isinstance(result, Ambiguous):
            offered = {c.film_id for c in result.candidates}
            # More same-named films than a menu holds: asking back within that set is right.
            right = len(ok_ids) > 1 and (
                target in offered or (len(ok_ids) > MAX_CHOICES and offered <= ok_ids)
            )
        else:
            right = False
        top1[q["noise"]].append(right)
        hits5 = index.search(text, 5)
        top5[q["noise"]].append(
            target in [h.film_id for h in hits5] or (isinstance(result, Ambiguous) and right)
        )
        if q["noise"] == "year_hint" and len(ok_ids) == 1 and q.get("remake", True):
            year_remakes.append(right)

    # How many prefix queries any ranker could get: the target among the five most-voted films
    # whose title (or alternative title) begins with what was typed.
    ceiling: list[bool] = []
    for q in queries:
        if q["mode"] == "prefix":
            _, lo, hi = index._title_range(hints.parse(q["query"]))
            films = {index._film_ids[int(index._name_film[i])] for i in index._most_popular(lo, hi, 5)}
            ceiling.append(q["target"] in films)

    # Prefixes as typed, key by key: how many characters until the film is among the first five.
    keystrokes: list[int] = []
    found_before_end = 0
    typed_queries = [q for q in queries if q["mode"] == "prefix"]
    for q in typed_queries:
        title = q["title"]
        needed = None
        for n_chars in range(1, len(title) + 1):
            if title[n_chars - 1] == " ":
                continue
            hits = index.search(title[:n_chars], 5, prefix=True)
            if q["target"] in [h.film_id for h in hits]:
                needed = n_chars
                break
        if needed is not None:
            keystrokes.append(needed)
            found_before_end += needed < len(title)
        else:
            keystrokes.append(len(title) + 1)

    # The baseline: every title, WRatio, no index.
    titles: list[str] = []
    ids: list[str] = []
    votes: list[int] = []
    groups: list[str] = []
    with gzip.open(db.parent / f"imdb-{label(n)}" / "truth.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            titles.append(row["title"])
            ids.append(row["tconst"])
            votes.append(row["votes"] or 0)
            groups.append(row["same_title_group"])

    # Prefixes as typed in traffic: films drawn in proportion to their votes (how often people
    # look a film up), every prefix of 3–12 characters typed on the way to the title.
    traffic = typed_in_traffic(index, titles, ids, votes, groups)
    if n > 200_000:
        baseline_sample = max(50, baseline_sample // 3)  # each baseline query scans every title: seconds
    step = max(1, len(queries) // baseline_sample)
    sample = queries[::step][:baseline_sample]
    b1: dict[str, list[bool]] = defaultdict(list)
    b5: dict[str, list[bool]] = defaultdict(list)
    b_lat: list[float] = []
    for q in sample:
        t = time.perf_counter()
        found = process.extract(q["query"], titles, scorer=fuzz.WRatio, limit=5)
        b_lat.append((time.perf_counter() - t) * 1000)
        got = [ids[i] for _, _, i in found]
        ok_ids = set(q["acceptable"])
        b1[q["noise"]].append(bool(got) and got[0] in ok_ids)
        b5[q["noise"]].append(q["target"] in got)

    def rate(values: list[bool]) -> str:
        return f"{100 * sum(values) / len(values):5.1f}%" if values else "   n/a"

    def flat(d: dict[str, list[bool]], kinds: list[str] | None = None) -> list[bool]:
        return [v for k, vs in d.items() if kinds is None or k in kinds for v in vs]

    resolve_kinds = [k for k in top1 if k != "prefix"]
    print(f"{'noise':<16} {'n':>5}  {'top-1':>7} {'top-5':>7}   baseline top-1 top-5 (n)")
    for kind in sorted(top1):
        print(
            f"{kind:<16} {len(top1[kind]):>5}  {rate(top1[kind])} {rate(top5[kind])}   "
            f"{rate(b1.get(kind, []))} {rate(b5.get(kind, []))} ({len(b1.get(kind, []))})"
        )
    print(
        f"{'ALL full queries':<16} {len(flat(top1, resolve_kinds)):>5}  {rate(flat(top1, resolve_kinds))} "
        f"{rate(flat(top5, resolve_kinds))}   {rate(flat(b1, resolve_kinds))} {rate(flat(b5, resolve_kinds))}"
    )
    print(f"remake + year    {len(year_remakes):>5}  {rate(year_remakes)}")
    print(
        f"prefixes, top-5  {len(top5['prefix']):>5}  {rate(top5['prefix'])}  (a random 3–12 characters of the title; "
        f"{rate(ceiling)} of them have the target among the 5 most-voted titles beginning with what was typed)"
    )
    print(
        f"prefixes, top-5, as typed in traffic  {len(traffic):>5}  {rate(traffic)}  (every 3–12 character prefix "
        f"of {TRAFFIC_FILMS} films drawn in proportion to their votes; a film of the same title counts)"
    )
    if keystrokes:
        ks = sorted(keystrokes)
        titles_len = sorted(len(q["title"]) for q in typed_queries)
        print(
            f"typing key by key: in the top 5 after a median {ks[len(ks) // 2]} characters "
            f"(p90 {ks[int(len(ks) * 0.9)]}; median title {titles_len[len(titles_len) // 2]} characters); "
            f"found before the title was complete for {100 * found_before_end / len(ks):.1f}%"
        )
    print(
        f"latency  autocomplete p50 {pct(lat_ac, 0.5):.2f} ms  p99 {pct(lat_ac, 0.99):.2f} ms | "
        f"resolve p50 {pct(lat_res, 0.5):.2f} ms  p99 {pct(lat_res, 0.99):.2f} ms"
    )
    absent = absent_outcomes(index, n)
    total = sum(absent.values())
    print(
        f"titles not in the catalog  {total:>5}  answered with another film {absent['Resolved'] / total:.1%}, "
        f"asked which {absent['Ambiguous'] / total:.1%}, not found with suggestions {absent['NotFound'] / total:.1%} "
        f"(new titles from the same generator with another seed; the baseline always answers with some film)"
    )
    base50, base99 = pct(b_lat, 0.5), pct(b_lat, 0.99)
    print(
        f"baseline rapidfuzz.process.extract(WRatio) over {len(titles):,} titles: p50 {base50:.1f} ms  p99 {base99:.1f} ms "
        f"→ autocomplete {base50 / max(pct(lat_ac, 0.5), 1e-9):.0f}× / resolve {base50 / max(pct(lat_res, 0.5), 1e-9):.0f}× faster at p50, "
        f"{base99 / max(pct(lat_ac, 0.99), 1e-9):.0f}× / {base99 / max(pct(lat_res, 0.99), 1e-9):.0f}× at p99"
    )


TRAFFIC_FILMS = 300
ABSENT_TITLES = 500


def absent_outcomes(index: FilmIndex, n: int) -> Counter[str]:
    """Resolve titles the catalog does not have: how often is another film given as the answer?

    The titles come from the catalog generator with another seed, so they are made of the same
    words as the catalog's own (as real missing films share words with films a catalog has);
    titles whose normalised form any film of the catalog has, as title or alias, are left out.
    """
    known = {index._name_keys[i] for i in range(len(index._name_keys))}
    gen = CatalogGenerator(n, seed=987_654)
    seen: set[str] = set()
    outcomes: Counter[str] = Counter()
    while sum(outcomes.values()) < ABSENT_TITLES:
        title = gen.english_title()
        key = normalize.key(title)
        if key in known or key in seen:
            continue
        seen.add(key)
        outcomes[type(resolve(index, title)).__name__] += 1
    return outcomes


def typed_in_traffic(
    index: FilmIndex, titles: list[str], ids: list[str], votes: list[int], groups: list[str], seed: int = 5
) -> list[bool]:
    """Return, for every prefix typed on the way to films drawn by votes, whether the film was in the top 5."""
    rng = np.random.default_rng(seed)
    weights = np.asarray(votes, dtype=np.float64) + 1.0
    picks = rng.choice(len(titles), size=TRAFFIC_FILMS, replace=False, p=weights / weights.sum())
    members: dict[str, set[str]] = defaultdict(set)
    wanted = {groups[i] for i in picks.tolist()}
    for i, group in enumerate(groups):
        if group in wanted:
            members[group].add(ids[i])
    out: list[bool] = []
    for i in picks.tolist():
        typed = titles[i].lower()
        right = members[groups[i]]
        for n_chars in range(3, min(12, len(typed)) + 1):
            if typed[n_chars - 1] == " ":
                continue  # the same search as without the space
            hits = index.search(typed[:n_chars], 5, prefix=True)
            out.append(any(h.film_id in right for h in hits))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.matching", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated catalog sizes")
    parser.add_argument("--queries", type=int, default=5000)
    parser.add_argument(
        "--baseline-sample", type=int, default=300, help="queries timed for the slow baseline"
    )
    args = parser.parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    for size in (int(s) for s in args.sizes.split(",")):
        evaluate(size, args.queries, args.baseline_sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
