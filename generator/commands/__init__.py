"""One module per `guides` command: each turns arguments into calls of the stages and an exit code.

Exit codes are the same for every command (ExitCode); every line a command prints for a
person goes to stderr through `say`, so that standard output carries only what a
command was asked to produce (a report, JSON, annotations).
"""

from __future__ import annotations

import enum
import sys


class ExitCode(enum.IntEnum):
    """What a `guides` command tells the shell."""

    OK = 0
    PROBLEMS = 1
    """Problems found: in the guides, the build, or (for `check`) on the site."""
    CANNOT_RUN = 2
    """The command could not run: bad arguments, missing files, no browser, an unsafe folder."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C or SIGTERM, as a shell reports a process ended by SIGINT."""


def say(message: str) -> None:
    """Print a line for the person at the terminal (stderr)."""
    print(message, file=sys.stderr)
