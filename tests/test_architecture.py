"""The boundaries of STYLE.md, checked: core has no Discord and no store; only the store writes SQL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT

BOT = PROJECT_ROOT / "bot"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


CORE_FILES = sorted((BOT / "core").rglob("*.py"))


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(BOT)))
def test_core_imports_neither_discord_nor_the_store_nor_the_chat(path: Path) -> None:
    bad = {
        m
        for m in _imports(path)
        if m.split(".")[0] == "discord" or m.startswith(("bot.store", "bot.chat", "aiosqlite"))
    }
    assert not bad, f"{path.name} imports {bad}"


_SQL = re.compile(
    r"\b(?:SELECT\s.+\sFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX)"
    r"|PRAGMA\s+\w+|BEGIN\s+(?:IMMEDIATE|DEFERRED|TRANSACTION))\b"
)


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(BOT.rglob("*.py")) if "store" not in p.relative_to(BOT).parts],
    ids=lambda p: str(p.relative_to(BOT)),
)
def test_only_the_store_writes_sql(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not _SQL.search(text), f"{path.relative_to(BOT)} contains SQL; move it to bot/store/"


def test_nothing_prints_outside_the_command_line_and_console() -> None:
    allowed = {"__main__.py", "commands.py", "console.py"}
    offenders = []
    for path in BOT.rglob("*.py"):
        if path.name in allowed or "bench" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(f"{path.relative_to(BOT)}:{node.lineno}")
    assert not offenders, f"print() outside the CLI: {offenders}"
