"""What marks a file as content or a session, and what a lenient search lists."""

import os
from pathlib import Path

import pytest

from recurrent_care_pack._content.finding import (
    find_files,
    find_packs,
    is_content_file,
    is_content_head,
    is_session_head,
)


@pytest.mark.parametrize(
    "head",
    [
        "'session':\n  title: A session\n",
        '"session":\n  title: A session\n',
        "session :\n  title: A session\n",
        "\ufeffsession:\n  title: A session\n",
        "# yaml-language-server: $schema=session.schema.json\nanything: 1\n",
        "%YAML 1.2\n---\n# yaml-language-server: $schema=../schema/session.schema.json\n",
        "other: 1\r\nsession:\r\n  title: A session\r\n",  # on a line after CRLF
        "other: 1\nsession:",  # the last line, no break after it
        "session:",
    ],
)
def test_a_session_is_known_by_its_key_in_any_quoting_or_its_schema_line(head: str) -> None:
    """'session', quoted either way or not, or the session schema line: a session."""
    assert is_session_head(head)
    assert is_session_head(head.encode())
    assert not is_content_head(head)


@pytest.mark.parametrize(
    "head",
    [
        "'sessions':\n  - 1\n",
        '"session"x: 1\n',
        "  session: 1\n",
        "# session:\n",
        "other: 1\rsession: 1\n",  # after a lone CR: not where a line starts here
        "other: session:\n",
        "session:x\n",
    ],
)
def test_a_key_like_session_is_not_a_session(head: str) -> None:
    """'sessions', a key indented or in a comment: not a session."""
    assert not is_session_head(head)


@pytest.mark.parametrize(
    "head",
    [
        '"pack":\n  id: p\n',
        "'works':\n  - id: w\n",
        "people:\n  - id: a\n",
        "# a note\n\n# yaml-language-server: $schema=pack.schema.json\nother: 1\n",
        "---\n# yaml-language-server: $schema=https://example.org/s?x=pack.schema.json\n",
    ],
)
def test_content_is_known_by_a_key_in_any_quoting_or_its_schema_line(
    tmp_path: Path, head: str
) -> None:
    """A pack's key quoted either way, or the schema line among the leading comments."""
    file = tmp_path / "a.yaml"
    file.write_text(head, encoding="utf-8")
    assert is_content_head(head)
    assert is_content_file(file)


@pytest.mark.parametrize(
    "head",
    [
        "other: 1\n# yaml-language-server: $schema=pack.schema.json\n",  # after content
        "'other':\n  pack: 1\n",  # not at the top
        '"packs": 1\n',
        "# yaml-language-server: $schema=pack.schema.json.bak\n",
    ],
)
def test_other_yaml_is_not_content(tmp_path: Path, head: str) -> None:
    """A schema line after the first content line, or a key not the pack's: not content."""
    file = tmp_path / "a.yaml"
    file.write_text(head, encoding="utf-8")
    assert not is_content_head(head)
    assert not is_content_file(file)


def test_a_lenient_search_of_a_pack_folder_lists_a_pipe_in_it(tmp_path: Path) -> None:
    """The lenient search (fmt's) lists a pipe inside a pack folder; a strict one refuses it."""
    (tmp_path / "pack.yaml").write_text("pack:\n  id: p\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")
    assert find_files([tmp_path], lenient=True) == [tmp_path / "pack.yaml", tmp_path / "pipe.yaml"]
    with pytest.raises(OSError, match="not a file or folder") as raised:
        find_files([tmp_path])
    assert raised.value.filename == str(tmp_path / "pipe.yaml")


def test_a_loose_file_is_a_pack_with_its_neighbours_not_the_folders_below(
    tmp_path: Path,
) -> None:
    """A content file outside a pack folder: its pack is the content beside it, nothing below.

    A broken pack folder below (its pack.yaml a folder) is not searched, so not refused.
    """
    (tmp_path / "a.yaml").write_text("sections: []\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("works: []\n", encoding="utf-8")
    (tmp_path / "below" / "pack.yaml").mkdir(parents=True)
    (tmp_path / "below" / "c.yaml").write_text("people: []\n", encoding="utf-8")
    [found] = find_packs([tmp_path / "a.yaml"])
    assert found.root == tmp_path
    assert found.files == (tmp_path / "a.yaml", tmp_path / "b.yaml")


def test_a_key_that_is_not_utf8_does_not_stop_the_look_at_a_file() -> None:
    """A quoted key holding bytes that are not UTF-8 is a key like another: no error."""
    assert is_content_head(b'"\xff\xfe": 1\npack:\n  id: p\n')
    assert is_session_head(b"'\xc3': 1\nsession:\n  title: A session\n")
    assert not is_content_head(b'"\xff": 1\n')
