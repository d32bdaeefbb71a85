"""A built wheel, installed in a fresh virtual environment, carries the schema and pack."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from paths import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("*.whl")
    return built


def test_wheel_carries_the_schema_folder_copy_byte_for_byte(wheel: Path) -> None:
    """The schema in the wheel is schema/pack.schema.json, unchanged; the data too."""
    with zipfile.ZipFile(wheel) as archive:
        inside = archive.read("recurrent_care_pack/_bundled/schema/pack.schema.json")
        data = {
            name.rsplit("/", 1)[-1]: archive.read(name)
            for name in archive.namelist()
            if name.startswith("recurrent_care_pack/_bundled/data/")
        }
        assert "recurrent_care_pack/py.typed" in archive.namelist()
    assert inside == (ROOT / "schema" / "pack.schema.json").read_bytes()
    assert data == {f.name: f.read_bytes() for f in (ROOT / "data").glob("*.yaml")}


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed: its folder.

    The tests' own pip installs into it (``--python``): a pip of its own takes seconds to make.
    """
    environment = tmp_path_factory.mktemp("installed") / "venv"
    venv.create(environment, with_pip=False)
    python = str(environment / "bin" / "python")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    return environment


def _bundled_data(environment: Path) -> Path:
    [data] = environment.glob("lib/python*/site-packages/recurrent_care_pack/_bundled/data")
    return data


def _run(environment: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(environment / "bin" / args[0]), *args[1:]],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.slow
def test_installed_wheel_validates_the_bundled_pack(installed: Path, tmp_path: Path) -> None:
    """In a fresh venv, the wheel's ``rcpack validate`` finds the bundled pack valid."""
    data = _bundled_data(installed)
    done = _run(installed, "rcpack", "validate", str(data), cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"checked 2 files in {data}/: no problems\n",
        "",
    )
    loaded = _run(
        installed,
        "python",
        "-c",
        "import recurrent_care_pack as r; print(len(r.load_pack().sections))",
        cwd=tmp_path,
    )
    assert loaded.stdout == "1\n"


@pytest.mark.slow
def test_with_no_path_the_current_folder_is_checked_never_the_bundled_pack(
    installed: Path, tmp_path: Path
) -> None:
    """``rcpack validate`` in a folder with a broken file reports that file, not the bundle."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "pack.yaml").write_text("pack:\n  id: Bad Id\n", encoding="utf-8")
    done = _run(installed, "rcpack", "validate", cwd=content)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "checked 1 file, pack.yaml: 4 problems in 1 file"
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = _run(installed, "rcpack", "validate", cwd=empty)
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (
        2,
        "",
        "rcpack: '.' holds no pack content: a pack is a folder with a pack.yaml, or YAML files "
        "with a pack's keys (pack, sections, case_studies, people, organisations, works) or "
        "the schema line; name a file to check it anyway\n",
    )


@pytest.mark.slow
def test_no_command_writes_into_the_installed_package(installed: Path, tmp_path: Path) -> None:
    """fmt, from inside the package or naming its files, and handout -o are refused there."""
    data = _bundled_data(installed)
    pack = data / "pack.yaml"
    untidy = pack.read_bytes() + b"\n\n"  # fmt would take the blank lines away
    pack.write_bytes(untidy)
    before = {file: file.read_bytes() for file in data.iterdir()}
    for args, cwd in (
        (("rcpack", "fmt"), data),
        (("rcpack", "fmt", str(pack)), tmp_path),
        (("rcpack", "handout", "tips", "-o", str(data / "tips.md")), tmp_path),
    ):
        done = _run(installed, *args, cwd=cwd)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "it is inside installed Python packages" in done.stderr
        assert "which rcpack never changes" in done.stderr
    assert {file: file.read_bytes() for file in data.iterdir()} == before


@pytest.mark.slow
def test_installed_wheel_checks_and_plans_a_session(installed: Path, tmp_path: Path) -> None:
    """The wheel carries the session schema: init's example session validates and plans."""
    assert _run(installed, "rcpack", "init", ".", cwd=tmp_path).returncode == 0
    done = _run(installed, "rcpack", "validate", "session.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "checked 1 file, session.yaml: no problems\n")
    planned = _run(installed, "rcpack", "plan", "session.yaml", cwd=tmp_path)
    assert planned.stdout.startswith("Team learning day\n")
