"""The app under load, asking different questions: rounds of 20 concurrent browser-less sessions against one
``streamlit run ui/app.py`` (Streamlit's websocket protocol, tests/support/app_load.py), each session asking
its own question on the Ask page and downloading the answer JSON and the graph export. Reports the Ask page run (sent to script finished) alone and under load,
errors, and the server's memory after 20 and after 200 sessions. Writes bench/results.json["load"].
"""
from __future__ import annotations

import time
from pathlib import Path

from bench.common import save, summarise, table
from tests.support.app_load import (SERVER_PIDS, SESSIONS, ask_query_string, session_errors, session_round,
                                     streamlit_server)

ROUNDS = 10  # of SESSIONS concurrent sessions: 200 in all
TARGET_P95_MS = 2000.0


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def main() -> None:
    from bench.atlas_questions import questions
    from graph.seed.cache import load_cached

    items = [it for it in questions(load_cached(), n=8, seed=1) if it["family"] != "paths"]
    queries = [ask_query_string(it["q"]) for it in items]
    with streamlit_server(env={"NEO4J_URI": ""}) as base:
        pid = SERVER_PIDS[base]
        session_round(base, queries[:1])  # opens the store and fills the parser (not timed)
        solo = [r for q in queries[:SESSIONS] for r in session_round(base, [q])]
        rss_start = rss_mib(pid)
        crowd, rss_after = [], {}
        for i in range(ROUNDS):
            batch = [queries[(i * SESSIONS + j) % len(queries)] for j in range(SESSIONS)]
            t0 = time.perf_counter()
            crowd.append(session_round(base, batch))
            print(f"round {i + 1}: {SESSIONS} sessions in {time.perf_counter() - t0:.1f} s, server RSS "
                  f"{rss_mib(pid)} MiB", flush=True)
            rss_after[(i + 1) * SESSIONS] = rss_mib(pid)
    first = crowd[0]
    a = summarise([r["runs_ms"][0] for r in solo if r.get("runs_ms")])
    b = summarise([r["runs_ms"][0] for r in first if r.get("runs_ms")])
    c = summarise([r["runs_ms"][0] for rnd in crowd for r in rnd if r.get("runs_ms")])
    d = summarise([r["total_ms"] for rnd in crowd for r in rnd if r.get("total_ms")])
    errors = [e for rnd in crowd for e in session_errors(rnd)] + session_errors(solo)
    m20, m200 = rss_after[SESSIONS], rss_after[SESSIONS * ROUNDS]
    headers = ["measure", "median / p95 / max (ms)", "sessions"]
    rows = [["Ask page run, one session at a time", f"{a['median_ms']:.0f} / {a['p95_ms']:.0f} / {a['max_ms']:.0f}", a["n"]],
            [f"Ask page run, {SESSIONS} concurrent sessions (first round)",
             f"{b['median_ms']:.0f} / {b['p95_ms']:.0f} / {b['max_ms']:.0f}", b["n"]],
            [f"Ask page run, {ROUNDS} rounds of {SESSIONS} concurrent sessions",
             f"{c['median_ms']:.0f} / {c['p95_ms']:.0f} / {c['max_ms']:.0f}", c["n"]],
            ["whole session (connect, run, 2 downloads), under load",
             f"{d['median_ms']:.0f} / {d['p95_ms']:.0f} / {d['max_ms']:.0f}", d["n"]],
            ["errors (exceptions, failed runs or downloads)", str(len(errors)), c["n"] + a["n"]],
            ["previous: Ask page run, 20 sessions (bench_app, 5 questions, 2026-12-01)", "6436 / 10748 / —", 100],
            ["server RSS (MiB): before the rounds / after 20 / after 200 sessions",
             f"{rss_start:.0f} / {m20:.0f} / {m200:.0f} ({(m200 / m20 - 1) * 100:+.0f}%)", ROUNDS * SESSIONS]]
    notes = (f"One `streamlit run ui/app.py` on the embedded store (seed data); {len(queries)} different questions "
             "composed by bench/atlas_questions.py (lineage, taxonomy x technique x language, data, organisations, "
             "counts, rankings, comparisons), each session asking one on the Ask page and fetching both downloads. "
             f"Targets (issue 25): Ask page p95 under load <= {TARGET_P95_MS:.0f} ms "
             f"({'holds' if c['p95_ms'] <= TARGET_P95_MS else 'not met'}), 0 errors "
             f"({'holds' if not errors else 'not met: ' + '; '.join(errors[:3])}), RSS after 200 within 20% of after "
             f"20 ({'holds' if m200 <= 1.2 * m20 else 'not met'}).")
    save("load", {"title": "App under load: 20 concurrent sessions asking different questions", "headers": headers,
                  "rows": rows, "notes": notes, "rss_after": rss_after})
    print(table(headers, rows))
    print(notes)


if __name__ == "__main__":
    main()
