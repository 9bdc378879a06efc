"""Title and query normalisation: one canonical token form for both sides of a match.

Rules, applied in order:
1. Unicode NFKC, then transliteration to ASCII (anyascii): "Amélie" → "amelie", "발레리나" → "ballelina".
2. Lower case; "&" and "+" → "and"; apostrophes join ("schindler's" → "schindlers"); other
   punctuation separates words. A hyphenated word is kept split and also offered joined
   ("spider-man" → "spider man", variant "spiderman") by :func:`title_variants`.
3. Number words and roman numerals become digits: "two" → "2", "ii" → "2". Single-letter numerals
   ("i", "v", "x") only where they are clearly a sequel number: after "part", "episode", "chapter",
   "vol", "volume", "book", or as the last word after at least one other word ("rocky v").
4. Leading articles ("the", "a", "an", "le", "la", "les", "l", "der", "die", "das", "el", "los",
   "las", "il", "lo", "gli") are dropped from the *key* of a title, kept as tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii

ARTICLES = frozenset("the a an le la les l der die das el los las il lo gli une un des".split())
STOPWORDS = ARTICLES | frozenset("of and in on to for at by with from or".split())

NUMBER_WORDS = {
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "thousand": "1000",
}
ROMAN = {
    "ii": "2",
    "iii": "3",
    "iv": "4",
    "vi": "6",
    "vii": "7",
    "viii": "8",
    "ix": "9",
    "xi": "11",
    "xii": "12",
    "xiii": "13",
    "xiv": "14",
    "xv": "15",
    "xvi": "16",
    "xvii": "17",
    "xviii": "18",
    "xix": "19",
    "xx": "20",
}
SINGLE_ROMAN = {"i": "1", "v": "5", "x": "10"}
SEQUEL_MARKERS = frozenset({"part", "episode", "chapter", "vol", "volume", "book", "pt", "ep"})

_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u02bc\u0060\u00b4]")
_AMP = re.compile(r"\s*[&+]\s*")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_HYPHENATED = re.compile(r"\b([a-z0-9]+)(?:-([a-z0-9]+))+\b")
_SUBTITLE_SPLIT = re.compile(r"\s*(?::|\s[-\u2013\u2014]\s|\u2013|\u2014)\s*")
_TRAILING_ARTICLE = re.compile(r",\s*(the|a|an)\s*$", re.IGNORECASE)


# Bump when keys change for the same text: databases re-key the shipped catalog at their next start.
VERSION = 2

_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}(?!\d))")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Return ASCII, lower-case text with "&" spelled out, apostrophes joined and digit groups
    joined ("20,000" → "20000")."""
    if ("," in text or "." in text) and _THOUSANDS.search(text):
        text = _THOUSANDS.sub("", text)
    if text.isascii():
        # The common case, kept cheap: ASCII is already NFKC and needs no transliteration.
        if ", " in text:
            text = _TRAILING_ARTICLE.sub("", text)
        if "&" in text or "+" in text:
            text = _AMP.sub(" and ", text)
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
        return text.lower()
    text = unicodedata.normalize("NFKC", text)
    text = _TRAILING_ARTICLE.sub("", text)
    text = _AMP.sub(" and ", text)
    text = _APOSTROPHES.sub("", text)
    if not text.isascii():
        text = anyascii(text)
    return text.lower()


_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|s)$")


def _split_letters_digits(words: list[str]) -> list[str]:
    """Split "alien3" → "alien 3" and "mp5" → "mp 5", keeping ordinals and decades ("2nd", "80s")."""
    if all(w.isalpha() or w.isdigit() for w in words):
        return words
    out: list[str] = []
    for word in words:
        if word.isalnum() and not word.isalpha() and not word.isdigit() and not _ORDINAL.match(word):
            out.extend(p for p in _LETTER_DIGIT.split(word) if p)
        else:
            out.append(word)
    return out


