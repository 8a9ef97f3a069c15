"""The FNC-1 scorer against values worked out by hand."""

from __future__ import annotations

import pytest

from veracity.stance import score as sc


def test_official_score_by_hand():
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    pred = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    # agree exact: 1.0; disagree->discuss (both related): 0.25; discuss->unrelated: 0;
    # unrelated exact: 0.25; unrelated->agree: 0.  Total 1.5 of a best 3.5.
    assert sc.fnc_points(gold, pred) == pytest.approx(1.5)
    assert sc.fnc_points(gold, gold) == pytest.approx(3.5)
    assert sc.fnc_score(gold, pred) == pytest.approx(100 * 1.5 / 3.5)


def test_confusion_and_f1_by_hand():
    gold = ["agree", "agree", "disagree", "discuss", "unrelated", "unrelated"]
    pred = ["agree", "discuss", "disagree", "discuss", "unrelated", "agree"]
    m = sc.confusion(gold, pred)
    assert m == [[1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]]
    f1 = sc.per_class_f1(gold, pred)
    # agree: tp 1, fp 1, fn 1 -> 0.5; disagree 1.0; discuss: tp 1 fp 1 -> 2/3;
    # unrelated: tp 1 fn 1 -> 2/3.
    assert f1 == pytest.approx({"agree": 0.5, "disagree": 1.0, "discuss": 2 / 3,
                                "unrelated": 2 / 3})
    assert sc.macro_f1(gold, pred) == pytest.approx((0.5 + 1.0 + 2 / 3 + 2 / 3) / 4)


def test_class_never_predicted_or_present_scores_zero():
    # Only "unrelated" in gold and prediction: the other three classes get F1 0.
    f1 = sc.per_class_f1(["unrelated"], ["unrelated"])
    assert f1["unrelated"] == 1.0 and f1["disagree"] == 0.0


def test_dev_split_is_stable_and_about_a_fifth():
    ids = [str(i) for i in range(2000)]
    dev = [i for i in ids if sc.is_dev_body(i)]
    assert 0.15 < len(dev) / len(ids) < 0.25
    # Same answer every call (hash of the id, no process-dependent seed).
    assert dev == [i for i in ids if sc.is_dev_body(i)]


def test_unknown_stance_label_is_an_input_error(tmp_path):
    from veracity.errors import InputError

    p = tmp_path / "s.csv"
    p.write_text("Headline,Body ID,Stance\nx,1,maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown stance"):
        sc.read_stances(p)


def test_claim_split_shares_no_headline_or_body():
    # Claim A: headline ha with bodies 1, 2; claim B: hb with body 3; ...
    pairs = []
    for c in range(40):
        h = f"headline {c}"
        pairs += [sc.Pair(h, f"{c}a", "agree"), sc.Pair(h, f"{c}b", "discuss"),
                  sc.Pair(h, f"{(c + 1) % 40}a", "unrelated")]
    train = sc.split_pairs(pairs, "claims", dev=False)
    dev = sc.split_pairs(pairs, "claims", dev=True)
    assert train and dev
    assert not {p.headline for p in train} & {p.headline for p in dev}
    assert not {p.body_id for p in train} & {p.body_id for p in dev}
    # A related pair is never cut from its claim: both sides keep whole claims.
    for side in (train, dev):
        heads = {p.headline for p in side}
        assert all(p.body_id in {q.body_id for q in side} for p in pairs
                   if p.headline in heads and p.stance != "unrelated")
