"""Disjoint sets (union-find), for the groups that several stages draw: the
copies and outlets that count as one source (``verify.answer``), the headlines
and bodies of one claim (``stance.score``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

# Items are strings or tuples of strings: hashable and ordered.
T = TypeVar("T", str, tuple[str, str])


class UnionFind(Generic[T]):
    """The root of each set is its smallest item, so the sets and their roots
    come out the same whatever the order of the unions."""

    def __init__(self) -> None:
        self.parent: dict[T, T] = {}

    def find(self, x: T) -> T:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    def union(self, a: T, b: T) -> T:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
        return min(ra, rb)

    def __iter__(self) -> Iterator[T]:
        """Every item seen, in the order first seen."""
        return iter(self.parent)


__all__ = ["UnionFind"]
