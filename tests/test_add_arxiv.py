"""`python -m ingest add-arxiv`: drafts from arXiv's Atom API, replayed from a recorded answer; offline it
says so in one line and exits non-zero.

tests/fixtures/importers/arxiv_api_response.xml is hand-written in the API's format for three papers
whose metadata was checked on their arXiv pages.
"""
from __future__ import annotations

import io
import shutil
import urllib.parse
from pathlib import Path

import pytest
import yaml

from graph import schema
from ingest import arxiv_api
from ingest.arxiv_api import ArxivError, add_arxiv, normalise_id, parse_atom
from ingest.cli import main as ingest_main
from ingest.drafts import Curated
from graph.seed.validate import load_dataset

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini"
RECORDED = HERE / "fixtures" / "importers" / "arxiv_api_response.xml"
ERROR = HERE / "fixtures" / "importers" / "arxiv_api_error.xml"
IDS = ["2304.09151", "2401.02909", "2212.10755"]


class _Response(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@pytest.fixture
def replay(monkeypatch):
    """urlopen answers with the recorded response; the requests made are kept."""
    asked: list[str] = []

    def urlopen(req, timeout=None):
        asked.append(req.full_url)
        return _Response(RECORDED.read_bytes())

    monkeypatch.setattr(arxiv_api.urllib.request, "urlopen", urlopen)
    return asked


def test_parse_atom_reads_the_recorded_answer():
    entries = {e["id"]: e for e in parse_atom(RECORDED.read_text(encoding="utf-8"))}
    assert list(entries) == IDS
    unimax = entries["2304.09151"]
    assert unimax["title"] == "UniMax: Fairer and more Effective Language Sampling for Large-Scale Multilingual Pretraining"
    assert unimax["version"] == "1" and unimax["published"].startswith("2023-04-18") and len(unimax["authors"]) == 7
    assert entries["2212.10755"]["journal_ref"] == "EMNLP 2023"
    assert entries["2212.10755"]["doi"] == "10.18653/v1/2023.emnlp-main.1040"


def test_add_arxiv_drafts_from_the_replayed_answer(replay, capsys):
    assert ingest_main(["add-arxiv", "2304.09151", "arXiv:2401.02909v1", "https://arxiv.org/abs/2212.10755v2",
                        "--data", str(MINI)]) == 0
    out, err = capsys.readouterr()
    [url] = replay  # one request for all ids
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["id_list"] == [",".join(IDS)]
    recs = {r["id"]: r for r in yaml.safe_load(out)}
    unimax = recs["paper:unimax"]
    assert (unimax["year"], unimax["venue"], unimax["first_author"], unimax["arxiv"]) == (2023, "arXiv", "Chung", "2304.09151")
    assert unimax["provenance"] == "arxiv:2304.09151" and unimax["url"] == "https://arxiv.org/abs/2304.09151"
    assert "Arnaldo Cândido Júnior" in recs["paper:introducing-bode"]["authors"]
    jasmine = recs["paper:jasmine"]  # venue and year from the journal reference, ACL id from the DOI
    assert (jasmine["venue"], jasmine["year"], jasmine["acl"]) == ("EMNLP", 2023, "2023.emnlp-main.1040")
    assert jasmine["first_author"] == "Nagoudi"
    assert "drafted 3 paper(s)" in err and "journal reference 'EMNLP 2023'" in err


def test_replayed_drafts_validate_as_since_survey_records(replay, tmp_path):
    data = tmp_path / "seed_data"
    shutil.copytree(MINI, data)
    (data / schema.SINCE_SURVEY_DIR).mkdir()
    out = data / schema.SINCE_SURVEY_DIR / "papers.yaml"
    assert ingest_main(["add-arxiv", *IDS, "--since-survey", "-o", str(out), "--data", str(data)]) == 0
    graph = load_dataset(data)  # schema and cross-checks (arXiv id vs year, ACL id vs venue)
    assert {n["id"] for n in graph.nodes.values() if not n["in_survey"]} == {
        "paper:unimax", "paper:introducing-bode", "paper:jasmine"}


def test_curated_ids_are_reported_and_not_asked_for(tmp_path, capsys, monkeypatch):
    data = tmp_path / "seed_data"
    shutil.copytree(MINI, data)

    def must_not_fetch(ids, timeout):
        raise AssertionError("nothing left to ask arXiv for")

    result = add_arxiv(["2301.00001"], Curated.from_data_dir(data), fetch=must_not_fetch)
    assert result.records == []
    assert result.skipped == ["arXiv 2301.00001: arXiv id 2301.00001 is already paper:alpha "
                              "(seed_data/papers.yaml:1); the curated record is kept"]


def test_only_uncurated_ids_are_asked_for():
    asked = []

    def fetch(ids, timeout):
        asked.append(ids)
        return RECORDED.read_text(encoding="utf-8")

    result = add_arxiv(["2301.00001", "2304.09151"], Curated.from_data_dir(MINI), fetch=fetch)
    assert asked == [["2304.09151"]] and [r["id"] for r in result.records] == ["paper:unimax"]


def test_an_id_missing_from_the_answer_is_reported():
    result = add_arxiv(["2304.09151", "2402.99999"], Curated.from_data_dir(MINI),
                       fetch=lambda ids, timeout: RECORDED.read_text(encoding="utf-8"))
    assert [r["id"] for r in result.records] == ["paper:unimax"]
    assert "arXiv 2402.99999: not found on arXiv" in result.skipped


def test_offline_says_so_without_a_traceback(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(arxiv_api, "API_URL", "http://127.0.0.1:9/api/query")  # nothing listens there
    out = tmp_path / "drafts.yaml"
    code = ingest_main(["add-arxiv", "2304.09151", "--timeout", "5", "-o", str(out), "--data", str(MINI)])
    captured = capsys.readouterr()
    assert code == 3
    assert captured.err.startswith("offline: cannot reach export.arxiv.org") and "nothing written" in captured.err
    assert "Traceback" not in captured.err and captured.err.count("\n") == 1 and captured.out == ""
    assert not out.exists()


@pytest.mark.parametrize("raw, clean", [
    ("2212.10755", "2212.10755"), ("2212.10755v2", "2212.10755"), ("arXiv:2212.10755", "2212.10755"),
    ("https://arxiv.org/abs/2212.10755v2", "2212.10755"), ("https://arxiv.org/pdf/2212.10755.pdf", "2212.10755"),
    ("cs/0601001", "cs/0601001"),
])
def test_normalise_id(raw, clean):
    assert normalise_id(raw) == clean


@pytest.mark.parametrize("raw", ["nonsense", "2212.1075x", "1312.00001x", "", "2213.10755"])
def test_a_bad_id_exits_2_before_any_request(raw, capsys, monkeypatch):
    monkeypatch.setattr(arxiv_api, "fetch_atom", lambda *a, **k: pytest.fail("no request for a bad id"))
    assert ingest_main(["add-arxiv", raw, "--data", str(MINI)]) == 2
    err = capsys.readouterr().err
    assert "is not an arXiv id" in err and "Traceback" not in err


def test_an_error_answer_and_a_non_atom_answer_are_errors():
    with pytest.raises(ArxivError, match="incorrect id format for 2304.0915x"):
        parse_atom(ERROR.read_text(encoding="utf-8"))
    with pytest.raises(ArxivError, match="not Atom XML"):
        parse_atom("<html><body>503 Service Unavailable")
    with pytest.raises(ArxivError, match="not an Atom feed"):
        parse_atom("<html><body>busy</body></html>")
    with pytest.raises(ArxivError, match="DTD"):
        parse_atom('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><feed xmlns="http://www.w3.org/2005/Atom"/>')
