"""Noisy title queries with known answers, sampled from a synthetic catalog's truth file.

    python -m bench.gen_queries --truth bench/.cache/imdb-100k/truth.jsonl.gz --n 5000 \\
        --out bench/.cache/queries-100k.jsonl [--seed 2] [--kinds typo1,year_hint]

One JSON line per query: ``{"query", "mode": "resolve" | "prefix", "noise", "target", "acceptable",
"title"}``. `acceptable` lists every film the query cannot tell from the target: the films of the
same normalised title (or, for main/subtitle-only queries, of the same main title or subtitle)
that the query's hint does not rule out. With a remake's year, it is just the target. A noisy
query that happens to spell another film's title is drawn again, so the answer stays the target's.

Targets are drawn mostly by popularity (users ask about popular films) with a uniform tail; the
noise kinds come in about equal shares.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import random
import re
import sys
import time
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from anyascii import anyascii

from bot.core.films import normalize

KINDS = (
    "exact", "case_punct", "typo1", "typo2", "dropped_article", "extra_words", "subtitle_only",
    "main_only", "number_style", "year_hint", "person_hint", "alias", "prefix",
)  # fmt: skip
POPULAR_SHARE = 0.7  # the rest of the targets are drawn uniformly: the long tail people ask about too
ARTICLES = ("The ", "A ", "An ")
FILLERS = (
    "{t} movie", "the {t} film", "should i watch {t}", "is {t} worth watching", "{t} full movie",
    "should i watch {t}?", "{t} film", "is {t} any good",
)  # fmt: skip
NUMBERS = {
    "2": ("two", "II"), "3": ("three", "III"), "4": ("four", "IV"), "5": ("five", "V"), "6": ("six", "VI"),
    "7": ("seven", "VII"), "8": ("eight", "VIII"), "9": ("nine", "IX"), "10": ("ten", "X"),
    "12": ("twelve", "XII"), "13": ("thirteen", "XIII"),
}  # fmt: skip
_STYLES: dict[str, tuple[str, ...]] = {}
for _digit, (_word, _roman) in NUMBERS.items():
    for _form in (_digit, _word, _roman):
        _STYLES[_form.lower()] = (_digit, _word.capitalize(), _roman)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(sorted(_STYLES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_NUMBER_FORMS = frozenset(_STYLES)
_WORDS = re.compile(r"[^\w]+")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# Flags computed once per film in the first pass, to draw targets a kind can use.
F_SUB, F_ARTICLE, F_NUMBER, F_ALIAS, F_PEOPLE, F_LONG, F_YEAR, F_REMAKE = (1 << i for i in range(8))
NEEDS = {
    "typo2": F_LONG, "dropped_article": F_ARTICLE, "subtitle_only": F_SUB, "main_only": F_SUB,
    "number_style": F_NUMBER, "year_hint": F_YEAR, "person_hint": F_PEOPLE, "alias": F_ALIAS,
}  # fmt: skip


def split_subtitle(title: str) -> tuple[str, str] | None:
    """Return (main, subtitle) of a "Main: Subtitle" title, or None."""
    main, sep, sub = title.partition(": ")
    return (main.strip(), sub.strip()) if sep and main.strip() and sub.strip() else None


def alias_hashes(aliases: list[str]) -> set[int]:
    """Hashes of a film's alternative-title keys, as written and transliterated (once per film)."""
    keys = {normalize.key(a) for a in aliases} | {normalize.key(anyascii(a)) for a in aliases}
    return {hash(k) for k in keys if k}


def other_script(text: str) -> bool:
    """Return whether a title has letters beyond the Latin alphabets."""
    return not text.isascii() and any(ord(ch) > 0x24F and ch.isalpha() for ch in text)


def _flags(film: dict[str, Any]) -> int:
    title = film["title"]
    key = film["same_title_group"]
    flags = 0
    if split_subtitle(title):
        flags |= F_SUB
    if title.startswith(ARTICLES) and len(title.split()) > 1:
        flags |= F_ARTICLE
    if not _NUMBER_FORMS.isdisjoint(_WORDS.split(title.lower())):
        flags |= F_NUMBER
    if any(a.lower() != key for a in film["aliases"]):  # checked properly when the query is made
        flags |= F_ALIAS
    if film["directors"] or film["cast"]:
        flags |= F_PEOPLE
    if len(title) >= 10:
        flags |= F_LONG
    if film["year"]:
        flags |= F_YEAR
    return flags


