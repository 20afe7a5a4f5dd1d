"""`python -m graph path FROM TO [--max-hops N] [--types T,...] [--k K] [--json]`: how two entities are connected."""
from __future__ import annotations

import json
import sys

from graph import paths as P
from graph.cli import add_store_options, store_from_args


def register(sub) -> None:
    p = sub.add_parser("path", help="the shortest paths between two entities (ids or names)")
    p.add_argument("source", metavar="FROM", help="an id, or a name / alias")
    p.add_argument("target", metavar="TO", help="an id, or a name / alias")
    p.add_argument("--max-hops", type=int, default=P.DEFAULT_HOPS, help=f"1-{P.MAX_HOPS} (default {P.DEFAULT_HOPS})")
    p.add_argument("--types", default=None, help="only these relationship types, comma-separated")
    p.add_argument("--k", type=int, default=P.DEFAULT_K, help=f"how many paths, 1-{P.MAX_K} (default {P.DEFAULT_K})")
    p.add_argument("--json", action="store_true")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    types = [t for t in args.types.split(",")] if args.types is not None else None
    # bad bounds or types are refused before any connection
    P.check_bound("--max-hops", args.max_hops, 1, P.MAX_HOPS), P.check_bound("--k", args.k, 1, P.MAX_K)
    P.check_types(types)
    from graph.search.resolve import resolve

    with store_from_args(args) as store:
        source, target = resolve(store, args.source), resolve(store, args.target)
        result = store.paths(source, target, max_hops=args.max_hops, types=types, k=args.k)
        names = {i: n.get("name", "") for i, n in store.subgraph(result.node_ids() or [source, target]).nodes.items()}
    if args.json:
        print(json.dumps({**result.to_dict(), "backend": store.backend,
                          "names": {i: names.get(i, "") for i in result.node_ids() or [source, target]}},
                         indent=2, ensure_ascii=False))
        return 0
    title = f"{names.get(source, source)} ({source}) -> {names.get(target, target)} ({target})"
    if not result.paths:
        print(f"{title}: {result.note}", file=sys.stderr)
        return 1
    print(f"{title}: {len(result.paths)} path(s), up to {result.max_hops} hops")
    for i, p in enumerate(result.paths, 1):
        print(f"{i:>3}. ({p.length} hop{'s' if p.length > 1 else ''}) {p.text()}")
    if result.note:
        print(f"note: {result.note}")
    return 0
