"""schema.org `GovernmentService` JSON-LD for a guide page.

The only script a guide page carries from data. `<`, `>` and `&` are written as JSON
escapes, so no text in a guide can close the script element or open a comment.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.model.types import Guide, Office
from generator.site.labels import label

_DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_AUDIENCE = {"individual": "Individual", "enterprise": "Business"}


def guide_jsonld(guide: Guide, page_url: str | None) -> Markup:
    """Return the JSON-LD document for a guide, safe to put inside a script element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": guide.title.default,
        "description": guide.summary.default,
    }
    if page_url:
        data["url"] = page_url
    if guide.task_code:
        data["identifier"] = guide.task_code
    if guide.item_type:
        data["serviceType"] = label("item_type", guide.item_type)
    if guide.department:
        data["provider"] = _organisation(guide.department.name.default, guide.department.website)
    if guide.audience:
        data["audience"] = [
            {"@type": "Audience", "audienceType": _AUDIENCE.get(a, label("audience", a))}
            for a in guide.audience
        ]
    channels = [_channel(c.type, c.name, c.url, c.offices) for c in guide.channels]
    if channels:
        data["availableChannel"] = channels
    if guide.updated:
        data["dateModified"] = guide.updated.isoformat()
    if guide.reviewed:
        data["lastReviewed"] = guide.reviewed.isoformat()
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _organisation(name: str, url: str | None) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "GovernmentOrganization", "name": name}
    if url:
        org["url"] = url
    return org


def _channel(kind: str, name: Any, url: str | None, offices: tuple[Office, ...]) -> dict[str, Any]:
    channel: dict[str, Any] = {
        "@type": "ServiceChannel",
        "name": name.default if name else label("channel", kind),
    }
    if url:
        channel["serviceUrl"] = url
    if offices:
        channel["serviceLocation"] = [_place(o) for o in offices]
    return channel


def _place(office: Office) -> dict[str, Any]:
    place: dict[str, Any] = {"@type": "GovernmentOffice", "name": office.name.default}
    if office.address:
        place["address"] = office.address.default
    if office.phone:
        place["telephone"] = office.phone
    if office.hours:
        place["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [_DAYS.get(d, d) for d in h.days],
                "opens": h.opens,
                "closes": h.closes,
            }
            for h in office.hours
        ]
    return place
