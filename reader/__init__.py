"""Hedge Reader: a terminal reader for science writing that makes uncertainty visible.

Data flows one way: files -> documents (``reader.library.ingest``) -> Whoosh index
(``reader.library``) -> search results -> screen (``reader.tui``) or stdout (``reader.cli``).
The hedge detector (``reader.hedging``) is pure Python and knows nothing of the rest.
"""

__version__ = "0.1.0"
