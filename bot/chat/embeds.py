"""Answers, questions back and help as Discord embeds, always within Discord's limits.

Text from reviews and the catalog is escaped (a "||" or "**" in a review cannot break the layout)
and cut at word or line boundaries with "…"; `fit_embed` is the last guard for every embed sent.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterable
from typing import Any

import discord

from bot import render
from bot.conversation import AskTurn, NotFoundTurn
from bot.core import taxonomy
from bot.core.answers import Answer, SourceRef, WarningItem
from bot.core.films.index import Hit
from bot.core.films.model import Film
from bot.core.reviews.model import Verdict

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
TOTAL_MAX = 6000
ELLIPSIS = "…"
EMPTY = "—"

COLOURS = {
    Verdict.WATCH: discord.Colour(0x2ECC71),  # green
    Verdict.MIXED: discord.Colour(0xF0A30A),  # amber
    Verdict.SKIP: discord.Colour(0xE74C3C),  # red
    None: discord.Colour(0x95A5A6),  # grey: no review
}
INFO_COLOUR = discord.Colour(0x5865F2)
AVOIDED_MARK = "⚠"
SPOILER_HIDDEN = "(spoiler — use the button)"
GIST_MAX = 1200
_EVIDENCE_MAX = 300
_EVIDENCE_MIN = 80
_SPOILER_TAG = re.compile(r"^\|\|(.*)\|\|$", re.S)


# --------------------------------------------------------------------------- text helpers


def escape(text: str) -> str:
    """Escape Discord markdown (and neutralise mentions) in text that came from a review or a user."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def clip(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a line or word boundary, ending with "…".

    A spoiler-tagged text ("||…||") is cut inside its tags so the evidence stays hidden, and an
    escape backslash is never left dangling at the cut.
    """
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    if limit == 1:
        return ELLIPSIS
    tagged = _SPOILER_TAG.match(text)
    if tagged and limit >= 6:
        return f"||{clip(tagged.group(1), limit - 4)}||"
    room = limit - len(ELLIPSIS)
    head = text[:room]
    cut = room
    if not text[room].isspace():  # the cut would split a word: step back to a boundary
        floor = room * 2 // 3  # but give up at most a third of the room for it
        cut = head.rfind("\n")
        if cut < floor:
            cut = max(head.rfind(" "), head.rfind("\t"))
        if cut < floor:
            cut = room
    head = head[:cut].rstrip(" \t\n,;:·—–-")
    trailing = len(head) - len(head.rstrip("\\"))
    if trailing % 2:  # an escape backslash cut from the character it escapes
        head = head[:-1]
    return head + ELLIPSIS


def _non_empty(text: str | None) -> str:
    return text if text and text.strip() else EMPTY


# --------------------------------------------------------------------------- fitting


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Return a copy of `embed` cut to every Discord limit (per part, 25 fields, 6000 in all)."""
    data: dict[str, Any] = copy.deepcopy(dict(embed.to_dict()))
    if data.get("title") is not None:
        data["title"] = clip(str(data["title"]), TITLE_MAX)
    if data.get("description") is not None:
        data["description"] = clip(str(data["description"]), DESCRIPTION_MAX)
    if data.get("footer") and data["footer"].get("text") is not None:
        data["footer"]["text"] = clip(str(data["footer"]["text"]), FOOTER_MAX)
    if data.get("author") and data["author"].get("name") is not None:
        data["author"]["name"] = clip(str(data["author"]["name"]), AUTHOR_MAX)
    fields = [
        {
            "name": clip(_non_empty(f.get("name")), FIELD_NAME_MAX),
            "value": clip(_non_empty(f.get("value")), FIELD_VALUE_MAX),
            "inline": bool(f.get("inline")),
        }
        for f in data.get("fields") or []
    ]
    if len(fields) > FIELDS_MAX:
        rest = fields[FIELDS_MAX - 1 :]
        names = ", ".join(f["name"] for f in rest)
        fields = [*fields[: FIELDS_MAX - 1], {"name": f"…and {len(rest)} more", "value": clip(names, 1024)}]
    data["fields"] = fields
    _fit_total(data)
    return discord.Embed.from_dict(data)


