"""The gist: two or three sentences saying what the film is and what the reviewer thought.

Taken from the review's own summary section ("The Gist", "Summary", "The Bottom Line") where it has
one, followed by the reviewer's closing argument when it fits; otherwise the sentences that best
combine the film's name, description and the reviewer's judgement. At most 400 characters, cut at
sentence boundaries, and never from a spoiler section or a sentence that gives the ending away.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from bot.core.reviews.clean import Gated, names_phrase, split_sentences
from bot.core.reviews.model import Section
from bot.core.reviews.verdict import _NEGATIVE, _POSITIVE, verdict_words

MAX_GIST = 400
_SPOILERISH = Gated(
    re.compile(
        r"\b(?:the ending|in the end|at the end|by the end|final (?:scene|act|moments|twist|reveal)|twist|turns out|it'?s revealed|"
        r"is revealed|spoiler|dies|killed herself|killed himself|kills (?:her|him)self|climax)\b",
        re.I,
    ),
    "the end|final|twist|turns out|revealed|spoiler|dies|killed|kills|climax",
)
_META = Gated(
    re.compile(r"\b(?:subscribe|newsletter|click|follow (?:us|me)|@\w+|https?://|cookie|advertis)", re.I),
    "subscribe|newsletter|click|follow|@|http|cookie|advertis",
)
_WORD = re.compile(r"[a-z]+")
_FIRST_PERSON = re.compile(r"^(?:I|I'm|I've|Me|My)\b")


def _fits(parts: list[str], extra: str) -> bool:
    return len(" ".join([*parts, extra])) <= MAX_GIST


def _cut(sentence: str) -> str:
    if len(sentence) <= MAX_GIST:
        return sentence
    cut = sentence[: MAX_GIST - 1]
    for sep in ("; ", ", ", " – ", " — ", " "):
        if sep in cut[150:]:
            return cut[: cut.rfind(sep)].rstrip(",;:–— ") + "…"
    return cut + "…"


def _evaluative(sentence: str) -> float:
    words = _WORD.findall(sentence.lower())
    return sum(1 for w in words if w in _POSITIVE or w in _NEGATIVE)


# A masthead or credits line, not prose: "DreamWorks Animation · written and directed by Chris
# Sanders", "Review by Tobias Greenleaf for Sprocket & Crayon (sprocketcrayon.test)".
_MASTHEAD = re.compile(
    r"\s[·|•]\s|\(\w[\w\-]*(?:\.[\w\-]+)+[\w/]*\)|"
    r"^(?:(?:directed|written|produced|reviewed|review|words) by|directors?:|starring|cast:|review:|rated\b|runtime)",
    re.I,
)
_BY_NAME = re.compile(r"^(?:By|by) [A-Z]")


def _masthead(sentence: str) -> bool:
    s = sentence.strip()
    return bool(_MASTHEAD.search(s) or _BY_NAME.match(s)) or not s.rstrip('"”’)]*').endswith(
        (".", "!", "?", "…")
    )


def _usable(sentence: str) -> bool:
    s = sentence.strip()
    return (
        len(s) >= 25
        and not _masthead(s)
        and not s.endswith("?")
        and not _SPOILERISH.search(s)
        and not _META.search(s)
        and not s.startswith(("“", '"'))
        and s.count("“") <= 2
    )


def make_gist(
    sections: Sequence[Section],
    *,
    title: str | None = None,
    headline: str | None = None,
    is_other_film: Callable[[str], bool] = lambda s: False,
) -> str | None:
    """Return the gist of a review, or None when there is too little prose."""
    if headline:
        sections = [
            Section(
                s.heading,
                s.kind,
                "\n".join(line for line in s.text.split("\n") if line.strip() != headline.strip()),
            )
            for s in sections
        ]
    summary = [s for s in sections if s.kind == "gist" and s.text.strip()]
    verdicts = [s for s in sections if s.kind == "verdict" and s.text.strip()]
    closing = _closing_argument(verdicts)
    if summary:
        parts: list[str] = []
        for sentence in [x for line in summary[0].text.split("\n") for x in split_sentences(line)]:
            if not _usable(sentence) or is_other_film(sentence):
                if parts:
                    break
                continue
            if parts and (len(parts) >= 2 or not _fits(parts, sentence) or len(" ".join(parts)) > 220):
                break
            parts.append(_cut(sentence))
        if parts:
            if closing and _fits(parts, closing):
                parts.append(closing)
            return " ".join(parts)
    body = [s for s in sections if s.kind in ("body", "take", "verdict", "gist", "performance")]
    candidates: list[tuple[float, int, str]] = []
    order = 0
    total = sum(1 for s in body for line in s.text.split("\n") for _ in split_sentences(line)) or 1
    if not title:
        titled = None
    elif title.isascii():
        titled = functools.partial(names_phrase, phrase=title)
    else:
        titled = re.compile(rf"\b{re.escape(title)}\b", re.I).search
    for sec in body:
        for line in sec.text.split("\n"):
            for sentence in split_sentences(line):
                order += 1
                if (
                    not _usable(sentence)
                    or is_other_film(sentence)
                    or (len(sentence) < 40 and verdict_words(sentence))
                ):
                    continue
                score = 0.0
                if titled and titled(sentence):
                    score += 2.0
                score += min(3.0, _evaluative(sentence))
                if 50 <= len(sentence) <= 230:
                    score += 1.0
                if order <= 3 or order >= total - 3:
                    score += 1.0
                if _FIRST_PERSON.match(sentence):
                    score -= 1.0
                candidates.append((score, order, sentence))
    if not candidates:
        return closing
    best = sorted(candidates, key=lambda c: -c[0])[:6]
    chosen: list[tuple[int, str]] = []
    for score, order, sentence in best:
        if score < 1.5 and chosen:
            break
        text = _cut(sentence)
        if _fits([s for _, s in chosen], text):
            chosen.append((order, text))
        if len(chosen) == 3 or len(" ".join(s for _, s in chosen)) > 300:
            break
    if not chosen:
        return None
    return " ".join(s for _, s in sorted(chosen))


def _closing_argument(verdicts: Sequence[Section]) -> str | None:
    """Return the first sentence after the verdict words ("STREAM IT. There's one thing…")."""
    for sec in reversed(verdicts):
        sentences = [x for line in sec.text.split("\n") for x in split_sentences(line)]
        for sentence in sentences[1:3]:
            if _usable(sentence) and 40 <= len(sentence) <= 200:
                return sentence
    return None
