"""Read typed settings from environment variables; bad values fail loudly at start-up."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class ConfigError(ValueError):
    """A setting has a value that cannot be used."""


def env_str(name: str, default: str = "") -> str:
    """Return the variable ``name`` as a string, or ``default``."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Return the variable ``name`` as a boolean (1/0, true/false, yes/no, on/off)."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    """Return the variable ``name`` as an integer."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Return the comma-separated variable ``name`` as a list of non-empty strings."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    """Return the data directory (``MAMORI_DATA_DIR``, default ``./data``), creating it if needed."""
    path = Path(env_str("MAMORI_DATA_DIR", str(Path.cwd() / "data"))).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """Return ``MAMORI_SECRET_KEY`` or a key generated once and kept (mode 0600) in ``directory``."""
    given = env_str("MAMORI_SECRET_KEY")
    if given:
        return given
    key_file = directory / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(50)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key
