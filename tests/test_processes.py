"""Work spread over processes: how many, in which parts, and every worker with the caller's profile."""
from __future__ import annotations

import os

from wiretrace import processes
from wiretrace.resources import active_profile, profile


def test_one_process_per_core_from_the_layers_threshold(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert processes.workers(999, 1000) == 1
    assert processes.workers(1000, 1000) == 3
    assert processes.workers(5000, 1000, allowed=False) == 1
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # unknown: one process
    assert processes.workers(5000, 1000) == 1


def test_parts_are_consecutive_four_per_worker_and_cover_every_item():
    items = list(range(10))
    assert processes.parts(items, 2) == [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]
    assert processes.parts(list(range(17)), 2) == [list(range(0, 3)), list(range(3, 6)), list(range(6, 9)),
                                                   list(range(9, 12)), list(range(12, 15)), [15, 16]]
    assert processes.parts([7], 4) == [[7]] and processes.parts([], 2) == []


_state = None


def _remember(value) -> None:
    global _state
    _state = value


def _seen(_) -> tuple:
    return str(active_profile()), _state


def test_workers_start_with_the_callers_profile_then_the_layers_state(tmp_path):
    folder = tmp_path / "invented-profile"
    folder.mkdir()
    (folder / "spelling_variants.csv").write_text("variant,canonical,kind\nkorwell,korvel,translit\n",
                                                  encoding="utf-8")
    with profile(folder):
        with processes.pool(2, _remember, ("harbour ledger",)) as executor:
            seen = set(executor.map(_seen, range(4)))
    assert seen == {(str(folder.resolve()), "harbour ledger")}
    assert active_profile() is None