def _total(data: dict[str, Any]) -> int:
    total = len(data.get("title") or "") + len(data.get("description") or "")
    total += sum(len(f["name"]) + len(f["value"]) for f in data.get("fields") or [])
    total += len((data.get("footer") or {}).get("text") or "")
    total += len((data.get("author") or {}).get("name") or "")
    return total


def _fit_total(data: dict[str, Any]) -> None:
    """Shrink the description, then the longest field values, then drop fields from the end."""

    def over() -> int:
        return _total(data) - TOTAL_MAX

    desc = data.get("description") or ""
    if over() > 0 and len(desc) > 300:
        data["description"] = clip(desc, max(300, len(desc) - over()))
    fields = data["fields"]
    while over() > 0:
        longest = max(fields, key=lambda f: len(f["value"]), default=None)
        if longest is None or len(longest["value"]) <= 120:
            break
        longest["value"] = clip(longest["value"], max(120, len(longest["value"]) - over()))
    dropped = 0
    while over() > 0 and fields:
        fields.pop()
        dropped += 1
    if over() > 0:  # title, footer and author add up to 2,560 at most: the description gives way
        desc = data.get("description") or ""
        data["description"] = clip(desc, max(0, len(desc) - over())) or None
    if dropped and data.get("footer") is not None:
        note = f" · {dropped} more not shown"
        text = data["footer"].get("text") or ""
        if _total(data) + len(note) <= TOTAL_MAX and len(text) + len(note) <= FOOTER_MAX:
            data["footer"]["text"] = text + note


# --------------------------------------------------------------------------- the answer


def verdict_line(answer: Answer) -> str:
    """Return the first line: the verdict in words, the source's own words, low confidence stated."""
    if answer.verdict is None:
        return "**NO REVIEW YET** — I know this film but hold no review of it."
    low = ""
    if answer.low_confidence:
        if all(s.basis == "tone" for s in answer.sources):
            low = " — low confidence: no explicit verdict, judged from the tone"
        else:
            low = " — low confidence: the reviews disagree"
    return f"**{render.VERDICT_WORDS[answer.verdict]}** — {escape(answer.verdict_line)}{low}"


def _presence(w: WarningItem) -> str:
    return w.severity if w.presence == "unclear" else f"{w.severity}, {w.presence}"


def _warning_name(w: WarningItem, personal: bool) -> str:
    mark = f"{AVOIDED_MARK} " if personal and w.avoided else ""
    return f"{mark}{escape(w.label)} — {_presence(w)}"


def _evidence(w: WarningItem, limit: int, *, show_spoilers: bool = False) -> str:
    """Return the evidence spoiler-tagged; evidence that spoils the plot only when asked for."""
    if w.spoiler and not show_spoilers:
        return SPOILER_HIDDEN
    quoted = escape(clip(w.quote(), max(8, limit - 4)))
    return f"||{clip(quoted, FIELD_VALUE_MAX - 4)}||"


def ordered_warnings(answer: Answer, personal: bool) -> list[WarningItem]:
    """Return the warnings, the asker's topics first when the answer is theirs alone."""
    if personal:
        return list(answer.warnings)
    rank = {"severe": 3, "moderate": 2, "mild": 1}
    order = {key: i for i, key in enumerate(taxonomy.KEYS)}
    return sorted(answer.warnings, key=lambda w: (-rank.get(w.severity, 0), order.get(w.topic, 99)))


def _people(names: Iterable[str], limit: int) -> str:
    return ", ".join(escape(n) for n in list(names)[:limit])


def _source_line(s: SourceRef) -> str:
    name = escape(s.name)
    if s.url and re.match(r"^https?://[^\s()<>]+$", s.url) and len(s.url) < 300:
        name = f"[{name}]({s.url})"
    bits = [name]
    if s.author:
        bits.append(escape(s.author))
    if s.published:
        bits.append(escape(s.published))
    if s.verdict_text:
        bits.append(f"“{escape(s.verdict_text)}”")
    return " — ".join(bits)


