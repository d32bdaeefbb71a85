"""``rcpack fmt`` over messy layouts of the real content: values, comments and idempotence kept.

Each example lays out a bundled data file anew: keys shuffled, block and flow collections,
every quoting style, folded and literal text, comments above and after entries and items,
blank lines, odd indentation, CRLF. Formatting must give YAML that reads back to the same
values, with every comment on or directly above the line of what it annotated, and a
second run must change nothing; for a quarter of them, yamllint with the shipped settings
must report nothing in the result.
"""

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from linting import lint
from paths import ROOT
from ruamel.yaml import YAML

from recurrent_care_pack._content.formatting import format_file, format_text
from recurrent_care_pack._content.reading import Document, read_text
from recurrent_care_pack._durations import diagnose, parse_duration

DATA = {
    name: (ROOT / "data" / name).read_text(encoding="utf-8")
    for name in ("pack.yaml", "section-3.yaml")
}
Where = tuple[str | int, ...]


def _read(text: str) -> Document:
    document, problems = read_text(Path("x.yaml"), text.encode("utf-8"))
    assert document is not None, problems
    assert not problems, problems
    return document


def _reads_as(text: str, value: str) -> bool:
    document, problems = read_text(Path("x.yaml"), f"k: {text}\n".encode())
    return document is not None and not problems and document.data == {"k": value}


