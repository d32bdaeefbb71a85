"""README stays true: its test command is the one CI runs, and its output is real."""

import ast
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from paths import ROOT

import recurrent_care_pack as rcp
from recurrent_care_pack import CODES
from recurrent_care_pack._cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    """The last line of .ci/run is the test command README gives, word for word."""
    command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert f"```sh\n{command}\n```" in README


def test_readme_shows_the_real_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """The output README shows for the main command is what the commands print."""
    assert main(["validate"]) == 0
    assert main(["summary"]) == 0
    assert f"```text\n{capsys.readouterr().out}```" in README


def test_readme_lists_every_problem_code() -> None:
    """README's table of codes is the catalogue in the package."""
    rows = [f"| {code} | {title} |" for code, title in CODES.items()]
    assert "\n".join(rows) in README


def test_readme_shows_the_real_section_3_plan(capsys: pytest.CaptureFixture[str]) -> None:
    """The agenda README shows is what ``rcpack plan`` prints for it."""
    command = "rcpack plan section-3 --start 09:30 --break-after-exercises"
    assert f"```sh\n{command}\n```" in README
    assert main(command.split()[1:]) == 0
    assert f"```text\n{capsys.readouterr().out}```" in README


def _three_sessions() -> list[tuple[str, str, str]]:
    """README's three sessions: each file's name, its YAML, and the plan shown for it."""
    section = README.split("\n### Three sessions, start to finish\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(
        r"\(`([\w-]+\.yaml)`\).*?```yaml\n(.*?)```\n\n```text\n(.*?)```", section, re.DOTALL
    )


def test_readme_three_sessions_plan_as_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each session file README shows validates, and plans to the plan shown under it."""
    sessions = _three_sessions()
    assert [name for name, _, _ in sessions] == ["team-day.yaml", "weekly.yaml", "two-hours.yaml"]
    monkeypatch.chdir(tmp_path)
    for name, text, shown in sessions:
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["validate", name]) == 0
        capsys.readouterr()
        assert main(["plan", name]) == 0
        assert capsys.readouterr().out == shown
        picture = f"docs/handouts/{name.removesuffix('.yaml')}-guide-page-1.png"
        assert f"]({picture})" in README
        assert (ROOT / picture).read_bytes().startswith(b"\x89PNG")


def _python_blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", README, re.MULTILINE | re.DOTALL)


def _minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


#: What README's Python says each expression gives, checked on what it really gives.
_SAYS: dict[str, Callable[[Any], bool]] = {
    "module.allowance": lambda v: v == _minutes(23),
    "film.title, film.running_time": lambda v: (
        v[0].startswith("Explaining complex trauma") and v[1] == timedelta(minutes=22, seconds=31)
    ),
    "[p.duration for p in exercise.phases]": lambda v: v == [_minutes(20), _minutes(10)],
    "exercise.what_you_need": lambda v: (
        type(v[0]).__name__ == "CaseStudyCopy"
        and v[0].case_study == "case-study-amy"
        and type(v[1]).__name__ == "Material"
    ),
    'rcp.find(pack, "Module 3").different_day': lambda v: (
        v.rewatch == ("film-6",) and v.allowance == _minutes(55)
    ),
    "rcp.module_time(pack, module)": lambda v: v == _minutes(23),
    "rcp.module_time(pack, module, discussion=True)": lambda v: v == _minutes(33),
    "rcp.module_time(pack, module, exercise=True)": lambda v: v == _minutes(53),
    'rcp.module_time(pack, rcp.find(pack, "Module 3"), different_day=True, exercise=True)': (
        lambda v: v == _minutes(85)
    ),
    "rcp.section_time(pack, section)": lambda v: v == _minutes(185),
    "rcp.section_time(pack, section, optional=True)": lambda v: v == _minutes(215),
    "rcp.section_time(pack, section, different_days=True)": lambda v: v == _minutes(208),
    'rcp.films_by_speaker(pack, "sheena-webb")': lambda v: [f.id for f in v] == ["film-6"],
    'rcp.exercises_by_case_study(pack, "case-study-amy")': lambda v: (
        [e.id for e in v] == ["exercise-9"]
    ),
    'rcp.items_by_topic(pack, "recruitment")': lambda v: (
        [type(c).__name__ for c in v] == ["TipCategory"]
        and v[0].title == "Tips on staff recruitment"
    ),
    "rcp.tips_by_category(pack)": lambda v: (
        list(v)
        == [
            "tips-on-staff-recruitment",
            "tips-on-ways-of-working",
            "issues-to-consider-in-relation-to-training",
            "issues-to-consider-in-relation-to-managing-your-service",
        ]
        and all(type(t).__name__ == "Tip" for tips in v.values() for t in tips)
    ),
    'rcp.search(pack, "role play")': lambda v: (
        len(v) == 2 and all("role play" in str(hit).lower() for hit in v)
    ),
    'rcp.materials(pack, ["Module 1", "Module 2"])': lambda v: (
        [h.case_study for h in v.handouts] == ["case-study-tina", "case-study-amy"]
    ),
}


def test_readme_python_runs_and_gives_what_its_comments_say() -> None:
    """Every statement of README's Python runs, in order; each expression gives what it says."""
    namespace: dict[str, Any] = {}
    given: dict[str, Any] = {}
    for block in _python_blocks():
        for statement in ast.parse(block).body:
            source = ast.get_source_segment(block, statement)
            assert source is not None
            if isinstance(statement, ast.Expr):
                given[source] = eval(source, namespace)  # noqa: S307 (README's own code)
            else:
                exec(source, namespace)  # noqa: S102 (README's own code)
    assert set(given) == set(_SAYS), "each README expression needs its check here"
    wrong = [source for source, says in _SAYS.items() if not says(given[source])]
    assert wrong == []


def test_a_missing_path_says_why_as_the_os_does(tmp_path: Path) -> None:
    """``load_pack`` of a missing path raises FileNotFoundError with its reason and its name."""
    missing = tmp_path / "nowhere"
    with pytest.raises(FileNotFoundError) as raised:
        rcp.load_pack(missing)
    error = raised.value
    assert (error.errno, error.strerror, error.filename) == (
        2,
        "no such file or folder",
        str(missing),
    )
    assert str(error) == f"[Errno 2] no such file or folder: '{missing}'"
