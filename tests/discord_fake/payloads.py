"""Builders for Discord API objects, with the fields discord.py 2.7.1 reads when it parses them.

All ids go on the wire as strings (snowflakes), as Discord sends them. Builders take ints.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000

# Permissions an ordinary member (and the bot) gets in the fake guild: view channel, send messages,
# embed links, attach files, read history, add reactions, external emojis, use application commands.
DEFAULT_PERMISSIONS = (
    (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 6) | (1 << 18) | (1 << 31)
)
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024  # 10 MiB, an unboosted guild / DM


class SnowflakeGenerator:
    """Unique, increasing snowflakes that encode the current time (like Discord's)."""

    def __init__(self, worker: int = 1) -> None:
        """Create a generator; ``worker`` fills the worker-id bits."""
        self._worker = worker & 0x1F
        self._counter = itertools.count()
        self._last = 0
        self._lock = threading.Lock()

    def __call__(self) -> int:
        """Return the next snowflake."""
        with self._lock:
            ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
            value = (ms << 22) | (self._worker << 17) | (next(self._counter) & 0xFFF)
            if value <= self._last:
                value = self._last + 1
            self._last = value
            return value


new_snowflake = SnowflakeGenerator()


def iso_now() -> str:
    """The current UTC time in Discord's ISO-8601 format."""
    return dt.datetime.now(dt.UTC).isoformat()


def user(
    id: int, name: str = "tester", *, bot: bool = False, global_name: str | None = None
) -> dict[str, Any]:
    """A user object (``id``, ``username``, ``discriminator``, ``avatar``... as discord.py needs)."""
    return {
        "id": str(id),
        "username": name,
        "discriminator": "0",
        "global_name": global_name if global_name is not None else (None if bot else name),
        "avatar": None,
        "bot": bot,
        "system": False,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "primary_guild": None,
        "collectibles": None,
    }


def bot_user(id: int, name: str = "fakebot") -> dict[str, Any]:
    """The bot's own user, as ``GET /users/@me`` and READY return it."""
    return {
        **user(id, name, bot=True),
        "verified": True,
        "mfa_enabled": False,
        "locale": "en-US",
        "email": None,
    }


def member(
    user: dict[str, Any],
    guild_id: int | None = None,
    *,
    roles: list[int] | tuple[int, ...] = (),
    permissions: int | None = DEFAULT_PERMISSIONS,
    nick: str | None = None,
    joined_at: str = "2024-01-01T00:00:00+00:00",
) -> dict[str, Any]:
    """A guild member wrapping ``user``; ``permissions`` is the interaction-only resolved field.

    ``guild_id`` is accepted for readability: member objects carry no guild id on the wire.
    """
    del guild_id
    data: dict[str, Any] = {
        "user": user,
        "roles": [str(r) for r in roles],
        "joined_at": joined_at,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "nick": nick,
        "avatar": None,
        "banner": None,
        "premium_since": None,
        "communication_disabled_until": None,
    }
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def dm_channel(id: int, recipient: dict[str, Any]) -> dict[str, Any]:
    """A DM channel (type 1) with one recipient."""
    return {"id": str(id), "type": 1, "last_message_id": None, "flags": 0, "recipients": [recipient]}


def text_channel(id: int, guild_id: int, name: str = "general", *, position: int = 0) -> dict[str, Any]:
    """A guild text channel (type 0)."""
    return {
        "id": str(id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "rate_limit_per_user": 0,
        "last_message_id": None,
        "flags": 0,
    }


def role(id: int, name: str, *, permissions: int = DEFAULT_PERMISSIONS, position: int = 0) -> dict[str, Any]:
    """A guild role; ``role(guild_id, "@everyone")`` is the default role."""
    return {
        "id": str(id),
        "name": name,
        "permissions": str(permissions),
        "position": position,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "icon": None,
        "unicode_emoji": None,
        "flags": 0,
    }


def guild(
    id: int,
    *,
    name: str = "Fake Guild",
    owner_id: int,
    channels: list[dict[str, Any]],
    members: list[dict[str, Any]],
    roles: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A full GUILD_CREATE payload (available guild with channels, roles and members)."""
    return {
        "id": str(id),
        "name": name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": "en-US",
        "features": [],
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "max_members": 500000,
        "max_video_channel_users": 25,
        "application_id": None,
        "roles": roles if roles is not None else [role(id, "@everyone")],
        "emojis": [],
        "stickers": [],
        "joined_at": "2024-01-01T00:00:00+00:00",
        "large": False,
        "unavailable": False,
        "member_count": len(members),
        "voice_states": [],
        "members": members,
        "channels": channels,
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "lazy": True,
    }


def attachment(id: int, filename: str, size: int, *, content_type: str | None = None) -> dict[str, Any]:
    """An attachment object as it appears in a message."""
    url = f"https://cdn.discordapp.com/attachments/0/{id}/{filename}"
    return {
        "id": str(id),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
        "content_type": content_type,
        "flags": 0,
    }


def message_object(
    *,
    id: int,
    channel_id: int,
    author: dict[str, Any],
    content: str = "",
    guild_id: int | None = None,
    member: dict[str, Any] | None = None,
    embeds: list[dict[str, Any]] | None = None,
    components: list[dict[str, Any]] | None = None,
    attachments: list[dict[str, Any]] | None = None,
    mentions: list[dict[str, Any]] | None = None,
    flags: int = 0,
    type: int = 0,
    webhook_id: int | None = None,
    application_id: int | None = None,
    interaction_metadata: dict[str, Any] | None = None,
    message_reference: dict[str, Any] | None = None,
    tts: bool = False,
) -> dict[str, Any]:
    """A full message object (what ``POST /channels/{id}/messages`` and MESSAGE_CREATE carry)."""
    data: dict[str, Any] = {
        "id": str(id),
        "type": type,
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": tts,
        "mention_everyone": False,
        "mentions": mentions or [],
        "mention_roles": [],
        "mention_channels": [],
        "attachments": attachments or [],
        "embeds": embeds or [],
        "reactions": [],
        "pinned": False,
        "flags": flags,
        "components": components or [],
        "sticker_items": [],
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
        if member is not None:
            data["member"] = {k: v for k, v in member.items() if k not in ("user", "permissions")}
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
    if application_id is not None:
        data["application_id"] = str(application_id)
    if interaction_metadata is not None:
        data["interaction_metadata"] = interaction_metadata
    if message_reference is not None:
        data["message_reference"] = message_reference
    return data


def interaction(
    *,
    id: int,
    application_id: int,
    type: int,
    token: str,
    data: dict[str, Any] | None,
    user: dict[str, Any],
    channel: dict[str, Any],
    guild_id: int | None = None,
    member_data: dict[str, Any] | None = None,
    locale: str = "en-US",
    guild_locale: str = "en-US",
    app_permissions: int = DEFAULT_PERMISSIONS,
    message: dict[str, Any] | None = None,
    attachment_size_limit: int = ATTACHMENT_SIZE_LIMIT,
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload: ``guild_id``+``member`` in a guild, ``user`` in a DM.

    Carries every field discord.py 2.7.1 reads: ``attachment_size_limit``, ``entitlements``,
    ``authorizing_integration_owners``, ``context`` (0 guild, 1 bot DM), ``app_permissions``.
    """
    payload: dict[str, Any] = {
        "id": str(id),
        "application_id": str(application_id),
        "type": type,
        "token": token,
        "version": 1,
        "locale": locale,
        "channel": channel,
        "channel_id": channel["id"],
        "app_permissions": str(app_permissions),
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": attachment_size_limit,
    }
    if data is not None:
        payload["data"] = data
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
        payload["guild"] = {"id": str(guild_id), "locale": guild_locale, "features": []}
        payload["guild_locale"] = guild_locale
        payload["member"] = member_data if member_data is not None else member(user, guild_id)
        payload["authorizing_integration_owners"] = {"0": str(guild_id)}
        payload["context"] = 0
    else:
        payload["user"] = user
        payload["authorizing_integration_owners"] = {"0": "0"}
        payload["context"] = 1
    if message is not None:
        payload["message"] = message
    return payload
