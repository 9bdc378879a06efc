"""One answer for one film, from every review the database holds for it.

- One review: its verdict, in its own words ("one review: Our Call: STREAM IT").
- Several: a consensus ("2 of 3 reviews say watch"); a tie between watch and skip is mixed, a tie
  between watch (or skip) and mixed leans watch (or skip): "1 of 2 reviews says watch, the other
  is mixed".
- No review: the film's identity and "no review yet", honestly.
- Warnings: the union over reviews; per topic the strongest severity, the evidence of the review
  that rated it so, every source that raised it. Topics the asker avoids come first, marked.
- Gist: the most informative one (an explicit verdict's review first, then the fullest text).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core import taxonomy
from bot.core.films.model import Film
from bot.core.reviews.model import StoredReview, Verdict

_SEVERITY_RANK = {"mild": 1, "moderate": 2, "severe": 3}
_PRESENCE_RANK = {"unclear": 0, "mentioned": 1, "shown": 2}
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One review behind the answer."""

    review_id: int
    name: str
    author: str | None
    url: str | None
    published: str | None
    verdict: Verdict
    verdict_text: str | None
    basis: str
    confidence: float


@dataclass(frozen=True, slots=True)
class WarningItem:
    """One topic of the answer, with its strongest evidence."""

    topic: str
    label: str
    severity: str
    presence: str
    evidence: str
    spoiler: bool
    sources: tuple[str, ...]
    avoided: bool = False
    also: tuple[str, ...] = ()

    def quote(self) -> str:
        """Return the evidence as shown: the review's sentence in quotes, or, when the review gave
        only a rating ("Language: moderate."), what the rating was."""
        rated = _RATING_ONLY.match(self.evidence)
        if rated:
            return f"rated “{rated.group(1).lower()}” in the review's content guide"
        return f"“{' '.join(self.evidence.split())}”"


