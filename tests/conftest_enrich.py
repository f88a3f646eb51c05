"""The `server` fixture of the enrichment tests: a local catalogue on 127.0.0.1.

Loaded by the test_enrich_* modules through `pytest_plugins`, so the shared
tests/conftest.py stays untouched.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from enrich_support import catalogue
from fakeserver import FakeServer


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer(catalogue()).start()
    yield fake
    fake.stop()
