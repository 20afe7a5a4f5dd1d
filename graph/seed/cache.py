"""The validated seed graph, cached on disk so a command starts without re-reading and re-validating YAML.

The cache key is a hash of every seed file (names and bytes) and of the code that reads and validates
them (graph.schema, graph.schema.model, graph/seed/*.py), so an entry is never stale: change either and the next
start rebuilds. Writes go to a temporary file then ``os.replace``, so two processes starting together
both read a whole file (or rebuild), never half of one. A cache that cannot be written is skipped: the
answer is the same, only slower.

No entry can run code (graph/seed/signed.py): each is signed with a key in the user's own config directory
and unpickled only when the signature holds, by an unpickler limited to plain containers and the project's
classes; a directory that is not the user's, or that others may write, is not used; an entry that fails in
any way (a foreign file, a bad signature, a truncated or corrupt one, MemoryError) is rebuilt with one line
on stderr.

>>> from graph.seed.cache import load_cached
>>> data = load_cached()          # doctest: +SKIP
>>> sorted(data.counts()["nodes"])[:2]  # doctest: +SKIP
['Category', 'Dataset']
"""
from __future__ import annotations

import gc
import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from graph.schema.model import GraphData
from graph.seed import signed

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA_DIR = ROOT / "seed_data"
CACHE_ENV = "MLLM_ATLAS_CACHE_DIR"  # where entries go; "off" disables the cache
FORMAT = 2  # bump when the stored shape changes (2: signed entries)
MAX_ENTRY = 2 << 30  # bytes; a larger file is not an entry this code wrote
KEEP = 8  # entries kept per cache directory (the newest)
_CODE = [ROOT / "graph" / "schema" / "__init__.py", ROOT / "graph" / "schema" / "types.py", ROOT / "graph" / "schema" / "model.py"]
_CODE_DIRS = [Path(__file__).resolve().parent]


def cache_dir() -> Path | None:
    """The cache directory (``$MLLM_ATLAS_CACHE_DIR``, default ``.cache/`` in the project), None when off."""
    env = os.environ.get(CACHE_ENV)
    if env and env.lower() == "off":
        return None
    return Path(env) if env else ROOT / ".cache"


def _files(data_dir: Path) -> list[Path]:
    seeds = sorted(p for p in data_dir.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))
    code = _CODE + sorted(p for d in _CODE_DIRS if d.is_dir() for p in d.glob("*.py"))
    return seeds + code


def fingerprint(data_dir: Path | str | None = None) -> str:
    """Hex digest of the seed files under ``data_dir`` and of the reading code (what a cache entry is keyed by)."""
    data_dir = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for p in _files(data_dir):
        rel = p.relative_to(data_dir) if p.is_relative_to(data_dir) else p.relative_to(ROOT)
        h.update(f"\0{rel.as_posix()}\0".encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:32]


