"""The metadata block at the top of a Markdown note (Jekyll, Hugo, Obsidian, Pandoc).

Notes kept in such tools start with ``---``, ``key: value`` lines and a closing ``---``.
Read as CommonMark, that block became a setext heading ("title: … date: …") and the
document's title. Only the scalar keys a reader shows are taken (title, date, author);
anything else in the block (lists, nested maps) is skipped, not parsed as YAML, so no
note's metadata can fail an add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from reader.library.formats.base import parse_date

_BLOCK = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_TITLE_KEYS = ("title",)
_DATE_KEYS = ("date", "published", "created")
_AUTHOR_KEYS = ("author", "authors")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    title: str = ""
    date: datetime | None = None
    author: str = ""
    #: ``tags:`` (Obsidian, zk, nb): shown as a plain line at the top of the note.
    tags: tuple[str, ...] = ()


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """The note's metadata and the text after its block; no block: empty metadata, ``text``."""
    block = _BLOCK.match(text)
    if block is None:
        return FrontMatter(), text
    from reader.library.vault import parse_tags

    values: dict[str, str] = {}
    lines = (block.group(1) or "").splitlines()
    tags: tuple[str, ...] = ()
    for number, line in enumerate(lines):
        found = _LINE.match(line)
        if found and found.group(1).lower() in ("tags", "tag") and not tags:
            following = []
            for item in lines[number + 1 :]:
                if not item.startswith((" ", "\t", "-")):
                    break
                following.append(item)
            tags = parse_tags(found.group(2), following)
        elif found and found.group(2):
            values.setdefault(found.group(1).lower(), _unquote(found.group(2)))
    return (
        FrontMatter(
            title=_first(values, _TITLE_KEYS),
            date=parse_date(_first(values, _DATE_KEYS)),
            author=_first(values, _AUTHOR_KEYS).strip("[]"),
            tags=tags,
        ),
        text[block.end() :],
    )


def _first(values: dict[str, str], keys: tuple[str, ...]) -> str:
    return next((values[key] for key in keys if values.get(key)), "")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
