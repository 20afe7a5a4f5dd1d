"""Shared fixtures: the seed data, the embedded store, and ``store`` (every test that takes it runs on the
embedded store and, marked ``bolt``, on the Bolt test server). The Bolt server fixtures live in
tests/bolt_fixtures.py (a pytest plugin).

Markers (pytest.ini): ``bolt`` needs the Bolt server (started by the tests themselves), ``browser`` drives
headless Chromium against the real app, ``slow`` is a long property run or a whole-process test. The quick
loop is ``pytest -m "not bolt and not browser and not slow"``. Any test that asks for a Bolt fixture is
marked ``bolt`` here, whatever its file says, so the quick loop never starts a server.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.store.embedded import EmbeddedStore
from graph.seed.validate import DEFAULT_DATA_DIR, load_dataset

pytest_plugins = ["tests.bolt_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BOLT_FIXTURES = {"bolt_server", "bolt_loaded", "bolt_store", "scratch_bolt"}
STORES = ["embedded", pytest.param("bolt", marks=pytest.mark.bolt)]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BOLT_FIXTURES & set(getattr(item, "fixturenames", ())) and "bolt" not in item.keywords:
            item.add_marker(pytest.mark.bolt)


@pytest.fixture(scope="session")
def seed_data():
    """The validated project seed data (GraphData)."""
    return load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def embedded_store(seed_data):
    """The embedded store over the project seed data."""
    return EmbeddedStore.from_data(seed_data)


@pytest.fixture(params=STORES)
def store(request):
    """The seed graph on each backend: the embedded store, then the Bolt test server (marked ``bolt``)."""
    return request.getfixturevalue("embedded_store" if request.param == "embedded" else "bolt_store")
