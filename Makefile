# The two commands a new user needs: `make run` and `make test`. Both create .venv if missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test server bench validate clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# The app on the embedded graph (or on Neo4j when NEO4J_URI is set). Port: STREAMLIT_SERVER_PORT or 8501.
run: $(STAMP)
	$(PY) -m streamlit run ui/app.py

test: $(STAMP)
	$(PY) -m pytest

validate: $(STAMP)
	$(PY) -m ingest validate

# A local Bolt server (FalkorDB) for users without Neo4j; prints the NEO4J_URI to use.
server: $(STAMP)
	$(PY) -m graph.server

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
