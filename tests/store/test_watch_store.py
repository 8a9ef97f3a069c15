"""The watch tables (migration 0005) on SQLite and PostgreSQL: fetch validators,
watches, items taken, standing questions and their verdict changes."""

from __future__ import annotations

from dataclasses import replace

from veracity.store import open_store
from veracity.store.base import FetchState, SeenItem


def test_migration_5_is_applied(store_url):
    with open_store(store_url) as store:
        assert (5, "watch") in store.applied_migrations()


def test_fetch_state_round_trip_and_update(store_url):
    with open_store(store_url) as store:
        assert store.fetch_state("https://a.example/x") is None
        first = FetchState("https://a.example/x", '"v1"', "Mon, 01 Jul 2024 10:00:00 GMT",
                           "abc", "2024-07-01T10:00:00+00:00")
        store.save_fetch_state(first)
        assert store.fetch_state("https://a.example/x") == first
        second = replace(first, etag='"v2"', last_modified=None, raw_hash="def")
        store.save_fetch_state(second)
        assert store.fetch_state("https://a.example/x") == second


def test_watches_added_once_updated_and_removed(store_url):
    with open_store(store_url) as store:
        w, added = store.add_watch("https://a.example/feed.xml")
        again, added_again = store.add_watch("https://a.example/feed.xml")
        assert (added, added_again, again) == (True, False, w)
        other, _ = store.add_watch("https://b.example/sitemap.xml")
        failed = replace(w, kind="rss", title="A news", polled_at="2024-07-01T10:00:00+00:00",
                         failures=2, last_error="HTTP 503 Service Unavailable",
                         retry_at="2024-07-01T10:30:00+00:00")
        store.update_watch(failed)
        assert store.watches() == [failed, other]
        assert store.remove_watch(str(other.id)) == other  # by id
        assert store.remove_watch("https://a.example/feed.xml") == failed  # by URL
        assert (store.remove_watch("https://a.example/feed.xml"), store.watches()) == (None, [])


def test_items_are_taken_once(store_url):
    with open_store(store_url) as store:
        w, _ = store.add_watch("https://a.example/feed.xml")
        store.mark_items([SeenItem("https://a.example/1", w.id),
                          SeenItem("https://a.example/2", w.id, "HTTP 404 Not Found")])
        store.mark_items([SeenItem("https://a.example/2", w.id)])  # again: kept as it was
        urls = [f"https://a.example/{i}" for i in range(1, 1200)]  # more than one chunk
        assert store.seen_items(urls) == {"https://a.example/1", "https://a.example/2"}


def test_standing_questions_and_their_changes(store_url):
    with open_store(store_url) as store:
        q, added = store.add_question("  Did Brandt   phone Hale? ")
        same, added_again = store.add_question("did brandt phone hale?",
                                               webhook="http://127.0.0.1:9/hook")
        assert (added, added_again, q.question, same.id) == (True, False,
                                                             "Did Brandt phone Hale?", q.id)
        assert same.webhook == "http://127.0.0.1:9/hook"
        assert store.find_question("DID BRANDT PHONE HALE?") == same
        assert store.find_question(str(q.id)) == same

        first = store.record_verdict(q.id, None, "reported", "2024-07-01T10:00:00+00:00",
                                     lead="phone call", doc_ids=[1])
        assert first is not None and first.old_verdict is None
        # the same verdict again: no change, only the time it was checked
        assert store.record_verdict(q.id, "reported", "reported",
                                    "2024-07-01T11:00:00+00:00") is None
        assert store.find_question(str(q.id)).checked_at == "2024-07-01T11:00:00+00:00"
        change = store.record_verdict(q.id, "reported", "disputed",
                                      "2024-07-01T12:00:00+00:00", doc_ids=[2, 3])
        assert change is not None and (change.old_verdict, change.verdict,
                                       change.doc_ids) == ("reported", "disputed", (2, 3))
        # a second process that still believed "reported" records nothing
        assert store.record_verdict(q.id, "reported", "disputed",
                                    "2024-07-01T12:00:01+00:00") is None
        assert store.changes(q.id) == [first, change] == store.changes()
        assert store.find_question(str(q.id)).verdict == "disputed"

        assert store.remove_question("did brandt phone hale?").id == q.id
        assert (store.questions(), store.changes()) == ([], [])  # changes go with it
