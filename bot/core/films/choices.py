"""Autocomplete choices: what a typed title offers, as Discord shows it (a label and a film id).

In core, not in the service, so the matching worker can answer with finished choices: a short
label and an id cross the pipe more cheaply than the hits they are made from.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.core.films.index import FilmIndex, Hit

AUTOCOMPLETE_LIMIT = 25  # Discord shows at most 25 choices
LABEL_LIMIT = 100  # and cuts a choice's name at 100 characters


class Choice(NamedTuple):
    """One autocomplete choice: a label ≤ 100 characters and the film id as its value."""

    name: str
    value: str


def choice_label(hit: Hit) -> str:
    """Return "Ballerina (2023) · Lee Chung-hyun · reviewed", cut to 100 characters."""
    tail = " · reviewed" if hit.reviewed else " · no review yet"
    director = f" · {hit.director}" if hit.director else ""
    label = f"{hit.label}{director}{tail}"
    if len(label) <= LABEL_LIMIT:
        return label
    room = LABEL_LIMIT - len(tail) - 1
    head = f"{hit.label}{director}"
    return head[:room].rstrip(" ·") + "…" + tail


def choices(hits: list[Hit], limit: int = AUTOCOMPLETE_LIMIT) -> list[Choice]:
    """Return the choices for some hits, best first."""
    return [Choice(choice_label(h), h.film_id) for h in hits[:limit]]


def suggest(index: FilmIndex, typed: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[Choice]:
    """Return the choices for what has been typed so far (reviewed films first when nothing is)."""
    hits = index.search(typed, limit, prefix=True) if typed else index.default_hits(limit)
    return choices(hits, limit)
