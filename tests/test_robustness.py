"""Nothing lost, nothing hangs: hostile content, hostile surroundings, and threads."""

import subprocess
import sys
from pathlib import Path

#: Eight threads, half loading the bundled pack and half validating a folder whose files are
#: read by the pool of processes, all at once in a process that has just started.
THREADS = """\
import sys, threading
from recurrent_care_pack import _loading, load_pack, validate
_loading.PARALLEL_FROM = 1
folder = sys.argv[1]
results = []
def load():
    results.append(len(load_pack().sections))
def check():
    results.append(len(validate(folder)))
threads = [threading.Thread(target=load if k % 2 else check) for k in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(results))
"""


def test_threads_loading_and_validating_in_a_new_process_finish(tmp_path: Path) -> None:
    """Eight threads mixing load_pack and validate (with its pool) finish, 20 times in a row."""
    data = Path(__file__).resolve().parents[1] / "data"
    for file in data.glob("*.yaml"):
        (tmp_path / file.name).write_bytes(file.read_bytes())
    for run in range(20):
        done = subprocess.run(
            [sys.executable, "-c", THREADS, str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert (run, done.stdout, done.stderr) == (run, "[0, 0, 0, 0, 1, 1, 1, 1]\n", "")
