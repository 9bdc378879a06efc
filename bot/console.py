"""The conversation in a terminal: `make run` without a Discord token.

Reads one question per line (interactive, or piped: `echo "ballerina 2023" | make run`) and ends
cleanly at end of input. The same commands as in Discord, typed with a slash:
/warnings add|remove|list|clear [topics], /spoilers on|off, /help, /quit.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot import render
from bot.conversation import Conversation
from bot.core import taxonomy
from bot.service import Service

CONSOLE_USER = "console"
BANNER = (
    "shouldiwatch — console mode (no DISCORD_TOKEN set).\n"
    "Ask about a film: “ballerina”, “the korean ballerina”, “is dune worth it?”. /help for commands, Ctrl-D to quit.\n"
    "To run in Discord, put DISCORD_TOKEN=… in .env (see README: “Connecting to Discord”) and `make run` again."
)


_BARE_COMMANDS = {  # typed without the slash, these are still commands, not film titles
    "help": {""},
    "quit": {""},
    "exit": {""},
    "warnings": {"", "add", "remove", "list", "clear"},
    "spoilers": {"on", "off", "yes", "no", "show", "hide"},
}


def _is_command(text: str) -> bool:
    """Whether a console line is a command: "/anything", or "warnings add gore", "help"…"""
    if text.startswith("/"):
        return True
    words = text.lower().split()
    return bool(words) and (words[1] if len(words) > 1 else "") in _BARE_COMMANDS.get(words[0], ())


async def _readline(stream: TextIO) -> str | None:
    line = await asyncio.to_thread(stream.readline)
    return None if line == "" else line


async def warnings_command(service: Service, user: str, args: list[str]) -> str:
    """Handle /warnings add|remove|list|clear (shared wording with Discord)."""
    action = args[0].lower() if args else "list"
    names = " ".join(args[1:])
    topics = [taxonomy.find_topic(part) for part in names.split(",") if part.strip()] if names else []
    unknown = [
        part.strip() for part, t in zip(names.split(","), topics, strict=False) if part.strip() and t is None
    ]
    if action in ("add", "remove") and (unknown or not topics):
        return (f"Unknown topic: {', '.join(unknown)}.\n" if unknown else "Name at least one topic.\n") + (
            "Topics:\n" + render.topic_list_text()
        )
    known = [t for t in topics if t]
    if action == "add":
        added = await service.store.add_topics(user, known)
        return taxonomy.added_text(list(dict.fromkeys(known)), added)
    if action == "remove":
        removed = await service.store.remove_topics(user, known)
        return (
            "Removed: "
            + (", ".join(taxonomy.label(t) for t in removed) or "none of those were on your list")
            + "."
        )
    if action == "clear":
        n = await service.store.clear_topics(user)
        return f"Cleared {n} topic{'s' if n != 1 else ''}."
    mine = await service.store.avoided_topics(user)
    if not mine:
        return (
            "You flag no topics yet. Add some with /warnings add suicide, animal harm\nTopics:\n"
            + render.topic_list_text()
        )
    return "Topics you avoid (flagged first in answers): " + ", ".join(taxonomy.label(t) for t in mine)


async def run_console(service: Service, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the terminal conversation until end of input; return the exit code."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    print(BANNER, file=sys.stderr)
    await service.ready()
    conversation = Conversation(service)
    show_spoilers = False
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        try:
            line = await _readline(stdin)
        except (KeyboardInterrupt, asyncio.CancelledError):
            break
        if line is None:
            if interactive:
                print(file=stdout)
            break
        text = line.strip()
        if not text:
            continue
        if _is_command(text):
            command, *args = text.lstrip("/").split() or [""]
            command = command.lower()
            if command in ("quit", "exit", "q"):
                break
            if command == "help":
                out = (
                    render.HELP_TEXT
                    + "\nCommands: /warnings add|remove|list|clear [topics], /spoilers on|off, /quit"
                )
            elif command == "warnings":
                out = await warnings_command(service, CONSOLE_USER, args)
            elif command == "spoilers":
                show_spoilers = bool(args) and args[0].lower() in ("on", "yes", "show")
                out = "Spoiler evidence will be shown." if show_spoilers else "Spoiler evidence is hidden."
            else:
                out = f"Unknown command /{command}. Try /help."
            print(out, file=stdout, flush=True)
            continue
        turn = await conversation.handle(CONSOLE_USER, text, CONSOLE_USER)
        print(
            render.turn_text(turn, show_spoilers=show_spoilers, reveal=render.SPOILERS_CONSOLE),
            file=stdout,
            flush=True,
        )
        if not interactive:
            print(file=stdout)
    return 0
