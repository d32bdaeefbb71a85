"""A pack as the language server's checks build it: whole, or in part while it has problems."""

from pathlib import Path

from recurrent_care_pack._content.loading import FileCache, check_paths
from recurrent_care_pack._content.reading import read_text
from recurrent_care_pack._editor.hints import Built
from recurrent_care_pack._editor.index import PackIndex


def built(folder: Path, text: str) -> Built:
    """``text`` saved as ``folder``/pack.yaml, checked as the server checks it: what it built."""
    file = folder / "pack.yaml"
    file.write_text(text, encoding="utf-8")
    cache = FileCache()
    result = check_paths([file], cache=cache)
    pack = cache.built[result.files]
    assert pack is not None, result.problems
    document, _ = read_text(file, text.encode())
    twice = PackIndex([document] if document is not None else []).twice
    return Built(pack, result.pack is not None, frozenset(twice))
