"""The conversation, independent of where it happens (terminal, Discord DM, @mention).

A message is a question about a film. When the title is ambiguous the bot asks back and remembers
the candidates for that person in that place; the next message answers it ("2", "2023", "the
korean one") within the time limit, and anything that does not pick a candidate starts over.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from bot.core import taxonomy
from bot.core.answers import Answer
from bot.core.errors import QueryTooLong
from bot.core.films import hints, normalize
from bot.core.films import resolve as resolving
from bot.core.films.index import Hit
from bot.core.films.model import Film
from bot.service import Service

FOLLOW_UP_SECONDS = 300.0
# A question about the film just answered: "is it sad?", "does the dog die?", "any gore?"
_THIS_FILM = re.compile(
    r"^(?:(?:and|but|so|ok|okay)\s+)?(?:is\s+)?(?:it|this|that|this one|that one|this film|that film|this movie|that movie|the film|the movie)$"
)
_BARE_TOPIC = re.compile(
    r"^(?:(?:and|but|so)\s+)?(?:(?:does|do|did|will)\s+(?:the|a|any)\s+\w+\s+(?:die|get hurt|get killed)|any\s+[\w\s'-]{1,30})$"
)
MAX_PENDING = 10_000
_HELP = re.compile(r"^\s*(?:help|\?|/help|commands|how does this work|what can you do)\s*[?!.]*\s*$", re.I)
_GREETING = re.compile(r"^\s*(?:hi|hello|hey|yo|hiya|ok|okay|cool)(?: there)?\s*[!.]*\s*$", re.I)
_THANKS = re.compile(
    r"^\s*(?:thanks|thank you|thx|ty|cheers|thanks a lot|thank you so much)\s*[!.]*\s*$", re.I
)
# Asking to be recommended a film, with no film named: not something this bot does.
_RECOMMEND = re.compile(
    r"^\s*(?:(?:can|could) you |please |pls )?(?:recommend|suggest)(?: me)?\b|"
    r"^\s*(?:so |ok |okay )?what (?:should|could|can) (?:i|we) watch(?: tonight| now| today| this weekend)?\s*\??\s*$|"
    r"^\s*(?:any )?(?:recommendations|suggestions|recs)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class AnswerTurn:
    """The answer for one film."""

    answer: Answer
    query: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class AskTurn:
    """Several films fit: which one?"""

    query: str
    candidates: tuple[Hit, ...]
    films: dict[str, Film] = field(default_factory=dict)
    note: str | None = None
    reason: str = "same_title"
    asked: tuple[str, ...] = ()  # topics the question asked about, for the answer once picked


@dataclass(frozen=True, slots=True)
class NotFoundTurn:
    """Nothing fits: say so, with the closest titles."""

    query: str
    suggestions: tuple[Hit, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class HelpTurn:
    """How to use the bot."""

    opening: str = ""  # "Hi!", "You're welcome!", or why the message was not a question


@dataclass(frozen=True, slots=True)
class RefusalTurn:
    """A message the bot cannot treat as a question (too long, empty…)."""

    message: str


Turn = AnswerTurn | AskTurn | NotFoundTurn | HelpTurn | RefusalTurn


@dataclass
class _Pending:
    query: str
    candidates: tuple[Hit, ...]
    expires: float
    asked: tuple[str, ...] = ()  # topics the question asked about, for the answer once picked


class Conversation:
    """Turns free text into turns, remembering open questions per (person, place)."""

    def __init__(
        self,
        service: Service,
        *,
        timeout: float = FOLLOW_UP_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.service = service
        self.timeout = timeout
        self.clock = clock
        self._pending: dict[Hashable, _Pending] = {}
        self._last: dict[Hashable, tuple[str, float]] = {}  # the film last answered here, until when

    def pending(self, key: Hashable) -> tuple[Hit, ...] | None:
        """Return the candidates an open question offered, if it has not expired."""
        entry = self._pending.get(key)
        if entry is None:
            return None
        if entry.expires < self.clock():
            del self._pending[key]
            return None
        return entry.candidates

    def forget(self, key: Hashable) -> None:
        """Drop an open question (answered elsewhere, e.g. through a select menu)."""
        self._pending.pop(key, None)

    def remember(
        self, key: Hashable, query: str, candidates: tuple[Hit, ...], asked: tuple[str, ...] = ()
    ) -> None:
        """Open a question for this person and place."""
        if len(self._pending) >= MAX_PENDING:
            now = self.clock()
            for k in [k for k, v in self._pending.items() if v.expires < now] or list(self._pending)[
                : MAX_PENDING // 10
            ]:
                self._pending.pop(k, None)
        self._pending[key] = _Pending(query, candidates, self.clock() + self.timeout, asked)

    async def handle(self, key: Hashable, text: str, user_id: str | int | None = None) -> Turn:
        """Answer one message from one person in one place."""
        stripped = text.strip()
        if not stripped or _HELP.match(stripped):
            return HelpTurn()
        if self.pending(key) is None:
            if _GREETING.match(stripped):
                return HelpTurn("Hi!")
            if _THANKS.match(stripped):
                return HelpTurn("You're welcome!")
            if _RECOMMEND.match(stripped):
                return HelpTurn(
                    "I don't pick films for you: name one and I'll tell you what its reviews say."
                )
        try:
            resolving.check_query(stripped)
        except QueryTooLong as exc:
            self.forget(key)
            return RefusalTurn(exc.user_message)
        candidates = self.pending(key)
        if candidates:
            asked = self._pending[key].asked
            index = await self.service.ready()
            picked = resolving.resolve_followup(index, stripped, candidates)
            self.forget(key)
            if picked is not None:
                self.answered(key, picked.film_id)
                return AnswerTurn(await self.service.answer(picked.film_id, user_id, asked), stripped)
        about = self._about_last(key, stripped)
        if about is not None:
            film_id, asked = about
            return AnswerTurn(await self.service.answer(film_id, user_id, asked), stripped)
        return await self.ask(key, stripped, user_id)

    def answered(self, key: Hashable, film_id: str) -> None:
        """Remember the film just answered here, for a follow-up about "it"."""
        if len(self._last) >= MAX_PENDING:
            self._last.pop(next(iter(self._last)))
        self._last[key] = (film_id, self.clock() + self.timeout)

    def _about_last(self, key: Hashable, text: str) -> tuple[str, tuple[str, ...]] | None:
        """Return the film just answered here and the topics asked, when the message asks about
        "it" ("is it sad?", "does the dog die?") rather than naming a film."""
        last = self._last.get(key)
        if last is None or last[1] < self.clock():
            return None
        asked = taxonomy.asked_topics(text)
        if not asked:
            return None
        rest = " ".join(re.sub(r"[^\w\s'-]", " ", hints.strip_chatter(text).lower()).split())
        if _THIS_FILM.match(rest) or _BARE_TOPIC.match(rest):
            return last[0], asked
        return None

    async def ask(self, key: Hashable, text: str, user_id: str | int | None = None) -> Turn:
        """Resolve a fresh question and turn the resolution into a turn."""
        query = hints.strip_chatter(text)
        resolution = await self.service.resolve(query)
        if query != text:
            # What looked like chatter may be the title: "Wicked: For Good" is not "wicked" asked
            # about as "good", and "Is Paris Burning?" is a question only in form.
            alternative = await self.service.resolve(text)
            spelled = isinstance(
                alternative, resolving.Resolved
            ) and alternative.hit.name_key == normalize.key(text)
            if spelled or (
                isinstance(resolution, resolving.NotFound) and not isinstance(alternative, resolving.NotFound)
            ):
                resolution, query = alternative, text
        return await self.turn_for(key, query, resolution, user_id, taxonomy.asked_topics(text))

    async def turn_for(
        self,
        key: Hashable,
        query: str,
        resolution: resolving.Resolution,
        user_id: str | int | None,
        asked: tuple[str, ...] = (),
    ) -> Turn:
        """Render a resolution as a turn (and remember an open question)."""
        if isinstance(resolution, resolving.Resolved):
            answer = await self.service.answer(resolution.hit.film_id, user_id, asked)
            self.answered(key, resolution.hit.film_id)
            return AnswerTurn(answer, query, resolution.note)
        if isinstance(resolution, resolving.Ambiguous):
            self.remember(key, query, resolution.candidates, asked)
            films = await self.service.films(resolution.candidates)
            return AskTurn(query, resolution.candidates, films, resolution.note, resolution.reason, asked)
        return NotFoundTurn(query, resolution.suggestions, resolution.note)
