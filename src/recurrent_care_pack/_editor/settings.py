"""The editor's settings for rcpack (section ``rcpack``): read, checked, and said back if wrong.

Settings come as the editor sends them: pulled (``workspace/configuration``), pushed with
``workspace/didChangeConfiguration``, or given as ``initializationOptions``. A setting
that is wrong is named in a message, with what it may be, and its default is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attrs import frozen

from recurrent_care_pack._problems import CODES
from recurrent_care_pack._text import closest, either

if TYPE_CHECKING:
    from collections.abc import Iterable

    from recurrent_care_pack._problems import Problem

__all__ = ["KEYS", "MODULE_TIMES", "Settings", "read_settings"]

#: Where module times may be shown: ``moduleTimes``'s values.
MODULE_TIMES = ("both", "inlayHints", "codeLenses", "off")

#: The settings; ``command`` is the VS Code extension's own (how it starts rcpack).
KEYS = ("moduleTimes", "ignore", "problemHelp", "command")


@frozen
class Settings:
    """What the editor asked for.

    ``module_times``: where each module's times are shown (`MODULE_TIMES`); ``ignore``: the
    problem codes not shown (``RC111``); ``problem_help``: the page a problem's code links
    to, its heading's anchor added (None: rcpack's own, see `diagnostics.help_link`).
    """

    module_times: str = "both"
    ignore: frozenset[str] = frozenset()
    problem_help: str | None = None

    def shown(self, problems: Iterable[Problem]) -> list[Problem]:
        """``problems`` but those whose code is ignored."""
        return [problem for problem in problems if problem.code not in self.ignore]

    @property
    def hints(self) -> bool:
        """Whether module times are given as inlay hints."""
        return self.module_times in {"both", "inlayHints"}

    @property
    def lenses(self) -> bool:
        """Whether module times are given as code lenses."""
        return self.module_times in {"both", "codeLenses"}


def read_settings(sent: Any) -> tuple[Settings, list[str]]:
    """The settings in ``sent`` (the ``rcpack`` section, or a mapping holding it).

    Also what is wrong with them, a message each; a wrong setting keeps its default.
    """
    if isinstance(sent, dict) and isinstance(sent.get("rcpack"), dict):
        sent = sent["rcpack"]
    if sent is None or sent == []:  # none given (some editors send null, or an empty list)
        return Settings(), []
    if not isinstance(sent, dict):
        return Settings(), [f"rcpack: the settings are {_kind(sent)}, not a mapping; ignored"]
    wrong: list[str] = []
    for key in sent:
        if key not in KEYS:
            meant = closest(str(key), KEYS)
            guess = f"; did you mean {either(meant)}?" if meant else ""
            wrong.append(f"rcpack: there is no setting rcpack.{key}{guess}")
    times = sent.get("moduleTimes", "both")
    if times not in MODULE_TIMES:
        wrong.append(
            f"rcpack: the setting rcpack.moduleTimes is {_shown(times)}; it may be "
            f"{either(MODULE_TIMES)} (using 'both')"
        )
        times = "both"
    ignore = sent.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(code, str) for code in ignore):
        wrong.append(
            f"rcpack: the setting rcpack.ignore is {_shown(ignore)}; make it a list of "
            'problem codes, such as ["RC111"] (ignoring none)'
        )
        ignore = []
    unknown = [code for code in ignore if code not in CODES]
    if unknown:
        named = ", ".join(f"'{code}'" for code in unknown)
        which = "is not a problem code" if len(unknown) == 1 else "are not problem codes"
        wrong.append(
            f"rcpack: rcpack.ignore names {named}, which {which}; the codes are listed in "
            "docs/problem-codes.md (RC101 to RC507)"
        )
    help_page = sent.get("problemHelp") or None  # empty: the default
    if help_page is not None and not (
        isinstance(help_page, str) and help_page.startswith(("https://", "http://", "file:"))
    ):
        wrong.append(
            f"rcpack: the setting rcpack.problemHelp is {_shown(help_page)}; make it the "
            "address of the problem codes' page (https://...), or leave it out"
        )
        help_page = None
    known = frozenset(code for code in ignore if code in CODES)
    return Settings(str(times), known, help_page), wrong


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    return f"{_kind(value)} ({value!r})"[:120]


def _kind(value: object) -> str:
    return {
        bool: "true or false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a mapping",
        type(None): "null",
    }.get(type(value), "a text")
