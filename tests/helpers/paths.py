"""Where the tests find the repository, its bundled pack, and their own fixtures."""

from pathlib import Path

#: The folder of the tests, where their fixtures live (golden/, formatting/, source/, ...).
TESTS = Path(__file__).resolve().parents[1]
#: The repository: pyproject.toml, README.md, data/, schema/.
ROOT = TESTS.parent
#: The bundled pack, as it is in the repository.
DATA = ROOT / "data"
