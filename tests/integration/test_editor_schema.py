"""yaml-language-server, the engine behind VS Code's YAML extension, speaks the pack's words.

A small LSP client drives the real server over stdio: hover, completion and the inline
messages it shows an editor. .ci/run installs the pinned server in .tools/; elsewhere these
tests are skipped when it is missing, except under CI, where a missing server is a failure.
The schema checks at the end need no server.
"""

import itertools
import json
import os
import queue
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from paths import ROOT

SCHEMA_FILE = ROOT / "schema" / "pack.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))

#: The version .ci/run installs (npm, into the git-ignored .tools/).
VERSION = "1.25.0"
PACKAGE = ROOT / ".tools" / "node_modules" / "yaml-language-server"
NODE = shutil.which("node")
MISSING = NODE is None or not (PACKAGE / "bin" / "yaml-language-server").exists()

needs_server = pytest.mark.skipif(
    MISSING and not os.environ.get("CI"), reason="yaml-language-server is not in .tools/"
)

#: What yaml-language-server shows for the pack's kinds of value, as the schema words it.
DURATION = (
    "write a duration as you would say it: 23 minutes, 1 hour 30 minutes or 22 minutes "
    "31 seconds (not a clock time such as 22:31, and not zero)"
)
NO_UNIT = (
    "a duration needs a unit: write it as you would say it, such as 30 minutes or 1 hour "
    "30 minutes"
)
ID = "write an id as lowercase words joined by hyphens, such as film-6"
MODULE = (
    "a learning module needs 'id', 'number', 'title', 'films' and 'allowance', and may have "
    "'description', 'discussion', 'exercise', 'different_day' and 'topics': add a missing "
    "key, or correct a misspelt one"
)

#: Bits of regular expression, and the validator's own words, that must never reach an editor.
REGEX = re.compile(r"\^\(|\(\?|\\[dsSnw]|\[0-9\]|\$\)|\{0,|Incorrect type|pattern")

TIMEOUT = 60


class _Server:
    """yaml-language-server over stdio, answering what it asks of an editor."""

    def __init__(self, command: list[str]) -> None:
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._last_id = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        """Put each message the server writes (Content-Length framing) on the queue."""
        stream = self._process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in {b"\r\n", b"\n"}:
                if not line:
                    return
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            self._messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        """Send a notification."""
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        """Send a request and wait for its result."""
        self._last_id += 1
        number = self._last_id
        self._send({"id": number, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == number and "method" not in m)["result"]

    def wait(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The next message ``wanted`` picks, answering the server's own requests meanwhile."""
        while True:
            message = self._messages.get(timeout=TIMEOUT)
            if "method" in message and "id" in message:  # the server asks the editor
                asked = message.get("params", {}).get("items", [])
                answer = [SETTINGS.get(i.get("section")) for i in asked] if asked else None
                self._send({"id": message["id"], "result": answer})
            elif wanted(message):
                return message

    def close(self) -> None:
        """Shut the server down as an editor does."""
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self._process.wait(timeout=10)
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            self._reader.join(timeout=10)
            for pipe in (self._process.stdin, self._process.stdout):
                if pipe is not None:
                    pipe.close()


#: An editor's settings: validate, hover and complete; no schema store (it is fetched online).
SETTINGS: dict[str, Any] = {
    "yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}
}

#: The first line of each document: the line README tells editors to start with, naming
#: the schema by its full path here.
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE.as_uri()}"


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    """The real yaml-language-server, initialised as an editor starts it."""
    assert not MISSING, "CI must install yaml-language-server (see .ci/run)"
    installed = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == VERSION, (
        f"yaml-language-server {installed} in .tools/; .ci/run pins {VERSION}"
    )
    assert NODE is not None
    started = _Server([NODE, str(PACKAGE / "bin" / "yaml-language-server"), "--stdio"])
    try:
        capabilities = {
            "textDocument": {
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "completion": {"completionItem": {"snippetSupport": True}},
                "publishDiagnostics": {},
            },
            "workspace": {"configuration": True, "didChangeConfiguration": {}},
        }
        started.request(
            "initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": capabilities}
        )
        started.notify("initialized", {})
        started.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
        yield started
    finally:
        started.close()


_opened = itertools.count()


def _open(server: _Server, body: str) -> tuple[str, list[str]]:
    """Open a document holding ``body`` after the modeline; its uri and its messages.

    Each message is ``LINE:COL message`` (both from 1, as rcpack writes them; the modeline
    is line 1), in order.
    """
    uri = f"file:///editor-test/content-{next(_opened)}.yaml"
    document = {"uri": uri, "languageId": "yaml", "version": 1, "text": f"{MODELINE}\n{body}"}
    server.notify("textDocument/didOpen", {"textDocument": document})
    published = server.wait(
        lambda m: (
            m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        )
    )
    found = sorted(
        (d["range"]["start"]["line"], d["range"]["start"]["character"], d["message"])
        for d in published["params"]["diagnostics"]
    )
    return uri, [f"{line + 1}:{column + 1} {message}" for line, column, message in found]


