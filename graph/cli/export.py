"""`python -m graph export --focus ID[,ID] | --ask "Q" | --category ID [--depth N] [--labels L,..] --format F -o FILE`.

Without a selection the whole graph is exported (trimmed to the format's limit). The subgraph comes from
graph.draw.selection, the file from graph.export.write; each format's node limit is in graph.export.FORMATS.
"""
from __future__ import annotations

import sys

from graph import schema
from graph.cli import add_store_options, store_from_args
from graph.export import FORMATS, UNLIMITED, limit_for, write
from graph.draw.selection import select

LAYOUTS = ("auto", "layered", "radial", "spring", "dot")


def _csv(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _limits() -> str:
    """'120 for pdf, png, pptx, svg; 400 for ...; none for ...' from the format table."""
    groups: dict[int, list[str]] = {}
    for f in FORMATS.values():
        groups.setdefault(f.node_limit, []).append(f.name)
    return "; ".join(f"{'none' if n >= UNLIMITED else n} for {', '.join(sorted(names))}"
                     for n, names in sorted(groups.items()))


def register(sub) -> None:
    p = sub.add_parser("export", help="export the graph or a subgraph (slides, interactive page, tool formats)")
    add_store_options(p)
    p.add_argument("--format", default="json", choices=sorted(FORMATS))
    sel = p.add_mutually_exclusive_group()
    sel.add_argument("--focus", help="comma-separated node ids; their neighbourhood is exported")
    sel.add_argument("--category", help="a Category id: its subtree and what is classified into it")
    sel.add_argument("--ask", metavar="QUESTION", help="a question for the Ask engine: its results and evidence")
    p.add_argument("--depth", type=int, default=None,
                   help="hops beyond the selection (default 1 for --focus, 0 for --category and --ask)")
    p.add_argument("--labels", help=f"comma-separated labels to keep ({', '.join(schema.LABELS)})")
    p.add_argument("--limit", type=int, default=None,
                   help=f"node limit; larger subgraphs are trimmed, closest first (default: the format's: {_limits()})")
    p.add_argument("--title", help="figure / deck / page title")
    p.add_argument("--dpi", type=int, default=200, help="PNG (and PPTX figure) resolution, 50-600 (default 200)")
    p.add_argument("--layout", default="auto", choices=LAYOUTS,
                   help="auto: radial around --focus, else layered; dot uses Graphviz when installed")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    p.set_defaults(func=run)


def _default_title(args, data) -> str:
    """A slide title in the reader's words: node names, not ids (ids the subgraph lacks stay as given)."""
    def name(i: str) -> str:
        return data.nodes.get(i, {}).get("name", i)

    if args.category:
        return name(args.category)
    if args.ask:
        return args.ask
    if args.focus:
        return "Around " + ", ".join(name(i) for i in _csv(args.focus))
    return "MLLM Atlas"


def run(args) -> int:
    labels = _csv(args.labels)
    bad = [lab for lab in labels or [] if lab not in schema.NODE_TYPES]
    if bad:
        print(f"error: unknown label(s): {', '.join(bad)}", file=sys.stderr)
        return 2
    depth = args.depth if args.depth is not None else (1 if args.focus else 0)
    if not 0 <= depth <= 6:
        print("error: --depth must be between 0 and 6", file=sys.stderr)
        return 2
    cap = limit_for(args.format)
    limit = cap if args.limit is None else args.limit
    if limit < 1 or limit > cap:
        print(f"error: --limit must be between 1 and {cap} for {args.format}", file=sys.stderr)
        return 2
    if not 50 <= args.dpi <= 600:
        print("error: --dpi must be between 50 and 600", file=sys.stderr)
        return 2
    focus = _csv(args.focus)
    if FORMATS[args.format].binary and args.output is None and sys.stdout.isatty():
        print(f"error: {args.format} is binary; give -o FILE", file=sys.stderr)
        return 2
    with store_from_args(args) as store:
        data = select(store, focus=focus, depth=depth, labels=labels, limit=limit,
                      category=args.category, ask=args.ask)
    if data.note:
        print(f"note: {data.note}", file=sys.stderr)
    options = {}
    if args.format != "json":
        options = {"title": args.title or _default_title(args, data), "focus": focus, "kind": args.layout, "dpi": args.dpi}
    write(data, args.format, args.output, **options)
    if args.output:
        print(f"wrote {len(data.nodes)} nodes, {len(data.edges)} edges to {args.output}", file=sys.stderr)
    return 0
