"""Nothing lost, nothing hangs: hostile content, hostile surroundings, and threads."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from paths import AS_ANOTHER_USER, DATA

from recurrent_care_pack import validate
from recurrent_care_pack._cli import main

#: Eight threads, half loading the bundled pack and half validating a folder, all at once in
#: a process that has just started, so that each first use (imports, the schema, caches)
#: happens in several threads at once. (Twenty runs once hunted a pool's fork, which hung if
#: another thread held a lock; loading has used no pool since 5908c88, so five runs do.)
THREADS = """\
import sys, threading
from recurrent_care_pack import load_pack, validate
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


@pytest.mark.slow  # 5 new processes
def test_threads_loading_and_validating_in_a_new_process_finish(tmp_path: Path) -> None:
    """Eight threads mixing load_pack and validate finish, 5 times in a row."""
    data = DATA
    for file in data.glob("*.yaml"):
        (tmp_path / file.name).write_bytes(file.read_bytes())
    for run in range(5):
        done = subprocess.run(
            [sys.executable, "-c", THREADS, str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert (run, done.stdout, done.stderr) == (run, "[0, 0, 0, 0, 1, 1, 1, 1]\n", "")


def _films_and_modules(films: int, modules: int, first_film: str) -> str:
    """A pack of ``films`` films and ``modules`` modules each naming a film that is missing."""
    lines = [
        "pack:",
        "  id: p",
        "  title: A pack",
        "  publisher: org",
        "  published: 2019-05-22",
        "organisations:",
        "  - id: org",
        "    name: An organisation",
        "sections:",
        "  - id: s",
        "    number: 1",
        "    title: A section",
        "    media:",
    ]
    for k in range(films):
        lines += [f"      - id: film-{k}", "        kind: film", f"        number: {k + 1}"]
    lines.append("    modules:")
    for k in range(modules):
        film = first_film if k == 0 else f"missing-film-{k}"
        lines += [
            f"      - id: m{k}",
            f"        number: {k + 1}",
            f"        title: Module {k}",
            f"        films: [{film}]",
            "        allowance: 5 minutes",
        ]
    return "\n".join(lines) + "\n"


def test_unresolved_references_stop_at_the_cap_and_typos_still_get_a_suggestion(
    tmp_path: Path,
) -> None:
    """1,200 missing films: 1,000 RC402 and RC113; among 1,200 films, 'flim-7' means 'film-7'."""
    (tmp_path / "pack.yaml").write_text(_films_and_modules(1200, 1200, "flim-7"), encoding="utf-8")
    problems = validate(tmp_path / "pack.yaml")
    assert len(problems) == 1001
    assert [str(p).split(": ", 1)[1] for p in problems[:3]] == [
        "RC113 checking stopped after 1000 problems in this file; fix those first "
        "(is it a content file at all?)",
        "RC402 no film or presentation has the id 'flim-7'; did you mean 'film-7'?",
        "RC402 no film or presentation has the id 'missing-film-1'; the film or presentation "
        "ids are: film-0, film-1, film-10, film-100, film-1000, film-1001, film-1002, "
        "film-1003, ...",
    ]
    assert [(p.line, p.column) for p in problems[:3]] == [(1, 1), (3618, 17), (3623, 17)]


def test_a_long_name_that_is_nearly_a_module_is_not_found_at_once() -> None:
    """'module 1', 20,000 spaces and 'x' names nothing, and saying so takes no backtracking."""
    name = "module 1" + " " * 20_000 + "x"
    done = subprocess.run(
        [sys.executable, "-m", "recurrent_care_pack", "show", name],
        capture_output=True,
        text=True,
        timeout=10,  # quadratic matching took 13 s
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"rcpack: nothing in the pack is called '{name}'\n"


def _rcpack(
    *args: str, stdout: Any = subprocess.PIPE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``rcpack ARGS`` in a new process, as the installed command runs, with a timeout."""
    code = "from recurrent_care_pack._cli import run\nrun()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        timeout=60,
        check=False,
    )


def test_closed_stdout_is_one_line_and_exit_2() -> None:
    """``rcpack validate >&-`` says the output cannot be written, with no traceback."""
    code = "from recurrent_care_pack._cli import run\nrun()"
    done = subprocess.run(
        ["sh", "-c", 'exec "$0" -c "$1" validate >&-', sys.executable, code],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        2,
        "rcpack: cannot write the output: standard output is closed\n",
    )


def test_a_full_disk_is_one_line_and_exit_2() -> None:
    """``rcpack summary > /dev/full`` says why the output cannot be written, with no traceback."""
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        done = _rcpack("summary", stdout=full)
    assert (done.returncode, done.stderr) == (
        2,
        "rcpack: cannot write the output: No space left on device\n",
    )


def test_ascii_output_writes_what_it_cannot_encode_as_escapes() -> None:
    """With ``PYTHONIOENCODING=ascii`` the summary is written, its curly quotes escaped."""
    done = _rcpack("summary", env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert (done.returncode, done.stderr) == (0, "")
    assert "Understanding \\u2018non-engagement\\u2019, attachment" in done.stdout


def test_a_pipe_named_as_content_is_refused_unread(tmp_path: Path) -> None:
    """A FIFO named on the command line is refused at once, not opened (it would never end)."""
    os.mkfifo(tmp_path / "pack.yaml")
    done = _rcpack("validate", str(tmp_path / "pack.yaml"))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"rcpack: cannot read '{tmp_path / 'pack.yaml'}': it is not a file or folder "
        "(a pipe, socket or device)\n"
    )


def test_a_link_to_nothing_in_a_pack_folder_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A content file that is a link to nothing is not skipped in silence: exit 2, named."""
    (tmp_path / "pack.yaml").write_text("pack: {}\n", encoding="utf-8")
    (tmp_path / "more.yaml").symlink_to(tmp_path / "gone.yaml")
    assert main(["validate", str(tmp_path)]) == 2
    assert capsys.readouterr() == (
        "",
        f"rcpack: cannot read '{tmp_path / 'more.yaml'}': No such file or directory\n",
    )


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv"
)
@AS_ANOTHER_USER
def test_a_folder_that_cannot_be_read_is_reported() -> None:
    """A subfolder its reader may not open (run as nobody) is reported, not skipped: exit 2."""
    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o755)
        (folder / "pack.yaml").write_text("pack: {}\n", encoding="utf-8")
        (folder / "sub").mkdir(mode=0o000)
        (folder / "sub").chmod(0o000)
        code = "from recurrent_care_pack._cli import run\nrun()"
        nobody = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
        done = subprocess.run(
            [*nobody, sys.executable, "-c", code, "validate", str(folder)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        (folder / "sub").chmod(0o755)
        shutil.rmtree(folder)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"rcpack: cannot read '{folder / 'sub'}': Permission denied\n"


def test_a_folder_named_twice_or_linked_to_from_inside_is_read_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same pack named relative and absolute, holding a link to itself, is one pack."""
    data = DATA
    pack = tmp_path / "pack"
    pack.mkdir()
    for file in data.glob("*.yaml"):
        (pack / file.name).write_bytes(file.read_bytes())
    (pack / "again").symlink_to(pack)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "pack", str(pack), "./pack/"]) == 0
    assert capsys.readouterr().out == "checked 2 files in pack/: no problems\n"


#: A pack whose publisher id holds a line break and the rest of a forged problem line.
FORGED = """\
pack:
  id: p
  title: A pack
  publisher: "org\\nforged.yaml:1:1: RC402 \\u2028x"
  published: 2019-05-22
organisations:
  - id: org
    name: An organisation
"""


def test_text_report_prints_each_problem_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An id holding a line break is echoed escaped: no forged problem line, no raw break."""
    (tmp_path / "pack.yaml").write_text(FORGED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "pack.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "pack.yaml:4:14: RC205 'org\\nforged.yaml:1:1: RC402 \\u2028x' is not a valid id; ids "
        "are lowercase words and numbers joined by hyphens, e.g. 'org-forged-yaml-1-1-rc402-x'",
        "checked 1 file, pack.yaml: 1 problem in 1 file",
    ]


def test_github_report_escapes_what_it_echoes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub's own escapes for line breaks, backslash escapes for other control characters."""
    (tmp_path / "pack.yaml").write_text(
        FORGED.replace("\\u2028x", "\\e]0;owned\\a"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "github", "pack.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=pack.yaml,line=4,col=14,title=RC115::the text holds U+001B, a control "
        "character that terminals and handouts cannot show; delete it",
        "::error file=pack.yaml,line=4,col=14,title=RC205::'org\\nforged.yaml:1:1: RC402 "
        "\\x1b]0;owned\\x07' is not a valid id; ids are lowercase words and numbers joined by "
        "hyphens, e.g. 'org-forged-yaml-1-1-rc402-0-owned'",
        "checked 1 file, pack.yaml: 2 problems in 1 file",
    ]


def test_validate_returns_problems_for_a_number_of_5000_digits(tmp_path: Path) -> None:
    """``validate()`` returns RC116 for a 5,000-digit number (Python refuses to read it)."""
    (tmp_path / "pack.yaml").write_text(FORGED.replace("2019-05-22", "9" * 5000), encoding="utf-8")
    assert [str(p) for p in validate(tmp_path / "pack.yaml")] == [
        f"{tmp_path / 'pack.yaml'}:5:14: RC116 this number is 5,000 characters long, far longer "
        "than any number in content; if it is text, put it in quotes",
    ]
