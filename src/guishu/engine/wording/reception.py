"""The sentences of the desk: visits (old and new customers, the claims at the door, walk-ins), the park
and the desk's advice. Keyed by message id, (zh, en); the names in braces are worded by ``KINDS``.
"""

from __future__ import annotations

from typing import Final

SENTENCES: Final[dict[str, tuple[str, str]]] = {
    # ---------------------------------------------------------------- an old customer arrives (ROT-4/5)
    "visit.owner_receives": (
        "已登记的老客户，由原接待人{owner}接待，不计轮次",
        "a registered customer, received by the owner {owner}; no turn used",
    ),
    "visit.owner_skips_turn": (
        "{owner}先接待老客户，本轮轮空，之后补正排轮一次",
        "{owner} takes the old customer first, is skipped this round and keeps one make-up turn",
    ),
    "visit.helps_owner_here": (
        "客户属于{owner}，{receiver}属义务帮忙，不计轮次、不改变归属",
        "the customer is {owner}'s; {receiver} helps: no turn, no change of owner",
    ),
    "visit.owner_away": (
        "原接待人{owner}不在（{status}），由{receiver}义务接待，不计轮次",
        "the owner {owner} is not here ({status}); {receiver} receives as a helper, no turn used",
    ),
    "visit.owner_away.reverse": (
        "原接待人{owner}不在（{status}），由倒排轮的{receiver}义务接待，不计轮次",
        "the owner {owner} is not here ({status}); {receiver}, last in the queue, helps; no turn used",
    ),
    "visit.owner_away.head": (
        "原接待人{owner}不在（{status}），由当值的{receiver}接待，不计轮次",
        "the owner {owner} is not here ({status}); {receiver}, on duty in the queue, receives; no turn used",
    ),
    "visit.owner_away.team": (
        "原接待人{owner}不在（{status}），由本组最后一名{receiver}义务代接，不计轮次",
        "the owner {owner} is not here ({status}); {receiver}, last of the team, helps; no turn used",
    ),
    "visit.busy_owner_split_today": (
        "当天由接待人成交的分单50%，未成交的客户仍归原置业顾问",
        "a deal today by the helper is split 50/50; otherwise the customer stays with the owner",
    ),
    "visit.helper_deal_70_30": (
        "如在后续接待人手上成交，原接待人七成、后续接待人三成（业绩与佣金同比例）",
        "a deal by the helper: 70% to the owner, 30% to the helper (credit and commission alike)",
    ),
    "visit.register_decides": (
        "客户指定{named}，但登记表上客户已属于{owner}，以登记为准",
        "the customer asks for {named}, but the register says the customer is {owner}'s: the register decides",
    ),
    "visit.owner_told": (
        "当天通报原接待人{owner}及主管",
        "the owner {owner} and the supervisors are told today",
    ),
    # ---------------------------------------------------------------- a clause gives a new customer to someone
    "visit.handed_over": (
        "{receiver}接待后交给{owner}，不计轮次",
        "{receiver} receives and hands the customer over to {owner}; no turn used",
    ),
    "visit.helps_claimant_here": (
        "{owner}在场，{receiver}义务帮忙接待，不计轮次",
        "{owner} is here; {receiver} helps, no turn used",
    ),
    "visit.claimant_away": (
        "{owner}不在，由{receiver}义务接待，不计轮次",
        "{owner} is not here; {receiver} helps, no turn used",
    ),
    "visit.claimant_away.reverse": (
        "{owner}不在，由倒排轮的{receiver}义务接待，不计轮次",
        "{owner} is not here; {receiver}, last in the queue, helps; no turn used",
    ),
    "visit.claimant_away.head": (
        "{owner}不在，由当值的{receiver}接待，不计轮次",
        "{owner} is not here; {receiver}, on duty in the queue, receives; no turn used",
    ),
    "visit.claimant_away.team": (
        "{owner}不在，由本组最后一名{receiver}义务代接，不计轮次",
        "{owner} is not here; {receiver}, last of the team, helps; no turn used",
    ),
    "visit.on_duty_closes_shares": (
        "当值人员成交的，业绩归当值人员，佣金两人平分",
        "if the one on duty closes: credit to them, commission shared equally",
    ),
    "visit.turn_counted": ("计{turn_of}一次有效轮值", "counts as {turn_of}'s turn"),
    "visit.no_turn": ("不计轮次", "no turn used"),
    # ---------------------------------------------------------------- what the customer says at the door (P-2)
    "claim.recognized": (
        "{owner}认出这是自己接待过的客户，客户归{owner}",
        "{owner} recognises the customer as their own: {owner}'s",
    ),
    "claim.names_with_family": (
        "客户说明家人来访过并指明由{owner}接待，成交归第一个销售人员",
        "the customer says the family visited and names {owner}: a deal goes to the first salesperson",
    ),
    "claim.names_callback": (
        "客户指明回访人{owner}，归该销售人员",
        "the customer names the callback salesperson {owner}: {owner}'s",
    ),
    "claim.names_after_validity": (
        "有效期已过，但客户指明原销售人员{owner}，归原销售人员",
        "past the validity, but the customer names the original salesperson {owner}: {owner}'s",
    ),
    "claim.names_answerer": (
        "客户打过电话并说出接电话的{owner}，归该置业顾问",
        "the customer called before and names {owner}, who answered: {owner}'s",
    ),
    "claim.names_consultant": (
        "客户说出置业顾问{owner}，由其接待",
        "the customer names {owner}, who receives them",
    ),
    "claim.names_original": (
        "客户说出原接待人{owner}，交回原接待人",
        "the customer names the original receptionist {owner}: back to {owner}",
    ),
    "claim.asks_on_arrival": (
        "首次来访客户进门即指定{owner}，算作该售楼员的客户",
        "a first-time customer asks for {owner} on arrival: {owner}'s customer",
    ),
    "claim.asks_before_reception": (
        "新客户接待前指定{owner}，归指定销售员",
        "a new customer asks for {owner} before reception: {owner}'s",
    ),
    "claim.referred_asks": (
        "介绍来的客户指定{owner}接待，归该指定销售员",
        "a referred customer asks for {owner}: {owner}'s",
    ),
    "claim.referred_asks_anyway": (
        "新客户说明由老客户介绍并指明{owner}，无论其在与不在都归其",
        "a referred customer asks for {owner}: {owner}'s whether present or not",
    ),
    "claim.referrer_designates": (
        "转介绍客户由介绍人指定{owner}负责",
        "the referrer designates {owner} for the referred customer",
    ),
    "claim.customer_wish": (
        "尊重客户意愿，由客户指定的{owner}负责",
        "the customer's wish: {owner} serves them",
    ),
    "claim.asks_for": (
        "客户指定{owner}接待，归指定销售员",
        "the customer asks for {owner}: {owner}'s",
    ),
    "claim.invited": (
        "客户由{owner}电话邀约而来，归邀约人",
        "the customer came on {owner}'s invitation: {owner}'s",
    ),
    "claim.relative": (
        "客户是{owner}的亲戚或朋友，优先归该销售人员",
        "a relative or friend of {owner}: {owner}'s first",
    ),
    "claim.referred_chain": (
        "老客户（{phone}）介绍的新客户，归介绍人的销售人员{owner}（裙带性原则）",
        "referred by {owner}'s customer {phone}: {owner}'s (the referral chain)",
    ),
    "claim.referred": (
        "老客户（{phone}）介绍来的新客户，由老客户的销售员{owner}接待并负责",
        "referred by {owner}'s customer {phone}: {owner} receives and serves them",
    ),
    "claim.brought_counted": (
        "老客户（{phone}）带新客户，由原销售员{owner}接待，计为有效轮值",
        "{owner}'s customer {phone} brings a new one: {owner} receives, counted as a turn",
    ),
    "claim.buyer_brings_friend": (
        "已购房业主（{phone}）带朋友看房，视为原经手人{owner}的客户，不算接待名额",
        "the buyer {phone} brings a friend: {owner}'s customer, not a turn",
    ),
    "claim.brought_by_buyer": (
        "老客户（{phone}）亲自带来，成交归原销售人员{owner}，他人接待属义务帮忙",
        "brought in person by {owner}'s buyer {phone}: a deal is {owner}'s, others only help",
    ),
    "claim.brought_chain": (
        "老客户（{phone}）亲自带领上门，归原销售人员{owner}（裙带性原则）",
        "brought by {owner}'s customer {phone}: {owner}'s (the referral chain)",
    ),
    "claim.brought": (
        "老客户（{phone}）带来的新客户，由老客户的销售员{owner}接待并负责",
        "brought by {owner}'s customer {phone}: {owner} receives and serves them",
    ),
    "claim.family_found": (
        "客户明示家人（{phone}）来访过，当次查明家人由{owner}接待，未成交的下次由第一销售人员谈判",
        "the family visit ({phone}) is stated and found now: {owner} negotiates next time if no deal today",
    ),
    "claim.family_registered": (
        "同一家庭客户，家人（{phone}）已由{owner}登记，归先登记的置业顾问",
        "one family: the relative {phone} was registered first with {owner}: {owner}'s",
    ),
    "claim.region": (
        "客户属于{region}，归该区域的销售人员{owner}",
        "the customer's region {region} is served by {owner}",
    ),
    # ---------------------------------------------------------------- a new customer nobody claims (ROT-1/3)
    "walkin.new": ("新客户，由{owner}首次接待，归{owner}", "a new customer: {owner} received them first and owns them"),
    "walkin.original_departed": (
        "原销售人员已离职，客户按新客户接待，归{owner}",
        "the original salesperson has left: received as a new customer, {owner}'s",
    ),
    "walkin.window_lapsed": (
        "客户原归{original}，保护期已于 {at} 届满；客户未指明、也无人认出，按新客户接待，归{owner}",
        "the customer was {original}'s until the window ended at {at}; nobody named or recognised: "
        "received as new, {owner}'s",
    ),
    "walkin.released": (
        "客户原归{original}，已释放到公共客户池；客户未指明、也无人认出，按新客户接待，归{owner}",
        "the customer was {original}'s and was released to the pool; nobody named or recognised: "
        "received as new, {owner}'s",
    ),
    "walkin.outside_unregistered": (
        "外展/派单客户未在外面登记过，按新客户接待，归{owner}",
        "an exhibition or flyer customer not registered outside: received as new, {owner}'s",
    ),
    "walkin.company_resource": (
        "公司资源客户由经理指定{owner}接待，计为有效轮值",
        "a company resource customer given by the manager to {owner}: counted as a turn",
    ),
    "walkin.company_relation": (
        "公司关系客户由{owner}接待，待上级领导分配",
        "a company relation received by {owner}, for the head to assign",
    ),
    "walkin.knows_not_asked": (
        "{knows}认识客户但客户未指定，按顺序表接待，归{owner}",
        "{knows} knows the customer but was not asked for: the queue decides, {owner}'s",
    ),
    "walkin.came_before_unrecognised": (
        "客户说来过但说不出接待人、也无人认出，视为新客户，归轮排接待的{owner}",
        "the customer came before but names nobody and nobody recognises them: new, {owner}'s by the queue",
    ),
    "walkin.called_forgot": (
        "客户打过电话但不记得谁接的，归轮排接待的{owner}",
        "the customer called before but does not remember who answered: {owner}'s by the queue",
    ),
    "walkin.out_of_order": (
        "未按接待顺序（应为{turn_of}），已提示经理",
        "out of order (it was {turn_of}'s turn): the manager is told",
    ),
    "walkin.stepped_away": (
        "当值的{owner}短暂离开，由次位{receiver}义务接待，客户与轮次归{owner}",
        "{owner}, whose turn it was, stepped away: the next, {receiver}, receives for them; "
        "the customer and the turn are {owner}'s",
    ),
    "visit.greeting_station": ("迎宾岗{station}负责辨客", "{station} is at the greeting station"),
    "visit.two_points_split": (
        "同一天在两个销售现场由不同销售人员接待，按分单制由{staff}平分",
        "received at two sales points on one day: split equally between {staff}",
    ),
    # ---------------------------------------------------------------- the park (PARK-1..5)
    "park.report_holds_against_agent": (
        "客户由{agent}带来，但{owner}已先报备且仍在带看期限内，客户仍属第一登记业务员{owner}，{agent}介入不改变归属",
        "{agent} brought the customer, but {owner} reported them first and the report still holds: "
        "{owner}'s; {agent} stepping in changes nothing",
    ),
    "park.chase_holds_against_agent": (
        "客户由{agent}带来，但仍在第一登记业务员{owner}的追单期内，{agent}介入不改变归属",
        "{agent} brought the customer, but the chase window of the first registered agent {owner} is still open: "
        "{agent} stepping in changes nothing",
    ),
    "park.walk_in_matches_report": (
        "客户自行来园区，与{owner}的报备信息雷同，客户归报备业务员{owner}",
        "the customer came alone and matches {owner}'s report: {owner}'s",
    ),
    "park.brought_in_time": (
        "{owner}报备后在期限内带客户来园区参观，客户归{owner}",
        "{owner} brought the customer within the report window: {owner}'s",
    ),
    "park.within_chase": (
        "追单期内（至 {until}），客户属于{owner}",
        "the chase window runs until {until}: the customer is {owner}'s",
    ),
    "park.kept_by_deposit": (
        "已交定金或已成交，追单期不再限制，客户属于{owner}",
        "a deposit or a deal keeps the customer with {owner}; the chase window no longer applies",
    ),
    "park.own_customer": ("园区自有客户，归园区", "the park's own customer"),
    "park.brought_by_agent": (
        "由业务员{agent}带来园区，客户归{agent}",
        "brought by the agent {agent}: {agent}'s",
    ),
    "park.brought_after_lapse": (
        "{original}的报备已失效，由业务员{agent}带来园区，客户归{agent}",
        "{original}'s report has lapsed; brought by the agent {agent}: {agent}'s",
    ),
    "park.came_alone": ("客户自行来园区参观，归园区", "the customer came alone: the park's customer"),
    "park.came_alone_after_lapse": (
        "{original}的报备已失效，客户自行来园区参观，归园区",
        "{original}'s report has lapsed and the customer came alone: the park's customer",
    ),
    "park.chase_started": (
        "追单期{window}，须在 {until}交定金或全款",
        "the chase window is {window}: a deposit or full payment is due by {until}",
    ),
    "park.leads_told": (
        "次日 {clock} 核对后通知{staff}",
        "told after the check at {clock} the next day: {staff}",
    ),
    "park.department_told": (
        "次日 {clock} 核对后通知销售部",
        "the sales department is told after the check at {clock} the next day",
    ),
    # ---------------------------------------------------------------- the desk's advice (判客)
    "desk.old_customer": (
        "老客户，请交原接待人{owner}接待（不计轮次）",
        "an old customer: hand them to the owner {owner} (no turn used)",
    ),
    "desk.old_customer_owner_away": (
        "老客户，原接待人{owner}不在，由倒排轮的{helper}义务接待",
        "an old customer: the owner {owner} is not here; {helper}, last in the queue, helps",
    ),
    "desk.tell_owner": ("客户归{owner}，请通知其本人", "the customer is {owner}'s: tell them"),
    "desk.new_customer": ("按新客户接待，轮到{receiver}", "a new customer: it is {receiver}'s turn"),
    "desk.nobody_available": ("当前没有可接待的销售员", "nobody is available to receive"),
}
