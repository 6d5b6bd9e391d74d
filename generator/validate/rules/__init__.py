"""Accuracy rules beyond the schema (docs/content-model.md): references, limits, visits, channels,
links, phones, dates, and the rules across files.

Every rule reads the data defensively: it also runs on files that failed the schema,
so that an editor sees every problem of a file in one run.
"""

from generator.validate.rules.across import GuideKey, check_across, guide_key
from generator.validate.rules.guide import check_guide
from generator.validate.rules.reference import ReferenceIndex, build_index, check_reference

__all__ = [
    "GuideKey",
    "ReferenceIndex",
    "build_index",
    "check_across",
    "check_guide",
    "check_reference",
    "guide_key",
]
