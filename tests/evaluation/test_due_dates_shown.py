"""A deadline finding shows the due date it used, compliant or not, with the days off and
working weekend days that moved it (the working-day calendar), in every example and language.
"""

from __future__ import annotations

import datetime as dt

import pytest
from bodies import minimal_body
from outputs import AS_OF, EXAMPLES

from kb_service.evaluation.assess import assess
from kb_service.evaluation.evaluate import evaluate_body, open_store
from kb_service.evaluation.explain import explain
from kb_service.facts import facts_from_dict, load_facts
from kb_service.kb.registry import current_kb
from kb_service.law.working_days import working_calendar

LANGS = ("ky", "ru", "en")
# 5 working days after 30 Apr 2024: 1-3 and 9 May are days off, Saturday 11 May is worked
ACROSS_MAY = minimal_body(
    donor_invitations=[{"id": "di1", "received_on": "2024-04-30", "forwarded_on": "2024-05-10"}]
)


def _due_checks(cc) -> set[str]:
    return {
        c.id
        for c in cc.checks.values()
        if any(cc.parameters[p].role == "due" for p in c.parameters)
    }


@pytest.mark.parametrize("lang", LANGS)
def test_a_met_deadline_shows_its_due_date_and_what_moved_it(lang):
    facts = facts_from_dict(ACROSS_MAY, "may.json", AS_OF, kb=current_kb())
    finding = next(
        f
        for f in assess(facts, AS_OF, lang, kb=current_kb()).findings
        if f.check == "donor-forwarding"
    )
    assert finding.status == "compliant"
    text, cal = finding.explanation, working_calendar(current_kb())
    assert "di1 (" in text and "2024-05-11" in text  # the due date
    for day in ("2024-05-01", "2024-05-02", "2024-05-03", "2024-05-09"):
        assert f"{day} {cal.holiday_name(dt.date.fromisoformat(day), lang)}" in text
    moved = current_kb().checks.message("working-weekend", lang).format(days="2024-05-11")
    assert moved in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_deadline_finding_shows_each_due_date(example, lang):
    cc, kb = current_kb().checks, current_kb()
    facts = load_facts(example, AS_OF, kb=current_kb())
    ctx, outcomes = evaluate_body(open_store(kb, facts), facts, AS_OF, kb=kb)
    evaluation = explain(ctx, outcomes, lang, AS_OF, str(example), kb=kb)
    checks, cal, shown = _due_checks(cc), working_calendar(current_kb()), 0
    for outcome, finding in zip(outcomes, evaluation.findings, strict=True):
        if outcome.check.id not in checks or outcome.reason != "judged":
            continue
        for item in outcome.items:
            words = _item_words(finding.explanation, item.id)
            dues = [item.values.get(k) for k in ("due", "dueCalendar", "dueWorking")]
            dues = [d for d in dues if isinstance(d, dt.date)]
            assert dues and all(d.isoformat() in words for d in dues), (item.id, words)
            received = item.values["received"]
            last = item.values.get("dueWorking") or item.values["due"]
            for n in range(1, (last - received).days + 1):
                day = received + dt.timedelta(days=n)
                if cal.is_weekend(day) == cal.is_working_day(day):  # a day off or a worked weekend
                    assert day.isoformat() in words, (item.id, day, words)
            shown += 1
    assert shown


def _item_words(explanation: str, item_id: str) -> str:
    """What an explanation says of one record: the brackets after its id, nested ones included."""
    start = explanation.index(f"{item_id} (") + len(item_id) + 2
    depth = 1
    for end in range(start, len(explanation)):
        depth += {"(": 1, ")": -1}.get(explanation[end], 0)
        if depth == 0:
            return explanation[start:end]
    raise AssertionError(f"unclosed bracket after {item_id}")


def test_the_examples_have_met_deadlines_to_show():
    cc = current_kb().checks
    met = [
        f
        for example in EXAMPLES
        for f in assess(
            load_facts(example, AS_OF, kb=current_kb()), AS_OF, "en", kb=current_kb()
        ).findings
        if f.check in _due_checks(cc) and f.status == "compliant" and "due" in f.explanation
    ]
    assert met  # the property above is not vacuous
