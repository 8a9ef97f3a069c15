"""The one union-find: sets, and roots that do not depend on the order of unions."""

from __future__ import annotations

from veracity.unionfind import UnionFind


def test_root_is_the_smallest_item_whatever_the_order():
    roots = []
    for order in (["c", "b", "a"], ["a", "b", "c"]):
        sets: UnionFind[str] = UnionFind()
        for x in order:
            sets.union("b", x)
        sets.find("z")  # a set of its own
        roots.append({x: sets.find(x) for x in sets})
    assert roots[0] == roots[1] == {"a": "a", "b": "a", "c": "a", "z": "z"}
