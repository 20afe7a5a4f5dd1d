"""The hostile-data fixture (tests/fixtures/hostile_data): loading it past the checks that would refuse it
(graph/seed/safety.py), so the tests can see what every page and export does with such text, and the checks
that what they show stays text. ``python tests/support/hostile.py run ui/app.py ...`` starts Streamlit with
the same bypass (for the browser tests).
"""
from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile_data"
OFFSITE = "tracker.example"  # every off-site url of the fixture names this host
# What the fixture's markup would create if it were not text: elements and attributes.
DATA_TAGS = {"img", "svg", "iframe", "script", "object", "embed", "video", "audio", "math", "form", "input"}
DATA_ATTRS = re.compile(r"^on[a-z]+$")


def bypass(patch=None) -> None:
    """Switch off the safety checks of graph/seed/validate.py (only those): ``patch(module, name, value)``
    (pytest's monkeypatch.setattr), or for good when None (a process started for one test)."""
    import graph.seed.validate as validate

    for name, value in (("record_problems", lambda props: []), ("ref_problem", lambda ref: None)):
        if patch:
            patch(validate, name, value)
        else:
            setattr(validate, name, value)


@contextmanager
def unchecked():
    import graph.seed.validate as validate

    saved = validate.record_problems, validate.ref_problem
    bypass()
    try:
        yield
    finally:
        validate.record_problems, validate.ref_problem = saved


def load():
    """The fixture as GraphData, past the safety checks (every other check still applies)."""
    from graph.seed.validate import load_dataset

    with unchecked():
        return load_dataset(HOSTILE)


class Tags(HTMLParser):
    """Every element and attribute of an HTML fragment or page."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


def html_problems(fragment: str, allowed: set[str] | None = None) -> list[str]:
    """Elements or attributes in ``fragment`` that only the data could have put there."""
    p = Tags()
    p.feed(fragment)
    out = []
    for tag, attrs in p.elements:
        if tag in DATA_TAGS or (allowed is not None and tag not in allowed):
            out.append(f"<{tag}>")
        for k, v in attrs.items():
            if DATA_ATTRS.match(k) or OFFSITE in v or v.strip().lower().startswith(("javascript:", "data:")):
                out.append(f"<{tag} {k}={v[:60]!r}>")
    return out


_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")


def markdown_problems(text: str) -> list[str]:
    """Markdown in ``text`` that would become an image, raw HTML, math, a code span or a link to a bad url
    (what is backslash-escaped is text and is skipped)."""
    bare = _ESCAPED.sub("", text)
    out = []
    for pattern, what in ((r"!\[", "an image"), (r"<[A-Za-z!/?]", "raw HTML"), (r"\$", "math"),
                          (r"`", "a code span"), (r"\]\(\s*<?\s*(?:javascript|data|vbscript):", "a javascript: link")):
        if re.search(pattern, bare, re.I):
            out.append(f"{what} in {text[:120]!r}")
    return out


if __name__ == "__main__":  # streamlit with the bypass: python tests/support/hostile.py run ui/app.py
    sys.path.insert(0, str(ROOT))
    bypass()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())
