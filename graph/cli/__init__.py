"""`python -m graph`: one subcommand per module of this package, each a thin shell over graph/.

A subcommand module defines ``register(subparsers)``; it adds its parser and sets ``func``.
Errors a user can fix (bad id, server down, bad query) print one line to stderr and exit 1 or 2.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from graph.store import BACKENDS, StoreError, open_store

COMMAND_MODULES = ("stats", "schema_cmd", "node", "export", "search", "ask", "cypher", "path", "similar")
# the command each word names, so a run imports only its own module (a test keeps this in step with register())
COMMANDS = {"stats": "stats", "schema": "schema_cmd", "show": "node", "lineage": "node", "export": "export",
            "search": "search", "ask": "ask", "cypher": "cypher", "path": "path", "similar": "similar"}


def add_store_options(p: argparse.ArgumentParser) -> None:
    """--backend and --data, shared by every command that reads the graph."""
    p.add_argument("--backend", choices=BACKENDS, default=None,
                   help="embedded (default) or neo4j (default when NEO4J_URI is set)")
    p.add_argument("--data", default=None, help="seed_data directory for the embedded store")
    p.add_argument("--survey-only", action="store_true",
                   help="only the survey's graph (leave out the works added after it)")


def store_from_args(args):
    """The store the options name (Bolt connection from the NEO4J_* variables)."""
    return open_store(args.backend, data_dir=args.data, survey_only=getattr(args, "survey_only", False))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or (``command``) of that one only: a run imports just what it uses."""
    p = argparse.ArgumentParser(prog="python -m graph", description="Query and export the MLLM Atlas graph.")
    sub = p.add_subparsers(dest="command", required=True)
    modules = [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES
    for name in modules:
        importlib.import_module(f"graph.cli.{name}").register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    from graph.seed.errors import DataError

    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    try:
        return args.func(args) or 0
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # input the command cannot take (too long, malformed parameter)
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
