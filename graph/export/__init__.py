"""Export a subgraph in one of the formats of ``FORMATS`` (graph.export.formats: the explicit table).

The subgraph comes from graph.draw.selection (focus / category / answer / whole graph, one trim rule);
``write`` renders it to a file or a stream. Importing this package imports no writer: matplotlib,
python-pptx and pyvis load only when a format that needs them is written.
"""
from __future__ import annotations

from graph.export.formats import (FORMATS, SLIDE_NODE_LIMIT, SOURCE_LINE, UNLIMITED, ExportError, Format,
                                  limit_for, write)

__all__ = ["FORMATS", "SLIDE_NODE_LIMIT", "SOURCE_LINE", "UNLIMITED", "ExportError", "Format", "limit_for", "write"]
