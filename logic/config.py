"""Settings read from the environment, so a council's IT team configures Hearth without code.

HEARTH_DATABASE_URL   SQLAlchemy URL of the store; default the embedded DuckDB file data/hearth.duckdb
HEARTH_COUNCIL_NAME   shown on screens and letters
HEARTH_SESSION_IDLE_MINUTES       idle time-out of a signed-in session (default 30)
HEARTH_SESSION_MAX_HOURS          absolute session length (default 10: one working day)
HEARTH_AUTH                       "local" (passwords held by Hearth, default) or "oidc"
                                  (Streamlit's st.login against the provider in secrets.toml)
HEARTH_CLIENT_ADDRESS_HEADER      behind a reverse proxy or load balancer: the header it puts the
                                  officer's address in (e.g. X-Forwarded-For; the last address
                                  in it is the one the proxy saw). Unset: the connection's own
                                  address. Sign-in protection counts failures per address.
HEARTH_PUBLIC_SOURCE_SALT         the secret mixed into the hash of a public sender's address
                                  (the public front door's rate limit keeps only that hash).
                                  Unset: a salt made from the store's URL (set it in production).
HEARTH_PUBLIC_INBOX               the folder the public app hands its forms to and the staff app
                                  takes them from (logic/public/inbox.py); both apps must name the
                                  same one. Default data/public_inbox.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DATABASE_URL = f"duckdb:///{DATA_DIR / 'hearth.duckdb'}"


class ConfigError(ValueError):
    """A setting in the environment is malformed; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    council_name: str
    session_idle_minutes: int
    session_max_hours: int
    auth_mode: str
    client_address_header: str | None = None
    public_source_salt: str = ""
    public_inbox: Path = DATA_DIR / "public_inbox"


def _int_setting(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}: must be a whole number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name}: must be greater than 0, got {value}")
    return value


@lru_cache(maxsize=1)
def settings() -> Settings:
    auth_mode = os.environ.get("HEARTH_AUTH", "local").strip().lower() or "local"
    if auth_mode not in {"local", "oidc"}:
        raise ConfigError(f"HEARTH_AUTH: must be 'local' or 'oidc', got {auth_mode!r}")
    return Settings(
        database_url=os.environ.get("HEARTH_DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
        council_name=os.environ.get("HEARTH_COUNCIL_NAME", "").strip() or "Hearth District Council",
        session_idle_minutes=_int_setting("HEARTH_SESSION_IDLE_MINUTES", 30),
        session_max_hours=_int_setting("HEARTH_SESSION_MAX_HOURS", 10),
        auth_mode=auth_mode,
        client_address_header=os.environ.get("HEARTH_CLIENT_ADDRESS_HEADER", "").strip() or None,
        public_source_salt=os.environ.get("HEARTH_PUBLIC_SOURCE_SALT", "").strip(),
        public_inbox=Path(os.environ.get("HEARTH_PUBLIC_INBOX", "").strip() or DATA_DIR / "public_inbox"),
    )


def reload_settings() -> Settings:
    """Forget cached settings (tests change the environment between cases)."""
    settings.cache_clear()
    return settings()
