"""Every setting is documented where a new operator looks: `.env.example` and the README table."""

from __future__ import annotations

import re

import pytest

from bot.config import PROJECT_ROOT, Settings

FIELDS = sorted(Settings.model_fields)


@pytest.mark.parametrize("field", FIELDS)
def test_every_setting_is_in_env_example_and_readme(field: str) -> None:
    variable = field.upper()
    example = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^{variable}=", example, re.M), f"{variable} missing from .env.example"
    table_rows = [line for line in readme.splitlines() if line.startswith("| `")]
    assert any(f"`{variable}`" in row for row in table_rows), f"{variable} missing from the README table"


def test_env_example_names_only_real_settings() -> None:
    example = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    names = re.findall(r"^([A-Z_]+)=", example, re.M)
    assert sorted(n.lower() for n in names) == FIELDS


def test_env_example_values_are_valid_settings(tmp_path, monkeypatch) -> None:
    """The example file, copied to .env as the README says, gives a working configuration."""
    (tmp_path / ".env").write_text((PROJECT_ROOT / ".env.example").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    for field in FIELDS:
        monkeypatch.delenv(field.upper(), raising=False)
    settings = Settings()
    assert settings.discord_token is None  # empty token → console mode
    assert settings.match_worker == "auto"
    assert settings.log_level == "INFO"
