"""Messages in the editor's language: the one place the tool's text is translated.

Every text an editor reads (a problem, a hint, a line the CLI prints) is marked with `_()`,
and a text with values is written with named fields and formatted after translation:

    checker.error(path, _("`{value}` is not a known office").format(value=value), hint, code=...)

`N_()` marks a text kept in a constant and translated where it is used. Until the message
catalogues exist these return the English text unchanged.
"""

from __future__ import annotations


def _(message: str) -> str:
    """Return `message` in the editor's language."""
    return message


def N_(message: str) -> str:
    """Mark `message` for translation where it is used, and return it unchanged."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form of a message for `count`, in the editor's language."""
    return singular if count == 1 else plural
