"""Where the user's library lives by default."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

LIBRARY_ENV = "HEDGE_READER_LIBRARY"


def default_library_path() -> Path:
    """``$HEDGE_READER_LIBRARY`` if set, else a folder in the user data dir."""
    override = os.environ.get(LIBRARY_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_path("hedge-reader", appauthor=False) / "library"
