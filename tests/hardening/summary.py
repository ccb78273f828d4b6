"""The numbers issue 11 asks for, gathered from the hardening tests into one JSON file.

Each test adds its counts with `record(key, value)`; the file is read, merged and written
again, so tests in other processes (the browser and load tests) add to the same summary.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

_DATABASE = "postgresql" if os.environ.get("FORUM_TEST_DATABASE_URI") else "sqlite"
SUMMARY = Path(os.environ.get("FORUM_HARDENING_SUMMARY", f"/tmp/hardening-summary-{_DATABASE}.json"))
SUMMED = ("hostile_inputs_tried", "hostile_500s_seen", "hostile_executable_pages")


def start_session() -> None:
    """Zero the counters that tests add to, so a run does not count the previous one's inputs."""
    for key in SUMMED:
        record(key, 0)


def record(key: str, value) -> None:
    try:
        data = json.loads(SUMMARY.read_text())
    except (OSError, ValueError):
        data = {}
    data[key] = value
    SUMMARY.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
    print(f"[hardening] {key} = {value}")


def add(key: str, value: int) -> None:
    try:
        current = json.loads(SUMMARY.read_text()).get(key, 0)
    except (OSError, ValueError):
        current = 0
    record(key, current + value)
