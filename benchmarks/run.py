"""Benchmark ``rcpack validate`` against check-jsonschema and a bare C-loader parse.

Generates synthetic packs of 1, 10, 100 and 1,000 copies of Section 3 (ids and numbers
made unique), in one file and spread over one file per copy, then times each tool as a
whole process, several runs each, and prints medians, ratios and peak memory. Prints
figures only: no time is asserted anywhere.

    python benchmarks/run.py              # 1, 10, 100, 400 (about 6 MB) and 1,000 copies
    python benchmarks/run.py --quick      # 1, 10 and 100 copies, 3 runs each
"""

import argparse
import compileall
import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "pack.schema.json"
BIN = Path(sys.executable).parent
PARSE = (
    "import sys\nfrom ruamel.yaml import YAML\ny = YAML(typ='safe')\n"
    "for f in sys.argv[1:]:\n    y.load(open(f, 'rb'))\n"
)


def _copy(section: dict[str, Any], ids: set[str], copy: int) -> dict[str, Any]:
    """Section 3 again, every id and number made its own."""

    def walk(node: Any, key: str | None = None) -> Any:
        if isinstance(node, dict):
            return {k: walk(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key) for v in node]
        if isinstance(node, str) and node in ids:
            return f"{node}-c{copy}"
        if key == "number" and isinstance(node, int):
            return node + 100 * copy
        return node

    result: dict[str, Any] = walk(section)
    return result


