"""The language server, rcpack lsp: every rcpack check, and the pack's meaning, while typing.

The names the command uses, imported from their modules on first use (the server needs
the lsp extra).
"""

from recurrent_care_pack._lazy import exports

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

__getattr__, __dir__ = exports(__name__, _WHERE)
