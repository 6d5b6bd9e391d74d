"""The model: validated dicts become frozen objects with references resolved."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from support import catalogue_of, guide_data

from generator.model.types import Text


def test_text_from_string_and_mapping() -> None:
    """Text is the default language first, English beside it when given."""
    plain = Text.of("教育")
    both = Text.of({"zh-CN": "教育", "en": "Education"})
    assert (plain.default, plain.en, plain.get("en")) == ("教育", None, None)
    assert (both.default, both.en, both.get("zh-CN")) == ("教育", "Education", "教育")
    assert str(both) == "教育"


def test_text_without_default_language_uses_first() -> None:
    """A text given only in English still shows."""
    assert Text.of({"en": "Only English"}).default == "Only English"


def test_references_are_resolved() -> None:
    """Department, topics, offices and e-licences are objects, not ids."""
    cat = catalogue_of(guide_data("one"))
    g = cat.guide("one")
    assert g is not None
    assert g.department is not None and g.department.name.en == "Education Bureau"
    assert [t.id for t in g.topics] == ["a", "b"]
    assert g.materials[0].e_licence is not None
    assert g.materials[0].e_licence.issuer is not None
    assert g.materials[0].e_licence.issuer.id == "psb"
    assert g.offices[0].hours[0].opens == "09:00"
    assert g.offices[0].lunch_service.available is True
    assert g.offices[0].accessibility.sign_language == "by_appointment"
    assert g.reviewed == dt.date(2026, 9, 15)
    assert g.updated == dt.date(2026, 8, 30)


def test_indexes_group_guides_for_browsing() -> None:
    """Guides are listed under each topic, life event, department, audience and office."""
    two = guide_data("two", audience=["enterprise"], department="psb")
    cat = catalogue_of(two, guide_data("one"))
    assert [g.id for g in cat.guides] == ["one", "two"]
    assert [g.id for g in cat.by_topic["a"]] == ["one", "two"]
    assert [g.id for g in cat.by_department["edu"]] == ["one"]
    assert [g.id for g in cat.by_department["psb"]] == ["two"]
    assert [g.id for g in cat.by_audience["enterprise"]] == ["two"]
    assert [g.id for g in cat.by_office["hall"]] == ["one", "two"]
    assert [g.id for g in cat.by_life_event["work"]] == ["one", "two"]


def test_topics_follow_their_order() -> None:
    """Topics come in their `order`, not file order."""
    assert list(catalogue_of().topics) == ["a", "b"]


def test_related_skips_guides_that_do_not_exist() -> None:
    """A related id without a page is left out rather than linked."""
    cat = catalogue_of(guide_data("one", related=["two", "ghost"]), guide_data("two"))
    one = cat.guide("one")
    assert one is not None
    assert [g.id for g in cat.related(one)] == ["two"]


def test_model_is_frozen() -> None:
    """Templates cannot change the data by accident."""
    g = catalogue_of(guide_data("one")).guide("one")
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.id = "other"  # type: ignore[misc, union-attr]


def test_fee_and_duration_numbers_read_naturally() -> None:
    """`10.0` working days shows as 10; 12.5 yuan stays 12.5."""
    g = catalogue_of(
        guide_data("one", fees={"free": False, "items": [{"name": "工本费", "amount": 12.5}]})
    ).guide("one")
    assert g is not None and g.fees is not None
    assert g.fees.items[0].amount_text == "12.5"
    assert g.steps[0].duration is not None and g.steps[0].duration.value_text == "1"


def test_every_coded_value_of_the_offices_schema_has_a_label() -> None:
    """labels.py names exactly the sign-language codes the schema allows, no others."""
    import json
    from pathlib import Path

    from generator.site.labels import LABELS

    schema = json.loads(
        (Path(__file__).resolve().parent.parent / "schema" / "offices.schema.json").read_text(
            "utf-8"
        )
    )
    found: list[list[str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "sign_language" in node.get("properties", {}):
                found.append(node["properties"]["sign_language"]["enum"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(schema)
    assert found and set(LABELS["sign_language"]) == set(found[0])


def test_model_objects_carry_no_instance_dict() -> None:
    """A catalogue of 10,000 guides holds hundreds of thousands of model objects, shared by
    fork with the page workers: each is slotted, without a `__dict__` of its own (about a
    tenth of the build process's memory at 10,000 guides; docs/benchmarks.md)."""
    import generator.model.types as types

    catalogue = catalogue_of(guide_data("one"))
    guide = catalogue.guides[0]
    for obj in (guide, guide.title, catalogue, *guide.steps, *guide.materials, *guide.channels):
        assert not hasattr(obj, "__dict__"), type(obj).__name__
    model_classes = [
        cls
        for cls in vars(types).values()
        if isinstance(cls, type)
        and dataclasses.is_dataclass(cls)
        and cls.__module__ == types.__name__
    ]
    assert model_classes
    for cls in model_classes:
        assert "__slots__" in vars(cls), cls.__name__
