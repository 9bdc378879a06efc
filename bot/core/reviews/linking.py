"""Which film is this review about? Title mentions first, then every clue the text gives.

1. Title mentions: quoted titles (‘Ballerina’), "Title (2023)", capitalised phrases, the headline.
   Each normalised phrase becomes a lookup key; the caller fetches the catalog's films for them.
2. Each candidate film is scored: how salient its title is in the text, a "(Year)" beside it, its
   director, cast, franchise, platform, language and runtime when the text names them. Clues found
   in sentences about another version ("not to be confused with that other Ballerina…", "unlike
   the 1976 version") count against the film they point to, not for it.
3. The best film must beat the next by a clear margin; otherwise the review is refused with a
   reason the operator can act on (`--film ID` forces a film).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.core.films import normalize
from bot.core.films.hints import COUNTRY_WORDS, LANGUAGE_WORDS, PLATFORM_WORDS
from bot.core.films.model import Film
from bot.core.reviews.clean import Gated, caseless, heading_kind, mentions, split_sentences
from bot.core.reviews.model import FilmLink, LinkEvidence

_SMALL = set(
    "of the a an and in on at to for with from vs de la le du des di da del y & or into is it part by as up out off "
    "over under upon than but nor so my your his her our their not no me you we us all be are was who what where "
    "when how".split()
)
_QUOTED = re.compile(r"[‘“\"'*_]([^‘’“”\"*_\n]{2,80}?)[’”\"'*_](?![\w])")
# A quoted title right after "the novel", "the song"… names the source work, not a film.
_SOURCE_WORK = re.compile(
    r"\b(?:novel|book|play|memoir|story|stories|comic|song|album|poem|musical|series|show|game)\s*$", re.I
)
_SOURCE_QUOTE = Gated(
    re.compile(
        r"\b((?:novel|book|play|memoir|story|comic|song|album|poem|musical)\s*)[“\"‘'][^”\"’'\n]{1,80}[”\"’'](?:\s+by\s+[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+)?)?",
        re.I,
    ),
    "novel|book|play|memoir|story|comic|song|album|poem|musical",
)
_YEAR_PAREN = re.compile(r"\((\d{4})\)")


def _titles_before_years(text: str) -> list[tuple[str, int]]:
    """Return (capitalised words just before "(2023)", year) pairs: "Ballerina (2023)"."""
    out: list[tuple[str, int]] = []
    for m in _YEAR_PAREN.finditer(text):
        before = text[max(0, m.start() - 120) : m.start()].rstrip()
        words = re.split(r"\s+", before)[-10:]
        run: list[str] = []
        for word in reversed(words):
            bare = word.strip("\"“”‘’'*_")
            if bare and (bare[0].isupper() or bare[0].isdigit() or (run and bare.lower() in _SMALL)):
                run.append(bare)
                if word[:1] in "\"“‘'*_" or (bare.endswith((".", "!", "?")) and len(run) > 1):
                    break
            else:
                break
        while run and run[-1].lower() in _SMALL:
            run.pop()
        if run:
            out.append((" ".join(reversed(run)).strip(" :,.-–—"), int(m.group(1))))
    return out


_WORD = re.compile(r"[\w'’\-:&!.]+|[^\w\s]")
_VERSION_CUES = re.compile(
    r"\b(?:not to be confused|that other|the other (?:one|film|movie|version)|unlike the|compared (?:to|with) the"
    r"|than the (?:original|remake|\d{4})|the original|the remake|remake of|(?:earlier|later|older|newer|previous|other|first) version"
    r"|the \d{4} (?:film|movie|one|version|original|remake|adaptation)|set for release|upcoming|predecessor"
    r"|(?:19|20)\d\d (?:\w+ ){0,2}(?:remake|version|adaptation|cartoon|reboot|original|take)|(?:'s|’s) (?:remake|reboot|version))\b",
    re.I,
)
_RUNTIME = re.compile(
    r"\b(\d{2,3})[- ]?(?:minutes?|mins?)\b|\b(\d)\s*h(?:ours?|rs?)?\.?\s*(\d{1,2})\s*m(?:in(?:utes?)?)?\b",
    re.I,
)
_PLATFORM_CLAIM = re.compile(
    r"(?:\bon\s+|\(|\bstreaming\s+(?:on\s+|now\s+on\s+)?|\bnow\s+(?:on|streaming on)\s+|\bavailable\s+(?:on|to stream on)\s+|"
    r"\bwhere to (?:stream|watch):?\s*|\bphoto:\s*)(netflix|hulu|prime video|amazon prime|amazon|disney\+|disney plus|max|hbo max|hbo|apple tv\+?|peacock|paramount\+?|mubi|shudder|tubi)\b"
    r"|\b(netflix|hulu|amazon|disney\+|hbo|apple tv\+?|peacock|paramount\+?|shudder) (?:original|film|movie|release|exclusive)\b",
    re.I,
)
_NAMED_VERSION = re.compile(r"\b[A-Z][\w\-]+(?: [A-Z][\w\-]+)? (?:version|remake|adaptation|reboot)\b")
# Every match of the two patterns above holds a digit or one of these words.
_VERSION_WORDS = tuple(
    "confused|other|unlike|compared|than the|original|remake|version|release|upcoming|predecessor|reboot|adaptation".split(
        "|"
    )
)
_DIGIT = re.compile(r"\d")
_SELF_REMAKE = re.compile(
    r"\b(?:this|the new|the latest) (?:remake|reboot|re-?imagining|re-?do)\b|\b(?:remake|reboot) (?:is|was|works|does|manages|keeps|adds|changes)\b"
    r"|\bfor this remake\b",
    re.I,
)
_YEARS = re.compile(r"(?<!\d)(?:18|19|20)\d\d(?!\d)")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_ANIMATED_WORDS = Gated(
    re.compile(
        r"\b(?:animated|animation|cartoon|voices?|voiced|voice cast|hand-drawn|pixar|dreamworks animation|studio ghibli|anime)\b",
        re.I,
    ),
    "animat|cartoon|voice|hand-drawn|pixar|ghibli|anime",
)
# Every claim names a service with one of these words.
_PLATFORM_NAMES = tuple(
    "netflix|hulu|prime video|amazon|disney|max|hbo|apple tv|peacock|paramount|mubi|shudder|tubi".split("|")
)
_NOT_CLAIM = re.compile(r"\b(?:go back to|back to|leave|cancel|than on|unlike)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class Mention:
    """A title-like phrase in the text, with how prominent it is."""

    key: str
    text: str
    count: int
    salience: float
    years: tuple[int, ...] = ()


def headline_of(paragraphs: Sequence[str], doc_title: str | None) -> str | None:
    """Return the review's headline: the document title, else a title-like first line."""
    if doc_title:
        return doc_title.strip()
    for para in paragraphs[:3]:
        text = para.strip()
        if re.match(r"^(?:by|written by|posted|published|home\b|share\b)", text, re.I) or heading_kind(
            text.split(":")[0]
        ):
            continue
        if len(text) <= 160 and not text.endswith((".", "!")):
            return text
    return None


