"""The clause catalogue of rules.md: every id a ruling may cite, with a short Chinese title."""

from __future__ import annotations

CLAUSES: dict[str, str] = {
    # platform rules
    "P-1": "以登记表为唯一依据，须有有效手机号",
    "P-2": "接待首问：是否初次来访、是否有人邀约、是否指明置业顾问",
    "P-3": "离职人员的客户交销售经理，由经理重新分配或放入公共池",
    "P-4": "争议凭证据由经理裁决，经理裁决为最终结果",
    "P-5": "客户资料属于公司，只能查看自己的客户",
    "P-6": "抢客、甩客等违规行为记录罚款",
    "P-8": "佣金与业绩同比例分配，零头归成交人",
    "P-9": "异议只作记录；登记表证明的关联即为有效异议",
    "P-10": "已成交客户不因保护期届满而释放（DF-2 除外）",
    # rotation
    "ROT-1": "接待顺序表：新客户给第一位可接待的销售员，计一次轮值",
    "ROT-2": "忙碌/短暂离开/因公外出保留位置并补序一次；请假/休息回来排末位；离职出列",
    "ROT-3": "只有接待新客户才计有效轮值",
    "ROT-4": "先判客：老客户由原接待人接待；原接待人不在由倒排轮接待，属义务帮忙",
    "ROT-5": "他人接待老客户属义务帮忙，不计轮值，不改变归属",
    "ROT-6": "电话轮流接听，与接待顺序同样规则",
    # park
    "PARK-1": "业务员报备须在当天下午5点前上报，否则次日起算",
    "PARK-2": "报备后五日内须带客户来园区参观，否则视为放弃",
    "PARK-3": "自首次参观起三个月追单期，未交定金或全款视为放弃",
    "PARK-4": "客服次日核对来访登记，与报备雷同的归报备业务员并通知其处长",
    "PARK-5": "追单期间他人介入，客户仍属第一登记业务员",
    # reception-37
    "RCPT-1": "循环轮序：请假私事回来排末位，因公外出插队补序，短暂离开由次位义务接待",
    "RCPT-2": "严格按顺序接待，抢客争客予以处罚",
    "RCPT-3": "老客户交原接待人；原接待人不在或正忙时他人接待成交，原接待七成、后续三成",
    "RCPT-4": "首次来访指定售楼员的归该售楼员，恰在轮序才算轮序；认识但未指定的按顺序",
    "RCPT-5": "首次只拿资料名片，第二位做了大量工作成交，甲三乙七",
    "RCPT-6": "销售业绩与佣金同比例分配",
    # re-office
    "RE-1": "首接业绩制：业绩和佣金归最初接洽的销售员",
    "RE-3": "老客户由初次接待人接待；其休息或因公外出由最后一位轮序人员接待，不计轮值",
    "RE-4": "未认出的老客户：接待中认出礼貌交接；"
    "一个月内发现未成交归原接待，已成交业绩归当值、佣金平分；一个月外归第二接待人",
    "RE-5": "新客户接待前指定的归指定销售员；指定人不在由当值接待成交，业绩归当值、佣金平分",
    "RE-6": "同一家庭分别登记且双方不知情，成交业绩归先登记者，佣金平分",
    "RE-7": "来电客户登记于来电登记表，由案场经理分配",
    "RE-8": "公司资源或特殊来访客户由案场经理指定接待，计有效轮值",
    "RE-9": "老客户带新客户由原销售员接待，计有效轮值",
    "RE-10": "服务质量投诉更换销售员，成交归指定人；非销售员原因仍归原销售员，指定人成交佣金平分",
    # greenmaple
    "GM-2": "第一接待人拥有客户，后续接待属义务帮忙",
    "GM-3": "客户说出原接待人的交回原接待人；其不在时热情接待并当天通报，不计轮值",
    "GM-4": "说不出也未被认出的可视为新客户；跟进中或交定金3天内第一接待人凭登记证明的无条件交回",
    "GM-5": "业主带朋友看房归原经手人；不在由本组最后一名义务代接，在场本人接待不算名额，错过轮序当天可补",
    "GM-6": "第一接待人三次以上客户被他人接待或定金后争抢，提示经理",
    "GM-7": "多人接待且已下定无法定论时，按第一接访顺序及客户有效期判定",
    # first-contact
    "FC-1": "第一接触点原则（含来电）：先接触者拥有客户，后续接待为协助",
    "FC-2": "裙带性原则：老客户介绍或带来的新客户归原销售人员；销售人员的亲友优先归其",
    "FC-3": "分单制：同一天在两个销售现场由不同销售人员接待，平分业绩",
    "FC-4": "来访登记表为唯一依据；离职人员客户归销售部，未下单的作新客户安排",
    "FC-5": "介绍来的客户指定销售人员接待的，归该指定销售员",
    # appointment-7d
    "MC-1": "首接负责制；来电客户由经理分配",
    "MC-2": "首次来访2天内须回访；来访客户约客期7天，来电客户14天，超期由经理重新分配",
    "MC-3": "迎宾站岗每15分钟轮换，站岗置业顾问负责辨客",
    "MC-4": "轮到接新客户时自己的老客户到访，先接老客户，轮空后补正排轮一次",
    "MC-5": "接待新客户时老客户来访由倒排轮接待，当天成交分单50%；约好签约的归原置业顾问",
    "MC-6": "派单、外展登记过的客户以外面的登记为主；开盘前同事帮忙接待不分单",
    # deal-1mo
    "DEAL-1": "新客户成交归第一接待人，有效期一个月；过期后指明或认出归原销售员；不愿接待自己老客户的成交归第二接待人",
    "DEAL-2": "一家人由不同销售人员接待的归属判定",
    "DEAL-3": "老客户本人再次购房归原销售人员；已调离则谁接待归谁",
    "DEAL-4": "老客户亲友同事由老客户带来的归原销售人员，否则按新客户",
    "DEAL-5": "老客户介绍的新客户：亲自带来或指明原销售人员的归原销售人员，否则归新接待人",
    "DEAL-6": "调离人员的客户指定专人回访，客户指明回访人的归其，否则按新客户",
    "DEAL-7": "开发商、建筑商关系首次带来并当场成交，业绩归全体项目人员",
    # consultant
    "CASES-1": "第一次来且从未来电，归当即轮排接待的置业顾问",
    "CASES-2": "来过但记不清谁接待，置业顾问当场认出的归认出者",
    "CASES-3": "来过但无人认出，归轮排接待的置业顾问",
    "CASES-4": "休息的置业顾问事后发现且有近3天追踪记录，与接待者一人一半",
    "CASES-5": "客户说出置业顾问的，由其接待；不在时同事义务帮忙",
    "CASES-6": "首次来访但打过电话，说出接电话的置业顾问，归该置业顾问",
    "CASES-7": "打过电话但不记得谁接的，归轮排接待的置业顾问",
    # dafang
    "DF-1": "第一次成交原则：客户以第一次成交为准",
    "DF-2": "一个月内有沟通或续单为老客户，一个月无沟通或续单释放",
    "DF-3": "老客户介绍来的新客户由老客户的销售员接待",
    "DF-5": "接待新客户甩客罚款50元",
    "DF-6": "销售员休息时老客户来访由他人成交，业绩提成五五分",
    "DF-9": "有效客户资料必须有全名或姓氏及真实电话",
    "DF-10": "公司电话轮流接听，电话预约的客户由该销售员接待",
    "DF-11": "公司关系介绍的客户由上级领导分配",
    # decoration
    "DECO-1": "按客户来源确认归属：自然客户由接待人分配，转介绍由介绍人指定，合作单位协商，其他由领导指定",
    "DECO-2": "客户变更销售人员须经原销售人员同意；签约前有异议可调整；离职时客户自选或部门调整",
    # store
    "STORE-1": "进店客户按销售人员的服务区域归属，尊重客户意愿",
    "STORE-2": "调整客户归属须向上级说明原因，由上级审核",
    # agency
    "AG-1": "代理商之间以最先登记客户身份、联系方式和意向房源者优先",
}