def _canon_numbers(words: list[str]) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(words):
        if word in NUMBER_WORDS:
            out.append(NUMBER_WORDS[word])
        elif word in ROMAN:
            out.append(ROMAN[word])
        elif (
            word in SINGLE_ROMAN
            and i > 0
            and (words[i - 1] in SEQUEL_MARKERS or (i == len(words) - 1 and word != "i"))
        ):
            out.append(SINGLE_ROMAN[word])
        else:
            out.append(word)
    return out


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Return the canonical tokens of a title or query."""
    words = _split_letters_digits([w for w in _NON_WORD.split(fold(text)) if w])
    return tuple(_canon_numbers(words))


def raw_words(text: str) -> list[str]:
    """Return folded words before number canonicalisation (to spot fillers like "one")."""
    return _split_letters_digits([w for w in _NON_WORD.split(fold(text)) if w])


def key(text: str) -> str:
    """Return the match key of a title: canonical tokens, leading article dropped."""
    toks = tokens(text)
    if len(toks) > 1 and toks[0] in ARTICLES:
        toks = toks[1:]
    return " ".join(toks)


def split_subtitle(title: str) -> tuple[str, str | None]:
    """Split "Mission: Impossible – Fallout" style titles into (main, subtitle)."""
    parts = [p for p in _SUBTITLE_SPLIT.split(title, maxsplit=1) if p.strip()]
    if len(parts) == 2 and len(parts[0]) >= 2:
        return parts[0].strip(), parts[1].strip()
    return title.strip(), None


_GENERIC_SUBTITLE = re.compile(
    r"^(?:the )?(?:movie|film|motion picture|musical|based on\b.*|the original\b.*)$"
)


def title_variants(title: str) -> list[str]:
    """Return the keys under which a title should be findable, the full key first.

    The full title; the title with a leading article dropped (via :func:`key`); the main title and
    the subtitle alone when there is one ("Dune: Part Two" → "dune", "part 2"); hyphenated words
    joined ("Spider-Man" → "spiderman").
    """
    keys = [key(title)]
    # "Precious (Based on the Novel 'Push' by Sapphire)": the title without its parenthesis.
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", title).strip()
    if bare and bare != title.strip():
        keys.append(key(bare))
    parts = [p.strip() for p in _SUBTITLE_SPLIT.split(title) if p.strip()]
    if len(parts) > 1:
        # Prefixes before a separator name the franchise or the film ("Mission: Impossible");
        # one word alone ("Mission", "Dune") is too vague to stand for the whole title.
        for n in range(1, len(parts)):
            prefix = key(" ".join(parts[:n]))
            if len([t for t in prefix.split() if t not in STOPWORDS]) >= 2:
                keys.append(prefix)
        # The last subtitle alone is how people often name a sequel ("Fallout", "Parabellum"),
        # unless it is only "Part Two" or "Chapter 3".
        last = tokens(parts[-1])
        if (
            last
            and last[0] not in SEQUEL_MARKERS
            and not _GENERIC_SUBTITLE.match(" ".join(last))
            and sum(len(t) for t in last if t not in STOPWORDS) >= 4
        ):
            keys.append(key(parts[-1]))
        # A one-word title with a subtitle that adds nothing ("Jackass: The Movie", "Precious: Based
        # on the Novel…") is named by its first word alone.
        if _GENERIC_SUBTITLE.match(" ".join(tokens(parts[1]))):
            keys.append(key(parts[0]))
        # "Jaws 4: The Revenge" is also written "Jaws: The Revenge".
        head = tokens(parts[0])
        if len(head) >= 2 and head[-1].isdigit() and len(head[-1]) <= 2:
            keys.append(key(" ".join((*head[:-1], *tokens(" ".join(parts[1:]))))))
    folded = fold(title)
    if "-" in folded:
        joined = _HYPHENATED.sub(lambda m: m.group(0).replace("-", ""), folded)
        keys.append(key(joined))
    seen: dict[str, None] = {}
    for k in keys:
        if k and k not in seen:
            seen[k] = None
    return list(seen)


def acronyms(title: str) -> list[str]:
    """Return initialisms people type for long titles ("lotr", "eeaao", "tdk"), if any."""
    main = _SUBTITLE_SPLIT.split(title)[0]
    out: list[str] = []
    for text in (main, title):
        toks = [t for t in tokens(text) if t]
        for seq in (toks, toks[1:] if toks and toks[0] in ARTICLES else []):
            if len(seq) >= 3 and all(t.isalpha() for t in seq):
                out.append("".join(t[0] for t in seq))
    return list(dict.fromkeys(out))


NAME_TITLE, NAME_ALIAS, NAME_PART, NAME_ACRONYM = 0, 1, 2, 3


def index_names(title: str, aliases: Iterable[str] = ()) -> list[tuple[str, int, bool]]:
    """Return (key, kind, leading article) for every name a film can be found by, title first.

    Kinds: the title, an alternative title, a part of one (subtitle, main title, joined words),
    or an initialism ("lotr"). Computed once when a film is stored, so the index need not.
    """
    out: list[tuple[str, int, bool]] = []
    seen: set[str] = set()
    for n, source in enumerate([title, *aliases]):
        if not source:
            continue
        first_tok = tokens(source)[:1]
        for v, name in enumerate(title_variants(source)):
            if name and name not in seen:
                seen.add(name)
                kind = (NAME_TITLE if n == 0 else NAME_ALIAS) if v == 0 else NAME_PART
                out.append((name, kind, v == 0 and bool(first_tok) and first_tok[0] in ARTICLES))
        if n == 0:
            for acro in acronyms(source):
                if acro not in seen:
                    seen.add(acro)
                    out.append((acro, NAME_ACRONYM, False))
    return out


_YEAR_RE = re.compile(r"^(18[89]\d|19\d\d|20\d\d)$")


def is_year(token: str) -> bool:
    """Return whether a token looks like a film year (1880-2099)."""
    return bool(_YEAR_RE.match(token))
