"""The ``rcpack`` command: exit codes, usage errors, and no traceback whatever it is fed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

from recurrent_care_pack import PackError, __version__, load_pack, validate
from recurrent_care_pack._cli import main

RCPACK = [sys.executable, "-m", "recurrent_care_pack"]


def _rcpack(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*RCPACK, *args], capture_output=True, text=True, check=False, cwd=cwd, timeout=60
    )


def test_validate_with_no_path_checks_the_current_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no path, the packs in the current folder are checked: here, the repository's."""
    monkeypatch.chdir(ROOT)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "checked 2 files in data/: no problems\n"


def test_validate_as_a_module_in_a_new_process() -> None:
    """``python -m recurrent_care_pack validate`` works as a command and exits 0."""
    done = _rcpack("validate", cwd=ROOT / "data")
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "checked 2 files in this folder: no problems\n",
        "",
    )


def test_a_reader_that_stops_reading_is_no_internal_error(tmp_path: Path) -> None:
    """``rcpack validate ... | head -1``: exit 141, as for SIGPIPE, and nothing on stderr."""
    many = tmp_path / "many.yaml"
    many.write_text("sections:\n" + "".join(f"  - bogus{k}: 1\n" for k in range(3000)))
    with subprocess.Popen(
        [*RCPACK, "validate", str(many)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()
    assert first.startswith(f"{many}:1:1: RC113 ")
    assert (process.returncode, errors) == (141, "")


def test_version() -> None:
    """``--version`` prints the package version."""
    done = _rcpack("--version")
    assert (done.returncode, done.stdout) == (0, f"rcpack {__version__}\n")


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_load_no_library(option: str) -> None:
    """``--version`` and ``--help`` stay quick: they import none of the libraries."""
    heavy = ("attrs", "cattrs", "jsonschema", "ruamel", "jinja2", "typing", "multiprocessing")
    code = (
        "import sys\nfrom recurrent_care_pack._cli import main\n"
        f"status = main([{option!r}])\n"
        f"print(status, [m for m in {heavy!r} if m in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "0 []"


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A path that does not exist exits 2 and says so."""
    missing = tmp_path / "nope.yaml"
    assert main(["validate", str(missing)]) == 2
    assert capsys.readouterr().err == f"rcpack: cannot read '{missing}': no such file or folder\n"


def test_folder_without_content_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with no pack content exits 2 and says what a pack is."""
    assert main(["validate", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: '{tmp_path}' holds no pack content: a pack is a folder with a pack.yaml, or "
        "YAML files with a pack's keys (pack, sections, case_studies, people, organisations, "
        "works) or the schema line; name a file to check it anyway\n"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that cannot be opened exits 2 with the reason."""
    file = tmp_path / "pack.yaml"
    file.write_text("pack: {}\n", encoding="utf-8")
    file.chmod(0)
    assert main(["validate", str(file)]) == 2
    assert capsys.readouterr().err == f"rcpack: cannot read '{file}': Permission denied\n"


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """``rcpack`` alone shows what it can do, as a usage error."""
    assert main([]) == 2
    assert "validate" in capsys.readouterr().err


def test_unknown_option_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown option is a usage error."""
    assert main(["validate", "--frobnicate"]) == 2
    assert "unrecognized arguments: --frobnicate" in capsys.readouterr().err


HOSTILE = {
    "empty.yaml": b"",
    "spaces.yaml": b"   \n\n",
    "list.yaml": b"- 1\n- 2\n",
    "scalar.yaml": b"hello\n",
    "null.yaml": b"~\n",
    "malformed.yaml": b"pack: [\n",
    "tabs.yaml": b"pack:\n\t- x\n",
    "binary.yaml": bytes(range(256)),
    "sections-mapping.yaml": b"sections: {a: 1}\n",
    "section-list.yaml": b"sections: [[1]]\n",
    "bomb.yaml": b'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n',
    "key-types.yaml": b"1: a\ntrue: b\nnull: c\n",
    "exercise-nonsense.yaml": b"sections:\n  - exercises: [{phases: [{duration: {}}]}]\n",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_input_gives_problems_not_a_traceback(tmp_path: Path, name: str) -> None:
    """Whatever the file holds, the answer is located problems and exit 1, never a traceback."""
    (tmp_path / name).write_bytes(HOSTILE[name])
    done = _rcpack("validate", name, cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr == ""
    *problems, summary = done.stdout.splitlines()
    assert problems
    assert all(line.startswith(f"{name}:") for line in problems)
    assert summary.startswith(f"checked 1 file, {name}: ")


def test_summary_of_the_bundled_pack(capsys: pytest.CaptureFixture[str]) -> None:
    """``rcpack summary`` prints the modules with their times, exercises and tips."""
    assert main(["summary"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Recurrent Care Resource Pack"
    assert "  Module 2  Reconceptualising non-engagement (complex trauma)" in out
    assert (
        "            Film 6: 23 min; optional discussion: 10 min; then Exercise 9: 30 min" in out
    )
    assert "            1 hour 3 min in all, 53 min without the discussion" in out
    assert (
        "            on a different day, the pack suggests also watching Film 6 first: "
        "films 55 min" in out
    )
    assert "  Tips from Practice: Key lessons for setting up and/or developing your service" in out
    assert "    32 tips and 2 paragraphs of advice in 4 categories" in out


def test_summary_of_bad_content_lists_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rcpack summary`` on bad content prints the problems and exits 1."""
    (tmp_path / "pack.yaml").write_text("sections: []\n", encoding="utf-8")
    assert main(["summary", str(tmp_path / "pack.yaml")]) == 1
    assert "RC407" in capsys.readouterr().out


def test_library_refuses_an_empty_folder(tmp_path: Path) -> None:
    """``load_pack`` and ``validate`` on a folder with no content raise FileNotFoundError."""
    with pytest.raises(FileNotFoundError, match=r"no pack content in this folder"):
        validate(tmp_path)
    with pytest.raises(FileNotFoundError):
        load_pack(tmp_path / "missing.yaml")


def test_load_pack_raises_one_error_with_every_problem(tmp_path: Path) -> None:
    """Bad content raises one PackError that carries all its problems, in order."""
    file = tmp_path / "pack.yaml"
    file.write_text("pack:\n  id: P\nsections: [1]\n", encoding="utf-8")
    with pytest.raises(PackError) as raised:
        load_pack(file)
    problems = raised.value.problems
    assert [(p.line, p.column, p.code, p.path) for p in problems] == [
        (1, 1, "RC202", "$.pack"),
        (1, 1, "RC202", "$.pack"),
        (1, 1, "RC202", "$.pack"),
        (2, 7, "RC205", "$.pack.id"),
        (3, 12, "RC203", "$.sections[0]"),
    ]
    assert str(raised.value).startswith("5 problems in the pack:\n")
    assert validate(file) == problems


def test_the_pack_commands_use_the_pack_folder_they_are_run_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a pack folder (or below it) summary, plan and show use that pack; elsewhere the bundled."""
    for file in (ROOT / "data").glob("*.yaml"):
        (tmp_path / file.name).write_text(
            file.read_text(encoding="utf-8").replace(
                "title: Reconceptualising non-engagement (attachment)",
                "title: Our own module title",
            ),
            encoding="utf-8",
        )
    (tmp_path / "notes").mkdir()
    monkeypatch.chdir(tmp_path / "notes")
    assert main(["show", "Module 1"]) == 0
    assert "Our own module title" in capsys.readouterr().out
    monkeypatch.chdir(tmp_path.parent)
    assert main(["show", "Module 1"]) == 0
    out = capsys.readouterr().out
    assert "Reconceptualising non-engagement (attachment)" in out
    assert "Our own module title" not in out


def test_a_name_typed_without_quotes_is_one_name(capsys: pytest.CaptureFixture[str]) -> None:
    """`rcpack plan Module 3` and `rcpack show Module 3` mean "Module 3", as a facilitator types."""
    assert main(["plan", "Module", "3"]) == 0
    unquoted = capsys.readouterr().out
    assert main(["plan", "Module 3"]) == 0
    assert unquoted == capsys.readouterr().out
    assert main(["show", "Module", "3"]) == 0
    assert capsys.readouterr().out.startswith(
        "Module 3 of Section 3: Trauma-informed approaches in recurrent care\n"
    )
    assert main(["materials", "Exercise", "9", "section-3"]) == 0
    assert "The case study of Amy (Exercise 9)" in capsys.readouterr().out


def test_summary_takes_the_pack_as_the_other_commands_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``summary --pack PATH`` is ``summary PATH``, as README says; two packs are refused."""
    (tmp_path / "pack.yaml").write_text("sections: []\n", encoding="utf-8")
    assert main(["summary", "--pack", str(tmp_path / "pack.yaml")]) == 1
    assert "RC407" in capsys.readouterr().out
    assert main(["summary", "--pack", str(tmp_path), str(tmp_path / "pack.yaml")]) == 2
    assert capsys.readouterr().err == (
        "rcpack: summary: name the pack once, as PATH or as --pack PATH\n"
    )