_RUN_BREAK = re.compile(r"[:;,!?()\[\]“”\"]|\s[-–—]\s|[–—]|\.(?=\s|$)")


_COMMA_TITLE = re.compile(r"\b([A-Z][\w'’\-]+),\s+([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)\b")


_POSSESSIVE_END = re.compile(r"['’]s$")
_RUN_START = re.compile(r"[A-Z0-9]")  # what begins a run, in ASCII
_POSSESSIVE_ENDINGS = ("'s", "’s")  # the same, for a word (no line break in it for "$" to mind)


def _capitalised_runs(sentence: str) -> Iterable[str]:
    """Yield runs of capitalised words, small words allowed inside ("Alice in Wonderland").

    Runs stop at punctuation ("Skip It: Ballerina" gives "Skip It" and "Ballerina"). A possessive
    both ends a run and continues it: "John Wick's cousin" gives "John Wick", "Rosemary's Baby"
    gives "Rosemary" and "Rosemary's Baby". Two capitalised phrases joined by a comma are also
    offered whole ("Girl, Interrupted").
    """
    for m in _COMMA_TITLE.finditer(sentence):
        yield f"{m.group(1)}, {m.group(2)}"
    for piece in _RUN_BREAK.split(sentence):
        if piece.isascii() and not _RUN_START.search(piece):
            continue  # no capital and no digit: no run begins here
        words = [w.strip(".'’‘\"") for w in piece.split()]
        run: list[tuple[str, bool]] = []  # (word, capitalised)
        for word in [*words, ""]:
            bare = word[:-2] if word.endswith(_POSSESSIVE_ENDINGS) else word
            if bare and (bare[0].isupper() or bare[0].isdigit()):
                if bare != word:  # possessive: the run so far may be a title on its own
                    yield from _emit([*run, (bare, True)])
                run.append((word, True))
                continue
            if run and bare.lower() in _SMALL:
                run.append((bare, False))
                continue
            if run:
                yield from _emit(run)
                run = []


