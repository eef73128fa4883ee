"""The content generation: every worker sees a change at once, whatever the cache."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from django.core.cache import cache

from masthead.core import generation

LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def in_process_cache(settings: Any) -> None:
    settings.CACHES = LOCAL


@pytest.mark.usefixtures("in_process_cache")
def test_bump_moves_the_generation_on():
    before = generation.current()
    generation.bump()
    assert generation.current() != before


@pytest.mark.usefixtures("in_process_cache")
def test_two_quick_bumps_are_told_apart():
    """File times are too coarse for this, so the file's content is the version."""
    generation.bump()
    first = generation.current()
    generation.bump()
    assert generation.current() != first


@pytest.mark.usefixtures("in_process_cache")
def test_with_an_in_process_cache_the_generation_lives_outside_it():
    generation.bump()
    before = generation.current()
    cache.clear()
    assert generation.current() == before


@pytest.mark.usefixtures("in_process_cache")
def test_another_process_sees_the_same_generation(settings: Any):
    """Two gunicorn workers: a bump in one is what the other reads."""
    generation.bump()
    code = (
        "import django; django.setup();"
        "from masthead.core import generation; print(generation.current())"
    )
    env = {
        "MASTHEAD_DATA": str(settings.DATA_DIR),
        "CACHE_URL": "locmem://",
        "DJANGO_SETTINGS_MODULE": "masthead.config.settings",
    }
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == generation.current()


def test_with_a_shared_cache_the_generation_lives_in_it(settings: Any):
    backend = "django.core.cache.backends.filebased.FileBasedCache"
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": str(settings.DATA_DIR / "cache")}
    }
    generation.bump()
    assert cache.get(generation.KEY) == generation.current()
    assert not (settings.DATA_DIR / generation.FILE_NAME).exists()


@pytest.mark.usefixtures("in_process_cache")
def test_coalesced_bumps_wait_for_the_interval_and_the_end():
    before = generation.current()
    with generation.coalesced(every=3600):
        for _ in range(50):
            generation.bump()
        assert generation.current() == before  # held: readers still see the old version
    assert generation.current() != before  # the end moves it on once


@pytest.mark.usefixtures("in_process_cache")
def test_coalesced_bumps_move_on_once_the_interval_has_passed(monkeypatch):
    clock = iter(range(0, 1000, 2))  # every reading of the clock is 2 s later
    monkeypatch.setattr(generation.time, "monotonic", lambda: next(clock))
    before = generation.current()
    with generation.coalesced(every=1.0):
        generation.bump()
        during = generation.current()
    assert during != before


@pytest.mark.usefixtures("in_process_cache")
def test_a_coalesced_block_without_bumps_leaves_the_version_alone():
    before = generation.current()
    with generation.coalesced():
        pass
    assert generation.current() == before
