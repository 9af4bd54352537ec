"""``python -m reader`` behaves exactly like the ``hedge-reader`` command."""

from reader.cli import main

raise SystemExit(main())
