"""The editor's settings for rcpack: read as sent, what is wrong said in words, defaults kept."""

import json
from typing import Any

import pytest
from paths import ROOT

from recurrent_care_pack._editor.settings import KEYS, MODULE_TIMES, Settings, read_settings


@pytest.mark.parametrize(
    ("sent", "settings"),
    [
        (None, Settings()),
        ([], Settings()),
        ({}, Settings()),
        ({"moduleTimes": "codeLenses"}, Settings(module_times="codeLenses")),
        ({"rcpack": {"moduleTimes": "off"}}, Settings(module_times="off")),
        ({"ignore": ["RC111", "RC402"]}, Settings(ignore=frozenset({"RC111", "RC402"}))),
        (
            {"problemHelp": "https://example.org/docs/problem-codes.md"},
            Settings(problem_help="https://example.org/docs/problem-codes.md"),
        ),
    ],
)
def test_settings_are_read_as_sent(sent: Any, settings: Settings) -> None:
    """The section itself, or a mapping holding it; nothing sent is the defaults."""
    assert read_settings(sent) == (settings, [])


def test_module_times_say_where_they_are_shown() -> None:
    """'both' is hints and lenses; each other value one or none."""
    shown = {
        times: (Settings(module_times=times).hints, Settings(module_times=times).lenses)
        for times in ("both", "inlayHints", "codeLenses", "off")
    }
    assert shown == {
        "both": (True, True),
        "inlayHints": (True, False),
        "codeLenses": (False, True),
        "off": (False, False),
    }


@pytest.mark.parametrize(
    ("sent", "settings", "said"),
    [
        (
            {"moduleTimes": "inline"},
            Settings(),
            "rcpack: the setting rcpack.moduleTimes is 'inline'; it may be 'both', "
            "'inlayHints', 'codeLenses' or 'off' (using 'both')",
        ),
        (
            {"moduleTime": "off"},
            Settings(),
            "rcpack: there is no setting rcpack.moduleTime; did you mean 'moduleTimes'?",
        ),
        (
            {"ignore": "RC111"},
            Settings(),
            "rcpack: the setting rcpack.ignore is 'RC111'; make it a list of problem codes, "
            'such as ["RC111"] (ignoring none)',
        ),
        (
            {"ignore": ["RC111", "RC999"]},
            Settings(ignore=frozenset({"RC111"})),
            "rcpack: rcpack.ignore names 'RC999', which is not a problem code; the codes are "
            "listed in docs/problem-codes.md (RC101 to RC507)",
        ),
        (
            {"problemHelp": 7},
            Settings(),
            "rcpack: the setting rcpack.problemHelp is a number (7); make it the address of "
            "the problem codes' page (https://...), or leave it out",
        ),
        (
            "off",
            Settings(),
            "rcpack: the settings are a text, not a mapping; ignored",
        ),
    ],
)
def test_a_wrong_setting_is_said_and_its_default_kept(
    sent: Any, settings: Settings, said: str
) -> None:
    """Each message names the setting, what it is, and what it may be."""
    assert read_settings(sent) == (settings, [said])


def test_the_vs_code_extensions_own_setting_is_known() -> None:
    """VS Code answers with the whole section, ``command`` (the extension's) and all."""
    assert read_settings({"command": ".venv/bin/rcpack", "moduleTimes": "off"}) == (
        Settings(module_times="off"),
        [],
    )


def test_the_vs_code_extension_offers_exactly_these_settings() -> None:
    """editors/vscode/package.json declares each setting, moduleTimes with these values."""
    package = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text("utf-8"))
    offered = package["contributes"]["configuration"]["properties"]
    assert sorted(offered) == sorted(f"rcpack.{key}" for key in KEYS)
    assert tuple(offered["rcpack.moduleTimes"]["enum"]) == MODULE_TIMES
    assert offered["rcpack.moduleTimes"]["default"] == Settings().module_times
    assert read_settings({"problemHelp": ""}) == (Settings(), [])
