"""Checking an article against the rest of the store (library level)."""

from __future__ import annotations

import pytest
from tests.check.conftest import RESIGNED, RESIGNED_STATEMENT, checked

from veracity.store import Store
from veracity.verify.check import ArticleCheck, CheckedClaim


def claim(result: ArticleCheck, statement: str) -> CheckedClaim:
    return next(c for c in result.claims if c.claim.statement == statement)


def test_a_claim_another_article_denies_is_disputed(resigned: ArticleCheck) -> None:
    assert claim(resigned, RESIGNED_STATEMENT).verdict == "disputed"


def test_the_disputed_claim_quotes_this_article_and_the_denial(resigned: ArticleCheck) -> None:
    evidence = claim(resigned, RESIGNED_STATEMENT).evidence
    quoted = {(e.doc_id == 0, e.stance, e.quote[:40]) for e in evidence}
    assert {(True, "asserts", "Marta Keller resigned as head of the Ves"),
            (False, "denies", "Marta Keller denied on Wednesday that sh")} <= quoted


def test_the_rest_of_the_corpus_alone_denies_it(resigned: ArticleCheck) -> None:
    assert claim(resigned, RESIGNED_STATEMENT).corpus_verdict == "denied"


def test_the_headline_comes_first_then_the_lead(resigned: ArticleCheck) -> None:
    # the headline and the first paragraph before the rest of the article
    assert [(c.claim.headline, c.claim.lead) for c in resigned.claims[:3]] == [
        (True, True), (False, True), (False, False)]


def test_contested_claims_come_before_uncontested_after_the_lead(resigned: ArticleCheck
                                                                 ) -> None:
    rest = [c.contested for c in resigned.claims if not c.claim.lead]
    assert rest == sorted(rest, reverse=True)


def test_claims_without_evidence_are_counted(resigned: ArticleCheck) -> None:
    # signed contract, procurement rules, awarded properly, favourable treatment
    assert resigned.no_evidence == 4


def test_intentions_and_predictions_are_apart(resigned: ArticleCheck) -> None:
    assert sorted(a.kind for a in resigned.asides) == ["intention", "prediction"]


def test_an_unresolved_pronoun_is_named_by_who_reports_the_clause(resigned: ArticleCheck
                                                                  ) -> None:
    # "Nordline Marine denied that it had received any favourable treatment"
    assert "Nordline Marine had received any favourable treatment" in {
        c.claim.statement for c in resigned.claims}


def test_a_wire_copy_does_not_confirm_itself(wire_copy: ArticleCheck) -> None:
    assert "confirmed" not in {c.verdict for c in wire_copy.claims}


def test_a_wire_copy_leaves_the_stored_story_out(wire_copy: ArticleCheck, store: Store
                                                 ) -> None:
    original = next(d.id for d in store.documents() if d.doc.source == "Nordic Wire")
    assert wire_copy.excluded == (original,)


def test_a_wire_copy_finds_no_evidence_beyond_itself(wire_copy: ArticleCheck) -> None:
    assert wire_copy.no_evidence == len(wire_copy.claims)


def test_an_opinion_column_lists_only_its_reported_fact(column: ArticleCheck) -> None:
    assert [c.claim.statement for c in column.claims] == [RESIGNED_STATEMENT]


def test_an_opinion_columns_judgements_are_listed_apart(column: ArticleCheck) -> None:
    assert {a.kind for a in column.asides} == {"opinion", "hypothetical"}


def test_as_of_leaves_out_the_later_denial(store: Store) -> None:
    result = checked(store, RESIGNED, as_of="2024-05-08")
    assert claim(result, RESIGNED_STATEMENT).corpus_verdict == "no_evidence"


def test_a_url_is_refused_until_fetching_exists(store: Store) -> None:
    from veracity.errors import UsageError
    from veracity.verify.check import check

    with pytest.raises(UsageError, match="URL fetching is not available yet"):
        check(path="https://example.org/story", store=store)
