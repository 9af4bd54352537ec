"""Library failures; ``str()`` of each is the one line shown to the user."""


class LibraryError(Exception):
    """The library could not do what was asked; what it had is intact."""


class LibraryBusyError(LibraryError):
    """Another process holds the library's write lock."""


class QueryError(LibraryError):
    """A query (or sort order) that cannot be run; the CLI exits 2 on it."""
