"""The user's settings (a TOML file) and the small state file the app writes itself.

The config file is the user's: the app only ever reads it, so their comments survive.
Anything the app must remember on its own (the theme last chosen from the palette) goes to a
separate JSON state file in the user state dir.

A config mistake is one ``ConfigError`` whose text names the file and the line
(``config.toml:7: unknown category 'tentativ' ...``); the CLI prints it and exits 2 rather
than run with settings the user did not mean. No Textual here: checks that need Textual
(theme names, binding ids) live in ``reader.tui.settings`` and reuse ``Config.line_of``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from reader.hedging import CATEGORIES, phrase_problem
from reader.hedging.claims import MARK_KINDS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

APP_NAME = "hedge-reader"
CONFIG_ENV = "HEDGE_READER_CONFIG"
STATE_ENV = "HEDGE_READER_STATE"

SETTINGS = ("theme", "hidden_categories", "phrases", "keys", "export_dir")

#: Keys that terminals send as Backspace, Tab and Enter: a feature must not live only there.
CONFUSED_KEYS = {"ctrl+h": "Backspace", "ctrl+i": "Tab", "ctrl+m": "Enter"}

_KEY_NAME = re.compile(r"^[A-Za-z0-9_+\-]+$|^[^\s,]$")


class ConfigError(Exception):
    """A bad setting; ``str()`` is the one line shown to the user."""

    def __init__(self, path: Path | None, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = str(path) if path is not None else "config"
        if line is not None:
            where += f":{line}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Config:
    """Validated settings; every field has a default, so a missing file is a valid config."""

    path: Path | None = None
    theme: str | None = None
    hidden_categories: frozenset[str] = frozenset()
    #: The user's own cue phrases: phrase -> category id (booster or a hedge category).
    phrases: Mapping[str, str] = field(default_factory=dict)
    #: Key remaps: binding id (``app.search``) -> keys (``ctrl+f`` or ``f,ctrl+f``).
    keys: Mapping[str, str] = field(default_factory=dict)
    export_dir: Path | None = None
    source: str = field(default="", repr=False)

    def line_of(self, table: str | None, key: str) -> int | None:
        """The line where ``key`` is set (inside ``[table]`` if given), for error messages."""
        return _locate(self.source, table, key)

    def error(self, table: str | None, key: str, message: str) -> ConfigError:
        return ConfigError(self.path, self.line_of(table, key), message)


def config_path() -> Path:
    """``$HEDGE_READER_CONFIG``, else ``config.toml`` in the user config dir."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read and check the config file; no file means the defaults."""
    path = config_path() if path is None else path
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ConfigError(path, None, f"cannot read the config file ({reason})") from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(path, error) from None
    return _check(Config(path=path, source=source), data)


def _syntax_error(path: Path, error: Exception) -> ConfigError:
    text = str(error)
    found = re.search(r"\(at line (\d+), column \d+\)", text)
    line = getattr(error, "lineno", None) or (int(found.group(1)) if found else None)
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", text)
    return ConfigError(path, line, f"not valid TOML: {message[:1].lower()}{message[1:]}")


def _check(base: Config, data: dict[str, Any]) -> Config:
    for key in data:
        if key not in SETTINGS:
            raise base.error(None, key, f"unknown setting {key!r}; expected {', '.join(SETTINGS)}")
    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        raise base.error(None, "theme", "theme must be a theme name in quotes")
    export_dir = data.get("export_dir")
    if export_dir is not None and (not isinstance(export_dir, str) or not export_dir.strip()):
        raise base.error(None, "export_dir", "export_dir must be a folder path in quotes")
    return Config(
        path=base.path,
        theme=theme.strip() if theme else None,
        hidden_categories=_hidden(base, data.get("hidden_categories", [])),
        phrases=_phrases(base, data.get("phrases", {})),
        keys=_keys(base, data.get("keys", {})),
        export_dir=Path(export_dir).expanduser() if export_dir else None,
        source=base.source,
    )


def _category_list() -> str:
    return ", ".join(CATEGORIES)


#: Claim-strength names ``hidden_categories`` takes -> the mark kinds (the reading pane's
#: ``document-view--claim-…`` classes) they hide; "claims" is all three, as the ``8`` key.
CLAIM_MARKS: dict[str, tuple[str, ...]] = {
    **{kind.removeprefix("claim-"): (kind,) for kind in MARK_KINDS.values()},
    "claims": tuple(MARK_KINDS.values()),
}


