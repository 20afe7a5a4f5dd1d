"""The app's load harness: the library workload (ask and export tasks), sessions in threads started together,
a real ``streamlit run ui/app.py`` on a free loopback port, plain HTTP clients, and browser-less sessions over
Streamlit's websocket protocol. tests/test_concurrency.py asserts with it (every concurrent answer equals the
single-threaded one); bench/bench_app.py times it.
"""
from __future__ import annotations

import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent.parent
APP = ROOT / "ui" / "app.py"
SESSIONS = 20

# Representative URL state per page (what a shared link would carry).
PAGE_PARAMS = {
    "ask": {"q": "What is BLOOMZ derived from?"},
    "explore": {"id": "model:bloomz", "depth": "1"},
    "lineage": {"id": "model:bloomz"},
    "taxonomy": {},
    "evolution": {},
    "coverage": {},
    "compare": {"ids": "model:bloomz,model:mt0"},
    "cypher": {"query": "MATCH (m:Model) RETURN m.id AS id, m.name AS name ORDER BY id LIMIT 25"},
}

QUESTIONS = [
    "Which PFA methods use code-switching on low-resource languages?",
    "What is BLOOMZ derived from?",
    "Which datasets are used for SFT alignment?",
    "Which papers address the hallucination frontier?",
    "Which models cover Swahili?",
]
EXPORTS = [  # (focus ids, depth, format)
    (["model:bloomz"], 1, "json"),
    (["cat:pfa"], 1, "json"),
    (["model:bloomz"], 1, "svg"),
    (["lang:swh"], 1, "svg"),
]


def app_pages() -> list[str]:
    """The page url names of ui/app.py, in its order."""
    return re.findall(r'^\s+\("(\w+)", "[^"]+", "screens/', APP.read_text(encoding="utf-8"), re.M)


# --- the library workload -------------------------------------------------------------------------
def canonical_answer(result) -> str:
    """An Ask result as canonical JSON (so two answers compare by content)."""
    data = result.to_json() if hasattr(result, "to_json") else result
    if isinstance(data, str):
        data = json.loads(data)
    if isinstance(data, dict):  # timings are not part of the answer
        data = {k: v for k, v in data.items() if k not in ("elapsed", "elapsed_ms", "timing", "timings")}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def workload(store) -> list[tuple[str, Callable[[], object]]]:
    """(name, task) pairs: ask each question, export each subgraph; a task returns a comparable value."""
    from graph.ask.run import ask
    from graph.draw.selection import select
    from ui.views.exporting import export_bytes

    tasks: list[tuple[str, Callable[[], object]]] = []
    for q in QUESTIONS:
        tasks.append((f"ask: {q}", lambda q=q: canonical_answer(ask(store, q))))
    for focus, depth, fmt in EXPORTS:
        def export(focus=focus, depth=depth, fmt=fmt):
            data = select(store, focus=focus, depth=depth)
            return export_bytes(data, fmt, focus=focus, title=", ".join(focus))
        tasks.append((f"export {fmt}: {','.join(focus)}", export))
    return tasks


def run_sessions(tasks, sessions: int, rounds: int = 1, seed: int = 0):
    """Run every task ``rounds`` times in each of ``sessions`` threads started together (a barrier),
    each session in its own shuffled order. Returns (results, latencies): results[session][task name] is
    the list of values (or ``("error", repr)``) and latencies[task name] the samples in ms."""
    barrier = threading.Barrier(sessions)
    results: list[dict[str, list]] = [dict() for _ in range(sessions)]
    latencies: dict[str, list[float]] = {name: [] for name, _ in tasks}
    lock = threading.Lock()

    def session(i: int) -> None:
        order = [t for _ in range(rounds) for t in tasks]
        random.Random(seed + i).shuffle(order)
        barrier.wait()
        for name, fn in order:
            t = time.perf_counter()
            try:
                value = fn()
            except Exception as exc:  # noqa: BLE001 - recorded; the test compares it with the reference
                value = ("error", f"{type(exc).__name__}: {exc}")
            ms = (time.perf_counter() - t) * 1000
            results[i].setdefault(name, []).append(value)
            with lock:
                latencies[name].append(ms)

    with ThreadPoolExecutor(max_workers=sessions) as pool:
        for f in [pool.submit(session, i) for i in range(sessions)]:
            f.result()
    return results, latencies


