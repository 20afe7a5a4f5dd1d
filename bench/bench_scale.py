"""Ask at scale with real answers: the synthetic atlas (bench/atlas.py) at 1x, 10x and 100x (1000x with
BENCH_1000X=1), each scale in fresh processes (bench/scale_worker.py): load time from YAML and from the
cache, memory, how many questions were answered with results, ask median/p95/p99, search p95; the Bolt
server (local FalkorDB, ``ingest load``) at the scales in BENCH_BOLT_SCALES (default 1 and 10).

The atlas's seed YAML is written once per scale under .cache/atlas/ (keyed by the generator's code and
the seed data), with its own cache directory so the project's .cache entries are untouched. The bench
checks its own result counts: a scale where fewer than MIN_ANSWERED of the questions answered with
results, or (at 10x) any answer differs from tests/ask_corpus/reference.py, fails the run.
"""
from __future__ import annotations

import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import save, table

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = {1: 5.0, 100: 50.0, 1000: 500.0}
TARGET_SEARCH_P95_MS = {1000: 100.0}
MIN_ANSWERED = 0.9  # share of the questions that must answer with results at every scale
# Before the atlas (bench_ask on bench.synthetic's numbered names, 2026-12-01): most questions were withheld.
PREVIOUS_100X = "7/19 with results (bench_ask, numbered names); p95 124.5 ms, worst question p95 1154 ms (2026-12-01)"


def scales() -> list[int]:
    """BENCH_SCALES (default 1 10 100), and 1000 with BENCH_1000X=1."""
    s = [int(x) for x in os.environ.get("BENCH_SCALES", "1 10 100").split()]
    return s + [1000] if os.environ.get("BENCH_1000X") and 1000 not in s else s


def bolt_scales() -> list[int]:
    return [int(x) for x in os.environ.get("BENCH_BOLT_SCALES", "1 10").split()]


def seed_dir(factor: int) -> Path:
    """The atlas's seed YAML for ``factor`` (1: the project's seed_data), written when missing."""
    if factor == 1:
        return ROOT / "seed_data"
    d = ROOT / ".cache" / "atlas" / f"{factor}x-{atlas_key()}"
    if not (d / "papers.yaml").exists():
        from bench.atlas import atlas, write_seed_dir

        t0 = time.perf_counter()
        write_seed_dir(atlas(factor), d.with_suffix(".tmp"))
        d.with_suffix(".tmp").rename(d)
        print(f"atlas {factor}x generated in {time.perf_counter() - t0:.0f} s: {d}", flush=True)
    return d


def atlas_key() -> str:
    """What an atlas is made from: the generator, the seed YAML, and the schema and validation that read it
    (not the cache's or the store's code: a change there must not regenerate 100x and 1000x, minutes each)."""
    files = [ROOT / "bench" / "atlas.py", ROOT / "graph" / "seed" / "validate.py",
             *sorted((ROOT / "graph" / "schema").glob("*.py")),
             *sorted(p for p in (ROOT / "seed_data").rglob("*") if p.suffix in (".yaml", ".yml"))]
    h = hashlib.sha256()
    for p in files:
        h.update(f"\0{p.relative_to(ROOT).as_posix()}\0".encode() + p.read_bytes())
    return h.hexdigest()[:12]


def worker(mode: str, factor: int) -> dict:
    d = seed_dir(factor)
    # a cache directory per scale: the cache keeps its 8 newest entries, and 1000x must not push out 100x
    env = {**os.environ, "MLLM_ATLAS_CACHE_DIR": str(ROOT / ".cache" / "atlas" / f"cache-{factor}x")}
    if factor == 1:
        env.pop("MLLM_ATLAS_CACHE_DIR")
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "bench.scale_worker", mode, str(d), str(factor)], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError(f"scale_worker {mode} {factor}x failed:\n{p.stderr[-3000:]}")
    out = json.loads(p.stdout.strip().splitlines()[-1])
    out["process_s"] = round(time.perf_counter() - t0, 1)
    return out


def pct(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, round(q * len(s)) - 1))] if s else float("nan")


