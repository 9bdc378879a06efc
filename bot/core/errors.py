"""Domain errors: each carries a message fit to show a user or an operator."""

from __future__ import annotations


class ShouldIWatchError(Exception):
    """Base of every error with a user-facing message."""

    user_message: str = "Something went wrong."

    def __str__(self) -> str:
        return self.user_message


class QueryTooLong(ShouldIWatchError):
    """A query longer than any title could need."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(length, limit)
        self.length, self.limit = length, limit
        self.user_message = (
            f"That's {length:,} characters — too long for a film title (the limit is {limit}). "
            "Try just the title, maybe with a year."
        )


class FilmNotFound(ShouldIWatchError):
    """A film id that is not in the catalog."""

    def __init__(self, film_id: str) -> None:
        super().__init__(film_id)
        self.film_id = film_id
        self.user_message = f"There is no film with id “{film_id}” in the catalog."


class CatalogNotReady(ShouldIWatchError):
    """The title index is still being built."""

    user_message = "I'm still loading the film catalog — try again in a few seconds."
