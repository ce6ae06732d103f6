"""The product's words for the format's ids, (zh, en) side by side: statuses, fields, values, kinds.

One table per idea, used by the rulings' sentences, the refusals and ``guishu scenario explain``.
"""

from __future__ import annotations

from typing import Final

Words = dict[str, tuple[str, str]]

# A salesperson's status (ROT-2): the one table of status words.
STATUS: Final[Words] = {
    "on_duty": ("在岗", "on duty"),
    "away": ("短暂离开", "stepped away"),
    "busy": ("正忙", "busy"),
    "leave": ("请假", "on leave"),
    "official": ("因公外出", "out on company business"),
    "rest": ("休息", "resting"),
    "departed": ("离职/调离", "departed"),
}

EVENT: Final[Words] = {
    "visit": ("来访", "visit"),
    "call": ("来电", "call"),
    "report": ("报备", "report"),
    "followup": ("回访", "follow-up"),
    "deposit": ("定金", "deposit"),
    "deal": ("成交", "deal"),
    "link": ("关联", "link"),
    "objection": ("异议", "objection"),
    "complaint": ("投诉", "complaint"),
    "assign": ("分配", "assignment"),
    "transfer": ("变更", "transfer"),
    "release": ("释放", "release"),
    "abandon": ("甩客", "abandoned customer"),
    "status": ("状态", "status"),
}

# The fields of the events, by their id in the format. ``by`` is whoever handled the event.
FIELD: Final[Words] = {
    "phone": ("手机号", "phone"),
    "phones": ("两个手机号", "the two phones"),
    "name": ("姓名", "name"),
    "by": ("经办人", "staff member"),
    "first_visit": ("首次来访", "first visit"),
    "names": ("客户说出的接待人", "salesperson the customer names"),
    "designates": ("客户指定的销售员", "salesperson the customer asks for"),
    "knows": ("认识客户的销售员", "salesperson who knows the customer"),
    "recognized_by": ("认出客户的销售员", "salesperson who recognises the customer"),
    "invited_by": ("邀约人", "who invited the customer"),
    "called_before": ("来过电话", "called before"),
    "referred_by": ("介绍人手机号", "referrer's phone"),
    "brought_by": ("带客老客户手机号", "phone of the customer who brought them"),
    "family_of": ("家人手机号", "family member's phone"),
    "relative_of": ("亲友销售员", "salesperson who is a relative or friend"),
    "source": ("客户来源", "source"),
    "engagement": ("首次接待情况", "first reception"),
    "point": ("销售现场", "sales point"),
    "agent": ("带客业务员", "agent"),
    "region": ("区域", "region"),
    "property": ("意向房源", "property of interest"),
    "agency": ("代理机构", "agency"),
    "kind": ("回访方式", "follow-up kind"),
    "amount": ("成交金额", "amount"),
    "arranged_by": ("约好签约的销售员", "who arranged the signing"),
    "as": ("关联类型", "link kind"),
    "evidence": ("证据", "evidence"),
    "against": ("被投诉人", "salesperson complained about"),
    "fault": ("投诉原因", "fault"),
    "assign_to": ("接替人", "replacement"),
    "to": ("接手人", "new owner"),
    "reason": ("分配原因", "reason"),
    "consent": ("原销售人员同意", "consent of the previous salesperson"),
    "staff": ("员工编号", "staff code"),
    "is": ("状态", "status"),
    "at": ("时间", "time"),
    "id": ("事件编号", "event id"),
}

# ``by`` of each event, as the event's own role (``FIELD["by"]`` when the event is not known).
BY: Final[Words] = {
    "visit": ("接待人", "received by"),
    "call": ("接听人", "answered by"),
    "report": ("报备人", "reported by"),
    "followup": ("回访人", "followed up by"),
    "deposit": ("收定金人", "deposit taken by"),
    "deal": ("成交人", "closed by"),
    "link": ("登记人", "linked by"),
    "objection": ("提出人", "raised by"),
    "release": ("经办人", "released by"),
    "abandon": ("甩客人", "abandoned by"),
}

