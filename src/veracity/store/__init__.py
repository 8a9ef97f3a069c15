"""The store: SQLite by default (a file), behind :class:`veracity.store.base.Store`."""

from __future__ import annotations

from veracity.store.base import NewDocument, Store, StoredEvent


def open_store(url: str, *, create: bool = True) -> Store:
    """Open (migrating if needed) the store at ``url``.

    ``url`` is a SQLite file path (or ``sqlite:///path``), or a ``postgresql://``
    URL for a shared PostgreSQL store.  A store that does not exist yet is
    created, file, folder and tables; with ``create=False`` (commands that only
    read a store) it is a StoreError naming ``url``, and nothing is created.
    """
    if url.startswith(("postgresql://", "postgres://")):
        from veracity.store.postgres import PostgresStore

        return PostgresStore(url, create=create)
    from veracity.store.sqlite import SQLiteStore

    return SQLiteStore(url.removeprefix("sqlite:///"), create=create)


__all__ = ["NewDocument", "Store", "StoredEvent", "open_store"]
