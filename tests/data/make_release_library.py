"""Write ``tests/data/release-library/``: a small library made by the code of a release.

Indexes pickle module paths (the codec, the schema's field types, the positions
format), so moving a module can make every existing library unreadable.
``tests/test_release_library.py`` opens this one with the current code and checks it
answers as it did when it was written (``expected.json``, written here too).

Run from the top of the tree, with the release checked out::

    python tests/data/make_release_library.py
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from reader.library import Library  # noqa: E402
from tests.conftest import FIXED_MTIME, write_samples  # noqa: E402

#: Queries whose answers are recorded: words, a phrase, a field, a number range, a fuzzy word.
QUERIES = ["vaccine", '"further studies"', "title:breakthrough", "hedges:>5", "vacine~", ""]


def main() -> None:
    target = HERE / "release-library"
    shutil.rmtree(target, ignore_errors=True)
    sources = target / "sources"
    files = write_samples(sources)
    for path in files.values():
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    library = Library(target / "library")
    # two commits, then a deletion: more than one segment and a deletion to read back
    library.add([files["hedged"], files["confident"]])
    library.add([files["plain"], files["hostile"]])
    library.remove([files["hostile"]])
    expected = {
        "documents": [
            {
                "name": Path(s.path).name,
                "title": s.title,
                "words": s.words,
                "hedges_per_1k": s.hedges_per_1k,
                "hedges": s.hedges,
            }
            for s in library.documents(sort="title")
        ],
        "searches": {
            query: [Path(hit.summary.path).name for hit in library.search(query, limit=None).hits]
            for query in QUERIES
        },
    }
    library.close()
    (HERE / "release-library.json").write_text(json.dumps(expected, indent=1) + "\n")


if __name__ == "__main__":
    main()
