"""yamllint as the tests run it: with the settings this repository ships."""

from paths import ROOT
from yamllint import linter  # type: ignore[import-untyped]
from yamllint.config import YamlLintConfig  # type: ignore[import-untyped]

CONFIG = YamlLintConfig(file=str(ROOT / ".yamllint.yaml"))


def lint(text: str) -> list[str]:
    """What real yamllint reports on ``text`` with the shipped settings, as 'line:col rule'."""
    return [f"{p.line}:{p.column} {p.rule}" for p in linter.run(text, CONFIG)]
