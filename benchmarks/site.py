"""Time ``rcpack site``: the bundled pack with a session, and a pack of about 1 MB.

Each build is one ``rcpack site`` process, search index included (Pagefind), timed as a
whole; the median of several runs is printed with the number of pages and the site's
size. Targets: the bundled pack under 2 s, a 1 MB pack under 20 s. Prints figures only: no
time is asserted anywhere.

    python benchmarks/site.py
    python benchmarks/site.py --runs 5
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import generate

ROOT = Path(__file__).resolve().parents[1]
RCPACK = str(Path(sys.executable).parent / "rcpack")
SESSION = """\
session:
  title: Team learning day
  items:
    - Section 3
  participants: 12
  slots:
    - date: 2027-01-12
      start: 09:30
      end: 13:30
  breaks:
    - title: Lunch
      at: 12:00
      length: 45 minutes
  comfort_breaks:
    at_most_every: 90 minutes
    length: 10 minutes
"""


def build(folder: Path, pack: Path | None, runs: int) -> tuple[float, int, int]:
    """Median seconds of ``runs`` builds, the pages made, and the site's bytes."""
    times = []
    out = folder / "site"
    for _ in range(runs):
        command = [RCPACK, "site", str(out), "--url", "https://example.org/"]
        if pack is not None:
            command += ["--pack", str(pack)]
        start = time.perf_counter()
        subprocess.run(command, cwd=folder, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    pages = sum(1 for _ in out.rglob("*.html"))
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return statistics.median(times), pages, size


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each build (default 3)")
    parser.add_argument("--copies", type=int, default=60, help="copies of Section 3 (60: 1 MB)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; medians of {args.runs} runs; search index included")
    print(f"{'pack':<34}{'content':>10}{'pages':>8}{'site':>10}{'time':>9}  target")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "team-day.yaml").write_text(SESSION, encoding="utf-8")
        size = sum(p.stat().st_size for p in (ROOT / "data").glob("*.yaml"))
        seconds, pages, bytes_ = build(folder, None, args.runs)
        print(
            f"{'bundled, with the team day':<34}{size / 1e6:>9.2f}M{pages:>8}"
            f"{bytes_ / 1e6:>9.2f}M{seconds:>8.2f}s  under 2 s"
        )
        shutil.rmtree(folder / "site")
        (folder / "team-day.yaml").unlink()
        one, _ = generate(folder, args.copies)
        size = one[0].stat().st_size
        seconds, pages, bytes_ = build(folder, one[0].parent, args.runs)
        print(
            f"{f'{args.copies} copies of Section 3':<34}{size / 1e6:>9.2f}M{pages:>8}"
            f"{bytes_ / 1e6:>9.2f}M{seconds:>8.2f}s  under 20 s"
        )


if __name__ == "__main__":
    main()
