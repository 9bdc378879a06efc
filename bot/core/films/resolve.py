"""From a loose query to one film, a question back, or an honest "not found".

Rules:
- Films that share the matched title and that the query's hints do not tell apart are always
  Ambiguous: the bot never silently picks one of several same-named films.
- Two different titles scoring within a hair of each other are Ambiguous too (a near tie).
- A hint that contradicts every candidate (a year, a language, a platform…) is reported in `note`.
- "the original" / "the remake" picks the oldest / newest of same-named films.
- A weak best match is NotFound, with the closest titles as suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.errors import QueryTooLong
from bot.core.films import hints, normalize
from bot.core.films.index import NAME_PART, FilmIndex, Hit

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
FOUND = 0.70  # below this the best match is not trusted (on the synthetic set no right answer scores less)
SAME_TITLE_MARGIN = 0.06  # popularity and "reviewed" priors stay below this
NEAR_TIE = 0.03
PART_MARGIN = 0.02  # a title that only contains the name, next to one that is the name
MAX_CHOICES = 25


@dataclass(frozen=True, slots=True)
class Resolved:
    """One film, with how sure the match is."""

    hit: Hit
    confidence: float
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """Several films fit; ask which one (reviewed first)."""

    candidates: tuple[Hit, ...]
    reason: str  # "same_title" or "near_tie"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class NotFound:
    """Nothing fits well enough; the closest titles, if any."""

    query: str
    suggestions: tuple[Hit, ...] = ()
    note: str | None = None


Resolution = Resolved | Ambiguous | NotFound


def check_query(text: str) -> str:
    """Return the query trimmed, or raise QueryTooLong for text no title could need."""
    cleaned = " ".join(text.split())
    if len(cleaned) > MAX_QUERY_CHARS:
        raise QueryTooLong(len(cleaned), MAX_QUERY_CHARS)
    return cleaned


def _ordered(hits: Sequence[Hit]) -> tuple[Hit, ...]:
    """Reviewed films first; then films whose whole name is what was asked before films whose title
    only begins or ends with it ("Star Wars" (1977) before "Star Wars: The Clone Wars"); then score."""
    return tuple(
        sorted(
            hits,
            key=lambda h: (not h.reviewed, h.name_kind == NAME_PART, -h.score, -h.votes, -(h.year or 0)),
        )
    )


def _year_note(parsed: hints.ParsedQuery, hits: Sequence[Hit], title: str) -> str | None:
    years = parsed.years
    if not years or any(h.year_match for h in hits):
        return None
    known = list(dict.fromkeys(str(h.year) for h in sorted(hits, key=lambda h: h.year or 0) if h.year))
    asked = " or ".join(str(y) for y in years)
    near = [h for h in hits if h.year and any(abs(h.year - y) == 1 for y in years)]
    if len(near) == 1:
        return f"The catalog lists {near[0].title} as {near[0].year}, not {asked}."
    # Quoted, so a title that begins with "The" still reads: no “The Running Man” from 2025.
    note = f"The catalog has no “{title}” from {asked}"
    if not known:
        return note + "."
    years_known = known[0] if len(known) == 1 else ", ".join(known[:-1]) + " and " + known[-1]
    return note + f"; it has the {years_known} {'film' if len(known) == 1 else 'films'}."


def _hint_note(hits: Sequence[Hit]) -> str | None:
    missed = set(hits[0].hints_unmatched)
    for h in hits[1:]:
        missed &= set(h.hints_unmatched)
    if missed:
        words = ", ".join(sorted(missed))
        return f"None of these matches “{words}”."
    return None


def suggestions(index: FilmIndex, query: str, limit: int = 5) -> tuple[Hit, ...]:
    """Return the closest titles for a query that found nothing, best first."""
    hits = [h for h in index.search(query, limit=limit * 2) if h.score >= 0.3]
    if hits:
        return tuple(hits[:limit])
    # Last resort: whole-string similarity against the most asked-about titles.
    pool = index.popular_titles()
    folded = normalize.key(query)
    if not folded or not pool:
        return ()
    found = process.extract(folded, index.popular_keys(), scorer=fuzz.ratio, limit=limit, score_cutoff=70)
    out = []
    for _, _, i in found:
        hit = index.hit_for(pool[i][0])
        if hit is not None:
            out.append(hit)
    return tuple(out)


MISSED_WORD_MARGIN = 0.15


def _content_words(parsed: hints.ParsedQuery) -> list[str]:
    """The words of a query that could name a film: not chatter, years, hints or little words."""
    return [
        t.text
        for t in parsed.tokens
        if not t.filler
        and t.year is None
        and t.hint is None
        and t.text not in normalize.STOPWORDS
        and (t.text.isdigit() or len(t.text) >= 2)
    ]


def _far_fetched(parsed: hints.ParsedQuery, top: Hit) -> bool:
    """Whether the best match is one short word read with two slips: "bambi" is not Barbie, nor
    "dumbo" Duma. Two edits make another word of a short one; offer it, do not answer for it."""
    content = _content_words(parsed)
    if len(content) != 1 or top.hints_matched:
        return False
    word = content[0]
    title = top.name_key.split()
    if word.isdigit() or len(word) > 6 or word in title or not title:
        return False
    return min(OSA.distance(word, t) for t in title) >= 2


def _margin(top: Hit, other: Hit) -> float:
    """How far below the best a film sharing its name may score and still be "the same title".

    A film whose title only ends or begins with the name ("The Fortune: Part Two" for "fortune
    2025") is the same title as "Fortune" only when it scores about as well.
    """
    if other.name_kind == NAME_PART and top.name_kind != NAME_PART:
        return PART_MARGIN
    return SAME_TITLE_MARGIN


def resolve(index: FilmIndex, query: str) -> Resolution:
    """Resolve a query to one film, an ambiguity to ask about, or not found."""
    text = check_query(query)
    parsed = hints.parse(text)
    if len(parsed.tokens) > MAX_QUERY_WORDS:
        parsed = hints.ParsedQuery(parsed.text, parsed.tokens[:MAX_QUERY_WORDS])
    if not parsed.tokens:
        return NotFound(text, note="That has no words a title could have.")
    hits = index.search(parsed, limit=MAX_CHOICES)
    if not hits or hits[0].score < FOUND:
        return NotFound(text, suggestions(index, text))
    top = hits[0]
    if any(w.isdigit() for w in top.words_missed):
        # "smile 2" when the catalog has only Smile (2022): the sequel asked for is not this film.
        return NotFound(text, tuple(hits[:5]))
    if top.words_missed and 2 * len(top.words_missed) >= len(_content_words(parsed)):
        # Half of what names the film is in neither this title nor its credits: "the exorcist
        # believer" is not The Exorcist (1973), "it ends with us" is not Us. The catalog lacks the
        # film asked for; offer the closest titles rather than answer for the wrong one.
        return NotFound(text, tuple(hits[:5]))
    if top.words_missed and any(
        h.score >= top.score - MISSED_WORD_MARGIN and set(top.words_missed) - set(h.words_missed)
        for h in hits[1:]
    ):
        # A word of the query is in neither this title nor its credits, and a film scoring about
        # as well has it: with "endgame" in Highlander: Endgame, "avengers endgame" is not simply
        # The Avengers (1998). Neither is the answer: say so and offer both.
        return NotFound(text, tuple(hits[:5]))
    if _far_fetched(parsed, top):
        return NotFound(text, tuple(hits[:5]))
    same = [h for h in hits if h.name_key == top.name_key and h.score >= top.score - _margin(top, h)]
    if len(same) >= 2 and len(parsed.tokens) > 1 and parsed.tokens[0].text in normalize.ARTICLES:
        # "the batman": The Batman (2022), not Batman (1989) — the article typed is part of the title.
        article = parsed.tokens[0].text
        spelled = [h for h in same if normalize.tokens(h.title)[:1] == (article,)]
        if 0 < len(spelled) < len(same):
            same = spelled
            hits = [h for h in hits if h in spelled or h.name_key != top.name_key]
            top = same[0]
    if len(same) >= 2:
        order = next((t.order for t in parsed.tokens if t.order), None)
        if order is not None and all(h.year for h in same):
            pick = (
                min(same, key=lambda h: h.year or 0)
                if order == "oldest"
                else max(same, key=lambda h: h.year or 0)
            )
            word = "original" if order == "oldest" else "newest"
            return Resolved(pick, 0.8, note=f"Taking “{word}” to mean {pick.label}.")
        note = _year_note(parsed, same, same[0].title) or _hint_note(same)
        return Ambiguous(_ordered(same), "same_title", note)
    close = [h for h in hits if h.score >= top.score - NEAR_TIE]
    if len(close) >= 2 and top.score < 0.95:
        return Ambiguous(_ordered(close[:MAX_CHOICES]), "near_tie", _hint_note(close))
    second = hits[1].score if len(hits) > 1 else 0.0
    confidence = min(1.0, top.score) * (0.6 + 0.4 * min(1.0, (top.score - second) / 0.3))
    note = _year_note(parsed, [top], top.title) if top.year_match is False else None
    if top.words_missed:
        confidence *= 0.8
        missed = ", ".join(f"“{w}”" for w in top.words_missed)
        note = note or f"Nothing in the catalog matches {missed}; this is the closest title."
    return Resolved(top, round(confidence, 3), note=note or _hint_note([top]))


_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "ninth": 9,
    "9th": 9,
    "tenth": 10,
    "10th": 10,
}
_NUMBER_REPLY = re.compile(
    r"^\s*(?:#|no\.?|number|option|the)?\s*(\d{1,2})\s*[.)]?\s*(?:one|please)?\s*$", re.I
)


def resolve_followup(index: FilmIndex, reply: str, candidates: Sequence[Hit]) -> Hit | None:
    """Pick one of the listed candidates from a reply ("2", "2023", "the korean one"), or None.

    None means the reply does not single out a candidate: treat it as a new question.
    """
    if not candidates or len(reply) > MAX_QUERY_CHARS:
        return None
    text = reply.strip().lower()
    match = _NUMBER_REPLY.match(text)
    if match:
        n = int(match.group(1))
        if 1 <= n <= len(candidates):
            return candidates[n - 1]
    words = normalize.raw_words(text)
    for word in words:
        if word in _ORDINALS and _ORDINALS[word] <= len(candidates):
            return candidates[_ORDINALS[word] - 1]
        if word == "last" and "one" in words and len(words) <= 3:
            return candidates[-1]
    parsed = hints.parse(text)
    years = parsed.years
    if years:
        by_year = [c for c in candidates if c.year in years]
        if len(by_year) == 1:
            return by_year[0]
    order = next((t.order for t in parsed.tokens if t.order), None)
    if order is not None and len(words) <= 4 and all(c.year for c in candidates):
        return (
            min(candidates, key=lambda c: c.year or 0)
            if order == "oldest"
            else max(candidates, key=lambda c: c.year or 0)
        )
    scores = index.describe_match(parsed, [c.film_id for c in candidates])
    if scores:
        best = max(scores)
        if best > 0 and scores.count(best) == 1:
            return candidates[scores.index(best)]
    return None
