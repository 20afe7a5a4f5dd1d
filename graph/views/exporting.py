"""Bytes for the download buttons: a GraphData written by graph.export.write in any registered format."""
from __future__ import annotations

import tempfile
from pathlib import Path

MIME = {"json": "application/json", "svg": "image/svg+xml", "png": "image/png", "html": "text/html",
        "graphml": "application/xml", "gexf": "application/xml", "pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "csv": "text/csv", "cypher": "text/plain", "dot": "text/vnd.graphviz"}


def export_formats() -> list[str]:
    """The format names graph.export knows (json first)."""
    from graph.export import FORMATS

    return sorted(FORMATS, key=lambda f: (f != "json", f))


def format_limit(fmt: str) -> int | None:
    """The node limit graph.export sets for ``fmt`` (None when it sets none)."""
    try:
        from graph.export import limit_for
    except ImportError:
        return None
    return limit_for(fmt)


def export_bytes(data, fmt: str, **options) -> bytes:
    """``data`` written as ``fmt`` (through graph.export.write, so its limits and options apply)."""
    from graph.export import write

    with tempfile.TemporaryDirectory(prefix="atlas-export-") as tmp:
        path = Path(tmp) / f"export.{fmt}"
        write(data, fmt, path, **options)
        return path.read_bytes()


def mime(fmt: str) -> str:
    return MIME.get(fmt, "application/octet-stream")
