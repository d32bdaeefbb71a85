"""Cores: spreading checks over the machine's cores, with the same answer as one at a time.

Two ways: many files are read and checked by a pool of processes (`on_every_core`); a
small pack, checked by a process that has just started, is schema-checked in a forked
child while the parent builds the records (`beside`), so that importing jsonschema and
importing and running cattrs take place side by side rather than in turn.
"""

import gc
import itertools
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from typing import TypeVar

__all__ = ["beside", "cores", "on_every_core", "worth_beside"]

_In = TypeVar("_In")
_Extra = TypeVar("_Extra")
_Out = TypeVar("_Out")

#: Content up to this many bytes may be schema-checked beside the build. Past it, the
#: time to start up is small beside the checks, and the child would copy the content.
BESIDE_UP_TO = 1 << 20


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

    chunk = max(1, len(items) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(work, items, itertools.repeat(extra), chunksize=chunk)


def worth_beside(size: int) -> bool:
    """Whether checking ``size`` bytes of content in a forked child would save time.

    Only in a process that has not imported jsonschema yet, on Linux, on two cores or
    more, with no other thread running, and for a small pack: a process that has the
    schema checker loaded checks a small pack faster than it could fork.
    """
    threading = sys.modules.get("threading")
    return (
        sys.platform == "linux"
        and "jsonschema" not in sys.modules
        and size <= BESIDE_UP_TO
        and (threading is None or threading.active_count() == 1)
        and cores() > 1
    )


def beside(work: Callable[[], _Out]) -> Callable[[], _Out]:
    """Start ``work`` in a forked child process; return the call that waits for its result.

    The result comes back pickled. If the process cannot fork, or the child fails for
    any reason, the waiting call runs ``work`` itself: the answer is always the same.
    """
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return work
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # or the child would write the parent's buffered output again
    # The collector never visits what is frozen, so the child does not copy every page of
    # the parent's memory just to sweep it.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(read_end)
        os.close(write_end)
        return work
    if pid == 0:  # pragma: no cover (the child; it leaves by os._exit)
        _child(work, read_end, write_end)

    gc.unfreeze()
    os.close(write_end)

    def wait() -> _Out:
        with os.fdopen(read_end, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            return work()
        result: _Out = pickle.loads(data)  # noqa: S301 (our own child's answer)
        return result

    return wait


def _child(work: Callable[[], object], read_end: int, write_end: int) -> None:  # pragma: no cover
    status = 1
    try:
        os.close(read_end)
        with os.fdopen(write_end, "wb") as stream:
            pickle.dump(work(), stream, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)
