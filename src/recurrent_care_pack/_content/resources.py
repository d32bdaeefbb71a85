"""Where the bundled schema and pack are: inside an installed wheel, or in a checkout."""

from pathlib import Path

__all__ = ["bundled", "yamllint_config"]

#: The package folder: ``recurrent_care_pack/``.
_PACKAGE = Path(__file__).resolve().parents[1]


def bundled(name: str) -> Path:
    """The path of ``schema/...`` or ``data`` as shipped with the package.

    A wheel carries them in ``_bundled/`` (see ``pyproject.toml``); a checkout or an
    editable install reads the repository's own ``schema/`` and ``data/``.
    """
    for root in (_PACKAGE / "_bundled", _PACKAGE.parents[1]):
        candidate = root / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"the bundled {name} is missing from this installation")


def yamllint_config() -> Path:
    """The yamllint settings that agree with ``rcpack fmt``, for a ``.yamllint.yaml``.

    The package carries them as ``_bundled/yamllint.yaml``: the same text as this
    repository's own ``.yamllint.yaml``.
    """
    return bundled("yamllint.yaml")
