"""Note vaults (Obsidian, zk, nb): their notes read as text, their machinery left out.

A vault is a folder of Markdown notes. Before a note is parsed as Markdown:

* ``[[Note]]`` wikilinks become their text (``[[Note|shown]]`` -> ``shown``,
  ``[[Note#Part]]`` -> ``Note › Part``) and ``![[image.png]]`` embeds are dropped, so
  neither brackets nor file names clutter the reading pane or the hedge counts;
* the front matter's ``tags:`` (a list, flow or block style, or words) are returned to be
  shown as one plain "Tags: …" line at the top.

When a folder being added is a vault (it holds ``.obsidian/``, ``.zk/`` or ``.nb``-style
``.index`` files), its attachment folder (Obsidian's ``attachmentFolderPath`` setting, and
folders named ``attachments`` or ``_resources``) is skipped, as the dot-folders are.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_EMBED = re.compile(r"!\[\[[^\]\n]*\]\]")
_WIKILINK = re.compile(r"\[\[([^\]\|\n]*?)(?:\|([^\]\n]*))?\]\]")
_MARKERS = (".obsidian", ".zk", ".index")
ATTACHMENT_FOLDERS = frozenset({"attachments", "_resources"})


def plain_links(text: str) -> str:
    """Wikilinks as their words, embeds gone."""
    text = _EMBED.sub("", text)

    def shown(found: re.Match[str]) -> str:
        if found.group(2) is not None and found.group(2).strip():
            return found.group(2).strip()
        target, _, part = found.group(1).partition("#")
        target = target.strip()
        part = part.lstrip("^").strip()
        return f"{target} › {part}" if target and part else (target or part)

    return _WIKILINK.sub(shown, text)


def parse_tags(value: str, block: list[str]) -> tuple[str, ...]:
    """``tags: [a, b]``, ``tags: a, b``, ``tags: a b`` or a block of ``- a`` lines."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        items = value[1:-1].split(",")
    elif value:
        items = re.split(r"[,\s]+", value)
    else:
        items = [line.strip()[1:] for line in block if line.strip().startswith("-")]
    tags = []
    for item in items:
        tag = item.strip().strip("'\"").lstrip("#").strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def skipped_folders(root: Path) -> set[Path]:
    """Folders under ``root`` not to read when ``root`` is a vault (else none)."""
    try:
        if not any((root / marker).exists() for marker in _MARKERS):
            return set()
    except OSError:
        return set()
    skipped = {root / name for name in ATTACHMENT_FOLDERS}
    settings = root / ".obsidian" / "app.json"
    try:
        configured = json.loads(settings.read_text(encoding="utf-8")).get("attachmentFolderPath")
    except (OSError, ValueError, AttributeError):
        configured = None
    if isinstance(configured, str):
        folder = configured.strip().strip("/")
        if folder and folder not in (".", "./") and not folder.startswith("./"):
            skipped.add(root / folder)
    return skipped