class _Messy:
    """Lays out plain data as messy YAML, noting what each comment annotates."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.count = 0
        self.comments: list[tuple[str, str, Where]] = []

    def comment(self, kind: str, path: Where) -> str:
        self.count += 1
        name = f"c{self.count}"
        self.comments.append((name, kind, path))
        return f"# {name} note"

    def chance(self, p: float) -> bool:
        return self.rnd.random() < p

    def document(self, data: dict[str, Any]) -> str:
        lines = self.mapping(data, (), 0, inline=False)
        if self.chance(0.3):
            start = [self.comment("start", ()) for _ in range(self.rnd.randint(1, 2))]
            lines = [*start, *([""] if self.chance(0.5) else []), "---", *lines]
        return "\n".join(lines) + "\n"

    def mapping(
        self, data: dict[str, Any], path: Where, indent: int, *, inline: bool
    ) -> list[str]:
        keys = list(data)
        self.rnd.shuffle(keys)
        lines: list[str] = []
        for number, key in enumerate(keys):
            if not (inline and number == 0):
                if self.chance(0.15):
                    lines.append("")
                if self.chance(0.25):
                    lines.append(" " * indent + self.comment("above", (*path, key)))
            lines.extend(self.entry(key, data[key], (*path, key), indent))
        if self.chance(0.1):  # a key that, unquoted, would read as something else
            key = self.rnd.choice(_TRICKY_KEYS)
            if key not in data:
                quote = self.rnd.choice(["'", '"'])
                lines.append(f"{' ' * indent}{quote}{key}{quote}: {self.quote('a', flow=False)}")
        return lines

    def entry(self, key: str, value: Any, path: Where, indent: int) -> list[str]:
        head = " " * indent + self.key(key) + ":" + " " * self.rnd.choice([0, 0, 2])
        eol = ("  " + self.comment("after", path)) if self.chance(0.2) else ""
        if isinstance(value, (dict, list)) and value:
            if self.chance(0.15) and self.small(value):
                return [f"{head} {self.flow(value)}{eol}".rstrip()]
            if (
                isinstance(value, list)
                and self.chance(0.1)
                and all(isinstance(v, str) for v in value)
            ):
                return self.multiline_flow(head.rstrip(), eol, value, path, indent)
            if isinstance(value, dict):
                child = indent + self.rnd.choice([2, 3, 4])
                return [head.rstrip() + eol, *self.mapping(value, path, child, inline=False)]
            child = indent + self.rnd.choice([0, 2, 4])
            return [head.rstrip() + eol, *self.sequence(value, path, child)]
        return self.scalar_lines(head.rstrip(), value, indent, eol)

    def multiline_flow(
        self, head: str, eol: str, value: list[str], path: Where, indent: int
    ) -> list[str]:
        inner = " " * (indent + 4)
        lines = [f"{head} [{eol}"]
        for number, text in enumerate(value):
            comma = "," if number < len(value) - 1 else ""
            note = (
                ("  " + self.comment("after", (*path, number)))
                if self.chance(0.4) and comma
                else ""
            )
            lines.append(f"{inner}{self.quote(text, flow=True)}{comma}{note}")
        closing = ("  " + self.comment("closing", path)) if self.chance(0.5) else ""
        lines.append(" " * (indent + 2) + "]" + closing)
        return lines

    def sequence(self, items: list[Any], path: Where, indent: int) -> list[str]:
        lines: list[str] = []
        for number, value in enumerate(items):
            here = (*path, number)
            if self.chance(0.1):
                lines.append("")
            if self.chance(0.25):
                lines.append(" " * indent + self.comment("above", here))
            dash = " " * indent + "-" + " " * self.rnd.choice([1, 1, 3])
            width = len(dash)
            if isinstance(value, dict) and value and not (self.chance(0.15) and self.small(value)):
                body = self.mapping(value, here, width, inline=True)
                lines.append(dash + body[0][width:])
                lines.extend(body[1:])
            elif isinstance(value, list) and value and not self.chance(0.5):
                body = self.sequence(value, here, width)
                while body and not body[0].lstrip().startswith("-"):
                    dropped = body.pop(0)  # nothing may stand between two dashes of one line
                    self.comments = [
                        c for c in self.comments if f"# {c[0]} note" != dropped.strip()
                    ]
                lines.append(dash + body[0][width:])
                lines.extend(body[1:])
            elif (
                isinstance(value, list)
                and value
                and all(isinstance(v, str) for v in value)
                and self.chance(0.3)
            ):
                lines.extend(self.multiline_flow(dash.rstrip(), "", value, here, width - 2))
            elif isinstance(value, (dict, list)):
                eol = ("  " + self.comment("after", here)) if self.chance(0.2) else ""
                lines.append(f"{dash}{self.flow(value)}{eol}")
            else:
                eol = ("  " + self.comment("after", here)) if self.chance(0.2) else ""
                lines.extend(self.scalar_lines(dash.rstrip(), value, width, eol))
        return lines

    def small(self, value: Any) -> bool:
        return len(json.dumps(value, default=str)) < 160

    def flow(self, value: Any) -> str:
        gap = self.rnd.choice(["", " ", "  "])
        if isinstance(value, dict):
            parts = [f"{self.key(k, flow=True)}: {self.flow(v)}" for k, v in value.items()]
            return "{" + gap + ("," + gap).join(parts) + gap + "}"
        if isinstance(value, list):
            return "[" + gap + ("," + gap).join(self.flow(v) for v in value) + gap + "]"
        if isinstance(value, str):
            return self.quote(value, flow=True)
        return json.dumps(value)

    def key(self, key: str, *, flow: bool = False) -> str:
        return (
            (self.rnd.choice(["plain", "plain", "single", "double"]) == "plain" and key)
            or (f"'{key}'" if self.chance(0.5) else json.dumps(key))
            if not flow
            else key
        )

    def quote(self, text: str, *, flow: bool) -> str:
        style = self.rnd.choice(["plain", "plain", "single", "double"])
        unsafe = flow and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .'’()-]*", text)
        if (
            style == "plain"
            and not unsafe
            and text == text.strip()
            and text
            and _reads_as(text, text)
            and text[0] not in "-?:,[]{}#&*!|>'\"%@`"
            and ": " not in text
            and " #" not in text
        ):
            return text
        if style == "single" and "\n" not in text and text.isprintable():
            return "'" + text.replace("'", "''") + "'"
        return json.dumps(text, ensure_ascii=self.chance(0.5))

    def scalar_lines(self, head: str, value: Any, indent: int, eol: str) -> list[str]:
        if not isinstance(value, str):
            return [f"{head} {json.dumps(value)}{eol}"]
        inner = " " * (indent + self.rnd.choice([2, 4]))
        words = value.split(" ")
        foldable = (
            len(words) > 3
            and "  " not in value
            and "\n" not in value
            and value == value.strip()
            and value.isprintable()
        )
        choice = self.rnd.random()
        if foldable and choice < 0.3:
            lines, line = [], ""
            width = self.rnd.choice([20, 40, 80])
            for word in words:
                if line and len(line) + len(word) > width:
                    lines.append(line)
                    line = word
                else:
                    line = f"{line} {word}" if line else word
            lines.append(line)
            return [f"{head} >-{eol}", *(inner + text for text in lines)]
        if foldable and choice < 0.4:
            return [f"{head} |-{eol}", inner + value]
        if foldable and choice < 0.5:
            middle = len(words) // 2
            first, rest = " ".join(words[:middle]), " ".join(words[middle:])
            return [f'{head} "{json.dumps(first)[1:-1]}', f'{inner}{json.dumps(rest)[1:-1]}"{eol}']
        return [f"{head} {self.quote(value, flow=False)}{eol}"]


def _next_content(lines: list[str], index: int) -> int:
    """The line number (from 1) of the first line after ``index`` that is not a comment or blank."""
    for number in range(index + 1, len(lines)):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number + 1
    return 0


#: Keys that, written without quotes, YAML 1.2 or YAML 1.1 tools read as something else.
_TRICKY_KEYS = ["1", "true", "null", "2019-01-01", ".inf", "0x1F", "yes", "1:20", "~"]


def _key_kinds(text: str) -> list[list[tuple[str, str]]]:
    """Each key with what it reads as, to a YAML 1.2 tool (ruamel.yaml) and a 1.1 one (PyYAML)."""

    def kinds(data: Any) -> list[tuple[str, str]]:
        if isinstance(data, dict):
            own = [(str(key), type(key).__name__) for key in data]
            return sorted(own + [kind for value in data.values() for kind in kinds(value)])
        if isinstance(data, list):
            return sorted(kind for value in data for kind in kinds(value))
        return []

    return [
        kinds(YAML(typ="safe").load(text)),
        kinds(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))),  # noqa: S506 (safe)
    ]


def _at(data: Any, path: Where) -> Any:
    for step in path:
        data = data[step]
    return data


def _previous_content(lines: list[str], index: int) -> int:
    """The line number (from 1) of the last line before ``index`` that is not a comment or blank."""
    for number in range(index - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number + 1
    return 0


def _check(text: str, messy: _Messy, *, crlf: bool) -> str:
    before = _read(text)
    out = format_text(text)
    if crlf:
        assert "\n" not in out.replace("\r\n", ""), "CRLF kept throughout"
    after = _read(out)
    assert json.dumps(after.data, sort_keys=True) == json.dumps(before.data, sort_keys=True)
    assert _key_kinds(out) == _key_kinds(text)
    assert format_text(out) == out
    lines = out.replace("\r\n", "\n").split("\n")
    for name, kind, path in messy.comments:
        found = [n for n, line in enumerate(lines) if f"# {name} note" in line]
        assert len(found) == 1, (name, found)
        index = found[0]
        on_line = not lines[index].lstrip().startswith("#")
        if kind == "start":  # above the '---'
            assert not on_line
            assert index < lines.index("---"), (name, kind, index + 1)
            continue
        if kind == "closing":  # after the list's last item, on its line or below it
            last = after.where_key((*path, len(_at(after.data, path)) - 1)).line
            seen = index + 1 if on_line else _previous_content(lines, index)
            assert seen == last, (name, kind, path, index + 1, last)
            continue
        target = after.where_key(path).line
        if kind == "after" and on_line:
            assert index + 1 == target, (name, kind, path, index + 1, target)
        else:
            assert _next_content(lines, index) == target, (name, kind, path, index + 1, target)
    return out


@pytest.mark.parametrize(
    "name",  # the section's file is long: each example takes about a second
    [
        pytest.param(n, marks=pytest.mark.slow) if n == "section-3.yaml" else n
        for n in sorted(DATA)
    ],
)
@settings(
    max_examples=40,  # each a whole file made messy, formatted twice and compared: seconds
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a whole file takes minutes
)
@given(seed=st.integers(0, 2**64), crlf=st.booleans())
def test_messy_layouts_of_real_content_format_safely(name: str, seed: int, crlf: bool) -> None:
    """Every messy layout of a data file formats to the same values and comments, once for all."""
    messy = _Messy(random.Random(seed))  # noqa: S311 (a layout, not a secret)
    text = messy.document(_read(DATA[name]).data)
    if crlf:
        text = text.replace("\n", "\r\n")
    note(text)
    out = _check(text, messy, crlf=crlf)
    if seed % 4 == 0:
        assert lint(out) == []


_PIECES = [
    "#",
    " #",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "\n",
    "  ",
    "|",
    ">-",
    "\t",
    "\\N",
]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(seed=st.integers(0, 2**64))
def test_careless_edits_are_formatted_safely_or_refused(
    tmp_path_factory: pytest.TempPathFactory, seed: int
) -> None:
    """A data file with careless edits is either refused with problems or keeps its values."""
    rnd = random.Random(seed)  # noqa: S311 (edits, not secrets)
    text = DATA[rnd.choice(sorted(DATA))]
    for _ in range(rnd.randint(1, 4)):
        at = rnd.randrange(len(text))
        if rnd.random() < 0.3:
            text = text[:at] + text[at + rnd.randint(1, 40) :]
        else:
            text = text[:at] + rnd.choice(_PIECES) + text[at:]
    note(text)
    file = tmp_path_factory.mktemp("edit") / "pack.yaml"
    file.write_text(text, encoding="utf-8")
    result = format_file(file)
    if result.after is None:
        assert result.problems
        return
    before, _ = read_text(file, text.encode("utf-8"))
    after, problems = read_text(file, result.after.encode("utf-8"))
    assert before is not None
    assert after is not None
    assert not {p.code for p in problems} - {"RC114", "RC115", "RC116", "RC117", "RC118", "RC119"}
    assert _durations_as_minutes(after.data) == _durations_as_minutes(before.data)
    assert format_text(result.after) == result.after
    if seed % 4 == 0:
        assert lint(result.after) == []


def _durations_as_minutes(data: Any) -> Any:
    """Data with every readable duration as seconds: fmt spells durations its own way."""
    if isinstance(data, dict):
        return {key: _durations_as_minutes(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_durations_as_minutes(value) for value in data]
    if isinstance(data, str) and diagnose(data) is None:
        return parse_duration(data).total_seconds()
    return data
