"""The cross-checks' parsers, and cross-checks that span the main and the since_survey/ files.

Each check is tested on a planted error in tests/fixtures/hostile/ (42-59); these tests cover the
id parsers and the cases a single replaced file cannot show.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph import schema
from graph.seed.crosscheck import DOI_RE, Rec, acl_year_venue, arxiv_year, check_acl, crosscheck, norm_text
from graph.seed.validate import DataError, load_dataset

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.mark.parametrize("aid, year", [
    ("2304.09151", 2023), ("2212.10755v2", 2022), ("0704.0001", 2007), ("1501.00001", 2015),
    ("cs/0601001", 2006), ("hep-th/9901001v1", 1999), ("math.CO/0501001", 2005),
    ("0612.1234", None), ("2313.00001", None), ("2301.1", None), ("arXiv:2301.00001", None), ("", None),
])
def test_arxiv_year(aid, year):
    assert arxiv_year(aid) == year


@pytest.mark.parametrize("aid, parsed", [
    ("2023.emnlp-main.1040", (2023, "emnlp")), ("2021.naacl-main.41", (2021, "naacl")),
    ("2023.findings-acl.343", (2023, "findings-acl")), ("2025.findings-emnlp.909", (2025, "findings-emnlp")),
    ("2022.aacl-short.56", (2022, "aacl")), ("2023.wmt-1.15", (2023, "wmt")),
    ("2023.mtsummit-users.7", (2023, "mtsummit")), ("2020.tacl-1.3", (2020, "tacl")),
    ("P19-1001", (2019, "acl")), ("D18-1269", (2018, "emnlp")), ("N19-1423", (2019, "naacl")),
    ("W19-5301", (2019, None)), ("J93-2004", (1993, "cl")),
    ("emnlp-2023-42", None), ("2023.emnlp-main", None), ("P19-1", None),
])
def test_acl_year_venue(aid, parsed):
    assert acl_year_venue(aid) == parsed


@pytest.mark.parametrize("venue, ok", [
    ("EMNLP", True), ("EMNLP 2023", True), ("Proceedings of EMNLP 2023", True), ("emnlp", True),
    ("Findings of EMNLP", False), ("ACL", False), ("arXiv", False),
])
def test_acl_venue_spellings(venue, ok):
    rec = Rec("f.yaml", 1, {"id": "paper:x", "year": 2023, "venue": venue, "acl": "2023.emnlp-main.1040"})
    assert (check_acl(rec) == []) is ok


@pytest.mark.parametrize("doi, ok", [
    ("10.18653/v1/2023.emnlp-main.1040", True), ("10.1145/3581783.3611992", True),
    ("10.1007/978-3-031-40498-6_9", True), ("10.12/x", False), ("10.1145 3581783", False),
    ("doi:10.1145/1", False), ("https://doi.org/10.1145/1", False),
])
def test_doi_syntax(doi, ok):
    assert bool(DOI_RE.match(doi)) is ok


def test_norm_text_drops_accents_case_and_punctuation():
    assert norm_text("Nagoudi") == norm_text("NAGOUDI") == "nagoudi"
    assert norm_text("Sánchez-García") == "sanchez garcia"
    assert norm_text("mT5: A  Massively") == "mt5 a massively"


def test_first_author_matches_accents_and_surname_first_forms():
    def problems(first, authors):
        return crosscheck([Rec("f", 1, {"id": "paper:x", "label": "Paper", "name": "X", "first_author": first,
                                        "authors": authors})])
    assert problems("Garcia", ["Gabriel Lino García", "Pedro Paiola"]) == []
    assert problems("Nagoudi", ["Nagoudi, El Moatez Billah"]) == []
    assert problems("Abdul-Mageed", ["Muhammad Abdul-Mageed"]) == []
    assert problems("Mageed", ["Muhammad Abdul-Mageed"]) == []  # a word of the name
    assert problems("Age", ["Muhammad Abdul-Mageed"])  # not a word of it


def test_duplicates_span_the_main_and_the_since_survey_files(tmp_path):
    data = tmp_path / "seed_data"
    shutil.copytree(MINI, data)
    (data / schema.SINCE_SURVEY_DIR).mkdir()
    (data / schema.SINCE_SURVEY_DIR / "models.yaml").write_text(
        "- id: model:beta-chat-2\n  name: BetaChat\n  in_survey: false\n  url: https://example.org/b2\n",
        encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(data)
    [issue] = info.value.issues
    assert issue.file == "seed_data/since_survey/models.yaml" and issue.line == 2 and issue.id == "model:beta-chat-2"
    assert "duplicate name: 'betachat' is also the alias of model:beta-chat (seed_data/models.yaml:" in issue.message


def test_the_same_name_under_two_labels_is_not_a_duplicate(tmp_path):
    # a model and the paper that introduces it often share a name (JASMINE, BLOOM)
    data = tmp_path / "seed_data"
    shutil.copytree(MINI, data)
    text = (data / "papers.yaml").read_text(encoding="utf-8")
    (data / "papers.yaml").write_text(text.replace("- id: paper:beta\n", "- id: paper:beta\n  aliases: [Beta Base]\n"),
                                      encoding="utf-8")
    assert load_dataset(data).nodes["paper:beta"]["aliases"] == ["Beta Base"]


def test_shipped_papers_agree_with_their_own_ids(seed_data):
    # what the cross-checks enforce, stated on the data itself: no paper's year is before its arXiv id,
    # and a paper with an ACL Anthology id carries that id's year
    papers = [n for n in seed_data.nodes.values() if n["label"] == "Paper"]
    assert sum("arxiv" in p for p in papers) > 100
    for p in papers:
        if p.get("arxiv"):
            assert p["year"] >= arxiv_year(p["arxiv"]), p["id"]
        if p.get("acl"):
            assert p["year"] == acl_year_venue(p["acl"])[0], p["id"]
