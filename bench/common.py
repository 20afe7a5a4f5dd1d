"""Timing and reporting shared by the bench modules: median/p95, the machine, results.json, Markdown.

Figures are measured side by side in one run and written to bench/results.json (one key per module);
bench/report.py turns that file into bench/RESULTS.md and the README table.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Callable

RESULTS = Path(__file__).resolve().parent / "results.json"


def machine() -> dict:
    """What the figures ran on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem, "python": platform.python_version(),
            "platform": platform.platform()}


def timed(fn: Callable, repeat: int = 20, warmup: int = 1) -> dict:
    """Median and p95 wall time of ``fn()`` in milliseconds over ``repeat`` runs."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return summarise(samples)


def summarise(samples_ms: list[float]) -> dict:
    """Median, p95, min, max and n of samples in milliseconds."""
    s = sorted(samples_ms)
    p95 = s[min(len(s) - 1, max(0, round(0.95 * len(s)) - 1))]
    return {"median_ms": round(statistics.median(s), 3), "p95_ms": round(p95, 3), "min_ms": round(s[0], 3),
            "max_ms": round(s[-1], 3), "n": len(s)}


def save(key: str, payload: dict) -> None:
    """Merge ``payload`` under ``key`` into results.json, keeping the other modules' keys."""
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data[key] = {"machine": machine(), "measured_at": time.strftime("%Y-%m-%d %H:%M:%S"), **payload}
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)
