"""Answers as plain text (terminal, `ask`) and as JSON (`ask --json`): stable field names."""

from __future__ import annotations

from typing import Any

from bot.conversation import AnswerTurn, AskTurn, HelpTurn, NotFoundTurn, RefusalTurn, Turn
from bot.core import taxonomy
from bot.core.answers import Answer, WarningItem
from bot.core.films.index import Hit
from bot.core.films.model import Film
from bot.core.reviews.model import Verdict

VERDICT_WORDS = {Verdict.WATCH: "WATCH", Verdict.SKIP: "SKIP", Verdict.MIXED: "MIXED"}
HELP_TEXT = (
    "Ask me about a film: type its name, loosely — “ballerina”, “the korean ballerina”, “dune 2021”.\n"
    "I'll tell you whether the reviews I hold say watch, skip or mixed, give you the gist, and list\n"
    "content warnings with the sentence behind each. If several films share a title I'll ask which one:\n"
    "answer with a number, a year, or a hint like “korean” or “the animated one”.\n"
    "Ask about one thing and I'll answer that first: “does the dog die in john wick?”, “is dune scary?”."
)


def film_line(film: Film) -> str:
    """Return "Ballerina (2023) · dir. Lee Chung-hyun · Korean · Jeon Jong-seo, Kim Ji-hoon"."""
    bits = [film.label]
    if film.directors:
        bits.append("dir. " + ", ".join(film.directors[:2]))
    if film.languages:
        bits.append(film.language_names[0])
    if film.cast:
        bits.append(", ".join(film.cast[:3]))
    return " · ".join(bits)


def candidate_line(n: int, hit: Hit, film: Film | None) -> str:
    """Return one numbered line of a question back."""
    director = hit.director or (film.directors[0] if film and film.directors else None)
    parts = [f"{n}) {hit.label}"]
    if director:
        parts.append(director)
    if film is not None:
        parts.append(film.one_line())
    parts.append("reviewed" if hit.reviewed else "no review yet")
    return " · ".join(parts)


SPOILERS_CLI = "ask with --spoilers to see it"
SPOILERS_CONSOLE = "type /spoilers on to see it"


def warning_line(w: WarningItem, *, show_spoilers: bool = False, reveal: str = SPOILERS_CLI) -> str:
    """Return one warning with its evidence (spoiler evidence hidden unless asked for; `reveal`
    says how to ask, which differs between the command line and the console)."""
    mark = "‼ " if w.avoided else "• "
    presence = "" if w.presence == "unclear" else f", {w.presence}"
    head = f"{mark}{w.label} ({w.severity}{presence})"
    if w.spoiler and not show_spoilers:
        return f"{head}: [spoiler — evidence hidden; {reveal}]"
    return f"{head}: {w.quote()}"


def answer_text(
    answer: Answer, *, note: str | None = None, show_spoilers: bool = False, reveal: str = SPOILERS_CLI
) -> str:
    """Return the whole answer as terminal text."""
    lines = [film_line(answer.film)]
    if note:
        lines.append(f"({note})")
    if answer.verdict is None:
        lines.append("Verdict: no review yet — I know this film but hold no review of it.")
        if answer.film.description:
            lines.append(f"About: {answer.film.description}")  # enough to tell it is the film meant
    else:
        low = ""
        if answer.low_confidence:
            if all(s.basis == "tone" for s in answer.sources):
                low = " — low confidence: no explicit verdict, judged from the tone"
            else:
                low = " — low confidence: the reviews disagree"
        lines.append(f"Verdict: {VERDICT_WORDS[answer.verdict]} — {answer.verdict_line}{low}")
    if answer.gist:
        lines.append(f"Gist: {answer.gist}")
    for line in answer.asked_lines():
        lines.append("You asked — " + line)
    if answer.avoided_hits:
        lines.append("Heads up — topics you avoid: " + ", ".join(w.label for w in answer.avoided_hits))
    if answer.warnings:
        lines.append("Content warnings:")
        lines.extend(
            "  " + warning_line(w, show_spoilers=show_spoilers, reveal=reveal) for w in answer.warnings
        )
    elif answer.sources:
        lines.append("Content warnings: none found in the reviews I hold.")
    if answer.streaming:
        lines.append(
            "Where to watch: " + ", ".join(p.title() if p.islower() else p for p in answer.streaming)
        )
    if answer.compared:
        lines.append("Compared with: " + ", ".join(answer.compared))
    for s in answer.sources:
        bits = [s.name]
        if s.author:
            bits.append(s.author)
        if s.published:
            bits.append(s.published)
        if s.url:
            bits.append(s.url)
        if len(answer.sources) > 1 and (s.verdict_text or s.verdict):
            # Several reviews: say what each one concluded, so a split is visible.
            said = s.verdict_text or ""
            value = s.verdict.value if s.verdict else ""
            bits.append(f"“{said}” ({value})" if said else value)
        lines.append("Source: " + " — ".join(bits))
    return "\n".join(lines)


