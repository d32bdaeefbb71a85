"""Time and peak memory of ``rcpack`` on hostile input: what an adversarial review found slow.

Each case is one ``rcpack`` process, timed with its peak memory (the largest resident set
of the process and anything it waited for), with a timeout. Targets: under 10 s and 1 GB
each on a 2-core machine, and growth no faster than the input. Prints figures only.

    python benchmarks/hostile.py
    python benchmarks/hostile.py --timeout 120
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
RCPACK = str(BIN / "rcpack")

HEAD = """\
pack:
  id: p
  title: A pack
  publisher: org
  published: 2019-05-22
organisations:
  - id: org
    name: An organisation
sections:
  - id: s
    number: 1
    title: A section
"""


def flow_list(file: Path, size: int) -> Path:
    """A file of ``size`` bytes: one key holding a flow list of 1s.

    Written a MiB at a time: Linux counts the memory of this process, at the moment it
    starts a command, in that command's peak.
    """
    items = (size - len("audience: [1]\n")) // 2
    with file.open("w", encoding="ascii") as stream:
        stream.write("audience: [")
        for start in range(0, items, 1 << 19):
            stream.write("1," * min(1 << 19, items - start))
        stream.write("1]\n")
    return file


def missing_films(file: Path, count: int) -> Path:
    """``count`` films, and ``count`` modules each naming a film that does not exist."""
    lines = [HEAD.rstrip("\n"), "    media:"]
    for k in range(count):
        lines += [f"      - id: film-{k}", "        kind: film", f"        number: {k + 1}"]
    lines.append("    modules:")
    for k in range(count):
        lines += _module(k, f"missing-film-{k}", "5 minutes")
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file


def modules(file: Path, allowances: list[str], *, talk: str | None = None) -> Path:
    """One film per module, each module allowing the time given for its film.

    ``talk``: each module is followed by an optional discussion of that length. ``file`` is
    best alone in its folder: a pack named by a file is the files of its folder.
    """
    file.parent.mkdir(exist_ok=True)
    lines = [HEAD.rstrip("\n"), "    media:"]
    for k in range(len(allowances)):
        lines += [f"      - id: film-{k}", "        kind: film", f"        number: {k + 1}"]
    lines.append("    modules:")
    for k, allowance in enumerate(allowances):
        lines += _module(k, f"film-{k}", allowance)
        if talk is not None:
            lines += [
                "        discussion:",
                f"          duration: {talk}",
                "          optional: true",
            ]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file


def _module(k: int, film: str, allowance: str) -> list[str]:
    return [
        f"      - id: m{k}",
        f"        number: {k + 1}",
        f"        title: Module {k + 1}",
        f"        films: [{film}]",
        f"        allowance: {allowance}",
    ]


def measure(command: list[str], timeout: float) -> tuple[float, float, int | None]:
    """Wall time (s), peak memory (MiB) and exit status of ``command``; None if timed out."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        took = time.perf_counter() - start
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return took, usage.ru_maxrss / 1024, process.returncode
        if took > timeout:
            process.send_signal(signal.SIGKILL)
            _, _, usage = os.wait4(process.pid, 0)
            process.returncode = -signal.SIGKILL
            return took, usage.ru_maxrss / 1024, None
        time.sleep(0.02)


def report(label: str, command: list[str], timeout: float) -> float:
    """Measure ``command`` and print one line of figures; return its time."""
    took, peak, status = measure(command, timeout)
    if status is None:
        print(f"{label:48} timed out after {timeout:g} s (peak {peak:.0f} MiB so far)")
    else:
        print(f"{label:48} {took:7.2f} s {peak:8.0f} MiB   exit {status}")
    return took


def main() -> None:
    """Build the hostile inputs, run rcpack on each, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--timeout", type=float, default=60, help="seconds per case")
    timeout = parser.parse_args().timeout
    print(f"{os.cpu_count()} cores; one run each; timeout {timeout:g} s; targets 10 s, 1024 MiB")
    print(f"{'case':48} {'time':>9} {'peak':>12}")
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        flows = {}
        for mib in (8, 32):
            file = flow_list(here / f"flow-{mib}.yaml", mib << 20)
            flows[mib] = report(
                f"validate: flow list of 1s, {mib} MiB", [RCPACK, "validate", str(file)], timeout
            )
        refs = {}
        for count in (1000, 4000):
            file = missing_films(here / f"refs-{count}.yaml", count)
            refs[count] = report(
                f"validate: {count:,} unresolved references",
                [RCPACK, "validate", str(file)],
                timeout,
            )
        thirty = modules(here / "thirty" / "pack.yaml", ["1 minute"] * 30)
        report(
            "plan: 30 one-minute modules, --days 10",
            [RCPACK, "plan", "--pack", str(thirty), "--days", "10"],
            timeout,
        )
        thirteen = modules(here / "thirteen" / "pack.yaml", ["5 hours"] + ["2 minutes"] * 12)
        report(
            "plan: 13 modules (5 h, then 2 min), --budget 2h",
            [RCPACK, "plan", "--pack", str(thirteen), "--budget", "2h"],
            timeout,
        )
        talks = modules(
            here / "fourteen" / "pack.yaml",
            [f"{20 + k * 7 % 40} minutes" for k in range(14)],
            talk="10 minutes",
        )
        report(
            "plan: 14 modules, discussions, 4 days, 10h budget",
            [
                *(RCPACK, "plan", "--pack", str(talks), "--with-discussions"),
                *("--days", "4", "--budget", "10h"),
            ],
            timeout,
        )
    print(
        f"growth: 4x the flow list, {flows[32] / flows[8]:.1f}x time "
        "(it stops at a million values: RC114); "
        f"4x the references, {refs[4000] / refs[1000]:.1f}x time"
    )


if __name__ == "__main__":
    main()