# The same titles in English (``guishu scenario explain --lang en``).
CLAUSES_EN: dict[str, str] = {
    "P-1": "The registers are the sole basis; a valid mobile number is required",
    "P-2": "Every reception first asks: first visit? invited? does the customer name a salesperson?",
    "P-3": "A departed salesperson's customers go to the manager, who reassigns them or releases them to the pool",
    "P-4": "Disputes are decided by the manager on the evidence; the manager's ruling is final",
    "P-5": "Customer data belongs to the company; each sees only their own customers",
    "P-6": "Grabbing or abandoning customers is recorded as a penalty",
    "P-8": "Commission follows the shares of credit; the remainder goes to the closer",
    "P-9": "An objection is only recorded; a link proved by the register is a valid objection",
    "P-10": "A customer who bought is not released when a window ends (except under DF-2)",
    "ROT-1": "The reception queue: a new customer goes to the first available salesperson, a counted turn",
    "ROT-2": "Busy, away or out on business keep the place and get one make-up; leave or rest go to the end; departed "
    "leave the queue",
    "ROT-3": "Only receptions of new customers count as turns",
    "ROT-4": "Look the phone up first: the owner receives an old customer; if absent, the last in the queue helps",
    "ROT-5": "Receiving someone else's customer is help: no turn, no change of owner",
    "ROT-6": "Phone calls are answered in rotation, by the same rules as the queue",
    "PARK-1": "An agent's report counts from the same day only before 17:00, else from the next day",
    "PARK-2": "The agent must bring the customer within 5 days of the report, or the report lapses",
    "PARK-3": "A 3-month chase window from the first visit; without a deposit or full payment the customer is lost",
    "PARK-4": "The next day the desk matches visitors with reports; a match goes to the reporting agent and their "
    "head is told",
    "PARK-5": "During the chase window the first registered agent keeps the customer",
    "RCPT-1": "A circular queue: leave goes to the end, company business cuts back in, a short absence is covered by "
    "the next",
    "RCPT-2": "Receptions follow the order strictly; grabbing customers is penalised",
    "RCPT-3": "A returning customer goes to the original; a deal by another while they are away: 70% original, 30% "
    "other",
    "RCPT-4": "A first-time customer asking for a salesperson is theirs, a turn only if it was theirs anyway",
    "RCPT-5": "A first reception that only handed over a brochure: 30% first, 70% the one who did the work",
    "RCPT-6": "Commission follows the same shares as sales credit",
    "RE-1": "First reception owns: credit and commission go to the first receptionist",
    "RE-3": "An old customer is received by the first receptionist; if off, the last in the rotation helps, no turn",
    "RE-4": "An unrecognised old customer: hand over if recognised; found within a month unsold goes back, sold "
    "shares the commission; after a month the second keeps them",
    "RE-5": "A new customer naming a salesperson before reception is theirs; if absent, the one on duty closes for "
    "the credit and shares the commission",
    "RE-6": "One family registered separately: credit to the first registration, commission shared",
    "RE-7": "Phone inquiries go in the call register and are assigned by the manager",
    "RE-8": "Company resources and special visitors are given by the manager; a counted turn",
    "RE-9": "An old customer bringing a new one: the original salesperson receives, a counted turn",
    "RE-10": "A service complaint replaces the salesperson; otherwise the original keeps the credit and shares the "
    "commission",
    "GM-2": "The first receptionist owns the customer; later receptions are help",
    "GM-3": "A customer naming the original receptionist goes back to them; if absent, others help and tell them the "
    "same day",
    "GM-4": "A customer nobody names or recognises may be new; the first receptionist proving it by the register gets "
    "them back before or within 3 days of a deposit",
    "GM-5": "A buyer's friends are the original's customers; if absent the last of the team helps, no turn",
    "GM-6": "A first receptionist whose customers are taken three times or more is flagged for the manager",
    "GM-7": "Several receptionists and a deposit: the order of first reception and the validity decide",
    "FC-1": "First contact owns, by call or visit; later receptions are help",
    "FC-2": "The referral chain: a customer referred or brought by a customer goes to that customer's salesperson",
    "FC-3": "Received on one day at two sales points by different salespeople: an equal split",
    "FC-4": "The visit register is the sole basis; a departed salesperson's customers go to the sales department",
    "FC-5": "A referred customer naming a salesperson is theirs",
    "MC-1": "First reception owns; phone inquiries are assigned by the manager",
    "MC-2": "A follow-up within 2 days of a first visit; ownership lasts 7 days for visitors, 14 for phone inquiries",
    "MC-3": "The greeting station rotates every 15 minutes; whoever stands there recognises customers",
    "MC-4": "An old customer arriving on one's own turn comes first; the turn is skipped and made up once",
    "MC-5": "An old customer while the owner is busy: the reverse rotation receives, a same-day deal splits 50/50",
    "MC-6": "Exhibition and flyer registrations decide; helpers before the opening get no split",
    "DEAL-1": "A new customer's deal is the first receptionist's for a month; after it only a named or recognised "
    "original",
    "DEAL-2": "Family members received by different salespeople",
    "DEAL-3": "An old customer buying again goes to the original salesperson; if they left, to whoever receives",
    "DEAL-4": "An old customer's relatives or colleagues are the original's if brought by them, else new",
    "DEAL-5": "A referral brought in person or naming the original is the original's, else the new receptionist's",
    "DEAL-6": "A departed salesperson's customers get a callback salesperson; a customer naming them is theirs",
    "DEAL-7": "A developer or builder relation closed on the first visit: credit shared by the whole team",
    "CASES-1": "First visit, never called: the rotation's receptionist",
    "CASES-2": "Came before, can't say who; the consultant who recognises them on the spot",
    "CASES-3": "Came before, nobody recognises them: the rotation's receptionist",
    "CASES-4": "A consultant off that day with a follow-up in the last 3 days shares the customer 50/50",
    "CASES-5": "The customer names a consultant: they receive; if absent a colleague helps",
    "CASES-6": "First visit but called before and names who answered: that consultant",
    "CASES-7": "Called before but doesn't remember who answered: the rotation's receptionist",
    "DF-1": "The first deal decides whose customer it is",
    "DF-2": "A month without contact or re-order releases the customer",
    "DF-3": "A customer referred by an old customer goes to the old customer's salesperson",
    "DF-5": "Abandoning a customer being received: a 50 yuan fine",
    "DF-6": "An old customer closed by another while the owner is off: 50/50",
    "DF-9": "A valid customer record needs a full name or surname and a real phone",
    "DF-10": "The company phone is answered in rotation; a customer who called is the answerer's",
    "DF-11": "Company relations are assigned by the superior",
    "DECO-1": "Ownership by the customer's source: natural, referral, partner or other",
    "DECO-2": "A change of salesperson needs the original's consent; before the contract the department may adjust",
    "STORE-1": "A walk-in belongs to the salesperson of the customer's region, respecting the customer's wish",
    "STORE-2": "Changing a customer's owner needs a reason and the superior's approval",
    "AG-1": "Between agencies the first registration of identity, contact and property has priority",
}


def clause_title(clause: str, lang: str = "zh") -> str:
    return (CLAUSES_EN if lang == "en" else CLAUSES).get(clause, "")
