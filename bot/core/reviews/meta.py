"""Who wrote a review, where, when, and what it says about streaming and similar films."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from bot.core.reviews.clean import Gated, mentions, split_sentences
from bot.core.reviews.model import Document, Section

# Outlets recognised by a column name or their own name in the text (for plain-text saves that
# lost the page's metadata). Facts about the outlets, not text from them.
KNOWN_OUTLETS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bstream it or skip it\b", re.I), "Decider"),
    (re.compile(r"\bSOFREP\b"), "SOFREP"),
    (re.compile(r"\bCommon Sense Media\b|\bparents need to know\b", re.I), "Common Sense Media"),
    (re.compile(r"\bKids-In-Mind\b", re.I), "Kids-In-Mind"),
    (re.compile(r"\bRogerEbert\.com\b", re.I), "RogerEbert.com"),
]
# Every outlet above is named with one of these words.
_OUTLET_WORDS = tuple(
    "stream it or skip it|sofrep|common sense media|parents need to know|kids-in-mind|rogerebert.com".split(
        "|"
    )
)
_BYLINE = re.compile(
    r"^\s*(?:by|written by|review by|reviewed by|review:|words by)\s+([A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3})"
    r"(?:\s*(?:[—–\-|,·]|for)\s*([^,—–|·\n]{2,60}?))?(?:\s*[,—–|·]\s*(.{4,40}))?"
    r"(?:\s*\(([\w\-]+(?:\.[\w\-]+)+[\w/\-]*)\))?\s*$",
    re.I,
)
# "Reviewed for Tall Tales Film Club by Hannah Quarrie"
_BYLINE_FOR = re.compile(
    r"^\s*(?:reviewed|review|written) for\s+(.{2,60}?)\s+by\s+([A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3})\s*$",
    re.I,
)
# The pieces of a masthead line: "Talk to Me · reviewed by Priya Halloran for Second Reel", "Rewind Family Cinema — by …"
_PIECES = re.compile(r"\s+[·|•—–]\s+")
_DOMAIN = re.compile(r"^\(?[\w\-]+(?:\.[\w\-]+)+(?:/\S*)?\)?$")
_BIO = re.compile(
    r"^([A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){1,3})\s*(?:\(@\w+\))?\s+(?:is|was)\s+(?:an?|the)\s+[^.]{0,80}?"
    r"\b(?:writer|critic|editor|journalist|reviewer|columnist|contributor|blogger|author)\b",
)
_DATE_LINE = re.compile(r"^\s*(?:published|posted|updated|date)\s*[:：]?\s*(.{6,40})$", re.I)
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%b. %d, %Y",
    "%m/%d/%Y",
    "%Y/%m/%d",
)


def parse_date(text: str) -> str | None:
    """Return an ISO date from common written forms, or None."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip(".")).replace("Sept.", "Sep.")
    m = re.search(r"\d{4}-\d{2}-\d{2}", cleaned)
    if m:
        cleaned = m.group(0)
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
        if date(1890, 1, 1) <= parsed <= date(2100, 1, 1):
            return parsed.isoformat()
    m = re.search(
        r"([A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}|\d{4}-\d{2}-\d{2})", text
    )
    if m and m.group(0) != text:
        return parse_date(m.group(0))
    return None


def byline(paragraphs: Sequence[str], doc: Document) -> tuple[str | None, str | None, str | None]:
    """Return (author, outlet, ISO date) from metadata, a byline, a date line or an author bio."""
    author, outlet, when = doc.author, doc.site, parse_date(doc.published) if doc.published else None
    found = False
    for para in paragraphs[:6]:
        pieces = [para, *_PIECES.split(para)] if _PIECES.search(para) else [para]
        for i, piece in enumerate(pieces):
            m = _BYLINE.match(piece)
            m_for = None if m else _BYLINE_FOR.match(piece)
            if not m and not m_for:
                continue
            if m_for:
                author = author or m_for.group(2).strip()
                rest = [m_for.group(1)]
            else:
                author = author or m.group(1).strip()
                rest = [g for g in (m.group(2), m.group(3)) if g]
            for part in rest:
                parsed = parse_date(part)
                if parsed:
                    when = when or parsed
                elif not outlet:
                    outlet = part.strip(" .")
            if not outlet and i > 1:
                # "Rewind Family Cinema — by Prudence Oyelaran": the outlet is the piece before.
                outlet = _outlet_piece(pieces[1:i])
            found = True
            break
        if found:
            break
    if not outlet:
        for para in paragraphs[:4]:
            pieces = _PIECES.split(para)
            # "Watchful Parent Magazine · watchfulparent.test": a name beside its web address
            for k in range(1, len(pieces)):
                if _DOMAIN.match(pieces[k].strip()) and not _DOMAIN.match(pieces[k - 1].strip()):
                    outlet = _outlet_piece(pieces[:k])
                    break
            if outlet:
                break
    for para in paragraphs[:8]:
        m = _DATE_LINE.match(para)
        if m and not when:
            when = parse_date(m.group(1))
    if not author:
        for para in paragraphs[-4:]:
            m = _BIO.match(para)
            if m:
                author = m.group(1)
                break
    if not outlet:
        text = "\n".join(paragraphs)
        for pattern, name in KNOWN_OUTLETS if mentions(text, _OUTLET_WORDS) else ():
            if pattern.search(text):
                outlet = name
                break
    return author, outlet, when


def _outlet_piece(pieces: Sequence[str]) -> str | None:
    """Return the last piece of a masthead that can be an outlet's name (not a web address, a year,
    or a list of names)."""
    for piece in reversed(pieces):
        piece = re.sub(r"^(?:from|at|on)\s+(?:the\s+)?", "", piece.strip(), flags=re.I).strip(" .")
        if (
            piece
            and not _DOMAIN.match(piece)
            and not re.match(r"(?:reviewed |review |written )?by\b", piece, re.I)
            and not re.search(r"\b(?:18|19|20)\d\d\b", piece)
            and "," not in piece
            and len(piece) <= 60
        ):
            return piece
    return None


def find_url(paragraphs: Sequence[str], doc: Document) -> str | None:
    """Return the review's address: the page's own, else a "Source: https://…" line."""
    if doc.url:
        return doc.url
    for para in paragraphs[:5] + list(paragraphs[-5:]):
        if re.match(r"^\s*(?:source|originally published|link|url)\s*[:：]", para, re.I):
            m = _URL.search(para)
            if m:
                return m.group(0).rstrip(".,")
    return None


_COMPARE_PHRASES = Gated(
    re.compile(
        r"\b(?:reminds? (?:me|you|us) of|in the vein of|fans of|for fans of|echoes of|shades of|a cross between|meets|"
        r"alongside|like a|unlike|compared (?:to|with)|if you liked|companion piece to)\b",
        re.I,
    ),
    "remind|vein of|fans of|echoes of|shades of|cross between|meets|alongside|like a|unlike|compared|if you liked|companion piece",
)


def comparison_sentences(sections: Sequence[Section]) -> list[str]:
    """Return sentences that compare the film with others (where the compared titles live)."""
    out: list[str] = []
    for sec in sections:
        lines = sec.text.split("\n") if sec.text else []
        if sec.kind == "compare":
            out.extend(lines)
            continue
        for line in lines:
            if _COMPARE_PHRASES.search(line):
                # Only the sentences that compare: in "…structured like a thriller. …the Trinity
                # test sequence is unforgettable" the second names no film it is compared with.
                out.extend(s for s in split_sentences(line) if _COMPARE_PHRASES.search(s))
    return out
