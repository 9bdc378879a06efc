"""Settings: one class, read from the environment and `.env`, built in main() and passed down."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything the bot can be configured with; see `.env.example` and the README table."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    discord_token: SecretStr | None = Field(default=None, description="Bot token; unset → console mode.")
    dev_guild_id: int | None = Field(default=None, description="Guild to sync commands to on start.")
    database_path: Path = Field(default=PROJECT_ROOT / "var" / "shouldiwatch.db")
    log_level: str = Field(default="INFO")
    catalog_path: Path = Field(default=PROJECT_ROOT / "data" / "catalog")
    bootstrap_reviews: str = Field(
        default=f"{PROJECT_ROOT / 'data' / 'reviews'}:{PROJECT_ROOT.parent / 'shared' / 'seeds'}",
        description="Colon-separated review folders ingested when the database is first built.",
    )
    cooldown_seconds: float = Field(default=3.0, ge=0)
    cooldown_burst: int = Field(default=3, ge=1)
    max_review_bytes: int = Field(default=2_000_000, ge=1024)
    match_worker: Literal["auto", "on", "off"] = Field(
        default="auto",
        description="Title matching in a worker process: auto = for catalogs of 20,000+ films on 2+ CPUs.",
    )

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if not isinstance(logging.getLevelName(level), int):
            raise ValueError(f"unknown log level {value!r} (use DEBUG, INFO, WARNING or ERROR)")
        return level

    @field_validator("discord_token")
    @classmethod
    def _blank_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        return value

    @field_validator("dev_guild_id", mode="before")
    @classmethod
    def _blank_guild(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    def bootstrap_dirs(self) -> list[Path]:
        """Return the review folders to ingest on first build, existing ones only."""
        return [Path(p) for p in self.bootstrap_reviews.split(":") if p.strip() and Path(p).exists()]


def setup_logging(level: str) -> None:
    """Configure the root logger once, for the CLI and the bot alike."""
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        datefmt="%H:%M:%S",
    )
    # discord.py is chatty at INFO about gateway details the operator rarely needs.
    logging.getLogger("discord").setLevel(max(logging.getLevelName(level), logging.WARNING))
