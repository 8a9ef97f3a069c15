"""Passage search on SQLite and PostgreSQL when some of the question's words
are common (held by ``COMMON_PASSAGES`` passages or more, lowered here to 3):
such words no longer bring candidates of their own, but they still order the
candidates the rarer words bring, and a question made only of common words
still finds the passages holding all of them."""

from __future__ import annotations

from veracity.read.types import Analysis, Event
from veracity.store import open_store
from veracity.store.base import NewDocument
from veracity.store.sql import SQLStore
from veracity.store.sqlite import SQLiteStore
from veracity.types import Document

SENTENCES = [
    "Holm said the harbour budget passed.",  # 0: the rare name and the common word
    "Holm opened the ferry line.",  # 1: the rare name only
    "The harbour budget was debated.",  # 2-5: the common word only
    "A budget vote was held in the harbour.",  # 3: "vote" too
    "Nobody read the harbour budget.",  # 4
    "The budget vote failed again.",  # 5: "vote" too
    "The ferry sailed at dawn.",  # 6: neither
] + [f"Gulls circled pier {n}." for n in range(30)]  # so that "budget" is not in most


def _common(monkeypatch) -> None:
    # Words in 3 passages or more are common, and SQLite does not rank every
    # passage anyway, as it would for so few.
    monkeypatch.setattr(SQLStore, "COMMON_PASSAGES", 3)
    monkeypatch.setattr(SQLiteStore, "FULL_RANKING", 0)


def _fill(store_url: str, sentences: list[str] = SENTENCES) -> list[int]:
    ids = []
    with open_store(store_url) as store:
        for n, text in enumerate(sentences):
            doc_id = store.add_document(NewDocument(Document(text=text), f"h{n}"))
            assert doc_id is not None
            store.save_analysis(doc_id, Analysis(events=(Event(
                id="e1", predicate="was", lemma="be", cls="generic", participants=(),
                time=None, time_text=None, modality="actual", polarity="positive",
                quote=text, start=0, end=len(text)),)))
            ids.append(doc_id)
        if store_url.startswith("postgresql"):
            # PostgreSQL tells common words by the column's statistics, which
            # autovacuum keeps; seven rows are below its threshold.
            store._exec("ANALYZE passages")  # type: ignore[attr-defined]
    return ids


def test_a_rare_word_with_a_common_one_comes_first(store_url, monkeypatch):
    ids = _fill(store_url)
    _common(monkeypatch)  # "budget" is in 5 passages
    with open_store(store_url) as store:
        got = [p.doc_id for p in store.search_passages(["Holm", "budget"])]
    # The passage holding both first; every passage holding either is found
    # (the common word alone brings its passages when it is the only one).
    assert got[0] == ids[0]
    assert sorted(got) == sorted(ids[:6])


def test_only_common_words_find_the_passages_holding_them_all_first(store_url,
                                                                     monkeypatch):
    ids = _fill(store_url)
    _common(monkeypatch)
    with open_store(store_url) as store:
        got = [p.doc_id for p in store.search_passages(["budget", "vote"], limit=3)]
        assert sorted(got[:2]) == sorted([ids[3], ids[5]])
        assert len(got) == 3 and got[2] in ids[:6]
        # Two common words and nothing rarer: the passages holding both first.
        both = [p.doc_id for p in store.search_passages(["budget", "harbour"])]
        assert sorted(both[:4]) == sorted([ids[0], ids[2], ids[3], ids[4]])
        # A limit already met by the rare word's passages brings no common ones.
        assert [p.doc_id for p in store.search_passages(["Holm", "budget"], limit=2)] \
            == [ids[0], ids[1]]


def test_a_passage_with_the_rare_word_outranks_those_with_several_frequent_ones(store_url):
    # Ranked by how rare the words held are (bm25 in SQLite, the same idf in
    # PostgreSQL), not by how many are held: ts_rank alone put the thirty
    # sentences holding both frequent words first and cut the ferry sentence
    # from a short list.
    texts = [f"The budget of harbour {n} was debated." for n in range(30)] \
        + [f"Gulls circled pier {n}." for n in range(20)] + ["The ferry sank at dawn."]
    ids = _fill(store_url, texts)
    with open_store(store_url) as store:
        got = [p.doc_id for p in store.search_passages(["ferry", "budget", "harbour"], limit=5)]
    assert got[0] == ids[-1]
