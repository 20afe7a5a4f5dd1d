"""Cache entries that cannot run code: each is signed (HMAC-SHA256) with a key kept in the user's own config
directory, read only from a directory the user owns and nobody else may write, and unpickled only after the
signature holds, by an unpickler that builds nothing but plain containers and the project's own classes.

A file planted in the cache directory (a clone that ships ``.cache/``, another account on a shared machine) has
no valid signature and is rebuilt; the key never leaves the machine (mode 0600, never printed or exported).
"""
from __future__ import annotations

import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat
import sys
from pathlib import Path

MAGIC = b"MLLM-ATLAS-CACHE 2\n"
KEY_ENV = "MLLM_ATLAS_KEY_DIR"  # where the key lives (default: $XDG_CONFIG_HOME/mllm-atlas or ~/.config/mllm-atlas)
_SAFE_BUILTINS = {"set", "frozenset", "dict", "list", "tuple", "str", "bytes", "bytearray", "int", "float",
                  "complex", "bool", "slice", "range", "object"}
_SAFE_GLOBALS = {("copyreg", "_reconstructor"), ("collections", "OrderedDict"), ("collections", "defaultdict"),
                 ("collections", "deque"), ("collections", "Counter"), ("ahocorasick", "Automaton")}
_warned: set[str] = set()


class UnsafeCache(Exception):
    """A cache directory or key that another account could have written: the cache is not used."""


def warn(message: str) -> None:
    """One line on stderr, once per process and message (the command's own output stays as it is)."""
    if message not in _warned:
        _warned.add(message)
        print(f"cache: {message}", file=sys.stderr)


def private(path: Path, *, readable_by_others: bool = True) -> bool:
    """Whether ``path`` is owned by this user and writable by nobody else (nor readable, when not allowed)."""
    st = path.lstat()
    if stat.S_ISLNK(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
        return False
    mask = 0o022 if readable_by_others else 0o077
    return not st.st_mode & mask


def key_dir() -> Path:
    env = os.environ.get(KEY_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "mllm-atlas"


_keys: dict[str, bytes] = {}


def key() -> bytes:
    """This user's cache key (32 random bytes), created on first use; UnsafeCache when it cannot be trusted."""
    directory = key_dir()
    path = directory / "cache.key"
    cached = _keys.get(str(path))
    if cached:
        return cached
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(directory):
            raise UnsafeCache(f"{directory} is not yours or is writable by others")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
        if not private(path, readable_by_others=False):
            raise UnsafeCache(f"{path} is not yours or others can read it")
        value = path.read_bytes()
    except OSError as exc:
        raise UnsafeCache(f"no key ({exc})") from None
    if len(value) != 32:
        raise UnsafeCache(f"{path} is not a key (expected 32 bytes)")
    _keys[str(path)] = value
    return value


def usable_dir(directory: Path) -> bool:
    """Whether ``directory`` may hold cache entries: created private if missing, else owned by this user and
    writable by nobody else. Says why not, once."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if private(directory):
            return True
    except OSError as exc:
        warn(f"{directory} cannot be used ({exc}); running without the cache")
        return False
    warn(f"{directory} is not yours or is writable by others; running without the cache")
    return False


def _mac(k: bytes, name: str, payload: bytes) -> bytes:
    return hmac.new(k, MAGIC + name.encode() + b"\0" + payload, hashlib.sha256).digest()


def dumps(obj, name: str) -> bytes:
    """The signed bytes of ``obj`` for the entry called ``name`` (a file name: an entry cannot be renamed)."""
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC + _mac(key(), name, payload) + payload


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        ok = (module == "builtins" and name in _SAFE_BUILTINS) or (module, name) in _SAFE_GLOBALS
        if not ok and (module == "graph" or module.startswith("graph.")):
            obj = super().find_class(module, name)
            if isinstance(obj, type):
                return obj
        if ok:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


def loads(blob: bytes, name: str):
    """The object of a signed entry; ValueError when it is not one this user's key signed."""
    head = len(MAGIC)
    if blob[:head] != MAGIC or len(blob) < head + 32:
        raise ValueError("not a signed cache entry")
    mac, payload = blob[head:head + 32], blob[head + 32:]
    if not hmac.compare_digest(mac, _mac(key(), name, payload)):
        raise ValueError("its signature does not match this user's key")
    return _Unpickler(io.BytesIO(payload)).load()
