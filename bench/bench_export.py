"""Export timings: median and p95 per format for a 200-node subgraph (and the 120-node slide limit).

The 200-node figures call the format writers directly: the CLI trims slide formats to
SLIDE_NODE_LIMIT (120), so the 200-node SVG/PPTX numbers show the cost past that limit.
Not a test: `python -m bench bench_export` writes bench/results.json key "export".
"""
from __future__ import annotations

import io
import sys

from bench.common import machine, save, table, timed
from graph.export import FORMATS, SLIDE_NODE_LIMIT
from graph.export.formats import call_writer
from graph.draw.selection import select
from graph.store.embedded import EmbeddedStore

ORDER = ("svg", "pptx", "png", "pdf", "html", "graphml", "gexf", "node-link", "csv", "mermaid", "dot", "json")
REPEAT = {"pptx": 3, "png": 3, "pdf": 3, "svg": 3, "html": 5}  # within make bench's 10 minutes (issue 25)


def _run(fmt: str, data, opts: dict) -> None:
    spec = FORMATS[fmt]
    buf = io.BytesIO() if spec.binary else io.StringIO()
    call_writer(spec.writer(), data, buf, opts)


def main() -> None:
    store = EmbeddedStore.from_data_dir()
    sizes = {200: select(store, limit=200), SLIDE_NODE_LIMIT: select(store, limit=SLIDE_NODE_LIMIT)}
    opts = {"title": "Benchmark subgraph", "dpi": 200}
    rows, results = [], {}
    for fmt in [f for f in ORDER if f in FORMATS]:
        for n, data in sizes.items():
            if n != 200 and fmt not in ("svg", "pptx", "png", "pdf"):
                continue
            r = timed(lambda: _run(fmt, data, opts), repeat=REPEAT.get(fmt, 9))
            results[f"{fmt}@{n}"] = {"nodes": len(data.nodes), "edges": len(data.edges), **r}
            rows.append([fmt, len(data.nodes), len(data.edges), f"{r['median_ms']:.0f}", f"{r['p95_ms']:.0f}", r["n"]])
    headers = ["format", "nodes", "edges", "median (ms)", "p95 (ms)", "runs"]
    m = machine()
    notes = (f"Writers called in-process on subgraphs of the seed graph (most connected first), PNG/PPTX at 200 dpi. "
             f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}.")
    save("export", {"title": "Export: time per format", "headers": headers, "rows": rows, "results": results,
                    "notes": notes})
    print(table(headers, rows))
    print(notes)


if __name__ == "__main__":
    sys.path.insert(0, ".")
    main()
