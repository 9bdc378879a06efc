"""The synthetic catalog and query generators, on a small size."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
from rapidfuzz.distance import OSA, DamerauLevenshtein

from bench import gen_catalog, gen_queries
from bot.catalog.imdb import import_imdb
from bot.store import Store

FILMS = 2000
QUERIES = 300


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("catalog")
    gen_catalog.generate(FILMS, out, seed=7)
    return out


@pytest.fixture(scope="module")
def truth(catalog: Path) -> dict[str, dict]:
    with gzip.open(catalog / "truth.jsonl.gz", "rt", encoding="utf-8") as lines:
        return {film["tconst"]: film for film in map(json.loads, lines)}


@pytest.fixture(scope="module")
def queries(catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("queries") / "queries.jsonl"
    gen_queries.generate(catalog / "truth.jsonl.gz", QUERIES, out, seed=3)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def contents(folder: Path) -> dict[str, bytes]:
    return {name: gzip.decompress((folder / name).read_bytes()) for name in gen_catalog.FILES}


def test_the_catalog_is_deterministic_for_a_seed(catalog: Path, tmp_path: Path) -> None:
    gen_catalog.generate(FILMS, tmp_path / "same", seed=7)
    gen_catalog.generate(FILMS, tmp_path / "other", seed=8)
    first = contents(catalog)
    assert contents(tmp_path / "same") == first
    assert contents(tmp_path / "other")["title.basics.tsv.gz"] != first["title.basics.tsv.gz"]


def test_the_files_have_imdbs_headers_and_columns(catalog: Path) -> None:
    for name, header in gen_catalog.HEADERS.items():
        lines = gzip.decompress((catalog / name).read_bytes()).decode("utf-8").splitlines()
        columns = header.split()
        assert lines[0].split("\t") == columns
        assert all(len(line.split("\t")) == len(columns) for line in lines[1:]), name


def test_the_catalog_looks_like_imdb(catalog: Path, truth: dict[str, dict]) -> None:
    films = list(truth.values())
    assert len(films) == FILMS
    share = lambda test: sum(1 for f in films if test(f)) / FILMS  # noqa: E731
    assert 0.2 < share(lambda f: f["title"].split()[0] in ("The", "A")) < 0.45
    assert 0.05 < share(lambda f: ": " in f["title"]) < 0.2
    assert 0.05 < share(lambda f: f["kind"] == "tvMovie") < 0.15
    assert (
        0.03
        < share(lambda f: f["language"] not in ("en", "ko", "ja") and f["title"] == f["original_title"])
        < 0.1
    )
    assert share(lambda f: not f["title"].isascii()) > 0.01  # accents
    assert share(lambda f: len(f["title"].split()) <= 4) > 0.6
    assert 0.1 < share(lambda f: bool(f["aliases"])) < 0.6
    votes = sorted(f["votes"] for f in films)
    assert votes[FILMS // 2] < 100 < votes[-1]  # most films tiny, a few big
    groups = Counter(f["same_title_group"] for f in films)
    assert any(n > 1 for n in groups.values())
    basics = gzip.decompress((catalog / "title.basics.tsv.gz").read_bytes()).decode().splitlines()[1:]
    kinds = Counter(line.split("\t")[1] for line in basics)
    assert 0.1 < 1 - (kinds["movie"] + kinds["tvMovie"]) / len(basics) < 0.3  # rows the importer skips
    assert any(line.split("\t")[4] == "1" for line in basics) or len(basics) < 5000  # adult rows, rare


async def test_the_importer_reads_the_catalog(catalog: Path, truth: dict[str, dict], tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "db.sqlite") as store:
        report = await import_imdb(store, catalog)
        assert report.films_inserted == FILMS
        assert not report.skipped
        assert sum(report.titles_skipped.values()) > FILMS * 0.15
        films = await store.get_films(list(truth)[:300])
    for tconst, film in films.items():
        expected = truth[tconst]
        assert (film.title, film.year, film.kind) == (expected["title"], expected["year"], expected["kind"])
        assert list(film.directors) == expected["directors"]
        assert list(film.cast) == expected["cast"]
        assert set(film.aliases) <= set(expected["aliases"])
        assert film.votes == expected["votes"]


async def test_a_catalog_made_in_parts_names_the_same_people_in_truth_and_tsv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big catalogs are made in parts, each with its own seed: the truth file's directors and cast
    must still be the people the TSV files credit (a person hint is only fair if they are)."""
    monkeypatch.setattr(gen_catalog, "PART_FILMS", 300)
    out = tmp_path / "parts"
    gen_catalog.generate(1200, out, seed=5, jobs=1)  # four parts
    with gzip.open(out / "truth.jsonl.gz", "rt", encoding="utf-8") as lines:
        films = {film["tconst"]: film for film in map(json.loads, lines)}
    assert len(films) == 1200
    async with await Store.open(tmp_path / "db.sqlite") as store:
        await import_imdb(store, out)
        stored = await store.get_films(list(films))
    last_part = list(films)[-300:]
    for tconst in last_part:
        assert list(stored[tconst].directors) == films[tconst]["directors"], tconst
        assert list(stored[tconst].cast) == films[tconst]["cast"], tconst


