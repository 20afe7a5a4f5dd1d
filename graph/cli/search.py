"""`python -m graph search "TEXT" [--label L] [--limit N] [--json]`: ranked fuzzy matches over names and aliases."""
from __future__ import annotations

import json

from graph import schema
from graph.cli import add_store_options, store_from_args


def register(sub) -> None:
    p = sub.add_parser("search", help="find nodes by name or alias (typos, abbreviations, zh/ko aliases)")
    p.add_argument("text")
    p.add_argument("--label", choices=schema.LABELS, default=None)
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.search.fuzzy import search

    with store_from_args(args) as store:
        hits = search(store, args.text, label=args.label, limit=args.limit)
    if args.json:
        print(json.dumps({"query": args.text, "label": args.label, "backend": store.backend,
                          "results": [h.to_dict() for h in hits]}, indent=2, ensure_ascii=False))
        return 0
    if not hits:
        print(f"no match for {args.text!r}")
        return 1
    w = max(len(h.id) for h in hits)
    for h in hits:
        print(f"{h.score:6.1f}  {h.id:<{w}}  {h.label:<12}  {h.name}   [{h.field}: {h.matched}]")
    return 0
