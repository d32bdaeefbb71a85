"""Each way reading can refuse a file, beyond test_problem_codes.py's cases, by its exact line."""

from pathlib import Path

import pytest
from small_packs import BASE

from recurrent_care_pack._cli import main


def _edit(old: str, new: str) -> bytes:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new).encode()


CASES: dict[str, tuple[bytes, list[str]]] = {
    "RC101 a bracket never closed": (
        b"pack: [1, 2\nsections: []\n",
        [
            "pack.yaml:1:7: RC101 this '[' starts a list that is not closed: end it with ']', or put the value in quotes if it is text",
        ],
    ),
    "RC108 and RC107 together": (
        b"\xef\xbb\xbf" + _edit("title: A pack", "title: Caf\xe9").replace(b"\xc3\xa9", b"\xe9"),
        [
            "pack.yaml:1:1: RC108 the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
            "pack.yaml:3:13: RC107 byte 0xE9 is not UTF-8 text; save the file as UTF-8",
        ],
    ),
    "RC111 capitalised Yes": (
        _edit("title: A pack", "title: Yes"),
        [
            "pack.yaml:3:10: RC111 'Yes' is read as the word 'Yes', but YAML 1.1 tools read it as true; put it in quotes ('Yes') to keep the word, or write true",
        ],
    ),
    "RC111 upper-case OFF": (
        _edit("title: A pack", "title: OFF"),
        [
            "pack.yaml:3:10: RC111 'OFF' is read as the word 'OFF', but YAML 1.1 tools read it as false; put it in quotes ('OFF') to keep the word, or write false",
        ],
    ),
    "RC111 binary": (
        _edit("title: A pack", "title: 0b101"),
        [
            "pack.yaml:3:10: RC111 '0b101' is read as text, but YAML 1.1 tools read it as the number 5; put it in quotes to keep the text, or write 5",
        ],
    ),
    "RC111 negative binary with an underscore": (
        _edit("title: A pack", "title: -0b1_01"),
        [
            "pack.yaml:3:10: RC111 '-0b1_01' is read as text, but YAML 1.1 tools read it as the number -5; put it in quotes to keep the text, or write -5",
        ],
    ),
    "RC111 negative octal": (
        _edit("published: 2019-05-22", "published: -010"),
        [
            "pack.yaml:5:14: RC111 '-010' is read as the number -10, but YAML 1.1 tools read it as -8; write -10 without the leading zero",
            "pack.yaml:5:14: RC203 'published' should be text, not the number -10",
        ],
    ),
    "RC115 control character in a key": (
        _edit("  title: A pack\n", '  "ti\\ttle": A pack\n'),
        [
            "pack.yaml:3:3: RC115 the key holds U+0009, a control character that terminals and handouts cannot show; delete it",
            "pack.yaml:3:3: RC201 unknown key 'ti\\ttle' in this pack; did you mean 'title'?",
        ],
    ),
}


@pytest.mark.parametrize(("content", "expected"), CASES.values(), ids=CASES.keys())
def test_reading_problem_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    content: bytes,
    expected: list[str],
) -> None:
    """The file gets exactly these problem lines, the summary, and exit status 1."""
    (tmp_path / "pack.yaml").write_bytes(content)
    monkeypatch.chdir(tmp_path)
    status = main(["validate", "pack.yaml"])
    lines = capsys.readouterr().out.splitlines()
    count = len(expected)
    summary = f"checked 1 file, pack.yaml: {count} problem{'s' if count > 1 else ''} in 1 file"
    assert (status, lines) == (1, [*expected, summary])


@pytest.mark.parametrize("plain", ["'no'", '"0b101"', "'010'", "nobody", "0o10", "0x1F"])
def test_quoted_or_yaml_1_2_values_are_not_rc111(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    plain: str,
) -> None:
    """Quoted words, words that only start like 'no', and YAML 1.2 octal and hex are fine."""
    (tmp_path / "pack.yaml").write_bytes(_edit("  title: A pack\n", f"  title: {plain}\n"))
    monkeypatch.chdir(tmp_path)
    main(["validate", "pack.yaml"])
    assert "RC111" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("limit", "said"), [("1000", "1000 bytes"), ("1K", "1 KiB"), ("2048", "2 KiB")]
)
def test_the_size_limit_is_said_as_given(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    limit: str,
    said: str,
) -> None:
    """RC112 names the limit in whole KiB where it is one, else in bytes."""
    (tmp_path / "pack.yaml").write_text(BASE * 3, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--max-file-size", limit, "pack.yaml"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"pack.yaml:1:1: RC112 the file is larger than the size limit ({said}); split it "
        "into smaller files, or raise the limit (rcpack validate --max-file-size)"
    )