def _emit(run: list[tuple[str, bool]]) -> Iterable[str]:
    while run and not run[-1][1]:
        run.pop()  # a title does not end on a lower-case small word
    if run:
        yield " ".join(w for w, _ in run)


def _subphrases(phrase: str, max_words: int = 8) -> Iterable[tuple[str, float]]:
    """Yield the phrase's word sequences with their share of the phrase (longer = closer to the title).

    A sequence neither starts nor ends on a lower-case small word ("of", "the"); capitalised ones
    are title words ("Get Out", "Stand by Me", "Up").
    """
    words = phrase.split()
    small = [word.islower() and word in _SMALL for word in words]
    for i in range(len(words)):
        if i > 0 and small[i]:
            continue
        for j in range(i + 1, min(len(words), i + max_words) + 1):
            if small[j - 1]:
                continue
            yield " ".join(words[i:j]), (j - i) / len(words)


def _title_phrase(phrase: str) -> tuple[str, str] | None:
    """Return a phrase tidied as a title and its key, or None when it cannot be one."""
    phrase = phrase.strip(" -–—:,.'’")
    if phrase.endswith(_POSSESSIVE_ENDINGS):  # (`_POSSESSIVE_END`: phrases hold no line break)
        phrase = phrase[:-2]
    if not phrase or len(phrase) > 90:
        return None
    if phrase.isupper() and len(phrase) > 3:
        phrase = phrase.title()
    k = normalize.key(phrase)
    if not k or k in normalize.STOPWORDS or len(k) < 2 or heading_kind(phrase):
        return None
    return phrase, k


