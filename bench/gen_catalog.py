"""A synthetic film catalog in IMDb's exact TSV format, for benchmarking the importer and the matcher.

    python -m bench.gen_catalog --films 100000 --out bench/.cache/imdb-100k [--seed 1]
    python -m bench.gen_catalog --films 1000000 --out bench/.cache/imdb-1m

Writes title.basics, title.akas, title.crew, title.principals, name.basics and title.ratings
(``.tsv.gz``), plus ``truth.jsonl.gz``: one JSON line per film (tconst, title, year, directors,
cast, aliases, same_title_group, votes, …) for scoring a matcher. The same seed gives the same files.

What makes it look like IMDb: titles of 1–8 words (mostly 1–4) over a Zipf-like vocabulary of real
English words and invented proper nouns; about 30 % starting with "The"/"A", 10 % with a subtitle
after ":", 5 % sequels ("X 2", "X II", "X: Part Two", "X Returns"), 3 % remade under the same
title in other years, numbers and "&", 5 % French/Spanish/German/Italian titles with accents,
Korean and Japanese films whose akas are in their own script, Cyrillic/Hangul/kana akas of
English films; people drawn with heavy reuse (prolific directors and actors); Zipf-distributed
votes; years 1920–2025 skewed recent; 10 % tvMovie; and about 20 % of title.basics rows that
are not films (tvSeries, short, tvEpisode, …) or are adult, which an importer must skip.

Memory stays flat: films are generated and written in chunks, compressed on a second thread.
"""

from __future__ import annotations

import argparse
import gzip
import heapq
import json
import os
import queue
import random
import shutil
import sys
import threading
import time
from bisect import bisect
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from anyascii import anyascii

from bot.core.films import normalize

N = "\\N"
FILES = (
    "title.basics.tsv.gz",
    "title.akas.tsv.gz",
    "title.crew.tsv.gz",
    "title.principals.tsv.gz",
    "name.basics.tsv.gz",
    "title.ratings.tsv.gz",
    "truth.jsonl.gz",
)
HEADERS = {
    "title.basics.tsv.gz": "tconst titleType primaryTitle originalTitle isAdult startYear endYear runtimeMinutes genres",
    "title.akas.tsv.gz": "titleId ordering title region language types attributes isOriginalTitle",
    "title.crew.tsv.gz": "tconst directors writers",
    "title.principals.tsv.gz": "tconst ordering nconst category job characters",
    "name.basics.tsv.gz": "nconst primaryName birthYear deathYear primaryProfession knownForTitles",
    "title.ratings.tsv.gz": "tconst averageRating numVotes",
}
CHUNK = 20_000
_CAST_SIZES = (0,) * 5 + (1,) * 10 + (2,) * 22 + (3,) * 26 + (4,) * 22 + (5,) * 10 + (6,) * 5
SMALL_WORDS = frozenset("of the a an and in on at to for with from by or".split())
NON_FILM_KINDS = (
    ("tvEpisode", 50), ("short", 20), ("tvSeries", 12), ("video", 8), ("tvMiniSeries", 4),
    ("tvSpecial", 3), ("videoGame", 3),
)  # fmt: skip
NON_FILM_SHARE = 0.20
ADULT_SHARE = 0.004
TV_MOVIE_SHARE = 0.10
SEQUEL_SHARE = 0.05
REMAKE_START = 0.011  # a title started here comes back 1–3 more times (≈3 % of films in such groups)
SUBTITLE_SHARE = 0.10
FOREIGN_SHARE = 0.065
ASIAN_SHARE = 0.03
_MASK = (1 << 64) - 1


