"""The title index: find films by loose title in a few milliseconds, even among a million.

How a query is answered (no scan of every title):

1. Each query word is expanded against the vocabulary of title words: the word itself, words one or
   two edits away (found through a trigram index over the *vocabulary*, then checked with
   Levenshtein distance), and — for the word being typed in autocomplete — words it begins.
2. Candidate titles come from the inverted lists of those words, rarest word first, within a budget;
   lists are ordered by popularity, so cutting a very common word's list keeps the films people ask for.
3. A few hundred candidates are re-scored in Python: how much of the title the query covers and how
   much of the query the title (or the film's context: people, franchise, language, platform,
   genre, year) explains, weighted by word rarity, plus a small popularity prior.

Memory is kept in numpy arrays and packed strings (about 250 bytes a film), so a million films fit
in a few hundred megabytes. The index is immutable; rebuild it off the event loop and swap it in.
"""

from __future__ import annotations

import functools
import math
import operator
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress
from pathlib import Path
from typing import NamedTuple

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from bot.core.films import hints, normalize

NAME_TITLE, NAME_ALIAS, NAME_PART, NAME_ACRONYM = (
    normalize.NAME_TITLE,
    normalize.NAME_ALIAS,
    normalize.NAME_PART,
    normalize.NAME_ACRONYM,
)
_NAME_FACTOR = (1.0, 0.97, 0.93, 0.93)  # title, alternative title, part of a title, initialism
_EXACT_FACTOR = (1.0, 0.98, 0.97, 0.93)  # the same, when the name is exactly what was asked
_POSTING_BUDGET = 30_000
# Autocomplete when some titles already begin with what was typed: those titles are the likely
# answer and are scored anyway; the word index only fills the other suggestions.
_FILL_BUDGET = 3_000
_RESCORE_NAMES = 40
_MAX_FUZZY_PER_WORD = 40
_MEMO_WORDS = 50_000
ACRONYM_MIN_VOTES = 20_000
_PREFIX_NAMES = 20
_PREFIX_COVER = 0.05  # autocomplete: weight of how much of a title is covered (the rest is still to come)
_PREFIX_POPULARITY = 0.2  # autocomplete: weight of popularity (log votes)
_PARTLY_TYPED = 0.06  # autocomplete: a title that begins with the title words typed, not all typed
_COVER_NAMES = 8
_EXACT_RUN_WORDS = 8  # longest run of query words looked up as a whole title
_EXACT_RUN_NAMES = 200  # names kept per exactly typed title (most popular first)
_CONTEXT_POOL = 3000
_MEMO_QUERIES = 4096


def index_path(db_path: Path) -> Path:
    """Return where the index built from a database is saved (beside it)."""
    return db_path.with_name(db_path.name + ".index.npz")


class IndexEntry(NamedTuple):
    """The facts the index needs about one film (a tuple: a million of them are made per build)."""

    key: str
    title: str
    year: int | None = None
    kind: str = "movie"
    people: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    franchise: str | None = None
    platforms: tuple[str, ...] = ()
    votes: int = 0
    aliases: tuple[str, ...] = ()
    reviewed: bool = False
    director: str | None = None
    names: tuple[tuple[str, int, bool], ...] = ()  # precomputed normalize.index_names, when stored
    context: tuple[str, ...] = ()  # precomputed hint words, when stored


@dataclass(slots=True)
class CatalogColumns:
    """The catalog as columns, the form the index is built from.

    A million films read from the database become a dozen lists rather than a million objects,
    and the build then works on whole columns at once. Names (titles, alternative titles, parts
    and initialisms, already normalised) come in film order.
    """

    ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    directors: list[str] = field(default_factory=list)  # the first director, "" when unknown
    years: list[int] = field(default_factory=list)  # 0 when unknown
    votes: list[int] = field(default_factory=list)
    reviewed: list[bool] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)  # per film: its hint words, space-separated
    name_film: list[int] = field(default_factory=list)  # per name: the film's position
    name_keys: list[str] = field(default_factory=list)
    name_kind: list[int] = field(default_factory=list)
    name_article: list[bool] = field(default_factory=list)

    @classmethod
    def from_entries(cls, entries: Iterable[IndexEntry]) -> CatalogColumns:
        """Gather entries into columns, normalising names and hint words where not precomputed."""
        cols = cls()
        people_cache: dict[str, tuple[str, ...]] = {}

        def context_of(entry: IndexEntry) -> list[str]:
            # People recur across thousands of films: tokenise each name once.
            words: list[str] = []
            for person in entry.people:
                got = people_cache.get(person)
                if got is None:
                    got = people_cache[person] = tuple(
                        w for w in normalize.tokens(person) if w not in normalize.STOPWORDS
                    )
                words.extend(got)
            words.extend(
                hints.context_words(
                    franchise=entry.franchise,
                    aliases=entry.aliases,
                    languages=entry.languages,
                    countries=entry.countries,
                    genres=entry.genres,
                    kind=entry.kind,
                    platforms=entry.platforms,
                )
            )
            return list(dict.fromkeys(words))

        for f, entry in enumerate(entries):
            cols.ids.append(entry.key)
            cols.titles.append(entry.title)
            cols.directors.append(entry.director or "")
            cols.years.append(entry.year or 0)
            cols.votes.append(max(0, int(entry.votes or 0)))
            cols.reviewed.append(bool(entry.reviewed))
            # Names and context are normally precomputed when the film is stored (the slow part:
            # normalising text); entries built by hand get them computed here.
            names = entry.names or normalize.index_names(entry.title, entry.aliases)
            for key, kind, article in names:
                cols.name_film.append(f)
                cols.name_keys.append(key)
                cols.name_kind.append(kind)
                cols.name_article.append(bool(article))
            ctx = entry.context if entry.context or entry.names else context_of(entry)
            cols.contexts.append(" ".join(ctx))
        return cols


