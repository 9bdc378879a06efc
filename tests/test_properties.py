"""Properties over arbitrary input: queries never raise and stay within the API's contract; any bytes
fed to ingest end as a stored review or a clear per-file error, never a half-written row."""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.errors import QueryTooLong
from bot.core.films.choices import choice_label
from bot.core.films.index import FilmIndex
from bot.core.films.resolve import MAX_CHOICES, Ambiguous, NotFound, Resolved, resolve, resolve_followup
from bot.core.reviews.read import ReviewFileError, read_documents
from bot.ingest import ingest_paths
from bot.store import Store
from tests.conftest import copy_db

queries = st.text(max_size=300) | st.text(alphabet="balerin 0123456789()-:'&ÉéКорея발레리나", max_size=60)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=queries)
def test_any_query_resolves_within_the_contract(shipped_index: FilmIndex, text: str) -> None:
    try:
        result = resolve(shipped_index, text)
    except QueryTooLong:
        assert len(" ".join(text.split())) > 200
        return
    assert isinstance(result, Resolved | Ambiguous | NotFound)
    if isinstance(result, Resolved):
        assert 0 < result.confidence <= 1
    if isinstance(result, Ambiguous):
        assert 2 <= len(result.candidates) <= MAX_CHOICES
        assert resolve_followup(shipped_index, text, result.candidates) in (None, *result.candidates)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=queries)
def test_any_typed_text_autocompletes_within_discords_limits(shipped_index: FilmIndex, text: str) -> None:
    hits = (
        shipped_index.search(text[:200], 25, prefix=True) if text.strip() else shipped_index.default_hits(25)
    )
    assert len(hits) <= 25
    ids = [h.film_id for h in hits]
    assert len(ids) == len(set(ids))
    for hit in hits:
        assert 1 <= len(choice_label(hit)) <= 100 and 1 <= len(hit.film_id) <= 100


@settings(max_examples=200, deadline=None)
@given(
    data=st.binary(max_size=3000) | st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_any_bytes_are_read_or_refused_with_a_reason(data: bytes) -> None:
    for name in ("x.txt", "x.html", "x.xml", "x.md"):
        try:
            docs = read_documents(name, data)
        except ReviewFileError as exc:
            assert str(exc)
            continue
        assert docs and all(len(d.text.strip()) >= 80 for d in docs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.text(max_size=1500),
    title=st.sampled_from(["Ballerina (2023)", "Review: Crash", "Dune", "", "@everyone Party"]),
    fmt=st.sampled_from([".txt", ".md", ".html"]),
)
def test_any_file_ends_stored_or_reported_never_half_written(
    catalog_db: Path, title: str, body: str, fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = copy_db(catalog_db, tmp)
        path = tmp / f"review{fmt}"
        if fmt == ".html":
            content = f"<html><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
        else:
            content = f"{title}\n\n{body}"
        path.write_bytes(content.encode("utf-8", "surrogatepass"))

        async def go():
            async with await Store.open(db) as store:
                return await ingest_paths(store, [path], workers=0)

        report = asyncio.run(go())
        (result,) = report.files
        assert result.ok or (result.error and len(result.error) > 5)
        for entry in result.entries:
            assert entry.status in ("new", "refused") and (entry.status != "refused" or entry.message)
        with sqlite3.connect(db) as conn:
            reviews = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
            orphans = conn.execute(
                "SELECT count(*) FROM warnings WHERE review_id NOT IN (SELECT id FROM reviews)"
            ).fetchone()[0]
        assert reviews == sum(1 for e in result.entries if e.status == "new")
        assert orphans == 0
