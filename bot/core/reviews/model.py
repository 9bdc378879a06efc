"""What the pipeline understands from a review, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    """The three answers to "should I watch it?"."""

    WATCH = "watch"
    SKIP = "skip"
    MIXED = "mixed"


@dataclass(frozen=True, slots=True)
class VerdictFinding:
    """A verdict with the source's own words and how it was reached."""

    verdict: Verdict
    text: str  # the source's words: "Our Call: STREAM IT", "★★½", "6/10"
    basis: str  # "explicit" (a verdict line), "rating" (stars, x/10, grades) or "tone"
    confidence: float  # 0..1
    score: float | None = None  # the rating on a 0..1 scale when there is one


@dataclass(frozen=True, slots=True)
class ContentWarning:
    """One topic of the taxonomy, with the sentence that supports it."""

    topic: str
    severity: str  # mild / moderate / severe
    presence: str  # shown / mentioned / unclear
    evidence: str
    spoiler: bool = False
    also: tuple[str, ...] = ()  # further supporting sentences


@dataclass(frozen=True, slots=True)
class LinkEvidence:
    """One clue tying a review to a film."""

    kind: str  # title, title_year, director, cast, platform, franchise, year, runtime, other_film
    text: str
    weight: float


@dataclass(frozen=True, slots=True)
class FilmLink:
    """Which film a review is about, how sure, and why."""

    film_id: str | None
    confidence: float
    evidence: tuple[LinkEvidence, ...] = ()
    reason: str = ""  # why it was refused, for the operator
    candidates: tuple[str, ...] = ()  # labels of the films considered


@dataclass(frozen=True, slots=True)
class Document:
    """A review as read from a file: text plus whatever metadata the format carried."""

    text: str
    origin: str  # path, plus "#entry-N" for feed entries
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date
    site: str | None = None
    url: str | None = None
    fmt: str = "text"  # text, markdown, html, feed


@dataclass(frozen=True, slots=True)
class Section:
    """A headed part of a review ("The Gist", "Our Call", "Sex and Skin")."""

    heading: str
    kind: str  # gist, verdict, parents, compare, spoiler, stream, body, ...
    text: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pipeline found in one review, before it is tied to a film."""

    cleaned_text: str
    content_hash: str
    headline: str | None
    source: str | None
    author: str | None
    url: str | None
    published: str | None
    verdict: VerdictFinding
    gist: str | None
    warnings: tuple[ContentWarning, ...]
    streaming: tuple[str, ...] = ()
    compared: tuple[str, ...] = ()
    sections: tuple[Section, ...] = field(default=(), compare=False)
    origin: str = ""


@dataclass(frozen=True, slots=True)
class StoredReview:
    """A review as the database holds it."""

    id: int
    film_id: str
    source: str | None
    author: str | None
    url: str | None
    published: str | None
    headline: str | None
    verdict: Verdict
    verdict_text: str | None
    verdict_basis: str
    confidence: float
    gist: str | None
    warnings: tuple[ContentWarning, ...]
    streaming: tuple[str, ...]
    compared: tuple[str, ...]
    link_confidence: float
    link_evidence: tuple[LinkEvidence, ...]
    origin: str
    ingested_at: str
