"""`python -m ingest import-bibtex`: drafts from the ACL Anthology's, arXiv's and Google Scholar's BibTeX,
never over a curated record; bad input exits 2 and writes nothing.

The .bib files in tests/fixtures/importers/ are written in each site's export shape (field order,
quoting, name order, LaTeX accents) for papers whose ids were checked on arXiv and the ACL Anthology.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from graph import schema
from ingest.bibtex import import_bibtex
from ingest.cli import main as ingest_main
from ingest.drafts import Curated, DraftError
from graph.seed.validate import DataError, load_dataset

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini"
BIB = HERE / "fixtures" / "importers"


def drafts(name: str, data: Path = MINI):
    return import_bibtex((BIB / name).read_text(encoding="utf-8"), Curated.from_data_dir(data), source=name)


def by_id(result) -> dict[str, dict]:
    return {r["id"]: r for r in result.records}


def test_acl_anthology_export():
    result = drafts("acl_anthology.bib")
    recs = by_id(result)
    jasmine = recs["paper:jasmine"]
    assert jasmine["name"] == "JASMINE: Arabic GPT Models for Few-Shot Learning"  # braces gone
    assert (jasmine["year"], jasmine["venue"], jasmine["first_author"]) == (2023, "EMNLP", "Nagoudi")
    assert jasmine["authors"][:2] == ["El Moatez Billah Nagoudi", "Muhammad Abdul-Mageed"]
    assert jasmine["acl"] == "2023.emnlp-main.1040" and jasmine["doi"] == "10.18653/v1/2023.emnlp-main.1040"
    assert jasmine["provenance"] == "acl:2023.emnlp-main.1040" and "arxiv" not in jasmine
    mt5 = recs["paper:mt5"]
    assert (mt5["year"], mt5["venue"], mt5["acl"]) == (2021, "NAACL", "2021.naacl-main.41")
    # what the Anthology exports and a Paper has no place for is listed, per entry
    [line] = [u for u in result.unmapped if "paper:jasmine" in u]
    assert "acl_anthology.bib:1 @inproceedings{nagoudi-etal-2023-jasmine}" in line
    assert "fields address, editor, month, pages, publisher" in line


def test_arxiv_export():
    recs = by_id(drafts("arxiv.bib"))
    unimax = recs["paper:unimax"]
    assert (unimax["arxiv"], unimax["year"], unimax["venue"], unimax["first_author"]) == ("2304.09151", 2023, "arXiv", "Chung")
    assert unimax["provenance"] == "arxiv:2304.09151" and unimax["url"] == "https://arxiv.org/abs/2304.09151"
    bode = recs["paper:introducing-bode"]
    assert "Arnaldo Cândido Júnior" in bode["authors"] and "João Paulo Papa" in bode["authors"]  # LaTeX accents decoded


def test_google_scholar_export():
    result = drafts("google_scholar.bib")
    recs = by_id(result)
    mt5 = recs["paper:mt5"]  # "arXiv preprint arXiv:NNNN.NNNNN" in the journal field
    assert (mt5["arxiv"], mt5["venue"], mt5["year"]) == ("2010.11934", "arXiv", 2020)
    bode = recs["paper:introducing-bode"]  # surname-first names with accents
    assert bode["authors"][4] == "Arnaldo Cândido Júnior" and bode["first_author"] == "Garcia"
    jasmine = recs["paper:jasmine"]  # Scholar's proceedings entry: venue from the booktitle, no link at all
    assert jasmine["venue"] == "EMNLP" and "provenance" not in jasmine
    assert any("paper:jasmine" in u and "no arXiv id, ACL id, DOI or URL" in u for u in result.unmapped)


@pytest.mark.parametrize("name", ["acl_anthology.bib", "arxiv.bib", "google_scholar.bib"])
def test_drafts_validate_as_since_survey_records(tmp_path, name):
    data = tmp_path / "seed_data"
    shutil.copytree(MINI, data)
    (data / schema.SINCE_SURVEY_DIR).mkdir()
    out = data / schema.SINCE_SURVEY_DIR / "papers.yaml"
    assert ingest_main(["import-bibtex", str(BIB / name), "--data", str(data), "--since-survey", "-o", str(out)]) == 0
    drafts = yaml.safe_load(out.read_text(encoding="utf-8"))
    unreferenced = [d["id"] for d in drafts if not any(d.get(k) for k in ("arxiv", "acl", "doi", "url"))]
    if unreferenced:  # a later paper without a reference is refused until the curator adds one
        with pytest.raises(DataError) as info:
            load_dataset(data)
        assert sorted(i.id for i in info.value.issues) == sorted(unreferenced)
        assert all("a later paper needs a reference" in i.message for i in info.value.issues)
        for d in drafts:
            d.setdefault("url", f"https://example.org/{d['id'].split(':')[1]}")
        out.write_text(yaml.safe_dump(drafts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    graph = load_dataset(data)  # schema and cross-checks
    new = [n for n in graph.nodes.values() if n["label"] == "Paper" and not n["in_survey"]]
    assert len(new) == len(drafts)


def test_stdout_without_output_file_and_report_on_stderr(capsys):
    assert ingest_main(["import-bibtex", str(BIB / "arxiv.bib"), "--data", str(MINI)]) == 0
    out, err = capsys.readouterr()
    records = yaml.safe_load(out)
    assert [r["id"] for r in records] == ["paper:unimax", "paper:introducing-bode"]
    assert records[0]["arxiv"] == "2304.09151"  # a string, not a float
    assert "drafted 2 paper(s)" in err


def _curated(tmp_path: Path) -> Path:
    """Mini seed data holding JASMINE (by its arXiv id only) and a different paper under paper:unimax."""
    data = tmp_path / "seed_data"
    shutil.copytree(MINI, data)
    with (data / "papers.yaml").open("a", encoding="utf-8") as fh:
        fh.write("- id: paper:arabic-gpt\n  name: Curated JASMINE\n  year: 2023\n  arxiv: '2212.10755'\n"
                 "  acl: 2023.emnlp-main.1040\n"
                 "- id: paper:unimax\n  name: Some Other UniMax Paper\n  year: 2024\n")
    return data


def test_a_curated_paper_is_reported_not_replaced(tmp_path, capsys):
    data = _curated(tmp_path)
    before = (data / "papers.yaml").read_bytes()
    assert ingest_main(["import-bibtex", str(BIB / "acl_anthology.bib"), "--data", str(data)]) == 0
    out, err = capsys.readouterr()
    assert [r["id"] for r in yaml.safe_load(out)] == ["paper:mt5"]
    assert ("not drafted: acl_anthology.bib:1 @inproceedings{nagoudi-etal-2023-jasmine}: ACL Anthology id "
            "2023.emnlp-main.1040 is already paper:arabic-gpt (seed_data/papers.yaml:") in err
    assert "the curated record is kept" in err
    assert (data / "papers.yaml").read_bytes() == before


def test_a_taken_id_of_another_paper_is_drafted_under_a_new_id(tmp_path):
    result = drafts("arxiv.bib", _curated(tmp_path))
    ids = [r["id"] for r in result.records]
    assert "paper:unimax" not in ids and "paper:unimax-2023" in ids
    assert any("id paper:unimax is taken" in u and "drafted as paper:unimax-2023" in u for u in result.unmapped)


def test_the_same_paper_twice_in_one_file_is_drafted_once(tmp_path):
    text = (BIB / "acl_anthology.bib").read_text(encoding="utf-8") + (BIB / "google_scholar.bib").read_text(encoding="utf-8")
    result = import_bibtex(text, Curated.from_data_dir(MINI), source="both.bib")
    ids = [r["id"] for r in result.records]
    assert ids.count("paper:jasmine") == 1 and "paper:mt5" in ids
    assert any("is already paper:jasmine (both.bib:1" in s and "earlier entry" in s for s in result.skipped)
    assert any("is already paper:mt5" in s for s in result.skipped)  # same title as the Anthology's mT5


@pytest.mark.parametrize("text, message", [
    ("@article{a, title={x}, year=2020,\n@article{b, title={y}, year={2021}}\n", "bad.bib:1: cannot read this entry"),
    ("@article{a, title={x}, year={2020}}\n@article{a, title={y}, year={2021}}\n", "bad.bib:2: cannot read this entry (Duplicate entry key 'a')"),
    ("Just some notes, not a bibliography.\n", "bad.bib: no BibTeX entries found"),
    ("", "bad.bib: no BibTeX entries found"),
])
def test_bad_input_exits_2_and_writes_nothing(tmp_path, capsys, text, message):
    bib = tmp_path / "bad.bib"
    bib.write_text(text, encoding="utf-8")
    out = tmp_path / "drafts.yaml"
    assert ingest_main(["import-bibtex", str(bib), "--data", str(MINI), "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "nothing written" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["bad.bib"]


def test_not_utf8_and_missing_file_exit_2(tmp_path, capsys):
    bib = tmp_path / "latin1.bib"
    bib.write_bytes("@article{a, title={Caf\u00e9}, year={2020}}".encode("latin-1"))
    assert ingest_main(["import-bibtex", str(bib), "--data", str(MINI)]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert ingest_main(["import-bibtex", str(tmp_path / "missing.bib"), "--data", str(MINI)]) == 2
    assert "missing.bib" in capsys.readouterr().err


def test_an_existing_output_file_is_never_overwritten(tmp_path, capsys):
    out = tmp_path / "papers.yaml"
    out.write_text("# curated\n", encoding="utf-8")
    assert ingest_main(["import-bibtex", str(BIB / "arxiv.bib"), "--data", str(MINI), "-o", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "# curated\n"


def test_entries_without_year_or_title_are_reported(tmp_path):
    text = "@misc{a, title={A Title Without Year}}\n@misc{b, year={2024}}\n@misc{c, title={Fine}, year={2024}, note={x}}\n"
    result = import_bibtex(text, Curated.from_data_dir(MINI), source="x.bib")
    assert [r["name"] for r in result.records] == ["Fine"]
    assert any("x.bib:1 @misc{a}: no year; no author" in s for s in result.skipped)
    assert any("x.bib:2 @misc{b}: no title" in s for s in result.skipped)
    assert any("fields note" in u for u in result.unmapped)


def test_unreadable_curated_data_is_an_error(tmp_path):
    data = tmp_path / "seed_data"
    data.mkdir()
    (data / "papers.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DraftError, match="cannot read the curated papers"):
        Curated.from_data_dir(data)