def summary(rows: list[dict]) -> dict:
    samples = [x for r in rows for x in r["samples"]]
    answered = sum(r["status"] == "answered" and r["results"] > 0 for r in rows)
    # jitter: a question's own p99 over its own median (the collector pausing, not questions costing more)
    jitter = max((pct(r["samples"], 0.99) / max(statistics.median(r["samples"]), 1e-3) for r in rows if r["samples"]),
                 default=float("nan"))
    return {"questions": len(rows), "answered": answered, "median_ms": round(statistics.median(samples), 2),
            "p95_ms": round(pct(samples, 0.95), 2), "p99_ms": round(pct(samples, 0.99), 2), "n": len(samples),
            "worst_question_p99_over_median": round(jitter, 2)}


def main() -> None:
    results, problems = {}, []
    for f in scales():
        r = {"yaml": worker("yaml", f) if f > 1 else None, "embedded": worker("embedded", f)}
        if f in bolt_scales():
            try:
                r["bolt"] = worker("bolt", f)
            except RuntimeError as exc:  # the server died or a question failed: reported, the rest still measured
                r["bolt_error"] = str(exc).strip().splitlines()[-1][:300]
                problems.append(f"{f}x Bolt: {r['bolt_error']}")
        e = r["embedded"]
        e["ask"] = summary(e["questions"])
        e["search_summary"] = summary([{"status": "answered", "results": s["hits"], "samples": s["samples"]}
                                       for s in e["search"]])
        if r.get("bolt"):
            r["bolt"]["ask"] = summary(r["bolt"]["questions"])
        if e["ask"]["answered"] < MIN_ANSWERED * e["ask"]["questions"]:
            problems.append(f"{f}x: only {e['ask']['answered']} of {e['ask']['questions']} answered with results")
        wrong = [x for x in e.get("reference", []) if not x["ok"]]
        if wrong:
            problems.append(f"{f}x: {len(wrong)} answers differ from the reference: {wrong[:3]}")
        r["measured_at"] = time.strftime("%Y-%m-%d %H:%M")
        results[f] = r
        print(f"{f}x: {json.dumps({k: v for k, v in e.items() if k not in ('questions', 'search', 'reference')})}",
              flush=True)
    prev, kept = previous(), _kept()
    for f, r in results.items():  # Bolt not run at a scale this time: its last figures stay, with their date
        old = kept.get(f, {})
        if "bolt" not in r and "bolt_error" not in r and old.get("bolt"):
            r["bolt"] = {**old["bolt"], "measured_at": old["bolt"].get("measured_at", old.get("measured_at", "?"))}
    results = {**{f: r for f, r in kept.items() if f not in results}, **results}  # scales not run this time stay
    results = dict(sorted(results.items()))
    headers, rows = report_rows(results, prev)
    notes = notes_for(results, problems)
    save("scale", {"title": "Ask at scale: the synthetic atlas, answered questions, latency, memory, load time",
                   "headers": headers, "rows": rows, "notes": notes,
                   "scales": {str(f): _slim(r) for f, r in results.items()}})
    print(table(headers, rows))
    print(notes)
    if problems:
        raise SystemExit("bench_scale: " + "; ".join(problems))


def _slim(r: dict) -> dict:
    out = json.loads(json.dumps(r))
    for side in ("embedded", "bolt"):
        for q in (out.get(side) or {}).get("questions", []):
            q["samples"] = [round(x, 2) for x in q["samples"]]
    return out


def _fmt(s: dict) -> str:
    return f"{s['median_ms']:.1f} / {s['p95_ms']:.1f} / {s['p99_ms']:.1f}"


def _kept() -> dict[int, dict]:
    """The last run's per-scale results (a run of some scales keeps the others' figures, with their dates)."""
    from bench.common import RESULTS

    old = json.loads(RESULTS.read_text()).get("scale", {}) if RESULTS.exists() else {}
    return {int(f): r for f, r in old.get("scales", {}).items()}


