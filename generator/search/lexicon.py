"""What lets the search find a guide by sound and by script: pinyin keys in each search
record, and the small lexicon the search UI loads to read a query the way the index does.

Citizens type 身份证 as `shenfenzheng`, `shen fen zheng`, `shēnfènzhèng` or `sfz`, as
身分证 (the right sound, the wrong character), or as 身份證 (traditional script). All of it
is worked out from a guide's own words (its title and aliases), nothing by hand:

- **pinyin keys** (`name_keys`): for every Chinese title and alias, its pinyin joined into
  one latin word from each character on (居民身份证补领 -> `juminshenfenzhengbuling`,
  `shenfenzhengbuling`, ... `buling`), and the same for the initials (`jmsfzbl`,
  `sfzbl`, ...). Pagefind matches a query word against the start of the index's words,
  so `shenfenzheng` finds the second and `sfz` the initials of the second. A key starts
  at every character, not only at word boundaries, because a citizen's "word" is whatever
  part of the name they remember. Where a character's usual reading differs from its
  reading in the phrase (行 in 银行: `xing` alone, `hang` here), both spellings are kept:
  typed pinyin follows the phrase, while the UI, reading a typed character, can only know
  its usual reading.
- **the lexicon** (`build_lexicon`), one small JSON file beside the index: the usual pinyin
  of the characters a query is likely to hold (GB2312's 3,755 common characters and every
  character of the index), so the UI can turn 身分证 into `shenfenzheng` and find 身份证 by
  sound; and the traditional-to-simplified mapping of OpenCC (the conversion library of
  the Chinese Wikipedia and most input methods, called through its official Python
  package) for those traditional characters whose simplified form occurs in the index, so
  身份證 is read as 身份证 before it is searched. A hand-written table would miss variants
  (髮 and 發 both become 发) and regional forms (HK, Taiwan) that OpenCC keeps. It also
  lists the **names** of the site (`names_in`: each run of Chinese characters of a
  guide's title and of the names its record lists, aliases and materials among them), so
  the UI can cut a query into the site's own words before the browser's dictionary cuts
  it into single characters (社保卡丢了: 社保卡 + 丢了, not 社 + 保 + 卡 + 丢 + 了).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pypinyin import Style, lazy_pinyin

#: The lexicon's file name inside the index folder (site/pagefind/): gzipped JSON, which
#: the UI unpacks itself (DecompressionStream), like Pagefind's own files. Not `.gz`, so
#: that no web server labels it Content-Encoding: gzip and the browser unpacks it first.
LEXICON_NAME = "sg-lexicon.pf_lexicon"

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: A name is keyed when it is Chinese: at least two Han characters.
_MIN_HAN = 2
#: Keys longer than this are cut: nobody types 40 letters of pinyin, and Pagefind keeps
#: every distinct word in its index.
_MAX_KEY = 32

#: OpenCC's configurations read in turn: standard traditional, then Taiwan's and Hong
#: Kong's variant characters.
_OPENCC_CONFIGS = ("t2s", "tw2s", "hk2s")

#: What a search record says a guide is called: its title and its `names` metadata
#: (theme/search-record.html), read back from the record's HTML.
_RECORD_NAMES = re.compile(r'data-pagefind-meta="(?:title|names)">([^<]*)<')
#: What a record says in Chinese that a query can match by its words: its names and its
#: summary (what the thesaurus must not replace, generator/search/thesaurus.py).
_RECORD_TEXT = re.compile(r'data-pagefind-meta="(?:title|names|summary)">([^<]*)<')
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: A name's run longer than this is a phrase (a material's full name, a long title), not a
#: word a citizen types whole and the browser cuts wrongly; it is left out of the names.
_MAX_NAME = 6
#: At most this many names go into the lexicon, those named by the most guides first, then
#: the shortest: the first query fetches the lexicon whole, within a 300 KB budget (issue
#: 13). Four thousand names of up to six characters are at most about 30 KB gzipped.
MAX_NAMES = 4000


def is_han(char: str) -> bool:
    """Say whether char is a CJK ideograph."""
    return bool(_HAN.fullmatch(char))


@functools.lru_cache(maxsize=8192)
def char_pinyin(char: str) -> str:
    """The usual reading of one Han character, without tone (行 -> xing, 绿 -> lv)."""
    return lazy_pinyin(char, style=Style.NORMAL, v_to_u=False)[0]


def _syllables(run: str) -> list[tuple[str, ...]]:
    """Each character's readings in a run of Han characters: the reading in the phrase
    first, then the character's usual one when it differs."""
    in_phrase = lazy_pinyin(run, style=Style.NORMAL, v_to_u=False)
    return [
        (p,) if p == char_pinyin(c) else (p, char_pinyin(c))
        for c, p in zip(run, in_phrase, strict=True)
    ]


def name_keys(name: str) -> list[str]:
    """The pinyin and initials keys of one title or alias, longest first (see the module
    docstring); none for a name with fewer than two Han characters."""
    keys: list[str] = []
    for run in re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", name):
        if len(run) < _MIN_HAN:
            continue
        readings = _syllables(run)
        phrase = [r[0] for r in readings]
        usual = [r[-1] for r in readings]
        for spelling in (phrase, usual) if usual != phrase else (phrase,):
            for start in range(len(spelling) - 1):
                keys.append("".join(spelling[start:])[:_MAX_KEY])
                keys.append("".join(s[0] for s in spelling[start:]))
    return list(dict.fromkeys(keys))


