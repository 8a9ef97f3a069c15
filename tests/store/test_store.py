"""The store, on SQLite and on PostgreSQL: migrations, FTS, and exact round trips."""

from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veracity.read.types import Analysis, Event, Stance
from veracity.store import open_store
from veracity.store.base import NewDocument
from veracity.types import Caption, Document

# Ingest removes NUL characters (no SQL text column stores them), so none here.
text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               min_size=1, max_size=200)
opt = st.none() | text
captions = st.lists(st.builds(Caption, text=text, credit=opt, date=opt), max_size=3)
documents = st.builds(Document, text=text, title=opt, kind=st.sampled_from(["article", "teaser"]),
                      source=opt, url=opt, author=opt, published=opt, origin=opt,
                      captions=captions.map(tuple), format=opt,
                      language=st.none() | st.sampled_from(["en", "ru", "ko", "pt"]))
stances = st.builds(Stance, source=text, stance=st.sampled_from(["asserts", "denies"]),
                    cue=opt, quote=text, start=st.integers(0, 10**6), end=st.integers(0, 10**6),
                    first_hand=st.booleans(), source_kind=text)
events = st.builds(Event, id=text, predicate=text, lemma=text, cls=text,
                   participants=st.lists(text, max_size=3).map(tuple), time=opt, time_text=opt,
                   modality=text, polarity=text, quote=text, start=st.integers(0, 10**6),
                   end=st.integers(0, 10**6), stances=st.lists(stances, max_size=3).map(tuple),
                   agent=opt, patient=opt, place=opt, time_granularity=opt,
                   time_resolved=st.booleans(), caption=st.none() | st.integers(0, 5))


# One store serves every generated example (documents pile up, each is looked
# up by its own id), hence the function-scoped fixture is fine here.
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents, evs=st.lists(events, max_size=4, unique_by=lambda e: e.id))
def test_documents_and_analyses_round_trip_exactly(store_url, doc, evs):
    with open_store(store_url) as store:
        doc_id = store.add_document(NewDocument(doc, uuid.uuid4().hex))
        assert store.get(doc_id).doc == doc
        analysis = Analysis(events=tuple(evs), reader_version="t")
        store.save_analysis(doc_id, analysis)
        assert store.analysis(doc_id) == analysis
        assert [e.event for e in store.events_of([doc_id])] == list(evs)


def test_migrations_are_recorded(store_url):
    with open_store(store_url) as store:
        versions = [v for v, _ in store.applied_migrations()]
        assert versions == sorted(versions) and versions[0] == 1
    with open_store(store_url) as store:  # opening again applies nothing twice
        assert [v for v, _ in store.applied_migrations()] == versions


def test_sqlite_is_in_wal_mode(tmp_path):
    with open_store(str(tmp_path / "v.sqlite")) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_full_text_search_and_entity_index(store_url):
    with open_store(store_url) as store:
        a = store.add_document(NewDocument(Document(text="The ferries stopped running."), "a"))
        b = store.add_document(NewDocument(Document(text="A ferry sank near the pier."), "b"))
        store.add_document(NewDocument(Document(text="Tram fares rise."), "c"))
        assert set(store.search("ferry")) == {a, b}  # porter stemming
        ev = Event(id="e1", predicate="met", lemma="meet", cls="meet",
                   participants=("Ana Ruiz", "Jon Pike"), time=None, time_text=None,
                   modality="actual", polarity="positive", quote="met", start=0, end=3)
        store.save_analysis(a, Analysis(events=(ev,)))
        assert [e.doc_id for e in store.events_with(["jon pike"])] == [a]
        # saving again replaces, never duplicates
        store.save_analysis(a, Analysis(events=(ev,)))
        assert len(store.events_with(["Ana Ruiz"])) == 1


def test_a_failed_transaction_leaves_nothing(store_url):
    with open_store(store_url) as store:
        try:
            with store.transaction():
                store.add_document(NewDocument(Document(text="kept?"), "x"))
                raise RuntimeError("crash inside the unit")
        except RuntimeError:
            pass
        assert store.count() == 0


def test_ingest_twice_into_either_backend(store_url, tmp_path):
    from tests.conftest import FIXTURES

    from veracity.pipeline import ingest
    from veracity.settings import Settings

    s = Settings(db=store_url, read_on_ingest=False)
    with open_store(store_url) as store:
        first = ingest([str(FIXTURES / "harbour-page.txt")], store, s, published="2024-06-04")
        second = ingest([str(FIXTURES / "harbour-page.txt")], store, s)
        assert first.ingested == 3 and first.teasers == 2
        assert second.ingested == 0 and second.already_done == 1
        article = store.get(first.doc_ids[0])
        assert [t.id for t in store.children(article.id)] == first.doc_ids[1:]
        assert article.doc.captions[0].credit == "COASTAL PRESS/Ana Ruiz"
        assert store.search("harbour expansion") == [article.id]


def test_a_nul_in_a_looked_up_value_finds_nothing(store_url):
    # PostgreSQL refuses NUL in text; a lookup with one must not fail
    with open_store(store_url) as store:
        assert (store.events_with(["a\x00b"]), store.find_hash("x\x00")) == ([], None)


def test_a_second_document_with_the_same_hash_is_skipped_in_one_statement(store_url):
    with open_store(store_url) as store:
        first = store.add_document(NewDocument(Document(text="The dam opened."), "same"))
        again = store.add_document(NewDocument(Document(text="The dam opened!"), "same"))
        assert (again, store.find_hash("same"), store.count()) == (None, first, 1)
