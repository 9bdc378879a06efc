"""How well the review pipeline understands reviews: verdicts, warnings, gists, film links.

    python -m bench.quality [--corpus tests/data/reviews] [--verbose]

Ingests the labelled corpus (tests/data/reviews/labels.json) and the two seed reviews through the
real ingest path into a fresh database holding the shipped catalog, then prints:
verdict accuracy; warning precision and recall, overall and per topic (a topic in `maybe` is
neither right nor wrong; a topic in `not` that is predicted is a trap failure); severity agreement;
gist presence; film-linking accuracy overall and on same-title films; throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bot.catalog.shipped import import_shipped
from bot.config import PROJECT_ROOT
from bot.core.films import normalize
from bot.ingest import ingest_paths
from bot.store import Store

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
# The facts PRODUCT.md states about the seeds ("The seeds"), as labels.
SEED_LABELS = {
    "000_5d250192250ba428.txt": {
        "film": "ballerina-2023",
        "verdict": "watch",
        "gist": True,
        "warnings": {
            "suicide_self_harm": None,
            "sexual_violence": None,
            "substances": None,
            "torture": None,
            "violence": None,
        },
        "maybe": ["death_grief", "captivity", "gore", "frightening"],
        "not": ["sex", "nudity", "language"],
    },
    "003_9a4444a8a764c5e3.txt": {
        "film": "ballerina-2025",
        "verdict": "watch",
        "gist": True,
        "warnings": {"violence": "severe"},
        "maybe": ["gore", "death_grief"],
        "not": ["substances", "language", "sex", "nudity"],
    },
}
_RANK = {"mild": 1, "moderate": 2, "severe": 3}


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "   n/a"


async def run(corpus: Path, verbose: bool, texts: Path | None = None) -> int:
    labels: dict[str, dict] = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    files = sorted({(texts or corpus) / key.split("#")[0] for key in labels})
    seed_files = [SEEDS / name for name in SEED_LABELS if (SEEDS / name).exists()]
    all_labels = {**labels, **{k: v for k, v in SEED_LABELS.items() if (SEEDS / k).exists()}}
    with tempfile.TemporaryDirectory() as tmp:
        async with await Store.open(Path(tmp) / "quality.db") as store:
            await import_shipped(store, PROJECT_ROOT / "data" / "catalog")
            started = time.perf_counter()
            report = await ingest_paths(store, [*files, *seed_files])
            elapsed = time.perf_counter() - started
            by_origin: dict[str, dict] = {}
            for result in report.files:
                if not result.ok:
                    by_origin[Path(result.path).name] = {"error": result.error}
                for entry in result.entries:
                    name = Path(entry.origin.split("#")[0]).name + (
                        "#" + entry.origin.split("#")[1] if "#" in entry.origin else ""
                    )
                    if entry.review_id is None:
                        by_origin[name] = {"film": None, "refused": entry.message}
                        continue
                    review = await store.review(entry.review_id)
                    assert review is not None
                    by_origin[name] = {"film": review.film_id, "review": review}
            catalog_titles: Counter[str] = Counter()
            async with store.conn.execute("SELECT title_key FROM films") as cur:
                async for (key,) in cur:
                    catalog_titles[key] += 1
            film_titles = {}
            async with store.conn.execute("SELECT key, title_key FROM films") as cur:
                async for key, title_key in cur:
                    film_titles[key] = title_key

    verdict_ok = verdict_n = 0
    link_ok = link_n = same_ok = same_n = 0
    gist_ok = gist_n = 0
    sev_exact = sev_near = sev_n = 0
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    traps: list[str] = []
    failures: list[str] = []
    sev_misses: list[str] = []
    sev_off: dict[str, Counter[int]] = defaultdict(Counter)  # topic -> {+1 too high, 0 exact, -1 too low}
    verdict_by_basis: dict[str, list[bool]] = defaultdict(list)
    for key, label in sorted(all_labels.items()):
        got = by_origin.get(key, {"error": "not ingested"})
        want_film = label["film"]
        link_n += 1
        ok_link = got.get("film") == want_film
        link_ok += ok_link
        if want_film and catalog_titles[film_titles.get(want_film, "")] > 1:
            same_n += 1
            same_ok += ok_link
        if not ok_link:
            failures.append(
                f"LINK    {key}: want {want_film}, got {got.get('film')} {got.get('refused') or got.get('error') or ''}"
            )
        review = got.get("review")
        if review is None or not ok_link:
            continue
        verdict_n += 1
        good = review.verdict.value == label["verdict"]
        verdict_ok += good
        verdict_by_basis[review.verdict_basis].append(good)
        if not good:
            failures.append(
                f"VERDICT {key}: want {label['verdict']}, got {review.verdict.value} from “{review.verdict_text}”"
            )
        if label.get("gist"):
            gist_n += 1
            gist_ok += bool(review.gist)
        predicted = {w.topic: w for w in review.warnings}
        wanted = label["warnings"]
        maybe = set(label.get("maybe", ()))
        for topic, severity in wanted.items():
            if topic in predicted:
                tp[topic] += 1
                if severity:
                    sev_n += 1
                    signed = _RANK[predicted[topic].severity] - _RANK[severity]
                    diff = abs(signed)
                    sev_exact += diff == 0
                    sev_near += diff <= 1
                    sev_off[topic][max(-1, min(1, signed))] += 1
                    if signed:
                        w = predicted[topic]
                        sev_misses.append(
                            f"{topic:<18} want {severity:<8} got {w.severity:<8} {key}: “{w.evidence[:80]}”"
                        )
            else:
                fn[topic] += 1
                failures.append(f"MISSED  {key}: {topic} ({severity})")
        for topic, w in predicted.items():
            if topic not in wanted and topic not in maybe:
                fp[topic] += 1
                kind = "TRAP   " if topic in label.get("not", ()) else "EXTRA  "
                failures.append(f"{kind} {key}: {topic} from “{w.evidence[:90]}”")
                if topic in label.get("not", ()):
                    traps.append(key)

    reviews = len(by_origin)
    print(
        f"bench/quality — {len(labels)} labelled corpus reviews + {len(seed_files)} seeds, {len(files) + len(seed_files)} files"
    )
    print(
        f"ingest: {reviews} reviews in {elapsed:.2f} s ({reviews / elapsed:.0f} reviews/s, pipeline + store, one process)"
    )
    print()
    print(f"verdict accuracy     {_pct(verdict_ok, verdict_n)}  ({verdict_ok}/{verdict_n})   target ≥ 95%")
    for basis, results in sorted(verdict_by_basis.items()):
        print(f"  from {basis:<9}     {_pct(sum(results), len(results))}  ({sum(results)}/{len(results)})")
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = total_tp / (total_tp + total_fp) if total_tp + total_fp else 0.0
    recall = total_tp / (total_tp + total_fn) if total_tp + total_fn else 0.0
    print(f"warnings precision   {precision:6.3f}  (TP {total_tp}, FP {total_fp})   target ≥ 0.90")
    print(f"warnings recall      {recall:6.3f}  (TP {total_tp}, FN {total_fn})   target ≥ 0.85")
    print(f"trap failures        {len(traps)} reviews flagged a topic labelled as a trap")
    print(
        f"severity             exact {_pct(sev_exact, sev_n)}, within one step {_pct(sev_near, sev_n)}  ({sev_n} labelled)"
    )
    over, under = sum(c[1] for c in sev_off.values()), sum(c[-1] for c in sev_off.values())
    print(f"  too high {over}, too low {under}; by topic (too high / exact / too low):")
    print(
        "   "
        + ", ".join(
            f"{t} {c[1]}/{c[0]}/{c[-1]}"
            for t, c in sorted(sev_off.items(), key=lambda kv: -(kv[1][1] + kv[1][-1]))
        )
    )
    print(f"gist present         {_pct(gist_ok, gist_n)}  ({gist_ok}/{gist_n})")
    print(f"film linking         {_pct(link_ok, link_n)}  ({link_ok}/{link_n}, refusals included)")
    print(f"  same-title films   {_pct(same_ok, same_n)}  ({same_ok}/{same_n})   target 100%")
    print()
    print(f"{'topic':<18} {'TP':>3} {'FP':>3} {'FN':>3}  precision  recall")
    for topic in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[topic] / (tp[topic] + fp[topic]) if tp[topic] + fp[topic] else float("nan")
        r = tp[topic] / (tp[topic] + fn[topic]) if tp[topic] + fn[topic] else float("nan")
        print(f"{topic:<18} {tp[topic]:>3} {fp[topic]:>3} {fn[topic]:>3}  {p:9.2f}  {r:6.2f}")
    if failures:
        print()
        print(f"what still fails ({len(failures)}):")
        for line in failures if verbose else failures[:40]:
            print("  " + line)
        if not verbose and len(failures) > 40:
            print(f"  … {len(failures) - 40} more (--verbose)")
    if verbose and sev_misses:
        print(f"severities off ({len(sev_misses)}):")
        for line in sorted(sev_misses):
            print("  ", line)
    ok = (
        verdict_n
        and verdict_ok / verdict_n >= 0.95
        and precision >= 0.9
        and recall >= 0.85
        and same_ok == same_n
    )
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "tests" / "data" / "reviews")
    parser.add_argument("--verbose", action="store_true", help="list every failure")
    parser.add_argument(
        "--texts",
        type=Path,
        help="where the labelled files are, when not beside labels.json "
        "(tests/data/reviews_more labels the demo reviews in data/reviews)",
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "labels.json").exists():
        print(f"no labels.json in {args.corpus}", file=sys.stderr)
        return 2
    _ = normalize  # the corpus labels use catalog ids; nothing to normalise here
    texts = args.texts
    if texts is None and (args.corpus / "TEXTS").exists():
        texts = PROJECT_ROOT / (args.corpus / "TEXTS").read_text(encoding="utf-8").strip()
    return asyncio.run(run(args.corpus, args.verbose, texts))


if __name__ == "__main__":
    sys.exit(main())
