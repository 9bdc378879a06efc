"""Hints in a query ("ballerina 2023", "the korean one", "balerina netflix") and the words behind them.

A film's *context* is the bag of words a hint can match: its people, franchise, alternative titles,
language and country words, genre and kind words, and platforms. A query word that matches no title
word may still match the context of one candidate: that is a hint. A query word that belongs to a
hint category (a language, a platform, a genre…) and matches no candidate is a contradiction, and
is reported rather than ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.films import normalize
from bot.core.taxonomy import ASKED_WORDS

LANGUAGE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("english",),
    "ko": ("korean",),
    "fr": ("french",),
    "de": ("german",),
    "es": ("spanish",),
    "it": ("italian",),
    "ja": ("japanese",),
    "zh": ("chinese", "mandarin"),
    "cn": ("cantonese", "chinese"),
    "hi": ("hindi", "bollywood", "indian"),
    "ru": ("russian",),
    "sv": ("swedish",),
    "da": ("danish",),
    "no": ("norwegian",),
    "pt": ("portuguese",),
    "pl": ("polish",),
    "cs": ("czech",),
    "tr": ("turkish",),
    "fa": ("persian", "iranian", "farsi"),
    "th": ("thai",),
    "nl": ("dutch",),
    "el": ("greek",),
    "ar": ("arabic",),
    "he": ("hebrew",),
    "fi": ("finnish",),
    "hu": ("hungarian",),
    "ro": ("romanian",),
    "ta": ("tamil", "indian"),
    "te": ("telugu", "tollywood", "indian"),
    "id": ("indonesian",),
}
COUNTRY_WORDS: dict[str, tuple[str, ...]] = {
    "US": ("american", "hollywood", "usa"),
    "GB": ("british", "uk", "english"),
    "KR": ("korean", "korea"),
    "FR": ("french", "france"),
    "DE": ("german", "germany"),
    "ES": ("spanish", "spain"),
    "IT": ("italian", "italy"),
    "JP": ("japanese", "japan"),
    "CN": ("chinese", "china"),
    "HK": ("hong", "kong", "chinese"),
    "TW": ("taiwanese", "taiwan"),
    "IN": ("indian", "india", "bollywood"),
    "RU": ("russian", "russia"),
    "SE": ("swedish", "sweden"),
    "DK": ("danish", "denmark"),
    "NO": ("norwegian", "norway"),
    "MX": ("mexican", "mexico"),
    "BR": ("brazilian", "brazil"),
    "AR": ("argentine", "argentinian"),
    "CA": ("canadian", "canada"),
    "AU": ("australian", "australia"),
    "NZ": ("kiwi", "zealand"),
    "IE": ("irish", "ireland"),
    "IR": ("iranian", "iran"),
    "TR": ("turkish", "turkey"),
    "TH": ("thai",),
    "PL": ("polish", "poland"),
    "NL": ("dutch",),
    "BE": ("belgian",),
    "AT": ("austrian",),
    "CH": ("swiss",),
    "FI": ("finnish",),
    "GR": ("greek",),
    "IL": ("israeli",),
    "EG": ("egyptian",),
    "NG": ("nigerian", "nollywood"),
}
GENRE_WORDS: dict[str, tuple[str, ...]] = {
    "animation": ("animated", "animation", "cartoon", "anime"),
    "documentary": ("documentary", "doc", "docu"),
    "horror": ("horror", "scary"),
    "comedy": ("comedy", "funny"),
    "romance": ("romance", "romantic"),
    "family": ("family", "kids", "childrens"),
    "musical": ("musical",),
    "music": ("musical", "concert"),
    "western": ("western",),
    "war": ("war",),
    "thriller": ("thriller",),
    "action": ("action",),
    "science fiction": ("scifi", "sf"),
    "sci-fi": ("scifi", "sf"),
    "fantasy": ("fantasy",),
    "superhero": ("superhero",),
    "crime": ("crime",),
    "mystery": ("mystery",),
    "drama": ("drama",),
    "biography": ("biopic",),
    "history": ("historical", "period"),
}
KIND_WORDS: dict[str, tuple[str, ...]] = {"tvMovie": ("tv",)}
PLATFORM_WORDS: dict[str, tuple[str, ...]] = {
    "netflix": ("netflix",),
    "hulu": ("hulu",),
    "prime": ("prime", "amazon"),
    "amazon": ("amazon", "prime"),
    "disney": ("disney", "disneyplus"),
    "disney+": ("disney", "disneyplus"),
    "max": ("max", "hbo"),
    "hbo": ("hbo", "max"),
    "apple": ("apple", "appletv"),
    "apple tv+": ("apple", "appletv"),
    "peacock": ("peacock",),
    "paramount": ("paramount",),
    "paramount+": ("paramount",),
    "mubi": ("mubi",),
    "shudder": ("shudder",),
    "crunchyroll": ("crunchyroll",),
    "tubi": ("tubi",),
}
ORDER_WORDS = {
    "original": "oldest",
    "first": "oldest",
    "old": "oldest",
    "older": "oldest",
    "oldest": "oldest",
    "classic": "oldest",
    "remake": "newest",
    "new": "newest",
    "newer": "newest",
    "newest": "newest",
    "latest": "newest",
    "recent": "newest",
    "last": "newest",
    "reboot": "newest",
}

# Words that carry the question rather than the title: never penalised when unmatched.
FILLERS = frozenset(
    "should i we watch see it is its worth any good the a an movie film flick one ones that this about "
    "version with what whats how was does do you think me tell please pls ok okay thanks hey hi hello "
    "bot shouldiwatch which about watching stream streaming seeing good bad any hype tonight weekend now or not "
    "really actually new full "
    # versions and formats of a film, not its title: "blade runner final cut", "oppenheimer imax"
    "cut uncut extended edition remastered imax 3d theatrical director directors".split()
)

HINT_CATEGORIES: dict[str, str] = {}
for _table, _category in (
    (LANGUAGE_WORDS, "language"),
    (COUNTRY_WORDS, "country"),
    (GENRE_WORDS, "genre"),
    (KIND_WORDS, "kind"),
    (PLATFORM_WORDS, "platform"),
):
    for _words in _table.values():
        for _word in _words:
            HINT_CATEGORIES.setdefault(_word, _category)

# Phrases around a title in free text: "should I watch X?", "is X worth it", "X any good".
_CHATTER_PATTERNS = [
    # A greeting goes when a comma or the question follows it: "Hello, Dolly!" is not chatter.
    r"^\s*(?:(?:hey|hi|hello|ok|okay|so|yo)(?:\s*,|\s+(?=(?:hey|hi|hello|ok|okay|so|yo|should|shud|shld|can|could|would|is|are|was|does|do|has|have|any|anyone|what|how|thoughts|tell|check)\b)))?[\s,]*(?:<@!?\d+>\s*)*",
    r"^\s*(?:should|shud|shld|shall|would|could|can|do|does)\s+(?:i|we|you|u)\s+(?:watch|see|stream|bother\s+with|check\s+out)\s+",
    r"^\s*(?:is|was|are)\s+(?:it\s+worth\s+watching\s+)?",
    r"^\s*(?:what\s+about|how\s+about|what\s+do\s+you\s+think\s+(?:of|about)|thoughts\s+on|tell\s+me\s+about|any\s+good)\s+",
    r"^\s*(?:reviews?\s+(?:of|for)|verdict\s+(?:on|for))\s+",
    r"^\s*(?:(?:has\s+)?any(?:one|body)\s+(?:seen|watched)|have\s+you\s+(?:seen|watched)|did\s+you\s+(?:see|watch)"
    r"|check(?:ing)?\s+out|(?:i'?m\s+)?thinking\s+(?:of|about)\s+watching|i\s+(?:want|wanna|plan)\s+(?:to\s+)?(?:watch|see)"
    r"|(?:any\s+)?(?:thoughts|opinions)\s+(?:on|about))\s+",
    r"^\s*(?:can|could|should|may)\s+(?:my|our|a|the)\s+(?:\d+[\s-]*(?:year|yr)s?[\s-]*olds?|kids?|children|son|daughter|child|teens?|teenagers?|family)"
    r"\s+(?:watch|see)\s+",
    r"^\s*(?:does|do)\s+(?:the|a|any)\s+(?:dog|cat|horse|animal|pet|kid|child)s?\s+die\s+in\s+",
    r"^\s*(?:(?:is|are)\s+)?there\s+(?:any|much|a\s+lot\s+of|lots\s+of|too\s+much)\s+[\w\s'-]{1,30}?\s+in\s+",
    # "is there sex in titanic" (after "is" went): only a topic's words, so "There Will Be Blood" stays
    rf"^\s*there\s+(?:a\s+|an\s+)?(?:{ASKED_WORDS})(?:\s+scenes?)?\s+in\s+",
    r"^\s*any\s+[\w'-]+(?:\s+[\w'-]+)?\s+in\s+",
    # Questions about content and age before the title: "is it ok for kids: frozen", "how scary is it".
    r"^\s*(?:(?:is\s+)?(?:it|this)\s+)?(?:ok|okay|safe|suitable|appropriate|alright|fine)\s+for\s+(?:kids|children|a\s+\d+[\s-]*year[\s-]*old|my\s+\w+|teens|families)[\s:,-]+",
    r"^\s*how\s+(?:scary|gory|violent|bloody|sad|graphic|intense|dark|disturbing|explicit|frightening)\s+is\s+",
    # "will marley and me make me cry", "will dune be scary": the question's "will" goes with its tail
    r"^\s*(?:will|would|does|did)\s+(?=.+\s(?:make|made|be)\s+(?:(?:me|you|us|them|the\s+kids|my\s+\w+)\s+|too\s+|very\s+|so\s+|really\s+)?\w+\W*$)",
    r"^\s*(?:(?:trigger|content)\s+warnings?|tws?|cws?|parents?'?\s+guide)\s*(?:for|on|in|:)\s*",
]
_CHATTER_SUFFIXES = [
    r"\s+(?:worth\s+(?:it|watching|a\s+watch|seeing|the\s+hype|my\s+time)|any\s+good|good|ok|okay|watchable"
    r"|worth\s+streaming)\s*$",
    r"\s+(?:or\s+not|tonight|this\s+weekend|now)\s*$",
    r"\s+(?:(?:ok|okay|safe|suitable|appropriate|alright|fine)\s+)?for\s+(?:kids|children|a\s+\d+[\s-]*year[\s-]*old|my\s+\w+|teens|families)\s*$",
    r"\s+(?:trigger|content)\s+warnings?\s*$|\s+(?:parents?'?\s+guide)\s*$",
    r"\s+(?:(?:on|for)\s+(?:a\s+)?date(?:\s+night)?|(?:with|for)\s+(?:a|some)\s+(?:friends?|date))\s*$",
    r"\s+(?:to\s+watch\s+)?(?:with|for)\s+(?:(?:my|the|our)\s+)?(?:\d+[\s-]*(?:year|yr)[\s-]*old\s+)?(?:kids?|children|family|son|daughter|partner|wife|husband|"
    r"girlfriend|boyfriend|gf|bf|friends|parents|mum|mom|dad|class|students)\s*$",
    r"\s+(?:make|made)\s+(?:me|you|us|them|the\s+kids|my\s+\w+)\s+(?:cry|sad|scared|jump)\s*$",
    # "hereditary too scary for me", "is saw too gory for a 14 year old", "x too intense to watch alone"
    r"\s+(?:be\s+)?(?:too\s+|very\s+|that\s+|really\s+|so\s+)?(?:scary|gory|violent|bloody|graphic|intense|sad|depressing"
    r"|frightening|disturbing|upsetting|triggering|explicit)"
    r"(?:\s+(?:for|with)\s+(?:me|us|you|kids|children|teens|(?:my|our|a)\s+(?:\d+[\s-]*(?:year|yr)s?[\s-]*old\s*)?\w*))?"
    r"(?:\s+to\s+watch(?:\s+alone)?)?\s*$",
]


# The question's own words, as people mistype them ("shoud i wach dune"): a typo is corrected
# only among the first words, and only when the corrected words are then read as chatter.
_CHATTER_WORDS = (
    "should", "would", "could", "watch", "watching", "worth", "anyone", "anybody", "thinking", "seen", "about",
    "thoughts", "opinions", "children", "okay", "scary", "violent", "there",
)  # fmt: skip


def _chatter_typos(text: str) -> str:
    words = text.split(" ")
    fixed = list(words)
    for i, word in enumerate(words[:4]):
        low = word.lower()
        if len(low) < 4 or low in _CHATTER_WORDS or not low.isalpha():
            continue
        close = process.extractOne(low, _CHATTER_WORDS, scorer=OSA.distance, score_cutoff=1)
        if close is not None:
            fixed[i] = close[0]
    return " ".join(fixed)


def _strip(text: str) -> str:
    out = text
    for _ in range(2):
        for pattern in _CHATTER_PATTERNS:
            out = re.sub(pattern, "", out, flags=re.IGNORECASE)
        for pattern in _CHATTER_SUFFIXES:
            out = re.sub(pattern, "", out, flags=re.IGNORECASE)
    return out


def strip_chatter(text: str) -> str:
    """Return the part of a free-text question that names the film.

    "should I watch ballerina?" → "ballerina"; "@bot is Dune worth it?" → "Dune";
    "shoud i wach dune" → "dune".
    """
    # Emoji and other pictographs are decoration ("🎃 any jump scares in smile 🎃"), never chatter.
    out = "".join(
        " " if unicodedata.category(c) in ("So", "Sk", "Cs", "Co") or c in "\ufe0f\u200d" else c for c in text
    )
    out = re.sub(r"[?!.]+\s*$", "", out.strip())
    out = re.sub(r"<@[!&]?\d+>|(?<![\w@])@(?:everyone|here)\b", " ", out)
    out = " ".join(out.split())
    stripped = _strip(out)
    corrected = _chatter_typos(out)
    if corrected != out:
        again = _strip(corrected)
        if len(again) < len(stripped):  # the corrected words were chatter after all
            stripped = again
    out = stripped.strip(" \t\"'“”‘’,;:")
    return out or text.strip()


@dataclass(frozen=True, slots=True)
class QueryToken:
    """One word of a query: its canonical form, what it was typed as, and what it might be."""

    text: str  # canonical token (as in titles)
    raw: str  # as typed, folded
    filler: bool  # question words: no penalty when unmatched
    year: int | None  # the word is a plausible release year
    hint: str | None  # language / country / genre / kind / platform, when the word is one
    order: str | None  # "oldest" / "newest" for "the original", "the remake"


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query split into tokens, with the years it names."""

    text: str
    tokens: tuple[QueryToken, ...]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(t.year for t in self.tokens if t.year is not None)

    @property
    def hint_words(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens if t.hint)


