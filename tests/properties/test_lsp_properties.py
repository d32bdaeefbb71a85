"""rcpack lsp against rcpack validate (the same problems, always), and under hostile text."""

import contextlib
import io
import json
import re
import shutil
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsp_client import Session, serving
from lsprotocol import types
from paths import DATA

from recurrent_care_pack import CODES
from recurrent_care_pack._cli import main

#: Each test starts ``rcpack lsp`` and talks to it over stdio, a second or more apiece:
#: slow. ``pytest --all`` runs them; the quick run tests the editor's stages in process.
pytestmark = pytest.mark.slow

FILES = {f.name: f.read_text(encoding="utf-8") for f in sorted(DATA.glob("*.yaml"))}

#: What a careless edit may type in place of one character.
_TYPED = [":", "-", " ", "\t", "#", "'", '"', "[", "{", "&", "*", "!", "\x00", "é", "0", "\n"]
#: Words that change the meaning, not the shape: ids, numbers, durations.
_SWAPS = [
    ("film-6", "film-66"),
    ("exercise-9", "exercise-8"),
    ("23 minutes", "20 minutes"),
    ("number: 2", "number: 3"),
    ("research-in-practice", "research-in-practise"),
    ("claire-mason", "sheena-webb"),
    ("10 minutes", "22:31"),
    ("id: film-7", "id: film-6"),
]


