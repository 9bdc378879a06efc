"""The SQLite connection: opening, pragmas, migrations, transactions."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class StoreError(Exception):
    """The database cannot be used as asked (wrong file, newer schema, read-only, …)."""


def migrations() -> list[tuple[int, str, str]]:
    """Return (version, name, sql) for every numbered migration, in order."""
    found: list[tuple[int, str, str]] = []
    for entry in resources.files("bot.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    for expected, (version, name, _) in enumerate(found, start=1):
        if version != expected:
            raise StoreError(f"migration {name} is out of sequence (expected {expected:04d}_…)")
    return found


def _readonly_uri(target: str) -> str:
    if not Path(target).exists():
        raise StoreError(f"no database at {target}; run `python -m bot import-catalog` first")
    return f"file:{Path(target).resolve()}?mode=ro"


def _make_parent(target: str) -> None:
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)


async def connect(path: Path | str, *, readonly: bool = False) -> aiosqlite.Connection:
    """Open the database (creating and migrating it unless read-only) and set the pragmas."""
    target = str(path)
    if readonly:
        uri = _readonly_uri(target)
        conn = await aiosqlite.connect(uri, uri=True, isolation_level=None)
    else:
        _make_parent(target)
        conn = await aiosqlite.connect(target, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA busy_timeout = 5000")
        if not readonly:
            if target != ":memory:":
                await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = NORMAL")
            await migrate(conn)
        else:
            await check_version(conn)
    except sqlite3.DatabaseError as exc:
        await conn.close()
        raise StoreError(f"{target} is not a usable shouldiwatch database: {exc}") from exc
    except BaseException:
        await conn.close()
        raise
    return conn


async def schema_version(conn: aiosqlite.Connection) -> int:
    """Return PRAGMA user_version."""
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def check_version(conn: aiosqlite.Connection) -> None:
    """Refuse a database whose schema is newer or older than this code."""
    have, want = await schema_version(conn), len(migrations())
    if have != want:
        raise StoreError(
            f"database schema is version {have}, this code needs {want}; open it read-write once to migrate"
        )


async def migrate(conn: aiosqlite.Connection) -> int:
    """Apply pending migrations, all in one transaction; return the new version."""
    steps = migrations()
    current = await schema_version(conn)
    if current > len(steps):
        raise StoreError(
            f"database schema version {current} is newer than this code ({len(steps)}); update the bot"
        )
    pending = [(v, name, sql) for v, name, sql in steps if v > current]
    if not pending:
        return current
    await conn.execute("BEGIN IMMEDIATE")
    try:
        for version, name, sql in pending:
            log.log(logging.INFO if current else logging.DEBUG, "applying migration %s", name)
            for statement in _statements(sql):
                await conn.execute(statement)
            await conn.execute(f"PRAGMA user_version = {int(version)}")
        await conn.execute("COMMIT")
    except BaseException:
        await conn.execute("ROLLBACK")
        raise
    return pending[-1][0]


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (executescript would commit behind our back)."""
    out: list[str] = []
    buf: list[str] = []
    for line in sql.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        buf.append(line)
        joined = "\n".join(buf)
        if sqlite3.complete_statement(joined):
            out.append(joined.strip())
            buf = []
    if buf and "\n".join(buf).strip():
        raise StoreError("a migration ends with an incomplete statement")
    return out


@asynccontextmanager
async def transaction(conn: aiosqlite.Connection) -> AsyncIterator[aiosqlite.Connection]:
    """Run a block in one write transaction: committed on success, rolled back on any error."""
    await conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        await conn.execute("ROLLBACK")
        raise
    else:
        await conn.execute("COMMIT")
