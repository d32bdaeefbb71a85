"""Time the full test run as CI runs it: ``.ci/run`` with ``CI=true`` in a clean clone.

Each run clones this repository's HEAD into a temporary folder and runs ``bash .ci/run``
there (the tools, the venv, then README's ``pytest --all -n auto``), and prints pytest's
own time, the whole run's, the CPU time of the processes the run waited for, and how busy
the machine's cores were. The machine is shared: the same commit's run varies by a third
from hour to hour, so each run is preceded by a fixed piece of pure-Python work whose CPU
time says how fast the machine is just then: compare runs of like speed. Target: pytest
under 3 minutes on two cores. Prints figures only: no time is asserted anywhere.

    python benchmarks/suite.py             # one run in a clean clone
    python benchmarks/suite.py --runs 10   # ten in a row, and how many failed
    python benchmarks/suite.py --here      # this working copy's venv, no clone, pytest alone
"""

import argparse
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
GIT = shutil.which("git") or "git"
BASH = shutil.which("bash") or "bash"
#: pytest's last line: what passed and failed, and its own time.
_CLOSING = re.compile(r"^=* ?(\d[^=]*?) in ([\d.]+)s", re.MULTILINE)


def speed() -> float:
    """CPU seconds of a fixed pure-Python loop (half a second or more): lower is faster."""
    start = time.process_time()
    total = 0
    for number in range(10_000_000):
        total += number * number % 7
    return time.process_time() - start


def _busy() -> tuple[int, int]:
    """The machine's busy and idle clock ticks so far, from /proc/stat (0, 0 elsewhere)."""
    try:
        fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8]]
    except OSError:
        return 0, 0
    user, nice, system, idle, waiting, irq, softirq = fields
    return user + nice + system + irq + softirq, idle + waiting


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


class Figures(NamedTuple):
    """One run's figures."""

    speed: float  # CPU seconds of `speed()` just before the run
    pytest: float  # pytest's own time, as its closing line says (nan without one)
    whole: float  # the whole run's wall time
    cpu: float  # user and system CPU seconds of the processes the run waited for
    busy: float  # how busy the machine's cores were, in per cent
    status: int  # the run's exit status
    said: str  # pytest's closing line: what passed and failed


def run_once(log: Path, *, here: bool) -> Figures:
    """One full run, its output in ``log``."""
    if here:
        python = str(ROOT / ".venv" / "bin" / "python")
        return _timed([python, "-m", "pytest", "--all", "-n", "auto"], ROOT, log)
    with tempfile.TemporaryDirectory(prefix="rcpack-suite-") as temporary:
        Path(temporary).chmod(0o755)  # as a clone is, for the tests run as another user
        folder = Path(temporary) / "clone"
        subprocess.run([GIT, "clone", "-q", str(ROOT), str(folder)], check=True)
        return _timed([BASH, ".ci/run"], folder, log)


def _timed(command: list[str], folder: Path, log: Path) -> Figures:
    """``command`` run in ``folder`` with ``CI=true``, timed, its output in ``log``."""
    fast = speed()
    cpu, (busy, idle) = _children_cpu(), _busy()
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            command,
            cwd=folder,
            env={**os.environ, "CI": "true"},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    whole = time.monotonic() - start
    cpu = _children_cpu() - cpu
    now_busy, now_idle = _busy()
    busy, idle = now_busy - busy, now_idle - idle
    closing = _CLOSING.findall(log.read_text(encoding="utf-8", errors="replace"))
    said, seconds = closing[-1] if closing else ("no closing line", "nan")
    ticks = busy + idle
    percent = 100 * busy / ticks if ticks else float("nan")
    return Figures(fast, float(seconds), whole, cpu, percent, done.returncode, said.strip())


def _minutes(seconds: float) -> str:
    if math.isnan(seconds):
        return "-"
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs in a row (default 1)")
    parser.add_argument("--here", action="store_true", help="pytest in this working copy")
    parser.add_argument(
        "--logs",
        type=Path,
        default=Path(tempfile.gettempdir()),
        help="where each run's output goes",
    )
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs: give 1 or more")
    if args.here and not (ROOT / ".venv" / "bin" / "python").exists():
        parser.error("--here needs this working copy's .venv: run README's test command first")
    args.logs.mkdir(parents=True, exist_ok=True)
    head = subprocess.run(
        [GIT, "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    where = "this working copy" if args.here else "a clean clone"
    print(
        f"{os.cpu_count()} cores; {head} in {where}; speed: CPU s of a fixed loop (lower: faster)"
    )
    print(f"{'run':>3} {'speed':>6} {'pytest':>8} {'whole':>8} {'CPU s':>7} {'busy':>5}  result")
    runs = []
    for number in range(1, args.runs + 1):
        log = args.logs / f"rcpack-suite-{number}.log"
        run = run_once(log, here=args.here)
        runs.append(run)
        print(
            f"{number:>3} {run.speed:>5.2f}s {_minutes(run.pytest):>8} {_minutes(run.whole):>8}"
            f" {run.cpu:>7.0f} {run.busy:>4.0f}%  exit {run.status}: {run.said} ({log})",
            flush=True,
        )
    times = [run.pytest for run in runs]
    failed = sum(1 for run in runs if run.status != 0)
    under = sum(1 for t in times if t < 180)
    print(
        f"pytest: median {_minutes(statistics.median(times))}, {_minutes(min(times))} to "
        f"{_minutes(max(times))}; {under} of {len(runs)} under 3 minutes; {failed} failed"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
