"""`python -m graph ask "QUESTION" [--json]`: a plain-words question, its interpretation, results with
evidence, and the Cypher it became (to paste into Neo4j Browser with the params)."""
from __future__ import annotations

import json

from graph.cli import add_store_options, store_from_args


def register(sub) -> None:
    p = sub.add_parser("ask", help="ask the graph in plain words (shows the Cypher it became)")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.add_argument("--paths", type=int, default=1, help="evidence paths shown per constraint (text mode)")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.ask import ask

    with store_from_args(args) as store:
        r = ask(store, args.question)
    if args.json:
        print(json.dumps(r.to_json(), indent=2, ensure_ascii=False, default=str))
        return 0
    print(f"Interpretation ({r.backend}):\n{r.interpretation}")
    for n in r.notes:
        print(f"  note: {n}")
    for u in r.unplaced:
        sugg = ", ".join(f"{s['name']} ({s['id']})" for s in u["suggestions"])
        print(f"  could not place '{u['text']}': {u['reason']}" + (f"; did you mean: {sugg}?" if sugg else ""))
    print()
    if not r.results:
        print(f"No results: {r.empty_reason}")
    else:
        w = max(len(x["id"]) for x in r.results)
        print(f"{len(r.results)} result(s)")
        for x in r.results:
            print(f"  {x['id']:<{w}}  {x['name']}")
            for ev in x["evidence"]:
                if "paths" in ev:
                    for p in ev["paths"][: args.paths]:
                        print(f"      {p['text']}")
                    if ev["total_paths"] > args.paths:
                        print(f"      (+{ev['total_paths'] - args.paths} more)")
                elif ev.get("absent"):
                    print(f"      {ev['constraint']}: no such path")
                else:
                    print(f"      {ev['property']} = {ev['value']!r}")
    print("\nCypher:")
    print(r.cypher)
    print("params: " + json.dumps(r.params, ensure_ascii=False))
    return 0
