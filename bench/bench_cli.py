"""Whole-process time of the commands people type, beside a bare ``python -c pass`` in the same run.

Each command runs as a fresh process (interpreter start, imports, opening the store, answering), warm
disk cache of the seed graph, runs interleaved so load on the machine falls on all of them alike. The
"above bare" column is what the atlas itself costs. Python keeps its bytecode cache as it does by default
(PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED, if the shell sets them, are dropped); one row shows a run that must compile every
module, as the first run after an edit does.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import save, summarise, table

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {  # name -> argv after the interpreter
    "bare interpreter (python -c pass)": ["-c", "pass"],
    "graph ask 'what is BLOOMZ built on'": ["-m", "graph", "ask", "what is BLOOMZ built on"],
    "graph ask (user's example)": ["-m", "graph", "ask", "which PFA methods use code-switching on low-resource languages"],
    "graph ask '使用代码转换的参数冻结对齐方法'": ["-m", "graph", "ask", "使用代码转换的参数冻结对齐方法"],
    "graph ask 'compare BLOOM and mT5'": ["-m", "graph", "ask", "compare BLOOM and mT5"],
    "graph ask 'open models from Korean labs'": ["-m", "graph", "ask", "open models from Korean labs"],
    "graph search blooom": ["-m", "graph", "search", "blooom"],
    "graph search 参数冻结": ["-m", "graph", "search", "参数冻结"],
    "graph stats": ["-m", "graph", "stats"],
    "graph show model:bloomz": ["-m", "graph", "show", "model:bloomz"],
}
USER_UNSET = ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")  # set by this sandbox's shell, not by a user's
NO_BYTECODE = "graph ask 'what is BLOOMZ built on', no bytecode cache"  # compiles every module, every run


def _run(argv: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, *argv], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - t) * 1000


def measure(runs: int = 15) -> dict[str, dict]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_") and k not in USER_UNSET}
    env["PYTHONPATH"] = str(ROOT)
    for argv in COMMANDS.values():  # warm the disk cache, the bytecode cache and the OS page cache
        _run(argv, env)
    samples: dict[str, list[float]] = {name: [] for name in [*COMMANDS, NO_BYTECODE]}
    with tempfile.TemporaryDirectory() as empty:  # an empty pycache prefix, never written: nothing is cached
        cold = {**env, "PYTHONPYCACHEPREFIX": empty, "PYTHONDONTWRITEBYTECODE": "1"}
        for _ in range(runs):
            for name, argv in COMMANDS.items():
                samples[name].append(_run(argv, env))
            samples[NO_BYTECODE].append(_run(COMMANDS["graph ask 'what is BLOOMZ built on'"], cold))
    return {name: summarise(s) for name, s in samples.items()}


def main() -> None:
    stats = measure()
    bare = stats["bare interpreter (python -c pass)"]["median_ms"]
    rows = [[name, f"{s['median_ms']:.0f}", f"{s['p95_ms']:.0f}", f"{s['median_ms'] - bare:.0f}", s["n"]]
            for name, s in stats.items()]
    headers = ["command", "median (ms)", "p95 (ms)", "median above bare (ms)", "runs"]
    notes = ("Whole processes on the embedded store, seed graph from the disk cache (graph/seed/cache.py); "
             "interleaved runs; Python's bytecode cache as by default, except in the last row. "
             "Target (issue 11): ask and search at most 300 ms above the bare interpreter.")
    save("cli", {"title": "Commands: whole-process time vs a bare interpreter", "headers": headers, "rows": rows,
                 "stats": stats, "notes": notes})
    print(table(headers, rows))


if __name__ == "__main__":
    main()