_PAREN_YEAR = re.compile(r"[\(\[]\s*((?:18|19|20)\d\d)\s*[\)\]]")
_APOS_YEAR = re.compile(r"(?<![\w])['’]((?:[0-9])\d)\b")


def parse(query: str) -> ParsedQuery:
    """Split a query into tokens, marking years, fillers and hint words."""
    text = _PAREN_YEAR.sub(r" \1 ", query)
    raws = normalize.raw_words(text)
    canon = normalize.tokens(text)
    # normalize.tokens maps words one to one, so raw and canonical forms line up.
    toks: list[QueryToken] = []
    for raw, tok in zip(raws, canon, strict=False):
        year = int(tok) if normalize.is_year(tok) else None
        toks.append(
            QueryToken(
                text=tok,
                raw=raw,
                filler=raw in FILLERS or raw in ORDER_WORDS or tok in normalize.ARTICLES,
                year=year,
                hint=HINT_CATEGORIES.get(raw),
                order=ORDER_WORDS.get(raw),
            )
        )
    return ParsedQuery(query, tuple(toks))


def context_words(
    *,
    people: Iterable[str] = (),
    franchise: str | None = None,
    aliases: Iterable[str] = (),
    languages: Iterable[str] = (),
    countries: Iterable[str] = (),
    genres: Iterable[str] = (),
    kind: str = "movie",
    platforms: Iterable[str] = (),
) -> list[str]:
    """Return the canonical words a hint can match for one film."""
    words: list[str] = []
    for name in people:
        words.extend(normalize.tokens(name))  # lru-cached: the same names recur across films
    if franchise:
        words.extend(normalize.tokens(franchise))
    for alias in aliases:
        words.extend(normalize.tokens(alias))
    for code in languages:
        words.extend(LANGUAGE_WORDS.get(code.lower(), ()))
    for code in countries:
        words.extend(COUNTRY_WORDS.get(code.upper(), ()))
    for genre in genres:
        words.extend(GENRE_WORDS.get(genre.lower(), normalize.tokens(genre)))
    words.extend(KIND_WORDS.get(kind, ()))
    for platform in platforms:
        words.extend(PLATFORM_WORDS.get(platform.lower(), normalize.tokens(platform)))
    return list(dict.fromkeys(w for w in words if w and w not in normalize.STOPWORDS))
