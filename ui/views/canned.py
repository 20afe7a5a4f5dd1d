"""The canned Cypher queries (queries/*.cypher) as plain data: name, description, text, parameter names.

The header comments and the ``$parameters`` are read with graph.cypher.lexer's lexer, so a ``$`` or a
``//`` inside a string is never taken for a parameter or a comment."""
from __future__ import annotations

import json
import re
from pathlib import Path

from graph.cypher.lexer import GuardError, comment_header, param_names

QUERIES_DIR = Path(__file__).resolve().parent.parent.parent / "queries"
_EXAMPLE_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)\s*\(e\.g\.\s*([^)]*)\)")


def canned_queries(directory: Path | str | None = None) -> list[dict]:
    """Each query file: ``name`` (file stem), ``description`` (its leading // comment lines), ``text``,
    ``params`` (the $names it uses, with example values from a ``// params: {...}`` line or a
    ``// Parameters: $id (e.g. "model:bloom")`` line when there is one)."""
    d = Path(directory) if directory else QUERIES_DIR
    out = []
    for path in sorted(d.glob("*.cypher")) if d.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        try:
            header, names = comment_header(text), param_names(text)
        except GuardError as exc:
            raise ValueError(f"{path}: {exc}") from None
        desc, examples = [], {}
        for body in header:
            m = re.match(r"(?i)^params?\s*:\s*(\{.*\})\s*$", body)
            if re.match(r"(?i)^parameters?\s*:", body):
                examples.update({k: _value(v) for k, v in _EXAMPLE_RE.findall(body)})
            elif m:
                try:
                    examples = json.loads(m.group(1))
                except ValueError:
                    pass
            else:
                desc.append(body)
        params = {n: examples.get(n, "") for n in names}
        out.append({"name": path.stem, "description": " ".join(desc).strip(), "text": text.strip(),
                    "params": params})
    return out


def _value(text: str):
    """An example value as JSON when it parses (2, "model:bloom"), else the bare text."""
    text = text.strip()
    try:
        return json.loads(text)
    except ValueError:
        return text.strip("'\"")


def title_for(query: str, queries: dict) -> str:
    """An export's title for ``query``: the first sentence of its description when it is one of ``queries``
    (name -> canned query), else "Cypher: " and the query on one line (cut at 100 characters)."""
    canned = next((q for q in queries.values() if q["text"].strip() == query.strip() and q["description"]), None)
    if canned:
        return canned["description"].split(". ")[0][:120]
    one = " ".join(query.split())
    return "Cypher: " + (one if len(one) <= 100 else one[:99] + "…")
