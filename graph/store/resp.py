"""A minimal client for the redis protocol (RESP2), enough to speak to a FalkorDB server natively:
commands out as arrays of bulk strings, replies in as Python values, error replies as RespError.

The private FalkorDB of the embedded store's console (graph/store/falkordb_local.py) and the Bolt
store's error detail (GRAPH.EXPLAIN) use it; no redis client library is needed for so little.
"""
from __future__ import annotations

import socket


class RespError(Exception):
    """An error reply from the server (its own message, e.g. a Cypher syntax error with line and column)."""


class RespConnection:
    """One connection to ``host:port``; ``command(*args)`` sends one command and returns its reply."""

    def __init__(self, port: int, host: str = "127.0.0.1", timeout: float | None = 10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._file = self.sock.makefile("rb")

    def command(self, *args, timeout: float | None = None):
        """The reply to one command; RespError for an error reply, OSError when the connection fails."""
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            b = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(b), b))
        if timeout is not None:
            self.sock.settimeout(timeout)
        self.sock.sendall(b"".join(out))
        reply = self._read()
        if isinstance(reply, RespError):
            raise reply
        return reply

    def _read(self):
        line = self._file.readline()
        if not line.endswith(b"\r\n"):
            raise ConnectionError("the server closed the connection")
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            return RespError(rest.decode(errors="replace"))
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self._file.read(n + 2)
            if len(data) != n + 2:
                raise ConnectionError("the server closed the connection")
            return data[:-2].decode(errors="replace")
        if kind in (b"*", b"~", b">"):
            n = int(rest)
            return None if n < 0 else [self._read() for _ in range(n)]
        # RESP3 (after HELLO 3): doubles at full precision, maps, null, booleans, verbatim strings
        if kind == b",":
            return float(rest)
        if kind == b"%":
            return {self._read(): self._read() for _ in range(int(rest))}
        if kind == b"_":
            return None
        if kind == b"#":
            return rest == b"t"
        if kind == b"(":
            return int(rest)
        if kind == b"=":
            data = self._file.read(int(rest) + 2)
            return data[4:-2].decode(errors="replace")
        raise ConnectionError(f"unexpected reply from the server: {line[:40]!r}")

    def close(self) -> None:
        try:
            self._file.close()
            self.sock.close()
        except OSError:
            pass
