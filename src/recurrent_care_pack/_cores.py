"""Cores: spreading the checks of many files over the machine's cores, with the same answer.

The pool's processes are started by a 'forkserver' (a clean process started for the
purpose), never forked from this one: a fork copies whatever locks other threads hold at
that moment, and a child that waits on such a lock waits forever.
"""

import itertools
import os
from collections.abc import Callable, Iterator
from typing import TypeVar

__all__ = ["cores", "on_every_core"]

_In = TypeVar("_In")
_Extra = TypeVar("_Extra")
_Out = TypeVar("_Out")


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def on_every_core(
    work: Callable[[_In, _Extra], _Out], items: list[_In], extra: _Extra, workers: int
) -> Iterator[_Out]:
    """``work(item, extra)`` for each item, in order, spread over ``workers`` processes."""
    # Imported here: a small pack must not pay for importing them.
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    chunk = max(1, len(items) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(work, items, itertools.repeat(extra), chunksize=chunk)
