"""Names a package gives from its modules, each imported when first asked for.

A stage's ``__init__`` lists its names and where they live; importing the stage costs
nothing until a name is used (``rcpack --version`` imports no stage at all).
"""

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing would slow start-up
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["exports"]


def exports(
    package: str, where: "Mapping[str, tuple[str, str]]"
) -> "tuple[Callable[[str], object], Callable[[], list[str]]]":
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose names are ``where`` says.

    ``where`` maps each name to its module (relative to ``package``, or absolute) and its
    name there. A name is looked up in its module each time, not kept: a patched one is seen.
    """

    def __getattr__(name: str) -> object:  # noqa: N807 (the package's own __getattr__)
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        import importlib  # noqa: PLC0415 (only once a name is asked for)

        module, real = where[name]
        return getattr(importlib.import_module(module, package), real)

    def __dir__() -> list[str]:  # noqa: N807
        return sorted(where)

    return __getattr__, __dir__
