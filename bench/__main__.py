"""`python -m bench` (make bench): run every bench module's main() in one process, then write the report.

``python -m bench bench_scale bench_app`` runs only those. The time each module took is saved beside the
figures (results.json["run"]), so RESULTS.md says what a whole `make bench` costs and where it goes.
"""
from __future__ import annotations

import importlib
import os
import sys
import time

MODULES = ("bench.bench_cli", "bench.bench_cypher", "bench.bench_core", "bench.bench_ask", "bench.bench_scale",
           "bench.bench_corpus", "bench.bench_paths", "bench.bench_export", "bench.bench_ingest", "bench.bench_app",
           "bench.bench_browser")
BUDGET_S = 600  # a whole `make bench` at 1x and 100x (issue 25); 1000x is behind BENCH_1000X


def main(argv: list[str]) -> int:
    from bench.common import save, table

    only = set(argv)
    failed, took = [], []
    start = time.perf_counter()
    for name in MODULES:
        if only and name.split(".")[-1] not in only:
            continue
        print(f"\n## {name}\n", flush=True)
        t0 = time.perf_counter()
        try:
            importlib.import_module(name).main()
        except (Exception, SystemExit) as exc:  # a bench that breaks must not hide the others' figures
            failed.append(name)
            print(f"{name} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        took.append([name.split(".")[-1], f"{time.perf_counter() - t0:.0f}", "failed" if name in failed else "ok"])
    total = time.perf_counter() - start
    if not only:  # a partial run does not say what a whole one costs
        scales = "1x, 10x, 100x" + (", 1000x" if os.environ.get("BENCH_1000X") else "")
        save("run", {"title": "make bench: time per module", "headers": ["module", "seconds", "result"],
                     "rows": took + [["all", f"{total:.0f}", f"budget {BUDGET_S} s: "
                                      + ("holds" if total <= BUDGET_S else "over")]],
                     "notes": f"One `make bench` run ({scales}); the load average when it ended: "
                              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}."})
    print(table(["module", "seconds", "result"], took))
    from bench.report import main as report

    report()
    return 1 if failed else 0


raise SystemExit(main(sys.argv[1:]))