def _gather_rows(values: np.ndarray, offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the values of the given rows of a flat ragged array, end to end, and for each the
    position in `rows` of the row it belongs to (vectorised: no loop over rows)."""
    starts = offsets[rows].astype(np.int64)
    lengths = offsets[rows + 1] - starts
    owner = np.repeat(np.arange(len(rows), dtype=np.int32), lengths)
    shift = starts - (np.cumsum(lengths) - lengths)  # a row's first value, minus where it lands
    return owner, values[np.arange(len(owner), dtype=np.int64) + shift[owner]]


def _lookup_words(texts: list[str], vocab: _Vocab, chunk: int = 1 << 16) -> tuple[np.ndarray, np.ndarray]:
    """Return the ids of every word of `texts` (new words join `vocab`) and each text's word count.
    A chunk of texts at a time: split all at once, a million films' words take gigabytes."""
    ids, counts = [np.zeros(0, dtype=np.int32)], [np.zeros(0, dtype=np.int32)]
    for lo in range(0, len(texts), chunk):
        words = list(map(str.split, texts[lo : lo + chunk]))
        counts.append(np.fromiter(map(len, words), dtype=np.int32, count=len(words)))
        found = map(vocab.__getitem__, chain.from_iterable(words))
        ids.append(np.fromiter(found, dtype=np.int32, count=int(counts[-1].sum())))
    return np.concatenate(ids), np.concatenate(counts)


def _number_words(
    name_keys: list[str], name_film: np.ndarray, contexts: list[str]
) -> tuple[_Vocab, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Give every word of the names and hint words an id, numbered in the order the catalog first
    uses them (film by film, a film's names before its hint words).

    Return the vocabulary, the names' word ids and word counts, and the same for the contexts.
    The words are looked up once, in one pass over each column; the numbering by first use is
    then worked out with arrays rather than film by film.
    """
    provisional = _Vocab()
    name_ids, name_len = _lookup_words(name_keys, provisional)
    ctx_ids, ctx_len = _lookup_words(contexts, provisional)
    n_name_words = len(name_ids)
    ids = np.concatenate((name_ids, ctx_ids))
    del name_ids, ctx_ids
    # Where each word occurrence stands in catalog order: film, then names before hint words.
    place = np.concatenate(
        (
            np.repeat(name_film.astype(np.int64) * 2, name_len),
            np.repeat(np.arange(len(contexts), dtype=np.int64) * 2 + 1, ctx_len),
        )
    )
    in_order = ids[np.argsort(place, kind="stable")]
    first_use = np.full(len(provisional), len(in_order), dtype=np.int64)  # per provisional id
    np.minimum.at(first_use, in_order, np.arange(len(in_order), dtype=np.int64))
    by_first_use = np.argsort(first_use, kind="stable")  # provisional ids, first used first
    renumber = np.empty(len(provisional), dtype=np.int32)
    renumber[by_first_use] = np.arange(len(provisional), dtype=np.int32)
    spelled = list(provisional)
    vocab = _Vocab(zip(map(spelled.__getitem__, by_first_use.tolist()), range(len(spelled)), strict=True))
    ids = renumber[ids]
    return vocab, ids[:n_name_words], name_len, ids[n_name_words:], ctx_len


class Hit(NamedTuple):
    """One film found for a query, with why it scored as it did.

    (A named tuple: immutable like a frozen dataclass, and three times quicker to make, which
    counts when every keystroke makes twenty-five.)
    """

    film_id: str
    title: str
    year: int | None
    director: str | None
    reviewed: bool
    votes: int
    score: float
    name_key: str  # the normalised title or alias that matched
    year_match: bool | None = None  # None when the query named no year
    hints_matched: tuple[str, ...] = ()
    hints_unmatched: tuple[str, ...] = ()  # hint words (language, platform…) this film does not match
    name_kind: int = 0  # NAME_TITLE, NAME_ALIAS, NAME_PART or NAME_ACRONYM: how name_key belongs to it
    # Words of the query that are title words elsewhere in the catalog but found neither in this
    # film's title nor in its credits ("endgame" for The Avengers, 1998): it may be another film.
    words_missed: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title


class StringTable:
    """Many strings packed in one bytes object: far smaller than a list of str."""

    __slots__ = ("_blob", "_offsets")

    def __init__(self, values: Iterable[str]) -> None:
        values = list(values)
        offsets = np.zeros(len(values) + 1, dtype=np.int64)
        joined = "\0".join(values)
        if joined.count("\0") != max(0, len(values) - 1):
            # A string holding the separator itself (never a title): each is measured on its own.
            encoded = [v.encode("utf-8") for v in values]
            np.cumsum([len(e) for e in encoded], out=offsets[1:])
            blob = b"".join(encoded)
        else:
            # Encoded in one go, the separators show where each string ends.
            separated = joined.encode("utf-8")
            ends = np.flatnonzero(np.frombuffer(separated, dtype=np.uint8) == 0)
            ends = np.append(ends, len(separated)) if values else ends
            offsets[1:] = ends - np.arange(len(values))
            blob = separated.replace(b"\0", b"")
        # A typed array: quick scalar access, four bytes an entry (tables stay under 4 GB).
        self._offsets = array("I", offsets.astype(np.uint32).tobytes())
        self._blob = blob

    @classmethod
    def from_arrays(cls, blob: np.ndarray, offsets: np.ndarray) -> StringTable:
        """Rebuild a table saved with :meth:`arrays`."""
        table = object.__new__(cls)
        table._blob = blob.tobytes()
        table._offsets = array("I", offsets.astype(np.uint32).tobytes())
        return table

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Return (bytes as uint8, offsets) for saving."""
        return np.frombuffer(self._blob, dtype=np.uint8), np.frombuffer(self._offsets, dtype=np.uint32)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> str:
        return self._blob[self._offsets[i] : self._offsets[i + 1]].decode("utf-8")

    def startswith(self, i: int, prefix: bytes) -> bool:
        """Return whether string `i` begins with `prefix` (UTF-8), without decoding it."""
        start, end = self._offsets[i], self._offsets[i + 1]
        return end - start >= len(prefix) and self._blob.startswith(prefix, start, end)

    @property
    def nbytes(self) -> int:
        return len(self._blob) + self._offsets.itemsize * len(self._offsets)


def _typed_otherwise(tok: hints.QueryToken) -> bool:
    """Whether a word being typed may be the start of another word than its canonical form
    ("v" → 5, "i" → 1, "one" → 1: "burning v" may become "Burning Valev")."""
    return tok.raw != tok.text and tok.raw.isalpha()


class _KeyView:
    """Name keys in sorted order, UTF-8 encoded, as a sequence `bisect` can search.

    Bytes, not str: UTF-8 sorts as the code points do, so the order is the same, and a probe
    reads a slice of the packed table without decoding it.
    """

    __slots__ = ("_blob", "_offsets", "_order")

    def __init__(self, keys: StringTable, order: array) -> None:
        self._blob, self._offsets = keys._blob, keys._offsets
        self._order = order  # a typed array: quick scalar access

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, i: int) -> bytes:
        name = self._order[i]
        return self._blob[self._offsets[name] : self._offsets[name + 1]]


def _offsets(lengths: np.ndarray) -> np.ndarray:
    """Return where each group starts in a flat array (and where the last ends), from group lengths."""
    offsets = np.zeros(len(lengths) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    return offsets


_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def _edits1(word: str) -> list[str]:
    """Return every string one deletion, transposition, substitution or insertion away (the
    word itself may be among them, and some more than once)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = [a + b[1:] for a, b in splits if b]
    out += _transposes(word)
    out += [a + c + b[1:] for a, b in splits if b for c in _ALPHABET]
    out += [a + c + b for a, b in splits for c in _ALPHABET]
    return out


def _transposes(word: str) -> list[str]:
    """Return the strings with two neighbouring letters of `word` swapped."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]


def _trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


class _Vocab(dict[str, int]):
    """Word -> id; while `growing`, a new word gets the next id when first looked up."""

    growing = True

    def __missing__(self, word: str) -> int:
        if not self.growing:
            raise KeyError(word)
        self[word] = got = len(self)
        return got


class FilmIndex:
    """An immutable index over the catalog's titles, aliases and hint words."""

    def __init__(self) -> None:  # use FilmIndex.build
        self.size = 0
        # Memos: a word's near-misses depend only on the vocabulary; a query's results on the
        # whole index (reviewed flags included). Autocomplete asks the same things over and over
        # (each keystroke, the same popular titles from many people).
        self._fuzzy_memo: dict[str, dict[int, float]] = {}
        self._search_memo: OrderedDict[tuple[str, int, bool], list[Hit]] = OrderedDict()
        self._local = threading.local()  # scratch arrays for candidate scoring, per thread

    # ------------------------------------------------------------------ building

    @classmethod
    def build(cls, catalog: Iterable[IndexEntry] | CatalogColumns) -> FilmIndex:
        """Build the index from the catalog (CPU-bound: run it in a thread or a process of its own)."""
        cols = catalog if isinstance(catalog, CatalogColumns) else CatalogColumns.from_entries(catalog)
        self = cls()
        n_films = len(cols.ids)
        votes = np.maximum(np.asarray(cols.votes, dtype=np.int64).reshape(-1), 0)
        reviewed = np.asarray(cols.reviewed, dtype=np.bool_).reshape(-1)
        name_film = np.asarray(cols.name_film, dtype=np.int32).reshape(-1)
        name_kind = np.asarray(cols.name_kind, dtype=np.int8).reshape(-1)
        if np.any(name_film[1:] < name_film[:-1]):
            raise ValueError("names must come in film order")
        name_keys, name_article = cols.name_keys, cols.name_article
        # People abbreviate famous titles ("lotr"), not obscure ones.
        obscure = (name_kind == NAME_ACRONYM) & (votes[name_film] < ACRONYM_MIN_VOTES) & ~reviewed[name_film]
        if obscure.any():
            keep = (~obscure).tolist()
            name_film, name_kind = name_film[~obscure], name_kind[~obscure]
            name_keys, name_article = list(compress(name_keys, keep)), list(compress(name_article, keep))
        # Hint words join the vocabulary (so typos in names, "keanu reves", still match); each film
        # keeps them as word ids, read only for the few candidates of a query.
        vocab, name_toks, name_len, ctx_toks, ctx_len = _number_words(name_keys, name_film, cols.contexts)

        self.size = n_films
        vocab.growing = False  # from now on a lookup must not add words
        self._vocab = vocab
        self._words = list(vocab)  # id -> word
        self._film_ids = StringTable(cols.ids)
        self._id_order = (
            np.argsort(np.array(cols.ids, dtype=object)).astype(np.int32)
            if n_films
            else np.zeros(0, np.int32)
        )
        self._titles = StringTable(cols.titles)
        self._directors = StringTable(cols.directors)
        self._name_keys = StringTable(name_keys)
        self._years = np.asarray(cols.years, dtype=np.int16).reshape(-1)
        self._votes = votes.astype(np.int32)
        self._reviewed = reviewed
        self._name_film = name_film
        self._first_name = np.searchsorted(name_film, np.arange(n_films), side="left").astype(np.int32)
        self._name_kind = name_kind
        self._name_article = np.asarray(name_article, dtype=np.bool_).reshape(-1)
        self._name_toks, self._name_off = name_toks, _offsets(name_len)
        self._ctx_toks, self._ctx_off = ctx_toks, _offsets(ctx_len)
        # Names in key order (initialisms aside), for "what was typed is how the title begins".
        self._key_order = np.asarray(
            sorted(np.flatnonzero(name_kind != NAME_ACRONYM).tolist(), key=name_keys.__getitem__),
            dtype=np.int32,
        )
        del cols, name_keys

        # Inverted lists: word -> names, most popular film first, then shortest name.
        n_names = len(self._name_film)
        name_ids = np.repeat(np.arange(n_names, dtype=np.int32), np.diff(self._name_off).astype(np.int64))
        popularity = self._votes[self._name_film] if n_names else np.zeros(0, np.int32)
        name_rank = (
            np.lexsort((np.diff(self._name_off), -popularity.astype(np.int64)))
            if n_names
            else np.zeros(0, np.int64)
        )
        rank_of_name = np.empty(n_names, dtype=np.int64)
        rank_of_name[name_rank] = np.arange(n_names)
        # One posting per (word, title) however often the word recurs in the title; sorted by word,
        # then by rank, the order the lists are kept in.
        pair = self._name_toks.astype(np.int64) * max(1, n_names) + rank_of_name[name_ids]
        _, first = np.unique(pair, return_index=True)
        post_toks, post_names = self._name_toks[first], name_ids[first]
        self._post = post_names.astype(np.int32)
        counts = np.bincount(post_toks, minlength=len(vocab)) if n_names else np.zeros(len(vocab), np.int64)
        del pair, first, post_toks, post_names
        self._post_off = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(counts, out=self._post_off[1:])
        # Document frequency counts names, so a word common in titles weighs little.
        df = counts.astype(np.float64)
        self._idf = np.log((n_names + 1) / (df + 1)).astype(np.float32) + 1.0
        self._idf_default = float(math.log(n_names + 1) + 1.0)
        self._derive()
        # Each title's own weight (its words' rarity, articles aside): candidates are ranked by how
        # much of the title the query covers, not only by how much of the query the title covers.
        cover = np.asarray(self._cover_w, dtype=np.float32)
        per_tok = cover[self._name_toks]
        sums = np.zeros(len(per_tok) + 1, dtype=np.float64)
        np.cumsum(per_tok, out=sums[1:])
        self._name_weight = (sums[self._name_off[1:]] - sums[self._name_off[:-1]]).astype(np.float32)

        # Trigrams of vocabulary words, for typo tolerance without scanning the vocabulary.
        tri_vocab = _Vocab()
        gram_id = tri_vocab.__getitem__
        tri_flat = array("i")
        tri_word = array("i")
        for word, w_id in vocab.items():
            n = len(word)
            if n < 3 or word.isdigit():
                continue
            padded = f"^{word}$"
            grams = {padded[i : i + 3] for i in range(n)}
            tri_flat.extend(map(gram_id, grams))
            tri_word.extend([w_id] * len(grams))
        tri_vocab.growing = False
        tri_g = np.frombuffer(tri_flat, dtype=np.int32)
        tri_w = np.frombuffer(tri_word, dtype=np.int32)
        order = np.argsort(tri_g, kind="stable")
        self._tri_vocab = tri_vocab
        self._tri_post = tri_w[order]
        self._tri_off = np.zeros(len(tri_vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(tri_g, minlength=len(tri_vocab)), out=self._tri_off[1:])
        self._word_len = np.fromiter((len(w) for w in self._words), dtype=np.int16, count=len(self._words))

        # Sorted vocabulary for prefix expansion ("balle" → "ballerina").
        self._sorted_words = sorted(vocab)
        self._sorted_ids = np.fromiter(
            (vocab[w] for w in self._sorted_words), dtype=np.int32, count=len(vocab)
        )
        # Default list for empty autocomplete: reviewed films first, then the most popular.
        top = np.lexsort((-self._votes.astype(np.int64), ~self._reviewed))[:25] if self.size else []
        self._default = [int(i) for i in top]
        return self

    def __len__(self) -> int:
        return self.size

    # ------------------------------------------------------------------ saving

    _ARRAYS = (
        "_name_weight",
        "_id_order",
        "_first_name",
        "_years",
        "_votes",
        "_reviewed",
        "_name_film",
        "_name_kind",
        "_name_article",
        "_name_toks",
        "_name_off",
        "_post",
        "_post_off",
        "_idf",
        "_tri_post",
        "_tri_off",
        "_word_len",
        "_sorted_ids",
        "_key_order",
        "_ctx_toks",
        "_ctx_off",
    )
    _TABLES = ("_film_ids", "_titles", "_directors", "_name_keys")
    FORMAT = 5

    def _derive(self) -> None:
        """Compute the Python-side lookups that are quicker rebuilt than stored."""
        self._idf_list = self._idf.tolist()  # scalar access from Python is far faster on a list
        self._post_off_list = array("q", self._post_off.astype(np.int64).tobytes())  # (the same, compactly)
        # Which words are some film's context (people, languages…), for context-aware candidates.
        self._in_ctx = np.zeros(len(self._words), dtype=bool)
        self._in_ctx[self._ctx_toks] = True
        self._ctx_sig = self._context_signatures()
        self._key_view = _KeyView(self._name_keys, array("i", self._key_order.astype(np.int32).tobytes()))
        # A tiny popularity term per name, to break candidate ties towards films people know.
        self._name_pop = (np.log1p(self._votes[self._name_film].astype(np.float32)) * 1e-3).astype(np.float32)
        self._is_article = [w in normalize.ARTICLES for w in self._words]
        # Weight of a word in "how much of the title did the query cover": articles count for
        # nothing and sequel markers ("part", "chapter") for little, so "godfather 2" covers
        # "The Godfather: Part II".
        self._cover_w = [
            0.0
            if w in normalize.ARTICLES
            else (0.3 * i if w in normalize.SEQUEL_MARKERS or w in normalize.STOPWORDS else i)
            for w, i in zip(self._words, self._idf_list, strict=True)
        ]

    def _context_signatures(self, chunk: int = 1 << 20) -> np.ndarray:
        """Return, per film, one bit per context word (word id mod 64) ORed together: a quick test
        that rules out most films before their context words are read."""
        off = self._ctx_off.astype(np.int64)
        films = len(off) - 1
        sig = np.zeros(films, dtype=np.uint64)
        lengths = np.diff(off)
        for lo in range(0, films, chunk):
            hi = min(films, lo + chunk)
            a, b = int(off[lo]), int(off[hi])
            if a == b:
                continue
            bits = np.left_shift(np.uint64(1), (self._ctx_toks[a:b] % 64).astype(np.uint64))
            starts = np.minimum(off[lo:hi] - a, b - a - 1)
            part = np.bitwise_or.reduceat(bits, starts)
            part[lengths[lo:hi] == 0] = 0  # reduceat gives an empty range the element at its start
            sig[lo:hi] = part
        return sig

    def save(self, path: Path, stamp: str) -> None:
        """Write the index to one .npz file, tagged with `stamp` (what it was built from)."""
        arrays: dict[str, np.ndarray] = {name.lstrip("_"): getattr(self, name) for name in self._ARRAYS}
        for name in self._TABLES:
            blob, offsets = getattr(self, name).arrays()
            arrays[f"{name.lstrip('_')}__blob"], arrays[f"{name.lstrip('_')}__off"] = blob, offsets
        for name, words in (("words", self._words), ("tri", list(self._tri_vocab))):
            blob, offsets = StringTable(words).arrays()
            arrays[f"{name}__blob"], arrays[f"{name}__off"] = blob, offsets
        arrays["tri_ids"] = np.fromiter(self._tri_vocab.values(), dtype=np.int32, count=len(self._tri_vocab))
        arrays["default"] = np.asarray(self._default, dtype=np.int32)
        arrays["meta"] = np.frombuffer(f"{self.FORMAT}|{stamp}|{self._idf_default}".encode(), dtype=np.uint8)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(tmp, **arrays)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path, stamp: str) -> FilmIndex | None:
        """Read an index written by :meth:`save`; None when missing, stale or unreadable."""
        try:
            with np.load(path, allow_pickle=False) as data:
                fmt, saved, idf_default = data["meta"].tobytes().decode().split("|", 2)
                if int(fmt) != cls.FORMAT or saved != stamp:
                    return None
                self = cls()
                for name in cls._ARRAYS:
                    setattr(self, name, data[name.lstrip("_")])
                for name in cls._TABLES:
                    key = name.lstrip("_")
                    setattr(self, name, StringTable.from_arrays(data[f"{key}__blob"], data[f"{key}__off"]))
                words = StringTable.from_arrays(data["words__blob"], data["words__off"])
                tri = StringTable.from_arrays(data["tri__blob"], data["tri__off"])
                tri_ids = data["tri_ids"].tolist()
                self._default = data["default"].tolist()
        except (OSError, ValueError, KeyError, EOFError):
            return None
        self._words = [words[i] for i in range(len(words))]
        self._vocab = {w: i for i, w in enumerate(self._words)}
        self._tri_vocab = {tri[i]: tri_ids[i] for i in range(len(tri))}
        self._sorted_words = [self._words[i] for i in self._sorted_ids.tolist()]
        self._idf_default = float(idf_default)
        self.size = len(self._film_ids)
        self._derive()
        return self

    def memory_bytes(self) -> int:
        """Return an estimate of the index's own memory (arrays, packed strings, vocabulary)."""
        arrays = sum(v.nbytes for v in vars(self).values() if isinstance(v, np.ndarray))
        tables = sum(v.nbytes for v in vars(self).values() if isinstance(v, StringTable))
        words = sum(len(w) + 57 for w in self._words) + len(self._words) * (8 + 8 + 8 + 40)
        return arrays + tables + words + len(self._tri_vocab) * 100

    # ------------------------------------------------------------------ lookups

    def position(self, film_id: str) -> int | None:
        """Return the internal position of a film id, or None."""
        lo, hi = 0, self.size
        while lo < hi:
            mid = (lo + hi) // 2
            if self._film_ids[int(self._id_order[mid])] < film_id:
                lo = mid + 1
            else:
                hi = mid
        if lo < self.size and self._film_ids[int(self._id_order[lo])] == film_id:
            return int(self._id_order[lo])
        return None

    def hit_for(self, film_id: str) -> Hit | None:
        """Return a Hit (score 1) describing a film by id, or None when unknown."""
        pos = self.position(film_id)
        return None if pos is None else self._hit(pos, 1.0, self._primary_key(pos))

    def reviewed_ids(self) -> list[str]:
        """Return the ids of reviewed films."""
        return [self._film_ids[int(i)] for i in np.flatnonzero(self._reviewed)]

    def with_reviewed(self, film_ids: Iterable[str]) -> FilmIndex:
        """Return a shallow copy in which exactly these films are marked reviewed (no rebuild)."""
        clone = object.__new__(FilmIndex)
        clone.__dict__.update(self.__dict__)
        clone._search_memo = OrderedDict()  # results carry the reviewed flags
        clone._reviewed = np.zeros_like(self._reviewed)
        for film_id in film_ids:
            pos = self.position(film_id)
            if pos is not None:
                clone._reviewed[pos] = True
        top = np.lexsort((-clone._votes.astype(np.int64), ~clone._reviewed))[:25] if clone.size else []
        clone._default = [int(i) for i in top]
        return clone

    def _primary_key(self, pos: int) -> str:
        first = int(self._first_name[pos])
        return (
            self._name_keys[first] if first < len(self._name_keys) and self._name_film[first] == pos else ""
        )

    def _hit(self, pos: int, score: float, name_key: str, **extra) -> Hit:
        year = int(self._years[pos]) or None
        return Hit(
            film_id=self._film_ids[pos],
            title=self._titles[pos],
            year=year,
            director=self._directors[pos] or None,
            reviewed=bool(self._reviewed[pos]),
            votes=int(self._votes[pos]),
            score=round(score, 4),
            name_key=name_key,
            **extra,
        )

    def _hits(self, ranked: list[tuple[int, float, str, bool | None, tuple, tuple, int, tuple]]) -> list[Hit]:
        """Hits for (position, score, name key, year match, hints matched, hints unmatched, name kind,
        words missed)."""
        pos = np.asarray([r[0] for r in ranked], dtype=np.int64)
        years, votes = self._years[pos].tolist(), self._votes[pos].tolist()
        reviewed = self._reviewed[pos].tolist()
        ids, titles, directors = self._film_ids, self._titles, self._directors
        make = Hit._make  # positional, in field order: quicker than keywords, 25 times a keystroke
        return [
            make(
                (
                    ids[p],
                    titles[p],
                    years[k] or None,
                    directors[p] or None,
                    reviewed[k],
                    votes[k],
                    round(score, 4),
                    key,
                    ym,
                    hm,
                    hu,
                    kind,
                    missed,
                )
            )
            for k, (p, score, key, ym, hm, hu, kind, missed) in enumerate(ranked)
        ]

    # ------------------------------------------------------------------ query expansion

    def _fuzzy(self, word: str) -> dict[int, float]:
        """Return vocabulary words within 1 edit (2 for longer words) of `word`, with a similarity."""
        if len(word) < 3 or word.isdigit():
            return {}
        found = self._fuzzy_memo.get(word)
        if found is None:
            if len(self._fuzzy_memo) >= _MEMO_WORDS:
                self._fuzzy_memo.clear()
            found = self._fuzzy_memo[word] = self._fuzzy_uncached(word)
        return found

    def _fuzzy_uncached(self, word: str) -> dict[int, float]:
        out: dict[int, float] = {}
        # A misspelt number word ("thre") means the number titles are indexed under ("3").
        for number, digit in normalize.NUMBER_WORDS.items():
            if number != word and abs(len(number) - len(word)) <= 1 and OSA.distance(word, number) <= 1:
                w_id = self._vocab.get(digit)
                if w_id is not None and self._df(w_id):
                    out[w_id] = 0.85
        if len(word) == 3:
            # Three letters: one-edit neighbours that keep the first letter ("reb" for "red",
            # "lve" for "love"), looked up directly; anything looser matches half the vocabulary.
            for other in self._vocab.keys() & _edits1(word):  # the set operation runs in C
                if other != word and len(other) >= 3 and other[0] == word[0]:
                    w_id = self._vocab[other]
                    if w_id not in out and self._df(w_id):
                        out[w_id] = 0.8
            return self._strongest(out)
        max_dist = 1 if len(word) < 5 else 2
        grams = [self._tri_vocab.get(g) for g in set(_trigrams(word))]
        lists = [self._tri_post[self._tri_off[g] : self._tri_off[g + 1]] for g in grams if g is not None]
        # Whether every word sharing a trigram with this one was checked (nothing left out for
        # being common or beyond the closest few hundred).
        complete = True
        if lists:
            # A word within k edits shares at least len(grams) - 4k trigrams with the query word
            # (a transposition, "kliler" for "killer", can break four).
            need = max(1, len(grams) - 4 * max_dist)
            # Very common trigrams ("the", "ing") add little; skip them when others are available.
            lists.sort(key=len)
            if len(lists) > need:
                kept = [lst for i, lst in enumerate(lists) if i < need + 2 or len(lst) < 20_000]
                complete = len(kept) == len(lists)
                lists = kept
            pool = np.concatenate(lists)
            cand, counts = np.unique(pool, return_counts=True)
            keep = counts >= min(need, len(lists))
            cand, counts = cand[keep], counts[keep]
            close = np.abs(self._word_len[cand] - len(word)) <= max_dist
            cand, counts = cand[close], counts[close]
            if len(cand) > 400:
                # The words sharing the most trigrams are the likeliest near-misses.
                top = np.argpartition(-counts, 400)[:400]
                cand = cand[top]
                complete = False
            others = [self._words[i] for i in cand.tolist()]
            # Two slips in a five-letter word ("wolmn") are a long way off: weighed lower.
            far = 0.74 if len(word) >= 6 else 0.68
            for other, dist, idx in process.extract_iter(
                word, others, scorer=OSA.distance, score_cutoff=max_dist
            ):
                if other == word:
                    continue
                # Typos deep in a word cost less than a changed first letter.
                sim = 0.88 if dist == 1 else far
                if other[0] != word[0]:
                    sim -= 0.06
                out[int(cand[idx])] = max(sim, out.get(int(cand[idx]), 0.0))
        if len(word) <= 8:
            # Short words: one-edit neighbours looked up directly, where the trigram pass may have
            # missed them. A one-edit neighbour of a word of five letters or more shares a trigram
            # with it, so only a cut-short pass (or a digit: numbers have no trigrams) leaves any
            # out; in a four-letter word a transposition can break every trigram ("wlid", "wild").
            if not complete or any(c.isdigit() for c in word):
                near = _edits1(word)
            else:
                near = _transposes(word) if len(word) == 4 else []
            for other in self._vocab.keys() & near if near else ():
                w_id = self._vocab[other]
                if other != word and w_id not in out and self._df(w_id):
                    out[w_id] = 0.88 if other[0] == word[0] else 0.82
        return self._strongest(out)

    def _strongest(self, out: dict[int, float]) -> dict[int, float]:
        """Keep the closest near-misses (the commoner word first among equals)."""
        if len(out) > _MAX_FUZZY_PER_WORD:
            best = sorted(out, key=lambda w: (-out[w], -self._df(w)))[:_MAX_FUZZY_PER_WORD]
            out = {w: out[w] for w in best}
        return out

    def _df(self, w_id: int) -> int:
        if w_id < 0:
            return 0
        return self._post_off_list[w_id + 1] - self._post_off_list[w_id]

    def _prefixed(self, prefix: str, limit: int = 30) -> dict[int, float]:
        """Return vocabulary words that begin with `prefix` (the word being typed)."""
        lo = bisect_left(self._sorted_words, prefix)
        hi = bisect_left(self._sorted_words, prefix + "\uffff", lo)
        if hi <= lo:
            return {}
        ids = self._sorted_ids[lo:hi]
        if len(ids) > limit:
            dfs = self._post_off[ids + 1] - self._post_off[ids]
            ids = ids[np.argpartition(-dfs, limit)[:limit]]
        sim = 0.92 if len(prefix) >= 4 else 0.85
        return {int(w): (1.0 if self._words[int(w)] == prefix else sim) for w in ids}

    def _split_joined(self, parsed: hints.ParsedQuery, prefix: bool) -> hints.ParsedQuery:
        """Split words typed without a space ("kingkong" → "king kong") when both halves are title words."""
        out: list[hints.QueryToken] = []
        changed = False
        last = len(parsed.tokens) - 1
        for i, tok in enumerate(parsed.tokens):
            word = tok.text
            if (
                len(word) >= 6
                and word.isalpha()
                and self._df(self._vocab.get(word, -1)) == 0
                and not (word in self._vocab and self._in_ctx[self._vocab[word]])  # a name: "freeman"
                and not (prefix and i == last)
                # A one-letter typo ("mitoor" for "mitor") is likelier than two words run together.
                and not any(sim >= 0.82 for sim in self._fuzzy(word).values())
            ):
                best: tuple[int, int] | None = None
                for cut in range(2, len(word) - 1):
                    left, right = self._vocab.get(word[:cut]), self._vocab.get(word[cut:])
                    if left is not None and right is not None and self._df(left) and self._df(right):
                        balance = min(cut, len(word) - cut)
                        if best is None or balance > best[0]:
                            best = (balance, cut)
                if best is not None:
                    cut = best[1]
                    for part in (word[:cut], word[cut:]):
                        out.append(hints.QueryToken(part, part, part in hints.FILLERS, None, None, None))
                    changed = True
                    continue
            out.append(tok)
        return hints.ParsedQuery(parsed.text, tuple(out)) if changed else parsed

    def _expand(
        self, parsed: hints.ParsedQuery, prefix: bool, typos: bool = True, spelled: bool = False
    ) -> list[dict[int, float]]:
        out: list[dict[int, float]] = []
        last = len(parsed.tokens) - 1
        for i, tok in enumerate(parsed.tokens):
            variants: dict[int, float] = {}
            exact = self._vocab.get(tok.text)
            if exact is not None:
                variants[exact] = 1.0
            typing = prefix and i == last
            if typing:
                for w, s in self._prefixed(tok.text).items():
                    variants.setdefault(w, s)
                if spelled:
                    # "burning v" may become "Burning Valev", not only "Burning V" (= 5)
                    for w, s in self._prefixed(tok.raw).items():
                        variants.setdefault(w, s)
            # A word still being typed that begins known words is most likely right so far: only
            # a finished word (or one no title word begins with) is looked at for typos.
            if typos and (not typing or not variants):
                for w, s in self._fuzzy(tok.text).items():
                    variants.setdefault(w, s)
            out.append(variants)
        return out

    # ------------------------------------------------------------------ search

    def search(self, query: str | hints.ParsedQuery, limit: int = 10, *, prefix: bool = False) -> list[Hit]:
        """Return the best films for a query, best first (at most `limit`)."""
        if isinstance(query, str):
            memo_key = (query, limit, prefix)
            found = self._search_memo.get(memo_key)
            if found is None:
                found = self._search(hints.parse(query), limit, prefix)
                self._search_memo[memo_key] = found
                if len(self._search_memo) > _MEMO_QUERIES:
                    self._search_memo.popitem(last=False)
            else:
                self._search_memo.move_to_end(memo_key)
            return list(found)
        return self._search(query, limit, prefix)

    def _search(self, parsed: hints.ParsedQuery, limit: int, prefix: bool) -> list[Hit]:
        if not self.size or not parsed.tokens:
            return []
        parsed = self._split_joined(parsed, prefix)
        begins, lo, hi = self._title_range(parsed) if prefix else ("", 0, 0)
        # The last word read as typed ("v", not 5) only when a title begins with it so spelled.
        spelled = (
            bool(begins) and _typed_otherwise(parsed.tokens[-1]) and begins.endswith(parsed.tokens[-1].raw)
        )
        if hi - lo >= limit + _PREFIX_NAMES:
            # Many titles begin with what was typed so far: the most popular of them are the
            # suggestions (what was typed is spelled as titles spell it, so no typos to look for).
            variants = self._expand(parsed, prefix, typos=False, spelled=spelled)
            names = self._most_popular(lo, hi, limit + _PREFIX_NAMES)
        else:
            # Typos are looked for only when no title begins with what was typed (nor, for a whole
            # query, is exactly it): when one does, it is spelled as titles spell it (as above), and
            # near-misses of its words crowd in titles that merely look alike ("Walking Paul" for
            # "waiting paul").
            spelled_right = hi > lo if prefix else self._names_a_title(parsed)
            variants = self._expand(parsed, prefix, typos=not spelled_right, spelled=spelled)
            names = self._candidates(parsed, variants, _FILL_BUDGET if hi > lo else _POSTING_BUDGET)
            if hi > lo:
                # As typed so far: the titles that begin with it join the candidates (a half-typed
                # last word may not reach them through the word index).
                names = np.union1d(names, self._most_popular(lo, hi, _PREFIX_NAMES)).astype(np.int32)
        if len(names) == 0:
            return []
        return self._rescore(parsed, variants, names, limit, prefix, begins, spelled)

    def _names_a_title(self, parsed: hints.ParsedQuery) -> bool:
        """Whether the query's title words, years, hints and chatter aside, are exactly some title's."""
        words = [
            t.text
            for t in parsed.tokens
            if t.year is None and t.hint is None and not (t.filler and t.text not in normalize.ARTICLES)
        ]
        key = normalize.key(" ".join(words)).encode("utf-8") if words else b""
        if not key:
            return False
        view = self._key_view
        at = bisect_left(view, key)
        return at < len(view) and view[at] == key

    def _title_range(self, parsed: hints.ParsedQuery) -> tuple[str, int, int]:
        """Return (the typed key, and the range of names in key order that begin with it)."""
        typed = normalize.key(parsed.text)
        words = [t.text for t in parsed.tokens]
        while words and words[0] in hints.FILLERS and words[0] not in normalize.ARTICLES:
            words = words[1:]  # chatter before the title ("should i watch dun")
        attempts = [typed, normalize.key(" ".join(words))]
        if parsed.tokens and _typed_otherwise(parsed.tokens[-1]):
            spelled = [t.text for t in parsed.tokens[:-1]] + [parsed.tokens[-1].raw]
            if len(spelled) > 1 and spelled[0] in normalize.ARTICLES:
                spelled = spelled[1:]
            attempts.insert(0, " ".join(spelled))  # "vi": "Vicky…" rather than "Six…"
        view = self._key_view
        for attempt in dict.fromkeys(attempts):
            if not attempt:
                continue
            lo = bisect_left(view, attempt.encode("utf-8"))
            hi = bisect_left(view, (attempt + "\uffff").encode("utf-8"), lo)
            if hi > lo:
                return attempt, lo, hi
        return "", 0, 0

    def _most_popular(self, lo: int, hi: int, k: int) -> np.ndarray:
        """Return the names of the k most popular films in a range of the key order."""
        ids = self._key_order[lo:hi]
        if len(ids) > k:
            ids = ids[np.argpartition(-self._name_pop[ids], k)[:k]]
        return ids

    def _candidates(
        self, parsed: hints.ParsedQuery, variants: list[dict[int, float]], budget: int = _POSTING_BUDGET
    ) -> np.ndarray:
        """Return candidate name ids: those sharing the rarer query words, within a budget of postings."""
        groups: list[tuple[int, list[np.ndarray], list[float]]] = []
        post_off, post, idf, is_article = self._post_off_list, self._post, self._idf_list, self._is_article
        seen: set[str] = set()
        for tok, var in zip(parsed.tokens, variants, strict=True):
            if not var or tok.text in seen:
                continue  # a word typed twice ("la mentira de la mentira") is looked up once
            seen.add(tok.text)
            lists, weights, wids, size = [], [], [], 0
            exact_id = self._vocab.get(tok.text)
            exact_idf = idf[exact_id] if exact_id is not None and self._df(exact_id) else None
            typed_article = tok.text in normalize.ARTICLES
            for w, sim in var.items():
                lo, hi = post_off[w], post_off[w + 1]
                if hi > lo:
                    n = hi - lo if hi - lo < budget else budget
                    lists.append(post[lo : lo + n])
                    # A fuzzy variant never outweighs the word as typed ("angel" must not lose to the
                    # rarer "anger"): cap its rarity at the typed word's.
                    rarity = idf[w] if exact_idf is None or idf[w] < exact_idf else exact_idf
                    article = typed_article or is_article[w]
                    weights.append(sim * rarity * (0.1 if article else 1.0))
                    wids.append(w)
                    size += n
            if lists:
                groups.append((size, lists, weights, wids))
        if not groups:
            return np.zeros(0, dtype=np.int32)
        groups.sort(key=lambda g: g[0])
        chosen: list[tuple[np.ndarray, float]] = []
        skipped: list[tuple[list[int], list[float]]] = []
        total = 0
        for n, (size, lists, weights, wids) in enumerate(groups):
            if n > 0 and total + size > budget:
                skipped.append((wids, weights))
                continue
            chosen.extend(zip(lists, weights, strict=True))
            total += size
        uniq, matched = self._accumulate(chosen, total)
        if skipped and len(uniq):
            # Words too common to gather candidates by ("shark" in a million titles) still count
            # for the candidates the rarer words found: "The Shark of the Nomad" over "Nomad".
            matched = matched + self._word_weights(uniq, skipped)
        if total >= budget or skipped:
            # Postings were cut to the most popular films: an obscure film whose words are all
            # common ("Heart of the Love", one of dozens) is still found when typed exactly.
            exact = self._exact_names(parsed)
            if len(exact) and len(uniq):
                pos = np.minimum(np.searchsorted(uniq, exact), len(uniq) - 1)
                exact = exact[uniq[pos] != exact]  # uniq is sorted
            if len(exact):
                weight = self._word_weights(exact, [(g[3], g[2]) for g in groups])
                uniq = np.concatenate([uniq, exact.astype(uniq.dtype)])
                matched = np.concatenate([matched, weight])
        # An initialism ("lotr") is a candidate only when typed exactly, never through a typo.
        acronyms = np.flatnonzero(self._name_kind[uniq] == NAME_ACRONYM)
        if len(acronyms):
            exact_ids = [self._vocab[t.text] for t in parsed.tokens if t.text in self._vocab]
            first_tok = self._name_toks[self._name_off[uniq[acronyms]]]
            matched[acronyms[~np.isin(first_tok, exact_ids)]] = 0.0
        # Cosine-like: what the title and the query share, against the weight of both, so "The
        # King" outranks "King of the King" for the query "the king".
        query_weight = sum(max(g[2]) for g in groups)
        scores = matched / np.sqrt(np.maximum(self._name_weight[uniq], 2.0) * max(query_weight, 0.5))
        top = scores.max()
        if top <= 0.0:
            return uniq[:0]
        keep_mask = scores >= 0.25 * top
        uniq, scores, matched = uniq[keep_mask], scores[keep_mask], matched[keep_mask]
        if len(uniq) > _RESCORE_NAMES:
            scores = scores + self._context_boost(parsed, uniq, scores)
        years = [t.year for t in parsed.tokens if t.year is not None]
        if years and len(uniq) > _RESCORE_NAMES:
            # "Seven 1971": among dozens of films called Seven, the one of that year must be scored.
            film_years = self._years[self._name_film[uniq]].astype(np.int32)
            scores = scores + 0.5 * np.any([np.abs(film_years - y) <= 1 for y in years], axis=0)
        if len(uniq) > _RESCORE_NAMES:
            # Ties broken towards popular films (postings are popularity-ordered, np.unique is not).
            pop = self._name_pop[uniq]
            keep = np.argpartition(-(scores + pop), _RESCORE_NAMES)[:_RESCORE_NAMES]
            # Also the names holding the most of what was asked, however long they are ("La
            # mentira de la mentira" among dozens of films also known as "Mentira").
            most = np.argpartition(-(matched + pop), _COVER_NAMES)[:_COVER_NAMES]
            uniq = uniq[np.union1d(keep, most)]
        return uniq

    def _exact_names(self, parsed: hints.ParsedQuery) -> np.ndarray:
        """Return the names whose key is exactly a run of the query's words ("heart of the love"
        in "heart of the love townsend"), at most _EXACT_RUN_NAMES per run, most popular first."""
        words = [t.text for t in parsed.tokens]
        view = self._key_view
        found: list[np.ndarray] = []
        for i in range(len(words)):
            if words[i] in normalize.STOPWORDS:
                continue  # keys do not begin with an article or "of"
            for j in range(len(words), i, -1):
                if j - i > _EXACT_RUN_WORDS:
                    continue
                key = " ".join(words[i:j]).encode("utf-8")
                lo = bisect_left(view, key)
                if lo == len(view) or view[lo] != key:
                    continue
                hi = bisect_left(view, key + b"\x00", lo)
                found.append(self._most_popular(lo, hi, _EXACT_RUN_NAMES))
        return np.unique(np.concatenate(found)) if found else np.zeros(0, np.int32)

    def _word_weights(self, uniq: np.ndarray, groups: list[tuple[list[int], list[float]]]) -> np.ndarray:
        """Return, per candidate name, the summed weight of the query words it contains (each
        word's variants at their best weight)."""
        table = self._word_scratch()
        touched = [np.asarray(wids, dtype=np.int64) for wids, _ in groups]
        try:
            for ids, (_, weights) in zip(touched, groups, strict=True):
                table[ids] = np.maximum(table[ids], np.asarray(weights, dtype=np.float32))
            owner, words = _gather_rows(self._name_toks, self._name_off, uniq)
            return np.bincount(owner, weights=table[words], minlength=len(uniq))
        finally:
            for ids in touched:
                table[ids] = 0.0

    def _word_scratch(self) -> np.ndarray:
        """Return this thread's zeroed per-word weight table."""
        local = self._local
        table = getattr(local, "words", None)
        if table is None or len(table) != len(self._words):
            table = local.words = np.zeros(len(self._words), dtype=np.float32)
        return table

    def _context_boost(
        self, parsed: hints.ParsedQuery, uniq: np.ndarray, scores: np.ndarray
    ) -> np.ndarray | float:
        """Favour candidates whose director, cast, language… match words of the query.

        "The Tiger Freeman" among hundreds of films called The Tiger: the one with Freeman in it
        must reach the rescoring, so the best-scored few thousand are checked here, in bulk.
        """
        wanted = [
            w
            for t in parsed.tokens
            if not t.filler and (w := self._vocab.get(t.text)) is not None and self._in_ctx[w]
        ]
        if not wanted:
            return 0.0
        pool = np.argpartition(-scores, _CONTEXT_POOL)[:_CONTEXT_POOL] if len(uniq) > _CONTEXT_POOL else None
        films = self._name_film[uniq if pool is None else uniq[pool]]
        # Only films whose signature has a bit of a wanted word can have it: read just those.
        wanted_bits = np.uint64(0)
        for w in wanted:
            wanted_bits |= np.uint64(1) << np.uint64(w % 64)
        maybe = np.flatnonzero(self._ctx_sig[films] & wanted_bits)
        if not len(maybe):
            return 0.0
        pool = maybe if pool is None else pool[maybe]
        films = films[maybe]
        owner, words = _gather_rows(self._ctx_toks, self._ctx_off, films)
        if not len(words):
            return 0.0
        table = self._word_scratch()
        try:
            table[wanted] = 1.0
            hits = np.bincount(owner, weights=table[words], minlength=len(films))
        finally:
            table[wanted] = 0.0
        out = np.zeros(len(uniq))
        out[pool] = np.minimum(hits, 2) * 0.3
        return out

    def _accumulate(self, lists: list[tuple[np.ndarray, float]], total: int) -> tuple[np.ndarray, np.ndarray]:
        """Sum each list's weight per name id: (sorted name ids, summed weights)."""
        ids = np.concatenate([lst for lst, _ in lists])
        wts = np.repeat(np.asarray([w for _, w in lists], dtype=np.float32), [len(lst) for lst, _ in lists])
        if total * 16 < len(self._name_film):
            uniq, inverse = np.unique(ids, return_inverse=True)
            return uniq, np.bincount(inverse, weights=wts)
        # Many postings: add into a dense per-thread scratch array rather than sorting them.
        sums, seen = self._scratch()
        try:
            np.add.at(sums, ids, wts)
            seen[ids] = True
            uniq = np.flatnonzero(seen).astype(np.int32)
            matched = sums[uniq].astype(np.float64)
        finally:
            sums[ids] = 0.0
            seen[ids] = False
        return uniq, matched

    def _scratch(self) -> tuple[np.ndarray, np.ndarray]:
        """Return this thread's zeroed (sums, seen) arrays, one slot per name."""
        local = self._local
        arrays = getattr(local, "arrays", None)
        if arrays is None or len(arrays[0]) != len(self._name_film):
            n = len(self._name_film)
            arrays = local.arrays = (np.zeros(n, dtype=np.float32), np.zeros(n, dtype=bool))
        return arrays

    def _query_weights(
        self, parsed: hints.ParsedQuery, variants: list[dict[int, float]]
    ) -> tuple[list[float], list[float]]:
        """Weigh each query word by rarity: (weight, weight when no title word matches it).

        Fillers ("should", "the", "one", "old") weigh nothing unless a title word matches them
        ("The Last Love"); hint words weigh less than title words.
        """
        out: list[float] = []
        unmatched: list[float] = []
        for tok, var in zip(parsed.tokens, variants, strict=True):
            exact = self._vocab.get(tok.text)
            if exact is not None and self._df(exact):
                w = self._idf_list[exact]
            else:
                known = [self._idf_list[v] for v in var if self._df(v)]
                if known:
                    w = max(known)
                elif tok.hint is None and tok.year is None and exact is None:
                    w = self._idf_default  # a word no title has: it should have matched something
                else:
                    w = 5.0
            if tok.year is not None or tok.hint is not None:
                w = min(w, 5.0)
            elif tok.text.isdigit():
                w = max(w, 6.0)  # a sequel number is a strong signal however common the digit
            # A typo of an article ("tehe") is an article too.
            article_like = tok.text in normalize.ARTICLES or (
                exact is None and any(s >= 0.8 and self._is_article[v] for v, s in var.items())
            )
            if tok.filler or article_like:
                w = min(w, 4.0) if not article_like else 0.0
            out.append(w)
            unmatched.append(0.0 if tok.filler or article_like else w)
        return out, unmatched

    def _rescore(
        self,
        parsed: hints.ParsedQuery,
        variants: list[dict[int, float]],
        names: np.ndarray,
        limit: int,
        prefix: bool,
        begins: str = "",
        spelled: bool = False,
    ) -> list[Hit]:
        toks = parsed.tokens
        cover_w = self._cover_w
        qweights, qweights_unmatched = self._query_weights(parsed, variants)
        qbase = sum(qweights_unmatched)
        has_year = any(t.year is not None for t in toks)
        last = len(toks) - 1
        # For autocomplete: the query as a title prefix, leading article and fillers aside.
        typed = [t.text for t in toks if not (t.filler and t.text not in normalize.ARTICLES)]
        typed_article = len(typed) > 1 and typed[0] in normalize.ARTICLES
        while len(typed) > 1 and typed[0] in normalize.ARTICLES:
            typed = typed[1:]
        typed_bytes = " ".join(typed).encode("utf-8")
        begins_bytes = begins.encode("utf-8")
        name_keys = self._name_keys
        query_key = " ".join(
            t.text for t in toks if t.year is None and not (t.filler and t.text not in normalize.ARTICLES)
        )
        if query_key.split(" ", 1)[0] in normalize.ARTICLES and " " in query_key:
            query_key = query_key.split(" ", 1)[1]
        # Everything typed, chatter-like words included: a title or alias spelled exactly so
        # ("Good Wager", "Marcor: The Movie") is what was asked for.
        whole_key = normalize.key(parsed.text) if not prefix else ""
        if whole_key == query_key:
            whole_key = ""
        active = [(i, var) for i, var in enumerate(variants) if var]

        best: dict[int, tuple[float, int, tuple, tuple, bool | None, tuple]] = {}
        # Gather per-candidate facts in bulk: numpy scalar access inside the loop is slow.
        films_l = self._name_film[names].tolist()
        kinds_l = self._name_kind[names].tolist()
        articles_l = self._name_article[names].tolist()
        # Every candidate's title words in one gather, cut per name by `bounds`.
        owner, flat = _gather_rows(self._name_toks, self._name_off, names)
        flat_l = flat.tolist()
        bounds = np.searchsorted(owner, np.arange(len(names) + 1, dtype=np.int32)).tolist()
        years_l = self._years[films_l].tolist()
        votes_l = self._votes[films_l].tolist()
        reviewed_l = self._reviewed[films_l].tolist()
        # Vocabulary word -> [(query position, similarity)]: one lookup per title word.
        tokmap: dict[int, list[tuple[int, float]]] = {}
        for i, var in active:
            for w, sim in var.items():
                tokmap.setdefault(w, []).append((i, sim))
        query_years = [t.year for t in toks if t.year is not None]
        words = self._words
        partial: tuple[str, ...] = ()
        if prefix and toks[last].year is None:
            partial = (toks[last].raw, toks[last].text) if spelled else (toks[last].text,)
        partial_hits = [(last, 0.92 if len(toks[last].text) >= 4 else 0.85)]
        # Words that may match a film's context (director, cast, language…): a hint word ("korean",
        # "netflix") must match as typed; a name may carry a typo.
        ctx_vars = [
            {w: s for w, s in var.items() if s >= (1.0 if tok.hint is not None else 0.8)}
            for tok, var in zip(toks, variants, strict=True)
        ]
        # A film can have one of those words in its context only if its signature has the word's
        # bit (word id mod 64): most films are ruled out without reading their context.
        ctx_bits = [functools.reduce(operator.or_, (1 << (w % 64) for w in cv), 0) for cv in ctx_vars]
        sigs_l = self._ctx_sig[films_l].tolist() if any(ctx_bits) else [0] * len(films_l)
        # Full queries: words that name things in other titles, not chatter, years or hints.
        telling = (
            set()
            if prefix
            else {
                t.text
                for t in toks
                if not t.filler
                and t.year is None
                and t.hint is None
                and (
                    (
                        len(t.text) >= 3
                        and t.text.isalpha()
                        and t.text not in normalize.STOPWORDS
                        # A word no title has ("believer" in "the exorcist believer") names
                        # something the catalog lacks, unless it is short enough to be chatter.
                        and (t.text in self._vocab or len(t.text) >= 4)
                    )
                    or (
                        t.text.isdigit() and 1 < int(t.text) <= 20 and t.text in self._vocab
                    )  # a sequel's number
                )
            }
        )
        # "5" typed, "King V: The House" written (a lone letter mid-title stays a letter).
        roman_alt = {
            digit: {
                self._vocab[letter]
                for letter, d in normalize.SINGLE_ROMAN.items()
                if d == digit and letter in self._vocab
            }
            for digit in telling
            if digit.isdigit()
        }
        for k, name in enumerate(names.tolist()):
            film = films_l[k]
            ntoks = flat_l[bounds[k] : bounds[k + 1]]
            q_title = [0.0] * len(toks)
            ntotal = 0.0
            ncov = 0.0
            if kinds_l[k] == NAME_ACRONYM and not any(var.get(ntoks[0]) == 1.0 for _, var in active):
                continue  # an initialism ("lotr") only counts when typed exactly, not as a typo
            used: set[int] = set()
            for t in ntoks:
                w = cover_w[t]
                ntotal += w
                hits = tokmap.get(t)
                if hits is None:
                    if not (partial and words[t].startswith(partial)):
                        continue
                    hits = partial_hits  # the word being typed, whatever it will become
                # Each query word covers one title word: "el corazón" does not fully cover
                # "El corazón de el corazón".
                best_here, best_i = 0.0, -1
                for i, sim in hits:
                    if i not in used and sim > best_here:
                        best_here, best_i = sim, i
                if best_i < 0:
                    continue
                used.add(best_i)
                if best_here > q_title[best_i]:
                    q_title[best_i] = best_here
                ncov += w * best_here
            name_cov = ncov / ntotal if ntotal else 0.0
            ctx: set[int] | None = None
            q_cov = 0.0
            qtotal = qbase
            year_match: bool | None = None
            hits_ctx: list[str] = []
            fillers_in_title = 0
            misses_hint: list[str] = []
            missed: list[str] = []
            fy = years_l[k]
            for i, tok in enumerate(toks):
                wq = qweights_unmatched[i]
                if q_title[i] >= 0.6:
                    q_cov += qweights[i] * q_title[i]
                    if tok.filler:
                        qtotal += qweights[i]  # a filler word that is a title word counts after all
                        fillers_in_title += 1
                    continue
                if tok.year is not None:
                    if fy == tok.year:
                        year_match = True
                        q_cov += wq
                    elif fy and abs(fy - tok.year) == 1:
                        q_cov += wq * 0.6
                        year_match = bool(year_match)
                    elif year_match is None:
                        year_match = False
                    continue
                if wq == 0.0 and tok.hint is None:
                    continue
                sim = 0.0
                if sigs_l[k] & ctx_bits[i]:
                    if ctx is None:
                        ctx = set(self._ctx_toks[self._ctx_off[film] : self._ctx_off[film + 1]].tolist())
                    sim = max((s for w, s in ctx_vars[i].items() if w in ctx), default=0.0)
                if sim > 0:
                    # A name in the credits is good evidence, a little less than the same word in
                    # the title ("The Valley o the Harbor": Harbor is a title word, not an actor).
                    q_cov += wq * sim * (1.0 if tok.hint is not None else 0.8)
                    hits_ctx.append(tok.text)
                elif tok.hint is not None:
                    misses_hint.append(tok.text)
                elif tok.text in telling and not (roman_alt.get(tok.text, set()) & set(ntoks)):
                    missed.append(tok.text)
                elif prefix and i == last:
                    q_cov += wq * 0.3  # a half-typed word may still become anything
            q_cov /= qtotal or 1.0
            # "Bad" in "The Bad Reason": a word that is chatter elsewhere, found in the title.
            q_cov += 0.04 * min(fillers_in_title, 2)
            if prefix:
                # The rest of the title is not typed yet: what was typed, where it sits, and how
                # popular the film is matter more than how much of the title is covered.
                score = _PREFIX_COVER * name_cov + (1 - _PREFIX_COVER) * q_cov
                if begins_bytes and name_keys.startswith(name, begins_bytes):
                    score += 0.12 if not typed_article or articles_l[k] else 0.04
                elif typed_bytes and name_keys.startswith(name, typed_bytes):
                    # Begins with the title words typed, but not with everything typed ("a
                    # basement i" is on its way to "A Basement in…", not "The Basement").
                    full = not begins_bytes or len(typed_bytes) >= len(begins_bytes)
                    score += (0.12 if full else _PARTLY_TYPED) if not typed_article or articles_l[k] else 0.04
            else:
                score = 0.5 * name_cov + 0.5 * q_cov
            if not prefix and query_key:
                # The title exactly as asked, in the same order, beats the same words shuffled;
                # spelled exactly, a subtitle or alternative title is as good as the title.
                name_key = self._name_keys[name]
                if whole_key and name_key == whole_key:
                    score = score * _EXACT_FACTOR[kinds_l[k]] + 0.25
                elif name_key == query_key:
                    score = score * _EXACT_FACTOR[kinds_l[k]] + 0.15
                else:
                    score *= _NAME_FACTOR[kinds_l[k]]
                    if len(name_key) < 3 * len(query_key):
                        score += 0.03 * ratio(name_key, query_key) / 100
            else:
                score *= _NAME_FACTOR[kinds_l[k]]
            if year_match is not None:
                if year_match:
                    score += 0.08
                elif fy and not any(abs(fy - y) <= 1 for y in query_years):
                    score -= 0.12
            score += 0.05 * min(len(hits_ctx), 2) - 0.08 * len(misses_hint)
            score += (_PREFIX_POPULARITY if prefix else 0.03) * min(1.0, math.log10(1 + votes_l[k]) / 6.0)
            if reviewed_l[k]:
                score += 0.01
            prev = best.get(film)
            # A word is missed by the film only when every one of its names misses it.
            if prev is not None:
                missed = [w for w in missed if w in prev[5]]
            if prev is None or score > prev[0]:
                best[film] = (
                    score,
                    name,
                    tuple(hits_ctx),
                    tuple(misses_hint),
                    year_match if has_year else None,
                    tuple(missed),
                )
            elif len(missed) < len(prev[5]):
                best[film] = (*prev[:5], tuple(missed))

        votes_of = dict(zip(films_l, votes_l, strict=True))
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -votes_of[kv[0]], kv[0]))[:limit]
        return self._hits(
            [
                (film, score, self._name_keys[name], ym, hm, hu, int(self._name_kind[name]), missed)
                for film, (score, name, hm, hu, ym, missed) in ranked
            ]
        )

    def describe_match(self, parsed: hints.ParsedQuery, film_ids: Sequence[str]) -> list[float]:
        """Return, per film, how well a description ("the korean one", "john wick") fits it."""
        variants = self._expand(parsed, False)
        out: list[float] = []
        for film_id in film_ids:
            pos = self.position(film_id)
            if pos is None:
                out.append(0.0)
                continue
            words = set(self._ctx_toks[self._ctx_off[pos] : self._ctx_off[pos + 1]].tolist())
            for name in range(int(self._first_name[pos]), len(self._name_film)):
                if self._name_film[name] != pos:
                    break
                words.update(self._name_toks[self._name_off[name] : self._name_off[name + 1]].tolist())
            score = 0.0
            for tok, var in zip(parsed.tokens, variants, strict=True):
                if tok.filler or tok.text in normalize.STOPWORDS:
                    continue
                # Short words only count exactly: "dune" must not pick the film with a "Dane" in it.
                floor = 1.0 if len(tok.text) < 5 else 0.7
                score += max((s for w, s in var.items() if w in words and s >= floor), default=0.0)
            out.append(round(score, 3))
        return out

    def popular_titles(self, limit: int = 5000) -> list[tuple[str, str]]:
        """Return (film id, title key) of the most popular films, for last-resort suggestions."""
        if not hasattr(self, "_popular"):
            top = np.argsort(-self._votes.astype(np.int64), kind="stable")[:limit]
            self._popular = [(self._film_ids[int(p)], self._name_keys[int(self._first_name[p])]) for p in top]
            self._popular_keys = [key for _, key in self._popular]
        return self._popular

    def popular_keys(self) -> list[str]:
        """Return the title keys of :meth:`popular_titles`, in the same order (kept, not rebuilt per call)."""
        self.popular_titles()
        return self._popular_keys

    # ------------------------------------------------------------------ autocomplete

    def default_hits(self, limit: int = 25) -> list[Hit]:
        """Return what to offer before anything is typed: reviewed films, then popular ones."""
        return [self._hit(pos, 0.0, "") for pos in self._default[:limit]]

    def films_named(self, name_key: str) -> list[int]:
        """Return positions of films with a title or alias whose key is exactly `name_key`."""
        words = name_key.split()
        ids = [self._vocab.get(w) for w in words]
        if not words or any(i is None for i in ids):
            return []
        rarest = min(ids, key=lambda i: self._df(i))  # type: ignore[arg-type]
        lo, hi = self._post_off[rarest], self._post_off[rarest + 1]
        out = []
        for name in self._post[lo:hi].tolist():
            if self._name_keys[name] == name_key:
                out.append(int(self._name_film[name]))
        return list(dict.fromkeys(out))

    def positions_to_hits(self, positions: Sequence[int], name_key: str = "") -> list[Hit]:
        """Return Hits for internal positions (score 0)."""
        return [self._hit(p, 0.0, name_key) for p in positions]