def _cursor(uri: str, marked: str, mark: str) -> dict[str, Any]:
    """Where ``mark`` stands in ``marked``, the document being ``marked`` without its marks."""
    lines = f"{MODELINE}\n{marked}".splitlines()
    line = next(number for number, content in enumerate(lines) if mark in content)
    before = re.sub(r"<[a-z]+>", "", lines[line][: lines[line].index(mark)])
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": len(before)}}


def _labels(completion: Any) -> list[str]:
    items = completion["items"] if isinstance(completion, dict) else completion
    return [item["label"] for item in items]


MISTAKES = """\
sections:
  - id: section-3
    number: 3
    title: Section 3
    modules:
      - id: section-3-module-1
        number: 1
        titel: Watching the film
        films: [film-1]
        allowance: 23 minuts
    exercises:
      - id: exercise-1
        number: 1
        title: Talking about the film
        time: 30
        phases:
          - duration: 30 minutes
            activity: Talk about the film.
    media:
      - id: Film_1
        kind: film
"""


@needs_server
def test_mistakes_get_messages_in_the_packs_words(server: _Server) -> None:
    """A misspelt key, a misspelt unit, a bare number and a bad id each get a plain message."""
    _, messages = _open(server, MISTAKES)
    assert messages == [
        f"7:9 {MODULE}",  # the module has no 'title' (it is spelt 'titel')
        f"9:9 {MODULE}",  # ... and 'titel' is no key of a module
        f"11:20 {DURATION}",
        f"16:15 {NO_UNIT}",
        f"21:13 {ID}",
    ]
    assert not [m for m in messages if REGEX.search(m)]


EVERY_KIND = """\
pack:
  id: pack
  title: "  "
  publisher: 7
  published: 22/05/2019
  print_version:
    title: Printed
    year: "2019"
    pages: many
sections:
  - id: section-3
    number: 3
    title: Section 3
    media:
      - id: film-1
        kind: film
        running_time: 22:31
        allowance:
    modules:
      - id: section-3-module-1
        number: 1
        title: Watching the film
        films: film-1
        allowance: 0 minutes
        discussion:
          duration: 10 minutes
          optional: yes
    tips:
      title: Tips
      categories:
        - id: tips-on-links
          title: Links
          resources:
            - id: a-link
              title: A link
              url: www.example.org
"""


@needs_server
def test_no_message_shows_a_pattern_or_a_bare_type(server: _Server) -> None:
    """Each kind of value the pack holds is explained in words, never by its regex or type."""
    _, messages = _open(server, EVERY_KIND)
    assert messages == [
        "4:10 write some text here (not only spaces), or leave it out",
        f"5:14 {ID}",
        "6:14 write a real date as YYYY-MM-DD, such as 2019-05-22",
        "9:11 write a year as a number, such as 2019",
        "10:12 write a whole number, such as 2",
        f"18:23 {DURATION}",
        f"19:19 {NO_UNIT}",
        "24:16 write a list: one entry per line, each starting with '- '",
        f"25:20 {DURATION}",
        "28:21 write true or false",
        "37:20 write a web address starting with https:// or http://",
    ]
    assert not [m for m in messages if REGEX.search(m)]


@needs_server
def test_the_bundled_pack_gets_no_message_and_one_mistake_gets_one(server: _Server) -> None:
    """The data in data/ is clean to the editor too; one mistyped duration in it is flagged."""
    bodies = [_without_modeline(file) for file in sorted((ROOT / "data").glob("*.yaml"))]
    assert len(bodies) > 1
    for body in bodies:
        assert _open(server, body)[1] == []
    lines = _without_modeline(ROOT / "data" / "section-3.yaml").splitlines()
    number = next(n for n, text in enumerate(lines) if text.endswith("allowance: 23 minutes"))
    column = lines[number].index("23")
    lines[number] = lines[number].removesuffix(" minutes")
    _, messages = _open(server, "\n".join(lines))
    assert messages == [f"{number + 2}:{column + 1} {NO_UNIT}"]  # the modeline is line 1


def _without_modeline(file: Path) -> str:
    """A content file's text, less its own first line if that names a schema."""
    text = file.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    return rest if first.startswith("# yaml-language-server:") else text