def previous() -> dict[int, str]:
    """The last run's figures per scale (from bench/results.json), to print beside this run's."""
    from bench.common import RESULTS

    old = json.loads(RESULTS.read_text()).get("scale", {}) if RESULTS.exists() else {}
    out = {}
    for f, r in old.get("scales", {}).items():
        a = r["embedded"]["ask"]
        out[int(f)] = f"{a['answered']}/{a['questions']}; {_fmt(a)} ({r.get('measured_at', old.get('measured_at', ''))[:16]})"
    return out


def report_rows(results: dict, prev: dict[int, str]) -> tuple[list[str], list[list]]:
    headers = ["scale (measured)", "nodes / rels", "answered with results", "ask median / p95 / p99 ms",
               "previous run: answered; median / p95 / p99 ms", "p99 / median: all samples; worst question's own",
               "target p95", "search median / p95 / p99 ms", "load: YAML / cache+first question (s)",
               "memory RSS (MiB)", "Bolt: ingest load (s) / server RSS (MiB) / answered / ask median / p95 / p99 ms"]
    rows = []
    for f, r in results.items():
        e, y, b = r["embedded"], r["yaml"], r.get("bolt")
        a = e["ask"]
        nodes, rels = e["nodes"], e["relationships"]
        t = TARGET_P95_MS.get(f)
        target = f"<= {t:.0f} ms: {'holds' if a['p95_ms'] <= t else 'not'}" if t else "—"
        st = TARGET_SEARCH_P95_MS.get(f)
        srch = _fmt(e["search_summary"]) + (f" (target p95 <= {st:.0f})" if st else "")
        load = f"{y['yaml_s'] if y else '—'} / {e['open_from_cache_s'] + e['first_question_s']:.2f}"
        when = f" (measured {b['measured_at']})" if b and b.get("measured_at") else ""  # carried from a run before
        bolt = (f"{b['ingest_load_s']} / {b['server_rss_mib']:.0f} / {b['ask']['answered']}/{b['ask']['questions']} / "
                f"{_fmt(b['ask'])}{when}") if b else f"failed: {r['bolt_error']}" if r.get("bolt_error") else "—"
        rows.append([f"{f}x ({r.get('measured_at', '?')})", f"{nodes:,} / {rels:,}", f"{a['answered']} / {a['questions']}",
                     _fmt(a), prev.get(f, PREVIOUS_100X if f == 100 else "—"),
                     f"{a['p99_ms'] / max(a['median_ms'], 1e-3):.1f}x; {a.get('worst_question_p99_over_median', float('nan')):.1f}x",
                     target, srch, load,
                     f"{e['rss_mib']:.0f}", bolt])
    return headers, rows


def notes_for(results: dict, problems: list[str]) -> str:
    ref = next((r["embedded"].get("reference") for r in results.values() if r["embedded"].get("reference")), None)
    ref_s = f"At 10x every answer is scored against tests/ask_corpus/reference.py over the atlas's YAML: " \
            f"{sum(x['ok'] for x in ref)} of {len(ref)} right. " if ref else ""
    fams = sorted({q["family"] for r in results.values() for q in r["embedded"]["questions"]})
    return ("Questions: bench/atlas_questions.py, about 8 per family (" + ", ".join(fams) + "), each composed from "
            "a node of that scale's atlas so its answer is non-empty; samples are repeats after a first ask "
            "(1x 20, 10x 10, 100x 5, 1000x 3). 1x is the project's seed data. " + ref_s
            + "p99 / median: over all samples it mixes questions of unlike cost (a lookup beside a ranking "
            "of 13,000 data sets), so it stays far above 3 however steady each question is; the worst question's "
            "own p99 over its own median is the jitter (the collector pausing over a large heap), which the "
            "target of at most 3 is about. "
            + "Load: YAML = read and validate the seed files; cache+first question = open the store from the "
            "disk cache and answer a first question (parser and indexes from the cache). Memory: the process's "
            "RSS with the store open and the question set asked. Bolt: a fresh local FalkorDB (graph.store.server) "
            "loaded with `python -m ingest load --wipe`, the same questions through graph.ask (2 runs each at "
            "1x/10x, 1 at 100x). " + ("Problems: " + "; ".join(problems) if problems else "Result counts checked."))


if __name__ == "__main__":
    main()