def _ids(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["id"]} if isinstance(node.get("id"), str) else set()
        return found.union(*(_ids(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_ids(v) for v in node))
    return set()


def generate(folder: Path, copies: int) -> tuple[list[Path], list[Path]]:
    """Write the pack as one file and as one file per copy; return both lists of files."""
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    yaml.width = 4096
    yaml.representer.ignore_aliases = lambda *_: True  # content files refuse aliases
    data = ROOT / "data"
    details = yaml.load((data / "pack.yaml").read_text(encoding="utf-8"))
    section = yaml.load((data / "section-3.yaml").read_text(encoding="utf-8"))["sections"][0]
    ids = _ids(section)
    sections = [_copy(section, ids, c) for c in range(1, copies + 1)]
    one = folder / f"one-{copies}"
    many = folder / f"many-{copies}"
    one.mkdir()
    many.mkdir()
    with (one / "pack.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump({**details, "sections": sections}, stream)
    with (many / "pack.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump(details, stream)
    for number, copy in enumerate(sections, start=1):
        with (many / f"section-{number:04d}.yaml").open("w", encoding="utf-8") as stream:
            yaml.dump({"sections": [copy]}, stream)
    return [one / "pack.yaml"], sorted(many.glob("*.yaml"))


def measure(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """Median wall time (s) and largest peak memory (MiB) of each command over ``runs`` runs.

    The commands take turns, run by run, so that a machine that slows down or speeds up
    meanwhile weighs on each of them alike. Each must succeed: the generated packs are
    valid, and timing a failure would time something else.
    """
    times: list[list[float]] = [[] for _ in commands]
    peaks: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for k, command in enumerate(commands):
            start = time.perf_counter()
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            _, status, usage = os.wait4(process.pid, 0)
            times[k].append(time.perf_counter() - start)
            peaks[k].append(usage.ru_maxrss / 1024)
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"{' '.join(command[:2])} failed: run it by hand to see why")
    return [(statistics.median(t), max(p)) for t, p in zip(times, peaks, strict=True)]


def compare(ours: list[str], cjs: str, files: list[Path], runs: int) -> list[tuple[float, float]]:
    """`measure` rcpack's command, check-jsonschema and the bare parse on the same files."""
    names = [str(f) for f in files]
    return measure(
        [ours, [cjs, "--schemafile", str(SCHEMA), *names], [sys.executable, "-c", PARSE, *names]],
        runs,
    )


def _compile_package() -> None:
    """Write rcpack's bytecode, as pip does when it installs a wheel.

    Under an editable install with PYTHONDONTWRITEBYTECODE set, every run would otherwise
    compile every module from source, while check-jsonschema's are compiled.
    """
    import recurrent_care_pack  # noqa: PLC0415 (only to find where it is)

    compileall.compile_dir(Path(recurrent_care_pack.__file__).parent, quiet=1)


def planted(rcpack: str, pack: Path) -> str:
    """Plant one problem near the end of a one-file pack; say where rcpack reports it."""
    text = pack.read_text(encoding="utf-8")
    good, bad = "time: 30 minutes", "time: 30"
    at = text.rindex(good)
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at) + len("time: ")  # where the value starts
    broken = pack.parent.with_name(pack.parent.name + "-broken") / "pack.yaml"
    broken.parent.mkdir()
    broken.write_text(text[:at] + bad + text[at + len(good) :], encoding="utf-8")
    start = time.perf_counter()
    done = subprocess.run(
        [rcpack, "validate", "--max-file-size", "1G", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - start
    shutil.rmtree(broken.parent)
    first = done.stdout.splitlines()[0].removeprefix(f"{broken}:")
    verdict = "exact" if first.startswith(f"{line}:{column}: RC302 ") else "WRONG"
    return (
        f"{'':<20}problem planted at line {line:,}, column {column}: reported at "
        f"{first.split(' ')[0].rstrip(':')} ({verdict}), exit {done.returncode}, {took:.2f}s"
    )


def fmt_check(rcpack: str, pack: Path, runs: int) -> str:
    """``rcpack fmt --check`` against ``rcpack fmt`` on a one-file pack laid out badly.

    Every plain value of the pack is put in double quotes, which fmt takes off again: a
    change on every other line or so, the diff's hardest case (difflib took minutes).
    """
    messy = pack.parent.with_name(pack.parent.name + "-messy") / "pack.yaml"
    messy.parent.mkdir()
    copy = messy.with_name("copy.yaml")
    subprocess.run([rcpack, "fmt", str(pack)], capture_output=True, check=False)
    lines = pack.read_text(encoding="utf-8").splitlines(keepends=True)
    quoted = (_PLAIN_VALUE.sub(r'\1"\2"\n', line) for line in lines)
    messy.write_text("".join(quoted), encoding="utf-8")
    times: list[list[float]] = [[], []]
    for _ in range(runs):
        shutil.copyfile(messy, copy)
        for k, command in enumerate(
            ([rcpack, "fmt", "--check", str(messy)], [rcpack, "fmt", str(copy)])
        ):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
            times[k].append(time.perf_counter() - start)
    size = messy.stat().st_size
    shutil.rmtree(messy.parent)
    check, fmt = (statistics.median(t) for t in times)
    return (
        f"{'':<20}fmt on {size / 1e6:.2f} MB laid out badly: fmt {fmt:.2f}s, "
        f"fmt --check {check:.2f}s ({check / fmt:.1f}x)"
    )


_PLAIN_VALUE = re.compile(r"( *(?:- )?[a-z_]+: )([A-Za-z][^'\"#:]*)\n")


def _row(label: str, size: int, figures: list[tuple[float, float]]) -> str:
    """One line of the table from what `measure` found for rcpack, c-j-s and the parse."""
    (ours, our_peak), (theirs, their_peak), (parse, _) = figures
    return (
        f"{label:<20}{size / 1e6:>7.2f}MB{ours:>8.2f}s{theirs:>8.2f}s{parse:>8.2f}s"
        f"{ours / theirs:>7.2f}x{ours / parse:>7.2f}x{our_peak:>11.0f} {their_peak:>10.0f}"
    )


def main() -> None:
    """Generate the packs, time the tools, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1, 10 and 100 copies only")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (median)")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    sizes = [1, 10, 100] if args.quick else [1, 10, 100, 400, 1000]  # 400 x is about 6 MB
    rcpack, cjs = str(BIN / "rcpack"), str(BIN / "check-jsonschema")
    if not Path(cjs).exists():
        sys.exit("check-jsonschema is not installed: pip install -e '.[bench]'")
    _compile_package()
    print(f"{os.cpu_count()} cores; medians of {runs} runs (of {3 * runs} for packs under 1 MB)")

    (version, _), (bare, _) = measure(
        [[rcpack, "--version"], [sys.executable, "-c", "pass"]], max(runs, 11)
    )
    print(
        f"start-up: rcpack --version {version * 1000:.0f} ms, python -c pass "
        f"{bare * 1000:.0f} ms: {version / bare:.1f}x (target at most 4x)\n"
    )
    header = (
        f"{'pack':<20}{'size':>9}{'rcpack':>9}{'c-j-s':>9}{'C parse':>9}"
        f"{'÷c-j-s':>8}{'÷parse':>8}{'rcpack MiB':>12}{'c-j-s MiB':>11}"
    )
    print(header)
    print("-" * len(header))
    bundled = sorted((ROOT / "data").glob("*.yaml"))
    figures = compare([rcpack, "validate"], cjs, bundled, 3 * runs)
    size = sum(f.stat().st_size for f in bundled)
    print(_row(f"bundled, {len(bundled)} files", size, figures))
    results: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for copies in sizes:
            one, many = generate(folder, copies)
            for layout, files_ in (("one file", one), ("files", many)):
                size = sum(f.stat().st_size for f in files_)
                ours = [rcpack, "validate", "--max-file-size", "1G", *map(str, files_)]
                figures = compare(ours, cjs, files_, 3 * runs if size < 1e6 else runs)
                results[(layout, copies)] = figures[0][0]
                label = f"{copies} x, {layout if layout == 'one file' else f'{len(files_)} files'}"
                print(_row(label, size, figures))
                if layout == "one file" and size > 1e6:
                    print(planted(rcpack, files_[0]))
                if layout == "one file" and copies == 100:
                    print(fmt_check(rcpack, files_[0], runs))
            shutil.rmtree(folder / f"one-{copies}")
            shutil.rmtree(folder / f"many-{copies}")
    print()
    for layout in ("one file", "files"):
        steps = [
            f"{b / a:g}x content, {results[(layout, b)] / results[(layout, a)]:.1f}x time"
            for a, b in itertools.pairwise(sizes)
        ]
        print(f"growth, {layout}: " + "; ".join(steps))
    print("(target: 10x the content costs at most 11x the time)")


if __name__ == "__main__":
    main()
