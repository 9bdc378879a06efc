"""The catalog that ships in data/catalog/: JSON lines of real film facts."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from bot.core.errors import ShouldIWatchError
from bot.core.films import normalize
from bot.core.films.model import Film
from bot.store import Store

log = logging.getLogger(__name__)


class CatalogFileError(ShouldIWatchError):
    """A catalog file cannot be read; the message names the file and line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for field, value in extra.items():
        if value in (None, "", [], {}):
            continue
        merged[field] = value
    return merged


def load_catalog(path: Path) -> list[Film]:
    """Read a catalog file or a folder of *.jsonl files; later files refine earlier ones by id.

    Files are read in name order, so `curated.jsonl` (hand-checked facts) refines `vega.jsonl`.
    """
    if not path.exists():
        raise CatalogFileError(f"no catalog at {path} (set CATALOG_PATH to the data/catalog folder)")
    files = (
        sorted(path.glob("*.jsonl"), key=lambda p: (p.name != "vega.jsonl", p.name))
        if path.is_dir()
        else [path]
    )
    if not files:
        raise CatalogFileError(f"no catalog files (*.jsonl) in {path}")
    records: dict[str, dict[str, Any]] = {}
    for file in files:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CatalogFileError(f"{file}: cannot be read as UTF-8 text ({exc})") from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise ValueError("each line must be a JSON object")
                Film.from_dict(data)  # validate before merging
            except (ValueError, TypeError) as exc:
                raise CatalogFileError(f"{file}:{number}: {exc}") from exc
            records[data["id"]] = _merge(records.get(data["id"], {}), data)
    return [Film.from_dict(r) for r in records.values()]


def catalog_digest(path: Path) -> str:
    """Return a digest of the shipped catalog's files: it changes when any of them does."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    digest = hashlib.sha256(f"keys v{normalize.VERSION}\0".encode())  # new keys for the same files
    for file in files:
        digest.update(file.name.encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


async def import_shipped(store: Store, path: Path) -> int:
    """Load the shipped catalog into the store in one transaction; return the number of films."""
    films = load_catalog(path)
    async with store.transaction():
        count = await store.upsert_films(films, "shipped")
        await store.set_meta("catalog_version", str(int(await store.get_meta("catalog_version") or 0) + 1))
        await store.set_meta("shipped_catalog", catalog_digest(path))
    log.info("loaded %d films from %s", count, path)
    return count


async def shipped_catalog_changed(store: Store, path: Path) -> bool:
    """Return whether the shipped catalog differs from the one last loaded into this database
    (a new release of the bot with corrected or added films)."""
    current = await asyncio.to_thread(_digest_if_readable, path)
    return current is not None and await store.get_meta("shipped_catalog") != current


def _digest_if_readable(path: Path) -> str | None:
    try:
        return catalog_digest(path) if path.exists() else None
    except OSError:
        return None
