"""A built wheel, installed in a fresh virtual environment, carries the schema and pack."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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


@pytest.mark.slow
def test_installed_wheel_validates_the_bundled_pack(wheel: Path, tmp_path: Path) -> None:
    """In a fresh venv, the wheel's ``rcpack validate`` finds the bundled pack valid."""
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [str(environment / "bin" / "rcpack"), "validate"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "checked 2 files: no problems\n", "")
    loaded = subprocess.run(
        [str(python), "-c", "import recurrent_care_pack as r; print(len(r.load_pack().sections))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert loaded.stdout == "1\n"
