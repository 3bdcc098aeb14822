"""Where mamori keeps what it can rebuild: the scan cache, the upload spool, the compiled prefilter."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Return mamori's folder under the user's cache directory (``$XDG_CACHE_HOME`` or ``~/.cache``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mamori"
