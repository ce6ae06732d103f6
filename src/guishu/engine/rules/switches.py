"""The clauses asked about on every event, looked up once per policy and named for what they do.

Elsewhere a rule asks ``policy.has("RE-4")``; these few are on the path of almost every event
(a walk-in, a follow-up, a renewal), so a site keeps them as plain booleans.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..policy import Policy
from .common import first_clause


@dataclass(frozen=True, slots=True)
class Switches:
    contact_window: bool  # MC-2: visits and follow-ups keep the customer 7 days (14 for phone inquiries)
    first_followup_due: bool  # MC-2: a first follow-up is due within its window after the first visit
    deal_validity: bool  # DEAL-1: a reception holds the customer for one month
    release_after_silence: bool  # DF-2: any contact holds the customer for one month, buyers included
    makeups_same_day: bool  # GM-5: a missed turn is made up the same day only
    away_keeps_turn: bool  # RCPT-1: a short absence keeps the turn; the next one receives for them
    agent_reports: bool  # PARK-2: the park's visits, decided by the agents' reports
    owner_makeup: bool  # MC-4: an owner taking an old customer on their own turn keeps a make-up
    off_duty_matters: bool  # CASES-4: who was off on a customer's first day may later share them
    plain_walk_in: tuple[str, ...]  # the clauses a plain new walk-in rests on

    @classmethod
    def of(cls, policy: Policy) -> Switches:
        has = policy.has
        return cls(
            contact_window=has("MC-2"),
            first_followup_due=has("MC-2"),
            deal_validity=has("DEAL-1"),
            release_after_silence=has("DF-2"),
            makeups_same_day=has("GM-5"),
            away_keeps_turn=has("RCPT-1"),
            agent_reports=has("PARK-2"),
            owner_makeup=has("MC-4"),
            off_duty_matters=has("CASES-4"),
            plain_walk_in=("CASES-1",) if has("CASES-1") else (first_clause(policy),),
        )
