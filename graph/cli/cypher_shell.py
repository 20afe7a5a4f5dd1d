"""`python -m graph cypher` with no query: an interactive shell as cypher-shell has (a query ends with ``;``,
line editing and history kept in ``.atlas/cypher_history``), or, with its input piped, each ``;``-ended
query of the input in turn. ``:param k => value`` (JSON) sets a parameter, ``:params`` lists them,
``:format table|json|csv`` switches the output, ``:help``, ``:exit``. One store for the whole session.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from graph.cypher.console import run_cypher
from graph.cypher.lexer import GuardError, tokenize

HISTORY = Path(os.environ.get("MLLM_ATLAS_CYPHER_HISTORY", Path(__file__).resolve().parents[2] / ".atlas" / "cypher_history"))
HELP = (":param NAME => VALUE   set a parameter (VALUE as JSON, else a string)   :params   list them\n"
        ":format table|json|csv  :help   :exit (or Ctrl-D)\nEnd a query with ; to run it.")


def _complete(text: str) -> bool:
    """Whether ``text`` holds a whole query ending in ``;`` (a ``;`` inside a string does not count)."""
    if not text.rstrip().endswith(";"):
        return False
    try:
        toks = tokenize(text)
    except GuardError:
        return False  # an open string or comment: keep reading
    return bool(toks) and toks[-1].text == ";"


def _command(line: str, state: dict) -> bool:
    """Run a ``:command``; False to leave the shell."""
    name, _, rest = line[1:].strip().partition(" ")
    name = name.lower()
    if name in ("exit", "quit", "q"):
        return False
    if name == "help":
        print(HELP)
    elif name == "params":
        print(json.dumps(state["params"], ensure_ascii=False))
    elif name == "format" and rest.strip() in ("table", "json", "csv"):
        state["format"] = rest.strip()
    elif name == "param":
        key, sep, value = rest.partition("=>") if "=>" in rest else rest.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key.isidentifier():
            print("error: :param NAME => VALUE", file=sys.stderr)
            return True
        try:
            state["params"][key] = json.loads(value)
        except json.JSONDecodeError:
            state["params"][key] = value.strip("'\"")
    else:
        print(f"error: unknown command {line.split()[0][:30]!r}; :help lists them", file=sys.stderr)
    return True


def shell(store, args, params: dict, render) -> int:
    """Read queries until :exit or end of input; returns the exit code (1 if the last query failed)."""
    interactive = sys.stdin.isatty()
    if interactive:
        try:
            import readline

            HISTORY.parent.mkdir(parents=True, exist_ok=True)
            if HISTORY.exists():
                readline.read_history_file(str(HISTORY))
        except (ImportError, OSError):
            readline = None
        print(f"Cypher on {store.backend}: read-only, {args.timeout:g} s and {args.limit} rows at most. "
              "End a query with ; (:help, :exit)")
    state = {"params": dict(params), "format": args.format}
    buffer, code = "", 0
    while True:
        try:
            line = input("cypher> " if not buffer else "      > ") if interactive else sys.stdin.readline()
        except EOFError:
            break
        except KeyboardInterrupt:
            print()
            buffer = ""
            continue
        if not interactive and line == "":
            break
        line = line.rstrip("\n")
        if not buffer and line.strip().startswith(":"):
            if not _command(line, state):
                break
            continue
        buffer += line + "\n"
        if not _complete(buffer):
            continue
        query, buffer = buffer.strip().rstrip(";"), ""
        try:
            r = run_cypher(store, query, state["params"], timeout_s=args.timeout, row_cap=args.limit)
            code = render(r, state["format"])
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            code = 2
    if interactive and readline is not None:
        try:
            readline.write_history_file(str(HISTORY))
        except OSError:
            pass
    if buffer.strip():
        print("error: the input ended inside a query (end it with ;)", file=sys.stderr)
        return 2
    return code
