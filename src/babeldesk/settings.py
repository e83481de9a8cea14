"""Configuration, read once from the environment (``BABELDESK_*``) with embedded defaults."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BABELDESK_", extra="ignore")

    # No URL means: run the embedded PostgreSQL under ``data_dir``.
    database_url: str | None = None
    data_dir: Path = Path("var")
    # Data residency: a region name maps to the database holding that region's customer data.
    # Regions without an entry live in the control database.
    regions: dict[str, str] = Field(default_factory=dict)
    default_region: str = "default"

    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    secret_key: str | None = None

    max_message_chars: int = 10_000
    session_days: int = 14
    # Cookies marked Secure are dropped by browsers on plain http, which a local install uses.
    secure_cookies: bool = False

    def resolved_public_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    def resolved_secret_key(self) -> str:
        """The signing key: configured, or generated once and kept beside the data."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        # Every server process reads the same file, so they all sign alike; kept after the first read.
        self.secret_key = path.read_text().strip()
        return self.secret_key

    def region_database_url(self, region: str, control_url: str) -> str:
        return self.regions.get(region, control_url)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
