"""``rcpack site --serve``: the site served on this machine, rebuilt on save, pages reloaded.

The files the site is made from are polled; when one has changed and stayed so for one
more look, ``rebuild`` makes the site again (it says why not, and keeps the last site,
when the pack has problems). Each page served gets a small script that asks the server
which build it is and reloads the page when the build changes; the site written to the
folder never holds it.
"""

import functools
import http.server
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["RELOAD_PATH", "Preview", "preview"]

#: Where a served page asks which build it is showing.
RELOAD_PATH = "/_rcpack/build"

_RELOAD = (
    "<script>(function(){var seen=null;function ask(){fetch('" + RELOAD_PATH + "',"
    "{cache:'no-store'}).then(function(r){return r.text();}).then(function(b){"
    "if(seen!==null&&b!==seen){location.reload();}seen=b;}).catch(function(){});}"
    "ask();setInterval(ask,1000);})();</script>"
)


#: How often (in seconds) the main thread wakes while it serves, to see a Ctrl-C.
_WOKEN_EVERY = 0.2


class Preview:
    """A served site and the watch on its sources: ``stop`` ends both."""

    def __init__(  # noqa: PLR0913 (what it serves and watches, and how)
        self,
        folder: Path,
        rebuild: Callable[[], bool],
        sources: Callable[[], Iterable[Path]],
        *,
        port: int = 8000,
        every: float = 0.5,
        built: Callable[[], None] = lambda: None,
    ) -> None:
        """Serve ``folder`` on 127.0.0.1:``port`` (0: any free port); watch ``sources``.

        ``built`` is called after each rebuild that succeeds, once pages reload to it.
        """
        self.folder = folder
        self.build = 0
        self._rebuild = rebuild
        self._built = built
        self._sources = sources
        self._every = every
        self._stopped = threading.Event()
        self._seen = self._stamps()
        self._changing: dict[Path, tuple[int, int]] | None = None
        handler = functools.partial(_Handler, directory=str(folder), preview=self)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self._threads = [
            threading.Thread(target=self.server.serve_forever, daemon=True),
            threading.Thread(target=self._watch, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _stamps(self) -> dict[Path, tuple[int, int]]:
        stamps = {}
        for path in self._sources():
            try:
                found = path.stat()
            except OSError:
                continue
            stamps[path] = (found.st_mtime_ns, found.st_size)
        return stamps

    def _watch(self) -> None:
        while not self._stopped.wait(self._every):
            self.look()

    def look(self) -> bool:
        """Rebuild if a source changed and has stayed as it is since the last look.

        An editor may save in pieces (the file emptied, then written): a change is built
        once it is still, not at each piece. True when a rebuild ran.
        """
        stamps = self._stamps()
        if stamps == self._seen or stamps != self._changing:
            self._changing = None if stamps == self._seen else stamps
            return False
        self._seen, self._changing = stamps, None
        if self._rebuild():
            self.build += 1
            self._built()
        return True

    def stop(self) -> None:
        """Stop serving and watching."""
        self._stopped.set()
        self.server.shutdown()
        self.server.server_close()

    def wait(self) -> None:
        """Serve until interrupted (Ctrl-C).

        Woken every 0.2 s: the kernel may give a Ctrl-C to the server's or the watch's
        thread, and Python then runs its handler only once the main thread next runs.
        """
        try:
            while not self._stopped.wait(_WOKEN_EVERY):
                pass
        finally:
            self.stop()


def preview(
    folder: Path,
    rebuild: Callable[[], bool],
    sources: Callable[[], Iterable[Path]],
    *,
    port: int = 8000,
    built: Callable[[], None] = lambda: None,
) -> Preview:
    """Serve the site in ``folder`` and rebuild it when one of ``sources`` changes.

    ``built`` is called after each rebuild that succeeds, once pages reload to it.
    """
    return Preview(folder, rebuild, sources, port=port, built=built)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The site's files, each page with the reload script; the build number."""

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        """The build number, a page with the reload script, or a file as it is."""
        path = self.path.split("?", 1)[0]
        if path == RELOAD_PATH:
            self._send(str(self.preview.build).encode(), "text/plain; charset=utf-8")
            return
        if path.endswith("/"):
            path += "index.html"
        if path.endswith(".html"):
            file = Path(self.translate_path(path))
            if file.is_file():
                page = file.read_bytes().replace(b"</body>", _RELOAD.encode() + b"</body>", 1)
                self._send(page, "text/html; charset=utf-8")
                return
        super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        """Nothing: the command says what it rebuilt."""
