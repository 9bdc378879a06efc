"""The embed builders and the one helper that fits any embed within Discord's limits (no network)."""

from __future__ import annotations

import dataclasses

import discord
import pytest

from bot.chat import embeds
from bot.chat.cogs.freetext import strip_mentions
from bot.chat.cogs.warnings import parse_topics, topic_choices
from bot.chat.cooldowns import UserCooldowns
from bot.core.answers import Answer, SourceRef, WarningItem
from bot.core.films.index import Hit
from bot.core.films.model import Film
from bot.core.reviews.model import Verdict
from tests.discord_fake import limits


def check(embed: discord.Embed) -> dict:
    """Assert Discord would accept `embed` (the fake's own checker); return it as a dict."""
    data = embed.to_dict()
    assert limits.check_embed(data) == []
    assert limits.embed_length(data) <= 6000
    return data


def warning(n: int, *, evidence: str = "A sentence from the review.", **kw) -> WarningItem:
    values = {
        "topic": f"topic_{n}",
        "label": f"Topic {n}",
        "severity": "severe",
        "presence": "shown",
        "evidence": evidence,
        "spoiler": False,
        "sources": ("Somewhere",),
    }
    return WarningItem(**{**values, **kw})


def answer(**kw) -> Answer:
    film = Film(id="f-2020", title="Film", year=2020, directors=("A Director",), cast=("One", "Two"))
    source = SourceRef(
        1,
        "Decider",
        "Someone",
        "https://example.com/x",
        "2023-10-06",
        Verdict.WATCH,
        "STREAM IT",
        "explicit",
        0.9,
    )
    values = {
        "film": film,
        "verdict": Verdict.WATCH,
        "verdict_line": "one review: STREAM IT",
        "confidence": 0.9,
        "gist": "A short gist.",
        "warnings": (),
        "sources": (source,),
    }
    return Answer(**{**values, **kw})


# --------------------------------------------------------------------------- clip


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("one two three four", 12, "one two…"),
        ("line one\nline two is longer", 20, "line one\nline two…"),
        ("x" * 50, 10, "x" * 9 + "…"),
        ("||hidden words here||", 14, "||hidden…||"),
        ("abc \\*\\*def", 8, "abc \\*…"),
        ("abcdefgh\\*x", 10, "abcdefgh…"),
        ("anything", 1, "…"),
        ("anything", 0, ""),
    ],
)
def test_clip(text: str, limit: int, expected: str) -> None:
    assert embeds.clip(text, limit) == expected
    assert len(embeds.clip(text, limit)) <= limit


def test_clip_never_leaves_a_dangling_escape() -> None:
    text = "\\|" * 100
    for limit in range(2, 60):
        cut = embeds.clip(text, limit)
        body = cut.removesuffix("…")
        assert (len(body) - len(body.rstrip("\\"))) % 2 == 0, cut


# --------------------------------------------------------------------------- fit_embed with hostile input


def test_fit_embed_cuts_every_part() -> None:
    embed = discord.Embed(title="T" * 300, description="word " * 1000)
    for _ in range(40):
        embed.add_field(name="N" * 300, value="v " * 700)
    embed.set_footer(text="f" * 3000)
    embed.set_author(name="a" * 300)
    data = check(embeds.fit_embed(embed))
    assert len(data["title"]) == 256 and data["title"].endswith("…")
    assert len(data["fields"]) <= 25


def test_fit_embed_fills_empty_fields_and_keeps_small_embeds() -> None:
    embed = discord.Embed(title="ok", description="fine")
    embed.add_field(name="", value="")
    data = check(embeds.fit_embed(embed))
    assert data["title"] == "ok" and data["description"] == "fine"
    assert data["fields"] == [{"name": "—", "value": "—", "inline": True}]


def test_fit_embed_over_25_fields_lists_the_rest() -> None:
    embed = discord.Embed(title="many")
    for i in range(30):
        embed.add_field(name=f"f{i}", value="x")
    data = check(embeds.fit_embed(embed))
    assert len(data["fields"]) == 25
    assert data["fields"][-1]["name"] == "…and 6 more" and data["fields"][-1]["value"].startswith("f24, f25")


