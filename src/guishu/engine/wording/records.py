"""The sentences of everything but the desk: calls, reports, follow-ups, deposits, deals, links, the
manager's and the staff's own events, the notices they send. Keyed by message id, (zh, en).
"""

from __future__ import annotations

from typing import Final

SENTENCES: Final[dict[str, tuple[str, str]]] = {
    # ---------------------------------------------------------------- calls (FC-1, DF-10, RE-7, MC-1, ROT-6)
    "call.rotation_answers": ("公司电话轮流接听，由{by}接听", "the phone rotation gives the call to {by}"),
    "call.known_customer": ("已登记客户，归{owner}", "a registered customer of {owner}"),
    "call.first_contact": (
        "来电由{by}接听，第一接触点归{by}",
        "{by} answered the call: the first contact owns the customer",
    ),
    "call.for_the_manager": (
        "来电客户已登记在来电登记表，由经理分配，接听人不因此拥有客户",
        "a phone inquiry is registered for the manager to assign; answering does not own the customer",
    ),
    "call.registered": ("来电已登记，来电本身不产生归属", "the call is registered; a call alone gives no ownership"),
    # ---------------------------------------------------------------- reports (PARK-1/2, MC-6, AG-1)
    "report.priority_kept": (
        "{owner}已先完整登记该客户（身份、联系方式、意向房源），优先权不变",
        "{owner} registered the client completely first and keeps priority",
    ),
    "report.incomplete": ("登记缺少{fields}，不产生优先权", "the registration lacks {fields}: no priority"),
    "report.first_complete": (
        "{by}最先完整登记客户身份、联系方式和意向房源，享有优先权",
        "{by} is the first to register identity, contact and property: priority",
    ),
    "report.already_registered": (
        "客户已登记，归{owner}，本次报备不改变归属",
        "already registered to {owner}: this report changes nothing",
    ),
    "report.agent_window": (
        "业务员{by}报备客户，须在{window}内带客户来园区参观（{until}）",
        "the agent {by} reported the customer; the visit is due within {window}, by {until}",
    ),
    "report.agent_window_next_day": (
        "业务员{by}在 {clock} 以后报备客户，从次日起算，须在{window}内带客户来园区参观（{until}）",
        "the agent {by} reported the customer after {clock}, so the window counts from the next day; "
        "the visit is due within {window}, by {until}",
    ),
    "report.outside_registration": (
        "{by}在外展/派单时登记了客户，以外面的登记为准，客户归{by}",
        "{by} registered the customer at an exhibition or with a flyer: {by}'s",
    ),
    "report.pre_registered": ("{by}预先登记了客户，客户归{by}", "{by} pre-registered the customer: {by}'s"),
    # ---------------------------------------------------------------- follow-ups and deposits
    "followup.for_owner": (
        "{by}的{contact}回访已记录（客户归{owner}）",
        "{by}'s {contact} follow-up is recorded (the customer is {owner}'s)",
    ),
    "followup.recorded": ("{by}的{contact}回访已记录", "{by}'s {contact} follow-up is recorded"),
    "followup.first_late": (
        "首次回访应在首次来访后{window}内（{until}）完成，已超期，记提醒一次",
        "the first follow-up was due within {window} of the first visit, by {until}: a warning is recorded",
    ),
    "window.protected_until": ("保护期至 {until}", "protected until {until}"),
    "deposit.taken": ("{by}收取定金，客户归{owner}", "{by} took a deposit; the customer is {owner}'s"),
    "deposit.keeps_chase": ("追单期内已交定金，客户保持归属", "a deposit within the chase window keeps the customer"),
    "deposit.objections_until": ("异议期至 {until}", "objections are heard until {until}"),
    "deposit.first_reception_decides": (
        "多人接待后下定，按第一接访顺序及客户有效期判定，归第一接待人",
        "several receptionists and a deposit: the first reception and the validity decide",
    ),
    # ------------------------------------------------------- deals: who gets 业绩 (credit) and 佣金 (commission)
    "deal.arranged": (
        "由{owner}事先约好今天签约，业绩和佣金全归{owner}",
        "the signing was arranged by {owner}: credit and commission all {owner}'s",
    ),
    "deal.developer_relation": (
        "开发商、建筑商关系首次带来并当场成交，业绩和佣金由全体项目销售人员平分",
        "a developer relation closed on the first visit: credit and commission shared by the whole team",
    ),
    "deal.family_first_registered": (
        "同一家庭客户分别登记，业绩归先登记的{first}，佣金两人平分",
        "one family registered separately: credit to {first}, who registered first; commission shared",
    ),
    "deal.family_recognised_on_the_spot": (
        "接待过程中原接待{original}认出家人，当场成交由两名销售人员平分业绩和佣金",
        "{original} recognised the family on the spot: credit and commission 50/50",
    ),
    "deal.family_closed_same_visit": (
        "家人当次查明但当次即由{closer}成交，业绩和佣金归{closer}",
        "closed on the visit the family was found, by {closer}: credit and commission {closer}'s",
    ),
    "deal.park_customer": (
        "园区客户由{closer}成交，业绩和佣金归{closer}",
        "a park customer closed by {closer}: credit and commission {closer}'s",
    ),
    "deal.nobody_owned": (
        "客户无人归属（公共客户池或公司），由{closer}成交，业绩和佣金归{closer}",
        "nobody owned the customer: {closer} closed and gets credit and commission",
    ),
    "deal.two_points_shared": (
        "按分单制，由{staff}平分业绩和佣金",
        "the two-sales-point rule: credit and commission shared by {staff}",
    ),
    "deal.half_and_half": ("按一人一半，由{staff}平分业绩和佣金", "half each: credit and commission shared by {staff}"),
    "deal.owner_closed": (
        "客户归{owner}，由本人成交，业绩和佣金全归{owner}",
        "{owner} owns the customer and closed: credit and commission all {owner}'s",
    ),
    "deal.buys_again": (
        "老客户再次购房，业绩和佣金归原销售人员{owner}",
        "an old customer buys again: credit and commission to the original salesperson {owner}",
    ),
    "deal.designated_absent": (
        "指定的{owner}不在，由当值的{closer}接待成交：业绩归{closer}，佣金两人平分",
        "the designated {owner} was absent: credit to {closer}, commission shared with {owner}",
    ),
    "deal.complaint_not_their_fault": (
        "投诉非销售员原因，业绩仍归原销售员{owner}；经理指定的{closer}接待成交，佣金平分",
        "the complaint was not {owner}'s fault: credit stays with {owner}, commission shared with {closer}",
    ),
    "deal.brochure_30_70": (
        "{owner}首次只递了资料和名片，{closer}做了大量工作促成成交，业绩和佣金按 3:7 分成",
        "{owner} only handed over a brochure; {closer} did the work: credit and commission 30/70",
    ),
    "deal.returning_70_30": (
        "老客户在后续接待人{closer}手上成交，原接待人{owner}占70%，后续接待人占30%（业绩与佣金同比例）",
        "the returning customer closed with {closer}: 70% {owner}, 30% {closer} (credit and commission alike)",
    ),
    "deal.before_opening_no_split": (
        "开盘前外展/派单客户由同事帮忙接待，不纳入分单，业绩和佣金归{owner}",
        "before the opening, helpers of exhibition customers get no split: credit and commission {owner}'s",
    ),
    "deal.after_opening_half": (
        "开盘后外展登记同事{owner}未能到场，由{closer}接待并当天成交，按老客户规定业绩和佣金各分50%",
        "after the opening {owner} could not come; {closer} closed the same day: credit and commission 50/50",
    ),
    "deal.owner_busy_half": (
        "原置业顾问{owner}不在，由{closer}接待并当天成交，业绩和佣金各分50%，客户后续仍由{owner}维系",
        "the owner {owner} was not there; {closer} received and closed the same day: "
        "credit and commission 50/50, the customer stays {owner}'s",
    ),
    "deal.owner_off_half": (
        "{owner}休息时老客户来访，由{closer}接待并促成成交，业绩、提成五五分",
        "{owner} was off; {closer} closed: credit and commission 50/50",
    ),
    "deal.referred_stays": (
        "老客户介绍来的客户归老客户的销售员{owner}（第一次成交原则的例外），{closer}属义务帮忙，业绩和佣金归{owner}",
        "a referred customer stays with {owner} (the exception to the first-deal rule); "
        "{closer} helped: credit and commission {owner}'s",
    ),
    "deal.first_deal": (
        "第一次成交原则：客户以第一次成交为准，归成交的{closer}，业绩和佣金归{closer}",
        "the first-deal rule: the customer and the deal are {closer}'s",
    ),
    "deal.outside_registration": (
        "外展登记过的客户以外面的登记为主，同事帮忙接待不分单，业绩和佣金归{owner}",
        "the exhibition registration decides; helpers get no split: credit and commission {owner}'s",
    ),
    "deal.helper_closed": (
        "客户归{owner}，{closer}属义务帮忙，成交业绩和佣金归{owner}",
        "{closer} helped; credit and commission are {owner}'s",
    ),
    "deal.helper_closed_again": (
        "老客户本人再次购房，成交业绩和佣金归原销售人员{owner}",
        "an old customer buys again: credit and commission to the original salesperson {owner}",
    ),
    # ---------------------------------------------------------- links (RE-4, GM-4, CASES-3/4, DEAL-1/2, RE-6, DF-1)
    "link.already_one": ("两个手机号已是同一客户", "the phones already belong to one customer"),
    "link.one_family": ("已登记为同一家庭", "recorded as one family"),
    "link.family_credit_first": (
        "成交时业绩归先登记的{first}，佣金平分",
        "at a deal: credit to {first}, who registered first; commission shared",
    ),
    "link.family_resplit": (
        "同一家庭分别登记，改判：业绩归先登记的{first}，佣金平分",
        "one family: re-split, credit to {first}, commission shared",
    ),
    "link.family_found_late": (
        "谈判二次以上或成交时/后才查明，归第二接待人{second}",
        "found only after two receptions or at the deal: {second} keeps the customer",
    ),
    "link.family_recognised": (
        "接待过程中原接待{first}认出家人：当场成交由两人平分，当次未成交归第二接待人",
        "{first} recognised the family during the reception: a deal today is split 50/50, "
        "otherwise the second keeps them",
    ),
    "link.family_second_keeps": ("归第二接待人{second}", "{second} keeps the customer"),
    "link.found_after_window": (
        "发现时距初次接待已超过{window}，无论成交与否归第二接待人{second}",
        "found more than {window} after the first reception: {second} keeps the customer",
    ),
    "link.found_within_unsold": (
        "{window}内发现的未成交老客户，归原接待{original}",
        "found within {window} and unsold: back to {original}",
    ),
    "link.found_within_sold": (
        "{window}内发现但已成交：成交业绩归当值人员，佣金由{original}与当值人员平分",
        "found within {window} but sold: credit to the closer, commission shared with {original}",
    ),
    "link.sold_resplit": (
        "一个月内发现已成交的老客户，改判：业绩归成交的{closer}，佣金与原接待{original}平分",
        "sold before the discovery, re-split: credit to {closer}, commission shared with {original}",
    ),
    "link.objection_proved": (
        "{by}凭来访登记证明自己是第一接待人，客户无条件交回{by}",
        "{by} proved by the register to be the first receptionist: the customer goes back unconditionally",
    ),
    "link.objection_too_late": (
        "异议期为交定金后{window}（至 {until}），提出异议时已过，归属不变，仍归{second}",
        "the objection came after the window of {window} from the deposit, which ran until {until}: "
        "{second} keeps the customer",
    ),
    "link.not_named_nor_recognised": (
        "客户说不出原接待人也未被认出，视为新客户，归{second}",
        "not named nor recognised: treated as new, {second} keeps the customer",
    ),
    "link.recent_followup_shares": (
        "{by}登记本上有近{window}的追踪记录，客户由{by}与{second}一人一半",
        "{by} has a follow-up within {window}: shared 50/50 with {second}",
    ),
    "link.found_after_the_deal": (
        "客户已成交后才发现，{by}不能分享；当时无人认出，归轮排接待的{second}",
        "found only after the deal: {by} cannot share; nobody recognised the customer then, {second} keeps them",
    ),
    "link.consultant_was_on_duty": (
        "客户来访当天{by}在岗却未认出，不能分享；归轮排接待的{second}",
        "{by} was on duty that day and did not recognise the customer: no share; {second} keeps them",
    ),
    "link.no_recent_followup": (
        "{by}登记本上没有追踪记录，不能分享；当时无人认出，归轮排接待的{second}",
        "{by} has no follow-up on record: no share; nobody recognised the customer then, {second} keeps them",
    ),
    "link.followup_outside_window": (
        "{by}最近一次追踪在 {at}，其后{window}的期限至 {until}，来访不在期限内，不能分享；归轮排接待的{second}",
        "{by}'s last follow-up was at {at}; the {window} after it ran until {until}, before the visit: no share; "
        "{second} keeps the customer",
    ),
    "link.nobody_recognised": (
        "当时无人认出，归轮排接待的{second}",
        "nobody recognised the customer then: {second} keeps them",
    ),
    "link.first_deal": ("第一次成交原则，归第一次成交的{winner}", "the first-deal rule: {winner}'s"),
    "link.earlier_still_protected": (
        "先登记的记录仍在保护期内，归原接待{first}；后续接待属义务帮忙",
        "the earlier record was still protected: {first} owns, later receptions were help",
    ),
    "link.earlier_lapsed": (
        "先登记的记录已过保护期，归后接待的{second}",
        "the earlier record had lapsed: {second} keeps the customer",
    ),
    "link.helper_resplit": (
        "事后查明{closer}属义务帮忙，改判：业绩和佣金归{winner}",
        "found later: {closer} was helping; re-split, credit and commission {winner}'s",
    ),
    "link.flagged": (
        "{by}已第 {n} 次出现客户被他人接待，提示经理",
        "{by}'s customers were received by others {n} times: flagged for the manager",
    ),
    # ---------------------------------------------------------------- the manager's and the staff's own events
    "objection.recorded": (
        "{by}对客户归属提出异议（证据：{evidence}），已记录待经理裁决，归属暂不改变",
        "{by}'s objection ({evidence}) is recorded for the manager; nothing changes by itself",
    ),
    "complaint.after_contract": (
        "合同已签订，投诉记录在案，不再调整销售人员",
        "the contract is signed: recorded, no reassignment",
    ),
    "complaint.awaiting_replacement": (
        "客户投诉{against}，已记录，待经理指定接替人",
        "the complaint against {against} is recorded; the manager has not named a replacement",
    ),
    "complaint.objected_before_contract": (
        "合同签订前客户提出异议，部门调整为{to}负责，今后成交归{to}",
        "the customer objected before the contract: {to} takes over",
    ),
    "complaint.service_replaced": (
        "客户投诉{against}的服务质量，经理更换为{to}负责，今后成交归{to}",
        "a service complaint against {against}: {to} takes over and owns later deals",
    ),
    "complaint.not_their_fault_designated": (
        "投诉不属于{against}的原因，业绩佣金仍归原销售员；经理指定{to}接待，如其成交佣金平分",
        "not {against}'s fault: credit stays; {to} is designated and shares the commission if they close",
    ),
    "complaint.not_their_fault": ("投诉不属于{against}的原因，归属不变", "not {against}'s fault: nothing changes"),
    "assign.callback": (
        "经理指定{to}负责回访，回访本身不产生归属（客户仍归{owner}）",
        "{to} is named to call the customer back; this alone gives no ownership (the customer is {owner}'s)",
    ),
    "assign.assigned": (
        "经理将客户分配给{to}，原因：{reason}",
        "the manager assigns the customer to {to} (reason: {reason})",
    ),
    "transfer.moved": ("客户由{owner}变更为{to}负责", "the customer moves from {owner} to {to}"),
    "transfer.moved_with_consent": (
        "经原销售人员同意，客户由{owner}变更为{to}负责",
        "with the consent of {owner}, the customer moves from {owner} to {to}",
    ),
    "release.released": ("客户由{owner}释放到公共客户池", "released from {owner} to the pool"),
    "abandon.fined": ("{by}接待中甩客，罚款 {amount} 元", "{by} abandoned a customer: fined {amount} yuan"),
    "abandon.recorded": ("{by}甩客已记录", "{by} abandoning the customer is recorded"),
    "abandon.deal_to_next": (
        "{by}不愿接待自己的老客户，成交将归第二个接待该客户的销售人员",
        "{by} refused their own customer: a deal goes to the next receptionist",
    ),
    "status.changed": ("{by}：{old} → {new}", "{by}: {old} → {new}"),
    "status.out_back_last": ("出列，回来后排到末位", "out of the queue; back at the end"),
    "status.keeps_place": ("保留轮序位置，回来后补序一次", "keeps the place in the queue, one make-up turn on return"),
    "status.stepped_away": (
        "短暂离开：轮到时由次位义务接待，客户和轮次仍归本人",
        "stepped away: when the turn comes the next one receives for them; customer and turn stay theirs",
    ),
    "status.back_last": ("回来后列入末位", "back at the end of the queue"),
    "status.departed_customers": (
        "离职人员的 {n} 位客户交销售部，由经理重新分配或放入公共池",
        "{n} customers go to the sales department for the manager to reassign or release",
    ),
    # ---------------------------------------------------------------- notices (kept with the site's state)
    "notice.owner_named_away": (
        "客户 {phone} 说出原接待人{owner}，其不在，已由同事接待（当天通报）",
        "customer {phone} named the owner {owner}, who was away; a colleague received them (told today)",
    ),
    "notice.out_of_order": (
        "{by}未按顺序接待新客户 {phone}",
        "{by} received the new customer {phone} out of order",
    ),
    "notice.report_matched": (
        "次日核对：客户 {phone} 为业务员{agent}报备的客户，请督促其抓紧追单",
        "next-day check: customer {phone} was reported by the agent {agent}; see that they follow up",
    ),
    "notice.first_followup_late": (
        "客户 {phone} 首次来访后{window}内未回访",
        "customer {phone} was not followed up within {window} of the first visit",
    ),
    "notice.flag": (
        "{by}的客户已 {n} 次被他人接待或定金后争抢，提示经理",
        "{by}'s customers were received by others or fought over after a deposit {n} times",
    ),
    "notice.objection": (
        "{by}对客户 {phone} 提出异议（{evidence}）",
        "{by} objects to the ownership of customer {phone} ({evidence})",
    ),
    "notice.abandon_fined": (
        "{by}接待客户 {phone} 时甩客，罚款 {amount} 元",
        "{by} abandoned the customer {phone}: fined {amount} yuan",
    ),
    "notice.abandoned": ("{by}甩客/怠慢客户 {phone}", "{by} abandoned or neglected the customer {phone}"),
    "owner.window_lapsed": ("保护期已过，客户回到公共客户池", "the protection window ended: back to the pool"),
}
