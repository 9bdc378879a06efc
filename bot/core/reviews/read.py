"""Bytes of a review file → documents: text plus whatever metadata the format carries.

Formats: plain text, Markdown, saved HTML pages (main text and metadata through trafilatura, with
navigation, comments and sidebars dropped), RSS/Atom feeds (feedparser; one document per entry).
Encodings: UTF-8 (with or without BOM), UTF-16/32 with BOM, otherwise detected (charset-normalizer).
Every refusal is a ReviewFileError whose message says what is wrong and what to do.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import replace

from bot.core.reviews.model import Document

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 2_000_000
MIN_TEXT_CHARS = 80
SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".feed": "feed",
}


class ReviewFileError(Exception):
    """A review file that cannot be used; the message is for the operator."""


def decode(data: bytes) -> str:
    """Decode review bytes, refusing binary data with a clear message."""
    if not data.strip():
        raise ReviewFileError("the file is empty")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise ReviewFileError(
                    f"the file starts with a {codec} byte-order mark but is not valid {codec}"
                ) from exc
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise ReviewFileError(
            "this looks like a binary file, not a text review (convert it to .txt, .md or .html)"
        )
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        log.info("decoded as windows-1252 (not UTF-8)")
        return western
    from charset_normalizer import from_bytes  # imported here: only needed for non-UTF-8 files

    best = from_bytes(data).best()
    if best is None or best.encoding is None or best.chaos > 0.2 or _odd_ratio(str(best)) > 0.1:
        raise ReviewFileError("not valid UTF-8, and no text encoding fits it; save the file as UTF-8")
    text = str(best)
    if _control_ratio(text.encode("utf-8", "ignore")[:8192]) > 0.05:
        raise ReviewFileError("this looks like a binary file, not a text review")
    log.info("decoded as %s (not UTF-8)", best.encoding)
    return text


def _western(data: bytes) -> str | None:
    """Return the text as Windows-1252 when it plainly is Western-European text, else None.

    The commonest non-UTF-8 review file; a short one is often misread by statistical detectors.
    Text in another script read as 1252 is nearly all accented letters, so the share of non-ASCII
    letters tells them apart.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    non_ascii = sum(1 for ch in letters if ord(ch) > 127)
    return text if non_ascii / len(letters) < 0.25 and _odd_ratio(text) < 0.05 else None


def _odd_ratio(text: str) -> float:
    """Share of characters that are neither letters, digits, spaces nor common punctuation."""
    sample = text[:8192]
    if not sample:
        return 0.0
    odd = sum(
        1 for ch in sample if not (ch.isalnum() or ch.isspace() or ch in ".,;:!?'\"()-–—…’‘“”%&/*+=#@$€£[]")
    )
    return odd / len(sample)


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(sample)


def detect_format(name: str, text: str) -> str:
    """Return text / markdown / html / feed from the file name, then from the content."""
    head = text.lstrip()[:2000].lower()
    if head.startswith("<?xml") or "<rss" in head or "<feed" in head:
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "feed"
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head):
        return "html"
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    fmt = SUFFIX_FORMATS.get(suffix)
    if fmt in ("text", "markdown"):
        return fmt
    if fmt == "html" or fmt == "feed":
        return fmt if ("<" in head) else "text"
    return "text"


def read_documents(name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """Turn one file's bytes into documents (a feed gives one per entry)."""
    if len(data) > max_bytes:
        raise ReviewFileError(
            f"the file is {len(data):,} bytes, over the {max_bytes:,}-byte limit for one review "
            "(raise MAX_REVIEW_BYTES if it really is one review)"
        )
    text = decode(data)
    fmt = detect_format(name, text)
    if fmt == "html":
        docs = [_from_html(name, text)]
    elif fmt == "feed":
        docs = _from_feed(name, text)
    elif fmt == "markdown":
        docs = [Document(text=markdown_to_text(text), origin=name, fmt="markdown")]
    else:
        docs = [Document(text=_normalise_text(text), origin=name, fmt="text")]
    kept = [d for d in docs if len(d.text.strip()) >= MIN_TEXT_CHARS]
    if not kept:
        raise ReviewFileError(
            f"no review text found (fewer than {MIN_TEXT_CHARS} characters of prose after reading it as {fmt})"
        )
    return kept


def _normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_MD_PATTERNS = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"^\s{0,3}#{1,6}\s*(.+?)\s*#*\s*$", re.M), r"\1"),  # headings become their own line
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"), r"\1"),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"^\s*[-*+]\s+", re.M), ""),
    (re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.M), ""),
    (re.compile(r"`([^`]*)`"), r"\1"),
]


def markdown_to_text(text: str) -> str:
    """Strip Markdown markup, keeping headings as lines of their own."""
    text = _normalise_text(text)
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)  # front matter
    for pattern, repl in _MD_PATTERNS:
        text = pattern.sub(repl, text)
    return _normalise_text(text)


def _from_html(name: str, page: str) -> Document:
    import trafilatura  # heavy import: only when an HTML file is read

    extracted = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=True,
    )
    if not extracted:
        raise ReviewFileError("no article text could be extracted from this HTML page")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    title = data.get("title") or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return Document(
        text=_normalise_text(text),
        origin=name,
        title=title,
        author=data.get("author") or None,
        published=(data.get("date") or None),
        site=data.get("sitename") or None,
        url=data.get("url") or None,
        fmt="html",
    )


def html_fragment_text(fragment: str) -> str:
    """Return the text of an HTML fragment (feed entry content), paragraphs kept."""
    if "<" not in fragment:
        return _normalise_text(html.unescape(fragment))
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, TypeError):
        return _normalise_text(re.sub(r"<[^>]+>", " ", html.unescape(fragment)))
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return _normalise_text(root.text_content())


def _from_feed(name: str, text: str) -> list[Document]:
    import feedparser

    parsed = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        raise ReviewFileError(
            f"not a readable RSS/Atom feed ({parsed.get('bozo_exception', 'malformed XML')})"
        )
    if not parsed.entries:
        raise ReviewFileError("the feed has no entries")
    site = parsed.feed.get("title") or None
    docs: list[Document] = []
    for n, entry in enumerate(parsed.entries, start=1):
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry.content), key=len)
        body = body or entry.get("summary", "") or entry.get("description", "")
        title = html.unescape(entry.get("title", "")).strip() or None
        text = html_fragment_text(body)
        if title:
            text = f"{title}\n\n{text}"
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        docs.append(
            Document(
                text=text,
                origin=f"{name}#{n}",
                title=title,
                author=entry.get("author") or None,
                published=published,
                site=site,
                url=entry.get("link") or None,
                fmt="feed",
            )
        )
    return docs


def with_origin(doc: Document, origin: str) -> Document:
    """Return the document with another origin label."""
    return replace(doc, origin=origin)
