"""graph.seed.yamlio builds values from libyaml's node tree itself (for speed); they must be exactly what
``yaml.load`` with the line-keeping SafeLoader gives, and the same documents must be refused."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.seed import yamlio
from graph.seed.yamlio import SeedFileError, _LineLoader, _reject_shared_nodes, read_records

ROOT = Path(__file__).resolve().parent.parent


def _old(text: str, name: str = "x.yaml"):
    """The reference: the SafeLoader subclass's own construction, then the check for shared nodes."""
    data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a (C)SafeLoader subclass
    _reject_shared_nodes(data, name)
    return data


def _outcome(fn, text):
    try:
        return "ok", fn(text)
    except SeedFileError as exc:
        return "refused", (exc.line, exc.message)
    except yaml.YAMLError as exc:
        return "yaml", type(exc).__name__


@pytest.mark.parametrize("path", sorted((ROOT / "seed_data").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_seed_file_reads_as_yaml_load_reads_it(path):
    text = path.read_text(encoding="utf-8")
    assert yamlio._load(text, path.name) == _old(text)


def _texts(folder: Path) -> list[Path]:
    """The files of ``folder`` that are UTF-8 (read_records refuses the others before YAML: test_hostile_seed)."""
    out = []
    for p in sorted(folder.glob("*.yaml")):
        try:
            p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        out.append(p)
    return out


@pytest.mark.parametrize("path", _texts(ROOT / "tests" / "fixtures" / "hostile"), ids=lambda p: p.name)
def test_every_hostile_file_gets_the_same_outcome(path):
    text = path.read_text(encoding="utf-8")
    assert _outcome(lambda t: yamlio._load(t, "x.yaml"), text) == _outcome(_old, text)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                    st.text(max_size=12), st.sampled_from(["yes", "no", "on", "1e3", "0x1f", "0o17", "~", "null",
                                                           "2024-01-02", "12:30", "=", "<<", ".inf", "-.nan", "1_000"]),
                    st.dates(), st.datetimes(timezones=st.just(datetime.timezone.utc)))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.one_of(st.text(max_size=6), st.integers(0, 9),
                                                                                  st.booleans()), inner, max_size=4)),
                      max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(value=VALUES, flow=st.booleans())
def test_generated_documents_read_the_same(value, flow):
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    assert _outcome(lambda t: yamlio._load(t, "x.yaml"), text) == _outcome(_old, text)


@pytest.mark.parametrize("text", [
    "- &a {x: 1}\n- *a\n", "- a: &s hi\n  b: *s\n", "- {a: 1, a: 2}\n", "- !!python/object:os.system {}\n",
    "- !custom {a: 1}\n", "- <<: {a: 1}\n  b: 2\n", "- ? [1, 2]\n  : x\n", "- !!set {a, b}\n", "- !!omap [a: 1]\n",
    "--- 1\n--- 2\n", "", "- " + "[" * 60 + "]" * 60 + "\n", "- {=: 1}\n", "- !!binary aGk=\n", "- !!str 12\n",
])
def test_tags_aliases_merges_and_errors_get_the_same_outcome(text):
    assert _outcome(lambda t: yamlio._load(t, "x.yaml"), text) == _outcome(_old, text)


@pytest.mark.parametrize("text, line, message", [
    ("- id: model:a\n  ? [1, 2]\n  : x\n", 2, "mapping key must be a plain value"),
    ("- id: model:a\n  name: A\n  name: B\n", 3, "duplicate key 'name'"),
], ids=["key-is-a-list", "duplicate-key"])
def test_read_records_names_the_line_of_a_bad_key(tmp_path, text, line, message):
    p = tmp_path / "models.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(SeedFileError) as info:
        read_records(p)
    assert info.value.line == line and message in info.value.message
