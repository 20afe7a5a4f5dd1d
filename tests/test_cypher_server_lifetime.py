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


def test_a_cypher_command_leaves_no_server_behind(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("NEO4J_URI", None)
    out = subprocess.run([sys.executable, "-m", "graph", "cypher", "MATCH (n:Model) RETURN count(n) AS n",
                          "--format", "json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert '"n"' in out.stdout
    assert not _processes_in(tmp_path), "a private FalkorDB outlived `graph cypher`"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("mllm-atlas-cypher-")]


def test_the_check_sees_a_running_server(tmp_path):
    """The probe above is real: a server started and not stopped is found in its temp dir."""
    code = ("import sys; from graph.seed.validate import load_dataset; from graph.store.falkordb_local import for_data;"
            "data = load_dataset(None); srv = for_data(data, None); print(srv.proc.pid); sys.stdout.flush(); import os; os._exit(0)")
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    pid = int(out.stdout.split()[-1])
    try:
        assert pid in _processes_in(tmp_path)
    finally:
        os.kill(pid, 9)
