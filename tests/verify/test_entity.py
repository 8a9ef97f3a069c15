"""What the corpus says about a name (``veracity.verify.entity``), on both
backends: names resolved as in questions, stances counted per source."""

from __future__ import annotations

from veracity.verify.entity import about, resolve


def test_a_surname_resolves_to_the_stored_full_name(corpus):
    assert "Victor Hale" in resolve(corpus, "Hale")
    assert "Victor Hale" in resolve(corpus, "hale")  # any case
    assert resolve(corpus, "   ") == []


def test_stances_by_source_with_quotes(corpus):
    r = about(corpus, "Hale")
    assert r.names == ("Victor Hale",) and r.events >= 3 and r.documents >= 3
    by = {s.source: s for s in r.sources}
    # Hale denies the bribe himself; the Valley Times reports it (examples/corpus)
    assert by["Victor Hale"].stances == {"denies": 1}
    quote = by["Victor Hale"].statements[0]
    assert quote.stance == "denies" and "denied that he bribed" in quote.quote
    assert quote.url == "https://valley-times.example/hale-denies"
    doc = corpus.get(quote.doc_id).doc
    assert doc.text[quote.start:quote.end] == quote.quote  # offsets into the text
    assert sum(r.stances.values()) == sum(s.total for s in r.sources)
    totals = [s.total for s in r.sources]
    assert totals == sorted(totals, reverse=True)  # most vocal first
    assert r.to_dict()["sources"][0]["source"] == r.sources[0].source


def test_a_name_nobody_mentions(corpus):
    r = about(corpus, "Nobody Anywhere")
    assert (r.events, r.documents, r.sources) == (0, 0, ())