@needs_server
def test_hover_on_a_key_shows_its_description(server: _Server) -> None:
    """Hovering on a key shows its description and, for a duration, how to write one."""
    uri, _ = _open(server, MISTAKES)
    hover = server.request("textDocument/hover", _cursor(uri, MISTAKES, "allowance:"))
    assert hover["contents"]["value"] == (
        "#### duration\n\n"
        "The time the pack tells you to allow for watching the films, e.g. '40 minutes'.\n\n"
        "Write it as you would say it: `23 minutes`, `1 hour 30 minutes`, "
        "`22 minutes 31 seconds`.\n\n"
        f"Source: [pack.schema.json]({SCHEMA_FILE.as_uri()})"
    )
    hover = server.request("textDocument/hover", _cursor(uri, MISTAKES, "phases:"))
    assert hover["contents"]["value"] == (
        "#### exercise\n\nThe timed phases, in order.\n\n"
        f"Source: [pack.schema.json]({SCHEMA_FILE.as_uri()})"
    )


MODULE_STARTED = """\
sections:
  - id: section-3
    number: 3
    title: Section 3
    modules:
      - id: section-3-module-1
        number: 1
        <key>
    media:
      - id: film-1
        kind: film
        running_time: <value>
"""


@needs_server
def test_completion_in_a_module_offers_its_keys(server: _Server) -> None:
    """Completion inside a module offers the keys it can still have, and a whole module."""
    uri, _ = _open(server, re.sub(r"<[a-z]+>", "", MODULE_STARTED))
    completion = server.request("textDocument/completion", _cursor(uri, MODULE_STARTED, "<key>"))
    keys = list(SCHEMA["$defs"]["module"]["properties"])
    assert keys[:2] == ["id", "number"]
    assert sorted(_labels(completion)) == sorted([*keys[2:], "learning module"])


@needs_server
def test_completion_of_a_duration_offers_one_as_people_say_it(server: _Server) -> None:
    """Completion after a duration's key offers minutes, hours and minutes, minutes and seconds."""
    uri, _ = _open(server, re.sub(r"<[a-z]+>", "", MODULE_STARTED))
    completion = server.request("textDocument/completion", _cursor(uri, MODULE_STARTED, "<value>"))
    items = completion["items"] if isinstance(completion, dict) else completion
    assert [(item["label"], item["insertText"]) for item in items] == [
        ("minutes", "${1:30} minutes"),
        ("hours and minutes", "${1:1} hour ${2:30} minutes"),
        ("minutes and seconds", "${1:22} minutes ${2:31} seconds"),
    ]


# The schema's side: every message an editor can get is written, so none falls back to a
# regex or a type name (these need no server).


def _nodes(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            if key != "defaultSnippets":
                yield from _nodes(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, f"{where}/{index}")


def test_every_typed_value_and_pattern_has_its_own_message() -> None:
    """Each value with a type has an errorMessage, each pattern or format a patternErrorMessage."""
    typed = [(where, node) for where, node in _nodes(SCHEMA) if "type" in node]
    assert len(typed) > 50
    for where, node in typed:
        assert node.get("errorMessage"), where
        if "pattern" in node or "format" in node:
            assert node.get("patternErrorMessage"), where
        for message in (node["errorMessage"], node.get("patternErrorMessage", "")):
            assert not REGEX.search(message), where


def test_a_mapping_names_its_keys_in_its_message() -> None:
    """A mapping's message names its needed keys, then the others, so a misspelling shows."""
    for where, node in _nodes(SCHEMA):
        if node.get("type") != "object":
            continue
        required = node.get("required", [])
        others = [key for key in node["properties"] if key not in required]
        named = re.findall(r"'([a-z_]+)'", node["errorMessage"])
        assert named == [*required, *others], where
        if required:
            assert re.search(r" needs? '", node["errorMessage"]), where


HOW = {
    "#/$defs/duration": (
        "Write it as you would say it: `23 minutes`, `1 hour 30 minutes`, `22 minutes 31 seconds`."
    ),
    "#/$defs/id": "Ids are lowercase words joined by hyphens, such as `film-6`.",
    "#/$defs/date": "Write it as YYYY-MM-DD, such as `2019-05-22`.",
}


def test_hover_text_is_the_description_and_how_to_write_the_value() -> None:
    """A key holding a duration, id or date shows its description, then how to write one."""
    shown = 0
    for where, node in _nodes(SCHEMA):
        for name, prop in node.get("properties", {}).items():
            kind = prop.get("$ref") or prop.get("items", {}).get("$ref")
            if kind in HOW:
                expected = f"{prop['description']}\n\n{HOW[kind]}"
                assert prop.get("markdownDescription") == expected, f"{where}/{name}"
                shown += 1
            else:
                assert "markdownDescription" not in prop, f"{where}/{name}"
    assert shown > 30
    # A definition's markdownDescription would hide the description of every key using it.
    assert not [name for name, value in SCHEMA["$defs"].items() if "markdownDescription" in value]