@st.composite
def _edits(draw: st.DrawFn) -> tuple[str, str]:
    """One file of the bundled pack after a few careless edits, of shape or of meaning."""
    name = draw(st.sampled_from(sorted(FILES)))
    text = FILES[name]
    for old, new in draw(st.lists(st.sampled_from(_SWAPS), max_size=2)):
        text = text.replace(old, new, 1)
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(0, 3))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "double", "swap", "change", "truncate"]))
        if kind == "delete":
            del lines[at]
        elif kind == "double":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "change":
            where = draw(st.integers(0, max(len(lines[at]) - 1, 0)))
            lines[at] = lines[at][:where] + draw(st.sampled_from(_TYPED)) + lines[at][where + 1 :]
        else:
            lines[at:] = [lines[at][: draw(st.integers(0, len(lines[at])))]]
    return name, "".join(lines)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled pack, shared by the examples (each writes what it sends)."""
    folder = tmp_path_factory.mktemp("lsp") / "pack"
    shutil.copytree(DATA, folder)
    return folder


@pytest.fixture(scope="module")
def session(pack: Path) -> Iterator[Session]:
    """One server for every example, with both files of the pack open."""
    with serving(pack, FILES) as started:
        yield started


def _column(line: str, units: int) -> int:
    """The character column (from 1) of a UTF-16 offset in ``line``."""
    seen = 0
    for index, character in enumerate(line):
        if seen >= units:
            return index + 1
        seen += 2 if ord(character) > 0xFFFF else 1
    return len(line) + 1 + max(units - seen, 0)


def _validate_json(pack: Path) -> set[tuple[str, int, int, str, str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["validate", "--format", "json", str(pack)])
    report = json.loads(out.getvalue())
    return {
        (Path(p["file"]).name, p["line"] or 1, p["column"] or 1, p["code"], p["message"])
        for p in report["problems"]
    }


def _published(
    session: Session, pack: Path, texts: dict[str, str]
) -> set[tuple[str, int, int, str, str]]:
    found = set()
    for name, text in texts.items():
        lines = text.splitlines()
        for d in session.latest(pack / name):
            line = lines[d.range.start.line] if d.range.start.line < len(lines) else ""
            column = _column(line, d.range.start.character)
            found.add((name, d.range.start.line + 1, column, str(d.code), d.message))
    return found


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(_edits())
def test_diagnostics_are_the_problems_validate_finds(
    session: Session, pack: Path, edit: tuple[str, str]
) -> None:
    """After any edit the server publishes what rcpack validate --format json finds, exactly."""
    name, text = edit
    texts = {**FILES, name: text}
    for each, content in texts.items():
        (pack / each).write_text(content, encoding="utf-8")
        if session.texts[(pack / each).as_uri()] != content:
            version = session.change(pack / each, content)
            session.diagnostics(pack / each, version=version)
    # The last publications, should they ever disagree (a server's order was once the cause).
    last = " ".join(f"{name}@{version}:{count}" for name, version, count in session.history[-12:])
    assert _published(session, pack, texts) == _validate_json(pack), last


def _flow_list(size: int) -> str:
    return (
        "sections:\n  - id: s\n    number: 1\n    title: T\n    covers: [" + "1," * size + "1]\n"
    )


def _nested(depth: int) -> str:
    return "sections:\n" + "".join("  " * k + "- \n" for k in range(depth)) + "  " * depth + "x\n"


def _missing_films(count: int) -> str:
    lines = ["sections:", "  - id: s", "    number: 1", "    title: T", "    modules:"]
    for k in range(count):
        lines += [
            f"      - id: m{k}",
            f"        number: {k + 1}",
            f"        title: Module {k + 1}",
            f"        films: [missing-film-{k}]",
            "        allowance: 5 minutes",
        ]
    return "\n".join(lines) + "\n"


#: Text no editor should send, which the server must survive and answer after.
HOSTILE = {
    "a long flow list": _flow_list(50_000),
    "nesting past the limit": _nested(80),
    "an alias bomb": "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n",
    "a tag": "sections: !!python/object:os.system [ls]\n",
    "NUL and control characters": "sections:\n  - id: \x00\x1b\x07\n",
    "a byte-order mark": "\ufeffsections: []\n",
    "a line separator": "sections:\n  - id: a\u2028b\n",
    "two documents": "sections: []\n---\nsections: []\n",
    "a thousand missing films": _missing_films(1000),
    "nothing": "",
    "only a comment": "# nothing yet\n",
    "a huge number": "sections:\n  - number: " + "9" * 5000 + "\n",
    "an old YAML version": "%YAML 1.1\n---\nsections: []\n",
    "a key glued to its value": "sections:\n  - id:s\n",
}


def _as_bundled(session: Session, pack: Path) -> None:
    """Every file of ``pack`` as bundled, saved and in the server, whatever tests before left.

    An earlier test may leave pack.yaml unreadable: then no reference can be judged (the
    part that cannot be read may give the id), and a text whose problems are all references
    rightly has none.
    """
    for name, content in FILES.items():
        (pack / name).write_text(content, encoding="utf-8")
        if session.texts[(pack / name).as_uri()] != content:
            session.diagnostics(pack / name, version=session.change(pack / name, content))


def _answers_and_locates(session: Session, file: Path, text: str) -> list[types.Diagnostic]:
    """Send ``text``; the server publishes located problems for it and still answers."""
    version = session.change(file, text)
    diagnostics = session.diagnostics(file, version=version)
    line_count = len(re.split(r"\r\n|\r|\n", text))  # lines as the editor counts them
    for d in diagnostics:
        assert str(d.code) in CODES
        assert 0 <= d.range.start.line <= line_count
        assert d.range.start.character >= 0
        assert d.message
    params = types.DocumentSymbolParams(text_document=session.document(file))
    assert session.run(session.client.text_document_document_symbol_async(params)) is not None
    return diagnostics


#: The hostile texts a server takes seconds over (50,000 entries on one line, 1,000 modules).
_SLOW = {"a long flow list", "a thousand missing films"}


@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=pytest.mark.slow) if c in _SLOW else c for c in sorted(HOSTILE)]
)
def test_hostile_text_gets_located_problems_and_the_server_answers(
    session: Session, pack: Path, case: str
) -> None:
    """Each hostile text sent as a change gets located problems, and every request an answer."""
    _as_bundled(session, pack)  # pack.yaml readable: a reference to nothing is a problem
    diagnostics = _answers_and_locates(session, pack / "section-3.yaml", HOSTILE[case])
    assert diagnostics != []  # none of them is a valid pack
    for line, character in ((0, 0), (1, 4), (4, 12)):
        where = types.Position(line=line, character=character)
        # Formatting is of the whole text: asked once (fmt lays out 50,000 items in seconds)
        _ask_everything(session, pack / "section-3.yaml", where, formatting=line == 0)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(sorted(FILES)), st.data())
def test_every_half_typed_file_gets_located_problems(
    session: Session, pack: Path, name: str, data: st.DataObject
) -> None:
    """The real data cut off anywhere (a keystroke at a time) never stops the server."""
    text = FILES[name]
    cut = data.draw(st.integers(0, len(text)))
    _answers_and_locates(session, pack / name, text[:cut])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.text(max_size=2000))
def test_random_text_gets_located_problems(session: Session, pack: Path, text: str) -> None:
    """Any text at all in place of a pack file (as random bytes are for validate)."""
    _answers_and_locates(session, pack / "section-3.yaml", text)


def test_many_changes_at_once_are_checked_once_for_the_newest_text(
    session: Session, pack: Path
) -> None:
    """Changes typed faster than the server checks are coalesced: the newest text is checked."""
    _as_bundled(session, pack)
    file = pack / "section-3.yaml"
    text = FILES["section-3.yaml"]
    before = session.count(file)
    for cut in range(len(text) - 200, len(text)):
        version = session.change(file, text[:cut])
    version = session.change(file, text)
    assert session.diagnostics(file, version=version) == []
    assert session.count(file) - before < 50  # 201 changes; 2 checks on the development machine


def _ask_everything(
    session: Session, file: Path, where: types.Position, *, formatting: bool = True
) -> None:
    """Every request the server offers, at ``where``: each must be answered, not refused.

    Formatting too, unless told not to.
    """
    document = session.document(file)
    client = session.client
    whole = types.Range(start=types.Position(line=0, character=0), end=where)
    requests: list[Coroutine[Any, Any, object]] = [
        client.text_document_hover_async(
            types.HoverParams(text_document=document, position=where)
        ),
        client.text_document_completion_async(
            types.CompletionParams(text_document=document, position=where)
        ),
        client.text_document_definition_async(
            types.DefinitionParams(text_document=document, position=where)
        ),
        client.text_document_references_async(
            types.ReferenceParams(
                text_document=document,
                position=where,
                context=types.ReferenceContext(include_declaration=True),
            )
        ),
        client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=document)
        ),
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=document,
                range=whole,
                context=types.CodeActionContext(diagnostics=session.latest(file)),
            )
        ),
        client.text_document_inlay_hint_async(
            types.InlayHintParams(text_document=document, range=whole)
        ),
    ]
    if formatting:
        options = types.FormattingOptions(tab_size=2, insert_spaces=True)
        params = types.DocumentFormattingParams(text_document=document, options=options)
        requests.append(client.text_document_formatting_async(params))
    for request in requests:
        session.run(request)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(_edits(), st.data())
def test_every_request_on_careless_edits_is_answered(
    session: Session, pack: Path, edit: tuple[str, str], data: st.DataObject
) -> None:
    """Hover, completion, navigation, fixes, hints and formatting anywhere in a broken file."""
    name, text = edit
    file = pack / name
    version = session.change(file, text)
    session.diagnostics(file, version=version)
    lines = text.split("\n")
    line = data.draw(st.integers(0, len(lines)))
    length = len(lines[line]) if line < len(lines) else 0
    character = data.draw(st.integers(0, length + 2))
    _ask_everything(session, file, types.Position(line=line, character=character))
