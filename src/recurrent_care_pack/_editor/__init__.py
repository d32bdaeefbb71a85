"""The language server, rcpack lsp: every rcpack check, and the pack's meaning, while typing.

The names the command uses, imported from their modules on first use (the server needs
the lsp extra).
"""

import importlib

# Not typing.TYPE_CHECKING: importing typing would slow `rcpack --version`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .server import serve

#: Each name, by the module it lives in and its name there.
_WHERE = {
    "serve": (".server", "serve"),
}

__all__ = [
    "serve",
]


def __getattr__(name: str) -> object:
    """A name from its module, imported when first asked for.

    Looked up there each time, not kept here: a name patched in its module is seen.
    """
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, real = _WHERE[name]
    return getattr(importlib.import_module(module, __name__), real)


def __dir__() -> list[str]:
    """The names, for completion."""
    return sorted(__all__)
