"""Bytes for the download buttons: a GraphData written by graph.export.write in any format of the table
graph.export.FORMATS, which also gives each format's node limit, MIME type and file extension."""
from __future__ import annotations

import tempfile
from pathlib import Path

from graph.export import FORMATS, UNLIMITED, write
from graph.export.formats import takes


def export_formats() -> list[str]:
    """The format names of the table (json first)."""
    return sorted(FORMATS, key=lambda f: (f != "json", f))


def format_limit(fmt: str) -> int | None:
    """The node limit of ``fmt`` (None when it has none)."""
    limit = FORMATS[fmt].node_limit
    return None if limit >= UNLIMITED else limit


def export_bytes(data, fmt: str, **options) -> bytes:
    """``data`` written as ``fmt`` (through graph.export.write, so its limits and options apply)."""
    with tempfile.TemporaryDirectory(prefix="atlas-export-") as tmp:
        path = Path(tmp) / f"export.{FORMATS[fmt].extension}"
        write(data, fmt, path, **options)
        return path.read_bytes()


def carries_positions(fmt: str) -> bool:
    """Whether ``fmt`` draws nodes where it is told (html, gexf, svg, png, pdf, pptx): the canvas's positions."""
    return takes(fmt, "positions")


def mime(fmt: str) -> str:
    return FORMATS[fmt].mime if fmt in FORMATS else "application/octet-stream"


def file_name(basename: str, fmt: str) -> str:
    """``basename`` with the format's extension (a CSV export is a zip of tables: .csv.zip)."""
    return f"{basename}.{FORMATS[fmt].extension}"
