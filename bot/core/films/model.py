"""The film as the catalog knows it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any

LANGUAGE_NAMES = {
    "en": "English",
    "ko": "Korean",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "ja": "Japanese",
    "zh": "Chinese",
    "cn": "Cantonese",
    "hi": "Hindi",
    "ru": "Russian",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "pt": "Portuguese",
    "pl": "Polish",
    "cs": "Czech",
    "tr": "Turkish",
    "fa": "Persian",
    "th": "Thai",
    "nl": "Dutch",
    "el": "Greek",
    "ar": "Arabic",
    "he": "Hebrew",
    "fi": "Finnish",
    "hu": "Hungarian",
    "ro": "Romanian",
    "ta": "Tamil",
    "te": "Telugu",
    "id": "Indonesian",
}


@dataclass(frozen=True, slots=True)
class Film:
    """One film: identity and the facts used to find it and to describe it."""

    id: str
    title: str
    year: int | None = None
    kind: str = "movie"  # "movie" or "tvMovie", as in IMDb's titleType
    directors: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # ISO 639-1 codes, original language first
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes
    genres: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # alternative titles: other markets, other scripts, long forms
    franchise: str | None = None
    platforms: tuple[str, ...] = ()  # where it streams, lower-case service names
    description: str | None = None  # one line, spoiler-free
    runtime: int | None = None  # minutes
    votes: int = 0  # popularity prior (IMDb votes)
    rating: float | None = None  # IMDb rating, 0-10
    mpaa: str | None = None
    imdb_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        """Return "Title (Year)"."""
        return f"{self.title} ({self.year})" if self.year else self.title

    @property
    def language_names(self) -> tuple[str, ...]:
        """Return the languages spelled out ("Korean")."""
        return tuple(LANGUAGE_NAMES.get(code, code) for code in self.languages)

    @property
    def animated(self) -> bool:
        """Return whether the catalog files the film as animation."""
        return any(g.lower() in ("animation", "animated") for g in self.genres)

    def one_line(self) -> str:
        """Return a short line telling this film apart from same-named ones."""
        if self.description:
            return self.description
        bits: list[str] = []
        if self.genres:
            bits.append(" / ".join(g.lower() for g in self.genres[:2]))
        if self.languages and self.languages[0] != "en":
            bits.append(f"in {self.language_names[0]}")
        if self.cast:
            bits.append("with " + ", ".join(self.cast[:2]))
        return ", ".join(bits) if bits else ("TV movie" if self.kind == "tvMovie" else "film")

    def to_json(self) -> str:
        """Serialise to one JSON line (the format of data/catalog/*.jsonl)."""
        data = {
            k: v for k, v in asdict(self).items() if v not in (None, (), [], {}, 0) or k in ("id", "title")
        }
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Film:
        """Build from a mapping, turning lists into tuples and checking the essentials."""
        if not isinstance(data.get("id"), str) or not data["id"].strip():
            raise ValueError("film needs a non-empty string 'id'")
        if not isinstance(data.get("title"), str) or not data["title"].strip():
            raise ValueError(f"film {data.get('id')!r} needs a non-empty 'title'")
        known = {f for f in cls.__dataclass_fields__ if f != "extra"}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            if isinstance(value, list):
                value = tuple(str(v) for v in value if str(v).strip())
            values[key] = value
        year = values.get("year")
        if year is not None and not (isinstance(year, int) and 1870 <= year <= 2100):
            raise ValueError(f"film {data['id']!r} has an impossible year {year!r}")
        return cls(**values)

    def merged(self, **changes: Any) -> Film:
        """Return a copy with some fields changed."""
        return replace(self, **changes)
