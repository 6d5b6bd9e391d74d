"""A progress line for long runs, shown only to a person at a terminal.

The line is rewritten in place on stderr (carriage return, then "erase to end of line")
while a run goes on, and erased when it ends, so the lines a command prints afterwards
start at the left margin. When stderr is not a terminal (CI logs, pipes, files) nothing
is written at all: a log gains no line from it.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

#: Rewrite the line at most this often, so a fast run does not spend its time on the terminal.
_INTERVAL = 0.1


class Progress:
    """One line of progress on a terminal; silent everywhere else.

    `show` may be called from any thread (a pool's callbacks); the latest text wins.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        try:
            self.enabled = self.stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False
        self._lock = threading.Lock()
        self._shown_at = 0.0
        self._visible = False

    def show(self, text: str, *, force: bool = False) -> None:
        """Replace the progress line with `text` (already in the editor's language)."""
        if not self.enabled:
            return
        with self._lock:
            now = time.monotonic()
            if not force and now - self._shown_at < _INTERVAL:
                return
            self._shown_at = now
            self.stream.write("\r\x1b[K" + text)
            self.stream.flush()
            self._visible = True

    def clear(self) -> None:
        """Erase the progress line, if one is shown."""
        if not self.enabled:
            return
        with self._lock:
            if self._visible:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self._visible = False
