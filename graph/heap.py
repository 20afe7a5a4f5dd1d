"""Keep what is loaded once out of the garbage collector's reach: ``settle()`` after a graph, an index or a
parser is built or read.

A full collection walks every tracked object; with a loaded graph of 70,000 nodes (a million dicts and
lists) each walk takes a second, and it lands on whichever question happened to be answering (the bench's
p99 at 100x was 100 times its median). ``gc.freeze()`` moves everything alive now to a permanent generation
that collections skip; objects made later are collected as usual. Nothing it freezes is freed by the
collector, which is right for data kept for the life of the process (a store, its indexes, the parser).
"""
from __future__ import annotations

import gc


def settle() -> None:
    """Move every object alive now out of the collector's reach (``gc.freeze``)."""
    gc.freeze()