@contextmanager
def gc_paused():
    """The cyclic garbage collector paused while a large structure is built (read back, indexed): the
    allocations would trigger collections that walk every container built so far, again and again."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _read(directory: Path, path: Path, check=None):
    """The object of the signed entry at ``path`` (None when absent); any failure is said and gives None."""
    try:
        if not path.exists():
            return None
        if not signed.usable_dir(directory):
            return None
        size = path.stat().st_size
        if size > MAX_ENTRY:
            raise ValueError(f"{size} bytes is more than an entry holds")
        blob = path.read_bytes()
        with gc_paused():
            obj = signed.loads(blob, path.name)
        if check is not None and not check(obj):
            raise ValueError(f"it holds a {type(obj).__name__}")
        return obj
    except signed.UnsafeCache as exc:
        signed.warn(f"{exc}; running without the cache")
    except Exception as exc:  # noqa: BLE001 - MemoryError and RecursionError included: rebuilt, never trusted
        signed.warn(f"{path.name} could not be read ({type(exc).__name__}: {str(exc)[:200]}); rebuilt")
    return None


def _write(directory: Path, path: Path, data) -> None:
    try:
        if not signed.usable_dir(directory):
            return
        blob = signed.dumps(data, path.name)
        fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        kind = path.name.split("-", 1)[0]
        entries = sorted(directory.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except signed.UnsafeCache as exc:
        signed.warn(f"{exc}; running without the cache")
    except OSError:
        pass  # read-only checkout, full disk: run uncached


def load_cached(data_dir: Path | str | None = None) -> GraphData:
    """The validated GraphData of ``data_dir`` (default seed_data), from the cache when its key matches.

    A miss reads and validates the YAML (DataError on bad data, never cached) and stores the result.
    """
    return load_keyed(data_dir)[0]


def load_keyed(data_dir: Path | str | None = None) -> tuple[GraphData, str | None]:
    """``load_cached`` and the fingerprint it was keyed by (None when the cache is off): what other
    artefacts built from the same data (a parser, an executor index) are cached under."""
    data_dir = Path(data_dir).resolve() if data_dir else DEFAULT_DATA_DIR
    directory = cache_dir()
    path = key = None
    if directory is not None and data_dir.is_dir():
        key = fingerprint(data_dir)
        path = directory / f"graph-{key}.pickle"
        hit = _read(directory, path, lambda obj: isinstance(obj, GraphData))
        if hit is not None:
            return hit, key
    # the slow path: YAML, pydantic, ISO 639 tables
    from graph.seed.validate import load_dataset

    data = load_dataset(data_dir)
    if path is not None:
        _write(directory, path, data)
    return data, key


def entry_key(data_dir: Path | str | None = None) -> str | None:
    """The fingerprint of ``data_dir`` when its validated graph is in the cache (None when it is not, or the
    cache is off): a store may then open without reading it, as the data was validated when it was stored."""
    data_dir = Path(data_dir).resolve() if data_dir else DEFAULT_DATA_DIR
    directory = cache_dir()
    if directory is None or not data_dir.is_dir():
        return None
    key = fingerprint(data_dir)
    return key if (directory / f"graph-{key}.pickle").is_file() else None


def save_cached(data: GraphData, data_dir: Path | str | None = None) -> str | None:
    """Store ``data``, read and validated from ``data_dir`` by the caller (graph.seed.validate.load_dataset), as
    that directory's cache entry, so it is not read a second time; returns the key (None: cache off)."""
    data_dir = Path(data_dir).resolve() if data_dir else DEFAULT_DATA_DIR
    directory = cache_dir()
    if directory is None or not data_dir.is_dir():
        return None
    key = fingerprint(data_dir)
    _write(directory, directory / f"graph-{key}.pickle", data)
    return key


def code_fingerprint(*modules: str) -> str:
    """Hex digest of the source of ``modules`` (dotted names of project modules or packages): part of the
    key of an artefact built by that code, so changing the code rebuilds it."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in modules:
        path = ROOT.joinpath(*name.split("."))
        files = sorted(path.glob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
        for f in files:
            h.update(f"\0{f.relative_to(ROOT).as_posix()}\0".encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def library_fingerprint(*names: str) -> str:
    """Hex digest of where installed libraries live and when their files were written (top-level module
    names): part of the key of an artefact holding their tables, so upgrading one rebuilds it. Found
    without importing them."""
    from importlib.util import find_spec

    h = hashlib.sha256()
    for name in names:
        spec = find_spec(name)
        origin = spec.origin if spec else None
        if origin and os.path.exists(origin):
            st = os.stat(origin)
            h.update(f"{name}\0{origin}\0{st.st_mtime_ns}\0{st.st_size}\n".encode())
        else:
            h.update(f"{name}\0missing\n".encode())
    return h.hexdigest()[:12]


def cached_artifact(kind: str, key: str | None, build, check=None):
    """``build()``, kept on disk as ``<kind>-<key>.pickle`` beside the graph cache and read back while the
    key matches (``check(obj)`` must hold for a read to count). No key or no cache: just ``build()``."""
    directory = cache_dir()
    if key is None or directory is None:
        return build()
    path = directory / f"{kind}-{key}.pickle"
    obj = _read(directory, path, check)
    if obj is not None:
        return obj
    obj = build()
    _write(directory, path, obj)
    return obj
