"""Inputs bounded before work (issue 21): the importers never overwrite a file without --force nor write into
seed_data, say a missing directory in one line, and check sizes before the expensive parsing; the companion
list's patterns stay linear on long runs of spaces; the Cypher console refuses a huge query before its checks
run, and its options (--file, --param, --timeout, --limit) fail in one line. Hang checks run in a child process
with a generous deadline (speed itself is measured in bench/)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph.seed.validate import DEFAULT_DATA_DIR
from ingest.cli import main as ingest_main

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
BIB = ROOT / "tests" / "fixtures" / "importers"
LIST = "## Paperlist\n### 1. Parameter-Tuned Alignment\n#### 1.1 SFT Alignment\n" \
       "- [2023] **A Test Paper.** *Doe et al.* `Arxiv` [[paper](https://arxiv.org/abs/2306.10968)]\n"


def _run(args: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def _one_line_error(err: str) -> bool:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    return len(lines) == 1 and "Traceback" not in err


@pytest.fixture
def md(tmp_path) -> Path:
    p = tmp_path / "list.md"
    p.write_text(LIST, encoding="utf-8")
    return p


def test_import_list_never_overwrites_without_force(md, tmp_path, capsys):
    out = tmp_path / "draft.yaml"
    out.write_text("# curated\n", encoding="utf-8")
    assert ingest_main(["import-list", str(md), "-o", str(out)]) == 2
    assert "exists" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "# curated\n"
    assert ingest_main(["import-list", str(md), "-o", str(out), "--force"]) == 0
    assert "A Test Paper" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["import-list", "LIST"], ["import-bibtex", str(BIB / "arxiv.bib")],
                                     ["add-arxiv", "2306.10968"]])
def test_no_importer_writes_into_seed_data_even_with_force(md, command, capsys):
    target = DEFAULT_DATA_DIR / "papers.yaml"
    before = target.read_bytes()
    argv = [md.as_posix() if a == "LIST" else a for a in command]
    assert ingest_main([*argv, "-o", str(target), "--force"]) == 2
    assert "inside the curated seed data" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert ingest_main([*argv, "-o", str(DEFAULT_DATA_DIR / "new-draft.yaml")]) == 2
    assert not (DEFAULT_DATA_DIR / "new-draft.yaml").exists()


@pytest.mark.parametrize("command", [["import-list", "LIST"], ["import-bibtex", str(BIB / "arxiv.bib")],
                                     ["add-arxiv", "2306.10968"]])
def test_a_missing_directory_is_one_line(md, tmp_path, command):
    argv = [md.as_posix() if a == "LIST" else a for a in command]
    r = _run(["-m", "ingest", *argv, "-o", str(tmp_path / "no" / "such" / "dir" / "x.yaml")])
    assert r.returncode == 2 and _one_line_error(r.stderr) and "is not a directory" in r.stderr, r.stderr


def test_add_arxiv_refuses_a_timeout_that_is_no_time(capsys):
    for bad in ("0", "-3", "nan"):
        assert ingest_main(["add-arxiv", "2306.10968", "--timeout", bad]) == 2
        assert "--timeout" in capsys.readouterr().err


def test_a_heading_with_a_long_run_of_spaces_is_read_at_once(tmp_path):
    """The heading pattern was quadratic in a run of spaces inside a heading (a 1 MB list never finished)."""
    lines = ["## Paperlist", "### 1. Parameter-Tuned Alignment"]
    lines += ["#### 1.1 SFT" + " " * 9_000 + "Alignment x"] * 100  # 100 headings just under the line bound
    lines += ["#### 1.1 SFT Alignment", LIST.splitlines()[-1]]
    md = tmp_path / "spaces.md"
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = _run(["-m", "ingest", "import-list", str(md)], timeout=60)
    assert r.returncode == 0 and "A Test Paper" in r.stdout, r.stderr[-500:]
    md.write_text("## Paperlist\n#### a" + " " * 1_000_000 + "b\n", encoding="utf-8")  # one 1 MB line
    r = _run(["-m", "ingest", "import-list", str(md)], timeout=60)
    assert r.returncode == 1 and "line 2" in r.stderr and "at most" in r.stderr and _one_line_error(r.stderr)


def test_a_huge_bibtex_title_is_left_out_before_latex_decoding(tmp_path):
    """Decoding LaTeX is quadratic in a field's length: a 5 MB title took 204 s before the schema refused it."""
    bib = tmp_path / "huge.bib"
    bib.write_text("@article{huge, title={" + "A\\'e " * 1_000_000 + "}, author={Doe, Jane}, year={2024}}\n"
                   + (BIB / "arxiv.bib").read_text(encoding="utf-8"), encoding="utf-8")
    r = _run(["-m", "ingest", "import-bibtex", str(bib), "--data", str(MINI)], timeout=90)
    assert r.returncode == 0, r.stderr[-500:]
    assert "@article{huge}: field title is 5,000,000 characters" in r.stderr
    assert "paper:" in r.stdout  # the other entries are drafted


# --- the Cypher console --------------------------------------------------------------------------------
def test_a_huge_query_is_refused_before_any_check(embedded_store):
    from graph.cypher.console import run_cypher
    from graph.cypher.guard import MAX_QUERY_CHARS, GuardError

    for query in ("MATCH " + ") " + " " * 100_000, "MATCH " + ")-[" * 40_000, "RETURN " + "a." * 500_000 + "b"):
        with pytest.raises(GuardError, match=f"at most {MAX_QUERY_CHARS:,}"):
            run_cypher(embedded_store, query)


@pytest.mark.parametrize("args,message", [
    (["--timeout", "-1"], "--timeout"), (["--timeout", "0"], "--timeout"), (["--timeout", "inf"], "--timeout"),
    (["--limit", "0"], "--limit"), (["--limit", "-5"], "--limit"),
    (["--file", "/no/such/query.cypher"], "no such file"),
    (["--param", "x=" + "[" * 5_000 + "]" * 5_000], "nested deeper"),
    (["--param", "noequals"], "key=value"),
])
def test_console_options_fail_in_one_line(args, message):
    query = [] if "--file" in args else ["MATCH (n) RETURN n.id LIMIT 1"]
    r = _run(["-m", "graph", "cypher", *query, *args])
    assert r.returncode == 2 and message in r.stderr and _one_line_error(r.stderr), r.stderr[-500:]


def test_a_huge_query_file_is_one_line(tmp_path):
    f = tmp_path / "big.cypher"
    f.write_text("MATCH (n) RETURN n " + " " * 1_000_000, encoding="utf-8")
    r = _run(["-m", "graph", "cypher", "--file", str(f)], timeout=60)
    assert r.returncode == 2 and "no console query" in r.stderr and _one_line_error(r.stderr)


@pytest.mark.slow
def test_a_100kb_link_to_the_cypher_page_is_refused_at_once(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("MLLM_ATLAS_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=60)
    at.query_params["page"] = "cypher"
    at.query_params["query"] = "MATCH " + ") " + " " * 100_000
    at.run()
    assert not at.exception
    # the page says it was not run, then shows the refusal itself as plain text (st.code, never Markdown)
    said = [e.value for e in at.error] + [c.value for c in at.code]
    assert any("not run" in e.value for e in at.error), said
    assert any("at most" in v for v in said), said