# The values of the enumerated fields (events.py), by field.
VALUE: Final[dict[str, Words]] = {
    "source": {
        "walk_in": ("自然来访", "walk-in"),
        "flyer": ("派单", "flyer"),
        "exhibition": ("外展", "exhibition"),
        "company_resource": ("公司资源", "company resource"),
        "developer_relation": ("开发商关系", "developer relation"),
        "partner": ("合作单位", "partner"),
    },
    "engagement": {"full": ("完整接待", "full reception"), "brochure": ("只拿资料名片", "brochure only")},
    "kind": {
        "call": ("电话", "phone"),
        "wechat": ("微信", "WeChat"),
        "sms": ("短信", "text message"),
        "appointment": ("约访", "appointment"),
    },
    "as": {"same_person": ("同一人", "the same person"), "family": ("同一家庭", "one family")},
    "evidence": {
        "register": ("来访登记", "the visit register"),
        "followup": ("跟进记录", "follow-up records"),
        "none": ("无书面证据", "no written evidence"),
    },
    "fault": {"service": ("服务质量", "service quality"), "other": ("非销售员原因", "not the salesperson's fault")},
    "reason": {
        "call": ("来电客户", "a phone inquiry"),
        "company_resource": ("公司资源/关系客户", "a company resource or relation"),
        "departure": ("离职人员的客户", "a departed salesperson's customer"),
        "pool": ("公共池客户", "a pool customer"),
        "callback": ("回访", "a callback"),
        "region": ("按区域", "by region"),
        "other": ("经理调整", "the manager's adjustment"),
    },
    "is": STATUS,
}

BOOL: Final = (("否", "no"), ("是", "yes"))

ROLE: Final[Words] = {
    "sales": ("销售员", "salesperson"),
    "agent": ("业务员", "agent"),
    "lead": ("主管", "team head"),
    "manager": ("经理", "manager"),
    "desk": ("客服", "desk"),
    "finance": ("财务", "finance"),
    "admin": ("管理员", "administrator"),
}

NOTICE: Final[Words] = {
    "warning": ("提醒", "warning"),
    "notification": ("通知", "notification"),
    "flag": ("提示经理", "flag"),
    "penalty": ("罚款", "penalty"),
}

# A policy's parameters (presets/*.toml).
PARAM: Final[Words] = {
    "abandon_fine": ("甩客罚款", "fine for abandoning a customer"),
    "chase_window": ("追单期", "chase window"),
    "first_followup": ("首次回访期限", "first follow-up within"),
    "flag_after": ("提示经理的次数", "flag after"),
    "grab_fine": ("抢客罚款", "fine for grabbing a customer"),
    "keep_call": ("来电客户约客期", "keep window of a phone inquiry"),
    "keep_visit": ("来访客户约客期", "keep window of a visitor"),
    "objection_window": ("异议期", "objection window"),
    "opening": ("开盘日期", "opening day"),
    "recent_followup": ("近期追踪记录", "recent follow-up window"),
    "recognition_window": ("认出期限", "recognition window"),
    "reconcile_at": ("次日核对时间", "next-day check at"),
    "release_after": ("释放期限", "release after"),
    "report_cutoff": ("报备截止时间", "report cut-off"),
    "report_visit_window": ("报备后带看期限", "visit due after a report within"),
    "station_minutes": ("迎宾岗轮换", "greeting station turn"),
    "validity": ("有效期", "validity"),
}

# The unit of a parameter that is a plain number.
PARAM_UNIT: Final[Words] = {
    "abandon_fine": ("元", " yuan"),
    "grab_fine": ("元", " yuan"),
    "station_minutes": ("分钟", " minutes"),
    "flag_after": ("次", " times"),
}

# A duration's unit (windows.Duration): Chinese, English singular, English plural.
UNIT: Final = {
    "min": ("分钟", "minute", "minutes"),
    "h": ("小时", "hour", "hours"),
    "d": ("天", "day", "days"),
    "w": ("周", "week", "weeks"),
    "mo": ("个月", "month", "months"),
    "y": ("年", "year", "years"),
}

# Who owns when nobody does, and the company itself (state.HOUSE).
POOL: Final = ("公共客户池", "the pool")
COMPANY: Final = ("公司", "the company")
