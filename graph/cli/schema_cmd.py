"""`python -m graph schema [--json | --markdown]`: the schema, the single source of truth, as data or docs."""
from __future__ import annotations

import json

from graph import schema


def markdown() -> str:
    """The data-model tables the README embeds (a test keeps the README in step with the schema)."""
    lines = ["| label | seed file | id | properties |", "| --- | --- | --- | --- |"]
    for nt in schema.NODE_TYPES.values():
        props = ", ".join(p.name + ("*" if p.required else "") for p in nt.props) or "—"
        lines.append(f"| {nt.label} | `seed_data/{nt.file}` | `{nt.prefix}:<slug>` | {props} |")
    lines += ["", "| relationship | record field | from | to | properties |", "| --- | --- | --- | --- | --- |"]
    for rt in schema.REL_TYPES.values():
        field = f"`{rt.field}`" + (f" (or `{rt.inverse_field}` on the target)" if rt.inverse_field else "")
        props = ", ".join(p.name + ("*" if p.required else "") for p in rt.all_props)
        lines.append(f"| {rt.type} | {field} | {', '.join(rt.sources)} | {', '.join(rt.targets)} | {props} |")
    return "\n".join(lines)


def register(sub) -> None:
    p = sub.add_parser("schema", help="labels, relationship types and properties")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args) -> int:
    print(json.dumps(schema.as_dict(), indent=2, ensure_ascii=False) if args.json else markdown())
    return 0
