"""The console's private FalkorDB lives no longer than the command that started it: `python -m graph` leaves
with os._exit (no atexit), so it stops the server itself. Found by the processes a command's temp dir holds."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _processes_in(directory: Path) -> list[int]:
    """Pids whose working directory is inside ``directory`` (the private server runs in its temp dir)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cwd = os.readlink(proc / "cwd")
        except OSError:
            continue
        if cwd.startswith(str(directory)):
            found.append(int(proc.name))
    return found


def _gone_within(directory: Path, seconds: float) -> list[int]:
    """The processes still in ``directory`` after waiting up to ``seconds`` for them to go (a killed process
    group takes a moment to leave /proc): a bound on waiting, not a timing assertion."""
    import time

    deadline = time.monotonic() + seconds
    while (left := _processes_in(directory)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_a_cypher_command_leaves_no_server_behind(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("NEO4J_URI", None)
    out = subprocess.run([sys.executable, "-m", "graph", "cypher", "MATCH (n:Model) RETURN count(n) AS n",
                          "--format", "json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert '"n"' in out.stdout
    assert not _gone_within(tmp_path, 5), "a private FalkorDB outlived `graph cypher`"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("mllm-atlas-cypher-")]


def _outlives_killed_owner(code: str, args: list[str], directory: Path, env: dict | None = None) -> list[int]:
    """Run ``code`` (it starts a server in ``directory`` and prints its pid), SIGKILL it (no atexit, no
    finally), and return the processes still in ``directory`` after a bounded wait."""
    import signal

    owner = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             text=True)
    try:
        pid = int(owner.stdout.readline())
        assert pid in _processes_in(directory)
        owner.send_signal(signal.SIGKILL)
        owner.wait(10)
        return _gone_within(directory, 20)
    finally:
        owner.kill()
        for left in _processes_in(directory):
            os.kill(left, signal.SIGKILL)


def test_a_server_whose_owner_is_killed_goes_too(tmp_path):
    """An owner killed outright takes its private server with it."""
    code = ("import sys, time; from graph.seed.validate import load_dataset; from graph.store.falkordb_local import "
            "for_data; data = load_dataset(None); srv = for_data(data, None); print(srv.proc.pid, flush=True); "
            "time.sleep(600)")
    left = _outlives_killed_owner(code, [], tmp_path, {**os.environ, "TMPDIR": str(tmp_path)})
    assert not left, "the private server outlived its killed owner"


def test_a_local_bolt_server_whose_owner_is_killed_goes_too(tmp_path):
    """The local Bolt server (tests, bench, `make server`) also stops with the process that started it, so a
    killed pytest or bench leaves no FalkorDB running."""
    data_dir = tmp_path / "data"
    code = ("from graph.store.server import start_local_server; import sys, time; "
            "srv = start_local_server(data_dir=sys.argv[1]); print(srv.pid, flush=True); time.sleep(600)")
    assert not _outlives_killed_owner(code, [str(data_dir)], data_dir), \
        "the local Bolt server outlived its killed owner"
