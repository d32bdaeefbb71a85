"""What rcpack echoes stays one line, and output that cannot be written is said so."""

import errno
import subprocess
import sys
from pathlib import Path

import pytest

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main

FORGED = "x\nfake.yaml:1:1: RC000 forged\x1b[2J.yaml"


@pytest.mark.parametrize("arguments", [["--version"], ["--help"], ["plan", "--help"]])
def test_help_and_version_to_a_full_disk_fail_in_one_line(arguments: list[str]) -> None:
    """``--version`` and ``--help`` into /dev/full exit 2 with one line, as every command does."""
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "recurrent_care_pack", *arguments],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert (done.returncode, done.stderr) == (
        2,
        "rcpack: cannot write the output: No space left on device\n",
    )


def test_fmt_escapes_a_file_name_that_holds_a_line_break(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file name with a line break and an escape sequence cannot forge lines in fmt's output."""
    (tmp_path / FORGED).write_text("people:\n  - name: A\n    id: a\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["fmt", "--check", "."]) == 1
    shown = "x\\nfake.yaml:1:1: RC000 forged\\x1b[2J.yaml"
    assert capsys.readouterr().out.splitlines() == [
        f"--- {shown} (now)",
        f"+++ {shown} (formatted)",
        "@@ -1,3 +1,3 @@",
        " people:",
        "-  - name: A",
        "-    id: a",
        "+  - id: a",
        "+    name: A",
        f"would reformat {shown}",
        "1 file in this folder: 1 would be reformatted, 0 unchanged",
    ]
    assert main(["fmt", "."]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"reformatted {shown}"


def test_plan_escapes_a_name_it_cannot_find(capsys: pytest.CaptureFixture[str]) -> None:
    """An item name with a line break is echoed as one line."""
    assert main(["plan", "a\nb"]) == 2
    assert (
        capsys.readouterr().err == "rcpack: cannot plan: nothing in the pack is called 'a\\nb'\n"
    )


def test_validate_raises_oserror_for_a_name_with_nul() -> None:
    """A path holding NUL is a path that cannot be read: OSError, as README promises."""
    with pytest.raises(OSError, match="no file name can hold a NUL character") as raised:
        rcp.validate("\0bad")
    assert raised.value.errno == errno.EINVAL


@pytest.mark.parametrize(
    ("character", "name", "escape"),
    [("\x85", "next line", "\\N"), ("\u2028", "line separator", "\\L")],
)
def test_a_raw_line_separator_is_located_where_it_stands(
    tmp_path: Path, character: str, name: str, escape: str
) -> None:
    """A raw NEL or LS (a line end to libyaml) is refused where it stands, not a line later."""
    file = tmp_path / "pack.yaml"
    file.write_text(f"people:\n  - name: A{character}b\n    id: a\n", encoding="utf-8")
    assert [str(p) for p in rcp.validate(file)] == [
        f"{file}:2:12: RC115 the file holds U+{ord(character):04X} ({name}), which YAML tools "
        f"disagree on reading as a line break; write it as {escape} inside double quotes, "
        "or delete it"
    ]
