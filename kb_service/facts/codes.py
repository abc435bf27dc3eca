"""Coded values of the facts format: JSON code -> local name of the kyz: individual.

Labels (ky, ru, en) are in ontology/facts.ttl.
"""

CODES: dict[str, dict[str, str]] = {
    "doc_status": {"present": "DocPresent", "absent": "DocAbsent", "not_shown": "DocNotShown"},
    "training_kind": {
        "short": "TrainingShortTerm",
        "medium": "TrainingMediumTerm",
        "long": "TrainingLongTerm",
    },
    "funding": {"state": "FundedByState", "donor": "FundedByDonor", "other": "FundedByOther"},
    "filled_by": {
        "competition": "FilledByCompetition",
        "internal_reserve": "FilledByInternalReserve",
        "other": "FilledByOther",
    },
    "position_group": {
        "highest": "GroupHighest",
        "main": "GroupMain",
        "senior": "GroupSenior",
        "junior": "GroupJunior",
    },
    "order_kind": {
        "reserve_inclusion": "OrderReserveInclusion",
        "reserve_removal": "OrderReserveRemoval",
        "award": "OrderAward",
        "penalty": "OrderPenalty",
        "training_referral": "OrderTrainingReferral",
        "ethics_commission": "OrderEthicsCommission",
        "evaluation_commission": "OrderEvaluationCommission",
        "appeal_commission": "OrderAppealCommission",
        "competition_commission": "OrderCompetitionCommission",
        "disciplinary_commission": "OrderDisciplinaryCommission",
        "staff_schedule": "OrderStaffSchedule",
    },
    "evaluation_outcome": {"changed": "AssessmentChanged", "upheld": "AssessmentUpheld"},
    "appeal_outcome": {
        "positive": "AppealPositive",
        "redirected": "AppealRedirected",
        "on_merits": "AppealConsideredOnMerits",
    },
    # the working commission's own judgement of an ad-hoc question (memo footnote *****)
    "finding_status": {
        "compliant": "JudgedCompliant",
        "non_compliant": "JudgedNonCompliant",
        "insufficient_evidence": "JudgedInsufficientEvidence",
        "informational": "JudgedInformational",
    },
}
CODE_CLASSES = {
    "doc_status": "DocumentStatus",
    "training_kind": "TrainingKind",
    "funding": "FundingSource",
    "filled_by": "FillingMethod",
    "position_group": "PositionGroup",
    "order_kind": "OrderKind",
    "evaluation_outcome": "EvaluationAppealOutcome",
    "appeal_outcome": "CitizenAppealOutcome",
    "finding_status": "CommissionJudgement",
}
