"""Each document's language is detected at ingest, stored and shown; a document
the English reader cannot read is stored and marked, not read as English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.cli import main
from veracity.ingest.language import detect
from veracity.pipeline import ingest, reread
from veracity.settings import Settings
from veracity.store import open_store
from veracity.store.base import NewDocument

EN = ("Harbour workers return after strike\n\n"
      "Dock workers in Carrow returned to work on Tuesday after union leaders accepted a "
      "revised pay offer from the port authority. The union said its members had voted by "
      "a large majority to accept the offer. Mayor Ana Ruiz praised the agreement.")
RU = ("Портовики вернулись на работу\n\n"
      "Портовые рабочие в Каррове во вторник вернулись на работу после того, как лидеры "
      "профсоюза приняли новое предложение администрации порта. Профсоюз сообщил, что его "
      "члены проголосовали за соглашение подавляющим большинством голосов.")
PT = ("Estivadores voltam ao trabalho\n\n"
      "Os estivadores de Carrow voltaram ao trabalho na terça-feira depois de os dirigentes "
      "do sindicato aceitarem uma nova proposta salarial da administração do porto. O "
      "sindicato disse que os seus membros votaram por larga maioria a favor do acordo.")
KO = ("항만 노동자들 업무 복귀\n\n"
      "카로 항구의 부두 노동자들이 노조 지도부가 항만 당국의 수정된 임금 제안을 받아들인 뒤 "
      "화요일에 업무에 복귀했다. 노조는 조합원들이 압도적인 다수로 합의안에 찬성했다고 밝혔다. "
      "해운 회사들은 밀린 컨테이너를 처리하는 데 며칠이 걸릴 것이라고 말했다. 시장은 합의를 "
      "환영한다고 밝혔다.")
TEXTS = {"en": EN, "ru": RU, "pt": PT, "ko": KO}


def _settings(db: Path) -> Settings:
    return Settings(db=str(db), embed_on_ingest=False)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, int], object]:
    """One store with the four texts ingested in one batch: (db, language -> doc id,
    the ingest report)."""
    folder = tmp_path_factory.mktemp("lang")
    for code, text in TEXTS.items():
        (folder / f"{code}.txt").write_text(text, encoding="utf-8")
    db = folder / "v.sqlite"
    with open_store(str(db)) as store:
        report = ingest([str(folder)], store, _settings(db))
        ids = {store.get(i).doc.origin.rsplit("/", 1)[-1][:2]: i for i in report.doc_ids}
    return str(db), ids, report


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_detects_the_language_of_a_few_sentences(code):
    title, _, body = TEXTS[code].partition("\n\n")
    assert detect(body, title) == code


def test_a_headline_alone_is_undetermined():
    assert detect("Портовики вернулись на работу") is None


def test_the_english_text_is_read(batch):
    db, ids, _ = batch
    with open_store(db) as store:
        assert store.events_of([ids["en"]])


@pytest.mark.parametrize("code", ["ru", "pt", "ko"])
def test_other_languages_are_stored_with_their_language_and_no_events(batch, code):
    db, ids, _ = batch
    with open_store(db) as store:
        assert (store.get(ids[code]).doc.language, store.analysis(ids[code]),
                store.events_of([ids[code]])) == (code, None, [])


def test_the_report_says_which_were_not_read_and_why(batch):
    _, _, report = batch
    assert sorted(reason.split(" (")[0] for _, reason in report.not_read) == [
        "not read: the text is in Korean", "not read: the text is in Portuguese",
        "not read: the text is in Russian"]


def test_reread_leaves_other_languages_unread(batch, tmp_path):
    db, _, _ = batch
    copy = tmp_path / "copy.sqlite"
    with open_store(db) as src, open_store(str(copy)) as dst:
        for s in src.documents():  # a copy: the module's store stays as ingested
            dst.add_document(NewDocument(s.doc, s.content_hash))
        assert reread(dst, _settings(copy)).other_language == 3


def test_language_en_forces_reading(tmp_path):
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    db = tmp_path / "v.sqlite"
    with open_store(str(db)) as store:
        report = ingest([str(tmp_path / "ru.txt")], store, _settings(db), language="en")
        s = store.get(report.doc_ids[0])
        assert (s.doc.language, store.analysis(s.id) is not None) == ("en", True)


def test_cli_docs_json_and_show_give_the_language(tmp_path, capsys):
    (tmp_path / "pt.txt").write_text(PT, encoding="utf-8")
    db = str(tmp_path / "v.sqlite")
    assert main(["ingest", str(tmp_path / "pt.txt"), "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["not_read"][0]["path"].endswith("pt.txt")
    assert main(["docs", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["language"] == "pt"
    assert main(["show", "1", "--db", db]) == 0
    assert "language: Portuguese (pt)" in capsys.readouterr().out


def test_cli_show_json_says_why_it_was_not_read(tmp_path, capsys):
    (tmp_path / "ko.txt").write_text(KO, encoding="utf-8")
    db = str(tmp_path / "v.sqlite")
    assert main(["ingest", str(tmp_path / "ko.txt"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["show", "1", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"][0].startswith(
        "not read: the text is in Korean (ko)")


def test_cli_read_says_the_language_and_reads_no_events(tmp_path, capsys):
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    assert main(["read", str(tmp_path / "ru.txt"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["language"], out["events"]) == ("ru", [])


def test_cli_read_text_names_the_language(tmp_path, capsys):
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    assert main(["read", str(tmp_path / "en.txt")]) == 0
    assert "language: English (en)" in capsys.readouterr().out


def test_a_bad_language_code_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "en.txt"), "--db", str(tmp_path / "v.sqlite"),
                 "--language", "english"]) == 2


def test_a_json_lines_record_says_its_own_language(tmp_path):
    # The record's field wins over detection (and over --language, like its
    # other fields); a bad code skips that record only.
    src = tmp_path / "feed.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in (
        {"text": PT, "language": "en"},
        {"text": EN, "language": "klingon"},
        {"text": RU})) + "\n", encoding="utf-8")
    db = tmp_path / "v.sqlite"
    with open_store(str(db)) as store:
        report = ingest([str(src)], store, _settings(db), language="ru")
        langs = sorted(store.get(i).doc.language or "" for i in report.doc_ids)
    assert langs == ["en", "ru"]
    assert len(report.skipped) == 1 and "bad 'language' value" in report.skipped[0][1]
