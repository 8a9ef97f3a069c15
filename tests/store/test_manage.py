"""Managing the corpus on SQLite and PostgreSQL: edit a document's metadata
(read again when its date changes), remove documents with everything stored
about them, replace stored inputs with ``--force``; the library and the store
underneath, and the commands on top."""

from __future__ import annotations

import pytest
from tests.conftest import FIXTURES

from veracity.cli import main
from veracity.corpus import edit, remove
from veracity.errors import NotFound, UsageError
from veracity.pipeline import ingest
from veracity.read.types import Analysis, Event
from veracity.settings import Settings
from veracity.store import open_store
from veracity.store.base import NewDocument
from veracity.types import Caption, Document

PAGE = FIXTURES / "harbour-page.txt"  # an article (relative times) and two teasers
QUESTION = "Did the harbour expansion deal with Brandt Shipping collapse?"


def _event(quote: str, who: tuple[str, ...]) -> Event:
    return Event(id="e1", predicate="met", lemma="meet", cls="meet", participants=who,
                 time=None, time_text=None, modality="actual", polarity="positive",
                 quote=quote, start=0, end=len(quote))


def test_update_document_changes_metadata_captions_and_the_title_index(store_url):
    with open_store(store_url) as store:
        doc = Document(text="The ferry resumed after the storm.", title="Ferry back",
                       source="Old Post", captions=(Caption("A ferry.", "AP"),))
        doc_id = store.add_document(NewDocument(doc, "h1"))
        assert doc_id is not None
        new = Document(text=doc.text, title="Lindholm crossing reopens", source="Coast News",
                       published="2024-06-04", url="https://coast.example/f",
                       captions=(Caption("The ferry at dawn.", None, "2024-06-03"),))
        store.update_document(doc_id, new)
        got = store.get(doc_id)
        assert (got.doc, got.content_hash) == (new, "h1")
        # the title is searched by its new words, no longer by the old ones
        assert store.search("Lindholm") == [doc_id] and store.search("back") == []
        with pytest.raises(NotFound):
            store.update_document(doc_id + 1, new)


def test_remove_document_leaves_nothing_behind(store_url):
    with open_store(store_url) as store:
        a = store.add_document(NewDocument(Document(text="Ana Ruiz met Jon Pike.",
                                                    captions=(Caption("Ruiz, Pike."),)), "a"))
        b = store.add_document(NewDocument(Document(text="Ana Ruiz met Lea Holm."), "b"))
        assert a is not None and b is not None
        store.save_analysis(a, Analysis(events=(_event("Ana Ruiz met Jon Pike.",
                                                       ("Ana Ruiz", "Jon Pike")),)))
        store.save_analysis(b, Analysis(events=(_event("Ana Ruiz met Lea Holm.",
                                                       ("Ana Ruiz", "Lea Holm")),)))
        assert store.participant_names(["pike"]) == ["Jon Pike"]  # names read and kept
        store.remove_document(a)
        with pytest.raises(NotFound):
            store.get(a)
        assert store.analysis(a) is None and store.captions(a) == ()
        assert [e.doc_id for e in store.events_with(["Ana Ruiz"])] == [b]
        assert store.search("Pike") == [] and store.search_passages(["Pike"]) == []
        assert store.participant_names(["pike"]) == []  # not a name the store holds now
        assert [p.doc_id for p in store.search_passages(["Holm"])] == [b]
        assert store.count() == 1
        with pytest.raises(NotFound):
            store.remove_document(a)


def test_edit_of_the_date_reads_again_and_changes_the_as_of_answer(store_url):
    from veracity.verify import ask

    s = Settings(db=store_url)
    with open_store(store_url) as store:
        report = ingest([str(PAGE)], store, s)  # no date: the page says only "on Tuesday"
        page = report.doc_ids[0]
        times = {e.predicate: e.time for e in store.analysis(page).events}
        assert times["collapsed"] is None
        # undated, the page is not among the documents published by any date; a note
        # says it was left out and how to date it
        before = ask(QUESTION, store=store, as_of="2024-06-30")
        assert before.verdict == "no_evidence"
        assert any(n.startswith(f"left out as of 2024-06-30: 1 undated document(s) ({page})")
                   for n in before.notes)
        done = edit(store, s, page, published="2024-06-06", source="Carrow Herald")
        # the teasers too: their outlet speaks their unattributed statements
        assert (done.changed, done.reread) == (("published", "source"), tuple(report.doc_ids))
        assert done.teasers == tuple(report.doc_ids[1:])  # they had the page's outlet
        times = {e.predicate: e.time for e in store.analysis(page).events}
        assert times["collapsed"] == "2024-06-04"  # the Tuesday before Thursday the 6th
        after = ask(QUESTION, store=store, as_of="2024-06-30")
        assert after.verdict == "disputed" and not any("undated" in n for n in after.notes)
        assert ask(QUESTION, store=store, as_of="2024-06-05").verdict == "no_evidence"
        assert [store.get(i).doc.source for i in report.doc_ids] == ["Carrow Herald"] * 3
        assert [store.get(i).doc.published for i in report.doc_ids[1:]] == [None, None]