def turn_text(turn: Turn, *, show_spoilers: bool = False, reveal: str = SPOILERS_CLI) -> str:
    """Return any conversation turn as terminal text."""
    if isinstance(turn, AnswerTurn):
        return answer_text(turn.answer, note=turn.note, show_spoilers=show_spoilers, reveal=reveal)
    if isinstance(turn, AskTurn):
        lines = [f"Several films match “{turn.query}”. Which one?"]
        if turn.note:
            lines.append(f"({turn.note})")
        lines.extend(
            "  " + candidate_line(n, h, turn.films.get(h.film_id)) for n, h in enumerate(turn.candidates, 1)
        )
        lines.append("Answer with a number, a year, or a hint like “korean” or “the animated one”.")
        return "\n".join(lines)
    if isinstance(turn, NotFoundTurn):
        head = f"I couldn't find a film called “{turn.query}” in the catalog."
        if turn.note:
            head += f" {turn.note}"
        if turn.suggestions:
            return head + "\nDid you mean: " + "; ".join(h.label for h in turn.suggestions) + "?"
        return head + " Check the spelling, or try the title with its year."
    if isinstance(turn, HelpTurn):
        return (f"{turn.opening}\n" if turn.opening else "") + HELP_TEXT
    assert isinstance(turn, RefusalTurn)
    return turn.message


# --- JSON ----------------------------------------------------------------------------------


def _film_json(film: Film) -> dict[str, Any]:
    return {
        "id": film.id,
        "title": film.title,
        "year": film.year,
        "directors": list(film.directors),
        "cast": list(film.cast[:6]),
        "languages": list(film.languages),
        "kind": film.kind,
        "aliases": list(film.aliases[:8]),
        "description": film.one_line(),
    }


def _hit_json(hit: Hit, film: Film | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": hit.film_id,
        "title": hit.title,
        "year": hit.year,
        "director": hit.director,
        "reviewed": hit.reviewed,
        "score": hit.score,
    }
    if film is not None:
        out["description"] = film.one_line()
    return out


def answer_json(answer: Answer) -> dict[str, Any]:
    """Return the answer fields of the JSON output."""
    return {
        "film": _film_json(answer.film),
        "reviewed": answer.reviewed,
        "verdict": answer.verdict.value if answer.verdict else None,
        "verdict_line": answer.verdict_line,
        "confidence": round(answer.confidence, 3),
        "low_confidence": answer.low_confidence,
        "gist": answer.gist,
        "warnings": [
            {
                "topic": w.topic,
                "label": w.label,
                "severity": w.severity,
                "presence": w.presence,
                "evidence": w.evidence,
                "spoiler": w.spoiler,
                "avoided": w.avoided,
                "sources": list(w.sources),
            }
            for w in answer.warnings
        ],
        "asked": [
            {"topic": t, "label": taxonomy.label(t), "flagged": any(w.topic == t for w in answer.warnings)}
            for t in answer.asked
        ],
        "streaming": list(answer.streaming),
        "compared": list(answer.compared),
        "sources": [
            {
                "review_id": s.review_id,
                "name": s.name,
                "author": s.author,
                "url": s.url,
                "published": s.published,
                "verdict": s.verdict.value,
                "verdict_text": s.verdict_text,
                "basis": s.basis,
                "confidence": s.confidence,
            }
            for s in answer.sources
        ],
    }


def turn_json(query: str, turn: Turn) -> dict[str, Any]:
    """Return one JSON object for one query (see the README for the fields)."""
    base: dict[str, Any] = {"query": query}
    if isinstance(turn, AnswerTurn):
        return {
            **base,
            "outcome": "resolved",
            "note": turn.note,
            "film_id": turn.answer.film.id,
            "title": turn.answer.film.title,
            "year": turn.answer.film.year,
            **answer_json(turn.answer),
        }
    if isinstance(turn, AskTurn):
        return {
            **base,
            "outcome": "ambiguous",
            "note": turn.note,
            "reason": turn.reason,
            "candidates": [_hit_json(h, turn.films.get(h.film_id)) for h in turn.candidates],
        }
    if isinstance(turn, NotFoundTurn):
        return {
            **base,
            "outcome": "not_found",
            "note": turn.note,
            "suggestions": [_hit_json(h) for h in turn.suggestions],
        }
    if isinstance(turn, RefusalTurn):
        return {**base, "outcome": "error", "error": turn.message}
    return {**base, "outcome": "error", "error": "not a question about a film; " + HELP_TEXT.splitlines()[0]}


def topic_list_text() -> str:
    """Return the taxonomy as a list of keys and labels."""
    return "\n".join(f"  {t.key:<18} {t.label} — {t.covers}" for t in taxonomy.TOPICS)
