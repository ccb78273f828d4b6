"""The numbers issue 11 asks for, gathered from the hardening tests into one JSON file.

Each test adds its counts with `record(key, value)`; the file is read, merged and written
again, so tests in other processes (the browser and load tests) add to the same summary.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

SUMMARY = Path(os.environ.get("FORUM_HARDENING_SUMMARY", "/tmp/hardening-summary.json"))


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