def title_mentions(paragraphs: Sequence[str], headline: str | None) -> list[Mention]:
    """Return title-like phrases with salience, for looking up in the catalog.

    Salience adds up: the headline (a title there is what the page is about), a quoted title, a
    "Title (2023)", and every capitalised mention in the text. A phrase only ever seen as the first
    word of a sentence counts little ("Her", "Up" and "It" start many sentences).
    """
    counts: Counter[str] = Counter()
    texts: dict[str, str] = {}
    salience: Counter[str] = Counter()
    years: dict[str, set[int]] = {}
    trusted: set[str] = set()

    looked: dict[str, tuple[str, str] | None] = {}  # a review names the same phrases again and again

    def add(phrase: str, weight: float, year: int | None = None, trust: bool = False) -> None:
        if phrase in looked:
            got = looked[phrase]
        else:
            got = looked[phrase] = _title_phrase(phrase)
        if got is None:
            return
        phrase, k = got
        counts[k] += 1
        texts.setdefault(k, phrase)
        salience[k] += weight
        if trust:
            trusted.add(k)
        if year:
            years.setdefault(k, set()).add(year)

    def unsourced(text: str) -> str:
        return _SOURCE_QUOTE.sub(lambda m: m.group(1), text)

    paragraphs = [unsourced(p) for p in paragraphs]
    headline = unsourced(headline) if headline else headline
    if headline:
        for m in _QUOTED.finditer(headline):
            if not _SOURCE_WORK.search(headline[max(0, m.start() - 30) : m.start()]):
                add(m.group(1), 4.0, trust=True)
        for phrase, year in _titles_before_years(headline):
            add(phrase, 3.0, year, trust=True)
        for run in _capitalised_runs(_strip_label(headline)):
            for sub, share in _subphrases(run):
                add(sub, 2.5 * share, trust=True)
    for n, para in enumerate(paragraphs):
        if headline and para.strip() == headline.strip():
            continue
        first_block = n < 3
        for phrase, year in _titles_before_years(para):
            for sub in [phrase, *(" ".join(phrase.split()[-k:]) for k in range(1, len(phrase.split())))]:
                add(sub, 3.0 if sub == phrase else 1.0, year, trust=True)
        for m in _QUOTED.finditer(para):
            inner = m.group(1)
            if (
                len(inner.split()) <= 8
                and inner[:1].isupper()
                and not _SOURCE_WORK.search(para[max(0, m.start() - 30) : m.start()])
            ):
                add(inner, 2.5 if first_block else 1.5, trust=True)
        for sentence in split_sentences(_strip_label(para)):
            lead = sentence.lstrip("“\"‘'(*_ ")
            for run in _capitalised_runs(sentence):
                words = run.split()
                if len(words) > 12:
                    continue
                initial = lead.startswith(words[0])
                for sub, share in _subphrases(run):
                    at_start = initial and lead.startswith(sub)
                    add(sub, (0.6 if first_block else 0.4) * share, trust=not at_start)
    out: list[Mention] = []
    for k, c in counts.items():
        s = float(salience[k])
        if k not in trusted:
            s *= 0.3
        out.append(Mention(k, texts[k], c, round(s, 2), tuple(sorted(years.get(k, ())))))
    out.sort(key=lambda m: -m.salience)
    return out


_LABEL = re.compile(r"^\s*([^:]{2,40}):\s*")


def _strip_label(line: str) -> str:
    """Drop a leading section label ("Verdict:", "Score:") so it is not read as a title."""
    m = _LABEL.match(line) if ":" in line else None
    if m and heading_kind(m.group(1)):
        return line[m.end() :]
    return line


def _mentions_name(text_folded: str, name: str) -> tuple[bool, bool]:
    """Return (full name mentioned, surname alone mentioned) in folded text."""
    folded = " ".join(normalize.tokens(name))
    if not folded:
        return False, False
    padded = f" {text_folded} "
    if f" {folded} " in padded:
        return True, False
    parts = folded.split()
    surname = parts[-1] if parts else ""
    if len(parts) > 1 and len(surname) >= 5 and f" {surname} " in padded:
        return False, True
    return False, False


def platform_claims(text: str) -> list[str]:
    """Return streaming services the text says the film is on ("on Netflix", "(Netflix)")."""
    if not mentions(text, _PLATFORM_NAMES):
        return []
    found: list[str] = []
    for m in _PLATFORM_CLAIM.finditer(text):
        before = text[max(0, m.start() - 20) : m.start()]
        if _NOT_CLAIM.search(before + (m.group(0).split()[0] if m.group(0).lower().startswith("on") else "")):
            continue
        if re.search(r"\b(?:go|went|going|head|goes)\s+back\s+$", before, re.I):
            continue
        name = (m.group(1) or m.group(2)).lower()
        name = {
            "prime video": "prime",
            "amazon prime": "prime",
            "amazon": "prime",
            "disney plus": "disney+",
            "hbo max": "max",
            "hbo": "max",
            "apple tv": "apple tv+",
            "paramount": "paramount+",
        }.get(name, name)
        found.append(name)
    return list(dict.fromkeys(found))


