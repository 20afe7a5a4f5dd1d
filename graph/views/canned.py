"""The canned Cypher queries (queries/*.cypher) as plain data: name, description, text, parameter names."""
from __future__ import annotations

import json
import re
from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parent.parent.parent / "queries"
_PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def canned_queries(directory: Path | str | None = None) -> list[dict]:
    """Each query file: ``name`` (file stem), ``description`` (its leading // comment lines), ``text``,
    ``params`` (the $names it uses, with example values from a ``// params: {...}`` line when there is one)."""
    d = Path(directory) if directory else QUERIES_DIR
    out = []
    for path in sorted(d.glob("*.cypher")) if d.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        desc, examples = [], {}
        for line in text.splitlines():
            s = line.strip()
            if not s.startswith("//"):
                if s:
                    break
                continue
            body = s.lstrip("/").strip()
            m = re.match(r"(?i)^params?\s*:\s*(\{.*\})\s*$", body)
            if m:
                try:
                    examples = json.loads(m.group(1))
                except ValueError:
                    pass
            else:
                desc.append(body)
        names = list(dict.fromkeys(_PARAM_RE.findall(_strip_comments(text))))
        params = {n: examples.get(n, "") for n in names}
        out.append({"name": path.stem, "description": " ".join(desc).strip(), "text": text.strip(),
                    "params": params})
    return out


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
