"""`python -m bench` (make bench): run every bench module's main() in one process, then write the report."""
from __future__ import annotations

import importlib
import sys

MODULES = ("bench.bench_cli", "bench.bench_cypher", "bench.bench_core", "bench.bench_ask", "bench.bench_scale",
           "bench.bench_corpus", "bench.bench_paths", "bench.bench_export", "bench.bench_ingest", "bench.bench_app",
           "bench.bench_browser")


def main(argv: list[str]) -> int:
    only = set(argv)
    failed = []
    for name in MODULES:
        if only and name.split(".")[-1] not in only:
            continue
        print(f"\n## {name}\n", flush=True)
        try:
            importlib.import_module(name).main()
        except Exception as exc:  # a bench that breaks must not hide the others' figures
            failed.append(name)
            print(f"{name} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
    from bench.report import main as report

    report()
    return 1 if failed else 0


raise SystemExit(main(sys.argv[1:]))
