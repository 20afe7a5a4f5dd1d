"""One scale of bench_scale in its own process (clean memory and collector): ``python -m bench.scale_worker
MODE DIR FACTOR`` prints one JSON object.

Modes: ``yaml`` reads and validates the atlas's seed YAML (and writes the cache entry); ``embedded`` opens
the store as the app does (from the cache), asks the atlas's questions and searches; ``bolt`` loads a local
FalkorDB with ``python -m ingest load`` and asks the same questions through the same Ask.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPEAT = {1: 20, 10: 10, 100: 5, 1000: 3}
SEARCH_TYPOS = 6


def rss_mib(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def _items(data, factor: int) -> list[dict]:
    from bench.atlas_questions import questions

    return questions(data, n=8, seed=factor)


def _typo(name: str) -> str:
    """A name with its middle letter doubled: what a hurried user types."""
    i = len(name) // 2
    return name[:i] + name[i] + name[i:]


def _ask_all(store, items: list[dict], repeat: int) -> tuple[list, list[dict]]:
    """Each question asked once, then ``repeat`` timed times, the searches remembered by the previous ask
    forgotten first: a sample is the question's whole cost, not a memo's."""
    from graph.ask import ask
    from graph.search.fuzzy import forget_searches

    answers, rows = [], []
    for it in items:
        t0 = time.perf_counter()
        a = ask(store, it["q"])
        first = (time.perf_counter() - t0) * 1000
        samples = []
        for _ in range(repeat):
            forget_searches()
            t0 = time.perf_counter()
            ask(store, it["q"])
            samples.append((time.perf_counter() - t0) * 1000)
        answers.append(a)
        v = a.value or {}
        got = (v.get("answer") is not None) if a.kind == "yesno" else len(v.get("values") or []) if a.kind == "value" \
            else len(a.results or [])
        rows.append({"family": it["family"], "q": it["q"], "status": a.status, "kind": a.kind,
                     "results": got, "first_ms": round(first, 2), "samples": samples})
    return answers, rows


def yaml_mode(seed_dir: str) -> dict:
    """Read and validate the YAML once (timed), then write it as the cache entry the other modes open."""
    from graph.seed.cache import save_cached
    from graph.seed.validate import load_dataset

    t0 = time.perf_counter()
    data = load_dataset(seed_dir)
    t_yaml = time.perf_counter() - t0
    rss = rss_mib()
    t0 = time.perf_counter()
    save_cached(data, seed_dir)
    return {"yaml_s": round(t_yaml, 2), "rss_after_yaml_mib": rss, "nodes": len(data.nodes),
            "relationships": len(data.edges), "cache_write_s": round(time.perf_counter() - t0, 2)}


def embedded_mode(seed_dir: str, factor: int) -> dict:
    import gc

    from graph.ask import ask
    from graph.search.fuzzy import forget_searches, search
    from graph.store import open_store

    base = rss_mib()
    t0 = time.perf_counter()
    store = open_store("embedded", data_dir=seed_dir)
    data = store.whole()
    t_open = time.perf_counter() - t0
    t0 = time.perf_counter()
    ask(store, "which models are derived from LLaMA")  # the parser and the executor's index, from the cache
    search(store, "bloom")
    t_ready = time.perf_counter() - t0
    out = {"open_from_cache_s": round(t_open, 2), "first_question_s": round(t_ready, 2),
           "rss_mib": rss_mib(), "rss_above_interpreter_mib": round(rss_mib() - base, 1),
           "gc_frozen": gc.get_freeze_count(), "nodes": len(data.nodes), "relationships": len(data.edges)}
    items = _items(data, factor)
    answers, rows = _ask_all(store, items, REPEAT.get(factor, 3))
    out["questions"] = rows
    if factor == 10:
        from bench.atlas_questions import check_with_reference

        out["reference"] = [{"q": it["q"], "ok": ok, "why": why}
                            for it, ok, why in check_with_reference(answers, items, Path(seed_dir))]
    names = [data.nodes[i]["name"] for i in sorted(data.nodes)[:: max(1, len(data.nodes) // SEARCH_TYPOS)]]
    terms = ["blooom", "code switching", "参数冻结对齐"] + [_typo(n.split(":")[0]) for n in names][:SEARCH_TYPOS]
    out["search"] = []
    for term in terms:
        samples = []
        search(store, term)
        for _ in range(REPEAT.get(factor, 3)):
            forget_searches()
            t0 = time.perf_counter()
            hits = search(store, term)
            samples.append((time.perf_counter() - t0) * 1000)
        out["search"].append({"term": term, "hits": len(hits), "samples": samples})
    out["rss_after_questions_mib"] = rss_mib()
    return out


def bolt_mode(seed_dir: str, factor: int) -> dict:
    from graph.seed.cache import load_cached
    from graph.store.server import start_local_server
    from graph.store import open_store

    srv = start_local_server()
    try:
        base = rss_mib(srv.pid)
        env = {**os.environ, "NEO4J_URI": srv.uri}
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ingest", "load", "--target", "neo4j", "--wipe", "--quiet",
                        "--data", seed_dir], env=env, check=True, stdout=subprocess.DEVNULL)
        out = {"ingest_load_s": round(time.perf_counter() - t0, 1), "server_rss_mib": rss_mib(srv.pid),
               "server_rss_empty_mib": base}
        store = open_store("neo4j", uri=srv.uri)
        try:
            items = _items(load_cached(seed_dir), factor)
            _, rows = _ask_all(store, items, 2 if factor <= 10 else 1)
            out["questions"] = rows
        except Exception as exc:
            raise RuntimeError(f"{exc}; the server's log ends:\n{srv.log_tail(30)}") from exc
        finally:
            store.close()
        return out
    finally:
        srv.stop()


def main(argv: list[str]) -> int:
    mode, seed_dir, factor = argv[0], argv[1], int(argv[2])
    fn = {"yaml": lambda: yaml_mode(seed_dir), "embedded": lambda: embedded_mode(seed_dir, factor),
          "bolt": lambda: bolt_mode(seed_dir, factor)}[mode]
    print(json.dumps(fn()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
