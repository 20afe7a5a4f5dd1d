"""`python -m graph cypher "QUERY" [--param k=v ...] [--format table|json|csv]`: the read-only Cypher console.

``--param`` values are read as JSON when they parse (numbers, true/false, lists, maps), else as strings.
``--file queries/lineage.cypher`` runs a canned query; no query at all opens the interactive shell
(graph/cli/cypher_shell.py). Writes are refused; every query has a time limit (``--timeout``) and a row
cap (``--limit``).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from graph.cli import add_store_options, store_from_args
from graph.cypher.console import ROW_CAP, TIMEOUT_S, run_cypher
from graph.cypher.guard import MAX_QUERY_CHARS
from graph.safe_text import nests_deeper

MAX_PARAM_DEPTH = 16  # a parameter's JSON nests at most this deep (json.loads recurses per level)
MAX_TIMEOUT_S, MAX_ROWS = 600.0, 100_000


def parse_params(items: list[str]) -> dict:
    out = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ValueError(f"--param wants key=value, got {item[:60]!r}")
        if len(value) > MAX_QUERY_CHARS:
            raise ValueError(f"--param {key[:40]}: {len(value):,} characters; at most {MAX_QUERY_CHARS:,}")
        if nests_deeper(value, MAX_PARAM_DEPTH):
            raise ValueError(f"--param {key[:40]}: nested deeper than {MAX_PARAM_DEPTH} levels")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def _options_problem(args) -> str | None:
    """Why --timeout or --limit cannot be used (None when both can)."""
    import math

    if not (math.isfinite(args.timeout) and 0 < args.timeout <= MAX_TIMEOUT_S):
        return f"--timeout must be more than 0 and at most {MAX_TIMEOUT_S:g} seconds (got {args.timeout:g})"
    if not 0 < args.limit <= MAX_ROWS:
        return f"--limit must be between 1 and {MAX_ROWS:,} rows (got {args.limit})"
    return None


def _read_query(args) -> str:
    """The query text: the argument, or the --file (missing, unreadable or too large: ValueError, one line)."""
    if not args.file:
        return args.query
    path = Path(args.file)
    try:
        if path.stat().st_size > 4 * MAX_QUERY_CHARS:
            raise ValueError(f"{args.file}: {path.stat().st_size:,} bytes is no console query")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"{args.file}: no such file") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{args.file}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ValueError(f"{args.file}: {exc.strerror or exc}") from None


def register(sub) -> None:
    p = sub.add_parser("cypher", help="run a read-only Cypher query (time limit, row cap)")
    p.add_argument("query", nargs="?", help="the query (or use --file)")
    p.add_argument("--file", help="a .cypher file, e.g. queries/lineage.cypher")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--timeout", type=float, default=TIMEOUT_S, help=f"seconds (default {TIMEOUT_S:g})")
    p.add_argument("--limit", type=int, default=ROW_CAP, help=f"row cap (default {ROW_CAP})")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table", help="output (default table)")
    p.add_argument("--json", action="store_true", help="the same as --format json")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    problem = _options_problem(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        query = _read_query(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        args.format = "json"
    try:
        params = parse_params(args.param)
        with store_from_args(args) as store:
            if not query:  # cypher-shell's way: queries typed (or piped) one after another
                from graph.cli.cypher_shell import shell

                return shell(store, args, params, render)
            r = run_cypher(store, query, params, timeout_s=args.timeout, row_cap=args.limit)
    except ValueError as exc:  # WriteRefused, UnknownName, UnsupportedCypher, CypherError, GuardError, bad --param
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return render(r, args.format)


def _cell(v) -> str:
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)


def render(r, fmt: str) -> int:
    """Print a ReadResult as a table, JSON or CSV; 3 when the time limit stopped it, else 0."""
    if fmt == "json":
        print(json.dumps(r.to_json(), indent=2, ensure_ascii=False, default=str))
        return 3 if r.stopped else 0
    if r.stopped:
        print(r.note, file=sys.stderr if fmt == "csv" else sys.stdout)
        return 3
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(r.columns)
        w.writerows([[("" if v is None else _cell(v)) for v in row] for row in r.rows])
        if r.note:
            print(r.note, file=sys.stderr)
        return 0
    if r.columns:
        cells = [[_cell(v) for v in row] for row in r.rows]
        widths = [min(60, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(r.columns)]
        print(" | ".join(c.ljust(w) for c, w in zip(r.columns, widths)).rstrip())
        print("-+-".join("-" * w for w in widths))
        for row in cells:
            print(" | ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
    print(f"({len(r.rows)} row(s), {r.elapsed * 1000:.0f} ms, {r.backend}){'; ' + r.note if r.note else ''}")
    return 0
