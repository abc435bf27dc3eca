"""The facts format as data: record kinds, their fields and coded values.

One source of truth for the JSON reader, the validator, the fast N-Triples converter, the Excel
layout and the JSON-LD context (ontology/facts-context.jsonld is generated from it and a test
keeps the two equal). Labels live in ontology/facts.ttl, not here.
Body types, unit kinds and evidence documents are NOT listed here: they are read from rules/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb_service.core.namespaces import DCT_NS as DCT
from kb_service.core.namespaces import FACTS_NS as FACTS_BASE
from kb_service.core.namespaces import KYZ_NS as KYZ
from kb_service.core.namespaces import PROJECT_NS
from kb_service.core.namespaces import XSD_NS as XSD
from kb_service.facts.codes import CODES

CONTEXT_URL = PROJECT_NS + "ontology/facts-context.jsonld"
PREFIXES = {"kyz": KYZ, "dct": DCT, "xsd": XSD}
ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")  # opaque and IRI-safe; use fullmatch


@dataclass(frozen=True)
class Field:
    key: str  # JSON key
    prop: str  # CURIE of the RDF property
    # str, int, bool, date, code (CODES), kb (an id from rules/, arg = namespace), doc (an
    # evidence-document number), section (a memo section the KB evaluates), ref (id of a
    # record of the collection named by arg)
    kind: str
    required: bool = False
    arg: str = ""  # code list name, kb namespace ("body-type") or referenced collection key
    minimum: int | None = None  # for int
    maximum: int | None = None
    future_ok: bool = False  # date may fall after the as-of date


@dataclass(frozen=True)
class Collection:
    key: str  # JSON key of the array
    cls: str  # class local name in kyz:
    segment: str  # IRI path segment: {base}{segment}/{id}
    section: int  # memo section the sheet belongs to (0 = several)
    sheet: str  # Excel sheet name
    fields: tuple[Field, ...]
    before: tuple[tuple[str, str], ...] = ()  # (earlier, later) date keys


def F(key: str, prop: str, kind: str = "str", **kw: object) -> Field:  # noqa: N802
    return Field(key, prop, kind, **kw)  # type: ignore[arg-type]


UNIT = F("unit", "kyz:unit", "ref", required=True, arg="units")
UNIT_OPT = F("unit", "kyz:unit", "ref", arg="units")
SERVANT = F("servant", "kyz:servant", "ref", arg="servants")
REMARK = F("note", "kyz:remark")
COUNT = {"minimum": 0}

BODY_FIELDS: tuple[Field, ...] = (
    F("name", "dct:title", required=True),
    F("body_type", "kyz:bodyType", "kb", required=True, arg="body-type"),
    F("from", "kyz:periodFrom", "date", required=True, future_ok=True),
    F("to", "kyz:periodTo", "date", required=True, future_ok=True),
    F("monitoring_date", "kyz:monitoringDate", "date"),
    F("donor_trained_database", "kyz:donorTrainedDatabase", "bool"),
)
PERIOD_KEYS = ("from", "to")  # nested under "period" in JSON

# fmt: off
# One table, kept compact so the whole format reads at a glance.
COLLECTIONS: tuple[Collection, ...] = (
    Collection("units", "Unit", "unit", 1, "1 Бөлүмчөлөр", (
        F("kind", "kyz:unitKind", "kb", required=True, arg="unit-kind"),
        F("name", "dct:title"),
        F("staff_approved", "kyz:staffApproved", "int", **COUNT),
        F("staff_actual", "kyz:staffActual", "int", **COUNT),
    )),
    Collection("documents", "DocumentSeen", "document", 0, "Документтер", (
        F("document", "kyz:documentTypeNumber", "doc", required=True),
        UNIT,
        F("status", "kyz:documentStatus", "code", required=True, arg="doc_status"),
        F("number", "kyz:registrationNumber"),
        F("date", "dct:date", "date"),
        REMARK,
    )),
    Collection("vacancies", "Vacancy", "vacancy", 2, "2 Бош орундар", (
        UNIT,
        F("position", "kyz:position"),
        F("position_group", "kyz:positionGroup", "code", arg="position_group"),
        F("opened_on", "kyz:openedOn", "date", required=True),
        F("filled_on", "kyz:filledOn", "date"),
        F("filled_by", "kyz:filledBy", "code", arg="filled_by"),
        F("protocol", "kyz:protocolReference"),
        F("protocol_date", "kyz:protocolDate", "date"),
    ), before=(("opened_on", "filled_on"),)),
    Collection("servants", "Servant", "servant", 3, "3 Кызматчылар", (
        UNIT,
        F("position", "kyz:position"),
        F("position_group", "kyz:positionGroup", "code", arg="position_group"),
        F("appointed_on", "kyz:appointedOn", "date"),
        F("meets_qualification", "kyz:meetsQualification", "bool"),
        F("class_rank", "kyz:classRank"),
        F("class_rank_date", "kyz:classRankDate", "date"),
        F("personal_file", "kyz:hasPersonalFile", "bool"),
        F("work_book", "kyz:hasWorkBook", "bool"),
    )),
    Collection("reserve", "ReserveEntry", "reserve", 4, "4 Резерв", (
        UNIT,
        SERVANT,
        F("person", "kyz:person"),
        F("position_group", "kyz:positionGroup", "code", arg="position_group"),
        F("included_on", "kyz:includedOn", "date", required=True),
        F("inclusion_order", "kyz:inclusionOrder", "ref", arg="orders"),
        F("removed_on", "kyz:removedOn", "date"),
        F("removal_order", "kyz:removalOrder", "ref", arg="orders"),
    ), before=(("included_on", "removed_on"),)),
    Collection("trainings", "Training", "training", 5, "5 Окутуулар", (
        F("servant", "kyz:servant", "ref", required=True, arg="servants"),
        F("date", "dct:date", "date", required=True),
        F("kind", "kyz:trainingKind", "code", required=True, arg="training_kind"),
        F("funding", "kyz:fundedBy", "code", required=True, arg="funding"),
        F("topic", "kyz:topic"),
        F("order", "kyz:referralOrder", "ref", arg="orders"),
    )),
    Collection("needs_reports", "TrainingNeedsReport", "needs-report", 5, "5 Муктаждыктар", (
        F("year", "kyz:year", "int", required=True, minimum=2000, maximum=2100),
        F("sent_on", "kyz:sentOn", "date"),
    )),
    Collection("programmes", "TrainingProgramme", "programme", 5, "5 Программалар", (
        F("year", "kyz:year", "int", required=True, minimum=2000, maximum=2100),
        F("approved_on", "kyz:approvedOn", "date"),
    )),
    Collection("donor_invitations", "DonorInvitation", "donor-invitation", 5, "5 Донорлор", (
        F("donor", "kyz:donor"),
        F("received_on", "kyz:receivedOn", "date", required=True),
        F("forwarded_on", "kyz:forwardedOn", "date"),
    ), before=(("received_on", "forwarded_on"),)),
    Collection("semiannual_reports", "SemiannualReport", "semiannual-report", 5, "5 Отчеттор", (
        F("year", "kyz:year", "int", required=True, minimum=2000, maximum=2100),
        F("half", "kyz:half", "int", required=True, minimum=1, maximum=2),
        F("sent_on", "kyz:sentOn", "date"),
    )),
    Collection("orders", "InternalOrder", "order", 7, "7 Буйруктар", (
        F("kind", "kyz:orderKind", "code", required=True, arg="order_kind"),
        UNIT_OPT,
        F("number", "kyz:registrationNumber"),
        F("date", "dct:date", "date"),
        SERVANT,
        F("basis", "kyz:basis"),
        F("basis_present", "kyz:basisPresent", "bool"),
        REMARK,
    )),
    Collection("ethics", "EthicsRecord", "ethics", 8, "8 Этика", (
        UNIT,
        F("commission_order", "kyz:commissionOrder", "ref", arg="orders"),
        F("code_present", "kyz:ethicsCodePresent", "bool"),
        F("work_plan_present", "kyz:workPlanPresent", "bool"),
        F("sessions", "kyz:sessionCount", "int", **COUNT),
        F("measures", "kyz:measureCount", "int", **COUNT),
        REMARK,
    )),
    Collection("evaluation_appeals", "EvaluationAppeal", "evaluation-appeal", 9, "9 Баалоо", (
        UNIT,
        SERVANT,
        F("filed_on", "kyz:filedOn", "date", required=True),
        F("decided_on", "kyz:decidedOn", "date"),
        F("outcome", "kyz:evaluationOutcome", "code", arg="evaluation_outcome"),
        F("materials_present", "kyz:materialsPresent", "bool"),
    ), before=(("filed_on", "decided_on"),)),
    Collection("dismissals", "Dismissal", "dismissal", 10, "10 Бошотуулар", (
        UNIT,
        SERVANT,
        F("ground", "kyz:ground"),
        F("dismissed_on", "kyz:dismissedOn", "date", required=True),
        F("notified_on", "kyz:notifiedOn", "date"),
    ), before=(("dismissed_on", "notified_on"),)),
    Collection("damage_cases", "DamageCase", "damage-case", 10, "10 Зыян", (
        UNIT,
        SERVANT,
        F("found_on", "kyz:foundOn", "date", required=True),
        F("amount", "kyz:amountSom", "int", minimum=0, maximum=10**12),
        F("compensated", "kyz:compensated", "bool"),
        F("compensated_on", "kyz:compensatedOn", "date"),
    ), before=(("found_on", "compensated_on"),)),
    Collection("citizen_appeals", "CitizenAppeal", "citizen-appeal", 11, "11 Кайрылуулар", (
        UNIT,
        F("received_on", "kyz:receivedOn", "date", required=True),
        F("answered_on", "kyz:answeredOn", "date"),
        F("outcome", "kyz:appealOutcome", "code", arg="appeal_outcome"),
        F("topic", "kyz:topic"),
    ), before=(("received_on", "answered_on"),)),
    Collection("reception", "ReceptionArrangements", "reception", 11, "11 Кабыл алуу", (
        UNIT,
        F("trust_phone", "kyz:trustPhone", "bool"),
        F("public_reception", "kyz:publicReception", "bool"),
        F("reception_schedule", "kyz:receptionSchedule", "bool"),
        F("e_register", "kyz:electronicRegister", "bool"),
    )),
    Collection("hr_service", "HRServiceState", "hr", 12, "12 Кадр кызматы", (
        UNIT,
        F("safe", "kyz:safeForPersonalFiles", "bool"),
        F("archive", "kyz:archive", "bool"),
    )),
    # Memo footnote *****: the working commission may examine other issues and ask for other
    # documents; it records the question, its own judgement and the reason here.
    Collection("adhoc", "AdHocFinding", "adhoc", 0, "Кошумча маселелер", (
        # a section the KB evaluates (section 13's function passed to the Tax Service)
        F("section", "kyz:memoSection", "section", required=True, minimum=1),
        F("question", "kyz:question", required=True),
        F("status", "kyz:commissionJudgement", "code", required=True, arg="finding_status"),
        UNIT_OPT,
        F("documents", "kyz:documentsRequested"),
        REMARK,
        # the act it relies on (an id of rules/acts.ttl); without it, the section's legal basis
        F("act", "kyz:commissionAct", "kb", arg="act"),
    )),
)
# fmt: on
BY_KEY = {c.key: c for c in COLLECTIONS}
TOP_KEYS = frozenset(
    {
        "@context",
        "id",
        "type",
        "name",
        "body_type",
        "period",
        "monitoring_date",
        "donor_trained_database",
        "recorded",
        *BY_KEY,
    }
)


def expand(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return PREFIXES[prefix] + local


def body_base(body_id: str) -> str:
    return f"{FACTS_BASE}{body_id}/"


def body_iri(body_id: str) -> str:
    # JSON-LD resolves the body's "id" against @base, hence the repeated id.
    return f"{body_base(body_id)}{body_id}"


def record_iri(body_id: str, coll: Collection, rec_id: str) -> str:
    return f"{body_base(body_id)}{coll.segment}/{rec_id}"


def code_iri(codes: str, code: str) -> str:
    return KYZ + CODES[codes][code]
