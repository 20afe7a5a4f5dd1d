"""Shared fixtures. The Bolt server fixtures live in tests/bolt_fixtures.py (a pytest plugin)."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.store.embedded import EmbeddedStore
from ingest.validate import DEFAULT_DATA_DIR, load_dataset

pytest_plugins = ["tests.bolt_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_data():
    """The validated project seed data (GraphData)."""
    return load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def embedded_store(seed_data):
    """The embedded store over the project seed data."""
    return EmbeddedStore.from_data(seed_data)
