"""Bytes for the download buttons: a GraphData written by graph.export.write in any registered format."""
from __future__ import annotations

import tempfile
from pathlib import Path

MIME = {"json": "application/json", "svg": "image/svg+xml", "png": "image/png", "html": "text/html",
        "graphml": "application/xml", "gexf": "application/xml", "pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "csv": "text/csv", "dot": "text/vnd.graphviz", "mermaid": "text/plain", "node-link": "application/json"}


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


EXTENSION = {"node-link": "json", "mermaid": "mmd"}


def mime(fmt: str, payload: bytes = b"") -> str:
    if payload[:2] == b"PK" and fmt not in ("pptx",):
        return "application/zip"
    return MIME.get(fmt, "application/octet-stream")


def file_name(basename: str, fmt: str, payload: bytes = b"") -> str:
    """``basename`` with the extension the bytes need (a CSV export that is a zip of tables ends in .zip)."""
    ext = EXTENSION.get(fmt, fmt)
    if payload[:2] == b"PK" and fmt not in ("pptx",):
        ext = f"{ext}.zip"
    return f"{basename}.{ext}"
