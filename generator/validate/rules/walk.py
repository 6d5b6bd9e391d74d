"""One walk over a file's texts for every rule that reads texts one at a time.

The text rules (rules/text.py: invisible characters, HTML, images, the schemes of links),
the accuracy rules that read each text (links against the city's domains, dates and
times) and the rule comparing the two languages of a text (accuracy/language.py) all
look at every string of a file. Each family registers its rules here as `TextRule`s
(and `PairRule`s) and `walk_texts` makes one pass over the data for all of them:

- a `TextRule` has a cheap test, `wants`, true of every text the rule could find
  something in (a substring, one combined regular expression), and the check itself;
- which rules want a text is worked out once per distinct text and remembered for the
  run, so a text seen before (guides share many: hotlines, notes, opening hours, the
  same sentence in every guide of a department) costs one dictionary look-up;
- a rule run on a text that gave no problem is not run on that text again in the run
  (`clean`): its finding depends only on the text, the run's reference facts and, for a
  rule `by_year`, the year the guide was reviewed. Where a text gives a problem, the
  rule runs every time, so every file gets its own problems, at its own lines;
- a `PairRule` gets every mapping that has both a `zh-CN` and an `en` text; a pair the
  pair rules found nothing in is, like a clean text, not checked again in the run.

What is remembered belongs to one set of reference facts: a run with other facts (the
preview after an edit of the reference data) starts afresh, and so does a run that has
remembered `MOST_TEXTS` texts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.source.loader import FieldPath
from generator.validate.rules.checker import Checker

MOST_TEXTS = 200_000
"""Distinct texts remembered in one run before starting afresh (tens of MB at most)."""

_NOTHING = object()


@dataclass(frozen=True)
class TextContext:
    """What a text rule may read besides the text: the run's facts and the guide's review year."""

    facts: Any
    year: int | None = None


@dataclass(frozen=True)
class TextRule:
    """A rule that reads one text at a time.

    `wants(text)` must be true of every text `check` can report something in; it is asked
    once per distinct text of a run. `check(checker, path, text, context)` reports the
    problems. `skip_keys`: texts under these keys are not the rule's (URL fields, which
    the schema checks). `by_year`: what the rule finds depends on the guide's review
    year, so a text found clean is remembered with that year. `remember=False`: the rule
    reads more than the text, the facts and the year (another field of the guide), so a
    text it found clean is checked again in every file.
    """

    name: str
    wants: Callable[[str], bool]
    check: Callable[[Checker, FieldPath, str, TextContext], None]
    skip_keys: frozenset[str] = frozenset()
    by_year: bool = False
    remember: bool = True


PairRule = Callable[[Checker, FieldPath, str, str], None]
"""Checks the two languages of one text: (checker, path of the mapping, zh-CN, en). What it
finds must depend only on the two texts (and the run's facts): a pair in which the pair
rules found nothing is not checked again in the run."""

_PAIRS = -1
"""Where a pair of texts found clean is remembered (`TextRules.clean_under`), beside the
(rule number, text, year) of the text rules."""


class TextRules:
    """The rules one kind of file is walked with, and what a run has learnt about its texts."""

    def __init__(self, rules: tuple[TextRule, ...], pairs: tuple[PairRule, ...] = ()) -> None:
        self.rules = rules
        self.pairs = pairs
        self._wants = tuple((number, rule.wants) for number, rule in enumerate(rules))
        self.wanted: dict[str, tuple[int, ...]] = {}
        """Text -> the numbers of the rules that want it (most texts: none); depends on the
        rules only."""
        self._clean = Quiet()
        """The (rule number, text, year or None) a rule found nothing in, under the run's
        facts."""

    def learn(self, text: str) -> tuple[int, ...]:
        """Return (and remember) which rules want `text`."""
        if len(self.wanted) > MOST_TEXTS:
            self.wanted = {}
        wanted = tuple([number for number, wants in self._wants if wants(text)])
        self.wanted[text] = wanted
        return wanted

    def clean_under(self, facts: object) -> set[Any]:
        """What the rules found nothing in under `facts` (see Quiet.clean_under)."""
        return self._clean.clean_under(facts)


def walk_texts(check: Checker, data: Any, rules: TextRules, context: TextContext) -> None:
    """Run `rules` over every text of `data` (and its pair rules over every zh-CN/en
    mapping), in one pass."""
    if data.__class__ is not dict and data.__class__ is not list:
        return
    clean = rules.clean_under(context.facts)
    wanted_of = rules.wanted.get  # names bound once: this loop visits every value of a file
    learn = rules.learn
    pairs = rules.pairs
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    push, pop = stack.append, stack.pop
    while stack:
        here, node = pop()
        if node.__class__ is dict:
            if pairs and "en" in node:  # most mappings hold no English: one look says so
                zh, en = node.get("zh-CN"), node["en"]
                if zh.__class__ is str and en.__class__ is str:
                    seen = (_PAIRS, zh, en)
                    if seen not in clean:
                        before = len(check.problems)
                        for pair in pairs:
                            pair(check, here, zh, en)
                        if len(check.problems) == before:
                            clean.add(seen)
            children: Any = node.items()
        else:
            children = enumerate(node)
        for key, child in children:
            kind = child.__class__  # exact types: the loader makes only plain ones
            if kind is str:
                wanted = wanted_of(child)
                if wanted is None:
                    wanted = learn(child)
                if wanted:
                    _run(check, (*here, key), child, wanted, rules, context, clean)
            elif kind is dict or kind is list:
                push(((*here, key), child))


def _run(
    check: Checker,
    path: FieldPath,
    text: str,
    wanted: tuple[int, ...],
    rules: TextRules,
    context: TextContext,
    clean: set[Any],
) -> None:
    for number in wanted:
        rule = rules.rules[number]
        if path[-1] in rule.skip_keys:
            continue
        if not rule.remember:
            rule.check(check, path, text, context)
            continue
        seen = (number, text, context.year if rule.by_year else None)
        if seen in clean:
            continue
        before = len(check.problems)
        rule.check(check, path, text, context)
        if len(check.problems) == before:
            clean.add(seen)


class Quiet:
    """Remembers, for one set of reference facts, the calls of a rule that reported nothing.

    For a rule that is a function of its arguments and the facts only (no file, no date),
    `quiet.run(check, facts, key, rule, *args)` calls `rule(*args)` unless a call with the
    same `key` reported nothing before; `key` must name everything the rule reads (the
    text, the ids of the offices it compares with).
    """

    def __init__(self) -> None:
        self._clean: tuple[object, set[Any]] = (_NOTHING, set())
        """The facts and the keys found clean under them (one tuple, replaced whole)."""

    def clean_under(self, facts: object) -> set[Any]:
        """The keys found clean under `facts`: forgotten under other facts (the preview after
        an edit of the reference data), or when too much was remembered. The pair is
        replaced whole, so that a walk in another thread under other facts never adds to
        this run's."""
        state = self._clean
        if state[0] is not facts or len(state[1]) > MOST_TEXTS:
            state = self._clean = (facts, set())
        return state[1]

    def run(
        self, check: Checker, facts: object, key: Any, rule: Callable[..., None], *args: Any
    ) -> None:
        """Call `rule(*args)`, which reports into `check`, unless `key` is known clean.

        A key made from a guide's raw data can hold a list or a mapping where the schema
        wants a string (the schema reports that): such a key is not remembered."""
        clean = self.clean_under(facts)
        try:
            if key in clean:
                return
        except TypeError:
            rule(*args)
            return
        before = len(check.problems)
        rule(*args)
        if len(check.problems) == before:
            clean.add(key)
