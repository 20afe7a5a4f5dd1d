"""`python -m graph ask "QUESTION" [--json] [--ignore WORD ...]`: a plain-words question, its interpretation,
results with evidence (or a count, a ranking, a comparison, a value or a yes/no with its sources), and the Cypher it became. A question with
words the atlas cannot place is withheld: exit 1, the words and did-you-mean candidates printed;
``--ignore`` leaves those words out and says so."""
from __future__ import annotations

import json

from graph.cli import add_store_options, store_from_args

EXIT_WITHHELD = 1  # not answered: the words it could not place are printed


def register(sub) -> None:
    p = sub.add_parser("ask", help="ask the graph in plain words (shows the Cypher it became)")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.add_argument("--paths", type=int, default=1, help="evidence paths shown per constraint (text mode)")
    p.add_argument("--ignore", action="append", default=[], metavar="WORD",
                   help="leave this word of the question out (repeatable); the interpretation says so")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.ask import ask

    with store_from_args(args) as store:
        r = ask(store, args.question, ignore=tuple(args.ignore))
    if args.json:
        print(json.dumps(r.to_json(), indent=2, ensure_ascii=False, default=str))
        return 0 if r.answered else EXIT_WITHHELD
    if not r.answered:
        print(f"Not answered: {r.withheld_reason}")
        for u in r.unplaced:
            sugg = ", ".join(f"{s['name']} ({s['id']})" for s in u["suggestions"])
            where = f" ({u['mentioned']})" if u.get("mentioned") else " (not in the atlas)" if u.get("not_in_atlas") else ""
            print(f"  '{u['text']}': {u['reason']}{where}" + (f"; did you mean: {sugg}?" if sugg else ""))
        if r.unplaced:
            words = " ".join(f"--ignore '{u['text']}'" for u in r.unplaced)
            print(f"\nRephrase, or run again with {words} to leave them out.")
        return EXIT_WITHHELD
    print(f"Interpretation ({r.backend}):\n{r.interpretation}")
    for n in r.notes:
        print(f"  note: {n}")
    print()
    if r.kind in ("value", "yesno") and r.value:
        print(r.value["sentence"])
        for v in r.value["values"]:
            refs = "; ".join(x["ref"] for x in v.get("sources", []))
            print(f"  {v['text']}" + (f"  [{refs}]" if refs else ""))
    elif r.kind == "comparison":
        _comparison(r)
    elif not r.results:
        print(f"No results: {r.empty_reason}")
    else:
        if r.kind == "count":
            print(f"{r.count} {r.query.target.lower()}(s)")
        w = max(len(x.id) for x in r.results)
        print(f"{len(r.results)} result(s)" + (" (ranked)" if r.kind == "ranking" else ""))
        for x in r.results:
            value = f"  [{x.value}]" if x.value is not None else ""
            print(f"  {x.id:<{w}}  {x.name}{value}")
            for ev in x.evidence:
                if ev.absent:
                    print(f"      {ev.constraint}: no such path")
                elif ev.property is not None:
                    print(f"      {ev.property} = {ev.value!r}")
                else:
                    for p in ev.paths[: args.paths]:
                        print(f"      {p['text']}")
                    if ev.total_paths > args.paths:
                        print(f"      (+{ev.total_paths - args.paths} more)")
    if r.cypher:
        print("\nCypher:")
        print(r.cypher)
        print("params: " + json.dumps(r.params, ensure_ascii=False))
    return 0


def _comparison(r) -> None:
    c = r.comparison
    a, b = c["items"]
    print(f"{a} vs {b}")
    print("Shared properties:")
    for k, v in c["shared"]["properties"].items():
        print(f"  {k}: {v!r}")
    print("Differing properties:")
    for k, v in c["differing"]["properties"].items():
        print(f"  {k}: {v.get(a)!r} | {v.get(b)!r}")
    print(f"Shared relationships ({len(c['shared']['relationships'])}):")
    for x in c["shared"]["relationships"]:
        print(f"  {x['type']} {'->' if x['dir'] == 'out' else '<-'} {x['other']['name']} ({x['other']['id']})")
    for item in (a, b):
        only = c["differing"]["relationships"][item]
        print(f"Only {item} ({len(only)}):")
        for x in only:
            print(f"  {x['type']} {'->' if x['dir'] == 'out' else '<-'} {x['other']['name']} ({x['other']['id']})")
    for e in c["between"]:
        print(f"Between them: {e['source']} -[:{e['type']}]-> {e['target']}")
