"""The command line: ``hedge-reader`` and its subcommands, a contract scripts rely on.

Exit status: 0 fine, 1 some input could not be read (the rest was done), 2 bad usage
or a bad query.
"""

from reader.cli.main import main

__all__ = ["main"]
