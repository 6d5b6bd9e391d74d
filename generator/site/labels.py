"""Words the pages show for the coded values of a guide (enums in the schema).

Badges and statuses are words on the page, never colour alone, so each code has a label.
"""

from __future__ import annotations

from typing import Final

LABELS: Final[dict[str, dict[str, str]]] = {
    "requirement": {"required": "必须提交", "optional": "按需提交", "deferrable": "容缺后补"},
    "form": {"paper": "纸质", "electronic": "电子", "either": "纸质或电子"},
    "original_or_copy": {"original": "原件", "copy": "复印件", "original_and_copy": "原件和复印件"},
    "actor": {"applicant": "申请人", "department": "办理部门", "third_party": "第三方机构"},
    "unit": {
        "working_days": "个工作日",
        "calendar_days": "个自然日",
        "hours": "小时",
        "minutes": "分钟",
    },
    "instant_approval": {
        "instant_approval": "秒批",
        "instant_filing": "秒报",
        "both": "秒批秒报",
    },
    "online_depth": {
        "information_only": "网上可查办事信息",
        "download_forms": "网上可下载表格",
        "online_booking": "网上预约",
        "online_submission": "网上申报，现场核验",
        "fully_online": "全程网办",
    },
    "item_type": {
        "administrative_licence": "行政许可",
        "administrative_confirmation": "行政确认",
        "administrative_payment": "行政给付",
        "administrative_ruling": "行政裁决",
        "administrative_reward": "行政奖励",
        "other_administrative_power": "其他行政权力",
        "public_service": "公共服务",
    },
    "audience": {
        "individual": "个人",
        "enterprise": "企业",
        "public_institution": "事业单位",
        "social_organisation": "社会组织",
        "other_organisation": "其他组织",
    },
    "cross_region": {
        "city": "全市通办",
        "province": "全省通办",
        "cross_province": "跨省通办",
        "national": "全国通办",
    },
    "channel": {
        "online": "网上办理",
        "app": "手机办理",
        "in_person": "现场办理",
        "kiosk": "自助终端",
        "post": "邮寄办理",
    },
    "delivery": {
        "post": "邮寄送达",
        "pickup": "窗口领取",
        "in_person": "窗口领取",
        "electronic": "电子证照",
        "online": "网上下载",
    },
    "source": {"applicant": "申请人自备", "government": "政府部门核发", "other": "其他机构出具"},
    "purpose": {"consultation": "咨询", "complaint": "监督投诉"},
    "day": {
        "mon": "周一",
        "tue": "周二",
        "wed": "周三",
        "thu": "周四",
        "fri": "周五",
        "sat": "周六",
        "sun": "周日",
    },
    "sign_language": {
        "none": "不提供",
        "available": "提供",
        "by_appointment": "可预约",
    },
}

#: English names of the audiences, shown beside the Chinese with lang="en".
AUDIENCE_EN: Final = {"individual": "Individuals", "enterprise": "Businesses"}


def label(kind: str, code: object) -> str:
    """Return the Chinese word for a code; an unknown code shows as itself."""
    return LABELS.get(kind, {}).get(str(code), str(code))
