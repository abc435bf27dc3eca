"""The kinds of check (kyz:checkKind in rules/checks.ttl) and what each means for evaluating and
wording a finding. The one place that branches on a check's kind.

kb validate holds rules/ to these names (kb.shapes.ttl, kys:CheckKindKnown); a test holds the
shape and this registry to the same list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckKind:
    name: str
    judged: bool = True  # False: the finding reports what is there and judges nothing
    documents: bool = False  # its rows are the requirement's evidence documents, per unit
    # how a judged outcome is worded (explain.py): the records that failed ("records"), one
    # yes/no fact ("flag"), something that exists ("presence"), the evidence documents
    wording: str = "records"

    def no_units_status(self) -> str:
        """The status when the body has none of the units the check looks at."""
        return "insufficient_evidence" if self.judged else "informational"


KINDS: dict[str, CheckKind] = {
    k.name: k
    for k in (
        CheckKind("per-record"),
        CheckKind("flag", wording="flag"),
        CheckKind("count-consistency", wording="flag"),
        CheckKind("presence", wording="presence"),
        CheckKind("document-presence", documents=True, wording="documents"),
        CheckKind("informational", judged=False, wording="informational"),
        CheckKind("adhoc", judged=False, wording="adhoc"),  # the commission's own judgement
        CheckKind("none", judged=False),  # a requirement that is not evaluated
    )
}
RULE_KINDS = tuple(k for k in KINDS if k not in ("adhoc", "none"))  # those rules/ may name


def kind_of(name: str) -> CheckKind:
    return KINDS[name]
