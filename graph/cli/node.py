"""`python -m graph show ID` and `python -m graph lineage ID`: one entity, or its model/dataset family."""
from __future__ import annotations

import json
import sys

from graph.cli import add_store_options, store_from_args


def register(sub) -> None:
    p = sub.add_parser("show", help="one node with its relationships")
    add_store_options(p)
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_show)

    q = sub.add_parser("lineage", help="ancestors and descendants over DERIVED_FROM")
    add_store_options(q)
    q.add_argument("id")
    q.add_argument("--direction", choices=["both", "ancestors", "descendants"], default="both")
    q.add_argument("--with-methods", action="store_true", help="also the methods applied to each member")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_lineage)


def _missing(node_id: str) -> int:
    print(f"error: unknown id {node_id!r} (try: python -m graph search ...)", file=sys.stderr)
    return 1


def run_show(args) -> int:
    with store_from_args(args) as store:
        node = store.get_node(args.id)
        if node is None:
            return _missing(args.id)
        hood = store.neighbourhood([args.id], depth=1)
    edges = [e for e in hood.edges if args.id in (e["source"], e["target"])]
    if args.json:
        print(json.dumps({"node": node, "edges": edges}, indent=2, ensure_ascii=False))
        return 0
    print(f"{node['name']}  ({node['label']}, {node['id']})")
    for k, v in node.items():
        if k not in ("id", "label", "name"):
            print(f"  {k}: {v}")
    for e in edges:
        other = e["target"] if e["source"] == args.id else e["source"]
        arrow = "->" if e["source"] == args.id else "<-"
        role = f" ({e['role']})" if e.get("role") else ""
        print(f"  {arrow} {e['type']}{role} {other}   [{', '.join(e['provenance'])}]")
    return 0


def run_lineage(args) -> int:
    with store_from_args(args) as store:
        if store.get_node(args.id) is None:
            return _missing(args.id)
        data = store.lineage(args.id, args.direction, with_methods=args.with_methods)
    if args.json:
        print(json.dumps(data.to_json(), indent=2, ensure_ascii=False))
        return 0
    for e in data.edges:
        print(f"{e['source']} -[{e['type']}]-> {e['target']}")
    return 0
