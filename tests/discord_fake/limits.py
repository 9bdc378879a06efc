"""Discord's documented payload limits, as pure functions.

Every checker returns a list of human-readable problems, each shaped ``"path: message"`` where
``path`` is Discord's own error path (``embeds.0.description``); an empty list means the payload
is acceptable. The fake server turns non-empty results into a 400 with code 50035, like Discord.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# --- messages ---------------------------------------------------------------------------------
CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
ATTACHMENTS_MAX = 10

# --- components ---------------------------------------------------------------------------------
ACTION_ROWS_MAX = 5
ROW_COMPONENTS_MAX = 5
V2_COMPONENTS_MAX = 40
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
SELECT_OPTIONS_MAX = 25
SELECT_OPTION_LABEL_MAX = 100
SELECT_OPTION_VALUE_MAX = 100
SELECT_OPTION_DESCRIPTION_MAX = 100
SELECT_PLACEHOLDER_MAX = 150
TEXT_INPUT_LABEL_MAX = 45
TEXT_INPUT_PLACEHOLDER_MAX = 100
MODAL_TITLE_MAX = 45
SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
FLAG_COMPONENTS_V2 = 1 << 15

# --- autocomplete / commands ------------------------------------------------------------------------
CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_VALUE_MAX = 100
COMMAND_NAME_RE = re.compile(r"^[-_'\w]{1,32}$")
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25
GLOBAL_COMMANDS_MAX = 100

# --- interactions ----------------------------------------------------------------------------------
INITIAL_RESPONSE_SECONDS = 3.0
TOKEN_LIFETIME_SECONDS = 15 * 60.0

# interaction type -> callback types Discord accepts for it
ALLOWED_CALLBACKS: dict[int, frozenset[int]] = {
    1: frozenset({1}),  # PING -> PONG
    2: frozenset({4, 5, 9, 12}),  # APPLICATION_COMMAND
    3: frozenset({4, 5, 6, 7, 9, 12}),  # MESSAGE_COMPONENT
    4: frozenset({8}),  # APPLICATION_COMMAND_AUTOCOMPLETE
    5: frozenset({4, 5, 6, 7}),  # MODAL_SUBMIT
}
MESSAGE_CALLBACKS = frozenset({4, 7})


def _len_problem(path: str, value: Any, maximum: int, *, minimum: int = 0) -> list[str]:
    """One problem if ``value`` is not a string of ``minimum``..``maximum`` characters."""
    if not isinstance(value, str):
        return [f"{path}: must be a string (got {type(value).__name__})"]
    if len(value) > maximum:
        return [f"{path}: must be {maximum} or fewer in length (got {len(value)})"]
    if len(value) < minimum:
        return [f"{path}: must be {minimum} or more in length (got {len(value)})"]
    return []


def embed_length(embed: dict[str, Any]) -> int:
    """Characters Discord counts towards the 6000 per-message total for one embed."""
    total = 0
    for key in ("title", "description"):
        total += len(embed.get(key) or "")
    for field in embed.get("fields") or []:
        total += len(field.get("name") or "") + len(field.get("value") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    return total


def check_embed(embed: Any, path: str = "embeds.0") -> list[str]:
    """Per-embed limits: title, description, fields, footer, author."""
    if not isinstance(embed, dict):
        return [f"{path}: must be an object"]
    out: list[str] = []
    if embed.get("title") is not None:
        out += _len_problem(f"{path}.title", embed["title"], EMBED_TITLE_MAX)
    if embed.get("description") is not None:
        out += _len_problem(f"{path}.description", embed["description"], EMBED_DESCRIPTION_MAX)
    fields = embed.get("fields") or []
    if not isinstance(fields, list):
        out.append(f"{path}.fields: must be a list")
        fields = []
    if len(fields) > EMBED_FIELDS_MAX:
        out.append(f"{path}.fields: must be {EMBED_FIELDS_MAX} or fewer in length (got {len(fields)})")
    for i, field in enumerate(fields):
        fpath = f"{path}.fields.{i}"
        if not isinstance(field, dict):
            out.append(f"{fpath}: must be an object")
            continue
        out += _len_problem(f"{fpath}.name", field.get("name"), EMBED_FIELD_NAME_MAX, minimum=1)
        out += _len_problem(f"{fpath}.value", field.get("value"), EMBED_FIELD_VALUE_MAX, minimum=1)
    footer = embed.get("footer")
    if isinstance(footer, dict) and footer.get("text") is not None:
        out += _len_problem(f"{path}.footer.text", footer["text"], EMBED_FOOTER_MAX)
    author = embed.get("author")
    if isinstance(author, dict) and author.get("name") is not None:
        out += _len_problem(f"{path}.author.name", author["name"], EMBED_AUTHOR_MAX)
    return out


def check_embeds(embeds: Any, path: str = "embeds") -> list[str]:
    """At most 10 embeds, each valid, 6000 characters across all of them."""
    if embeds is None:
        return []
    if not isinstance(embeds, list):
        return [f"{path}: must be a list"]
    out: list[str] = []
    if len(embeds) > EMBEDS_MAX:
        out.append(f"{path}: must be {EMBEDS_MAX} or fewer in length (got {len(embeds)})")
    for i, embed in enumerate(embeds):
        out += check_embed(embed, f"{path}.{i}")
    total = sum(embed_length(e) for e in embeds if isinstance(e, dict))
    if total > EMBED_TOTAL_MAX:
        out.append(f"{path}: embed size exceeds maximum size of {EMBED_TOTAL_MAX} (got {total})")
    return out


def _check_select(c: dict[str, Any], path: str) -> list[str]:
    out: list[str] = []
    if c.get("placeholder") is not None:
        out += _len_problem(f"{path}.placeholder", c["placeholder"], SELECT_PLACEHOLDER_MAX)
    min_v, max_v = c.get("min_values", 1), c.get("max_values", 1)
    if not (isinstance(min_v, int) and 0 <= min_v <= SELECT_OPTIONS_MAX):
        out.append(f"{path}.min_values: must be between 0 and {SELECT_OPTIONS_MAX} (got {min_v!r})")
    if not (isinstance(max_v, int) and 1 <= max_v <= SELECT_OPTIONS_MAX):
        out.append(f"{path}.max_values: must be between 1 and {SELECT_OPTIONS_MAX} (got {max_v!r})")
    if c.get("type") != 3:
        return out
    options = c.get("options")
    if not isinstance(options, list) or not options:
        return [*out, f"{path}.options: a string select needs 1 to {SELECT_OPTIONS_MAX} options"]
    if len(options) > SELECT_OPTIONS_MAX:
        out.append(f"{path}.options: must be {SELECT_OPTIONS_MAX} or fewer in length (got {len(options)})")
    if isinstance(max_v, int) and max_v > len(options):
        out.append(f"{path}.max_values: must be at most the number of options ({len(options)}, got {max_v})")
    values = []
    for i, opt in enumerate(options):
        opath = f"{path}.options.{i}"
        if not isinstance(opt, dict):
            out.append(f"{opath}: must be an object")
            continue
        out += _len_problem(f"{opath}.label", opt.get("label"), SELECT_OPTION_LABEL_MAX, minimum=1)
        out += _len_problem(f"{opath}.value", opt.get("value"), SELECT_OPTION_VALUE_MAX, minimum=1)
        if opt.get("description") is not None:
            out += _len_problem(f"{opath}.description", opt["description"], SELECT_OPTION_DESCRIPTION_MAX)
        values.append(opt.get("value"))
    if len(values) != len(set(map(repr, values))):
        out.append(f"{path}.options: option values must be unique")
    return out


def _check_component(c: Any, path: str) -> list[str]:
    if not isinstance(c, dict):
        return [f"{path}: must be an object"]
    out: list[str] = []
    ctype = c.get("type")
    if "custom_id" in c:
        out += _len_problem(f"{path}.custom_id", c["custom_id"], CUSTOM_ID_MAX, minimum=1)
    if ctype == 1:  # action row
        children = c.get("components")
        if not isinstance(children, list) or not children:
            out.append(f"{path}.components: an action row needs 1 to {ROW_COMPONENTS_MAX} components")
            children = []
        if len(children) > ROW_COMPONENTS_MAX:
            out.append(
                f"{path}.components: must be {ROW_COMPONENTS_MAX} or fewer in length (got {len(children)})"
            )
        if len(children) > 1 and any(
            isinstance(ch, dict) and ch.get("type") in SELECT_TYPES for ch in children
        ):
            out.append(f"{path}.components: a select menu must be alone in its action row")
    elif ctype == 2:  # button
        if c.get("label") is not None:
            out += _len_problem(f"{path}.label", c["label"], BUTTON_LABEL_MAX)
        style = c.get("style")
        if style == 5:
            if not c.get("url"):
                out.append(f"{path}.url: a link button needs a url")
        elif style != 6 and not c.get("custom_id"):
            out.append(f"{path}.custom_id: a non-link button needs a custom_id")
    elif ctype in SELECT_TYPES:
        if not c.get("custom_id"):
            out.append(f"{path}.custom_id: a select menu needs a custom_id")
        out += _check_select(c, path)
    elif ctype == 4:  # text input (modals)
        if c.get("label") is not None:
            out += _len_problem(f"{path}.label", c["label"], TEXT_INPUT_LABEL_MAX)
        if c.get("placeholder") is not None:
            out += _len_problem(f"{path}.placeholder", c["placeholder"], TEXT_INPUT_PLACEHOLDER_MAX)
    children = c.get("components")
    if isinstance(children, list):
        for i, child in enumerate(children):
            out += _check_component(child, f"{path}.components.{i}")
    for key in ("accessory", "component"):
        if isinstance(c.get(key), dict):
            out += _check_component(c[key], f"{path}.{key}")
    return out


def _count_components(components: Iterable[Any]) -> int:
    n = 0
    for c in components:
        if not isinstance(c, dict):
            continue
        n += 1
        n += _count_components(c.get("components") or [])
        for key in ("accessory", "component"):
            if isinstance(c.get(key), dict):
                n += _count_components([c[key]])
    return n


def check_components(components: Any, *, flags: int = 0, path: str = "components") -> list[str]:
    """Action rows (at most 5), buttons, select menus and their options, ``custom_id`` lengths."""
    if components is None:
        return []
    if not isinstance(components, list):
        return [f"{path}: must be a list"]
    out: list[str] = []
    if flags & FLAG_COMPONENTS_V2:
        total = _count_components(components)
        if total > V2_COMPONENTS_MAX:
            out.append(f"{path}: at most {V2_COMPONENTS_MAX} components in all (got {total})")
    else:
        if len(components) > ACTION_ROWS_MAX:
            out.append(f"{path}: must be {ACTION_ROWS_MAX} or fewer in length (got {len(components)})")
        for i, c in enumerate(components):
            if isinstance(c, dict) and c.get("type") != 1:
                out.append(f"{path}.{i}.type: top-level components must be action rows (type 1)")
    for i, c in enumerate(components):
        out += _check_component(c, f"{path}.{i}")
    return out


def check_message(payload: Any, *, create: bool = False, files: int = 0, path: str = "") -> list[str]:
    """Content, embeds, components and attachments of a message create/edit payload.

    ``create=True`` also rejects an empty message (nothing to show) like Discord (code 50006).
    ``allowed_mentions`` is checked separately by :func:`check_allowed_mentions`.
    """
    prefix = f"{path}." if path else ""
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        return [f"{path or 'body'}: must be a JSON object"]
    out: list[str] = []
    content = payload.get("content")
    if content is not None:
        out += _len_problem(f"{prefix}content", content, CONTENT_MAX)
    flags = payload.get("flags") or 0
    if not isinstance(flags, int):
        out.append(f"{prefix}flags: must be an integer")
        flags = 0
    out += check_embeds(payload.get("embeds"), f"{prefix}embeds")
    out += check_components(payload.get("components"), flags=flags, path=f"{prefix}components")
    attachments = payload.get("attachments") or []
    if isinstance(attachments, list) and len(attachments) > ATTACHMENTS_MAX:
        out.append(
            f"{prefix}attachments: must be {ATTACHMENTS_MAX} or fewer in length (got {len(attachments)})"
        )
    if flags & FLAG_COMPONENTS_V2 and (content or payload.get("embeds")):
        out.append(f"{prefix}content: messages with the IS_COMPONENTS_V2 flag cannot have content or embeds")
    if create and not (
        content
        or payload.get("embeds")
        or payload.get("components")
        or payload.get("sticker_ids")
        or payload.get("poll")
        or attachments
        or files
    ):
        out.append(f"{prefix}content: cannot send an empty message")
    return out


def check_allowed_mentions(payload: Any, *, path: str = "") -> list[str]:
    """The message must carry ``allowed_mentions`` that pings nobody (``AllowedMentions.none()``)."""
    prefix = f"{path}." if path else ""
    am = payload.get("allowed_mentions") if isinstance(payload, dict) else None
    if am is None:
        return [f"{prefix}allowed_mentions: missing (use AllowedMentions.none() so nobody can be pinged)"]
    if not isinstance(am, dict):
        return [f"{prefix}allowed_mentions: must be an object"]
    out: list[str] = []
    parse = am.get("parse")
    if parse != []:
        out.append(f"{prefix}allowed_mentions.parse: must be [] (got {parse!r})")
    for key in ("users", "roles"):
        if am.get(key):
            out.append(f"{prefix}allowed_mentions.{key}: must be empty (got {am[key]!r})")
    if am.get("replied_user"):
        out.append(f"{prefix}allowed_mentions.replied_user: must be false")
    return out


def check_autocomplete(data: Any, *, path: str = "data") -> list[str]:
    """Autocomplete result: at most 25 choices, names 1-100 characters, string values at most 100."""
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        return [f"{path}.choices: must be a list"]
    choices = data["choices"]
    out: list[str] = []
    if len(choices) > CHOICES_MAX:
        out.append(f"{path}.choices: must be {CHOICES_MAX} or fewer in length (got {len(choices)})")
    for i, choice in enumerate(choices):
        out += check_choice(choice, f"{path}.choices.{i}")
    return out


def check_choice(choice: Any, path: str = "choices.0") -> list[str]:
    """One autocomplete/command choice: name 1-100, localised names 1-100, string value at most 100."""
    if not isinstance(choice, dict):
        return [f"{path}: must be an object"]
    out = _len_problem(f"{path}.name", choice.get("name"), CHOICE_NAME_MAX, minimum=1)
    for loc, name in (choice.get("name_localizations") or {}).items():
        out += _len_problem(f"{path}.name_localizations.{loc}", name, CHOICE_NAME_MAX, minimum=1)
    value = choice.get("value")
    if isinstance(value, str):
        out += _len_problem(f"{path}.value", value, CHOICE_VALUE_MAX)
    elif isinstance(value, bool) or not isinstance(value, int | float):
        out.append(f"{path}.value: must be a string, integer or number (got {type(value).__name__})")
    return out


def check_modal(data: Any, *, path: str = "data") -> list[str]:
    """Modal: title 1-45, custom_id 1-100, 1-5 components."""
    if not isinstance(data, dict):
        return [f"{path}: must be an object"]
    out = _len_problem(f"{path}.title", data.get("title"), MODAL_TITLE_MAX, minimum=1)
    out += _len_problem(f"{path}.custom_id", data.get("custom_id"), CUSTOM_ID_MAX, minimum=1)
    comps = data.get("components")
    if not isinstance(comps, list) or not 1 <= len(comps) <= ACTION_ROWS_MAX:
        out.append(f"{path}.components: a modal needs 1 to {ACTION_ROWS_MAX} components")
    else:
        for i, c in enumerate(comps):
            out += _check_component(c, f"{path}.components.{i}")
    return out


def check_callback(callback_type: Any, data: Any, interaction_type: int, *, files: int = 0) -> list[str]:
    """An interaction callback body: the type must suit the interaction, and ``data`` its limits."""
    allowed = ALLOWED_CALLBACKS.get(interaction_type, frozenset())
    if callback_type not in allowed:
        return [
            f"type: callback type {callback_type!r} is not valid for interaction type {interaction_type} "
            f"(allowed: {sorted(allowed)})"
        ]
    if callback_type in MESSAGE_CALLBACKS:
        return check_message(data, create=callback_type == 4, files=files, path="data")
    if callback_type == 8:
        return check_autocomplete(data)
    if callback_type == 9:
        return check_modal(data)
    if callback_type in (5, 6) and data is not None and not isinstance(data, dict):
        return ["data: must be an object"]
    return []


def _check_option(opt: Any, path: str, depth: int) -> list[str]:
    if not isinstance(opt, dict):
        return [f"{path}: must be an object"]
    out: list[str] = []
    name = opt.get("name")
    if not isinstance(name, str) or not COMMAND_NAME_RE.match(name) or name != name.lower():
        out.append(f"{path}.name: must be 1-32 lowercase characters without spaces (got {name!r})")
    out += _len_problem(f"{path}.description", opt.get("description"), COMMAND_DESCRIPTION_MAX, minimum=1)
    choices = opt.get("choices") or []
    if len(choices) > CHOICES_MAX:
        out.append(f"{path}.choices: must be {CHOICES_MAX} or fewer in length (got {len(choices)})")
    for i, ch in enumerate(choices):
        out += check_choice(ch, f"{path}.choices.{i}")
    if choices and opt.get("autocomplete"):
        out.append(f"{path}.autocomplete: cannot be combined with choices")
    sub = opt.get("options") or []
    if opt.get("type") in (1, 2):
        if depth >= 2:
            out.append(f"{path}: sub-commands nest at most two levels deep")
        if len(sub) > COMMAND_OPTIONS_MAX:
            out.append(f"{path}.options: must be {COMMAND_OPTIONS_MAX} or fewer in length (got {len(sub)})")
        for i, o in enumerate(sub):
            out += _check_option(o, f"{path}.options.{i}", depth + 1)
    return out


def check_commands(commands: Any) -> list[str]:
    """A bulk-overwrite body: names, descriptions, options and choices of every command."""
    if not isinstance(commands, list):
        return ["body: must be a list of commands"]
    out: list[str] = []
    if len(commands) > GLOBAL_COMMANDS_MAX:
        out.append(f"body: must be {GLOBAL_COMMANDS_MAX} or fewer in length (got {len(commands)})")
    seen: set[tuple[Any, Any]] = set()
    for i, cmd in enumerate(commands):
        path = str(i)
        if not isinstance(cmd, dict):
            out.append(f"{path}: must be an object")
            continue
        ctype = cmd.get("type", 1)
        name = cmd.get("name")
        key = (ctype, name)
        if key in seen:
            out.append(f"{path}.name: duplicate command name {name!r}")
        seen.add(key)
        if ctype == 1:
            if not isinstance(name, str) or not COMMAND_NAME_RE.match(name) or name != name.lower():
                out.append(f"{path}.name: must be 1-32 lowercase characters without spaces (got {name!r})")
            out += _len_problem(
                f"{path}.description", cmd.get("description"), COMMAND_DESCRIPTION_MAX, minimum=1
            )
            options = cmd.get("options") or []
            if len(options) > COMMAND_OPTIONS_MAX:
                out.append(
                    f"{path}.options: must be {COMMAND_OPTIONS_MAX} or fewer in length (got {len(options)})"
                )
            for j, opt in enumerate(options):
                out += _check_option(opt, f"{path}.options.{j}", 1)
        else:
            out += _len_problem(f"{path}.name", name, 32, minimum=1)
    return out


def errors_body(problems: list[str]) -> dict[str, Any]:
    """Discord's nested ``errors`` object (``{"content": {"_errors": [...]}}``) for a 400 reply."""
    errors: dict[str, Any] = {}
    for problem in problems:
        path, _, message = problem.partition(": ")
        node = errors
        for part in path.split("."):
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": "FAKE_DISCORD_LIMIT", "message": message})
    return errors
