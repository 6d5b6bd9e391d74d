"""Ways to apply and to get there that a text offers, against the guide's channels and the
offices' directions.

- an app named in quotes (在"临江办事"App 提交) in the summary, a step or a channel's note
  of a guide with app channels, that is not one of them: the citizen installs the wrong app
  (a material's note may name another app to prepare a form in, and a guide without app
  channels one to sign in with: neither is read);
- a self-service machine (自助机, self-service kiosk) offered where the guide has no kiosk
  channel, or sending the application by post (把材料邮寄到…, post your application) where
  it has no post channel: the citizen looks for a way in that does not exist;
- a metro line and station (地铁 1 号线市民中心站) that the offices' own directions give
  with another line: the citizen rides the wrong line.

Negations (不能在自助机上办理) are not offers.
"""

from __future__ import annotations

import re
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.claims import negated
from generator.validate.rules.accuracy.facts import ReferenceFacts, metro_stops, station_exits
from generator.validate.rules.accuracy.report import at_phrase
from generator.validate.rules.accuracy.texts import GuideTexts
from generator.validate.rules.checker import Checker, items

_APP = re.compile(r"[\"“「『]([^\"”」』\n]{1,16})[\"”」』]\s*(?:App|APP|app|客户端|小程序)")
_KIOSK_ZH = re.compile(r"自助(?:机|终端|一体机|服务机|登记机|拍照机|换证机|签注机|设备)")
_KIOSK_EN = re.compile(r"\bself-service (?:kiosks?|machines?|terminals?)\b", re.IGNORECASE)
_POST_ZH = re.compile(
    r"(?:材料|申请表|申请书|表格)[^，。；]{0,10}(?:邮寄|寄)(?:到|给|至)|邮寄申请|寄送材料|信函申请"
)
_POST_EN = re.compile(
    r"\b(?:post|mail|send) (?:your|the) (?:application|documents|forms?)\b"
    r"|\bapply by (?:post|mail)\b",
    re.IGNORECASE,
)
_NOT_EN = re.compile(r"\b(?:not|no|cannot|can't)\b[^.;]{0,25}$", re.IGNORECASE)


def check_offers(
    check: Checker, data: dict[str, Any], texts: GuideTexts, facts: ReferenceFacts
) -> None:
    """Apps, kiosks, the post and metro lines a text offers, against channels and offices."""
    channels = [c for _n, c in items(data.get("channels"))]
    types = {t for c in channels if isinstance(t := c.get("type"), str)}
    apps = set()
    for channel in channels:
        if channel.get("type") == "app":
            name = channel.get("name")
            for each in name.values() if isinstance(name, dict) else [name]:
                if isinstance(each, str):
                    apps.add("".join(each.split()).lower())
    where_to_apply = [
        *texts.summary,
        *(form for _n, _i, forms in texts.steps for form in forms),
        *(form for _n, _i, forms in texts.channels for form in forms),
    ]
    if apps:
        for path, text in where_to_apply:
            if '"' in text or "“" in text or "「" in text or "『" in text:
                _apps(check, path, text, apps)
    kiosk, post, metro = "kiosk" not in types, "post" not in types, bool(facts.stations)
    for path, text in [*where_to_apply, *texts.answers, *texts.visit_reason]:
        # a substring first: most texts name no machine, no posted application, no metro line
        if kiosk and ("自助" in text or "elf-service" in text):
            _offer(check, path, text, (_KIOSK_ZH, _KIOSK_EN), "kiosk")
        if post and _may_offer_post(text):
            _offer(check, path, text, (_POST_ZH, _POST_EN), "post")
        if metro and "号线" in text:
            _metro(check, path, text, facts)
        if facts.exits and "站" in text and "口" in text:
            _exit(check, path, text, facts)


def _may_offer_post(text: str) -> bool:
    if "寄" in text:
        return "材料" in text or "申请" in text or "表格" in text
    if "信函" in text:
        return True
    return ("post" in text or "mail" in text or "send" in text) and (
        "application" in text or "apply by" in text or "documents" in text or "form" in text
    )


def _apps(check: Checker, path: FieldPath, text: str, apps: set[str]) -> None:
    if not apps:
        return  # an app named on a guide with none is a helper (登录用"个人所得税"App 扫码)
    for match in _APP.finditer(text):
        name = match.group(1)
        if "".join(name.split()).lower() in apps:
            continue
        check.error_at(
            path,
            at_phrase(check, path, match.group(0)),
            _(
                "the text sends people to the app `{name}`, which is not one of the guide's "
                "app channels ({apps})"
            ).format(name=name, apps=", ".join(sorted(apps))),
            _(
                "a citizen installs the wrong app: name the app of the guide's channels, or "
                "add the app as a channel with its path"
            ),
            code="accuracy.channels.app-not-channel",
        )
        return


def _offer(
    check: Checker, path: FieldPath, text: str, patterns: tuple[re.Pattern[str], ...], kind: str
) -> None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            if negated(text, match.start()) or _NOT_EN.search(text[: match.start()]):
                continue
            check.error_at(
                path,
                at_phrase(check, path, match.group(0)),
                _("the text offers `{phrase}`, but the guide has no `{kind}` channel").format(
                    phrase=match.group(0), kind=kind
                ),
                _(
                    "a citizen looks for a way to apply that does not exist: add the channel "
                    "(with its offices or address), or correct the text"
                ),
                code=f"accuracy.channels.{kind}-not-channel",
            )
            return


def _exit(check: Checker, path: FieldPath, text: str, facts: ReferenceFacts) -> None:
    """A station and exit (金融街站 B 口) that the offices' directions give with other exits."""
    for station, exit_ in station_exits(text, facts.exits):
        known = facts.exits.get(station)
        if known is None or exit_ in known:
            continue
        check.error_at(
            path,
            at_phrase(check, path, station),
            _(
                "the text gives exit `{exit}` of {station}, but the offices' directions give "
                "exit {exits}"
            ).format(exit=exit_, station=station, exits="、".join(sorted(known))),
            _(
                "a citizen leaves the station by the wrong exit: copy the directions from "
                "guides/reference/offices.yaml"
            ),
            code="accuracy.offices.metro-line",
        )
        return


def _metro(check: Checker, path: FieldPath, text: str, facts: ReferenceFacts) -> None:
    for lines, station in metro_stops(text):
        known = facts.stations.get(station)
        if known is None or lines <= known:
            continue
        phrase = next(
            (m.group(0) for m in re.finditer(r"[\d、,，和及\s]*号线\s*" + station, text)), station
        ).strip()
        check.error_at(
            path,
            at_phrase(check, path, phrase),
            _(
                "the text gives `{phrase}`, but the offices' directions give {station} on line "
                "{lines}"
            ).format(phrase=phrase, station=station, lines="、".join(sorted(known))),
            _(
                "a citizen rides the wrong line: copy the directions from "
                "guides/reference/offices.yaml"
            ),
            code="accuracy.offices.metro-line",
        )
        return
