"""Posting blocks stored as machine arrays, so reading one costs a few C calls.

Whoosh pickles each block of 128 postings as tuples of Python ints, floats and bytes;
unpickling that was the largest cost of a search on a 20,000-document library (about
130 µs a block, thousands of blocks for a common word). Here a block keeps Whoosh's
layout — a pickled (ids, weights, values) tuple after the same block header, so block
skipping and statistics work unchanged — but each part is one ``bytes``: document numbers
as an unsigned-int array, weights as a float array, and the values concatenated after an
array of their end offsets. A reader tells the two layouts apart by the type of the first
part, so blocks written by earlier releases still read.
"""

from __future__ import annotations

import sys
from array import array
from itertools import accumulate
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher

#: Arrays are stored in the machine's byte order; this records which, per block.
_LITTLE = sys.byteorder == "little"


class CompactBlockWriter:
    """Mixin for ``W3PostingsWriter``: write each block's parts as arrays."""

    _byteids: bool
    _ids: Any
    _weights: Any
    _values: list[bytes]

    def _mini_ids(self) -> Any:
        if self._byteids:  # term vectors: Whoosh's own layout
            return super()._mini_ids()  # type: ignore[misc]
        return pack_array("I", self._ids)

    def _mini_weights(self) -> Any:
        if self._byteids:
            return super()._mini_weights()  # type: ignore[misc]
        return pack_weights(self._weights)

    def _mini_values(self) -> Any:
        values = self._values
        if self._byteids or len(values) != len(self._ids):
            return super()._mini_values()  # type: ignore[misc]
        return pack_values(values)


class CompactBlockMatcher(W3LeafMatcher):
    """Reads blocks in either layout; array blocks decode without unpickling item by item."""

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        ids = self._data[0]
        if isinstance(ids, bytes):
            self._ids = _unpack("I", ids)
        else:
            super()._read_ids()

    def _read_weights(self) -> None:
        if self._data is None:
            self._read_data()
        weights = self._data[1]
        if isinstance(weights, bytes):  # only the array layout stores weights as bytes
            self._weights = _unpack("f", weights)
        else:
            super()._read_weights()

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        values = self._data[2]
        if isinstance(self._data[0], bytes) and values is not None:  # the array layout
            ends = _unpack("I", values[0])
            blob = values[1]
            starts = [0, *ends[:-1]]
            self._values = [blob[a:b] for a, b in zip(starts, ends, strict=True)]
        else:
            super()._read_values()


def pack_array(code: str, items: Any) -> bytes:
    """``items`` as a little-endian machine array of type ``code``, in bytes."""
    packed = items if isinstance(items, array) and items.typecode == code else array(code, items)
    if not _LITTLE:
        packed = array(code, packed)
        packed.byteswap()
    return packed.tobytes()


def pack_weights(weights: Any) -> Any:
    """A block's weights: None when all are 1, the one value when all are equal, else an array."""
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else first
    return pack_array("f", weights)


def pack_values(values: list[bytes]) -> tuple[bytes, bytes]:
    """A block's values (one per posting): their end offsets as an array, and the values joined."""
    return pack_array("I", accumulate(map(len, values))), b"".join(values)


def _unpack(code: str, data: bytes) -> array:
    found = array(code)
    found.frombytes(data)
    if not _LITTLE:
        found.byteswap()
    return found


def block_arrays(matcher: W3LeafMatcher, values: bool) -> tuple[Any, Any, Any, bytes | None]:
    """The current block as numpy arrays: (ids, weights, value end offsets, values blob).

    ``values=False`` leaves the last two None. Reads either layout.
    """
    import numpy as np

    if matcher._data is None:
        matcher._read_data()
    ids_part, weights_part, values_part = matcher._data
    count = matcher._blocklength
    if isinstance(ids_part, bytes):
        ids = np.frombuffer(ids_part, dtype="<u4")
    else:
        matcher._read_ids()
        ids = np.array(matcher._ids, dtype=np.uint32)
    if isinstance(weights_part, bytes):
        weights = np.frombuffer(weights_part, dtype="<f4")
    elif weights_part is None:
        weights = np.ones(count, dtype=np.float32)
    elif isinstance(weights_part, float):
        weights = np.full(count, weights_part, dtype=np.float32)
    else:
        weights = np.array(weights_part, dtype=np.float32)
    if not values:
        return ids, weights, None, None
    if isinstance(ids_part, bytes) and values_part is not None:
        ends = np.frombuffer(values_part[0], dtype="<u4").astype(np.int64)
        return ids, weights, ends, values_part[1]
    matcher._read_values()
    items = [value or b"" for value in matcher._values]
    ends = np.cumsum([len(value) for value in items], dtype=np.int64)
    return ids, weights, ends, b"".join(items)
