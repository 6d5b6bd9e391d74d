"""Pinyin ordering for the A–Z index: 教师资格认定 (jiao) files under J, before 居住证 (ju)."""

from __future__ import annotations

import functools
import string
import unicodedata

from pypinyin import Style, lazy_pinyin

OTHER = "#"


@functools.lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...]:
    # Non-Chinese runs come back unchanged; lower-case them so Latin and pinyin interleave.
    return tuple(s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="default"))


def sort_key(text: str) -> tuple[tuple[str, ...], str]:
    """Return a key that orders titles by pinyin, then by the characters themselves."""
    return _syllables(unicodedata.normalize("NFKC", text)), text


def initial(text: str) -> str:
    """Return the A–Z letter a title files under, or `#` for digits and symbols."""
    for syllable in _syllables(unicodedata.normalize("NFKC", text)):
        for char in syllable:
            if char in string.ascii_lowercase:
                return char.upper()
            if not char.isspace():
                return OTHER
    return OTHER