def test_every_query_has_a_known_answer(queries: list[dict], truth: dict[str, dict]) -> None:
    assert len(queries) == QUERIES
    for query in queries:
        assert query["target"] in truth
        assert query["target"] in query["acceptable"]
        assert set(query["acceptable"]) <= set(truth)
        assert query["mode"] == ("prefix" if query["noise"] == "prefix" else "resolve")
    asked = sorted(truth[q["target"]]["votes"] for q in queries)
    catalog = sorted(f["votes"] for f in truth.values())
    # Popular films are asked about more (in a 2,000-film catalog the popular titles are short and
    # often another film's alternative title, which hint queries avoid: 2× rather than more)…
    assert asked[len(asked) // 2] > 2 * catalog[len(catalog) // 2]
    assert asked[len(asked) // 10] <= catalog[len(catalog) // 2]  # …with a tail of obscure ones


def test_the_noise_kinds_come_in_equal_shares(queries: list[dict]) -> None:
    counts = Counter(q["noise"] for q in queries)
    assert set(counts) == set(gen_queries.KINDS)
    fair = QUERIES / len(gen_queries.KINDS)
    assert all(fair - 2 <= n <= fair + 2 for n in counts.values()), counts


def test_acceptable_lists_the_same_title_films(queries: list[dict], truth: dict[str, dict]) -> None:
    groups: dict[str, set[str]] = {}
    for film in truth.values():
        groups.setdefault(film["same_title_group"], set()).add(film["tconst"])
    ambiguous = 0
    for query in queries:
        target = truth[query["target"]]
        same = groups[target["same_title_group"]]
        if query["noise"] in (
            "exact",
            "case_punct",
            "typo1",
            "typo2",
            "dropped_article",
            "number_style",
            "prefix",
        ):
            assert set(query["acceptable"]) == same, query
            ambiguous += len(same) > 1
        elif query["noise"] == "year_hint":
            assert set(query["acceptable"]) == {t for t in same if truth[t]["year"] == target["year"]}
    assert ambiguous  # some queries cannot be told apart from a same-named film


def test_year_hints_point_at_remakes_half_the_time(queries: list[dict], truth: dict[str, dict]) -> None:
    hinted = [q for q in queries if q["noise"] == "year_hint"]
    remakes = [
        q
        for q in hinted
        if sum(1 for f in truth.values() if f["same_title_group"] == truth[q["target"]]["same_title_group"])
        > 1
    ]
    assert len(remakes) >= len(hinted) // 3
    for query in remakes:
        assert query["acceptable"] == [query["target"]]
        assert str(truth[query["target"]]["year"]) in query["query"]


@pytest.mark.parametrize(
    ("kind", "check"),
    [
        ("exact", lambda q, f: q == f["title"]),
        (
            "typo1",
            lambda q, f: (
                OSA.distance(q.lower(), f["title"].lower()) == 1 and q[0].lower() == f["title"][0].lower()
            ),
        ),
        (
            "typo2",
            lambda q, f: (
                1 <= DamerauLevenshtein.distance(q.lower(), f["title"].lower()) <= 2 and len(f["title"]) >= 10
            ),
        ),
        (
            "dropped_article",
            lambda q, f: (
                f["title"].lower().endswith(q.lower()) and f["title"].split()[0] in ("The", "A", "An")
            ),
        ),
        ("prefix", lambda q, f: 3 <= len(q) <= 12 and f["title"].lower().startswith(q.lower())),
        ("subtitle_only", lambda q, f: f["title"].endswith(": " + q)),
        ("main_only", lambda q, f: f["title"].startswith(q + ": ")),
        (
            "person_hint",
            lambda q, f: any(q.lower().endswith(p.split()[-1].lower()) for p in f["directors"] + f["cast"]),
        ),
        ("case_punct", lambda q, f: q != f["title"] and (q.islower() or q.isupper())),
    ],
)
def test_each_noise_kind_does_what_it_says(
    queries: list[dict], truth: dict[str, dict], kind: str, check
) -> None:
    chosen = [q for q in queries if q["noise"] == kind]
    assert chosen
    for query in chosen:
        assert check(query["query"], truth[query["target"]]), query


def test_kinds_can_be_restricted(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.jsonl"
    assert (
        gen_queries.main(
            [
                "--truth",
                str(catalog / "truth.jsonl.gz"),
                "--n",
                "20",
                "--out",
                str(out),
                "--kinds",
                "alias,typo1",
            ]
        )
        == 0
    )
    kinds = Counter(json.loads(line)["noise"] for line in out.read_text(encoding="utf-8").splitlines())
    assert kinds == {"alias": 10, "typo1": 10}
