"""Data is text everywhere (issue 21): the hostile-data fixture (names, aliases, descriptions and urls holding
<img onerror>, </script>, off-site Markdown images, javascript: links, backticks, bidi overrides) is refused by
validation with file, line and id; loaded past that check, every page (AppTest) and every export (parsed) shows
it as text: no element or attribute from the data, no image to fetch, no javascript: link."""
from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from graph.schema.model import GraphData
from graph.seed.errors import DataError
from graph.seed.validate import load_dataset
from tests.support import hostile

APP = str(hostile.ROOT / "ui" / "app.py")


@pytest.fixture(scope="module")
def data() -> GraphData:
    return hostile.load()


def test_validation_refuses_the_fixture_naming_file_line_and_id():
    with pytest.raises(DataError) as info:
        load_dataset(hostile.HOSTILE)
    issues = info.value.issues
    text = "\n".join(f"{i.file}:{i.line}: {i.id}: {i.message}" for i in issues)
    assert all(i.line > 0 and i.id for i in issues), text
    for needle in ("name: HTML tag '<img src=x onerror=", "url: 'javascript:alert(7)' is not an http(s) url",
                   "does not parse" if "does not parse" in text else "which a url cannot",
                   "bidi-override character U+202E", "url: 'data:text/html"):
        assert needle in text, needle
    # every record of the fixture carrying a tag in its name is refused for it
    tagged = [n for n in hostile.load().nodes.values() if re.search(r"<[A-Za-z/!]", n["name"])]
    assert tagged and all(f"{n['id']}: name: HTML tag" in text for n in tagged)


RECORD = "- id: model:hostile\n  name: Hostile Model\n  year: 2023\n  provenance: arxiv:2301.00001\n"


@pytest.mark.parametrize("line,why", [
    ("url: javascript:alert(1)", "is not an http(s) url"),
    ("url: 'https://[::1'", "does not parse"),
    ("url: 'https://e.org/a b'", "which a url cannot"),
    ("url: 'data:text/html,x'", "is not an http(s) url"),
    ("aliases: ['x <img src=y>']", "HTML tag"),
    ("aliases: [\"two\\nlines\"]", "line break"),
    ("description: \"a \\u202e b\"", "U+202E"),
    ("trained_on: [{to: ds:corpus, provenance: 'url:https://e.org/a)![i](https://t.example/i.png)'}]",
     "which a url cannot"),
])
def test_validation_refuses_each_kind_alone(tmp_path, line, why):
    """One bad value in an otherwise good record: refused with its file, its own line and the record's id."""
    import shutil

    d = tmp_path / "seed"
    shutil.copytree(hostile.ROOT / "tests" / "fixtures" / "mini", d)
    models = d / "models.yaml"
    text = models.read_text(encoding="utf-8").rstrip("\n") + "\n"
    models.write_text(text + RECORD + "  " + line + "\n", encoding="utf-8")
    bad_line = len((text + RECORD).splitlines()) + 1
    with pytest.raises(DataError) as info:
        load_dataset(d)
    got = [(x.file, x.line, x.id, x.message) for x in info.value.issues]
    assert any(f.endswith("models.yaml") and ln == bad_line and i == "model:hostile" and why in m
               for f, ln, i, m in got), got


def test_a_name_with_a_tag_is_refused_and_one_with_a_less_than_sign_is_not(tmp_path):
    import shutil

    d = tmp_path / "seed"
    shutil.copytree(hostile.ROOT / "tests" / "fixtures" / "mini", d)
    models = d / "models.yaml"
    text = models.read_text(encoding="utf-8").rstrip("\n") + "\n"
    models.write_text(text + RECORD.replace("Hostile Model", "'Hostile <b>Model</b>'"), encoding="utf-8")
    with pytest.raises(DataError, match="name: HTML tag '<b>'"):
        load_dataset(d)
    models.write_text(text + RECORD.replace("Hostile Model", "'Models < 1B parameters'"), encoding="utf-8")
    assert load_dataset(d).nodes["model:hostile"]["name"] == "Models < 1B parameters"


# --- exports ---------------------------------------------------------------------------------------------
def _export(data: GraphData, fmt: str) -> bytes:
    import tempfile
    from pathlib import Path

    from graph.export import write

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"g.{fmt}"
        write(data, fmt, out, title="t <img src=x onerror=alert(1)>")
        return out.read_bytes()


def _names(data: GraphData) -> list[str]:
    return [n["name"] for n in data.nodes.values()]


def test_svg_holds_the_names_as_text_and_no_element_from_them(data):
    root = ET.fromstring(_export(data, "svg"))
    tags = {el.tag.split("}")[-1] for el in root.iter()}
    assert not tags & (hostile.DATA_TAGS - {"svg"}) and "foreignObject" not in tags, tags
    for el in root.iter():
        for k, v in el.attrib.items():
            assert not hostile.DATA_ATTRS.match(k.split("}")[-1]) and hostile.OFFSITE not in v, (el.tag, k, v)


def test_graphml_and_gexf_keep_each_name_as_one_text_value(data):
    for fmt in ("graphml", "gexf"):
        root = ET.fromstring(_export(data, fmt))
        values = {el.text for el in root.iter() if el.text} | {v for el in root.iter() for v in el.attrib.values()}
        for name in _names(data):
            assert name in values, (fmt, name)
        tags = {el.tag.split("}")[-1] for el in root.iter()}
        assert not tags & hostile.DATA_TAGS, (fmt, tags)


def test_mermaid_labels_carry_no_markup(data):
    text = _export(data, "mermaid").decode("utf-8")
    text = re.sub(r"\A---\ntitle: .*\n---\n", "", text)  # the title is front matter, drawn as text by Mermaid
    body = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("%%"))
    assert not re.search(r"<[A-Za-z!/]", body), re.search(r".{40}<[A-Za-z!/].{40}", body)
    assert not re.search(r"^\s*(?:click|href|call)\b", body, re.M)  # no directive that makes a link or a call
    assert "`" not in body