def _hidden(base: Config, value: Any) -> frozenset[str]:
    """Hedge categories as they are, claim-strength names as the mark kinds they hide."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise base.error(
            None, "hidden_categories", 'hidden_categories must be a list like ["approximator"]'
        )
    hidden: set[str] = set()
    for item in value:
        if item in CATEGORIES:
            hidden.add(item)
        elif item in CLAIM_MARKS:
            hidden.update(CLAIM_MARKS[item])
        else:
            raise base.error(
                None,
                "hidden_categories",
                f"unknown category {item!r} in hidden_categories; expected "
                f"{_category_list()}, {', '.join(CLAIM_MARKS)}",
            )
    return frozenset(hidden)


def _phrases(base: Config, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise base.error(
            None, "phrases", "phrases must be a table: [phrases] then category = [...]"
        )
    found: dict[str, str] = {}
    for category, items in value.items():
        if category not in CATEGORIES:
            raise base.error(
                "phrases",
                category,
                f"unknown category {category!r} under [phrases]; expected {_category_list()}",
            )
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise base.error(
                "phrases", category, f'phrases.{category} must be a list of "phrases" in quotes'
            )
        for phrase in items:
            problem = phrase_problem(phrase)
            line = base.line_of("phrases", category)
            if problem is not None:
                raise ConfigError(base.path, _locate_value(base.source, line, phrase), problem)
            norm = " ".join(phrase.lower().split())
            if found.get(norm, category) != category:
                raise ConfigError(
                    base.path,
                    _locate_value(base.source, line, phrase),
                    f"phrase {phrase!r} is listed under both {found[norm]!r} and {category!r}",
                )
            found[norm] = category
    return found


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``app.search = "f"`` (unquoted) parses as nested tables; binding ids have dots."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


def _keys(base: Config, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise base.error(None, "keys", 'keys must be a table: [keys] then "app.search" = "f"')
    keymap: dict[str, str] = {}
    for binding_id, keys in _flatten(value).items():
        line_key = binding_id
        if not isinstance(keys, str) or not keys.strip():
            raise base.error(
                "keys", line_key, f'keys.{binding_id} must be keys in quotes, like "ctrl+f"'
            )
        names = [name.strip() for name in keys.split(",")]
        for name in names:
            if not name or not _KEY_NAME.match(name):
                raise base.error("keys", line_key, f"{name!r} is not a key name (for {binding_id})")
        confused = [name for name in names if name.lower() in CONFUSED_KEYS]
        if confused and len(confused) == len(names):
            name = confused[0]
            raise base.error(
                "keys",
                line_key,
                f"{name} alone cannot carry {binding_id}: many terminals send it as "
                f'{CONFUSED_KEYS[name.lower()]}; add another key, like "{name},f2"',
            )
        keymap[binding_id] = ",".join(names)
    return keymap


def _locate(source: str, table: str | None, key: str) -> int | None:
    """The line that sets ``key`` inside ``[table]`` (None: top level); best effort."""
    current: str | None = None
    pattern = re.compile(r"""^\s*(?:["']?)""" + re.escape(key) + r"""(?:["']?)\s*=""")
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
    fallback = None
    for number, line in enumerate(source.splitlines(), 1):
        match = header.match(line)
        if match:
            current = match.group(1).strip("\"'")
            if table is None and current == key:
                return number
            continue
        if current == table and pattern.match(line):
            return number
        if (
            table is not None
            and current is None
            and re.match(rf"^\s*{re.escape(table)}\s*[.=]", line)
        ):
            fallback = fallback or number
        if fallback is None and key in line and not line.lstrip().startswith("#"):
            fallback = number
    return fallback


def _locate_value(source: str, after: int | None, value: str) -> int | None:
    """The first line from ``after`` on that holds ``value`` as a quoted string."""
    lines = source.splitlines()
    start = (after or 1) - 1
    for quote in ('"', "'"):
        needle = f"{quote}{value}{quote}"
        for number in range(start, len(lines)):
            if needle in lines[number]:
                return number + 1
    return after


# -- state: what the app remembers by itself -------------------------------------------


def state_path() -> Path:
    """``$HEDGE_READER_STATE``, else ``state.json`` in the user state dir."""
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_state_path(APP_NAME) / "state.json"


def load_state(path: Path | None = None) -> dict[str, Any]:
    """The remembered state; an unreadable or damaged file is forgotten, never fatal."""
    try:
        data = json.loads((path or state_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(changes: Mapping[str, Any], path: Path | None = None) -> None:
    """Merge ``changes`` into the state file (written whole, then renamed into place)."""
    path = path or state_path()
    data = {**load_state(path), **changes}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2), encoding="utf-8")
    temporary.replace(path)


def remembered_theme(config: Config, state: Mapping[str, Any]) -> str | None:
    """The theme to start with: the palette's last choice, unless the config's ``theme``
    changed since that choice (then the user edited the file, and the file wins)."""
    chosen = state.get("theme")
    if isinstance(chosen, str) and state.get("config_theme") == config.theme:
        return chosen
    return config.theme
