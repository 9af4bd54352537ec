"""The reading core, without Textual: a document's marks in chunks (``analysis``), the
process that analyses long texts (``analysis_pool``) and what a reader comes back to
(``memory``: positions, bookmarks, history). The TUI shows them; tests use them directly.
"""
