"""The commands for a pack's authors: ``validate``, ``init`` and ``lsp``."""

from __future__ import annotations

import sys

from .status import FOLDER_GONE, OK, PROBLEMS, USAGE, Exit, folder_gone

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

__all__ = ["init", "lsp", "validate"]


def validate(args: argparse.Namespace) -> int:
    """Check the packs named; report every problem in the format asked for."""
    from pathlib import Path  # noqa: PLC0415 (keep --version and --help fast)

    from recurrent_care_pack._content import check_paths  # noqa: PLC0415
    from recurrent_care_pack._output import REPORTERS, write_step_summary  # noqa: PLC0415
    from recurrent_care_pack._use import planned  # noqa: PLC0415

    paths = args.paths or [Path()]
    result = check_paths(paths, args.max_file_size, content_only=args.content_only, then=planned)
    for line in REPORTERS[args.format](result.problems, list(result.files)):
        print(line)
    warning = write_step_summary(result.problems, list(result.files))  # in GitHub Actions
    if warning is not None:
        print(f"rcpack: warning: {warning}", file=sys.stderr)
    return PROBLEMS if result.problems else OK


def init(args: argparse.Namespace) -> int:
    """Write a starter content repository; say what was written, kept, and what is next."""
    from pathlib import Path  # noqa: PLC0415

    from recurrent_care_pack._output import WriteError, make_starter  # noqa: PLC0415

    folder: Path = args.folder or Path()
    if not folder.is_absolute() and folder_gone():
        raise Exit(USAGE, FOLDER_GONE)
    try:
        made = make_starter(folder)
    except WriteError as error:
        raise Exit(USAGE, str(error)) from None
    for line in made.lines:
        print(line)
    return OK


def lsp(_: argparse.Namespace) -> int:
    """Serve the language server over stdin and stdout, if its extra is installed."""
    try:
        from recurrent_care_pack._editor import serve  # noqa: PLC0415 (only for this command)
    except ImportError as error:  # the lsp extra is not installed
        from recurrent_care_pack._output import missing_extra  # noqa: PLC0415

        module = (error.name or "pygls").split(".")[0]
        raise Exit(USAGE, missing_extra("rcpack lsp needs", module, "lsp")) from None
    return serve()
