"""Hedge Reader: a terminal reader for science writing that makes uncertainty visible.

Data flows one way: files -> documents (``reader.library.ingest``, ``.formats``) -> index
(``reader.library``, its search engine in ``reader.library.engine``) -> search results ->
marks and figures of the open document (``reader.reading``) -> screen (``reader.tui``) or
stdout (``reader.cli``). The hedge detector (``reader.hedging``) is pure Python and knows
nothing of the rest.
"""

from reader import moved

__version__ = "0.1.0"

moved.install()
