"""`python -m graph ...`: run one command, then leave without tearing the interpreter down.

Stores are closed and files written by the time ``main`` returns, and the private servers a command
started (the console's FalkorDB) are stopped before leaving; what is left is freeing every object of
the loaded graph, parser and indexes one by one, some 40-90 ms of a command that answers in 200. So the
output is flushed and the process ends with ``os._exit``. ``main()`` itself (tests, other callers) is
untouched by this.
"""
import os
import sys

from graph.cli import main
from graph.store import release_servers

code = main()
release_servers()  # os._exit skips atexit: a private Cypher server would outlive the command
try:
    sys.stdout.flush()
    sys.stderr.flush()
except BrokenPipeError:  # `python -m graph ... | head`: the reader left, as the commands allow
    pass
os._exit(code)
