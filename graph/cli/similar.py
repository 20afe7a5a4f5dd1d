"""`python -m graph similar ID [--limit N] [--method adamic_adar|jaccard] [--json]`: more like this, with reasons."""
from __future__ import annotations

import json
import sys

from graph.cli import add_store_options, store_from_args
from graph.similar import METHODS


def register(sub) -> None:
    p = sub.add_parser("similar", help="the papers, models, methods or data sets most like one, by shared neighbours")
    p.add_argument("id", help="an id, or a name / alias")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--method", choices=METHODS, default="adamic_adar")
    p.add_argument("--json", action="store_true")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.search.resolve import resolve
    from graph.similar import similar

    with store_from_args(args) as store:
        result = similar(store, resolve(store, args.id), limit=args.limit, method=args.method)
    if args.json:
        print(json.dumps({**result.to_dict(), "backend": store.backend}, indent=2, ensure_ascii=False))
        return 0
    if not result.results:
        print(f"nothing shares a neighbour with {result.name} ({result.focus})", file=sys.stderr)
        return 1
    print(f"most like {result.name} ({result.focus}), {result.method.replace('_', '-')}:")
    for i, r in enumerate(result.results, 1):
        print(f"{i:>3}. {r.score:8.4f}  {r.id}  {r.name}")
        for t, shared in r.reasons.items():
            print(f"{'':16}{t}: {', '.join(z['id'] for z in shared)}")
    return 0
