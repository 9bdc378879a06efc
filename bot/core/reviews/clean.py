"""Scrape artifacts out, sections and sentences in.

Cleaning: paragraphs repeated by a scraper are kept once; comment sections, subscription and
newsletter boxes, share prompts, cookie notices and "related articles" lists are cut; photo credits
and widget lines ("Powered by …") are dropped.

Sections: a line such as "The Gist: …", "Our Call: STREAM IT", a Markdown heading, or a short title
line followed by text starts a section. Known headings get a kind (gist, verdict, parents guide,
comparison, spoilers, where to stream, dialogue) that later stages rely on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.core.reviews.model import Section

# Lines from which everything after is page furniture, not review.
_TAIL_STARTERS = re.compile(
    r"^\s*(?:comments?(?:\s*\(\d+\))?|\d+\s+comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)"
    r"|reader comments|show comments|add a comment|what do you think\??|related (?:articles|posts|stories|reviews)"
    r"|more (?:reviews|from|stories)|you (?:may|might) also like|recommended for you|read (?:next|more)\b.*"
    r"|sign up for (?:our|the) newsletter.*|subscribe to (?:our|the) newsletter.*|share this (?:article|post|review).*"
    r"|about the author|tags?:.*|filed under:?.*|trending now|popular posts)\s*:?\s*$",
    re.I,
)
# Single lines that are furniture wherever they appear.
_JUNK_LINE = re.compile(
    r"^\s*(?:powered by \w+|photos?:.*|photo credit:.*|image:.*|credit:.*|advertisement|sponsored|"
    r"share(?: on)? (?:facebook|twitter|x|reddit|email).*|(?:facebook|twitter|reddit|email|print|whatsapp)"
    r"(?:\s*[|·•]\s*(?:facebook|twitter|reddit|email|print|whatsapp))*|"
    r"(?:we|this site) uses? cookies.*|accept(?: all)? cookies?.*|you must (?:become a subscriber|be logged in|log ?in).*|"
    r"(?:log ?in|sign ?in|subscribe) to (?:view|post|comment|read).*|there are\s*$|on this article\.?|"
    r"click here to .*|\(opens in a new (?:tab|window)\)|skip to (?:main )?content|"
    r"subscribe(?: now)?!?|sign up(?: now)?!?|read more\.?|continue reading\.?|©.*|copyright .*|all rights reserved.*)\s*$",
    re.I,
)


_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "ʼ": "'"})


def plain(text: str) -> str:
    """Return text with curly quotes made straight (same length, so match offsets still hold)."""
    return text.translate(_PLAIN)


def caseless(text: str) -> str:
    """Return text lower-cased as the regex engine matches ASCII letters when ignoring case ("İ"
    and "ı" read as "i", "ſ" as "s", the Kelvin sign as "k"): a pattern's lower-case ASCII words
    can match the text, with re.I, only where they are in this."""
    if not text.isascii():
        text = text.replace("İ", "i").replace("ı", "i").replace("ſ", "s")
    return text.lower()


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Return whether the text holds any of these lower-case ASCII words (ignoring case as the regex
    engine does): a quick look before patterns whose every match holds one of them."""
    text = caseless(text)
    return any(word in text for word in words)


_BOUNDARY = re.compile(r"\b")


def names_phrase(text: str, phrase: str) -> bool:
    """Return whether the text names an ASCII phrase as a whole, ignoring case: what
    `re.search(rf"\b{re.escape(phrase)}\b", text, re.I)` finds, without a pattern for the phrase
    (the phrase is looked for in the case-folded text, which keeps every character in place)."""
    key = phrase.lower()
    folded = caseless(text)
    at = folded.find(key)
    while at != -1:
        if _BOUNDARY.match(text, at) and _BOUNDARY.match(text, at + len(key)):
            return True
        at = folded.find(key, at + 1)
    return False


class Gated:
    """A pattern and words (lower-case ASCII, "|" between them) every match of it holds: searched
    only in text that has one of them, a quick look that spares most sentences the pattern."""

    __slots__ = ("pattern", "words")

    def __init__(self, pattern: re.Pattern[str], words: str) -> None:
        self.pattern = pattern
        self.words = tuple(words.split("|"))

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if mentions(text, self.words) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if mentions(text, self.words) else iter(())

    def sub(self, repl: Callable[[re.Match[str]], str], text: str) -> str:
        return self.pattern.sub(repl, text) if mentions(text, self.words) else text


