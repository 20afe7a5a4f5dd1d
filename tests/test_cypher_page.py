"""The Cypher page and the command-line console as people use them: the schema beside the editor inserts
names, the last queries are kept, an error says what is wrong, "Open in Cypher" on the Ask page carries the
query and its parameters and gives Ask's rows; the CLI's formats, JSON parameters and interactive shell."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from tests.test_ui_app import QUESTION, backend, check, run  # noqa: F401  (backend: the store fixture)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_schema_click_inserts_and_recent_queries_are_kept(backend):  # noqa: F811
    at = run(backend, "cypher")
    at.text_area(key="cypher_query").input("MATCH (m")  # typed, then a name clicked: both kept
    at.button(key="cypher_ins_L_Model").click().run()
    assert at.text_area(key="cypher_query").value == "MATCH (m:Model"
    at.text_area(key="cypher_query").input("MATCH (m:Model) RETURN m.id AS id LIMIT 3")
    at.button(key="cypher_run").click().run()
    check(at, backend)
    at.text_area(key="cypher_query").input("MATCH (l:Language) RETURN l.id AS id LIMIT 2")
    at.button(key="cypher_run").click().run()
    recent = at.selectbox(key="cypher_recent_pick")
    assert recent.options[:2] == ["MATCH (l:Language) RETURN l.id AS id LIMIT 2", "MATCH (m:Model) RETURN m.id AS id LIMIT 3"]
    recent.select("MATCH (m:Model) RETURN m.id AS id LIMIT 3").run()
    assert at.text_area(key="cypher_query").value == "MATCH (m:Model) RETURN m.id AS id LIMIT 3"


@pytest.mark.slow
def test_an_error_names_the_mistake(backend):  # noqa: F811
    at = run(backend, "cypher")
    at.text_area(key="cypher_query").input("MATCH (m:Modle) RETURN m.id")
    at.button(key="cypher_run").click().run()
    assert not at.exception
    assert any("not run" in e.value for e in at.error)
    assert any("did you mean :Model?" in c.value for c in at.code)


@pytest.mark.slow
def test_open_in_cypher_carries_the_query_and_gives_asks_rows(backend):  # noqa: F811
    from graph.ask import ask
    from graph.store import open_store

    at = run(backend, "ask", q=QUESTION)
    links = [b for b in at.get("link_button") if "Open in Cypher" in str(b.proto.label)]
    assert links, "no Open in Cypher link"
    qs = parse_qs(links[0].proto.url.lstrip("?"))
    assert qs["page"] == ["cypher"]
    answer = ask(open_store(backend), QUESTION)
    assert qs["query"] == [answer.cypher] and json.loads(qs["params"][0]) == answer.params
    page = run(backend, "cypher", query=qs["query"][0], params=qs["params"][0])
    rows = page.dataframe[0].value
    assert sorted(rows["id"]) == sorted(answer.ids)


def _cli(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", "cypher", *args], cwd=ROOT, input=stdin, text=True,
                          capture_output=True, timeout=120)


def test_cli_formats_and_json_params():
    q = "UNWIND $xs AS x MATCH (m:Model {id: x.id}) RETURN m.id AS id, m.name AS name, $opts.tag AS tag ORDER BY id"
    args = [q, "--param", 'xs=[{"id": "model:bloom"}, {"id": "model:mt5"}]', "--param", 'opts={"tag": "a, \\"b\\""}']
    out = _cli(*args, "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert list(csv.reader(io.StringIO(out.stdout))) == [["id", "name", "tag"], ["model:bloom", "BLOOM", 'a, "b"'],
                                                          ["model:mt5", "mT5", 'a, "b"']]
    j = json.loads(_cli(*args, "--format", "json").stdout)
    assert j["columns"] == ["id", "name", "tag"] and j["rows"][0] == ["model:bloom", "BLOOM", 'a, "b"']
    table = _cli(*args).stdout.splitlines()
    assert table[0].split(" | ")[0].strip() == "id" and "model:mt5" in table[3] and "2 row(s)" in table[-1]


def test_cli_shell_reads_queries_params_and_commands():
    script = ("MATCH (m:Model {id: 'model:bloom'})\nRETURN m.name AS name;\n:param id => \"model:mt5\"\n"
              "MATCH (m:Model {id: $id}) RETURN m.name AS name;\n:format csv\nRETURN 'a;b' AS s;\n:exit\nRETURN 1;\n")
    out = _cli(stdin=script)
    assert out.returncode == 0, out.stderr
    assert "BLOOM" in out.stdout and "mT5" in out.stdout and "s\na;b\n" in out.stdout and "(1 row(s)" in out.stdout
    bad = _cli(stdin="MATCH (m:Modle) RETURN m;\n")
    assert bad.returncode == 2 and "did you mean :Model?" in bad.stderr and "Traceback" not in bad.stderr
    cut = _cli(stdin="MATCH (m) RETURN m")
    assert cut.returncode == 2 and "ended inside a query" in cut.stderr


def test_an_export_of_a_query_is_titled_with_its_description_or_the_query():
    from ui.views.canned import canned_queries, title_for

    queries = {q["name"]: q for q in canned_queries()}
    one = next(iter(queries.values()))
    assert title_for(one["text"], queries) == one["description"].split(". ")[0][:120]
    assert title_for("MATCH (m:Model)\n  RETURN m.name\nLIMIT 5", queries) == \
        "Cypher: MATCH (m:Model) RETURN m.name LIMIT 5"
    long = "MATCH (m:Model) WHERE " + " OR ".join(f"m.year = {y}" for y in range(2000, 2030)) + " RETURN m"
    title = title_for(long, queries)
    assert len(title) == len("Cypher: ") + 100 and title.endswith("…")
