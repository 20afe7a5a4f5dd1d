"""Ask corpus: accuracy and ask latency (median, p95) per question family on the embedded store.

The corpus is tests/ask_corpus/*.yaml; each expected answer comes from its reference implementation
over the seed YAML (tests/ask_corpus/reference.py). Writes bench/results.json["corpus"].
"""
from __future__ import annotations

from bench.common import machine, save, summarise, table

REPEAT = 5  # timed runs per question, after one warm-up run (the one that is scored)


def measure(store, repeat: int = REPEAT) -> dict:
    """{family: {n, right, accuracy, median_ms, p95_ms}} plus "all", and the wrong questions."""
    import time

    from graph.ask import ask
    from tests.ask_corpus.score import accuracy_by_family, load_corpus, run_corpus

    records = run_corpus(store)  # also the warm-up: parser and indexes built here
    acc = accuracy_by_family(records)
    samples: dict[str, list[float]] = {"all": []}
    for fam, items in load_corpus().items():
        samples[fam] = []
        for item in items:
            for _ in range(repeat):
                t = time.perf_counter()
                try:
                    ask(store, item["q"])
                except Exception:  # a crash is scored as wrong above; its time still counts
                    pass
                ms = (time.perf_counter() - t) * 1000
                samples[fam].append(ms)
                samples["all"].append(ms)
    out = {fam: {**acc[fam], **{k: v for k, v in summarise(s).items() if k in ("median_ms", "p95_ms")}}
           for fam, s in samples.items()}
    return {"families": out, "wrong": [{k: r[k] for k in ("family", "q", "why")} for r in records if not r["ok"]]}


def main() -> dict:
    from graph.store.embedded import EmbeddedStore

    result = measure(EmbeddedStore.from_data_dir())
    fams = result["families"]
    headers = ["family", "questions", "right", "accuracy", "ask median / p95 (ms)"]
    order = sorted(f for f in fams if f != "all") + ["all"]
    rows = [[f if f != "all" else "**all**", fams[f]["n"], fams[f]["right"], f"{fams[f]['accuracy']:.1%}",
             f"{fams[f]['median_ms']:.1f} / {fams[f]['p95_ms']:.1f}"] for f in order]
    import os

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    notes = (f"Embedded store, survey graph. Each question asked once for its answer (scored against "
             f"tests/ask_corpus/reference.py) and {REPEAT} more times for latency. "
             f"{len(result['wrong'])} wrong; `python -m bench bench_corpus` lists them. Load average when "
             f"measured: {load:.1f} on {os.cpu_count()} cores (latencies above 1 per core are inflated).")
    save("corpus", {"title": "Ask corpus: accuracy and latency per family", "headers": headers, "rows": rows,
                    "notes": notes, "families": fams, "wrong": result["wrong"]})
    m = machine()
    print(f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}\n")
    print(table(headers, rows))
    print(notes)
    for w in result["wrong"]:
        print(f"  [{w['family']}] {w['q']!r}: {w['why']}")
    return result


if __name__ == "__main__":
    main()
