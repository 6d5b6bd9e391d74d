"""Traditional characters read as simplified, so that every word list reads both scripts.

An editor from Hong Kong or Taiwan, or one pasting from such a site, writes 週六, 辦理,
毋須親身前往, 跨省通辦: the same facts as 周六, 办理, 毋须亲身前往, 跨省通办. The rules' word
lists are written once, in simplified characters; `simplified` turns a text's traditional
characters into them, one character for one, so that every position in the text stays where
it was (a phrase found in the simplified text is at the same place in the original).

OpenCC (already a dependency, for search: generator/search/lexicon.py) gives the mapping.
Most texts are in simplified characters and never reach it: a text that GB2312 can encode
has no traditional character (GB2312 holds simplified Chinese only), and of one that it
cannot only the Chinese characters outside GB2312 are converted; OpenCC is loaded on the
first of them, and each is converted once per run.
"""

from __future__ import annotations

import functools
import re

_CONFIGS = ("hk2s", "t2s", "tw2s")
"""OpenCC's configurations, Hong Kong's first: the first one-character answer is kept."""


@functools.cache
def _converters() -> tuple[object, ...]:
    import opencc

    return tuple(opencc.OpenCC(config) for config in _CONFIGS)


@functools.cache
def _simple(char: str) -> str:
    """The simplified form of one CJK character outside GB2312 (itself when it has none)."""
    for converter in _converters():
        converted = converter.convert(char)  # type: ignore[attr-defined]
        if converted != char and len(converted) == 1:
            return str(converted)
    return char


_REFERENCE = re.compile(rb"&#(\d+);")
"""A character GB2312 has not, as `xmlcharrefreplace` writes it (&#36913; for 週)."""


@functools.lru_cache(maxsize=16384)
def simplified(text: str) -> str:
    """`text` with its traditional characters in their simplified form, one for one."""
    if text.isascii():
        return text
    # One C-level pass: GB2312 holds simplified Chinese only, and writes every character it
    # has not as a reference; most such characters are a dash or a sign (8:30–17:30).
    encoded = text.encode("gb2312", "xmlcharrefreplace")
    if b"&#" not in encoded:
        return text
    han = {int(number) for number in _REFERENCE.findall(encoded) if 0x3400 <= int(number) <= 0x9FFF}
    if not han:
        return text
    return text.translate({code: _simple(chr(code)) for code in han})


def original_phrase(text: str, phrase: str) -> str:
    """The words of `text` that `phrase` (found in `simplified(text)`) stands for."""
    if phrase in text:
        return phrase
    start = simplified(text).find(phrase)
    return text[start : start + len(phrase)] if start >= 0 else phrase