def names_in(record_html: str) -> set[str]:
    """The site's own words in one search record: each run of two to six Chinese
    characters of the guide's title and of the names its record lists (aliases, everyday
    names, life events, topics, result, materials)."""
    found: set[str] = set()
    for text in _RECORD_NAMES.findall(record_html):
        found.update(run for run in _HAN_RUN.findall(text) if _MIN_HAN <= len(run) <= _MAX_NAME)
    return found


def searched_text(record_html: str) -> str:
    """The title, names and summary of one search record, as one text."""
    return "\n".join(_RECORD_TEXT.findall(record_html))


def thesaurus_words_in(record_html: str) -> set[str]:
    """The thesaurus's words that one search record's title, names and summary hold: words
    the guides use, which the UI never reads as another (thesaurus.synonyms)."""
    from generator.search.thesaurus import words_in

    return words_in(searched_text(record_html))


def guide_keys(names: Iterable[str]) -> str:
    """The keys of all of a guide's names, as one line of words for its search record."""
    keys: dict[str, None] = {}
    for name in names:
        keys.update(dict.fromkeys(name_keys(name)))
    return " ".join(keys)


def _common_characters() -> set[str]:
    """GB2312's first level: the 3,755 characters of everyday simplified Chinese, in
    which most typing slips land (rows 16 to 55 of the standard)."""
    chars = set()
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def traditional_map(index_chars: set[str]) -> dict[str, str]:
    """OpenCC's traditional -> simplified mapping for every CJK ideograph whose simplified
    form is among index_chars (the characters the index holds)."""
    import opencc

    candidates = [chr(c) for c in range(0x4E00, 0xA000)] + [chr(c) for c in range(0x3400, 0x4DC0)]
    text = "\n".join(candidates)
    mapping: dict[str, str] = {}
    for config in _OPENCC_CONFIGS:
        converted = opencc.OpenCC(config).convert(text).split("\n")
        for trad, simp in zip(candidates, converted, strict=True):
            if simp != trad and len(simp) == 1 and simp in index_chars and trad not in mapping:
                mapping[trad] = simp
    return mapping


def build_lexicon(
    index_chars: set[str],
    guides: int = 0,
    absent: list[str] | None = None,
    names: Counter[str] | None = None,
    held: set[str] | None = None,
) -> dict[str, object]:
    """The lexicon the search UI loads: `py`, syllable -> the characters read so (one
    string), `t2s`, pairs of traditional and simplified characters (one string), and
    `guides`, how many guides the index holds (the UI leaves out a word held by too many
    of them when it offers guides that hold only some of a query's words), and `absent`,
    the names of things no guide offers (generator/search/everyday.py), and `names`, the
    site's own words (names_in, with how many records name each; at most MAX_NAMES of
    them), for the UI to cut a query with, and `synonyms`, word -> the site's name it
    stands for (generator/search/thesaurus.py; held, the thesaurus's words that the
    records hold, tells which words the guides use themselves), which the UI reads a
    query's word as."""
    han = {c for c in index_chars if is_han(c)}
    by_syllable: dict[str, list[str]] = {}
    for char in sorted(_common_characters() | han):
        syllable = char_pinyin(char)
        if syllable.isascii() and syllable.isalpha():
            by_syllable.setdefault(syllable, []).append(char)
    t2s = traditional_map(han)
    return {
        "version": 1,
        "guides": guides,
        "absent": list(absent or ()),
        "py": {s: "".join(chars) for s, chars in sorted(by_syllable.items())},
        "t2s": "".join(t + s for t, s in sorted(t2s.items())),
        "names": sorted(_most_named(names or Counter())),
        "synonyms": _synonyms(names or Counter(), held or set()),
    }


def _synonyms(names: Counter[str], held: set[str]) -> dict[str, str]:
    """Each word of the thesaurus that stands for one of the site's names, with the name
    named by the most guides when it stands for several (赋闲: 失业 before 待业)."""
    from generator.search.thesaurus import synonyms

    listed = set(_most_named(names))
    found = synonyms(listed, held)
    return {
        word: min(targets, key=lambda name: (-names[name], len(name), name))
        for word, targets in found.items()
    }


def _most_named(names: Counter[str]) -> list[str]:
    """The MAX_NAMES names named by the most guides (then the shortest, then in order)."""
    ranked = sorted(names.items(), key=lambda item: (-item[1], len(item[0]), item[0]))
    return [name for name, _ in ranked[:MAX_NAMES]]


def write_lexicon(
    output_dir: Path,
    index_chars: set[str],
    guides: int = 0,
    absent: list[str] | None = None,
    names: Counter[str] | None = None,
    held: set[str] | None = None,
) -> Path:
    """Write the lexicon, gzipped, into output_dir (the index folder) and return its path."""
    path = output_dir / LEXICON_NAME
    data = json.dumps(
        build_lexicon(index_chars, guides, absent, names, held),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    # mtime=0: the same guides give the same bytes.
    path.write_bytes(gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0))
    return path
