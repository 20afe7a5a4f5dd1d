"""`python -m graph stats [--json]`: counts per label and relationship type."""
from __future__ import annotations

import json

from graph.cli import add_store_options, store_from_args


def register(sub) -> None:
    p = sub.add_parser("stats", help="counts per label and relationship type")
    add_store_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args) -> int:
    with store_from_args(args) as store:
        counts = store.stats()
    if args.json:
        print(json.dumps({"backend": store.backend, **counts}, indent=2, ensure_ascii=False))
        return 0
    print(f"{counts['total_nodes']} nodes, {counts['total_relationships']} relationships ({store.backend})")
    for label, n in counts["nodes"].items():
        print(f"  {label:<14}{n:>6}")
    for rtype, n in counts["relationships"].items():
        print(f"  {rtype:<16}{n:>6}")
    return 0
