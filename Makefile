# The two commands a new user needs: `make run` and `make test`. Both create .venv if missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install bytecode run test server bench bench-1000x validate clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Bytecode for the project's modules, as pip writes it for installed packages: a command then starts
# without compiling ~100 modules (0.6 s), even where PYTHONDONTWRITEBYTECODE is set. Quick when up to date.
bytecode: $(STAMP)
	$(PY) -m compileall -q -j 0 graph ingest ui bench

# The app on the embedded graph (or on Neo4j when NEO4J_URI is set). Port: STREAMLIT_SERVER_PORT or 8501.
run: bytecode
	$(PY) -m streamlit run ui/app.py

test: bytecode
	$(PY) -m pytest

validate: $(STAMP)
	$(PY) -m ingest validate

# A local Bolt server (FalkorDB) for users without Neo4j; prints the NEO4J_URI to use.
server: $(STAMP)
	$(PY) -m graph.store.server

bench: bytecode
	$(PY) -m bench

# The synthetic atlas at 1000x (~700,000 nodes) as well: generating and validating it takes several minutes.
bench-1000x: bytecode
	BENCH_1000X=1 $(PY) -m bench bench_scale

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