def split_paragraphs(text: str) -> list[str]:
    """Return non-empty lines/paragraphs, whitespace tidied (each run of it one space)."""
    return [line for raw in text.split("\n") if (line := " ".join(raw.split()))]


def clean_paragraphs(text: str) -> list[str]:
    """Return the review's paragraphs with scrape artifacts removed (order kept)."""
    paragraphs = split_paragraphs(text)
    kept: list[str] = []
    seen_exact: set[str] = set()
    long_seen: list[str] = []
    remaining = sum(len(p) for p in paragraphs)
    done = 0
    for para in paragraphs:
        done += len(para)
        remaining -= len(para)
        if _TAIL_STARTERS.match(para):
            # "Comments", "Related articles", "Share this": page furniture. At the end of a page
            # everything after it goes; near the top (share buttons above the article) only the line.
            if len(kept) >= 3 and done >= remaining:
                break
            continue
        if _JUNK_LINE.match(para):
            continue
        folded = para.casefold()
        if folded in seen_exact and len(para) > 25:
            continue  # a paragraph the scraper repeated
        if len(para) > 120 and any(fuzz.ratio(folded, prev) > 93 for prev in long_seen[-40:]):
            continue
        seen_exact.add(folded)
        if len(para) > 120:
            long_seen.append(folded)
        kept.append(para)
    # Trailing author bios and share prompts after the verdict stay (bios name the author), but a
    # last line that is only a call to subscribe goes.
    while (
        kept
        and re.search(r"\b(subscribe|newsletter|sign up|log ?in to)\b", kept[-1], re.I)
        and len(kept[-1]) < 200
    ):
        kept.pop()
    return kept


# --- sentences ---------------------------------------------------------------------------

_ABBREVIATIONS = (
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "jr",
    "sr",
    "vs",
    "etc",
    "dir",
    "no",
    "vol",
    "ep",
    "pt",
    "approx",
    "min",
    "mins",
    "hr",
    "hrs",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "feat",
    "ft",
    "inc",
    "co",
    "ltd",
    "mt",
    "lt",
    "col",
    "gen",
)
_SENT_END = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9¡¿])")


_LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")
# The analysis splits the same lines several times (links, verdict, warnings, gist); a review's
# splits are kept while it is read, and forgotten before the next (`forget_sentences`).
_SPLIT_MEMO: dict[str, tuple[str, ...]] = {}


