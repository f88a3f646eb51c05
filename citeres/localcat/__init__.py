"""The embedded local catalogue, built from the Open Library dumps (CC0).

dump.py reads the dump files, records.py keeps what matching uses of each record,
build.py writes a catalogue, store.py owns its folder, fulltext.py its full-text index,
index.py (`LocalCatalogue`) answers queries, cli.py is `citeres catalogue`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citeres.localcat.index import LocalCatalogue

__all__ = ["LocalCatalogue"]


def __getattr__(name: str) -> Any:
    # Lazily: `citeres --help` imports the CLI of this package, never SQLite or tantivy.
    if name == "LocalCatalogue":
        from citeres.localcat.index import LocalCatalogue

        return LocalCatalogue
    raise AttributeError(name)
