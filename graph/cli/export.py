"""`python -m graph export --format F [--focus ID[,ID]] [--depth N] [--labels L,..] [-o FILE]`."""
from __future__ import annotations

import sys

from graph import schema
from graph.cli import add_store_options, store_from_args
from graph.export import FORMATS, select, write
from graph.store.base import NODE_LIMIT


def _csv(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def register(sub) -> None:
    p = sub.add_parser("export", help="export the graph or a subgraph")
    add_store_options(p)
    p.add_argument("--format", default="json", choices=sorted(FORMATS))
    p.add_argument("--focus", help="comma-separated node ids; their neighbourhood is exported")
    p.add_argument("--depth", type=int, default=1)
    p.add_argument("--labels", help=f"comma-separated labels to keep ({', '.join(schema.LABELS)})")
    p.add_argument("--limit", type=int, default=NODE_LIMIT, help="node limit; larger subgraphs are trimmed")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    p.set_defaults(func=run)


def run(args) -> int:
    labels = _csv(args.labels)
    bad = [lab for lab in labels or [] if lab not in schema.NODE_TYPES]
    if bad:
        print(f"error: unknown label(s): {', '.join(bad)}", file=sys.stderr)
        return 2
    if not 0 <= args.depth <= 6:
        print("error: --depth must be between 0 and 6", file=sys.stderr)
        return 2
    with store_from_args(args) as store:
        data = select(store, focus=_csv(args.focus), depth=args.depth, labels=labels, limit=args.limit)
    if data.note:
        print(f"note: {data.note}", file=sys.stderr)
    write(data, args.format, args.output)
    if args.output:
        print(f"wrote {len(data.nodes)} nodes, {len(data.edges)} edges to {args.output}", file=sys.stderr)
    return 0