# --- a real Streamlit server ----------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - loopback only
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


SERVER_PIDS: dict[str, int] = {}  # base URL -> the process id of the server streamlit_server started there


@contextmanager
def streamlit_server(env: dict | None = None, timeout: float = 60, launcher: list[str] | None = None):
    """``streamlit run ui/app.py`` on a free loopback port; yields its base URL (its process id in
    SERVER_PIDS); stops it afterwards. ``launcher`` replaces ``-m streamlit`` (tests/support/hostile.py
    starts it with the seed checks off)."""
    port = free_port()
    cmd = [sys.executable, *(launcher or ["-m", "streamlit"]), "run", str(APP), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
                raise RuntimeError(f"streamlit exited with {proc.returncode}: {out[-2000:]}")
            try:
                if _get(base + "/_stcore/health", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer on {base} within {timeout} s")
            time.sleep(0.2)
        SERVER_PIDS[base] = proc.pid
        yield base
    finally:
        SERVER_PIDS.pop(base, None)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


HTTP_PATHS = ["/_stcore/health", "/", "/?page=explore&id=model:bloomz", "/?page=ask&q=What+is+BLOOMZ+derived+from%3F"]


def http_clients(base: str, clients: int, rounds: int = 5, paths=HTTP_PATHS):
    """``clients`` threads, started together, each GETting every path ``rounds`` times.
    Returns (responses, latencies): responses[client] is a list of (path, status, body) and latencies
    the samples in ms."""
    barrier = threading.Barrier(clients)
    responses: list[list] = [[] for _ in range(clients)]
    samples: list[float] = []
    lock = threading.Lock()

    def client(i: int) -> None:
        barrier.wait()
        for _ in range(rounds):
            for p in paths:
                t = time.perf_counter()
                try:
                    status, body = _get(base + p)
                except OSError as exc:
                    status, body = -1, repr(exc).encode()
                ms = (time.perf_counter() - t) * 1000
                responses[i].append((p, status, body))
                with lock:
                    samples.append(ms)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        for f in [pool.submit(client, i) for i in range(clients)]:
            f.result()
    return responses, samples


# --- real app sessions over Streamlit's websocket -------------------------------------------------------
def _describe(el) -> tuple[str, str]:
    kind = el.WhichOneof("type") or ""
    body = getattr(el, kind, None)
    for attr in ("body", "code_text", "label", "message"):
        if body is not None and hasattr(body, attr) and getattr(body, attr):
            return kind, str(getattr(body, attr))
    return kind, ""


async def _app_session(base: str, query_string: str, select: dict | None = None, timeout: float = 120) -> dict:
    """One browser-less session: open the websocket, run the script for ``query_string``, collect what it
    shows (headings, alerts, exceptions) and fetch every download button's bytes while the session lives
    (a deferred one through a backend operation request, as a click does).
    With ``select`` ({selectbox label: option}), rerun once more with those choices (as a reader picking,
    say, the SVG export format) and collect that run's downloads too."""
    import asyncio

    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    out = {"query": query_string, "headings": [], "alerts": [], "exceptions": [], "downloads": {}, "runs_ms": []}
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    t0 = time.perf_counter()
    session: dict = {}
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout) as ws:
        async def run(widgets: dict) -> dict:
            msg = BackMsg()
            msg.rerun_script.query_string = query_string
            for wid, value in widgets.items():
                w = msg.rerun_script.widget_states.widgets.add()
                w.id, w.string_value = wid, value
            t = time.perf_counter()
            await ws.send(msg.SerializeToString())
            media, boxes = {}, {}
            while True:
                fm = ForwardMsg()
                fm.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
                kind = fm.WhichOneof("type")
                if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                    el = fm.delta.new_element
                    el_kind, text = _describe(el)
                    if el_kind == "heading":
                        out["headings"].append(text)
                    elif el_kind == "alert":
                        out["alerts"].append(text)
                    elif el_kind == "exception":
                        out["exceptions"].append(f"{el.exception.type}: {el.exception.message}")
                    elif el_kind == "download_button":
                        db = el.download_button
                        media[db.label] = (db.url, db.deferred_file_id if db.HasField("deferred_file_id") else "")
                    elif el_kind == "selectbox":
                        boxes[el.selectbox.label] = el.selectbox.id
                elif kind == "new_session":
                    session["id"] = fm.new_session.initialize.session_id
                elif kind == "script_finished":
                    break
            out["runs_ms"].append((time.perf_counter() - t) * 1000)
            for label, (path, deferred) in media.items():  # fetched before the next run releases them
                if deferred:  # written on click: ask the server for it, as the browser does
                    path = await _deferred_url(ws, session["id"], deferred, timeout)
                status, body = await asyncio.to_thread(_get, base + path) if path else (None, b"")
                out["downloads"][label] = body if status == 200 else ("http", status)
            return boxes

        boxes = await run({})
        if select:
            missing = [label for label in select if label not in boxes]
            if missing:
                out["exceptions"].append(f"no selectbox {missing} on the page")
            else:
                await run({boxes[label]: value for label, value in select.items()})
    out["total_ms"] = (time.perf_counter() - t0) * 1000
    return out


async def _deferred_url(ws, session_id: str, file_id: str, timeout: float) -> str:
    """The URL of a deferred download (written by the server on this request), as a click asks for it."""
    import asyncio

    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    req = msg.backend_operation_request
    req.request_id, req.session_id, req.deferred_file.file_id = f"dl-{file_id}", session_id, file_id
    await ws.send(msg.SerializeToString())
    while True:
        fm = ForwardMsg()
        fm.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
        if fm.WhichOneof("type") == "backend_operation_response" and fm.backend_operation_response.request_id == req.request_id:
            r = fm.backend_operation_response
            if r.error_msg:
                raise RuntimeError(f"deferred download {file_id}: {r.error_msg}")
            return r.deferred_file.url


def app_sessions(base: str, query_strings: list[str], clients: int, rounds: int = 1,
                 select: dict | None = None) -> list[list[dict]]:
    """``clients`` concurrent websocket clients, started together, each opening one session per query string
    (``rounds`` times, in its own order). Returns, per client, the session records of ``_app_session``."""
    import asyncio

    async def client(i: int, start: "asyncio.Event") -> list[dict]:
        order = [q for _ in range(rounds) for q in query_strings]
        random.Random(i).shuffle(order)
        await start.wait()
        records = []
        for q in order:
            try:
                records.append(await _app_session(base, q, select))
            except Exception as exc:  # noqa: BLE001 - recorded; the test reports it
                records.append({"query": q, "error": f"{type(exc).__name__}: {exc}"})
        return records

    async def main() -> list[list[dict]]:
        start = asyncio.Event()
        tasks = [asyncio.create_task(client(i, start)) for i in range(clients)]
        await asyncio.sleep(0)
        start.set()
        return list(await asyncio.gather(*tasks))

    return asyncio.run(main())


def session_round(base: str, query_strings: list[str], select: dict | None = None) -> list[dict]:
    """One browser-less session per query string, all started together (20 readers arriving at once, each
    with their own link); the records of ``_app_session`` in the order given (an error recorded, not raised)."""
    import asyncio

    async def one(q: str) -> dict:
        try:
            return await _app_session(base, q, select)
        except Exception as exc:  # noqa: BLE001 - recorded; the caller counts it
            return {"query": q, "error": f"{type(exc).__name__}: {exc}"}

    async def main() -> list[dict]:
        return list(await asyncio.gather(*(one(q) for q in query_strings)))

    return asyncio.run(main())


def session_errors(records: list[dict]) -> list[str]:
    """What went wrong in these sessions: a failed connection or run, an exception shown, a failed download."""
    out = []
    for r in records:
        if r.get("error") or r.get("exceptions"):
            out.append(f"{r['query']}: {r.get('error') or r['exceptions'][:1]}")
        elif any(isinstance(b, tuple) for b in r.get("downloads", {}).values()):
            out.append(f"{r['query']}: a download failed {r['downloads']}")
    return out


def ask_query_string(question: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"page": "ask", "q": question})


# --- the benchmark ----------------------------------------------------------------------------------