def test_answer_with_a_5000_character_gist_and_40_warnings() -> None:
    long = answer(
        film=Film(id="x" * 80, title="@everyone " + "Title " * 50, year=2020, directors=("D",) * 5),
        gist="This gist goes on. " * 270,
        warnings=tuple(warning(i, evidence="Evidence with || and ** inside. " * 40) for i in range(40)),
        compared=tuple(f"Other film {i}" for i in range(6)),
        streaming=("netflix", "hulu"),
    )
    for personal in (True, False):
        data = check(embeds.answer_embed(long, personal=personal))
        assert len(data["fields"]) <= 25
        assert data["title"].startswith("@\u200beveryone") and len(data["title"]) <= 256
        assert data["description"].startswith("**WATCH** — one review: STREAM IT")
        names = [f["name"] for f in data["fields"]]
        assert any(n.startswith("…and ") and n.endswith(" more warnings") for n in names)
        assert names[-1] == "Source"  # the sources are never the part that is dropped
        for f in data["fields"]:
            if f["value"].startswith("||"):
                assert f["value"].endswith("||") and "\\|\\|" in f["value"]


def test_answer_verdict_colours_and_words() -> None:
    assert embeds.answer_embed(answer(), personal=True).colour == discord.Colour(0x2ECC71)
    skip = embeds.answer_embed(
        answer(verdict=Verdict.SKIP, verdict_line="one review: SKIP IT"), personal=True
    )
    assert skip.colour == discord.Colour(0xE74C3C) and skip.description.startswith("**SKIP**")
    mixed = embeds.answer_embed(answer(verdict=Verdict.MIXED, confidence=0.3), personal=True)
    assert mixed.colour == discord.Colour(0xF0A30A)
    assert "low confidence: the reviews disagree" in mixed.description
    none = embeds.answer_embed(answer(verdict=None, sources=(), gist=None), personal=True)
    assert none.colour == discord.Colour(0x95A5A6) and none.description.startswith("**NO REVIEW YET**")


def test_avoided_topics_are_marked_only_when_personal() -> None:
    items = (warning(1, label="Violence"), warning(2, label="Torture", avoided=True, severity="mild"))
    mine = answer(warnings=(items[1], items[0]), avoided_topics=("topic_2",))
    personal = [f.name for f in embeds.answer_embed(mine, personal=True).fields]
    assert personal[:3] == ["⚠ Your topics", "⚠ Torture — mild, shown", "Violence — severe, shown"]
    public = [f.name for f in embeds.answer_embed(mine, personal=False).fields]
    assert public[:2] == ["Violence — severe, shown", "Torture — mild, shown"]


def test_source_links_only_when_safe() -> None:
    safe = embeds.answer_embed(answer(), personal=True)
    assert "[Decider](https://example.com/x) — Someone — 2023-10-06" in str(safe.to_dict())
    odd = dataclasses.replace(answer().sources[0], url="javascript:alert(1)")
    data = embeds.answer_embed(answer(sources=(odd,)), personal=True).to_dict()
    assert "](javascript" not in str(data)


def test_candidate_descriptions_fit_a_select_option() -> None:
    hit = Hit("b-2023", "Ballerina", 2023, "Lee Chung-hyun", True, 10, 1.0, "ballerina")
    film = Film(
        id="b-2023", title="Ballerina", year=2023, description="Korean Netflix revenge thriller: " + "x " * 80
    )
    text = embeds.candidate_description(hit, film)
    assert text == "Lee Chung-hyun · Korean Netflix revenge thriller · reviewed"
    long = Hit("y", "Y", None, "D" * 150, False, 0, 1.0, "y")
    assert len(embeds.candidate_description(long, None)) <= 100


# --------------------------------------------------------------------------- small parsers


def test_strip_mentions() -> None:
    assert strip_mentions("<@42> is Dune worth it?", 42) == "is Dune worth it?"
    assert strip_mentions("hey <@!42>, ballerina 2023", 42) == "hey ballerina 2023"
    assert strip_mentions("<@42>", 42) == ""
    assert strip_mentions("<@7> ballerina", 42) == "<@7> ballerina"


def test_parse_topics_and_choices() -> None:
    assert parse_topics("suicide, animal harm,, nonsense , suicide") == (
        ["suicide_self_harm", "animal_harm"],
        ["nonsense"],
    )
    choices = topic_choices("")
    assert len(choices) == 24 and all(len(c.name) <= 100 and len(c.value) <= 100 for c in choices)
    assert [c.value for c in topic_choices("violence, gor")] == ["violence, gore"]


def test_cooldowns_per_user() -> None:
    now = [100.0]
    cd = UserCooldowns(2, 10.0, clock=lambda: now[0])
    assert cd.hit(1) is None and cd.hit(1) is None
    retry = cd.hit(1)
    assert retry is not None and 0 < retry <= 10
    assert cd.hit(2) is None  # another user
    assert cd.first_warning(1) and not cd.first_warning(1)
    now[0] = 111.0
    assert cd.hit(1) is None
