"""The review pipeline: document → cleaned sections → film link → verdict, gist, warnings.

Two pure steps around one lookup:

    prepared = prepare(doc)                                  # clean, sections, title mentions
    films = await store.films_by_title_keys(prepared.keys)   # the caller's catalog lookup
    link = link(prepared, films)                             # or forced with --film
    analysis = analyse(prepared, target_film, films)         # verdict, gist, warnings, …
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.core.films import normalize
from bot.core.films.model import Film
from bot.core.reviews import clean, gist, linking, meta, verdict, warnings
from bot.core.reviews.model import Analysis, Document, FilmLink, LinkEvidence, Section

# Bump when the analysis changes: re-ingesting a file then replaces its stored analysis.
ANALYSER_VERSION = 26
MAX_LOOKUP_KEYS = 400


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document cleaned and split, with the title mentions to look up."""

    doc: Document
    paragraphs: tuple[str, ...]
    sections: tuple[Section, ...]
    headline: str | None
    mentions: tuple[linking.Mention, ...]
    claims: tuple[str, ...]
    content_hash: str

    @property
    def keys(self) -> list[str]:
        """Return the normalised title keys to fetch from the catalog."""
        return [m.key for m in self.mentions[:MAX_LOOKUP_KEYS]]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def content_hash(paragraphs: Sequence[str]) -> str:
    """Hash a review's words, ignoring case, spacing and punctuation: the same review saved twice
    in different formats is one review."""
    folded = " ".join(normalize.fold(" ".join(paragraphs)).split())
    folded = re.sub(r"[^a-z0-9 ]+", "", folded)
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def prepare(doc: Document) -> Prepared:
    """Clean a document and find its sections, headline and title mentions."""
    clean.forget_sentences()
    paragraphs = clean.clean_paragraphs(doc.text)
    sections = clean.split_sections(paragraphs)
    column = next((s.text.split("\n", 1)[0] for s in sections if s.kind == "column" and s.text), None)
    headline = linking.headline_of(paragraphs, doc.title) if not column else column
    mentions = linking.title_mentions(paragraphs, headline)
    claims = linking.platform_claims("\n".join(([headline] if headline else []) + paragraphs))
    return Prepared(
        doc=doc,
        paragraphs=tuple(paragraphs),
        sections=tuple(sections),
        headline=headline,
        mentions=tuple(mentions),
        claims=tuple(claims),
        content_hash=content_hash(paragraphs),
    )


def link(
    prepared: Prepared, films_by_key: Mapping[str, Sequence[Film]], forced: Film | None = None
) -> FilmLink:
    """Decide the film (or honour a forced one), with the evidence."""
    if forced is not None:
        candidates = {m.key: films_by_key.get(m.key, ()) for m in prepared.mentions}
        mention = next(
            (m for m in prepared.mentions if any(f.id == forced.id for f in candidates.get(m.key, ()))), None
        )
        _, evidence = linking.score_film(
            forced,
            mention,
            prepared.text,
            [s for p in prepared.paragraphs for s in clean.split_sentences(p)],
            prepared.claims,
        )
        return FilmLink(
            forced.id, 1.0, (LinkEvidence("forced", "--film given by the operator", 0.0), *evidence)
        )
    return linking.link_film(
        prepared.paragraphs, prepared.headline, prepared.mentions, films_by_key, prepared.claims
    )


def analyse(prepared: Prepared, target: Film | None, films_by_key: Mapping[str, Sequence[Film]]) -> Analysis:
    """Return verdict, gist, warnings and metadata for a prepared review of `target`."""
    is_other = linking.other_film_checker(target, prepared.mentions, films_by_key)
    sections = prepared.sections
    found_verdict = verdict.find_verdict(sections, headline=prepared.headline, is_other_film=is_other)
    found_warnings = warnings.find_warnings(
        sections,
        is_other_film=is_other,
        headline=prepared.headline,
        own_titles=[target.title, *target.aliases] if target else (),
    )
    summary = gist.make_gist(
        sections, title=target.title if target else None, headline=prepared.headline, is_other_film=is_other
    )
    author, outlet, published = meta.byline(list(prepared.paragraphs), prepared.doc)
    compared = _compared(prepared, target, films_by_key)
    streaming = prepared.claims
    return Analysis(
        cleaned_text=prepared.text,
        content_hash=prepared.content_hash,
        headline=prepared.headline,
        source=outlet,
        author=author,
        url=meta.find_url(list(prepared.paragraphs), prepared.doc),
        published=published,
        verdict=found_verdict,
        gist=summary,
        warnings=found_warnings,
        streaming=tuple(streaming),
        compared=compared,
        sections=sections,
        origin=prepared.doc.origin,
    )


def _compared(
    prepared: Prepared, target: Film | None, films_by_key: Mapping[str, Sequence[Film]]
) -> tuple[str, ...]:
    """Return labels of catalog films the review compares this one with."""
    sentences = meta.comparison_sentences(prepared.sections)
    if not sentences:
        return ()
    folded = " ".join(" ".join(normalize.tokens(s)) for s in sentences)
    own = {normalize.key(target.title)} if target else set()
    out: list[str] = []
    for m in prepared.mentions:
        films = [f for f in films_by_key.get(m.key, ()) if target is None or f.id != target.id]
        if not films or m.key in own or len(m.key) < 3:
            continue
        if f" {m.key} " in f" {folded} ":
            if " " not in m.key:
                # One word names a film only as its whole title or another of its titles: "the
                # Trinity test" is not Blade: Trinity.
                films = [f for f in films if m.key in {normalize.key(t) for t in (f.title, *f.aliases)}]
                if not films:
                    continue
            best = max(films, key=lambda f: f.votes)
            if len(m.key.split()) == 1 and m.salience < 0.8 and not any(f.franchise for f in films):
                # A lone capitalised word is a film only when the sentence treats it as one.
                if not re.search(rf"\b(?:in|like|of|than|and)\s+{re.escape(m.text)}\b", " ".join(sentences)):
                    continue
            out.append(best.label)
    return tuple(dict.fromkeys(out))[:6]