def answer_embed(answer: Answer, *, personal: bool, note: str | None = None) -> discord.Embed:
    """Return the answer for one film; `personal` marks the asker's topics (for their eyes only)."""
    film = answer.film
    lines = [verdict_line(answer)]
    if note:
        lines.append(f"*{escape(note)}*")
    if answer.gist:
        lines.append("")
        lines.append(escape(clip(answer.gist, GIST_MAX)))
    elif not answer.reviewed:
        lines.append("")
        lines.append(escape(film.one_line()))
    embed = discord.Embed(
        title=escape(film.label), description="\n".join(lines), colour=COLOURS.get(answer.verdict)
    )
    tail: list[tuple[str, str, bool]] = []
    if film.directors:
        tail.append(("Director", _people(film.directors, 3), True))
    if film.cast:
        tail.append(("Cast", _people(film.cast, 4), True))
    if film.languages:
        tail.append(("Language", ", ".join(escape(n) for n in film.language_names[:3]), True))
    if answer.streaming:
        names = (p.title() if p.islower() else p for p in answer.streaming)
        tail.append(("Where to watch", ", ".join(escape(n) for n in names), True))
    if answer.compared:
        tail.append(("Compared with", ", ".join(escape(c) for c in answer.compared), False))
    if answer.sources:
        label = "Source" if len(answer.sources) == 1 else "Sources"
        tail.append((label, "\n".join(_source_line(s) for s in answer.sources), False))

    head: list[tuple[str, str, bool]] = []
    asked = answer.asked_lines()
    if asked:
        head.append(("You asked", escape("\n".join(asked)), False))
    hits = answer.avoided_hits if personal else ()
    if hits:
        head.append(
            (
                f"{AVOIDED_MARK} Your topics",
                ", ".join(f"{escape(w.label)} ({w.severity})" for w in hits),
                False,
            )
        )
    elif personal and answer.avoided_topics and answer.reviewed:
        head.append(
            ("✓ Your topics", "None of the topics you avoid is flagged in the reviews I hold.", False)
        )

    warnings = ordered_warnings(answer, personal)
    room = FIELDS_MAX - len(head) - len(tail)
    shown, more = (warnings, []) if len(warnings) <= room else (warnings[: room - 1], warnings[room - 1 :])
    budget = max(_EVIDENCE_MIN, min(_EVIDENCE_MAX, 3000 // max(1, len(shown))))
    body = [(_warning_name(w, personal), _evidence(w, budget), False) for w in shown]
    if more:
        listed = "; ".join(f"{escape(w.label)} ({_presence(w)})" for w in more)
        body.append((f"…and {len(more)} more warnings", clip(listed, FIELD_VALUE_MAX), False))
    if not warnings and answer.reviewed:
        body.append(("Content warnings", "None found in the reviews I hold.", False))

    for name, value, inline in (*head, *body, *tail):
        embed.add_field(name=name, value=value, inline=inline)
    embed.set_footer(text=f"film id: {film.id}")
    return fit_embed(embed)


def spoilers_embed(answer: Answer) -> discord.Embed:
    """Return the spoiler evidence of an answer (sent ephemerally to whoever asks)."""
    embed = discord.Embed(title=f"Spoilers — {escape(answer.film.label)}", colour=COLOURS.get(answer.verdict))
    for w in [w for w in answer.warnings if w.spoiler][: FIELDS_MAX - 1]:
        embed.add_field(
            name=_warning_name(w, False), value=_evidence(w, 900, show_spoilers=True), inline=False
        )
    if not embed.fields:
        embed.description = "None of the evidence here gives anything away."
    return fit_embed(embed)


def topics_embed(answer: Answer, avoided: Iterable[str]) -> discord.Embed:
    """Return, for one person, which of the topics they avoid this film's reviews flag."""
    avoided = list(avoided)
    embed = discord.Embed(title=f"Your topics — {escape(answer.film.label)}", colour=INFO_COLOUR)
    if not avoided:
        embed.description = (
            "You don't flag any topics yet. Add some with `/warnings add` (e.g. `suicide, animal harm`) "
            "and they'll be marked first in your answers."
        )
        return fit_embed(embed)
    found = [w for w in answer.warnings if w.topic in avoided]
    if not answer.reviewed:
        embed.description = "I hold no review of this film, so I can't tell about your topics."
    elif not found:
        names = ", ".join(taxonomy.label(t) for t in avoided)
        embed.description = f"None of your topics ({escape(names)}) is flagged in the reviews I hold."
    else:
        embed.description = "The reviews flag these topics you avoid:"
        for w in found:
            embed.add_field(
                name=f"{AVOIDED_MARK} {escape(w.label)} — {_presence(w)}",
                value=_evidence(w, 600),
                inline=False,
            )
    return fit_embed(embed)


# --------------------------------------------------------------------------- questions back


def candidate_description(hit: Hit, film: Film | None) -> str:
    """Return a select option's description: "Lee Chung-hyun · Korean Netflix revenge thriller · reviewed"."""
    director = hit.director or (film.directors[0] if film and film.directors else None)
    tail = "reviewed" if hit.reviewed else "no review yet"
    about = film.one_line() if film else None
    parts = [p for p in (director, about, tail) if p]
    text = " · ".join(parts)
    if len(text) <= 100:
        return text
    fixed = " · ".join(p for p in (director, tail) if p)
    if about:
        short = about.split(":")[0].strip()
        room = 100 - len(fixed) - 3
        if room >= 12:
            return " · ".join(p for p in (director, clip(short, room), tail) if p)
    return clip(fixed, 100)


def ask_embed(turn: AskTurn, *, hint: str) -> discord.Embed:
    """Return the question back for an ambiguous title: a numbered list (the menu comes with it)."""
    if turn.reason == "same_title":
        title = f"Several films match “{turn.query}”. Which one?"
    else:
        title = f"Which one did you mean by “{turn.query}”?"
    lines = []
    if turn.note:
        lines.append(f"*{escape(turn.note)}*")
    lines.extend(
        escape(render.candidate_line(n, h, turn.films.get(h.film_id)))
        for n, h in enumerate(turn.candidates, 1)
    )
    lines.append("")
    lines.append(hint)
    embed = discord.Embed(
        title=clip(escape(title), TITLE_MAX), description="\n".join(lines), colour=INFO_COLOUR
    )
    return fit_embed(embed)


def not_found_embed(turn: NotFoundTurn) -> discord.Embed:
    """Return "I couldn't find …", with the closest titles."""
    lines = [f"I couldn't find a film called “{escape(clip(turn.query, 200))}” in the catalog."]
    if turn.note:
        lines.append(f"*{escape(turn.note)}*")
    if turn.suggestions:
        lines.append("")
        lines.append("Did you mean:")
        for h in turn.suggestions:
            who = f" · {escape(h.director)}" if h.director else ""
            lines.append(f"• {escape(h.label)}{who}")
    else:
        lines.append("Check the spelling, or try the title with its year.")
    return fit_embed(discord.Embed(title="Not found", description="\n".join(lines), colour=COLOURS[None]))


# --------------------------------------------------------------------------- help and topics


def topics_fields() -> list[tuple[str, str]]:
    """Return the taxonomy as embed fields (name, value), each within the field limit."""
    lines = [f"`{t.key}` {t.label}" for t in taxonomy.TOPICS]
    half = math.ceil(len(lines) / 2)
    return [("Topics", "\n".join(lines[:half])), ("\u200b", "\n".join(lines[half:]))]


def help_embed(*, opening: str = "") -> discord.Embed:
    """Return how to use the bot in Discord (after "Hi!", "You're welcome!" or a reason, if any)."""
    intro = render.HELP_TEXT.replace("\n", " ")
    embed = discord.Embed(
        title="Should I watch it?",
        description=clip(escape(opening), 300) + "\n\n" + intro if opening else intro,
        colour=INFO_COLOUR,
    )
    embed.add_field(
        name="How to ask",
        value=(
            "• `/shouldiwatch title:` — pick a suggestion as you type, or type any title; "
            "`private: True` shows the answer to you only.\n"
            "• In a DM with me, just write: “should I watch ballerina?”, then “2023” or “the korean one”.\n"
            "• In a server, @mention me: “@shouldiwatch is Dune worth it?”."
        ),
        inline=False,
    )
    embed.add_field(
        name="Topics you'd rather avoid",
        value=(
            "`/warnings add topics: suicide, animal harm` — those topics come first and marked in your "
            "answers (only you see that). Also `/warnings list`, `/warnings remove`, `/warnings clear`."
        ),
        inline=False,
    )
    for name, value in topics_fields():
        embed.add_field(name=name, value=value, inline=True)
    return fit_embed(embed)


def topics_list_embed(title: str, description: str) -> discord.Embed:
    """Return a /warnings reply that lists every topic."""
    embed = discord.Embed(title=title, description=description, colour=INFO_COLOUR)
    for name, value in topics_fields():
        embed.add_field(name=name, value=value, inline=True)
    return fit_embed(embed)
