"""The store: SQLite by default (a file), behind :class:`veracity.store.base.Store`."""

from __future__ import annotations

from veracity.store.base import NewDocument, Store, StoredEvent


def open_store(url: str) -> Store:
    """Open (creating and migrating if needed) the store at ``url``.

    ``url`` is a SQLite file path (or ``sqlite:///path``); ``postgresql://`` URLs
    are reserved for the PostgreSQL backend.
    """
    if url.startswith(("postgresql://", "postgres://")):
        from veracity.errors import StoreError

        raise StoreError(f"{url}: the PostgreSQL backend is not available in this version; "
                         "use a SQLite file path")
    from veracity.store.sqlite import SQLiteStore

    return SQLiteStore(url.removeprefix("sqlite:///"))


__all__ = ["NewDocument", "Store", "StoredEvent", "open_store"]