def test_dot_labels_are_quoted_strings_not_html_labels(data):
    text = _export(data, "dot").decode("utf-8")
    quoted = r'"(?:[^"\\]|\\.)*"'
    labels = re.findall(r"\blabel=(" + quoted + ")", text)
    outside = re.sub(quoted, "Q", text)  # what is left once every quoted string is one token
    assert labels and "<" not in outside  # a "<...>" value would be an HTML-like label
    assert any("onerror" in lb for lb in labels)  # the text is there, as text


def test_pptx_notes_are_plain_text_with_no_link(data):
    from pptx import Presentation

    deck = Presentation(io.BytesIO(_export(data, "pptx")))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    assert "Beta" in notes
    for slide in deck.slides:
        for rel in slide.part.rels.values():
            assert not rel.is_external or not re.match(r"(?i)\s*(javascript|data):", rel.target_ref), rel.target_ref


def test_html_export_holds_the_data_only_as_json(data):
    page = _export(data, "html").decode("utf-8")
    assert not hostile.html_problems(page.split('<script type="application/json"')[0]), "markup before the data"
    body = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)
    assert not hostile.html_problems(body), hostile.html_problems(body)
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    nodes = json.loads(m.group(1))["nodes"]
    assert {n["id"] for n in nodes} == set(data.nodes)
    assert all(data.nodes[n["id"]]["name"] in n["title"] for n in nodes)


# --- pages (AppTest) ------------------------------------------------------------------------------------
PAGES = {
    "ask": [{"q": "what is BetaChat built on"}, {"q": "models on ![x](https://tracker.example/q.png) `x`"}],
    "explore": [{"id": "model:beta-chat"}, {"id": "paper:alpha"}, {"id": "ds:bench"},
                {"id": "x`![i](https://tracker.example/id.png)`<img src=x onerror=alert(1)>"}],
    "lineage": [{"id": "model:beta-chat"}],
    "paths": [{"from": "model:beta-chat-plus", "to": "lang:eng"}],
    "taxonomy": [{"items": "true"}],
    "evolution": [{}],
    "coverage": [{}],
    "compare": [{"ids": "model:beta-base,model:beta-chat"}],
    "cypher": [{"query": "MATCH (m:Model) RETURN m.id AS id, m.name AS name, m.url AS url"}],
}


def _texts(at) -> list[tuple[str, str]]:
    """(kind, text) of everything the page renders as Markdown or HTML."""
    out = []
    for node in _walk(at._tree):
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if kind == "html" or (proto is not None and type(proto).__name__ == "Html"):
            out.append(("html", proto.body))
            continue
        for attr in ("value", "label", "help", "body"):
            v = getattr(node, attr, None) if attr != "value" or kind in (
                "markdown", "caption", "error", "warning", "info", "success", "title", "subheader", "header") else None
            if isinstance(v, str) and v:
                out.append((f"{kind}.{attr}", v))
    return out


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


@pytest.fixture
def hostile_app(monkeypatch, tmp_path):
    hostile.bypass(monkeypatch.setattr)
    monkeypatch.setenv("MLLM_ATLAS_DATA_DIR", str(hostile.HOSTILE))
    monkeypatch.setenv("MLLM_ATLAS_CACHE_DIR", "off")
    monkeypatch.setenv("MLLM_ATLAS_VIEWS", str(tmp_path / "views.json"))
    (tmp_path / "views.json").write_text(json.dumps({"views": {
        "![v](https://tracker.example/v.png) <img src=x onerror=alert(1)> `v`":
            {"page": "explore", "id": "model:beta-chat", "q": "![q](https://tracker.example/q.png)"}}}),
        encoding="utf-8")
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)


@pytest.mark.slow
@pytest.mark.parametrize("page,params", [(p, q) for p, qs in PAGES.items() for q in qs],
                         ids=[f"{p}-{i}" for p, qs in PAGES.items() for i, _ in enumerate(qs)])
def test_every_page_shows_hostile_data_as_text(hostile_app, page, params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["page"] = page
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    problems = []
    seen_data = False
    for kind, text in _texts(at):
        if kind == "html":
            problems += [f"{kind}: {p}" for p in hostile.html_problems(text)]
        else:
            problems += [f"{kind}: {p}" for p in hostile.markdown_problems(text)]
        seen_data = seen_data or "tracker" in text or "onerror" in text or "alert" in text
    assert not problems, problems
    if page in ("explore", "ask", "paths", "compare", "taxonomy", "coverage"):
        assert seen_data, "the page showed none of the fixture's text: the test would prove nothing"


@pytest.mark.slow
def test_an_unknown_id_with_a_backtick_stays_inside_the_message(hostile_app):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["page"] = "explore"
    at.query_params["id"] = "x`![i](https://tracker.example/id.png)`"
    at.run()
    errors = [e.value for e in at.error]
    assert errors and all(not hostile.markdown_problems(e) for e in errors), errors


@pytest.mark.slow
def test_the_former_iframe_renderer_parameter_is_ignored(hostile_app):
    """``?renderer=iframe`` drew the pyvis page in a same-origin iframe (able to read the app page); a page now
    ignores parameters it does not declare and draws the graph component."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update({"page": "explore", "id": "model:beta-chat", "renderer": "iframe"})
    at.run()
    assert not at.exception
    kinds = {getattr(node, "type", "") for node in _walk(at._tree)}
    assert "iframe" not in kinds and not any("<iframe" in text for kind, text in _texts(at) if kind == "html")
    assert "renderer" not in at.query_params
