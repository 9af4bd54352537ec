"""Word positions stored as a machine array, so a phrase check decodes them in one C call.

Whoosh's ``Positions`` format pickles each posting's position deltas; a phrase of common
words ("may be") had to unpickle tens of thousands of those per query. ``ArrayPositions``
keeps the same meaning (frequency = number of positions, weight = frequency x field
boost) with the positions as little-endian unsigned ints. Libraries made before it keep
``Positions`` in their schema, and everything here reads both.
"""

from __future__ import annotations

import sys
from array import array
from typing import Any

from whoosh.formats import Positions

_SWAP = sys.byteorder != "little"


def encode_positions(positions: list[int]) -> bytes:
    packed = array("I", positions)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def decode_positions(value: bytes) -> array:
    found = array("I")
    found.frombytes(value)
    if _SWAP:
        found.byteswap()
    return found


class ArrayPositions(Positions):
    """Whoosh's ``Positions`` with an array encoding."""

    def encode(self, poslist: list[int]) -> bytes:
        return encode_positions(poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return decode_positions(valuestring).tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 4


def positions_reader(fieldformat: Any) -> Any:
    """A function from a stored value to its positions, for the field's format."""
    if isinstance(fieldformat, ArrayPositions):
        return decode_positions
    return fieldformat.decode_positions
