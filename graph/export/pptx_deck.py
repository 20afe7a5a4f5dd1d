"""`--format pptx`: a 16:9 deck to start a talk from (python-pptx).

Slides: a title slide; the figure (the PNG of graph.export.figures, full slide) with the provenance
of every edge shown in its speaker notes; then tables of the nodes shown (name, label, year, links),
ROWS_PER_SLIDE to a slide, each with the provenance of its rows' links in the notes.
"""
from __future__ import annotations

import io
from typing import IO

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from graph import schema
from graph.export.figures import SLIDE_SIZE, save
from graph.export.formats import SOURCE_LINE
from graph.schema.model import GraphData

ROWS_PER_SLIDE = 10
TABLE_HEADER = ("Name", "Label", "Year", "Links")


def _rel(e: dict) -> str:
    return schema.edge_key(e["type"], e).replace("_", " ").lower().replace(":", ": ")


def edge_line(data: GraphData, e: dict) -> str:
    """``source —type→ target: provenance`` with names, for speaker notes."""
    name = {n: str(v.get("name", n)) for n, v in data.nodes.items()}
    prov = "; ".join(e.get("provenance") or []) or "no provenance recorded"
    note = f" (note: {e['note']})" if e.get("note") else ""
    return f"{name.get(e['source'], e['source'])} —{_rel(e)}→ {name.get(e['target'], e['target'])}: {prov}{note}"


def _links(data: GraphData, nid: str, limit: int = 4) -> str:
    """The node's links as 'type → name' (outgoing) and 'type ← name' (incoming), at most ``limit``."""
    out = [f"{_rel(e)} → {data.nodes[e['target']].get('name', e['target'])}"
           for e in data.edges if e["source"] == nid and e["target"] in data.nodes]
    inc = [f"{_rel(e)} ← {data.nodes[e['source']].get('name', e['source'])}"
           for e in data.edges if e["target"] == nid and e["source"] in data.nodes]
    items = out + inc
    text = "; ".join(s if len(s) <= 60 else s[:59] + "…" for s in items[:limit])
    return text + (f"; +{len(items) - limit} more" if len(items) > limit else "")


def _notes(slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


def _text(slide, text: str, left, top, width, height, size: int, bold=False, color="333333") -> None:
    tf = slide.shapes.add_textbox(left, top, width, height).text_frame
    tf.word_wrap = True
    run = tf.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, RGBColor.from_string(color)


def write_pptx(data: GraphData, out: IO, *, title: str | None = None, focus: list[str] | None = None,
               kind: str = "auto", dpi: int = 200, source: str | None = None, positions: dict | None = None) -> None:
    """Write the deck to the binary stream ``out``; the figure slide draws the nodes at ``positions`` (canvas
    pixels) when given and usable."""
    title = title or "MLLM Atlas subgraph"
    source = source or SOURCE_LINE
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_SIZE[0]), Inches(SLIDE_SIZE[1])
    prs.core_properties.title = title
    prs.core_properties.author = "MLLM Atlas"
    w, h = prs.slide_width, prs.slide_height

    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = title
    counts = data.counts()
    per_label = ", ".join(f"{n} {label}" for label, n in counts["nodes"].items())
    first.placeholders[1].text = f"{len(data.nodes)} nodes ({per_label}), {len(data.edges)} links\n{source}"
    _notes(first, f"{source}\n{data.note}".strip())

    fig = prs.slides.add_slide(prs.slide_layouts[6])
    png = io.BytesIO()
    save(data, png, "png", dpi=dpi, title=title, focus=focus, kind=kind, source=source, positions=positions)
    png.seek(0)
    fig.shapes.add_picture(png, 0, 0, width=w, height=h)
    edges = [e for e in data.edges if e["source"] in data.nodes and e["target"] in data.nodes]
    _notes(fig, "Provenance of the links shown:\n" + "\n".join(edge_line(data, e) for e in edges))

    ids = sorted(data.nodes, key=lambda n: (data.nodes[n].get("label", ""), str(data.nodes[n].get("name", n)).lower()))
    pages = [ids[i:i + ROWS_PER_SLIDE] for i in range(0, len(ids), ROWS_PER_SLIDE)] or [[]]
    for k, page in enumerate(pages, 1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        suffix = f" ({k}/{len(pages)})" if len(pages) > 1 else ""
        _text(slide, f"Nodes shown{suffix}", Inches(0.5), Inches(0.25), w - Inches(1), Inches(0.6), 24, bold=True,
              color="111111")
        rows, cols = len(page) + 1, len(TABLE_HEADER)
        table = slide.shapes.add_table(rows, cols, Inches(0.5), Inches(1.0), w - Inches(1),
                                       Emu(Inches(0.4) * rows)).table
        for c, width in enumerate((4.3, 1.2, 0.7, 6.13)):
            table.columns[c].width = Inches(width)
        for c, head in enumerate(TABLE_HEADER):
            table.cell(0, c).text = head
        for r, nid in enumerate(page, 1):
            node = data.nodes[nid]
            year = node.get("year")
            for c, value in enumerate((node.get("name", nid), node.get("label", ""),
                                       "" if year is None else str(year), _links(data, nid))):
                table.cell(r, c).text = str(value)
        for r in range(rows):
            for c in range(cols):
                for p in table.cell(r, c).text_frame.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(11 if r == 0 else 10)
        _text(slide, source, Inches(0.5), h - Inches(0.45), w - Inches(1), Inches(0.3), 9)
        shown = set(page)
        _notes(slide, "Provenance of these nodes' links:\n" + "\n".join(
            edge_line(data, e) for e in edges if e["source"] in shown or e["target"] in shown))
    prs.save(out)