def _platform_words(platforms: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for p in platforms:
        out.update(PLATFORM_WORDS.get(p.lower(), (p.lower(),)))
    return out


@dataclass(frozen=True, slots=True)
class _Reading:
    """What `score_film` needs from a review's text, the same for every candidate film."""

    folded_all: str
    folded_main: str
    folded_version: str
    words: frozenset[str]
    animated: bool
    years: tuple[str, ...]  # every year the text names, and those in version sentences
    version_years: tuple[str, ...]
    runtimes: tuple[int, ...]  # minutes, in the order the text gives them


def _without_possessives(text: str) -> str:
    """Drop the "'s" of possessives ("Wick's" → "Wick")."""
    return _POSSESSIVE.sub("", text) if "'s" in text or "’s" in text else text


@functools.lru_cache(maxsize=4)
def _reading(text: str, sentences: tuple[str, ...]) -> _Reading:
    """Read a review's text once for all its candidate films (the cache holds a few reviews)."""
    text = _without_possessives(text)
    # The part of a sentence from a version cue on ("…than a remake of the 1968 film") speaks of
    # another version; what comes before it still speaks of this one.
    version_sents: list[str] = []
    other_sents: list[str] = []
    for sentence in (_without_possessives(x) for x in sentences):
        cues = (
            [m.start() for m in (_VERSION_CUES.search(sentence), _NAMED_VERSION.search(sentence)) if m]
            if _DIGIT.search(sentence) or mentions(sentence, _VERSION_WORDS)
            else []
        )
        if cues:
            cut = min(cues)
            version_sents.append(sentence[cut:])
            if sentence[:cut].strip():
                other_sents.append(sentence[:cut])
        else:
            other_sents.append(sentence)
    folded_all = " ".join(normalize.tokens(text))
    return _Reading(
        folded_all=folded_all,
        folded_main=" ".join(" ".join(normalize.tokens(s)) for s in other_sents),
        folded_version=" ".join(" ".join(normalize.tokens(s)) for s in version_sents),
        words=frozenset(folded_all.split()),
        animated=bool(_ANIMATED_WORDS.search(" ".join(other_sents))),
        years=tuple(_YEARS.findall(text)),
        version_years=tuple(y for v in version_sents for y in _YEARS.findall(v)),
        runtimes=tuple(
            int(m.group(1)) if m.group(1) else int(m.group(2)) * 60 + int(m.group(3))
            for m in _RUNTIME.finditer(text)
        ),
    )


def score_film(
    film: Film, mention: Mention | None, text: str, sentences: Sequence[str], claims: Sequence[str]
) -> tuple[float, list[LinkEvidence]]:
    """Return how strongly the text points at `film`, with the clues."""
    ev: list[LinkEvidence] = []
    reading = _reading(text, tuple(sentences))
    folded_all, folded_main, folded_version = reading.folded_all, reading.folded_main, reading.folded_version
    if mention is not None:
        ev.append(LinkEvidence("title", f"“{mention.text}” ({mention.count}×)", min(6.0, mention.salience)))
        if film.year and mention.years:
            if film.year in mention.years:
                ev.append(LinkEvidence("title_year", f"{mention.text} ({film.year})", 4.0))
            elif all(abs(film.year - y) > 1 for y in mention.years):
                ev.append(
                    LinkEvidence("title_year", f"{mention.text} ({', '.join(map(str, mention.years))})", -3.0)
                )
    for director in film.directors[:3]:
        full, surname = _mentions_name(folded_all, director)
        if full:
            weight = 3.0 if _mentions_name(folded_main, director)[0] else 0.5
            ev.append(LinkEvidence("director", director, weight))
        elif surname:
            ev.append(LinkEvidence("director", f"{director} (surname)", 1.0))
    cast_weight = 0.0
    for actor in film.cast[:6]:
        full, surname = _mentions_name(folded_all, actor)
        if full or surname:
            only_version = _mentions_name(folded_main, actor) == (False, False)
            weight = (2.0 if full else 0.7) * (-0.5 if only_version else 1.0)
            if cast_weight + weight > 6.0:
                continue
            cast_weight += weight
            ev.append(LinkEvidence("cast", actor if full else f"{actor} (surname)", weight))
    if film.franchise and not re.fullmatch(r"\w{1,5}", film.franchise.strip()):
        # (A one-word short franchise — "It", "Saw", "Sing" — is a word of every other sentence;
        # its films are found by their title instead.)
        fk = " ".join(normalize.tokens(film.franchise))
        hits_all = f" {folded_all} ".count(f" {fk} ")
        hits_version = f" {folded_version} ".count(f" {fk} ")
        if hits_all > hits_version:
            ev.append(LinkEvidence("franchise", film.franchise, 1.5))
    if claims:
        mine = _platform_words(film.platforms)
        claimed = _platform_words(claims)
        if mine & claimed:
            ev.append(LinkEvidence("platform", ", ".join(sorted(mine & claimed)), 1.5))
        elif mine:
            ev.append(LinkEvidence("platform", f"text says {', '.join(claims)}", -0.5))
    words = reading.words
    for code in film.languages[:1]:
        for word in LANGUAGE_WORDS.get(code, ()):
            if word in words and code != "en":
                ev.append(LinkEvidence("language", word, 1.0))
                break
    for code in film.countries[:1]:
        if code in ("US", "GB"):
            continue
        for word in COUNTRY_WORDS.get(code, ()):
            if word in words and not any(e.kind == "language" for e in ev):
                ev.append(LinkEvidence("country", word, 0.7))
                break
    if film.year:
        year = str(film.year)
        plain = [y for y in reading.years if y == year]
        in_version = sum(1 for y in reading.version_years if y == year)
        if len(plain) > in_version and not any(e.kind == "title_year" for e in ev):
            ev.append(LinkEvidence("year", str(film.year), 1.0))
        elif in_version and len(plain) == in_version:
            ev.append(LinkEvidence("other_version", f"{film.year} named as another version", -1.5))
    if reading.animated:
        if film.animated:
            ev.append(LinkEvidence("kind", "the text says animated", 1.5))
    if film.runtime:
        for minutes in reading.runtimes:
            if abs(minutes - film.runtime) <= 4:
                ev.append(LinkEvidence("runtime", f"{minutes} minutes", 1.5))
                break
    return sum(e.weight for e in ev), ev


def _discount_contained(known: Sequence[Mention]) -> list[Mention]:
    """Credit a title, not the shorter titles inside it: every "Jaws 2" is also a "Jaws"."""
    out: list[Mention] = []
    for m in known:
        words = f" {m.key} "
        longer = [
            o for o in known if o.key != m.key and f" {m.key} " in f" {o.key} " and len(o.key) > len(m.key)
        ]
        covered = sum(o.salience for o in longer)
        if covered:
            m = Mention(m.key, m.text, m.count, round(max(0.0, m.salience - covered), 2), m.years)
        del words
        out.append(m)
    out.sort(key=lambda m: -m.salience)
    return out


# Titles that are also words starting many sentences ("It", "Us", "Her", "Up"): without a headline,
# quotes or a year to single them out, they are not candidates at all.
_PRONOUN_TITLES = frozenset(
    "it us her him them they she he we you me this that there here up now then so yes no".split()
)


def link_film(
    paragraphs: Sequence[str],
    headline: str | None,
    mentions: Sequence[Mention],
    films_by_key: Mapping[str, Sequence[Film]],
    claims: Sequence[str] = (),
) -> FilmLink:
    """Choose the film a review is about, or refuse with a reason."""
    text = "\n".join(([headline] if headline else []) + list(paragraphs))
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    known = _discount_contained(
        [
            m
            for m in mentions
            if films_by_key.get(m.key) and (m.salience >= 1.0 or m.key not in _PRONOUN_TITLES)
        ]
    )
    if not known:
        return FilmLink(None, 0.0, reason="no title in the text matches a film in the catalog")
    top_salience = known[0].salience
    # Candidates: the films of every title nearly as prominent as the best one.
    # When no title stands out (all seen once or only starting sentences), the credits decide among
    # the first few.
    floor = max(1.0, top_salience * 0.35) if top_salience >= 1.0 else 0.0
    considered = [known[0], *[m for m in known[1:] if m.salience >= floor][:5]]
    scores: dict[str, tuple[float, list[LinkEvidence], Film]] = {}
    via: dict[str, str] = {}  # film id -> the title key its best score came through
    for mention in considered:
        for film in films_by_key[mention.key]:
            score, ev = score_film(film, mention, text, sentences, claims)
            if film.id not in scores or score > scores[film.id][0]:
                scores[film.id] = (score, ev, film)
                via[film.id] = mention.key
    # "this remake", "the remake is": the review is about the later of same-titled films.
    if _SELF_REMAKE.search(text):
        by_title: dict[str, list[str]] = {}
        for _, _, film in scores.values():
            by_title.setdefault(normalize.key(film.title), []).append(film.id)
        for ids in by_title.values():
            if len(ids) > 1:
                newest = max(ids, key=lambda i: scores[i][2].year or 0)
                score, ev, film = scores[newest]
                scores[newest] = (
                    score + 1.5,
                    [*ev, LinkEvidence("remake", "the text calls it a remake", 1.5)],
                    film,
                )
    ranked = sorted(scores.values(), key=lambda s: -s[0])
    best_score, best_ev, best = ranked[0]
    labels = tuple(f.label for _, _, f in ranked[:5])
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    margin = best_score - second
    close = [f for s, _, f in ranked[1:] if s >= best_score - 2.0]
    if (
        close
        and all(best.id in {f.id for f in films_by_key[via[f.id]]} for f in close)
        and not any(f.id in {g.id for g in films_by_key[via[best.id]]} for f in close)
    ):
        # The text names the best film by a title only it has ("Into the Spider-Verse"); the
        # others come through a title it shares ("Spider-Man"): the distinct title decides.
        margin = 2.0
    if len(ranked) > 1 and margin < 2.0:
        same = [f for s, _, f in ranked if s >= best_score - 2.0]
        same_title = len({normalize.key(f.title) for f in same}) == 1
        if same_title:
            years = ", ".join(str(f.year) for f in sorted(same, key=lambda f: f.year or 0))
            reason = (
                f"“{best.title}” could be any of {len(same)} films ({years}) and the text does not say which"
            )
        else:
            reason = "the text is about several films about equally: " + "; ".join(f.label for f in same[:4])
        return FilmLink(None, 0.0, tuple(best_ev), reason, labels)
    if best_score < 2.5:
        return FilmLink(
            None,
            0.0,
            tuple(best_ev),
            f"the strongest candidate, {best.label}, has too little evidence",
            labels,
        )
    confidence = min(1.0, 0.45 + margin / 12 + best_score / 40)
    return FilmLink(
        best.id, round(confidence, 3), tuple(sorted(best_ev, key=lambda e: -e.weight)), "", labels
    )


_LEAD = r"(?:than|like|unlike|as in|à la|remake of|sequel to|version of|compared (?:to|with)|vs\.?|versus|in the vein of|fans of)"
_LEAD_BEFORE = re.compile(rf"\b{_LEAD}\s+(?:the\s+)?[“\"‘'*_]?\Z", re.I)  # searched up to the title
_YEAR_AFTER = re.compile(r"\s*\(\d{4}\)")
_BOUNDARY = re.compile(r"\b")
_OPENING, _CLOSING = "“\"‘'*_", "”\"’'*_"


def _named_like_a_film(sentence: str, names: Sequence[str]) -> bool:
    """Return whether one of these titles (ASCII) is named the way a film is: after a comparison
    word ("than Saw", "like the 'Vertigo'"), in quotes, or with a year ("Saw (2004)"), ignoring case.

    What `_film_name_pattern(names)` finds, without a pattern compiled for every review's names:
    a name is looked for in the case-folded sentence (the same length), and the words around it
    are checked with fixed patterns.
    """
    folded = caseless(sentence) if names else ""
    for name in names:
        key = name.lower()
        start = folded.find(key)
        while start != -1:
            end = start + len(key)
            if (
                (_BOUNDARY.match(sentence, end) and _LEAD_BEFORE.search(sentence, 0, start))
                or (
                    0 < start
                    and end < len(sentence)
                    and sentence[start - 1] in _OPENING
                    and sentence[end] in _CLOSING
                )
                or (_BOUNDARY.match(sentence, start) and _YEAR_AFTER.match(sentence, end))
            ):
                return True
            start = folded.find(key, start + 1)
    return False


def _film_name_pattern(names: Sequence[str]) -> re.Pattern[str]:
    """Return one pattern for titles named the way a film is (see `_named_like_a_film`)."""
    alts = "|".join(re.escape(name) for name in names)
    return re.compile(
        rf"(?:\b{_LEAD}\s+(?:the\s+)?[“\"‘'*_]?(?:{alts})\b|[“\"‘'*_](?:{alts})[”\"’'*_]|\b(?:{alts})\s*\(\d{{4}}\))",
        re.I,
    )


_COMPARE_WORD = re.compile(r"\b(?:than|like|unlike|as in|à la|not to be confused)\b", re.I)


def _names_own(padded: str, own_keys: Sequence[str]) -> bool:
    """Return whether folded text (" words ") names the film itself; with no title words of its
    own (a title of symbols only), any word does."""
    return any(k in padded for k in own_keys) if own_keys else bool(padded.strip())


def other_film_checker(
    target: Film | None, mentions: Sequence[Mention], films_by_key: Mapping[str, Sequence[Film]]
):
    """Return a predicate: does this sentence talk about another film, not the reviewed one?

    A title of several words counts when the sentence names it; a one-word title ("Jack", "Heat",
    "Up") only in a film-like construction ("than Saw", "like Vertigo", "Saw (2004)", quoted),
    since one-word titles are also characters' names and ordinary words.
    """
    if target is None:
        return lambda sentence: False
    own = {normalize.key(target.title), *(normalize.key(a) for a in target.aliases)}
    for name in [target.title, *target.aliases]:
        own.update(normalize.title_variants(name))
    people = {" ".join(normalize.tokens(p)) for p in (*target.directors, *target.cast)}
    franchise = normalize.key(target.franchise) if target.franchise else None
    multi: list[str] = []
    single: list[tuple[str, str]] = []
    for m in mentions:
        films = films_by_key.get(m.key) or ()
        if not films or m.key in own or all(f.id == target.id for f in films):
            continue
        if franchise and (
            m.key == franchise or any(f.franchise and normalize.key(f.franchise) == franchise for f in films)
        ):
            continue  # the same franchise: talk of its world is talk of this film
        if any(m.key in o or o in m.key for o in own if len(o) > 3 and len(m.key) > 3):
            continue
        if any(m.key in p for p in people):
            continue  # "Jack" inside "Jack Nicholson"
        if len(m.key.split()) >= 2 and m.salience >= 0.35:
            multi.append(m.key)
        elif len(m.key) > 2:
            single.append((m.key, m.text))
    if not multi and not single:
        return lambda sentence: False
    names = sorted({t for _, t in single}, key=len, reverse=True)
    ascii_names = [name for name in names if name.isascii()]
    others = (
        _film_name_pattern(tuple(name for name in names if not name.isascii()))
        if len(ascii_names) < len(names)
        else None
    )
    # Keys are whole words of folded text ("john wick"), so a key is named where " key " is in
    # " text ": a word-bounded match without a pattern to compile for every review.
    multi_keys = [f" {o} " for o in multi]
    own_keys = [f" {o} " for o in own if o]
    seen: dict[str, bool] = {}  # verdict, warnings and gist ask about the same sentences

    def is_other(sentence: str) -> bool:
        answer = seen.get(sentence)
        if answer is None:
            folded = " ".join(normalize.tokens(sentence))
            padded = f" {folded} "
            hit = (
                any(k in padded for k in multi_keys)
                or _named_like_a_film(sentence, ascii_names)
                or bool(others and others.search(sentence))
            )
            answer = seen[sentence] = hit and not (
                _names_own(padded, own_keys) and not _COMPARE_WORD.search(sentence)
            )
        return answer

    return is_other