def forget_sentences() -> None:
    """Drop remembered splits (called before each review is read)."""
    _SPLIT_MEMO.clear()


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, minding abbreviations and initials."""
    got = _SPLIT_MEMO.get(paragraph)
    if got is None:
        if len(_SPLIT_MEMO) >= 4096:
            _SPLIT_MEMO.clear()
        got = _SPLIT_MEMO[paragraph] = tuple(_split_sentences(paragraph))
    return list(got)


def _split_sentences(paragraph: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENT_END.finditer(paragraph):
        end = match.start()
        before = paragraph[start:end].rstrip("\"”’')] ")
        last_word = _LAST_WORD.search(before)
        if last_word:
            word = last_word.group(1).lower().rstrip(".")
            if word in _ABBREVIATIONS or len(word) == 1:
                continue  # "dir. Lee", "F. W. Murnau"
        parts.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if p]


# --- sections ----------------------------------------------------------------------------

_HEADINGS: list[tuple[str, str]] = [
    ("column", r"stream it or skip it\??|see it or skip it\??|watch it or skip it\??"),
    (
        "verdict",
        r"our call|the call|verdict|the verdict|final verdict|final words?|final thoughts?"
        r"|our verdict|my verdict|rating|our rating|my rating|grade|the grade|score|final score|recommendation"
        r"|should you (?:watch|see|stream) it\??|is it worth (?:it|watching)\??|conclusion|in conclusion"
        r"|the takeaway|final grade|final rating",
    ),
    (
        "gist",
        r"the gist|gist|bottom line|the bottom line|summary|in short|in brief|tl;?dr|the short version|the premise|premise|what it'?s about"
        r"|synopsis|the story|the setup|set-?up|overview|at a glance|quick take|the pitch",
    ),
    (
        "parents",
        r"sex(?:,| and| &)? (?:skin|nudity)|sex|nudity|sexual content|violence(?: (?:and|&) gore)?|gore|profanity"
        r"|language|(?:alcohol|drugs|smoking)(?:,? (?:and |& )?(?:alcohol|drugs|smoking))*|substance use|frightening"
        r"(?: (?:and|&) intense scenes)?|intense scenes|content(?: notes?| warnings?| advisory| guide)?|parents'? guide"
        r"|parental guidance|trigger warnings?|what parents need to know|is it ok for kids\??|age rating",
    ),
    (
        "compare",
        r"what movies will it remind you of\??|if you liked(?: this)?|similar (?:films|movies)|compare (?:it )?to"
        r"|for fans of|reminds? (?:me|you) of|see also",
    ),
    ("spoiler", r"spoilers?(?: ahead| warning| section)?|the ending|ending explained|spoiler zone"),
    ("stream", r"where to (?:stream|watch)|how to watch|streaming on|available on|watch it on"),
    ("dialogue", r"memorable dialogue|best line|quotable"),
    ("performance", r"performance worth watching|standout performance|performances?|the cast"),
    ("take", r"our take|my take|the take|the review|analysis|thoughts"),
]
# A known heading at the start of a paragraph, then the section's first words on the same line.
_PREFIXED = [
    (kind, re.compile(rf"^(?P<h>(?:{alts}))\s*(?:[:：?]|\s[-–—]\s)\s*(?P<rest>.*)$", re.I))
    for kind, alts in _HEADINGS
]
_AFTER_HEADING = ":：?-–—"  # what ends a heading that a section's words follow on its line
_BARE_HEADING = re.compile(r"^[^.!]{2,70}[?:]?$")
# Sections that hold a line, not an essay: after them, text goes back to the body.
_SHORT_KINDS = {"column", "stream"}


# Every kind in one pattern, in the same order: the first kind whose heading matches wins.
_ANY_HEADING = re.compile(
    "^(?:" + "|".join(f"(?P<k{i}>(?:{alts})$)" for i, (_kind, alts) in enumerate(_HEADINGS)) + ")", re.I
)
_HEADING_TAIL = re.compile(r"[\s:*#]+$")


def heading_kind(label: str) -> str | None:
    """Return the section kind of a heading text, or None when it is not a known heading."""
    m = _ANY_HEADING.match(_HEADING_TAIL.sub("", label.strip()).strip())
    return _HEADINGS[int(m.lastgroup[1:])][0] if m and m.lastgroup else None


def _match_heading(para: str) -> tuple[str, str, str] | None:
    """Return (kind, heading, rest) when a paragraph starts a known section."""
    if len(para.split()) <= 8 and _BARE_HEADING.match(para):
        kind = heading_kind(para)
        if kind:
            return kind, para.strip().rstrip(":").strip(), ""
    if not any(mark in para for mark in _AFTER_HEADING):
        return None  # no colon, question mark or dash for a heading to end on
    for kind, pattern in _PREFIXED:
        match = pattern.match(para)
        if match:
            return kind, match.group("h").strip(), match.group("rest").strip()
    return None


@dataclass
class _Open:
    heading: str
    kind: str
    lines: list[str]


_VERDICT_START = re.compile(
    r"^\W*(?:(?:stream it|skip it|see it|watch it|worth it|not worth it|skip|see|watch|avoid|recommended|must[- ]see"
    r"|mixed|pass|[A-F][+-]?)(?=\s*(?:$|[.!:;,—–-]))|(?:skip|see|watch|stream) it (?:unless|if|only)\b|(?:highly |not )?recommended\b|\d+(?:\.\d+)?\s*(?:/|out of)\s*\d+|[★☆✩⭐]+)",
    re.I,
)


def _starts_with_verdict(text: str) -> bool:
    return bool(_VERDICT_START.match(text))


def split_sections(paragraphs: list[str]) -> list[Section]:
    """Group paragraphs into sections by the headings and "Label: text" lines they contain."""
    sections: list[Section] = []
    current = _Open("", "body", [])

    def close() -> None:
        if current.lines or current.kind != "body":
            sections.append(Section(current.heading, current.kind, "\n".join(current.lines)))

    for para in paragraphs:
        found = _match_heading(para)
        if found is None:
            if current.kind in _SHORT_KINDS and current.lines:
                close()
                current = _Open("", "body", [])
            current.lines.append(para)
            continue
        close()
        kind, heading, rest = found
        if kind == "gist" and rest and _starts_with_verdict(rest):
            kind = "verdict"  # "Bottom line: skip it." is a verdict; "Bottom line: a thin story…" a summary
        current = _Open(heading, kind, [rest] if rest else [])
    close()
    return sections