# A parents'-guide line that is only a rating: "Language: moderate.", "Sex & Nudity - Mild"
_RATING_ONLY = re.compile(
    r"^\s*[\w&'’ /]{1,40}\s*[:–—-]\s*(none|minimal|light|mild|some|moderate|strong|heavy|severe|extreme)\W*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Answer:
    """Everything the bot says about one film."""

    film: Film
    verdict: Verdict | None
    verdict_line: str
    confidence: float
    gist: str | None
    warnings: tuple[WarningItem, ...]
    sources: tuple[SourceRef, ...]
    streaming: tuple[str, ...] = ()
    compared: tuple[str, ...] = ()
    avoided_topics: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()  # topics the question asked about ("does the dog die…")

    @property
    def reviewed(self) -> bool:
        return bool(self.sources)

    @property
    def low_confidence(self) -> bool:
        return self.verdict is not None and self.confidence < LOW_CONFIDENCE

    @property
    def avoided_hits(self) -> tuple[WarningItem, ...]:
        return tuple(w for w in self.warnings if w.avoided)

    def asked_lines(self) -> list[str]:
        """One plain line per topic the question asked about: flagged or not, and by how many."""
        by_topic = {w.topic: w for w in self.warnings}
        n = len(self.sources)
        reviews = "review" if n == 1 else "reviews"
        out = []
        for key in self.asked:
            name = taxonomy.label(key)
            w = by_topic.get(key)
            if w is not None:
                out.append(
                    f"{name}: yes — {w.severity}, flagged by {len(w.sources)} of {n} {reviews} (evidence below)."
                )
            elif n:
                out.append(f"{name}: not mentioned in the {n} {reviews} I hold — which is not a promise.")
            else:
                out.append(f"{name}: I hold no review of this film, so I can't say.")
        return out


def _source_name(review: StoredReview) -> str:
    if review.source:
        return review.source
    if review.url:
        host = review.url.split("//", 1)[-1].split("/", 1)[0]
        return host.removeprefix("www.")
    return review.origin.rsplit("/", 1)[-1] or "a review"


def _say(n: int, total: int, verdict: Verdict) -> str:
    """ "2 of 3 reviews say watch", "all 3 reviews are mixed", "1 of 2 reviews says skip"."""
    if n == total:
        who = "both reviews" if total == 2 else f"all {total} reviews"
    else:
        who = f"{n} of {total} reviews"
    if verdict is Verdict.MIXED:
        return f"{who} {'is' if n == 1 else 'are'} mixed"
    return f"{who} {'says' if n == 1 else 'say'} {verdict.value}"


def consensus(reviews: Sequence[StoredReview]) -> tuple[Verdict | None, str, float]:
    """Return (verdict, line, confidence) over reviews, as stated in the module docstring."""
    if not reviews:
        return None, "No review yet", 0.0
    if len(reviews) == 1:
        r = reviews[0]
        words = r.verdict_text or r.verdict.value
        return r.verdict, f"one review: {words}", r.confidence
    counts = Counter(r.verdict for r in reviews)
    top, n = counts.most_common(1)[0]
    tied = [v for v, c in counts.items() if c == n]
    if len(tied) > 1:
        parts = ", ".join(
            f"{counts[v]} {v.value}" for v in (Verdict.WATCH, Verdict.MIXED, Verdict.SKIP) if counts[v]
        )
        if Verdict.MIXED in tied and len(tied) == 2:
            # Half say watch (or skip), half are lukewarm: the answer leans that way.
            verdict = next(v for v in tied if v is not Verdict.MIXED)
            rest = "the other is mixed" if counts[Verdict.MIXED] == 1 else "the others are mixed"
            line = f"{_say(n, len(reviews), verdict)}, {rest}"
        else:
            verdict = Verdict.MIXED
            line = f"reviews split ({parts} of {len(reviews)})"
        agreement = n / len(reviews)
    else:
        verdict = top
        line = _say(n, len(reviews), top)
        agreement = n / len(reviews)
    mean = sum(r.confidence for r in reviews) / len(reviews)
    return verdict, line, round(mean * agreement, 3)


def build_answer(
    film: Film, reviews: Sequence[StoredReview], avoided: Iterable[str] = (), asked: Iterable[str] = ()
) -> Answer:
    """Combine a film's reviews into one answer for a user avoiding `avoided` topics, whose
    question asked about `asked` topics (those come first too)."""
    avoided_set = set(avoided)
    asked_keys = tuple(t for t in dict.fromkeys(asked) if t in taxonomy.BY_KEY)
    verdict, line, confidence = consensus(reviews)
    sources = tuple(
        SourceRef(
            review_id=r.id,
            name=_source_name(r),
            author=r.author,
            url=r.url,
            published=r.published,
            verdict=r.verdict,
            verdict_text=r.verdict_text,
            basis=r.verdict_basis,
            confidence=r.confidence,
        )
        for r in reviews
    )
    by_topic: dict[str, list[tuple[StoredReview, object]]] = {}
    for r in reviews:
        for w in r.warnings:
            by_topic.setdefault(w.topic, []).append((r, w))
    items: list[WarningItem] = []
    for topic, found in by_topic.items():
        _, best = max(
            found,
            key=lambda rw: (
                _SEVERITY_RANK.get(rw[1].severity, 0),
                _PRESENCE_RANK.get(rw[1].presence, 0),
                rw[0].confidence,
            ),
        )
        presence = max((w.presence for _, w in found), key=lambda p: _PRESENCE_RANK.get(p, 0))
        names = tuple(dict.fromkeys(_source_name(r) for r, _ in found))
        also = tuple(w.evidence for r, w in found if w is not best)[:2] + tuple(best.also)
        items.append(
            WarningItem(
                topic=topic,
                label=taxonomy.label(topic),
                severity=best.severity,
                presence=presence,
                evidence=best.evidence,
                spoiler=best.spoiler or topic == "sad_ending",
                sources=names,
                avoided=topic in avoided_set,
                also=also[:3],
            )
        )
    order = {key: i for i, key in enumerate(taxonomy.KEYS)}
    items.sort(
        key=lambda w: (
            not w.avoided,
            w.topic not in asked_keys,
            -_SEVERITY_RANK.get(w.severity, 0),
            order.get(w.topic, 99),
        )
    )
    gist = _best_gist(reviews)
    streaming = tuple(dict.fromkeys([*(p for r in reviews for p in r.streaming), *film.platforms]))
    compared = tuple(dict.fromkeys(c for r in reviews for c in r.compared))
    return Answer(
        film=film,
        verdict=verdict,
        verdict_line=line,
        confidence=confidence,
        gist=gist,
        warnings=tuple(items),
        sources=sources,
        streaming=streaming,
        compared=compared[:6],
        avoided_topics=tuple(t for t in avoided if t in taxonomy.BY_KEY),
        asked=asked_keys,
    )


def _best_gist(reviews: Sequence[StoredReview]) -> str | None:
    with_gist = [r for r in reviews if r.gist]
    if not with_gist:
        return None
    best = max(
        with_gist, key=lambda r: (r.verdict_basis != "tone", min(len(r.gist or ""), 400), r.confidence)
    )
    return best.gist