class Truth:
    """What the first pass keeps about every film: little, so a million films fit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tconsts: list[str] = []
        self.keys: list[str] = []  # normalised title of each film (interned: shared with `groups`)
        self.votes = array("q")
        self.years = array("h")
        self.flags = bytearray()
        self.groups: dict[str, list[int]] = defaultdict(list)  # title key -> films
        self.mains: dict[str, list[int]] = defaultdict(list)  # key of a main title before ":" -> films
        self.subs: dict[str, list[int]] = defaultdict(list)  # key of a subtitle -> films
        self._alias_hashes = array("q")
        # A million small lists and strings that all live on: the cyclic collector would walk
        # them again and again for nothing (it triples the time), so it rests while they load.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._load(path)
        finally:
            if collecting:
                gc.enable()
        # Alternative titles that more than one film carries ("La casa dolce" for three films): a
        # query spelling one cannot name a single film, so none is asked. Kept as hashes (millions).
        hashes, counts = np.unique(np.frombuffer(self._alias_hashes, dtype=np.int64), return_counts=True)
        self.shared_aliases = set(hashes[counts > 1].tolist())
        # Every alternative title, to tell when a query spells one of another film's names.
        self.alias_counts = dict(zip(hashes.tolist(), counts.tolist(), strict=True))
        del self._alias_hashes
        for members in self.groups.values():
            if len(members) > 1 and len({self.years[m] for m in members}) > 1:
                for m in members:
                    self.flags[m] |= F_REMAKE

    def _load(self, path: Path) -> None:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                film = json.loads(line)
                self.tconsts.append(film["tconst"])
                self.votes.append(film["votes"])
                self.years.append(film["year"] or 0)
                key = sys.intern(film["same_title_group"])
                self.keys.append(key)
                self.groups[key].append(number)
                flags = _flags(film)
                if flags & F_SUB:
                    main, sub = split_subtitle(film["title"]) or ("", "")
                    self.mains[normalize.key(main)].append(number)
                    self.subs[normalize.key(sub)].append(number)
                self.flags.append(flags)
                if flags & F_ALIAS:
                    self._alias_hashes.extend(alias_hashes(film["aliases"]))

    def __len__(self) -> int:
        return len(self.tconsts)

    def records(self, wanted: set[int]) -> dict[int, dict[str, Any]]:
        """Read the full records of some films (second pass)."""
        out: dict[int, dict[str, Any]] = {}
        with gzip.open(self.path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                if number in wanted:
                    out[number] = json.loads(line)
        return out


# --- noise ------------------------------------------------------------------------------------------


def strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def case_punct(title: str, rng: random.Random) -> str:
    text = re.sub(r"[:;,.!?'’\"()\-–—&]+", " ", strip_accents(title))
    text = " ".join(text.split())
    return text.upper() if rng.random() < 0.15 else text.lower()


def typo(text: str, rng: random.Random, edits: int) -> str:
    """Apply `edits` random edits (insert, delete, substitute, transpose), never to the first letter."""
    chars = list(text)
    for _ in range(edits):
        spots = [i for i in range(1, len(chars)) if chars[i].isalpha()]
        if not spots:
            break
        i = rng.choice(spots)
        kind = rng.choice(("insert", "delete", "substitute", "transpose"))
        if kind == "insert":
            chars.insert(i, rng.choice(_LETTERS))
        elif kind == "delete" and len(chars) > 3:
            del chars[i]
        elif (
            kind == "transpose" and i + 1 < len(chars) and chars[i + 1].isalpha() and chars[i] != chars[i + 1]
        ):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars[i] = rng.choice([c for c in _LETTERS if c != chars[i].lower()])
    out = "".join(chars)
    return out.lower() if rng.random() < 0.5 else out


def number_style(title: str, rng: random.Random) -> str:
    matches = list(_NUMBER_WORD.finditer(title))
    match = rng.choice(matches)
    forms = [f for f in _STYLES[match.group(0).lower()] if f.lower() != match.group(0).lower()]
    return title[: match.start()] + rng.choice(forms) + title[match.end() :]


def prefix(title: str, rng: random.Random) -> str:
    """Return the first 3–12 characters as typed, cut inside a word where the title allows."""
    text = title.lower() if rng.random() < 0.7 else title
    cuts = [n for n in range(3, min(12, len(text) - 1) + 1) if text[n - 1].isalnum() and text[n].isalnum()]
    if not cuts:
        cuts = list(range(3, max(4, min(12, len(text)))))
    return text[: rng.choice(cuts)]


def surname(name: str) -> str:
    words = name.split()
    return words[-1] if words else name


# --- one query ----------------------------------------------------------------------------------


class QueryMaker:
    def __init__(self, truth: Truth, records: dict[int, dict[str, Any]], rng: random.Random) -> None:
        self.truth = truth
        self.records = records
        self.rng = rng

    def _group(self, number: int) -> list[int]:
        return self.truth.groups[self.records[number]["same_title_group"]]

    def _collides(self, query: str, number: int) -> bool:
        """Return whether the query spells another film's title or alternative title (then the
        answer would not be ours alone)."""
        key = normalize.key(query)
        if key != self.records[number]["same_title_group"] and key in self.truth.groups:
            return True
        own = 1 if hash(key) in alias_hashes(self.records[number]["aliases"]) else 0
        return self.truth.alias_counts.get(hash(key), 0) > own

    def make(self, kind: str, number: int) -> dict[str, Any] | None:
        """Return one query of this kind for this film, or None when the film cannot give one."""
        rng, film = self.rng, self.records[number]
        title = film["title"]
        group = self._group(number)
        acceptable = group
        mode = "resolve"
        if kind == "exact":
            query = title
        elif kind == "case_punct":
            query = case_punct(title, rng)
            if query == title:  # "1917": nothing to fold
                return None
        elif kind in ("typo1", "typo2"):
            query = typo(title, rng, 1 if kind == "typo1" else 2)
            if query.lower() == title.lower():  # no letters to misspell ("2016 2")
                return None
        elif kind == "dropped_article":
            query = title.split(" ", 1)[1]
            query = query.lower() if rng.random() < 0.5 else query
        elif kind == "extra_words":
            query = rng.choice(FILLERS).format(t=title.lower() if rng.random() < 0.6 else title)
        elif kind in ("subtitle_only", "main_only"):
            parts = split_subtitle(title)
            if parts is None:
                return None
            query = parts[1] if kind == "subtitle_only" else parts[0]
            index = self.truth.subs if kind == "subtitle_only" else self.truth.mains
            key = normalize.key(query)
            if len(key) < 3 or key in self.truth.groups:  # "Dune" alone names other films
                return None
            acceptable = sorted(set(index.get(key, [])) | set(group))
            if len(acceptable) > len(group) + 2:  # "Redemption", subtitle of a dozen films: no question
                return None
        elif kind == "number_style":
            query = number_style(title, rng)
        elif kind == "year_hint":
            year = film["year"]
            if year is None:
                return None  # no year to give
            query = rng.choice(("{t} {y}", "{t} ({y})", "{t} {y} film")).format(t=title, y=year)
            acceptable = [m for m in group if self.truth.years[m] == year]
        elif kind == "person_hint":
            people = (
                film["directors"]
                if film["directors"] and rng.random() < 0.6
                else film["cast"] or film["directors"]
            )
            name = surname(rng.choice(people))
            query = f"{title} {name.lower() if rng.random() < 0.5 else name}"
            name_key = normalize.key(name)
            acceptable = [m for m in group if self._names(m, name_key)]
        elif kind == "alias":
            choices = [a for a in film["aliases"] if normalize.key(a) not in ("", film["same_title_group"])]
            if not choices:
                return None
            alias = rng.choice(choices)
            query = anyascii(alias).lower() if other_script(alias) and rng.random() < 0.5 else alias
            alias_key = normalize.key(query)
            if hash(alias_key) in self.truth.shared_aliases:
                return None  # other films go by this name too: it cannot name ours
            acceptable = [m for m in group if m == number or alias_key in self._alias_keys(m)]
        elif kind == "prefix":
            query = prefix(title, rng)
            mode = "prefix"
        else:
            raise ValueError(f"unknown noise kind {kind!r}")
        if kind not in ("year_hint", "person_hint", "extra_words", "prefix", "subtitle_only", "main_only"):
            if self._collides(query, number):
                return None
        elif kind in ("extra_words", "year_hint", "person_hint") and self._collides(title, number):
            # The title itself is another film's alternative title ("Christmas", 2023, is also
            # what La niña mágica, 2023, is called): which films are right is not known here.
            return None
        return {
            "query": query,
            "mode": mode,
            "noise": kind,
            "target": film["tconst"],
            "acceptable": sorted({self.truth.tconsts[m] for m in acceptable} | {film["tconst"]}),
            "title": title,
        }

    def _names(self, number: int, name_key: str) -> bool:
        film = self.records.get(number)
        if film is None:
            return True  # not read: count it as indistinguishable (never happens: groups are read)
        return any(name_key in normalize.key(p).split() for p in film["directors"] + film["cast"])

    def _alias_keys(self, number: int) -> set[str]:
        film = self.records.get(number)
        if film is None:
            return set()
        return {normalize.key(a) for a in film["aliases"]} | {
            normalize.key(anyascii(a)) for a in film["aliases"]
        }


def generate(
    truth_path: Path, n: int, out: Path, seed: int = 2, kinds: Sequence[str] = KINDS
) -> dict[str, Any]:
    """Write `n` queries to `out` (JSON lines); return counts per kind and the time taken."""
    started = time.perf_counter()
    truth = Truth(truth_path)
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    votes = np.asarray(truth.votes, dtype=np.float64)
    flags = np.frombuffer(bytes(truth.flags), dtype=np.uint8)
    # One random priority per film for each way of drawing (Efraimidis–Spirakis: the top k of
    # log(u)/w are a weighted sample without replacement); a kind takes the top of its eligible films.
    draw = _Draw(np.log(nprng.random(len(truth))) / (votes + 10.0) ** 0.6, nprng.random(len(truth)))

    # Draw more candidate targets than needed per kind (some cannot give a query), popular-first.
    per_kind = {kind: n // len(kinds) + (1 if i < n % len(kinds) else 0) for i, kind in enumerate(kinds)}
    candidates: dict[str, list[int]] = {}
    for kind in kinds:
        eligible = np.arange(len(truth)) if kind not in NEEDS else np.flatnonzero(flags & NEEDS[kind])
        if kind == "year_hint":  # half of these ask for a remake, whose year is what tells it apart
            half = per_kind[kind] // 2
            remakes = draw(np.flatnonzero(flags & F_REMAKE), half * 4)
            candidates[kind] = _interleave(remakes, draw(eligible, (per_kind[kind] - half) * 4))
        else:
            candidates[kind] = draw(eligible, per_kind[kind] * 4)
    wanted = {c for picks in candidates.values() for c in picks}
    wanted |= {m for c in list(wanted) for m in _members(truth, c)}
    records = truth.records(wanted)
    maker = QueryMaker(truth, records, rng)

    queries: list[dict[str, Any]] = []
    made: dict[str, int] = {}
    for kind in kinds:
        count = 0
        for number in candidates[kind]:
            if count >= per_kind[kind]:
                break
            query = maker.make(kind, number)
            if query is not None:
                queries.append(query)
                count += 1
        made[kind] = count
    rng.shuffle(queries)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for query in queries:
            handle.write(json.dumps(query, ensure_ascii=False) + "\n")
    return {"queries": len(queries), "kinds": made, "seconds": round(time.perf_counter() - started, 2)}


def _members(truth: Truth, number: int) -> list[int]:
    """Return the films of the same normalised title as this one."""
    return truth.groups[truth.keys[number]]


class _Draw:
    """Draws films from a pool: POPULAR_SHARE by popularity, the rest uniformly, popular first."""

    def __init__(self, weighted: np.ndarray, uniform: np.ndarray) -> None:
        self.weighted = weighted
        self.uniform = uniform

    def __call__(self, pool: np.ndarray, size: int) -> list[int]:
        size = min(size, len(pool))
        if size <= 0:
            return []
        popular = _top(pool, self.weighted, int(size * POPULAR_SHARE))
        rest = _top(np.setdiff1d(pool, popular, assume_unique=True), self.uniform, size - len(popular))
        return _interleave(popular.tolist(), rest.tolist())


def _top(pool: np.ndarray, priority: np.ndarray, k: int) -> np.ndarray:
    if k <= 0 or len(pool) == 0:
        return pool[:0]
    k = min(k, len(pool))
    chosen = pool[np.argpartition(-priority[pool], k - 1)[:k]]
    return chosen[np.argsort(-priority[chosen], kind="stable")]


def _interleave(a: list[int], b: list[int]) -> list[int]:
    out: list[int] = []
    for i in range(max(len(a), len(b))):
        if i < len(a):
            out.append(a[i])
        if i < len(b):
            out.append(b[i])
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: python -m bench.gen_queries --truth FILE --n N --out FILE [--seed S] [--kinds K,…]."""
    parser = argparse.ArgumentParser(prog="python -m bench.gen_queries", description=__doc__.splitlines()[0])
    parser.add_argument("--truth", type=Path, required=True, help="truth.jsonl.gz from bench.gen_catalog")
    parser.add_argument("--n", type=int, default=5000, help="number of queries")
    parser.add_argument("--out", type=Path, required=True, help="output .jsonl")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument(
        "--kinds", default=",".join(KINDS), help=f"comma-separated subset of: {', '.join(KINDS)}"
    )
    args = parser.parse_args(argv)
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown noise kinds: {', '.join(unknown)} (known: {', '.join(KINDS)})")
    stats = generate(args.truth, args.n, args.out, args.seed, kinds)
    shares = ", ".join(f"{k} {v}" for k, v in stats["kinds"].items())
    print(f"{stats['queries']:,} queries in {stats['seconds']:.1f} s -> {args.out} ({shares})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
