"""The store: SQLite by default (a file), behind :class:`veracity.store.base.Store`."""

from __future__ import annotations

from veracity.store.base import NewDocument, Store, StoredEvent


def open_store(url: str) -> Store:
    """Open (creating and migrating if needed) the store at ``url``.

    ``url`` is a SQLite file path (or ``sqlite:///path``), or a ``postgresql://``
    URL for a shared PostgreSQL store.
    """
    if url.startswith(("postgresql://", "postgres://")):
        from veracity.store.postgres import PostgresStore

        return PostgresStore(url)
    from veracity.store.sqlite import SQLiteStore

    return SQLiteStore(url.removeprefix("sqlite:///"))


__all__ = ["NewDocument", "Store", "StoredEvent", "open_store"]
