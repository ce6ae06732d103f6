"""The sentences of a refusal: the event's field at fault and the value at fault, Chinese first.

Every one names its field (``{field}``, worded ``手机号（phone）``, or the id in brackets), so that a
user knows what to correct and a scenario's ``rejected`` check can match the field or the message.
"""

from __future__ import annotations

from typing import Final

SENTENCES: Final[dict[str, tuple[str, str]]] = {
    "refuse.not_a_staff_code": ("{field}应为员工编号，实际为 {value}", "{field} must be a staff code, not {value}"),
    "refuse.unknown_staff": ("{field}：员工 {value} 不存在", "{field}: there is no staff member {value}"),
    "refuse.departed_staff": (
        "{field}：员工{value}已离职，不能办理",
        "{field}: the staff member {value} has departed",
    ),
    "refuse.bad_phone": ("{field}格式不正确：{value} {detail}", "{field}: invalid mobile number {value}: {detail}"),
    "refuse.unknown_customer": (
        "{field}：手机号 {value} 没有登记记录，请先登记来访或来电",
        "{field}: no customer is registered under {value}; register a visit or a call first",
    ),
    "refuse.name_required": (
        "登记无效：客户 {phone} 的{field}为空，须登记全名或姓氏（{clause}）",
        "invalid record: the {field} of the customer {phone} is empty; a full name or surname is needed ({clause})",
    ),
    "refuse.own_phone": (
        "{field}不能是客户本人的手机号 {value}",
        "{field} cannot be the customer's own phone {value}",
    ),
    "refuse.nobody_to_receive": (
        "当前没有可接待的销售员（全部不在岗），请填写接待人（by）",
        "nobody on duty can receive: name who received (by)",
    ),
    "refuse.nobody_at_the_park": (
        "当前没有客服或销售在岗，请填写登记人（by）",
        "nobody on duty to register the visit: name who did (by)",
    ),
    "refuse.nobody_to_answer": (
        "当前没有可接听电话的销售员，请填写接听人（by）",
        "nobody on duty to answer the phone: name who answered (by)",
    ),
    "refuse.no_phone_rotation": (
        "本策略没有电话轮接，请填写接听人（by）",
        "this policy has no phone rotation: name who answered (by)",
    ),
    "refuse.bad_amount": (
        "{field}不正确：{value}，应为不小于0的数",
        "{field}: {value} is not a number of at least 0",
    ),
    "refuse.two_phones": ("{field}应为两个手机号", "{field} must list two phones"),
    "refuse.needs_consent": (
        "变更销售人员须经原销售人员{owner}同意（consent），未同意不能变更（{clause}）",
        "changing the salesperson needs the consent of {owner} (consent, {clause})",
    ),
    "refuse.missing_field": (
        "{event}事件缺少必填字段：{field}",
        "a {event} needs the field {field}",
    ),
    "refuse.empty_field": ("{field}不能为空", "{field} may not be empty"),
    "refuse.not_a_bool": ("{field}应为 true 或 false，实际为 {value}", "{field} must be true or false, not {value}"),
    "refuse.not_two_phones": (
        "{field}应为两个手机号的列表，实际为 {value}",
        "{field} must list two phones, not {value}",
    ),
    "refuse.not_one_of": (
        "{field}的值 {value} 无效（可用：{detail}）",
        "{field} must be one of {detail}, not {value}",
    ),
    "refuse.bool_not_allowed": ("{field}的值 {value} 无效", "{field} may not be a boolean ({value})"),
    "refuse.not_text": ("{field}应为文字，实际为 {value}", "{field} must be text, not {value}"),
}