def _mix(x: int) -> int:
    """Return a well-mixed 64-bit hash of x (splitmix64's finaliser)."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


class Zipf:
    """Draw from a list with Zipf–Mandelbrot weights (rank r: 1/(r+q)^s) through a lookup table."""

    BITS = 16

    def __init__(self, items: Sequence[str], s: float = 0.9, q: float = 2.7) -> None:
        self.table = _zipf_table(tuple(items), s, q)

    def __call__(self, rng: random.Random) -> str:
        return self.table[rng.getrandbits(self.BITS)]


@lru_cache(maxsize=64)
def _zipf_table(items: tuple[str, ...], s: float, q: float) -> list[str]:
    cumulative = list(accumulate((r + q) ** -s for r in range(1, len(items) + 1)))
    total = cumulative[-1]
    size = 1 << Zipf.BITS
    return [items[min(len(items) - 1, bisect(cumulative, (j + 0.5) / size * total))] for j in range(size)]


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def title_case(words: Sequence[str]) -> str:
    """Return English title case: every word capitalised except small words inside the title."""
    return " ".join(
        _cap(w) if i == 0 or w not in SMALL_WORDS or i == len(words) - 1 else w for i, w in enumerate(words)
    )


# --- other scripts ------------------------------------------------------------------------------

_CYR = {
    "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц", "ya": "я", "yu": "ю", "a": "а", "b": "б", "c": "к",
    "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "дж", "k": "к", "l": "л", "m": "м",
    "n": "н", "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в",
    "x": "кс", "y": "й", "z": "з",
}  # fmt: skip


def to_cyrillic(text: str) -> str:
    """Spell an English title in Cyrillic letters, as a Russian release title might."""
    out: list[str] = []
    for word in anyascii(text).lower().split():
        letters: list[str] = []
        i = 0
        while i < len(word):
            pair = word[i : i + 2]
            if pair in _CYR:
                letters.append(_CYR[pair])
                i += 2
            else:
                letters.append(_CYR.get(word[i], word[i] if not word[i].isalpha() else ""))
                i += 1
        out.append("".join(letters))
    return _cap(" ".join(w for w in out if w))


_HANGUL_INITIAL = {
    "g": 0, "k": 15, "c": 15, "q": 15, "x": 15, "n": 2, "d": 3, "t": 16, "r": 5, "l": 5, "m": 6, "b": 7,
    "v": 7, "p": 17, "f": 17, "s": 9, "z": 12, "j": 12, "h": 18, "w": 11, "y": 11, "": 11,
}  # fmt: skip
_HANGUL_MEDIAL = {"a": 0, "e": 5, "i": 20, "o": 8, "u": 13, "y": 20}
_HANGUL_FINAL = {"n": 4, "l": 8, "r": 8, "m": 16, "k": 1, "g": 1, "c": 1, "p": 17, "b": 17, "s": 19, "t": 19}
_VOWELS = frozenset("aeiou")


def _syllables(word: str) -> list[tuple[str, str, str]]:
    """Split a Latin word into (onset, vowel, coda) chunks, roughly."""
    out: list[tuple[str, str, str]] = []
    i, n = 0, len(word)
    while i < n:
        onset = ""
        while i < n and word[i] not in _VOWELS:
            onset += word[i]
            i += 1
        if i >= n:
            out.append((onset, "", ""))
            break
        vowel = word[i]
        i += 1
        coda = ""
        if i < n and word[i] not in _VOWELS and (i + 1 >= n or word[i + 1] not in _VOWELS):
            coda = word[i]
            i += 1
        out.append((onset, vowel, coda))
    return out


def to_hangul(text: str) -> str:
    """Spell a title phonetically in Hangul syllables, as a Korean release title might."""
    words: list[str] = []
    for word in anyascii(text).lower().split():
        chars: list[str] = []
        for onset, vowel, coda in _syllables("".join(ch for ch in word if ch.isalpha())):
            for extra in onset[:-1]:  # consonant clusters: each extra consonant gets the vowel "eu"
                chars.append(chr(0xAC00 + (_HANGUL_INITIAL.get(extra, 11) * 21 + 18) * 28))
            initial = _HANGUL_INITIAL.get(onset[-1:] if onset else "", 11)
            medial = _HANGUL_MEDIAL.get(vowel, 18)
            final = _HANGUL_FINAL.get(coda, 0)
            chars.append(chr(0xAC00 + (initial * 21 + medial) * 28 + final))
        if chars:
            words.append("".join(chars))
    return " ".join(words)


_KANA_ROWS = {
    "": "アイウエオ", "k": "カキクケコ", "c": "カキクケコ", "q": "カキクケコ", "g": "ガギグゲゴ", "s": "サシスセソ",
    "z": "ザジズゼゾ", "j": "ジャジジュジェジョ", "t": "タチツテト", "d": "ダヂヅデド", "n": "ナニヌネノ",
    "h": "ハヒフヘホ", "f": "ハヒフヘホ", "b": "バビブベボ", "v": "バビブベボ", "p": "パピプペポ",
    "m": "マミムメモ", "y": "ヤイユエヨ", "r": "ラリルレロ", "l": "ラリルレロ", "w": "ワイウエヲ",
    "x": "カキクケコ",
}  # fmt: skip
_KANA_VOWEL = {"a": 0, "i": 1, "u": 2, "e": 3, "o": 4}


def to_kana(text: str) -> str:
    """Spell a title phonetically in katakana, as a Japanese release title might."""
    words: list[str] = []
    for word in anyascii(text).lower().split():
        chars: list[str] = []
        for onset, vowel, coda in _syllables("".join(ch for ch in word if ch.isalpha())):
            for extra in onset[:-1]:
                chars.append(_KANA_ROWS.get(extra, _KANA_ROWS["k"])[2] if extra != "n" else "ン")
            row = _KANA_ROWS.get(onset[-1:] if onset else "", _KANA_ROWS["k"])
            if len(row) == 5:
                chars.append(row[_KANA_VOWEL.get(vowel, 2)])
            else:
                chars.append(row[0:2])
            if coda:
                chars.append("ン" if coda in "nm" else "ッ")
        if chars:
            words.append("".join(chars))
    return "・".join(words)


def native_korean(rng: random.Random) -> str:
    """Return an invented Korean title in Hangul (1–3 words of 2–3 syllables)."""
    words = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        chars = []
        for _ in range(rng.choice((2, 2, 3))):
            initial = rng.choice((0, 2, 3, 5, 6, 7, 9, 11, 11, 12, 14, 15, 16, 17, 18))
            medial = rng.choice((0, 0, 4, 8, 13, 18, 20, 20, 1, 6))
            final = rng.choice((0, 0, 0, 4, 8, 16, 21, 1))
            chars.append(chr(0xAC00 + (initial * 21 + medial) * 28 + final))
        words.append("".join(chars))
    return " ".join(words)


def native_japanese(rng: random.Random) -> str:
    """Return an invented Japanese title in hiragana/katakana (1–2 words)."""
    hira = "かきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん"
    kata = "カキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
    alphabet = hira if rng.random() < 0.6 else kata
    words = []
    for _ in range(rng.choice((1, 1, 2))):
        chars = [alphabet[rng.randrange(len(alphabet) - 1)] for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.2:
            chars.append("ん" if alphabet is hira else "ン")
        words.append("".join(chars))
    return "の".join(words) if len(words) > 1 else words[0]


def other_script(text: str) -> bool:
    """Return whether a title has letters beyond the Latin alphabets."""
    return not text.isascii() and any(ord(ch) > 0x24F and ch.isalpha() for ch in text)


# --- the catalog --------------------------------------------------------------------------------


class _Writer:
    """Buffered gzip outputs; a second thread compresses (zlib lets go of the GIL) and writes."""

    def __init__(self, out: Path, *, headers: bool = True) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.files = {}
        self.raw = {}
        for name in FILES:
            raw = (out / name).open("wb")
            self.raw[name] = raw
            self.files[name] = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=3, mtime=0)
        self.buffers: dict[str, list[str]] = {name: [] for name in FILES}
        self.lines: dict[str, int] = dict.fromkeys(FILES, 0)
        self.queue: queue.Queue[tuple[str, bytes] | None] = queue.Queue(maxsize=8)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="gen-catalog-writer", daemon=True)
        self.thread.start()
        if headers:
            for name, header in HEADERS.items():
                self.buffers[name].append("\t".join(header.split()) + "\n")
                self.lines[name] -= 1  # the header is not a row

    def _run(self) -> None:
        try:
            while (item := self.queue.get()) is not None:
                self.files[item[0]].write(item[1])
        except BaseException as exc:  # surfaced by close()
            self.error = exc
            while self.queue.get() is not None:
                pass

    def row(self, name: str, *fields: object) -> None:
        self.buffers[name].append("\t".join(map(str, fields)) + "\n")

    def flush(self) -> None:
        for name, buffer in self.buffers.items():
            if buffer:
                self.lines[name] += len(buffer)
                self.queue.put((name, "".join(buffer).encode("utf-8")))
                buffer.clear()

    def close(self) -> None:
        self.flush()
        self.queue.put(None)
        self.thread.join()
        for name in FILES:
            self.files[name].close()
            self.raw[name].close()
        if self.error is not None:
            raise self.error


class CatalogGenerator:
    """Generates films one by one; all randomness flows from one seeded generator, in order."""

    def __init__(self, films: int, seed: int, name_seed: int | None = None) -> None:
        self.films = films
        self.rng = random.Random(seed)
        # People's names depend on the catalog's seed only: every part of a big catalog (each
        # with a seed of its own) must name person nm0000042 as name.basics does.
        self.salt = _mix(seed if name_seed is None else name_seed)
        self.people = max(200, int(films * 0.6))
        self.director_pool = max(20, self.people // 8)
        self.noun = Zipf(NOUNS)
        self.adj = Zipf(ADJECTIVES)
        self.gerund = Zipf(GERUNDS, s=0.6)
        self.past = Zipf(PAST, s=0.6)
        self.verb = Zipf(VERBS, s=0.6)
        self.place = Zipf(PLACES, s=0.7)
        self.first = Zipf(FIRST_MALE + FIRST_FEMALE, s=0.5)
        self.last = Zipf(LAST, s=0.8)
        self.genre = Zipf(GENRES, s=0.8)
        self.noun_flat = Zipf(NOUNS, s=0.3)
        self.adj_flat = Zipf(ADJECTIVES, s=0.3)
        self.character_names = [_cap(name) for name in self.first.table]
        self.franchises: list[list[Any]] = []  # [base title, year, director, next number, style]
        self.remakes: list[tuple[int, int, str, str, tuple[int, ...], str]] = []  # a heap by due film number
        self.remake_seq = 0
        self.tid = 9  # tconst numbers start at tt0000010 and go up with gaps, like IMDb's
        self.films_made = 0

    # --- words and titles ---------------------------------------------------------------------

    def proper_noun(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            return _cap(self.first(rng))
        if roll < 0.3:
            return _cap(self.place(rng))
        return _cap("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))))

    def _pattern(self) -> list[str]:
        rng, noun, adj = self.rng, self.noun, self.adj
        roll = rng.random() * 100
        if roll < 18:  # one word: common words drawn flatter, or else every other film is "Love"
            r = rng.random()
            if r < 0.22:
                return [self.noun_flat(rng)]
            if r < 0.80:
                return [self.proper_noun()]
            if r < 0.88:
                return [self.gerund(rng)]
            if r < 0.98:
                return [self.adj_flat(rng)]
            return [rng.choice(("Seven", "Twelve", "Thirteen", str(rng.randint(1900, 2030))))]
        if roll < 45:  # two words
            noun, adj = self.noun_flat, self.adj_flat
            r = rng.random()
            if r < 0.28:
                return ["the", noun(rng)]
            if r < 0.33:
                return ["a", noun(rng)]
            if r < 0.62:
                return [adj(rng), noun(rng)]
            if r < 0.74:
                return [noun(rng), noun(rng)]
            if r < 0.82:
                return [self.proper_noun() + "'s", noun(rng)]
            if r < 0.90:
                return [self.gerund(rng), self.proper_noun()]
            return [str(rng.choice((2, 3, 7, 10, 12, 13, 21, 24, 48, 99, 100))), noun(rng) + "s"]
        if roll < 67:  # three words
            r = rng.random()
            if r < 0.35:
                return ["the", adj(rng), noun(rng)]
            if r < 0.55:
                return [noun(rng), "of", noun(rng)]
            if r < 0.65:
                return [noun(rng), "in", self.proper_noun()]
            if r < 0.75:
                return [self.gerund(rng), "the", noun(rng)]
            if r < 0.85:
                sep = "&" if rng.random() < 0.3 else "and"
                return [self.proper_noun(), sep, self.proper_noun()]
            if r < 0.93:
                return ["a", adj(rng), noun(rng)]
            return [noun(rng), "&", noun(rng)]
        if roll < 82:  # four words
            r = rng.random()
            if r < 0.35:
                return [noun(rng), "of", "the", noun(rng)]
            if r < 0.55:
                return ["the", noun(rng), "of", self.proper_noun()]
            if r < 0.70:
                return ["a", noun(rng), "for", self.proper_noun()]
            if r < 0.85:
                return ["the", adj(rng), adj(rng), noun(rng)]
            return [self.verb(rng), "the", adj(rng), noun(rng)]
        r = rng.random()  # five to eight words
        if r < 0.30:
            return ["the", noun(rng), "of", "the", noun(rng)]
        if r < 0.45:
            return ["the", noun(rng), "who", self.past(rng), "the", noun(rng)]
        if r < 0.58:
            return ["how", "to", self.verb(rng), "a", noun(rng)]
        if r < 0.68:
            return ["when", "the", noun(rng), self.past(rng), "the", adj(rng), noun(rng)]
        if r < 0.78:
            return ["the", adj(rng), noun(rng), "of", "the", adj(rng), noun(rng)]
        if r < 0.88:
            return ["once", "upon", "a", "time", "in", self.proper_noun()]
        return ["a", noun(rng), "in", "the", noun(rng), "of", "the", noun(rng)]

    def subtitle(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.25:
            return title_case(["the", self.adj(rng), self.noun(rng)])
        if r < 0.45:
            return title_case(
                [
                    rng.choice(("rise", "fall", "return", "revenge", "curse", "dawn")),
                    "of",
                    "the",
                    self.noun(rng),
                ]
            )
        if r < 0.6:
            return title_case(["a", self.noun(rng), "story"])
        if r < 0.75:
            return title_case([self.gerund(rng), self.proper_noun()])
        if r < 0.85:
            return title_case(["the", self.noun(rng)])
        return rng.choice(
            ("Origins", "Revelations", "Resurrection", "The Final Chapter", "Legacy", "Redemption")
        )

    def english_title(self) -> str:
        title = title_case(self._pattern())
        if self.rng.random() < SUBTITLE_SHARE:
            title = f"{title}: {self.subtitle()}"
        return title

    def foreign_title(self) -> tuple[str, str, str]:
        """Return (title, language, country) of a French/Spanish/German/Italian film."""
        rng = self.rng
        language = rng.choice(("fr", "fr", "es", "es", "de", "it"))
        nouns, adjs, countries = {
            "fr": (FRENCH, FRENCH_ADJ, ("FR", "FR", "BE", "CA")),
            "es": (SPANISH, SPANISH_ADJ, ("ES", "MX", "AR")),
            "de": (GERMAN, GERMAN_ADJ, ("DE", "DE", "AT")),
            "it": (ITALIAN, ITALIAN_ADJ, ("IT",)),
        }[language]
        words = [rng.choice(nouns)]
        r = rng.random()
        if r < 0.4:
            words.append(rng.choice(adjs))
        elif r < 0.6:
            link = {"fr": "de", "es": "de", "de": "der", "it": "di"}[language]
            words += [link, rng.choice(nouns)]
        text = " ".join(words)
        if language == "de":
            text = " ".join(
                _cap(w) if i and w not in ("der", "die", "das") else w for i, w in enumerate(text.split())
            )
        return _cap(text), language, rng.choice(countries)

    # --- people ---------------------------------------------------------------------------

    def character(self, rng: random.Random) -> str:
        return self.character_names[rng.getrandbits(Zipf.BITS)]

    def pick_director(self) -> int:
        return int(self.director_pool * self.rng.random() ** 1.4)

    def pick_actor(self) -> int:
        return self.director_pool + int((self.people - self.director_pool) * self.rng.random() ** 1.3)

    # --- one film -------------------------------------------------------------------------

    def _year(self) -> int:
        return 2025 - int(105.99 * self.rng.random() ** 2.3)

    def _remake_years(self, year: int, count: int) -> tuple[int, ...]:
        years = [year]
        while len(years) < count:
            candidate = self.rng.randint(1925, 2025)
            if all(abs(candidate - y) >= 2 for y in years):
                years.append(candidate)
        return tuple(years[1:])

    def make_film(self, writer: _Writer, tconst: str) -> None:
        rng = self.rng
        number = self.films_made
        self.films_made += 1
        kind = "tvMovie" if rng.random() < TV_MOVIE_SHARE else "movie"
        language, country = "en", rng.choice(("US", "US", "US", "GB", "CA", "AU"))
        native = None  # a title in the film's own script (Korean/Japanese films)
        director = self.pick_director()
        sequel_of = None
        remake_of = None
        if self.remakes and self.remakes[0][0] <= number:
            _, _, title, original, years, language = heapq.heappop(self.remakes)
            year = years[0]
            remake_of = title
            if len(years) > 1:
                heapq.heappush(
                    self.remakes,
                    (
                        number + rng.randint(1, self._remake_gap()),
                        self._seq(),
                        title,
                        original,
                        years[1:],
                        language,
                    ),
                )
            if language != "en":
                country = {"fr": "FR", "es": "ES", "de": "DE", "it": "IT", "ko": "KR", "ja": "JP"}.get(
                    language, "US"
                )
        elif self.franchises and rng.random() < SEQUEL_SHARE:
            entry = rng.choice(self.franchises)
            base, base_year, base_director, n, style = entry
            entry[3] += 1
            entry[1] = min(2025, base_year + rng.randint(1, 5))
            title = self._sequel_title(base, n, style)
            original = title
            year = entry[1]
            if rng.random() < 0.6:
                director = base_director
            sequel_of = base
        else:
            year = self._year()
            roll = rng.random()
            if roll < FOREIGN_SHARE:
                original, language, country = self.foreign_title()
                title = original if rng.random() < 0.8 else self.english_title()
            elif roll < FOREIGN_SHARE + ASIAN_SHARE:
                if rng.random() < 0.5:
                    native, language, country = native_korean(rng), "ko", "KR"
                else:
                    native, language, country = native_japanese(rng), "ja", "JP"
                original = title_case(anyascii(native).replace("'", "").lower().split())
                title = original if rng.random() < 0.5 else self.english_title()
            else:
                title = original = self.english_title()
            if rng.random() < REMAKE_START:
                count = rng.choice((2, 2, 2, 3, 3, 4))
                years = self._remake_years(year, count)
                heapq.heappush(
                    self.remakes,
                    (
                        number + rng.randint(1, self._remake_gap()),
                        self._seq(),
                        title,
                        original,
                        years,
                        language,
                    ),
                )
            if rng.random() < 0.04 and ":" not in title and len(title) < 40:
                style = rng.choice(("digit", "digit", "roman", "part", "word"))
                entry = [title, year, director, 2, style]
                if len(self.franchises) < 20_000:
                    self.franchises.append(entry)
                else:
                    self.franchises[rng.randrange(len(self.franchises))] = entry
        if rng.random() < 0.01:
            year = None  # IMDb knows no year for a few films

        directors = [director]
        if rng.random() < 0.08:
            second = self.pick_director()
            if second != director:
                directors.append(second)
        if rng.random() < 0.03:
            directors = []
        genres = sorted({self.genre(rng) for _ in range(rng.choice((1, 1, 2, 2, 3, 3)))})
        if rng.random() < 0.05:
            genres = []
        documentary = "Documentary" in genres
        votes = 0
        has_rating = rng.random() < 0.85
        if has_rating:
            votes = int(8 * (1.0 - rng.random()) ** (-1 / 0.75))  # Pareto…
            if votes > 100_000:  # …bent down at the top: a handful of films near IMDb's 3M, not dozens
                votes = min(3_000_000, int(100_000 * (votes / 100_000) ** 0.6))
        rating = round(min(10.0, max(1.0, rng.gauss(6.2, 1.2))), 1)
        runtime: int | str = (
            N if rng.random() < 0.2 else max(40, int(rng.gauss(95 if kind == "movie" else 88, 18)))
        )

        writer.row(
            "title.basics.tsv.gz", tconst, kind, title, original, 0, year if year else N, N, runtime,
            ",".join(genres) if genres else N,
        )  # fmt: skip
        writers = (
            []
            if rng.random() < 0.3
            else [rng.choice(directors) if directors and rng.random() < 0.5 else self.pick_actor()]
        )
        writer.row(
            "title.crew.tsv.gz", tconst, ",".join(self.nconst(d) for d in directors) or N,
            ",".join(self.nconst(w) for w in writers) or N,
        )  # fmt: skip
        if has_rating:
            writer.row("title.ratings.tsv.gz", tconst, rating, votes)

        cast = self._cast(documentary)
        self._principals(writer, tconst, cast, directors, writers, documentary)
        aliases = self._akas(writer, tconst, title, original, native, language, country, votes)

        truth = {
            "tconst": tconst,
            "title": title,
            "original_title": original,
            "year": year,
            "kind": kind,
            "directors": [self.name(d)[0] for d in directors],
            "cast": [self.name(c)[0] for c in cast[:4]],
            "aliases": aliases,
            "same_title_group": normalize.key(title),
            "votes": votes,
            "language": language,
            "country": country,
            "genres": genres,
        }
        if sequel_of:
            truth["sequel_of"] = sequel_of
        if remake_of:
            truth["remake"] = True
        writer.buffers["truth.jsonl.gz"].append(json.dumps(truth, ensure_ascii=False) + "\n")

    def _remake_gap(self) -> int:
        return max(10, min(20_000, self.films // 10))

    def _seq(self) -> int:
        self.remake_seq += 1
        return self.remake_seq

    def _sequel_title(self, base: str, n: int, style: str) -> str:
        roman = {2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}
        words = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven", 8: "Eight"}
        rng = self.rng
        if style == "roman" and n in roman:
            title = f"{base} {roman[n]}"
        elif style == "part":
            title = f"{base}: Part {words.get(n, str(n))}"
        elif style == "word" and n == 2:
            title = f"{base} {rng.choice(('Returns', 'Reloaded', 'Rises', 'Forever', 'Strikes Back'))}"
        else:
            title = f"{base} {n}"
        if style != "part" and rng.random() < 0.3:
            title = f"{title}: {self.subtitle()}"
        return title

    def _cast(self, documentary: bool) -> list[int]:
        rng = self.rng
        size = _CAST_SIZES[int(rng.random() * len(_CAST_SIZES))]
        cast: list[int] = []
        while len(cast) < size:
            person = self.pick_actor()
            if person not in cast:
                cast.append(person)
        return cast

    def _principals(
        self,
        writer: _Writer,
        tconst: str,
        cast: list[int],
        directors: list[int],
        writers: list[int],
        documentary: bool,
    ) -> None:
        rng = self.rng
        rows: list[tuple[int, str, str, str]] = []
        for person in cast:
            female = self.name(person)[1] == "f"
            if documentary:
                roll = rng.random()
                characters = (
                    '["Self"]'
                    if roll < 0.4
                    else N
                    if roll < 0.7
                    else '["Herself"]'
                    if female
                    else '["Himself"]'
                )
                rows.append((person, "self", N, characters))
            else:
                characters = N if rng.random() < 0.1 else f'["{self.character(rng)}"]'
                rows.append((person, "actress" if female else "actor", N, characters))
        if directors and rng.random() < 0.7:
            position = rng.randint(0, len(rows)) if rng.random() < 0.2 else len(rows)
            rows.insert(position, (directors[0], "director", N, N))
        for person in writers:
            rows.append((person, "writer", rng.choice((N, N, "screenplay", '"based on the novel by"')), N))
        out = writer.buffers["title.principals.tsv.gz"]
        for ordering, (person, category, job, characters) in enumerate(rows, start=1):
            out.append(f"{tconst}\t{ordering}\tnm{person + 1:07d}\t{category}\t{job}\t{characters}\n")

    def _akas(
        self, writer: _Writer, tconst: str, title: str, original: str, native: str | None, language: str,
        country: str, votes: int,
    ) -> list[str]:  # fmt: skip
        rng = self.rng
        rows: list[tuple[str, str, str, str, str, int]] = [(original, N, N, "original", N, 1)]
        if native is not None:
            rows.append((native, country, language, "imdbDisplay", N, 0))
        if rng.random() < 0.25:
            rows.append(
                (
                    original,
                    country,
                    N if language == "en" or rng.random() < 0.7 else language,
                    "imdbDisplay",
                    N,
                    0,
                )
            )
        if title != original:
            rows.append(
                (
                    title,
                    rng.choice(("US", "GB", "XWW")),
                    "en" if rng.random() < 0.3 else N,
                    "imdbDisplay",
                    N,
                    0,
                )
            )
        roll = rng.random()
        extra = (
            0
            if roll < 0.88
            else 1 + rng.getrandbits(1)
            if roll < 0.96
            else rng.randint(3, 5)
            if roll < 0.99
            else rng.randint(6, 15)
        )
        if votes > 20_000:
            extra += rng.randint(2, 6)
        distinct = {original, title} - {title}
        for _ in range(extra):
            kind = rng.random()
            if kind < 0.25:
                alias, _, region = self.foreign_title()
                row = (alias, region, N, "imdbDisplay", N, 0)
            elif kind < 0.35:
                row = (to_cyrillic(title), "RU", N, "imdbDisplay", N, 0)
            elif kind < 0.41:
                row = (to_hangul(title), "KR", N, "imdbDisplay", N, 0)
            elif kind < 0.47:
                row = (to_kana(title), "JP", "ja", "imdbDisplay", N, 0)
            elif kind < 0.62:
                row = (self.english_title(), N, N, "working", N, 0)
            elif kind < 0.77:
                row = (title, rng.choice(("GB", "AU", "CA", "IE", "NZ")), N, "imdbDisplay", N, 0)
            elif kind < 0.87:
                main = title.split(":")[0]
                alias = main if main != title else f"{title}: The Movie"
                row = (alias, rng.choice(("US", "CA")), N, "alternative", N, 0)
            elif kind < 0.95:
                row = (
                    f"{self.proper_noun()}'s {title}",
                    "US",
                    N,
                    rng.choice(("festival", "dvd", "tv")),
                    N,
                    0,
                )
            else:
                row = (title.upper(), rng.choice(("GB", "US")), N, N, "informal title", 0)
            if row[0] and row[0] != title and row[0] not in distinct and len(distinct) >= 8:
                continue  # keep at most 8 distinct alternative titles a film, as the importer does
            if row[0]:
                rows.append(row)
                if row[0] != title:
                    distinct.add(row[0])
        out = writer.buffers["title.akas.tsv.gz"]
        for ordering, (alias, region, lang, types, attributes, is_original) in enumerate(rows, start=1):
            out.append(
                f"{tconst}\t{ordering}\t{alias}\t{region}\t{lang}\t{types}\t{attributes}\t{is_original}\n"
            )
        return [a for a in dict.fromkeys(r[0] for r in rows) if a != title]

    # --- not films --------------------------------------------------------------------------

    def make_other(self, writer: _Writer, tconst: str) -> None:
        rng = self.rng
        if rng.random() < ADULT_SHARE / NON_FILM_SHARE:
            title = self.english_title()
            writer.row("title.basics.tsv.gz", tconst, "movie", title, title, 1, self._year(), N, 80, "Adult")
        else:
            kind = rng.choices([k for k, _ in NON_FILM_KINDS], weights=[w for _, w in NON_FILM_KINDS])[0]
            if kind == "tvEpisode" and rng.random() < 0.6:
                title = f"Episode #{rng.randint(1, 12)}.{rng.randint(1, 24)}"
            else:
                title = self.english_title()
            start = self._year()
            end = start + rng.randint(0, 8) if kind in ("tvSeries", "tvMiniSeries") else N
            runtime = rng.choice((N, 22, 30, 45, 60, 12, 8))
            writer.row(
                "title.basics.tsv.gz", tconst, kind, title, title, 0, start, end, runtime, self.genre(rng)
            )
        writer.row("title.crew.tsv.gz", tconst, N, N)
        writer.row("title.akas.tsv.gz", tconst, 1, title, N, N, "original", N, 1)
        person = self.pick_actor()
        writer.row("title.principals.tsv.gz", tconst, 1, self.nconst(person), "actor", N, '["Host"]')
        if rng.random() < 0.4:
            writer.row("title.ratings.tsv.gz", tconst, round(rng.uniform(3, 9), 1), rng.randint(5, 5000))

    # --- names ------------------------------------------------------------------------------

    def nconst(self, person: int) -> str:
        return f"nm{person + 1:07d}"

    @lru_cache(maxsize=1 << 18)  # noqa: B019 - one generator per run; the cache dies with it
    def name(self, person: int) -> tuple[str, str]:
        """Return (name, "m" | "f") of a person, a pure function of the person and the seed."""
        h = _mix(person ^ self.salt)
        gender = "f" if h & 1 else "m"
        style = (h >> 1) % 100
        pick = (h >> 8) & 0xFFFF
        pick2 = (h >> 24) & 0xFFFF
        if style < 80:
            firsts = FIRST_FEMALE if gender == "f" else FIRST_MALE
            first = _cap(firsts[pick % len(firsts)])
            last = _cap(self.last.table[pick2])
            if (h >> 40) % 100 < 8:
                return f"{first} {chr(65 + (h >> 48) % 26)}. {last}", gender
            return f"{first} {last}", gender
        if style < 86:
            family = _cap(KOREAN_FAMILY[pick % len(KOREAN_FAMILY)])
            given = f"{_cap(KOREAN_GIVEN[pick2 % len(KOREAN_GIVEN)])}-{KOREAN_GIVEN[(h >> 40) % len(KOREAN_GIVEN)]}"
            return f"{family} {given}", gender
        if style < 91:
            return (
                f"{_cap(JAPANESE_GIVEN[pick % len(JAPANESE_GIVEN)])} {_cap(JAPANESE_FAMILY[pick2 % len(JAPANESE_FAMILY)])}",
                gender,
            )
        if style < 96:
            return (
                f"{ACCENTED_FIRST[pick % len(ACCENTED_FIRST)]} {ACCENTED_LAST[pick2 % len(ACCENTED_LAST)]}",
                gender,
            )
        syllables = [SYLLABLES[(h >> s) % len(SYLLABLES)] for s in (24, 32, 40)][: 2 + (h >> 50) % 2]
        firsts = FIRST_FEMALE if gender == "f" else FIRST_MALE
        return f"{_cap(firsts[pick % len(firsts)])} {_cap(''.join(syllables))}", gender

    def write_names(self, writer: _Writer) -> None:
        rng = self.rng
        for person in range(self.people):
            name, gender = self.name(person)
            if person < self.director_pool:
                profession = "director,writer" if rng.random() < 0.5 else "director"
            else:
                profession = "actress" if gender == "f" else "actor"
            birth = N if rng.random() < 0.6 else rng.randint(1890, 2010)
            death = N if birth == N or rng.random() < 0.9 else min(2025, int(birth) + rng.randint(30, 95))
            known = (
                N if rng.random() < 0.5 else ",".join(f"tt{rng.randint(10, self.tid):07d}" for _ in range(2))
            )
            writer.row("name.basics.tsv.gz", self.nconst(person), name, birth, death, profession, known)
            if person % CHUNK == 0:
                writer.flush()


PART_FILMS = 250_000  # films per part; parts are generated in parallel and concatenated


def _part(films: int, seed: int, part: int, start: int, count: int, out: Path) -> dict[str, int]:
    """Generate films start..start+count-1 into `out` (gzip files without headers); return line counts."""
    gen = CatalogGenerator(films, _mix(seed * 1_000_003 + part) if part else seed, name_seed=seed)
    gen.tid = 9 + part * PART_FILMS * 10  # far beyond what the part before can reach (~4 ids a film)
    limit = 9 + (part + 1) * PART_FILMS * 10
    rng = gen.rng
    writer = _Writer(out, headers=False)
    try:
        while gen.films_made < count:
            gen.tid += 1 if rng.random() < 0.9 else rng.randint(2, 40)
            if gen.tid >= limit:
                raise RuntimeError("title ids of two parts would overlap")
            tconst = f"tt{gen.tid:07d}"
            if rng.random() < NON_FILM_SHARE:
                gen.make_other(writer, tconst)
            else:
                gen.make_film(writer, tconst)
            if gen.films_made % CHUNK == 0 and writer.buffers["truth.jsonl.gz"]:
                writer.flush()
    finally:
        writer.close()
    return writer.lines


def _names(films: int, seed: int, out: Path) -> dict[str, int]:
    gen = CatalogGenerator(films, seed)
    gen.tid = 9 + ((films - 1) // PART_FILMS + 1) * PART_FILMS * 4
    writer = _Writer(out, headers=False)
    try:
        gen.write_names(writer)
    finally:
        writer.close()
    return writer.lines


def generate(
    films: int,
    out: Path,
    seed: int = 1,
    *,
    jobs: int | None = None,
    report: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Write the six IMDb files and truth.jsonl.gz for `films` films into `out`; return counts.

    The films are made in parts of PART_FILMS, in parallel over `jobs` processes (default: the
    number of CPUs); the output depends on the seed only, not on `jobs`.
    """
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    scratch = out / ".parts"
    shutil.rmtree(scratch, ignore_errors=True)
    tasks: list[tuple[Callable[..., dict[str, int]], tuple[Any, ...]]] = [
        (_part, (films, seed, k, start, min(PART_FILMS, films - start), scratch / f"part{k}"))
        for k, start in enumerate(range(0, films, PART_FILMS))
    ]
    tasks.append((_names, (films, seed, scratch / "names")))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    lines: dict[str, int] = dict.fromkeys(FILES, 0)
    try:
        if workers == 1 or films <= PART_FILMS:
            results = [fn(*args) for fn, args in tasks]
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(fn, *args) for fn, args in tasks]
                results = []
                for future in futures:
                    results.append(future.result())
                    if report is not None:
                        report(
                            f"part {len(results)} of {len(futures)} done, {time.perf_counter() - started:.1f} s"
                        )
        for result in results:
            for name, count in result.items():
                lines[name] += count
        # Concatenated gzip members are one valid gzip file; the header goes in a member of its own.
        for name in FILES:
            with (out / name).open("wb") as target:
                if name in HEADERS:
                    target.write(gzip.compress(("\t".join(HEADERS[name].split()) + "\n").encode(), mtime=0))
                for _, args in tasks:
                    with (args[-1] / name).open("rb") as part:
                        shutil.copyfileobj(part, target, 1 << 20)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {
        "films": films,
        "people": max(200, int(films * 0.6)),
        "lines": lines,
        "bytes": {name: (out / name).stat().st_size for name in FILES},
        "seconds": round(time.perf_counter() - started, 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: python -m bench.gen_catalog --films N --out DIR [--seed S]."""
    parser = argparse.ArgumentParser(prog="python -m bench.gen_catalog", description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=100_000, help="number of films (movie + tvMovie)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the .tsv.gz files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: one per CPU)")
    args = parser.parse_args(argv)
    stats = generate(
        args.films, args.out, args.seed, jobs=args.jobs, report=lambda m: print(m, file=sys.stderr)
    )
    for name in FILES:
        print(f"{name:26} {stats['lines'][name]:>11,} lines {stats['bytes'][name] / 1e6:>9.1f} MB")
    print(f"{stats['films']:,} films, {stats['people']:,} people in {stats['seconds']:.1f} s -> {args.out}")
    return 0


# --- word lists ------------------------------------------------------------------------------
# Written for this generator: title words roughly by how often films use them (the head), then a
# long tail; names, places, and foreign words with their accents.

# Nouns, roughly by how often they appear in film titles; the first ones dominate (Zipf-like draw).
NOUNS = """
love night man life day girl house story world time home blood death king heart dream woman city road
secret game war summer island lady moon fire shadow ghost sea sky star water light dark boy family
friend angel devil money heaven hell river mountain garden child children kiss wedding murder crime
legend hunter killer stranger journey return escape revenge truth lie promise memory wind rain storm
snow winter spring autumn sun dawn dusk midnight morning evening road highway street bridge tower
castle palace prison school hospital church hotel station harbor forest desert jungle ocean lake valley
hill field farm village town country kingdom empire nation planet earth space universe galaxy comet
dragon wolf tiger lion bear eagle hawk snake spider horse dog cat bird fox rabbit shark whale horse
sword gun bullet knife arrow shield crown ring key door window mirror wall gate box letter book song
dance music voice word name face eye hand blade stone diamond gold silver iron glass paper smoke ash
dust bone skin soul mind spirit god goddess saint sinner priest monk nun witch wizard queen prince
princess knight soldier warrior captain general sergeant agent spy detective cop sheriff outlaw thief
pirate cowboy doctor nurse teacher student lawyer judge jury witness victim hero villain monster beast
creature zombie vampire alien robot machine engine car train plane ship boat rocket bomb target mission
code file report deal job business company family brother sister mother father son daughter wife
husband lover bride groom baby twin cousin uncle aunt widow orphan neighbor guest host boss partner
rival enemy ally army fleet crew gang club team party band circus carnival festival holiday christmas
birthday anniversary weekend vacation trip voyage ride run race chase hunt fight battle siege raid
attack invasion rebellion revolution uprising strike war peace justice freedom honor glory fame fortune
luck chance fate destiny faith hope fear rage fury anger joy grief sorrow pain silence noise echo
whisper scream cry laugh smile tear wound scar mark sign signal message call warning prophecy curse
spell charm gift prize treasure map compass clock hour minute second moment year decade century age
era past future present tomorrow yesterday today beginning end edge border line circle square point
zero infinity number code cipher puzzle riddle mystery question answer reason cause effect proof
evidence case trial verdict sentence escape exit entrance passage tunnel cave pit abyss depth surface
horizon frontier wilderness paradise utopia colony outpost base camp fort bunker vault lab factory
mill mine well spring fountain pool beach shore coast cliff canyon peak summit volcano glacier iceberg
tide wave current flood drought famine plague virus fever cure poison venom remedy potion elixir
candle lamp lantern torch flame spark ember blaze inferno thunder lightning cloud fog mist haze frost
ice steel rust chrome neon velvet silk lace leather feather wing tail claw tooth horn fang paw
apple cherry rose lily violet orchid tulip daisy ivy oak pine willow maple cedar palm seed root
branch leaf flower bloom harvest vine grape wine beer whiskey coffee tea milk honey sugar salt pepper
bread cake pie dinner breakfast lunch supper feast kitchen table chair bed room hall stairs attic
cellar basement roof chimney porch yard fence barn stable shed cabin cottage mansion manor villa
apartment loft studio office desk phone radio television screen camera film picture photo portrait
painting statue museum gallery theater opera stage curtain show act scene script role actor star
director producer writer poet painter singer dancer musician player champion winner loser rookie
veteran legend master student apprentice servant slave king emperor tsar pharaoh sultan duke baron
count countess lord chief mayor president senator minister ambassador consul officer inspector
marshal ranger scout guide pilot driver sailor fisherman hunter farmer miner builder carpenter
tailor baker butcher barber banker merchant trader dealer broker gambler hustler con artist
professor scientist inventor engineer explorer astronaut traveler pilgrim nomad drifter wanderer
refugee exile immigrant native citizen alien outsider insider rebel traitor hostage prisoner captive
survivor witness suspect fugitive assassin sniper mercenary bodyguard gladiator samurai ninja viking
cowboy sheriff bandit smuggler counterfeiter forger hacker gamer geek nerd jock bully punk rocker
hippie beatnik mobster godfather don boss hitman mafia cartel syndicate empire dynasty legacy heir
inheritance will testament diary journal chronicle saga tale fable myth parable ballad anthem hymn
lullaby requiem symphony sonata concerto rhapsody serenade tango waltz samba salsa ballet ballerina
opera melody rhythm beat tempo harmony chord note key verse chorus bridge solo duet trio quartet
dollar penny coin jackpot lottery bet wager bluff poker ace joker card dice chess pawn bishop rook
queen checkmate gambit move turn round match goal score record trophy medal cup title belt ring
""".split()

ADJECTIVES = """
dark last little big black red white blue green golden silver lost secret dead deadly wild new old
young good bad great lonely perfect final first second third broken hidden silent sweet bitter cold
hot frozen burning shining dying living eternal endless forgotten hollow holy sacred wicked evil
innocent guilty dangerous beautiful ugly strange crazy mad wild brave true false fatal mortal
immortal invisible unknown unseen impossible incredible amazing fantastic magnificent glorious
savage brutal gentle tender quiet loud fast slow high low deep long short distant far near late
early lucky happy sad angry bloody dirty clean pure naked royal private public simple single double
little tiny giant small heavy light bright dim pale grey scarlet crimson violet purple orange yellow
amber ivory ebony emerald jade ruby sapphire midnight northern southern eastern western lunar solar
cosmic atomic electric digital mechanical wooden stone iron steel glass paper plastic velvet silk
rich poor hungry thirsty restless sleepless fearless reckless ruthless heartless nameless faceless
endless timeless careless helpless hopeless breathless merciless shameless soulless spotless
american english french german italian spanish russian chinese mexican irish scottish african
indian arctic tropical urban rural wild modern ancient future past foreign local secret special
blind deaf lame sick healthy strong weak rough smooth sharp soft hard easy tough wise foolish
clever stupid funny serious curious nervous jealous proud humble noble wicked fallen rising
burning falling flying running hunted haunted cursed blessed chosen forbidden wanted stolen
""".split()

GERUNDS = """
running chasing waiting hunting falling flying dancing singing killing loving living dying breaking
burning crossing finding leaving losing missing riding searching seeing driving fighting hiding
keeping making raising saving shooting stealing taking talking walking watching winning dreaming
becoming being catching coming going growing holding knowing meeting playing reaching starting
""".split()

PAST = """
knew saw lost found stole loved killed left took broke fell came went shot saved changed kept met
made bought sold played won caught drove fought forgot remembered wanted needed loved hated fooled
""".split()

VERBS = """
kill love catch save find lose steal break hunt chase stop fight win take keep leave run hide meet
marry kiss remember forget trust know see follow watch call touch buy sell rob rescue escape survive
""".split()

PLACES = """
paris london rome berlin vienna prague budapest warsaw moscow istanbul cairo tokyo kyoto osaka seoul
busan beijing shanghai hong kong bangkok manila jakarta sydney melbourne auckland mumbai delhi
calcutta lagos nairobi casablanca tangier havana rio lima bogota caracas santiago mexico texas
chicago boston brooklyn manhattan harlem detroit memphis nashville dallas houston phoenix vegas
reno denver seattle portland alaska hawaii montana dakota nevada arizona tijuana acapulco venice
florence naples sicily milan madrid barcelona seville lisbon dublin glasgow edinburgh liverpool
manchester oxford cambridge brighton cornwall yorkshire wales normandy provence marseille monaco
geneva zurich amsterdam brussels copenhagen stockholm oslo helsinki reykjavik athens crete cyprus
jerusalem baghdad tehran kabul bombay shanghai saigon hanoi singapore bali tibet nepal sahara congo
zanzibar cuba jamaica haiti panama peru chile argentina patagonia amazon yukon klondike siberia
manhattan hollywood broadway malibu miami orleans atlantis eden babylon troy sparta carthage
""".split()

FIRST_MALE = """
john james robert michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl
harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan albert willie alan
eugene russell vincent philip bobby johnny bradley roy ralph louis harry howard fred leo oscar hugo
felix max otto hans karl pierre jean luc andre marcel louis carlos miguel diego pablo juan luis
antonio marco giovanni paolo luca sergei ivan dmitri igor boris viktor yuri lars sven erik anders
""".split()

FIRST_FEMALE = """
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie
joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia
judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie
isabella charlotte rose alexis kayla lily ella chloe zoe clara ingrid greta astrid sofia lucia
carmen elena isabel paula marta giulia francesca chiara natasha olga irina tatiana svetlana anya
""".split()

LAST = """
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez
wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark
ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams
nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker
cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper
peterson bailey reed kelly howard ramos cox ward richardson watson brooks chavez wood james bennett
gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez powell
jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez simmons
romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole hayes
bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison
fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns
crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks
holmes palmer wagner black robertson boyd rose stone salazar fox warren mills meyer rice schmidt
garza daniels ferguson nichols stephens soto weaver ryan gardner payne grant dunn kelley spencer
hawkins arnold pierce vazquez hansen peters santos hart bradley knight elliott cunningham duncan
armstrong hudson carroll lane riley andrews alvarado ray delgado berry perkins hoffman johnston
matthews pena richards contreras willis carpenter lawrence sandoval guerrero george chapman rios
estrada ortega watkins greene nunez wheeler valdez harper burke larson santiago maldonado morrison
franklin carlson austin dominguez carr lawson jacobs obrien lynch singh vega bishop montgomery
oliver jensen harvey williamson gilbert dean sims espinoza howell li wong reid hanson le mccoy
garrett burton fuller wang weber welch rojas lucas marquez fields park yang little banks padilla
day walsh bowman schultz luna fowler mejia davidson acosta brewer may holland juarez newman pearson
curtis cortez douglas schneider joseph barrett navarro figueroa keller avila wade molina stanley
hopkins campos barnett bates chambers caldwell beck lambert miranda byrd craig ayala lowe frazier
powers neal leonard gregory carrillo sutton fleming rhodes shelton schwartz norris jennings watts
duran walters cohen mcdaniel moran parks steele vaughn becker holt deleon barker terry hale leon
hail benson haynes horton miles lyons pham graves bush thornton wolfe warner cabrera mckinney mann
zimmerman dawson lara fletcher page mccarthy love robles cervantes solis erickson reeves chang
klein salinas fuentes baldwin daniel simon velasquez hardy higgins aguirre lin cummings chandler
sharp barber bowen ochoa dennis robbins liu ramsey francis griffith paul blair oconnor cardenas
pacheco cross calderon quinn moss swanson chan rivas khan rodgers serrano fitzgerald rosales
stevenson christensen manning gill curry mclaughlin harmon mcgee gross doyle garner newton burgess
reese walton blake trujillo adkins brady goodman roman webster goodwin fischer huang potter
delacruz montoya todd wu hines mullins castaneda malone cannon tate mack sherman hubbard hodges
zhang guerra wolf valencia saunders franco rowe gallagher farmer hammond hampton townsend ingram
wise gallegos clarke barton schroeder maxwell waters logan camacho strickland norman person
colon parsons frank harrington glover osborne buchanan casey floyd patton ibarra ball tyler suarez
bowers orozco salas cobb gibbs andrade bauer conner moody escobar mcguire lloyd mueller hartman
french kramer mcbride pope lindsey velazquez norton mccormick sparks flynn yates hogan marsh macias
villanueva zamora pratt stokes owen ballard lang brock villarreal charles drake barrera cain patrick
pineda burnett mercado santana shepherd bautista ali shaffer lamb trevino mckenzie hess beil
olsen cochran morton nash wilkins petersen briggs shah roth nicholson holloway lozano rangel
flowers hoover short arias mora valenzuela bryan meyers weiss underwood bass greer summers houston
carson morrow clayton whitaker decker yoder collier zuniga carey wilcox melendez poole roberson
larsen conley davenport copeland massey lam huff rocha cameron jefferson hood monroe anthony
pittman huynh randall singleton kirk combs mathis christian skinner bradford richard galvan wall
boone kirby wilkinson bridges bruce atkinson velez meza roy vincent york hodge villa abbott allison
tapia gates chase sosa sweeney farrell wyatt dalton horn barron phelps yu dickerson heath foley
atkins mathews bonilla acevedo benitez zavala hensley glenn cisneros harrell shields rubio huffman
""".split()

KOREAN_FAMILY = (
    "kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song jeon hong".split()
)
KOREAN_GIVEN = (
    "ji hoon min jun seo yeon hye jin soo young hyun woo jae sung eun bin dong hee chul ho na ra yu rim jong"
).split()
JAPANESE_FAMILY = (
    "sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki "
    "yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto ishikawa ogawa"
).split()
JAPANESE_GIVEN = (
    "haruka yui hina sakura aoi rin kenji hiroshi takeshi akira yuki ren sora daiki kaito hana emi "
    "shota taro jiro naoki kazuo makoto mai nanami riko"
).split()
ACCENTED_FIRST = "José María Jesús Iñaki Ramón Andrés Sebastián Martín Nicolás Éric Hélène Zoë Renée Chloé Agnès Jérôme".split()
ACCENTED_LAST = (
    "Núñez Muñoz Pérez Gómez Jiménez Ibáñez Sánchez Fernández Rodríguez Dupré Lefèvre Bézier Delacroix "
    "Müller Schäfer Köhler Großmann Jäger Bergström Söderberg Łukasz Dvořák Novák"
).split()

# Foreign title words, with their accents (French, Spanish, German, Italian).
FRENCH = (
    "la nuit, le jour, la vie, l'amour, le cœur, la mer, le ciel, la femme, l'homme, la fille, "
    "le garçon, la maison, le château, la forêt, la rivière, la mémoire, le secret, la peur, "
    "la fièvre, la fête, l'été, l'hiver, le printemps, la guerre, la paix, le rêve, l'âme, "
    "la lumière, l'ombre, la rue, la ville, la frontière, le retour, le départ, la chambre, "
    "la fenêtre, le miroir, le silence, la vérité, le mensonge, la chute, l'étranger, la bête, "
    "la belle"
).split(", ")
FRENCH_ADJ = "noire blanche éternelle perdue dernière première secrète étrange sauvage douce amère cruelle belle".split()
SPANISH = (
    "el amor, la noche, el día, la vida, el corazón, la sangre, el viaje, la casa, el camino, "
    "la muerte, el silencio, la memoria, el sueño, la canción, el río, la montaña, el pueblo, "
    "la ciudad, el niño, la niña, el ladrón, el último, el secreto, la mentira, la verdad, "
    "el perdón, la fuga, la tormenta, el invierno, el verano"
).split(", ")
SPANISH_ADJ = "oscura perdida última eterna dulce salvaje rota olvidada pequeña triste mágica".split()
GERMAN = (
    "die nacht, der tag, das leben, die liebe, das herz, das haus, der wald, der fluss, die stadt, "
    "der weg, die stille, die angst, der traum, die wahrheit, die lüge, die brücke, das schloß, "
    "die straße, der könig, die königin, das mädchen, der junge, die rückkehr, der abschied, "
    "der sturm, der himmel, die grenze"
).split(", ")
GERMAN_ADJ = "große dunkle letzte ewige schöne stille verlorene süße fremde böse".split()
ITALIAN = (
    "la notte, il giorno, la vita, l'amore, il cuore, la città, la strada, il viaggio, la casa, "
    "il mare, il cielo, la famiglia, il padre, la madre, il figlio, la ragazza, il segreto, "
    "la verità, la paura, il sogno, il ritorno"
).split(", ")
ITALIAN_ADJ = "perduta ultima eterna dolce oscura grande piccola bella selvaggia".split()

SYLLABLES = (
    "ka lo ren vi mar sel tor ba ri an del mo zan ti gor la vel shu ne dor ar kes mi ra tho lin bel "
    "cor dra fen gal hal is jor kal lum nor ol pel quin ros sar tam ul val wen xan yor zel ev ost "
    "bri cas dun el far gri hel ir kor lem mal ny ort pra ruk sin tel ur vor"
).split()

GENRES = (
    "Drama Comedy Documentary Action Thriller Horror Romance Crime Adventure Family Mystery Fantasy "
    "Sci-Fi Animation Biography History Music War Musical Western Sport Film-Noir"
).split()

MORE_NOUNS = """
anchor arena armor atlas avalanche badge balcony bandage banner banquet barrel basket battery beacon
bell belt blanket blizzard blossom boulder bouquet bracelet brick broom bubble bucket buffalo bullet
bunny butterfly cactus cage canal cannon canvas carriage cartoon castle cathedral cemetery chain
chamber champagne channel chapel chariot chimney chocolate cigar cigarette cinema citadel clover
coffin collar comedy concert confession corridor costume cradle crater crossroads crow crusade
crystal cupboard dagger daisy dam deck delta detour dial dice diner dinosaur dirt disco dock dolphin
doll donkey dove dragonfly drum duel dune dungeon eclipse elephant elevator embassy emperor envelope
falcon fan feather ferry fiddle fig firefly flag flute fog fossil frog fruit furnace gadget garage
gargoyle gazelle ghetto giraffe glacier glove goat goblin gondola gorilla grave graveyard greenhouse
guitar gull hammer hammock harp hat helmet hive hook hornet hurricane igloo inn insect jacket jar
jewel kettle kite knot ladder lagoon lantern lemon leopard lighthouse lizard locket locomotive loom
magnet mammoth mask meadow medal melody meteor microphone mole monastery monkey mosaic moth motel
motor mule mummy mushroom necklace needle nest nightingale oasis octopus orchard organ ostrich otter
owl oyster paddle pagoda palette panther parachute parade parrot pearl pebble pelican pendulum
penguin piano pigeon pillar pillow pistol plague plantation pocket pony porcelain potato pumpkin
puppet pyramid quarry rabbit raccoon radar raft railway raven reef reptile rhino ribbon rifle
saddle sailboat sandcastle satellite saxophone scarecrow scorpion scroll seagull serpent shell
shipwreck sled sleigh slipper snail spaceship sparrow sphinx spire sponge squid stadium stallion
starfish statue submarine subway suitcase swamp swan sweater tambourine tank tattoo telescope temple
tent termite thorn throne tornado tortoise totem tractor trampoline trench trombone trumpet tulip
turtle typewriter umbrella unicorn vase vulture wagon walrus wardrobe warehouse wasp waterfall
weasel whistle windmill wolfhound wreck yacht zebra zeppelin adventure affair alibi ambition
anthem apocalypse armada assignment asylum awakening backlash ballad bargain betrayal blackout
blueprint bond breakdown breakthrough burden calling carnage catastrophe ceremony challenge
chaos charade checkpoint childhood collision comeback commitment conspiracy contact contract
countdown courage crash crisis crossing crossfire crusade darkness daybreak deadline deception
descent desire detention devotion dilemma disaster discovery disguise distance downfall
encounter endgame epidemic episode exodus experiment explosion exposure extinction fallout
fantasy farewell fiction fortune fracture fragment frenzy friendship funeral gamble getaway
goodbye gravity greed guilt harmony hatred heist heritage hideout homecoming hunger hysteria
identity illusion impact incident innocence insomnia instinct intrigue intruder jealousy
judgment kidnapping labyrinth lament landing lesson liberty lockdown longing loyalty madness
malice manifesto masquerade massacre meltdown menace miracle mischief misfortune mutiny
nightfall nightmare oblivion obsession odyssey omen operation outbreak outcast overdrive
paradox passion patience penalty perfume persuasion phenomenon pilgrimage pleasure pressure
pride prophecy protocol providence pursuit quest rampage ransom reckoning redemption reflection
rejection remnant renaissance rendezvous reprisal requiem rescue resistance resurrection retreat
reunion revelation reverie rhapsody ritual romance rumor sacrifice sanctuary scandal scheme
seduction sensation serenity shelter showdown solitude sorcery spectacle splendor stampede
stardust stillness sunrise sunset surrender suspense symphony tempest temptation tension terror
testimony thirst threshold torment tragedy trance transit treason tribute triumph turmoil
twilight undertow upheaval uprising vanity vendetta vengeance vertigo vigil virtue vision
vortex wanderlust warfare wasteland wonder wonderland wrath
""".split()

MORE_ADJECTIVES = """
absent absolute accidental ageless alien alive alone amber ancient angelic anonymous arctic
awkward bare barren bizarre bold brilliant bronze calm candid careful casual celestial charming
cheap chilly civil classic clumsy coastal colossal common complete concrete cozy crooked cruel
cunning dangerous daring dear decent delicate desperate devoted dizzy dreadful drowsy dusty
eager elegant empty enchanted epic exotic faint faithful famous fancy fierce filthy fragile
frantic free fresh friendly gallant gentle ghostly gigantic glassy gloomy graceful grand grim
handsome harsh hasty hidden humble icy idle infinite jolly joyful juvenile kind lavish lawless
lazy legal lethal liquid lovely loyal lucid magic majestic marvelous massive mellow mighty
misty modest moody murky mysterious naive narrow nasty neat nimble noisy obscure odd ominous
pale peaceful peculiar petty playful polite precious primal proud quick radiant rapid rare
raw rebel restless rusty sacred salty scary secretive shady shallow shy silly sleepy slim
smoky solemn sour spare spicy splendid stormy strict sunny superb swift tame tense thin
tidy tragic tricky twisted unbroken unfinished unlucky untold urgent vague vain valiant vast
vicious vivid wandering warm wary weary weird wicked wistful wooden wretched zealous
""".split()


def _ranked(words: list[str], head: int) -> list[str]:
    """Deduplicate, keep the first `head` words (the frequent ones) in place, shuffle the tail once."""
    unique = list(dict.fromkeys(words))
    tail = unique[head:]
    random.Random(20240501).shuffle(tail)
    return unique[:head] + tail


NOUNS = _ranked(NOUNS + MORE_NOUNS, 120)
ADJECTIVES = _ranked(ADJECTIVES + MORE_ADJECTIVES, 60)
LAST = _ranked(LAST, 100)


if __name__ == "__main__":
    sys.exit(main())