def test_edit_of_the_title_alone_reads_nothing_again(store_url):
    s = Settings(db=store_url, read_on_ingest=False)
    with open_store(store_url) as store:
        page = ingest([str(PAGE)], store, s).doc_ids[0]
        done = edit(store, s, page, title="Harbour deal: city denies collapse")
        assert (done.changed, done.reread, done.teasers) == (("title",), (), ())
        assert store.search("denies collapse") == [page]
        assert edit(store, s, page, title="Harbour deal: city denies collapse").changed == ()
        with pytest.raises(UsageError):
            edit(store, s, page)
        with pytest.raises(UsageError):
            edit(store, s, page, published="last spring")
        with pytest.raises(NotFound):
            edit(store, s, 999, title="x")


def test_remove_a_page_takes_its_teasers_and_forgets_its_input(store_url):
    s = Settings(db=store_url, read_on_ingest=False)
    with open_store(store_url) as store:
        first = ingest([str(PAGE)], store, s, published="2024-06-04")
        other = store.add_document(NewDocument(Document(text="Tram fares rise in May."), "t"))
        done = remove(store, s, [first.doc_ids[0], 999])
        assert done.removed == (first.doc_ids[0],)
        assert done.teasers == tuple(first.doc_ids[1:])
        assert (done.missing, done.inputs_forgotten) == ((999,), 1)
        assert [d.id for d in store.documents()] == [other]
        assert store.search("harbour") == []
        # ingested again, it is stored again (not "already stored")
        again = ingest([str(PAGE)], store, s, published="2024-06-04")
        assert (again.ingested, again.already_done) == (3, 0)


def test_removing_an_original_promotes_its_first_copy(store_url, tmp_path):
    base = ("The river ferry between Carrow and Lindholm resumed service on Sunday after a "
            "week of storms kept every boat in the harbour, the operator said on Monday. ")
    texts = [base * 3, base * 3 + "Reporting by Ana Ruiz.", base * 3 + "Editing by Jon Pike."]
    s = Settings(db=store_url, read_on_ingest=False)
    with open_store(store_url) as store:
        ids = []
        for i, t in enumerate(texts):
            (tmp_path / f"wire{i}.txt").write_text(t, encoding="utf-8")
            ids += ingest([str(tmp_path / f"wire{i}.txt")], store, s).doc_ids
        original, copy1, copy2 = ids
        assert [store.get(i).copy_of for i in ids] == [None, original, original]
        done = remove(store, s, [original])
        assert done.promoted == (copy1,) and done.relinked == ((copy2, copy1),)
        assert (store.get(copy1).copy_of, store.get(copy2).copy_of) == (None, copy1)
        assert [c.id for c in store.copies(copy1)] == [copy2]
        # removing a copy with its original relinks nothing
        assert remove(store, s, [copy1, copy2]).promoted == ()
        assert store.count() == 0


def test_ingest_force_takes_the_new_metadata_and_reads_again(store_url):
    s = Settings(db=store_url)
    with open_store(store_url) as store:
        first = ingest([str(PAGE)], store, s)
        same = ingest([str(PAGE)], store, s, published="2024-06-06")
        assert (same.already_done, same.replaced) == (1, 0)  # without --force: unchanged
        forced = ingest([str(PAGE)], store, s, published="2024-06-06", force=True)
        assert (forced.ingested, forced.replaced, forced.already_done) == (0, 3, 0)
        assert forced.doc_ids == first.doc_ids  # the same documents, not new ones
        page = store.get(first.doc_ids[0])
        assert page.doc.published == "2024-06-06"
        times = {e.predicate: e.time for e in store.analysis(page.id).events}
        assert times["collapsed"] == "2024-06-04"
        assert [t.id for t in store.children(page.id)] == first.doc_ids[1:]
        # without reading, the stale analysis goes: the document is unread
        unread = ingest([str(PAGE)], store, s, published="2024-06-07", force=True, read=False)
        assert unread.replaced == 3 and store.analysis(page.id) is None
        assert store.count() == 3


def test_the_commands_edit_rm_and_ingest_force(store_url, capsys):
    db = store_url
    assert main(["ingest", str(PAGE), "--db", db, "--no-read"]) == 0
    capsys.readouterr()
    assert main(["ingest", str(PAGE), "--db", db, "--no-read", "--force",
                 "--published", "2024-06-06"]) == 0
    assert "3 replaced" in capsys.readouterr().out
    assert main(["edit", "1", "--db", db, "--title", "New headline", "--format", "json"]) == 0
    assert '"changed": [\n    "title"\n  ]' in capsys.readouterr().out
    assert main(["rm", "1", "42", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("removed 1 document(s) and 2 teaser(s)")
    assert err.strip().startswith("skipped 42: no document 42 in")
    assert main(["rm", "1", "--db", db]) == 1  # nothing removed
    assert main(["edit", "1", "--db", db, "--title", "x"]) == 1
    assert "no document 1" in capsys.readouterr().err


def test_sqlite_full_text_indexes_stay_whole(tmp_path):
    # FTS5 over external content is told what to forget: a wrong old value
    # would corrupt it, which its integrity check against the content (rank 1)
    # reports.
    s = Settings(db=str(tmp_path / "v.sqlite"))
    with open_store(s.db_path) as store:
        ids = ingest([str(PAGE)], store, s, published="2024-06-04").doc_ids
        edit(store, s, ids[0], title="Harbour deal: the city denies it")
        remove(store, s, [ids[1]])
        for table in ("documents_fts", "passages_fts"):
            store.conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
